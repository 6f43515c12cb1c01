"""Stand-ins for the other bidang's registered report figures: the contract of
sekretariat/sources.py, filled with fixed numbers. ``install(monkeypatch)`` puts them
where sources.py looks (``sources._figures``, which otherwise reads ``lpse.registry``).

The real bidang's figures are read on real data in tests/sekretariat/test_report_figures.py
and tests/lpse/test_registry.py; these stand-ins pin the Sekretariat's own arithmetic."""

from sekretariat import sources

REGISTRASI = {
    "pendaftaran_per_status": {"Diajukan": 4, "Disetujui": 12, "Ditolak": 2},
    "pendaftaran_masuk": 18,
    "terverifikasi": 12,
    "ditolak": 2,
    "median_verifikasi_jam": 5.5,
    "menunggu_lewat_target": 1,
}
LAYANAN = {
    "tiket_per_kanal": {"Internet": 30, "Telepon": 8, "Tatap muka": 5},
    "tiket_per_kategori": {"Akun": 20, "Penawaran": 23},
    "tiket_masuk": 43,
    "tiket_selesai": 40,
    "sla_terpenuhi_persen": 93.0,
    "tiket_lewat_sla": 3,
    "kepuasan_rata2": 4.4,
    "eskalasi_lkpp": 2,
    "pelatihan": 3,
    "peserta_pelatihan": 75,
    "pemakaian_ruang": {"Ruang pelatihan": 6, "Bidding room": 9},
}
INFRASTRUKTUR = {
    "uptime_persen": 99.2,
    "insiden": 1,
    "hari_monitoring": 20,
    "hari_tanpa_monitoring": 2,
    "backup_dibuat": 30,
    "backup_terverifikasi": 28,
    "backup_belum_terverifikasi": 2,
    "salinan_offsite": 4,
    "hari_sejak_offsite": 3,
    "cek_ruang_server": 20,
    "cek_ruang_server_terlewat": 0,
}
FIGURES = {"registrasi": REGISTRASI, "layanan": LAYANAN, "infrastruktur": INFRASTRUKTUR}


def install(monkeypatch, calls: list | None = None) -> None:
    def figures(bidang, *, start, end):
        if calls is not None:
            calls.append((bidang, start, end))
        return dict(FIGURES[bidang])

    monkeypatch.setattr(sources, "_figures", figures)


def install_none(monkeypatch) -> None:
    """Make every other bidang look as if it were not installed (an office may leave one out)."""
    monkeypatch.setattr(sources, "_figures", lambda bidang, *, start, end: None)
