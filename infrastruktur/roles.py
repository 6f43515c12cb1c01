"""Permissions of this bidang's roles (granted by migration 0002_roles_jadwal)."""

from lpse import roles

ROLE_PERMISSIONS = {
    # Pasal 16(4) and the change process: the Kepala Bidang decides.
    roles.KABID_ADMIN_SISTEM: ["infrastruktur.setujui_perubahan", "infrastruktur.setujui_izin"],
    roles.KEPALA_UNIT: ["infrastruktur.setujui_izin"],
}
