"""Figures from the other bidang, read through their selectors.

The bidang apps are built separately; each is expected to offer, in its
``selectors.py``, one read function that takes a period and returns a dict of
plain numbers (aggregate queries only, a constant number of them)::

    registrasi.selectors.report_figures(*, start: date, end: date) -> dict
        pendaftaran_per_status: dict[str, int]   # label → count, registrations submitted in the period
        pendaftaran_masuk: int                    # registrations submitted in the period
        terverifikasi: int                        # approved in the period (Pasal 10(4))
        ditolak: int
        median_verifikasi_jam: float | None       # submission → decision, working hours
        menunggu_lewat_target: int                # waiting past their target at ``end``

    layanan.selectors.report_figures(*, start: date, end: date) -> dict
        tiket_per_kanal: dict[str, int]           # internet / telepon / tatap muka (Pasal 11(3)a)
        tiket_per_kategori: dict[str, int]
        tiket_masuk: int
        tiket_selesai: int
        sla_terpenuhi_persen: float | None
        tiket_lewat_sla: int
        kepuasan_rata2: float | None              # 1–5 (Pasal 24(1)d)
        eskalasi_lkpp: int                        # Pasal 15(3)
        pelatihan: int                            # trainings held (Pasal 11(4)b)
        peserta_pelatihan: int
        pemakaian_ruang: dict[str, int]           # room → bookings (Pasal 14a)

    infrastruktur.selectors.report_figures(*, start: date, end: date) -> dict
        uptime_persen: float | None
        insiden: int
        hari_monitoring: int                      # days with a daily monitoring report (Pasal 17(1))
        hari_tanpa_monitoring: int                # working days in the period without one
        backup_dibuat: int                        # Pasal 18(1)
        backup_terverifikasi: int
        backup_belum_terverifikasi: int
        salinan_offsite: int                      # Pasal 18(2)
        hari_sejak_offsite: int | None            # at ``end``
        cek_ruang_server: int                     # Pasal 16(3)
        cek_ruang_server_terlewat: int

Any bidang may add ``tautan: dict[str, str]`` (figure → URL of the records
behind it, e.g. the queue filtered to registrations past their target); the
SOP page links each line there, else to the bidang's own page.

Each bidang registers its function with ``lpse.registry`` in its
``AppConfig.ready`` (an app of one concern of a bidang, such as monitoring or
backup, reports under its bidang's name). Nothing is looked up by string and
no error is swallowed: a selector that breaks fails the page and the suite.
A bidang that is not installed gives ``None``, and every page and report says
"belum ada data" for it.
"""

from datetime import date

from lpse import registry

NO_DATA = "Belum ada data dari bidang ini."


def _figures(bidang: str, *, start: date, end: date) -> dict | None:
    """The registered figures of ``bidang`` for the period, or None when none is installed."""
    return registry.report_figures(bidang, start=start, end=end)


def registrasi(*, start: date, end: date) -> dict | None:
    """Registration and verification figures (Pasal 10, 13), or None."""
    return _figures("registrasi", start=start, end=end)


def layanan(*, start: date, end: date) -> dict | None:
    """User service, helpdesk and training figures (Pasal 11, 14, 15), or None."""
    return _figures("layanan", start=start, end=end)


def infrastruktur(*, start: date, end: date) -> dict | None:
    """Monitoring, backup and server-room figures (Pasal 16–18), or None."""
    return _figures("infrastruktur", start=start, end=end)


def sekretariat(*, start: date, end: date) -> dict:
    """The Sekretariat's own figures; always available."""
    from .selectors import sekretariat_figures

    return sekretariat_figures(start=start, end=end)


SOURCES = {
    "registrasi": registrasi,
    "layanan": layanan,
    "infrastruktur": infrastruktur,
    "sekretariat": sekretariat,
}


def all_figures(*, start: date, end: date) -> dict[str, dict | None]:
    """Every bidang's figures for the period, one call per bidang."""
    return {name: func(start=start, end=end) for name, func in SOURCES.items()}


# Program kerja activities whose realisation the portal already knows
# (key → label, bidang, figure name in that bidang's dict).
AUTO_METRICS = {
    "registrasi.terverifikasi": ("Penyedia terverifikasi", "registrasi", "terverifikasi"),
    "layanan.tiket_selesai": ("Tiket terselesaikan", "layanan", "tiket_selesai"),
    "layanan.pelatihan": ("Pelatihan/sosialisasi diselenggarakan", "layanan", "pelatihan"),
    "layanan.peserta_pelatihan": ("Peserta pelatihan", "layanan", "peserta_pelatihan"),
    "infrastruktur.backup_terverifikasi": ("Backup terverifikasi", "infrastruktur", "backup_terverifikasi"),
    "infrastruktur.hari_monitoring": ("Hari dengan monitoring harian", "infrastruktur", "hari_monitoring"),
    "sekretariat.naskah_tercatat": ("Naskah dinas teragenda", "sekretariat", "naskah_total"),
    "sekretariat.pelatihan_pegawai": ("Pelatihan pegawai (Pasal 22)", "sekretariat", "pelatihan_pegawai"),
    "sekretariat.laporan_terbit": ("Laporan kegiatan diterbitkan", "sekretariat", "laporan_terbit"),
}
AUTO_METRIC_CHOICES = [("", "— isian manual —")] + [(k, f"{v[0]} ({k.split('.')[0]})") for k, v in AUTO_METRICS.items()]


def metric_value(figures: dict[str, dict | None], key: str):
    """The value of an automatic metric from ``all_figures`` output, or None."""
    if key not in AUTO_METRICS:
        return None
    _, bidang, name = AUTO_METRICS[key]
    data = figures.get(bidang)
    if not data:
        return None
    return data.get(name)
