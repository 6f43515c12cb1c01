"""Reads shared by the Sekretariat's pages, reports and panel. Each runs a
constant number of queries, whatever the amount of data."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from lpse.roles import ROLES_FORBIDDEN_TO_STAFF, check_role_combination

from . import sources
from .models import (
    Bidang,
    Disposisi,
    FormatAgenda,
    Honorarium,
    Kegiatan,
    KontenPublik,
    KoordinasiLkpp,
    LaporanKegiatan,
    Naskah,
    Pegawai,
    PelatihanPegawai,
    PenugasanLuar,
    Risiko,
)
from .roles import ROLE_OF_JABATAN

# --- Personnel -----------------------------------------------------------------


def active_external_assignments(*, today: date | None = None):
    today = today or timezone.localdate()
    return PenugasanLuar.objects.filter(Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=today))


def external_assignments_of(*, nip: str, nik: str, today: date | None = None):
    """Active PPK/Pokja/Pejabat Pengadaan assignments of the person with this NIP or NIK."""
    match = Q(pk__in=[])
    if nip:
        match |= Q(nip=nip)
    if nik:
        match |= Q(nik=nik)
    return active_external_assignments(today=today).filter(match)


def pegawai_conflicts(*, pegawai: Pegawai) -> list[str]:
    """Why this person may not serve in the unit under Pasal 19(3); empty when none."""
    found = [
        f"Tercatat sebagai {p.get_peran_display()} dalam SK {p.nomor_sk}" + (f" ({p.instansi})" if p.instansi else "")
        for p in external_assignments_of(nip=pegawai.nip, nik=pegawai.nik)
    ]
    if pegawai.user_id:
        unit_role = ROLE_OF_JABATAN.get((pegawai.jabatan, pegawai.bidang or ""))
        names = set(pegawai.user.groups.values_list("name", flat=True)) | ({unit_role} if unit_role else set())
        try:
            check_role_combination(names)
        except Exception as exc:  # ValidationError: its message names the roles
            found.append(" ".join(getattr(exc, "messages", [str(exc)])))
    return found


def pegawai_list(*, q: str = "", bidang: str = "", aktif: bool | None = True):
    """Staff with a ``konflik_19_3`` flag (external SK or a PPK/Pokja portal role)."""
    today = timezone.localdate()
    ext = active_external_assignments(today=today).filter(
        (Q(nip=OuterRef("nip")) & ~Q(nip="")) | (Q(nik=OuterRef("nik")) & ~Q(nik=""))
    )
    forbidden_role = Group.objects.filter(user=OuterRef("user_id"), name__in=ROLES_FORBIDDEN_TO_STAFF)
    qs = Pegawai.objects.select_related("sk").annotate(konflik_sk=Exists(ext), konflik_peran=Exists(forbidden_role))
    if aktif is not None:
        qs = qs.filter(aktif=aktif)
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(nip__startswith=q) | Q(jabatan_asal__icontains=q))
    if bidang:
        qs = qs.filter(bidang=bidang)
    return qs


def current_appointments(*, today: date | None = None):
    """Active staff whose SK has not ended (or who have no SK recorded yet)."""
    today = today or timezone.localdate()
    return (
        Pegawai.objects.filter(aktif=True)
        .filter(Q(sk__isnull=True) | Q(sk__berlaku_sampai__isnull=True) | Q(sk__berlaku_sampai__gte=today))
        .select_related("sk")
    )


@dataclass
class Unit:
    """One box of the organisation chart, with its members."""

    nama: str
    kepala_jabatan: str
    kepala: list = field(default_factory=list)
    anggota: list = field(default_factory=list)


def bagan() -> dict:
    """The organisation chart of the Lampiran (Pasal 5(2)) filled with current appointments."""
    kepala_unit, units = [], {b.value: Unit(b.label, "Kepala Bidang") for b in Bidang}
    units[Bidang.SEKRETARIAT].kepala_jabatan = "Sekretaris"
    for p in current_appointments().order_by("nama"):
        if p.jabatan == Pegawai.Jabatan.KEPALA_UNIT:
            kepala_unit.append(p)
        elif p.bidang in units:
            if p.jabatan in (Pegawai.Jabatan.SEKRETARIS, Pegawai.Jabatan.KEPALA_BIDANG):
                units[p.bidang].kepala.append(p)
            else:
                units[p.bidang].anggota.append(p)
    return {
        "kepala_unit": kepala_unit,
        "sekretariat": units[Bidang.SEKRETARIAT],
        "bidang": [units[Bidang.INFRASTRUKTUR], units[Bidang.REGISTRASI], units[Bidang.LAYANAN]],
    }


def sk_ending(*, within_days: int = 60, today: date | None = None):
    today = today or timezone.localdate()
    return Pegawai.objects.filter(
        aktif=True, sk__berlaku_sampai__gte=today, sk__berlaku_sampai__lte=today + timedelta(days=within_days)
    )


# --- Naskah dinas --------------------------------------------------------------


NASKAH_SEARCH_COLUMNS = ("perihal", "pengirim", "penerima", "nomor_agenda", "nomor_surat", "ringkasan")


def naskah_search_text():
    """UPPER(perihal || newline || pengirim || …): what the register's text search matches.

    A newline between columns: a search box cannot send one, so no match spans two columns.
    """
    from django.db.models import TextField, Value
    from django.db.models.functions import Concat, Upper

    parts = []
    for column in NASKAH_SEARCH_COLUMNS:
        parts += [F(column), Value("\n")]
    return Upper(Concat(*parts[:-1], output_field=TextField()))


def naskah_search(
    *,
    q: str = "",
    jenis: str = "",
    tahun: int | None = None,
    sifat: str = "",
    belum_disposisi=False,
    retensi_habis=False,
    today: date | None = None,
):
    # A correlated count, not a JOIN + GROUP BY: it is evaluated only for the rows of the page,
    # and Paginator's count() drops it.
    per_naskah = Disposisi.objects.filter(naskah=OuterRef("pk")).order_by().values("naskah")
    qs = Naskah.objects.annotate(jumlah_disposisi=Coalesce(Subquery(per_naskah.annotate(n=Count("id")).values("n")), 0))
    if q:
        # One expression over the six searched columns, the same one the trigram index of
        # migration 0006 is built on (PostgreSQL): one index scan instead of six ORed ones.
        qs = qs.alias(teks=naskah_search_text()).filter(teks__contains=q.upper())
    if jenis:
        qs = qs.filter(jenis=jenis)
    if tahun:
        qs = qs.filter(tahun=tahun)
    if sifat:
        qs = qs.filter(sifat=sifat)
    if belum_disposisi:
        qs = qs.exclude(Exists(Disposisi.objects.filter(naskah=OuterRef("pk"))))
    if retensi_habis:
        # Same rule as Naskah.retensi_sampai: the month of the agenda date, retensi_tahun years later.
        today = today or timezone.localdate()
        qs = qs.alias(
            akhir=(ExtractYear("tanggal_agenda") + F("retensi_tahun")) * 12 + ExtractMonth("tanggal_agenda")
        ).filter(akhir__lte=today.year * 12 + today.month)
    return qs.order_by("-tanggal_agenda", "-id")


def awaiting_disposition():
    """Incoming letters and staff memos nobody has disposed of yet."""
    return Naskah.objects.filter(jenis__in=[Naskah.Jenis.MASUK, Naskah.Jenis.TELAAHAN]).exclude(
        Exists(Disposisi.objects.filter(naskah=OuterRef("pk")))
    )


# --- Program kerja -------------------------------------------------------------


def _year_bounds(tahun: int) -> tuple[date, date]:
    return date(tahun, 1, 1), date(tahun, 12, 31)


def program_kerja(*, tahun: int, bidang: str = "", figures: dict | None = None) -> dict:
    """Activities of a year with their realisation and progress, per bidang.

    Realisation comes from the portal's own records where an activity names an
    automatic source (figures of the whole year, one call per bidang), else from
    what was entered.
    """
    qs = Kegiatan.objects.filter(tahun=tahun)
    if bidang:
        qs = qs.filter(bidang=bidang)
    kegiatan = list(qs)
    if figures is None and any(k.sumber_otomatis for k in kegiatan):
        start, end = _year_bounds(tahun)
        figures = sources.all_figures(start=start, end=end)
    per_bidang: dict[str, dict] = {}
    for k in kegiatan:
        k.realisasi_otomatis = None
        if k.sumber_otomatis:
            value = sources.metric_value(figures or {}, k.sumber_otomatis)
            k.realisasi_otomatis = None if value is None else Decimal(str(value))
        k.realisasi = k.realisasi_otomatis if k.realisasi_otomatis is not None else k.realisasi_manual
        k.progres = min(100, round(float(k.realisasi) / float(k.target) * 100)) if k.realisasi is not None else 0
        k.serapan = round(float(k.realisasi_anggaran) / float(k.pagu) * 100) if k.pagu else None
        row = per_bidang.setdefault(
            k.bidang,
            {
                "bidang": k.bidang,
                "label": Bidang(k.bidang).label,
                "jumlah": 0,
                "progres_total": 0,
                "pagu": Decimal(0),
                "realisasi_anggaran": Decimal(0),
            },
        )
        row["jumlah"] += 1
        row["progres_total"] += k.progres
        row["pagu"] += k.pagu
        row["realisasi_anggaran"] += k.realisasi_anggaran
    for row in per_bidang.values():
        row["progres"] = round(row["progres_total"] / row["jumlah"]) if row["jumlah"] else 0
        row["serapan"] = round(float(row["realisasi_anggaran"]) / float(row["pagu"]) * 100) if row["pagu"] else None
    ringkasan = [per_bidang[b.value] for b in Bidang if b.value in per_bidang]
    total = len(kegiatan)
    return {
        "kegiatan": kegiatan,
        "per_bidang": ringkasan,
        "progres": round(sum(k.progres for k in kegiatan) / total) if total else None,
        "pagu": sum((k.pagu for k in kegiatan), Decimal(0)),
        "realisasi_anggaran": sum((k.realisasi_anggaran for k in kegiatan), Decimal(0)),
    }


# --- Figures of the Sekretariat itself -----------------------------------------


def koordinasi_figures(*, start: date, end: date) -> dict:
    """For the yearly report (one query): exchanges with LKPP in the period, answered or not."""
    agg = KoordinasiLkpp.objects.filter(tanggal__range=(start, end)).aggregate(
        total=Count("id"),
        konsultasi=Count("id", filter=Q(jenis=KoordinasiLkpp.Jenis.KONSULTASI)),
        usulan=Count("id", filter=~Q(jenis=KoordinasiLkpp.Jenis.KONSULTASI)),
        belum_dijawab=Count("id", filter=Q(tanggal_jawab__isnull=True)),
    )
    return {
        "koordinasi_lkpp": agg["total"],
        "konsultasi_lkpp": agg["konsultasi"],
        "usulan_lkpp": agg["usulan"],
        "koordinasi_lkpp_belum_dijawab": agg["belum_dijawab"],
    }


def daily_figures(*, start: date, end: date) -> dict[date, dict[str, int]]:
    """The Sekretariat's additive letter figures of each day in [start, end], for lpse.totals
    (two queries): ``naskah:<jenis>`` letters on the agenda that day; of the dispositions made that
    day, ``disposisi``, ``disposisi_selesai``, ``disposisi_selesai_terlambat`` (finished after
    their deadline) and ``disposisi_terbuka_batas:<deadline>`` (still open, by deadline: late
    or not depends on the end of the period asked)."""
    from collections import defaultdict

    from django.db.models.functions import TruncDate

    out: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    letters = (
        Naskah.objects.filter(tanggal_agenda__range=(start, end))
        .values_list("tanggal_agenda", "jenis")
        .annotate(n=Count("id"))
        .order_by()
    )
    for hari, jenis, n in letters:
        out[hari][f"naskah:{jenis}"] += n
    tz = timezone.get_current_timezone()
    dispositions = (
        Disposisi.objects.filter(dibuat__date__range=(start, end))
        .annotate(hari=TruncDate("dibuat", tzinfo=tz))
        .values_list("hari", "batas_waktu")
        .annotate(
            n=Count("id"),
            n_selesai=Count("id", filter=Q(selesai__isnull=False)),
            n_terlambat=Count("id", filter=Q(batas_waktu__isnull=False, selesai__date__gt=F("batas_waktu"))),
        )
        .order_by()
    )
    for hari, batas, n, selesai, terlambat in dispositions:
        day = out[hari]
        day["disposisi"] += n
        day["disposisi_selesai"] += selesai
        day["disposisi_selesai_terlambat"] += terlambat
        if batas is not None and n > selesai:
            day[f"disposisi_terbuka_batas:{batas.isoformat()}"] += n - selesai
    return {d: dict(v) for d, v in out.items()}


# The models whose saves and deletes change daily_figures (lpse.totals).
DAILY_WATCH_FIELDS = {"Naskah": ("tanggal_agenda",), "Disposisi": ("dibuat",)}


def sekretariat_figures(*, start: date, end: date) -> dict:
    """Aggregate figures of the Sekretariat for a period: letters and dispositions from lpse.totals'
    running totals (``daily_figures``), the small registers (staff trainings, staff, honoraria,
    reports, the LKPP coordination register of Pasal 24(2), and the perlengkapan of Pasal 8(4)f in
    three queries) counted directly."""
    from lpse import totals

    day = totals.sums("sekretariat", start=start, end=end)
    naskah = {
        "naskah_total": sum(n for k, n in day.items() if k.startswith("naskah:")),
        "surat_masuk": day.get(f"naskah:{Naskah.Jenis.MASUK}", 0),
        "surat_keluar": day.get(f"naskah:{Naskah.Jenis.KELUAR}", 0),
        "telaahan": day.get(f"naskah:{Naskah.Jenis.TELAAHAN}", 0),
    }
    open_late = sum(
        n
        for k, n in day.items()
        if k.startswith("disposisi_terbuka_batas:") and date.fromisoformat(k.partition(":")[2]) < end
    )
    disposisi = {
        "disposisi": day.get("disposisi", 0),
        "disposisi_selesai": day.get("disposisi_selesai", 0),
        "disposisi_terlambat": day.get("disposisi_selesai_terlambat", 0) + open_late,
    }
    pelatihan = PelatihanPegawai.objects.filter(mulai__range=(start, end)).aggregate(
        pelatihan_pegawai=Count("id"),
        pegawai_dilatih=Count("pegawai", distinct=True),
        jam_pelatihan=Sum("jam_pelajaran"),
    )
    pegawai = dict(Pegawai.objects.filter(aktif=True).values_list("bidang").annotate(n=Count("id")).order_by("bidang"))
    honor = Honorarium.objects.filter(periode__range=(start, end)).aggregate(honorarium=Sum("jumlah"))
    laporan = LaporanKegiatan.objects.filter(
        status=LaporanKegiatan.Status.TERBIT, disusun__date__range=(start, end)
    ).count()
    labels = {b.value: b.label for b in Bidang}
    return {
        **naskah,
        **disposisi,
        "pelatihan_pegawai": pelatihan["pelatihan_pegawai"],
        "pegawai_dilatih": pelatihan["pegawai_dilatih"],
        "jam_pelatihan": pelatihan["jam_pelatihan"] or 0,
        "pegawai_per_bidang": {labels.get(k, "Kepala Unit"): v for k, v in pegawai.items()},
        "pegawai_aktif": sum(pegawai.values()),
        "honorarium": float(honor["honorarium"] or 0),
        "laporan_terbit": laporan,
        **koordinasi_figures(start=start, end=end),
        **perlengkapan_figures(start=start, end=end),
    }


# --- SOP compliance (Pasal 8(3)d, 12(2)) -----------------------------------------

OFFSITE_MAX_DAYS = 7  # an off-site copy at least weekly (Pasal 18(2))


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _positive(v) -> bool:
    return (v or 0) > 0


def _missing(v) -> bool:
    return not v


def _offsite_late(v) -> bool:
    return v is None or v > OFFSITE_MAX_DAYS


# Pasal 12(2): (kode, SOP, pasal, bidang, [(figure, label, shortfall test or None), ...])
SOP_SPEC = [
    (
        "a",
        "Registrasi dan verifikasi pengguna SPSE",
        "Pasal 12(2)a, 13",
        "registrasi",
        [
            ("pendaftaran_masuk", "Pendaftaran masuk", None),
            ("terverifikasi", "Pendaftaran disetujui", None),
            ("median_verifikasi_jam", "Median waktu verifikasi (jam kerja)", None),
            ("menunggu_lewat_target", "Pendaftaran menunggu melewati target", _positive),
        ],
    ),
    (
        "b",
        "Layanan pengguna SPSE",
        "Pasal 12(2)b, 14",
        "layanan",
        [
            ("tiket_masuk", "Tiket masuk", None),
            ("kepuasan_rata2", "Rata-rata kepuasan (1–5)", None),
            ("pelatihan", "Pelatihan diselenggarakan", None),
            # Pasal 4(1)a–b, 24(1)a: RUP and announcements facilitated (layanan/rup.py).
            ("rup_diumumkan", "RUP OPD diumumkan dengan pendampingan", None),
            ("rup_opd_terlambat", "OPD terlambat mengumumkan RUP", _positive),
            ("pengumuman_ulp_difasilitasi", "Pengumuman ULP difasilitasi", None),
        ],
    ),
    (
        "c",
        "Penanganan masalah (error handling)",
        "Pasal 12(2)c, 15",
        "layanan",
        [
            ("sla_terpenuhi_persen", "Kepatuhan SLA (%)", None),
            ("tiket_lewat_sla", "Tiket melewati SLA", _positive),
            ("eskalasi_lkpp", "Eskalasi ke LKPP", None),
        ],
    ),
    (
        "d",
        "Pemeliharaan dan pengamanan infrastruktur",
        "Pasal 12(2)d, 16",
        "infrastruktur",
        [
            ("cek_ruang_server", "Pemeriksaan ruang server", None),
            ("cek_ruang_server_terlewat", "Pemeriksaan ruang server terlewat", _positive),
            ("insiden", "Insiden", None),
        ],
    ),
    (
        "e",
        "Pemeliharaan kinerja dan kapasitas",
        "Pasal 12(2)e, 17",
        "infrastruktur",
        [
            ("hari_monitoring", "Hari dengan laporan monitoring harian", None),
            ("hari_tanpa_monitoring", "Hari kerja tanpa laporan monitoring", _positive),
            ("uptime_persen", "Uptime (%)", None),
        ],
    ),
    (
        "f",
        "Pengarsipan dokumen elektronik (backup)",
        "Pasal 12(2)f, 18",
        "infrastruktur",
        [
            ("backup_dibuat", "Backup dibuat", _missing),
            ("backup_belum_terverifikasi", "Backup belum diverifikasi", _positive),
            ("salinan_offsite", "Salinan di luar ruang server", None),
            ("hari_sejak_offsite", f"Hari sejak salinan off-site terakhir (batas {OFFSITE_MAX_DAYS})", _offsite_late),
        ],
    ),
]


def sop_compliance(*, start: date, end: date, figures: dict | None = None) -> list[dict]:
    """For each SOP of Pasal 12(2): the evidence of the period and its shortfalls.

    Each line links to the records behind it: the URL a bidang gives for that
    figure in its optional ``tautan`` dict, else the bidang's own page.
    """
    if figures is None:  # the Sekretariat's own figures are not evidence of any SOP of Pasal 12(2)
        figures = {
            name: sources.SOURCES[name](start=start, end=end) for name in ("registrasi", "layanan", "infrastruktur")
        }
    sop = []
    for kode, judul, pasal, bidang, spec in SOP_SPEC:
        data = figures.get(bidang)
        lines = []
        if data is not None:
            links = data.get("tautan") or {}
            default_url = _url(f"{bidang}:index")
            for key, label, short in spec:
                value = data.get(key)
                lines.append(
                    {
                        "label": label,
                        "value": value,
                        "kurang": bool(short and short(value)),
                        "url": links.get(key) or default_url,
                    }
                )
        status = "tanpa_data" if data is None else ("kurang" if any(x["kurang"] for x in lines) else "patuh")
        sop.append({"kode": kode, "judul": judul, "pasal": pasal, "status": status, "lines": lines})
    return sop


# --- Risks and the panel -------------------------------------------------------


def risks_due(*, today: date | None = None):
    today = today or timezone.localdate()
    return Risiko.objects.filter(tanggal_tinjau__lte=today)


def panel_summary(*, today: date | None = None) -> dict:
    """Counts for the dashboard panel (5 queries, whatever the data)."""
    today = today or timezone.localdate()
    year = today.year
    keg = Kegiatan.objects.filter(tahun=year).aggregate(
        jumlah=Count("id"), pagu=Sum("pagu"), realisasi=Sum("realisasi_anggaran")
    )
    return {
        "tahun": year,
        "kegiatan": keg["jumlah"],
        "pagu": keg["pagu"] or 0,
        "realisasi_anggaran": keg["realisasi"] or 0,
        "menunggu_disposisi": awaiting_disposition().count(),
        "sk_berakhir": sk_ending(today=today).count(),
        "risiko_jatuh_tempo": risks_due(today=today).count(),
        "risiko_tinggi": Risiko.objects.filter(skor__gt=64).count(),
    }


def konten_publik() -> KontenPublik:
    """The public page content (one row), or an empty unsaved one."""
    return KontenPublik.objects.first() or KontenPublik()


# --- Naskah dinas (Pasal 8(4)f, g) ---------------------------------------------

DEFAULT_AGENDA_FORMATS = {
    Naskah.Jenis.MASUK: ("SM", "{seq:04d}/{kode}/{tahun}"),
    Naskah.Jenis.KELUAR: ("SK", "{seq:03d}/{kode}-LPSE/{bulan_romawi}/{tahun}"),
    Naskah.Jenis.TELAAHAN: ("TS", "{seq:03d}/{kode}-LPSE/{tahun}"),
}


def agenda_format(jenis: str) -> str:
    """The agenda number format of a kind of naskah: the one the Sekretariat saved, else the default."""
    row = FormatAgenda.objects.filter(jenis=jenis).only("format").first()
    return row.format if row else DEFAULT_AGENDA_FORMATS[jenis][1]


# --- Perlengkapan and rumah tangga (Pasal 8(4)f) --------------------------------


def _stock_subquery():
    from .models import MutasiBarang

    total = (
        MutasiBarang.objects.filter(barang=OuterRef("pk"))
        .order_by()
        .values("barang")
        .annotate(s=Sum("jumlah"))
        .values("s")
    )
    return Coalesce(Subquery(total), 0)


def _held_subquery():
    from .models import Peminjaman

    held = (
        Peminjaman.objects.filter(barang=OuterRef("pk"), kembali__isnull=True)
        .order_by()
        .values("barang")
        .annotate(s=Sum("jumlah"))
        .values("s")
    )
    return Coalesce(Subquery(held), 0)


def barang_with_stock():
    """Items with ``stok`` (in store: the sum of movements) and ``dipinjam`` (held by staff)."""
    from .models import Barang

    return Barang.objects.annotate(stok=_stock_subquery(), dipinjam=_held_subquery())


def barang_list(*, q: str = "", jenis: str = "", kondisi: str = "", lokasi: str = "", stok: str = "", aktif=True):
    """The register page and its export, filtered; one query however many items."""
    rows = barang_with_stock()
    if aktif is not None:
        rows = rows.filter(aktif=aktif)
    if q:
        rows = rows.filter(Q(nama__icontains=q) | Q(kode__icontains=q))
    if jenis:
        rows = rows.filter(jenis=jenis)
    if kondisi:
        rows = rows.filter(kondisi=kondisi)
    if lokasi:
        rows = rows.filter(lokasi__icontains=lokasi)
    if stok == "rendah":
        rows = rows.filter(stok_minimum__gt=0, stok__lt=F("stok_minimum"))
    elif stok == "habis":
        rows = rows.filter(stok__lte=0)
    return rows.order_by("nama", "id")


def barang_below_minimum():
    """Active items whose stock in store is below their minimum (the reminder and the Sekretariat's page)."""
    return barang_with_stock().filter(aktif=True, stok_minimum__gt=0, stok__lt=F("stok_minimum")).order_by("nama")


def peminjaman_open():
    """Who holds which equipment now."""
    from .models import Peminjaman

    return Peminjaman.objects.filter(kembali__isnull=True).select_related("barang", "pegawai")


def perlengkapan_figures(*, start: date, end: date) -> dict:
    """Figures of Pasal 8(4)f for the Laporan Kegiatan and the yearly report (3 queries)."""
    from .models import MutasiBarang, PermintaanBarang, StokOpname

    permintaan = PermintaanBarang.objects.filter(diajukan__date__range=(start, end)).aggregate(
        permintaan_barang=Count("id"),
        permintaan_barang_disetujui=Count("id", filter=Q(status=PermintaanBarang.Status.DISETUJUI)),
        permintaan_barang_ditolak=Count("id", filter=Q(status=PermintaanBarang.Status.DITOLAK)),
    )
    mutasi = MutasiBarang.objects.filter(tanggal__range=(start, end)).aggregate(
        mutasi_barang_masuk=Count("id", filter=Q(jumlah__gt=0)),
        mutasi_barang_keluar=Count("id", filter=Q(jumlah__lt=0)),
    )
    inventarisasi = StokOpname.objects.filter(status=StokOpname.Status.SELESAI, tanggal__range=(start, end)).count()
    return {**permintaan, **mutasi, "inventarisasi_perlengkapan": inventarisasi}


def koordinasi_backlinks(model: type, ids: list[int]):
    """Entries of the LKPP coordination register (Pasal 24(2)) that link each
    record, for the pages of the bidang that owns it (lpse.links.backlinks):
    one query for the content type (cached) and one for the links."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import formats

    from lpse.links import Backlink

    from .models import KoordinasiTautan

    ct = ContentType.objects.get_for_model(model)
    out: dict[int, list] = {}
    rows = (
        KoordinasiTautan.objects.filter(content_type=ct, object_id__in=ids)
        .select_related("koordinasi")
        .order_by("-koordinasi__tanggal", "-koordinasi_id")
    )
    for t in rows:
        k = t.koordinasi
        label = f"{k.get_jenis_display()} {formats.date_format(k.tanggal, 'd-m-Y')}: {k.perihal}"
        out.setdefault(t.object_id, []).append(Backlink(label=label, url=k.get_absolute_url()))
    return out
