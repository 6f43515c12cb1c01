"""Writes of the Sekretariat: personnel and appointments, naskah dinas, the
program kerja, the Laporan Kegiatan and the risk register."""

import logging
from datetime import date, datetime, time, timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lpse.documents import allocate_number, format_number
from lpse.mail import queue_email
from lpse.models import User

from . import selectors, sources
from .models import (
    Disposisi,
    FormatAgenda,
    Honorarium,
    Kegiatan,
    KontenPublik,
    Kualifikasi,
    LampiranNaskah,
    LaporanKegiatan,
    Naskah,
    Pegawai,
    Pelatihan,
    PenugasanLuar,
    Risiko,
    SuratKeputusan,
)

logger = logging.getLogger(__name__)

# --- Personnel -------------------------------------------------------------------


@transaction.atomic
def pegawai_save(*, pegawai: Pegawai) -> Pegawai:
    """Appoint or update a staff member.

    Pasal 19(3): "Pegawai Unit LPSE dilarang merangkap menjadi PPK/ULP/Pejabat
    Pengadaan." A person named as such in another SK, or whose portal account
    holds the PPK or Pokja role, cannot be appointed (an inactive record may
    still be kept).
    """
    pegawai.full_clean()
    if pegawai.aktif:
        conflicts = selectors.pegawai_conflicts(pegawai=pegawai)
        if conflicts:
            raise ValidationError(
                "Tidak dapat diangkat: Pegawai Unit LPSE dilarang merangkap menjadi PPK/ULP/Pejabat Pengadaan "
                "(Perbup Karo 02/2017 Pasal 19 ayat 3). " + "; ".join(conflicts),
                code="pasal_19_3",
            )
    pegawai.save()
    return pegawai


@transaction.atomic
def sk_save(*, sk: SuratKeputusan) -> SuratKeputusan:
    """Record a Keputusan Bupati appointing personnel (Pasal 6(5))."""
    sk.full_clean()
    sk.save()
    return sk


@transaction.atomic
def penugasan_luar_save(*, penugasan: PenugasanLuar) -> PenugasanLuar:
    """Record an SK naming someone PPK/Pokja/Pejabat Pengadaan; staff lists then flag them (Pasal 19(3))."""
    penugasan.full_clean()
    penugasan.save()
    return penugasan


@transaction.atomic
def kualifikasi_add(*, kualifikasi: Kualifikasi) -> Kualifikasi:
    kualifikasi.full_clean()
    kualifikasi.save()
    return kualifikasi


@transaction.atomic
def pelatihan_add(*, pelatihan: Pelatihan) -> Pelatihan:
    """Record a training a staff member attended (Pasal 22)."""
    pelatihan.full_clean()
    pelatihan.save()
    return pelatihan


@transaction.atomic
def honorarium_save(*, honorarium: Honorarium) -> Honorarium:
    """Record the honorarium of a month (Pasal 21); one row per person and month."""
    honorarium.periode = honorarium.periode.replace(day=1)
    honorarium.full_clean()
    honorarium.save()
    return honorarium


# --- Naskah dinas (Pasal 8(4)f, g) -----------------------------------------------

DEFAULT_AGENDA_FORMATS = {
    Naskah.Jenis.MASUK: ("SM", "{seq:04d}/{kode}/{tahun}"),
    Naskah.Jenis.KELUAR: ("SK", "{seq:03d}/{kode}-LPSE/{bulan_romawi}/{tahun}"),
    Naskah.Jenis.TELAAHAN: ("TS", "{seq:03d}/{kode}-LPSE/{tahun}"),
}


def agenda_format(jenis: str) -> str:
    row = FormatAgenda.objects.filter(jenis=jenis).only("format").first()
    return row.format if row else DEFAULT_AGENDA_FORMATS[jenis][1]


def agenda_format_check(fmt: str) -> str:
    """Refuse a format that cannot render or that leaves out the sequence number."""
    if "{seq" not in fmt:
        raise ValidationError("Format nomor agenda harus memuat {seq} (nomor urut).")
    try:
        format_number(seq=1, kode="X", when=timezone.now(), fmt=fmt)
    except (KeyError, ValueError, IndexError) as exc:
        raise ValidationError(f"Format nomor agenda tidak dapat dipakai: {exc}") from exc
    return fmt


