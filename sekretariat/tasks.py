"""Celery entry points of the Sekretariat: thin, they load ids and call services."""

from celery import shared_task

from lpse.schedules import once_per_day

from . import services


@shared_task(soft_time_limit=600, time_limit=660)
def laporan_generate(laporan_id: int) -> str:
    """Collect the data of a Laporan Kegiatan (Pasal 7(2)c); reads a lot, hence a task."""
    laporan = services.laporan_build(laporan_id=laporan_id)
    return laporan.status if laporan else "dilewati"


@shared_task(soft_time_limit=300, time_limit=360)
def laporan_issue(laporan_id: int, user_id: int | None = None) -> str:
    """Render and number the report's PDF."""
    laporan = services.laporan_issue_pdf(laporan_id=laporan_id, user_id=user_id)
    return laporan.status if laporan else "dilewati"


@shared_task(soft_time_limit=120, time_limit=180)
@once_per_day(lease_seconds=180, skipped=0)
def remind_risk_reviews() -> int:
    """Daily: remind owners of risks whose review date has come."""
    return services.risiko_send_reminders()


@shared_task(soft_time_limit=120, time_limit=180)
@once_per_day(lease_seconds=180, skipped=0)
def remind_low_stock() -> int:
    """Daily: remind the Sekretaris and the Sekretariat of items below their minimum stock (Pasal 8(4)f)."""
    return services.barang_send_low_stock_reminders()


@shared_task(soft_time_limit=300, time_limit=360)
def stok_opname_issue(stok_opname_id: int) -> str:
    """Number and render the berita acara of a finished stock-take (Pasal 8(4)f)."""
    dokumen = services.stok_opname_issue_document(stok_opname_id=stok_opname_id)
    return dokumen.nomor if dokumen else "dilewati"
