"""Permissions of Bidang Registrasi dan Verifikasi (Pasal 10)."""

from lpse import roles

VERIFIKASI = "registrasi.pendaftaran.verifikasi_pendaftaran"
TUGASKAN = "registrasi.pendaftaran.tugaskan_pendaftaran"
AJUKAN_PENONAKTIFAN = "registrasi.penonaktifan.ajukan_penonaktifan"
# SPSE users brought in from SPSE's export (issue 15): the bidang that keeps the user register.
PENGGUNA_SPSE = ["registrasi.view_penggunaspse", "registrasi.add_penggunaspse", "registrasi.change_penggunaspse"]

ROLE_PERMISSIONS = {
    # Pasal 10(4), 10(6)b–f: the bidang verifies and decides; its head also assigns the work.
    roles.KABID_REGISTRASI: [VERIFIKASI, TUGASKAN, *PENGGUNA_SPSE],
    roles.REGISTRASI: [VERIFIKASI, *PENGGUNA_SPSE],
    # Pasal 10(5): PA/KPA, PPK and ULP/Pejabat Pengadaan may ask for a blacklisted vendor's deactivation.
    roles.PA_KPA: [AJUKAN_PENONAKTIFAN],
    roles.PPK: [AJUKAN_PENONAKTIFAN],
    roles.POKJA: [AJUKAN_PENONAKTIFAN],
}