@transaction.atomic
def agenda_format_save(*, jenis: str, fmt: str) -> FormatAgenda:
    agenda_format_check(fmt)
    row, _ = FormatAgenda.objects.update_or_create(jenis=jenis, defaults={"format": fmt})
    return row


@transaction.atomic
def naskah_register(*, naskah: Naskah, files=(), user: User | None = None) -> Naskah:
    """Give a naskah the next agenda number of its kind and year and save it.

    The counter row is locked (SELECT … FOR UPDATE) until commit, so numbers
    within a year have no gaps and no duplicates even under concurrent entry;
    a failed save rolls the number back.
    """
    kode, _ = DEFAULT_AGENDA_FORMATS[naskah.jenis]
    when = timezone.make_aware(datetime.combine(naskah.tanggal_agenda, time(12)))
    seq, _ = allocate_number(kode=f"AGENDA-{kode}", when=when)
    naskah.tahun = naskah.tanggal_agenda.year
    naskah.urut = seq
    naskah.nomor_agenda = format_number(seq=seq, kode=kode, when=when, fmt=agenda_format(naskah.jenis))
    naskah.dibuat_oleh = user
    naskah.full_clean()
    naskah.save()
    for f in files:
        lampiran_add(naskah=naskah, berkas=f)
    return naskah


@transaction.atomic
def naskah_update(*, naskah: Naskah) -> Naskah:
    """Edit a registered naskah; its agenda number and year never change."""
    old = Naskah.objects.only("tahun", "urut", "nomor_agenda", "jenis").get(pk=naskah.pk)
    if naskah.tanggal_agenda.year != old.tahun:
        raise ValidationError(
            {"tanggal_agenda": "Tanggal agenda tidak boleh pindah tahun; nomor agenda sudah dipakai."}
        )
    naskah.tahun, naskah.urut, naskah.nomor_agenda, naskah.jenis = old.tahun, old.urut, old.nomor_agenda, old.jenis
    naskah.full_clean()
    naskah.save()
    return naskah


@transaction.atomic
def lampiran_add(*, naskah: Naskah, berkas) -> LampiranNaskah:
    lampiran = LampiranNaskah(naskah=naskah, berkas=berkas, nama_asli=getattr(berkas, "name", "lampiran")[:255])
    lampiran.full_clean()
    lampiran.save()
    return lampiran


@transaction.atomic
def disposisi_create(*, disposisi: Disposisi, user: User) -> Disposisi:
    """Dispose a naskah to a bidang or person; the addressee is told by email."""
    disposisi.dari = user
    disposisi.full_clean()
    disposisi.save()
    recipients = [_pegawai_email(disposisi.kepada_pegawai)] if disposisi.kepada_pegawai_id else []
    if disposisi.kepada_bidang:
        # A disposition to a bidang goes to whoever leads it (Sekretaris or Kepala Bidang, Pasal 6(2)-(3)).
        heads = Pegawai.objects.filter(
            aktif=True, bidang=disposisi.kepada_bidang, jabatan__in=["sekretaris", "kepala_bidang"]
        ).select_related("user")
        recipients += [_pegawai_email(p) for p in heads]
    recipients = [r for r in recipients if r]
    if recipients:
        naskah = disposisi.naskah
        queue_email(
            subject=f"Disposisi naskah {naskah.nomor_agenda}: {naskah.perihal}",
            body=(
                f"Anda menerima disposisi dari {user}.\n\nNaskah: {naskah.nomor_agenda} — {naskah.perihal}\n"
                f"Instruksi: {disposisi.instruksi}\n"
                + (f"Batas waktu: {disposisi.batas_waktu:%d-%m-%Y}\n" if disposisi.batas_waktu else "")
            ),
            recipients=recipients,
        )
    return disposisi


def _pegawai_email(pegawai: Pegawai) -> str:
    return pegawai.email or (pegawai.user.email if pegawai.user_id else "")


@transaction.atomic
def disposisi_finish(*, disposisi: Disposisi) -> Disposisi:
    if disposisi.selesai is None:
        disposisi.selesai = timezone.now()
        disposisi.save(update_fields=["selesai"])
    return disposisi


# --- Program kerja ---------------------------------------------------------------


