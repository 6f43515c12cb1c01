"""What monitoring shows on infrastruktur's pages (registered in apps.py through infrastruktur.hooks)."""

from datetime import date

from django.urls import reverse

from infrastruktur.models import Aset

from . import selectors
from .models import AsetStatus


def panel_section() -> dict:
    """Asset states and today's daily report on the dashboard panel (four queries)."""
    from lpse.figures import figure

    counts = selectors.state_counts()
    bermasalah = counts["kritis"] + counts["peringatan"] + counts["basi"]
    attention = "danger" if counts["kritis"] else ("warning" if bermasalah else "")
    parts = [
        f"{counts[k]} {label}"
        for k, label in (("kritis", "kritis"), ("peringatan", "peringatan"), ("basi", "tidak ada data"))
        if counts[k]
    ]
    return {
        "template": "monitoring/panel_section.html",
        "first": True,
        "angka": [
            figure(
                key="server-bermasalah",
                label="Server bermasalah",
                value=bermasalah,
                url=reverse("monitoring:overview") + "?keadaan=bermasalah",
                note=", ".join(parts) if parts else f"semua {counts['ok']} normal",
                attention=attention,
            )
        ],
        "counts": counts,
        "harian": selectors.daily_report_state(),
        "link": {"url": reverse("monitoring:overview"), "label": "Monitoring"},
    }


def index_card() -> dict:
    return {
        "template": "monitoring/index_card.html",
        "sop_harian": "monitoring/index_sop.html",
        "counts": selectors.state_counts(),
        "harian": selectors.daily_report_state(),
    }


def aset_section(aset: Aset) -> dict | None:
    """State, bad conditions, connection checks and agent tokens of a monitored asset."""
    if aset.jenis == Aset.Jenis.MEDIA_BACKUP:
        return None
    keadaan = AsetStatus.objects.filter(aset=aset).first()
    return {
        "template": "monitoring/aset_section.html",
        "badge": "monitoring/_aset_badge.html",
        "button": {"url": reverse("monitoring:aset", args=[aset.pk]), "label": "Grafik"},
        "keadaan": keadaan,
        "kondisi": aset.kondisi.exclude(tingkat="ok").order_by("kode"),
        "pemeriksaan": aset.pemeriksaan.all(),
        "token": aset.token.select_related("dibuat_oleh"),
    }


def aset_list_related(queryset):
    return queryset.select_related("keadaan")


def report_figures(*, start: date, end: date) -> dict:
    return selectors.report_figures(start=start, end=end)


def forget_totals(sender, instance, **kwargs) -> None:
    """An asset was deleted with its roll-ups: drop monitoring's running totals (lpse.totals)."""
    from lpse import totals

    totals.forget("monitoring")


def rekomendasi_card() -> dict:
    """Open upgrade recommendations on the bidang's home page (Pasal 17(5)); two queries."""
    from .models import RekomendasiUpgrade

    open_recs = RekomendasiUpgrade.objects.filter(status__in=RekomendasiUpgrade.OPEN)
    return {
        "template": "monitoring/index_rekomendasi.html",
        "jumlah": open_recs.count(),
        "teratas": open_recs.select_related("aset").only(
            "pk", "sumber", "seri", "alasan", "batas_waktu", "status", "aset__nama"
        )[:5],
    }


def perubahan_section(perubahan) -> dict | None:
    """The upgrade recommendation a change request came from (linked both ways)."""
    from .models import RekomendasiUpgrade

    rec = RekomendasiUpgrade.objects.filter(perubahan=perubahan).select_related("aset").first()
    if rec is None:
        return None
    return {"template": "monitoring/_perubahan_rekomendasi.html", "rekomendasi": rec}


def budget_proposals(*, tahun: int) -> list:
    """Accepted recommendations proposed for the year's program kerja, offered through lpse.registry."""
    from lpse.registry import UsulanAnggaran

    from .models import RekomendasiUpgrade

    recs = RekomendasiUpgrade.objects.filter(
        status=RekomendasiUpgrade.Status.DITERIMA, usulan_tahun=tahun, usulan_biaya__isnull=False
    ).select_related("aset")
    return [
        UsulanAnggaran(
            bidang="infrastruktur",
            judul=f"Peningkatan {r.get_sumber_display()} {r.aset.nama}"[:255],
            uraian=r.alasan,
            tahun=tahun,
            biaya=r.usulan_biaya,
            url=r.get_absolute_url(),
            sumber="Rekomendasi upgrade (Pasal 17 ayat 5)",
        )
        for r in recs
    ]
