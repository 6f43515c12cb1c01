"""Permissions of Bidang Registrasi dan Verifikasi (Pasal 10)."""

from lpse import roles

VERIFIKASI = "registrasi.pendaftaran.verifikasi_pendaftaran"
TUGASKAN = "registrasi.pendaftaran.tugaskan_pendaftaran"

ROLE_PERMISSIONS = {
    # Pasal 10(4), 10(6)b–f: the bidang verifies and decides; its head also assigns the work.
    roles.KABID_REGISTRASI: [VERIFIKASI, TUGASKAN],
    roles.REGISTRASI: [VERIFIKASI],
}
