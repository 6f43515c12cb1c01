"""Permissions of the Sekretariat's pages, per role (granted by migration 0002)."""

from lpse import roles

_SEKRETARIAT_STAFF = [
    "sekretariat.kelola_kepegawaian",
    "sekretariat.kelola_naskah",
    "sekretariat.kelola_program_kerja",
    "sekretariat.kelola_risiko",
    "sekretariat.kelola_humas",
    # Pasal 8(4)f: perlengkapan and rumah tangga are the Sekretariat's.
    "sekretariat.kelola_perlengkapan",
]

ROLE_PERMISSIONS = {
    # Pasal 7(2): the Kepala Unit leads, directs and writes the Laporan Kegiatan.
    roles.KEPALA_UNIT: [
        *_SEKRETARIAT_STAFF,
        "sekretariat.disposisi_naskah",
        "sekretariat.susun_laporan",
        "sekretariat.terbitkan_laporan",
        "sekretariat.pantau_sop",
    ],
    # Pasal 8(3)d: the Sekretaris controls, evaluates and reports.
    roles.SEKRETARIS: [
        *_SEKRETARIAT_STAFF,
        "sekretariat.disposisi_naskah",
        "sekretariat.susun_laporan",
        "sekretariat.pantau_sop",
        # Pasal 8(4)f: the Sekretaris approves staff requests and signs the yearly stock-take.
        "sekretariat.setujui_permintaan_barang",
    ],
    roles.SEKRETARIAT: list(_SEKRETARIAT_STAFF),
    # Pasal 9(4)a, 10(6)a, 11(4)a: each Kepala Bidang drafts the program kerja of the bidang.
    roles.KABID_ADMIN_SISTEM: ["sekretariat.kelola_program_kerja"],
    roles.KABID_REGISTRASI: ["sekretariat.kelola_program_kerja"],
    roles.KABID_LAYANAN: ["sekretariat.kelola_program_kerja"],
}

# The bidang whose program kerja a role may edit; None means every bidang.
PROGRAM_KERJA_BIDANG = {
    roles.KABID_ADMIN_SISTEM: "infrastruktur",
    roles.KABID_REGISTRASI: "registrasi",
    roles.KABID_LAYANAN: "layanan",
}

# The unit role that matches a position in the unit, for the Pasal 19(3) check
# of a linked portal account.
ROLE_OF_JABATAN = {
    ("kepala_unit", ""): roles.KEPALA_UNIT,
    ("sekretaris", "sekretariat"): roles.SEKRETARIS,
    ("anggota", "sekretariat"): roles.SEKRETARIAT,
    ("kepala_bidang", "infrastruktur"): roles.KABID_ADMIN_SISTEM,
    ("anggota", "infrastruktur"): roles.ADMIN_SISTEM,
    ("kepala_bidang", "registrasi"): roles.KABID_REGISTRASI,
    ("anggota", "registrasi"): roles.REGISTRASI,
    ("kepala_bidang", "layanan"): roles.KABID_LAYANAN,
    ("anggota", "layanan"): roles.LAYANAN,
}
