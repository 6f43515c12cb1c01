"""Permissions of the Layanan dan Dukungan app, by role (granted in migration 0003)."""

from lpse import roles

ROLE_PERMISSIONS = {
    # Pasal 6: the Kepala Bidang leads the bidang and sets its service targets.
    roles.KABID_LAYANAN: ["layanan.tiket.kelola_sla"],
}
