"""What backup shows on infrastruktur's pages and how it follows the asset register
(registered in apps.py through infrastruktur.hooks and infrastruktur.signals)."""

from datetime import date

from django.core.exceptions import ValidationError

from infrastruktur.models import Aset

from . import selectors, services
from .models import MediaBackup
from .panel import backup_panel_context


def panel_section() -> dict:
    """Pasal 18 on the dashboard panel: last verified backup, progress, off-site copies."""
    context = backup_panel_context()
    return {"template": "backup/panel_section.html", "backup": context, "angka": context["angka"]}


def aset_section(aset: Aset) -> dict | None:
    """A portable medium's details on its asset page (Pasal 18(2))."""
    if aset.jenis != Aset.Jenis.MEDIA_BACKUP:
        return None
    return {"template": "backup/aset_section.html", "medium": MediaBackup.objects.filter(aset=aset).first()}


def aset_list_related(queryset):
    return queryset.select_related("media_backup")


def report_figures(*, start: date, end: date) -> dict:
    return selectors.report_figures(start=start, end=end)


def aset_clean(aset: Aset) -> None:
    """A registered backup medium stays a medium: its copies are custody records (Pasal 18(2))."""
    if aset.pk and aset.jenis != Aset.Jenis.MEDIA_BACKUP and MediaBackup.objects.filter(aset=aset).exists():
        raise ValidationError(
            {"jenis": "Aset ini terdaftar sebagai media backup portabel; jenisnya tidak dapat diubah."}
        )


def follow_aset(sender, *, aset: Aset, **kwargs) -> None:
    """An asset edited in the register keeps its medium's "in use" flag (``infrastruktur.signals.aset_saved``)."""
    services.medium_follow_aset(aset=aset)
