"""The Laporan Kegiatan: periods, background build, narrative, numbered PDF (Pasal 7(2)c)."""

import logging
from datetime import date, timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lpse.models import User

from .. import selectors, sources
from ..models import (
    LaporanKegiatan,
)

logger = logging.getLogger(__name__)


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
    from ..tasks import laporan_generate

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
    from ..tasks import laporan_issue

    transaction.on_commit(partial(laporan_issue.delay, laporan.pk, user.pk))
    laporan.refresh_from_db()
    return laporan


def laporan_issue_pdf(*, laporan_id: int, user_id: int | None) -> LaporanKegiatan | None:
    """Issue the report as a numbered official document (lpse.documents) for the Bupati."""
    from lpse.documents import dokumen_issue

    from ..charts import report_charts
    from ..report import sections

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
