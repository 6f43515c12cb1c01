"""The sections of the Laporan Kegiatan and the statistics pages, built from
the figures of every bidang (see sources.py). Labels are what a reader sees."""

from .sources import NO_DATA

SECTIONS = [
    ("registrasi", "Registrasi dan verifikasi pengguna SPSE", "Pasal 10, 13"),
    ("layanan", "Layanan dan dukungan", "Pasal 11, 14, 15, 24(1)d"),
    ("infrastruktur", "Administrasi sistem elektronik", "Pasal 16, 17, 18"),
    ("sekretariat", "Sekretariat", "Pasal 8, 22"),
]

LABELS = {
    "registrasi": {
        "pendaftaran_masuk": "Pendaftaran masuk",
        "pendaftaran_per_status": "Pendaftaran menurut status",
        "terverifikasi": "Pendaftaran disetujui",
        "ditolak": "Pendaftaran ditolak",
        "median_verifikasi_jam": "Median waktu verifikasi (jam kerja)",
        "menunggu_lewat_target": "Menunggu melewati target",
    },
    "layanan": {
        "tiket_masuk": "Tiket masuk",
        "tiket_selesai": "Tiket terselesaikan",
        "tiket_per_kanal": "Tiket menurut kanal",
        "tiket_per_kategori": "Tiket menurut kategori",
        "sla_terpenuhi_persen": "Kepatuhan SLA (%)",
        "tiket_lewat_sla": "Tiket melewati SLA",
        "kepuasan_rata2": "Rata-rata kepuasan (1–5)",
        "eskalasi_lkpp": "Eskalasi ke LKPP",
        "pelatihan": "Pelatihan/sosialisasi",
        "peserta_pelatihan": "Peserta pelatihan",
        "pemakaian_ruang": "Pemakaian ruang",
        "rup_diumumkan": "RUP OPD diumumkan dengan pendampingan (Pasal 4(1)a)",
        "rup_tepat_waktu": "RUP diumumkan sebelum batas",
        "rup_opd_terlambat": "OPD terlambat mengumumkan RUP",
        "pengumuman_ulp_difasilitasi": "Pengumuman ULP difasilitasi (Pasal 4(1)b)",
        "sesi_pendampingan": "Sesi pendampingan RUP/pengumuman",
    },
    "infrastruktur": {
        "uptime_persen": "Uptime (%)",
        "insiden": "Insiden",
        "hari_monitoring": "Hari dengan monitoring harian",
        "hari_tanpa_monitoring": "Hari kerja tanpa monitoring",
        "backup_dibuat": "Backup dibuat",
        "backup_terverifikasi": "Backup terverifikasi",
        "backup_belum_terverifikasi": "Backup belum terverifikasi",
        "salinan_offsite": "Salinan di luar ruang server",
        "hari_sejak_offsite": "Hari sejak salinan off-site terakhir",
        "cek_ruang_server": "Pemeriksaan ruang server",
        "cek_ruang_server_terlewat": "Pemeriksaan ruang server terlewat",
    },
    "sekretariat": {
        "surat_masuk": "Surat masuk",
        "surat_keluar": "Surat keluar",
        "telaahan": "Telaahan staf",
        "naskah_total": "Seluruh naskah teragenda",
        "disposisi": "Disposisi",
        "disposisi_selesai": "Disposisi selesai",
        "disposisi_terlambat": "Disposisi melewati batas waktu",
        "pegawai_aktif": "Pegawai aktif",
        "pegawai_per_bidang": "Pegawai per bidang",
        "pelatihan_pegawai": "Pelatihan pegawai (Pasal 22)",
        "pegawai_dilatih": "Pegawai yang mengikuti pelatihan",
        "jam_pelatihan": "Jam pelajaran pelatihan",
        "honorarium": "Honorarium dibayarkan (Rp)",
        "laporan_terbit": "Laporan kegiatan diterbitkan",
        "koordinasi_lkpp": "Koordinasi dengan LKPP (Pasal 24(2))",
        "konsultasi_lkpp": "Konsultasi ke LKPP",
        "usulan_lkpp": "Informasi dan usulan teknis ke LKPP",
        "koordinasi_lkpp_belum_dijawab": "Koordinasi LKPP belum dijawab",
        "permintaan_barang": "Permintaan barang dari pegawai (Pasal 8(4)f)",
        "permintaan_barang_disetujui": "Permintaan barang disetujui",
        "permintaan_barang_ditolak": "Permintaan barang ditolak",
        "mutasi_barang_masuk": "Mutasi perlengkapan masuk",
        "mutasi_barang_keluar": "Mutasi perlengkapan keluar",
        "inventarisasi_perlengkapan": "Inventarisasi perlengkapan diselesaikan",
    },
}

# Figures that may be published on the public statistics page: aggregates
# about the service, never about persons (UU 14/2008; no honorarium, no staff).
PUBLIC_KEYS = {
    "registrasi": ["pendaftaran_masuk", "terverifikasi", "median_verifikasi_jam"],
    "layanan": [
        "tiket_masuk",
        "tiket_selesai",
        "tiket_per_kanal",
        "sla_terpenuhi_persen",
        "kepuasan_rata2",
        "pelatihan",
        "peserta_pelatihan",
    ],
    "infrastruktur": ["uptime_persen", "insiden", "backup_terverifikasi"],
}


def sections(figures: dict, *, keys: dict | None = None, only: str = "") -> list[dict]:
    """Rows of each section; a bidang without data gets ``tanpa_data`` and the sentence saying so."""
    out = []
    for name, judul, pasal in SECTIONS:
        if only and name != only:
            continue
        if keys is not None and name not in keys:
            continue
        data = figures.get(name)
        rows = []
        if data is not None:
            wanted = keys[name] if keys is not None else list(LABELS[name])
            for key in wanted:
                if key not in data:
                    continue
                value = data[key]
                label = LABELS[name].get(key, key)
                if isinstance(value, dict | list):  # a breakdown: a dict, or [key, value] pairs from a stored report
                    items = list(value.items()) if isinstance(value, dict) else [tuple(i) for i in value]
                    rows.append({"label": label, "value": None, "items": items})
                else:
                    rows.append({"label": label, "value": value, "items": None})
        out.append(
            {"name": name, "judul": judul, "pasal": pasal, "tanpa_data": data is None, "pesan": NO_DATA, "rows": rows}
        )
    return out


def flat_rows(figures: dict, *, keys: dict | None = None, only: str = "") -> list[tuple[str, str, object]]:
    """(bidang, indikator, nilai) rows for CSV/XLSX export; dict figures become one row per item."""
    rows = []
    for section in sections(figures, keys=keys, only=only):
        if section["tanpa_data"]:
            rows.append((section["judul"], section["pesan"], ""))
            continue
        for row in section["rows"]:
            if row["items"] is not None:
                rows.extend((section["judul"], f"{row['label']}: {k}", v) for k, v in row["items"])
            else:
                rows.append((section["judul"], row["label"], row["value"]))
    return rows