@transaction.atomic
def kegiatan_save(*, kegiatan: Kegiatan) -> Kegiatan:
    """Save a program kerja activity (Pasal 8(4)a); the APBD budget follows Pasal 25."""
    if kegiatan.sumber_otomatis and kegiatan.sumber_otomatis not in sources.AUTO_METRICS:
        raise ValidationError({"sumber_otomatis": "Sumber realisasi otomatis tidak dikenal."})
    kegiatan.full_clean()
    kegiatan.save()
    return kegiatan


# --- Laporan Kegiatan (Pasal 7(2)c) -----------------------------------------------


def period_bounds(periode: str, tahun: int, nomor: int) -> tuple[date, date]:
    """First and last day of a month, quarter or year."""
    if periode == LaporanKegiatan.Periode.BULANAN:
        if not 1 <= nomor <= 12:
            raise ValidationError("Bulan harus 1–12.")
        start = date(tahun, nomor, 1)
        end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    elif periode == LaporanKegiatan.Periode.TRIWULAN:
        if not 1 <= nomor <= 4:
            raise ValidationError("Triwulan harus 1–4.")
        start = date(tahun, 3 * nomor - 2, 1)
        end = (date(tahun, 3 * nomor, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    else:
        start, end = date(tahun, 1, 1), date(tahun, 12, 31)
    return start, end


@transaction.atomic
def laporan_request(*, periode: str, tahun: int, nomor: int, user: User) -> LaporanKegiatan:
    """Create (or re-open) the report of a period and queue its data collection.

    A report already issued is final: its data and PDF are not rebuilt.
    """
    if periode == LaporanKegiatan.Periode.TAHUNAN:
        nomor = 1
    start, end = period_bounds(periode, tahun, nomor)
    laporan = (
        LaporanKegiatan.objects.select_for_update().filter(periode=periode, tahun=tahun, nomor_periode=nomor).first()
    )
    if laporan is None:
        laporan = LaporanKegiatan(periode=periode, tahun=tahun, nomor_periode=nomor, mulai=start, selesai=end)
        laporan.dibuat_oleh = user
    elif laporan.status == LaporanKegiatan.Status.TERBIT:
        raise ValidationError("Laporan periode ini sudah diterbitkan dan tidak dapat disusun ulang.")
    elif laporan.sedang_diproses and not _stale(laporan):
        return laporan
    if laporan.status == LaporanKegiatan.Status.MENERBITKAN:
        raise ValidationError("PDF laporan ini sedang dibuat; tunggu hingga selesai.")
    laporan.status, laporan.progres, laporan.langkah, laporan.galat = LaporanKegiatan.Status.MENUNGGU, 0, "", ""
    laporan.diperbarui = timezone.now()
    laporan.full_clean()
    laporan.save()
    from .tasks import laporan_generate

    transaction.on_commit(partial(laporan_generate.delay, laporan.pk))
    return laporan


# A job that has shown no progress for this long died with its worker (the task's hard limit is 11 minutes).
STALE_AFTER = timedelta(minutes=15)


def _stale(laporan: LaporanKegiatan) -> bool:
    return laporan.diperbarui is None or timezone.now() - laporan.diperbarui > STALE_AFTER


def _progress(laporan: LaporanKegiatan, progres: int, langkah: str) -> None:
    LaporanKegiatan.objects.filter(pk=laporan.pk).update(progres=progres, langkah=langkah, diperbarui=timezone.now())


REPORT_STEPS = [
    ("registrasi", "Mengambil data registrasi dan verifikasi"),
    ("layanan", "Mengambil data layanan, tiket dan pelatihan"),
    ("infrastruktur", "Mengambil data monitoring, backup dan ruang server"),
    ("sekretariat", "Mengambil data sekretariat dan kepegawaian"),
]


def laporan_build(*, laporan_id: int) -> LaporanKegiatan | None:
    """Collect the figures of every bidang for the report's period.

    Claimed atomically (MENUNGGU → BERJALAN) so two workers never build the
    same report; progress is written after each bidang so the page can show it.
    Runs outside a transaction: each bidang's queries are read-only.
    """
    claimed = LaporanKegiatan.objects.filter(pk=laporan_id, status=LaporanKegiatan.Status.MENUNGGU).update(
        status=LaporanKegiatan.Status.BERJALAN, progres=1, diperbarui=timezone.now()
    )
    if not claimed:
        return None
    laporan = LaporanKegiatan.objects.get(pk=laporan_id)
    try:
        figures = {}
        total = len(REPORT_STEPS) + 2
        for i, (name, langkah) in enumerate(REPORT_STEPS):
            _progress(laporan, round(i / total * 100), langkah)
            figures[name] = sources.SOURCES[name](start=laporan.mulai, end=laporan.selesai)
        _progress(laporan, round(len(REPORT_STEPS) / total * 100), "Menghitung capaian program kerja")
        pk = selectors.program_kerja(tahun=laporan.tahun, figures=_year_figures(laporan, figures))
        _progress(laporan, round((len(REPORT_STEPS) + 1) / total * 100), "Menilai kepatuhan SOP")
        sop = selectors.sop_compliance(start=laporan.mulai, end=laporan.selesai, figures=figures)
        data = {
            "figures": {
                name: None if data is None else {k: _ordered(v) for k, v in _jsonable(data).items()}
                for name, data in figures.items()
            },
            "program_kerja": {
                "progres": pk["progres"],
                "pagu": float(pk["pagu"]),
                "realisasi_anggaran": float(pk["realisasi_anggaran"]),
                "per_bidang": [
                    {
                        **{k: row[k] for k in ("bidang", "label", "jumlah", "progres", "serapan")},
                        "pagu": float(row["pagu"]),
                        "realisasi_anggaran": float(row["realisasi_anggaran"]),
                    }
                    for row in pk["per_bidang"]
                ],
            },
            "sop": [{"kode": s["kode"], "judul": s["judul"], "status": s["status"]} for s in sop],
        }
    except Exception as exc:
        logger.exception("Laporan %s gagal disusun", laporan_id)
        LaporanKegiatan.objects.filter(pk=laporan_id).update(
            status=LaporanKegiatan.Status.GAGAL, galat=str(exc)[:2000], langkah="Gagal"
        )
        raise
    LaporanKegiatan.objects.filter(pk=laporan_id).update(
        data=data, status=LaporanKegiatan.Status.SIAP, progres=100, langkah="Selesai", disusun=timezone.now()
    )
    laporan.refresh_from_db()
    return laporan


def _year_figures(laporan: LaporanKegiatan, figures: dict) -> dict:
    """Program kerja realisation is counted over the year up to the period's end."""
    if laporan.periode == LaporanKegiatan.Periode.TAHUNAN:
        return figures
    return sources.all_figures(start=date(laporan.tahun, 1, 1), end=laporan.selesai)


def _ordered(value):
    """A breakdown dict as [key, value] pairs: jsonb would re-sort its keys."""
    return [[k, v] for k, v in value.items()] if isinstance(value, dict) else value


def _jsonable(value):
    from decimal import Decimal

    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


@transaction.atomic
def laporan_narrative_save(*, laporan: LaporanKegiatan) -> LaporanKegiatan:
    if laporan.status == LaporanKegiatan.Status.TERBIT:
        raise ValidationError("Laporan yang sudah terbit tidak dapat diubah.")
    laporan.full_clean()
    laporan.save(update_fields=["pengantar", "capaian", "kendala", "rencana"])
    return laporan


NARRATIVE_FIELDS = [
    ("pengantar", "pendahuluan"),
    ("capaian", "capaian utama"),
    ("kendala", "kendala dan permasalahan"),
    ("rencana", "rencana tindak lanjut"),
]


@transaction.atomic
def laporan_request_issue(*, laporan: LaporanKegiatan, user: User) -> LaporanKegiatan:
    """Queue the numbered PDF of a report whose data is ready and whose Kepala has written its narrative.

    Pasal 7(2)c: the report to the Bupati is the Kepala's account, not only figures (issue 12).
    """
    if not any(getattr(laporan, field).strip() for field, _ in NARRATIVE_FIELDS):
        raise ValidationError(
            "Laporan belum dapat diterbitkan tanpa narasi Kepala Unit: isi dahulu paling sedikit salah satu dari "
            + ", ".join(label for _, label in NARRATIVE_FIELDS)
            + "."
        )
    claimed = LaporanKegiatan.objects.filter(pk=laporan.pk, status=LaporanKegiatan.Status.SIAP).update(
        status=LaporanKegiatan.Status.MENERBITKAN, progres=0, langkah="Menunggu pembuatan PDF"
    )
    if not claimed:
        raise ValidationError("Laporan hanya dapat diterbitkan setelah datanya selesai disusun.")
    from .tasks import laporan_issue

    transaction.on_commit(partial(laporan_issue.delay, laporan.pk, user.pk))
    laporan.refresh_from_db()
    return laporan


def laporan_issue_pdf(*, laporan_id: int, user_id: int | None) -> LaporanKegiatan | None:
    """Issue the report as a numbered official document (lpse.documents) for the Bupati."""
    from lpse.documents import dokumen_issue

    from .charts import report_charts
    from .report import sections

    laporan = LaporanKegiatan.objects.filter(pk=laporan_id, status=LaporanKegiatan.Status.MENERBITKAN).first()
    if laporan is None:
        return None
    user = User.objects.filter(pk=user_id).first() if user_id else None
    _progress(laporan, 30, "Membuat PDF bernomor")
    try:
        dokumen = dokumen_issue(
            kode="LK",
            jenis="Laporan Kegiatan Unit LPSE",
            perihal=f"Laporan Kegiatan {laporan.judul_periode}",
            template="sekretariat/laporan_pdf.html",
            context={
                "laporan": laporan,
                "sections": sections(laporan.data.get("figures", {})),
                "program_kerja": laporan.data.get("program_kerja"),
                "sop": laporan.data.get("sop", []),
                "charts": report_charts(laporan.data, svg=True),
                "penandatangan": user,
            },
            user=user,
            penandatangan=[(user, "Kepala Unit LPSE")] if user else None,
        )
    except Exception as exc:
        logger.exception("PDF laporan %s gagal", laporan_id)
        LaporanKegiatan.objects.filter(pk=laporan_id).update(
            status=LaporanKegiatan.Status.SIAP, galat=f"PDF gagal dibuat: {exc}"[:2000], langkah="Gagal membuat PDF"
        )
        raise
    LaporanKegiatan.objects.filter(pk=laporan_id).update(
        dokumen=dokumen, status=LaporanKegiatan.Status.TERBIT, progres=100, langkah="Terbit", galat=""
    )
    laporan.refresh_from_db()
    return laporan


# --- Risks and public content ------------------------------------------------------


@transaction.atomic
def risiko_save(*, risiko: Risiko) -> Risiko:
    """Save a risk; its score and band follow the LPSE standards' method."""
    risiko.full_clean()
    risiko.save()
    return risiko


def risiko_send_reminders(*, today: date | None = None) -> int:
    """Email the owner (or the Sekretaris) of each risk whose review is due; once a day per risk."""
    from lpse import roles

    today = today or timezone.localdate()
    sent = 0
    fallback = list(
        User.objects.filter(groups__name__in=[roles.SEKRETARIS, roles.KEPALA_UNIT], is_active=True).values_list(
            "email", flat=True
        )
    )
    due = selectors.risks_due(today=today).exclude(diingatkan=today).select_related("pemilik")
    for risiko in due:
        with transaction.atomic():
            claimed = Risiko.objects.filter(pk=risiko.pk).exclude(diingatkan=today).update(diingatkan=today)
            if not claimed:
                continue
            recipients = [risiko.pemilik.email] if risiko.pemilik_id else fallback
            queue_email(
                subject=f"Tinjauan risiko jatuh tempo: {risiko.aset}",
                body=(
                    f"Risiko “{risiko.ancaman}” pada {risiko.aset} (skor {risiko.skor}, tingkat {risiko.tingkat}) "
                    f"dijadwalkan ditinjau pada {risiko.tanggal_tinjau:%d-%m-%Y}.\n"
                    "Silakan tinjau dan perbarui tanggal tinjauan berikutnya di portal."
                ),
                recipients=recipients,
            )
            sent += 1
    return sent


def konten_publik() -> KontenPublik:
    return KontenPublik.objects.first() or KontenPublik()


@transaction.atomic
def konten_publik_save(*, konten: KontenPublik) -> KontenPublik:
    """Save the public page content (Pasal 8(4)d); there is one row."""
    existing = KontenPublik.objects.select_for_update().first()
    if existing and existing.pk != konten.pk:
        konten.pk = existing.pk
    konten.full_clean()
    konten.save()
    from django.core.cache import cache

    from .templatetags.sekretariat import CACHE_KEY

    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    return konten
