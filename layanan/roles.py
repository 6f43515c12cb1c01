"""Permissions of the Layanan dan Dukungan app, by role (granted in migrations 0003 and 0005)."""

from lpse import roles

_BOOK = "layanan.add_pemesananruang"

ROLE_PERMISSIONS = {
    # Pasal 14 huruf a: the Pokja and the LPSE staff book the rooms.
    **{role: [_BOOK] for role in roles.STAFF_ROLES},
    roles.POKJA: [_BOOK],
    # The Kepala Bidang leads the bidang: sets its service targets and decides bookings.
    roles.KABID_LAYANAN: ["layanan.tiket.kelola_sla", "layanan.pemesananruang.putus_pemesanan", _BOOK],
}
