from django.apps import AppConfig


class InfrastrukturConfig(AppConfig):
    """Assets, incidents, maintenance windows, change requests, the server room and visitor
    permits, LKPP instructions (Perbup Karo 02/2017 Pasal 9, 16, 17(4)). ``monitoring`` and
    ``backup`` build on it and plug into its pages through ``hooks`` and ``signals``."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "infrastruktur"
    verbose_name = "Administrasi Sistem Elektronik"

    def ready(self):
        # lpse reads the bidang only through what it registers here (issue 10).
        from lpse import registry

        from . import panels, roles, seed, selectors

        registry.register(
            "infrastruktur",
            order=30,
            nav_items=panels.NAV_ITEMS,
            panel=panels.panel,
            role_permissions=roles.ROLE_PERMISSIONS,
            seed=seed,
            report_figures=selectors.report_figures,
            daily_figures=selectors.daily_figures,
            daily_watch={self.get_model(name): fields for name, fields in selectors.DAILY_WATCH_FIELDS.items()},
        )

        # Records the LKPP coordination register (Pasal 24(2)) may link to; it lives in
        # sekretariat and reaches these through lpse.links, never by import.
        from django.urls import reverse

        from lpse.links import register_link_kind

        from .models import Insiden, InstruksiLkpp

        register_link_kind(
            key="infrastruktur.instruksi",
            label="Instruksi LKPP",
            model=InstruksiLkpp,
            url=lambda i: reverse("infrastruktur:instruksi-edit", args=[i.pk]),
        )
        register_link_kind(
            key="infrastruktur.insiden",
            label="Insiden",
            model=Insiden,
            url=lambda i: reverse("infrastruktur:insiden-detail", args=[i.pk]),
        )

        # The asset register's spreadsheet import and export (lpse.imports, issue 15).
        from lpse.imports import register as register_import

        from .import_kinds import AsetImport

        register_import(AsetImport())
