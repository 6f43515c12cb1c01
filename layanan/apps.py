from django.apps import AppConfig


class LayananConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "layanan"

    def ready(self):
        # lpse reads the bidang only through what it registers here (issue 10).
        from lpse import registry

        from . import panels, roles, seed, selectors, signals  # noqa: F401 (signals: cache upkeep)

        registry.register(
            "layanan",
            order=20,
            nav_items=panels.NAV_ITEMS,
            panel=panels.panel,
            role_permissions=roles.ROLE_PERMISSIONS,
            seed=seed,
            report_figures=selectors.report_figures,
            daily_figures=selectors.daily_figures,
            daily_watch={self.get_model(name): fields for name, fields in selectors.DAILY_WATCH_FIELDS.items()},
        )

        # Spreadsheet imports (lpse.imports, issue 15).
        from lpse.imports import register

        from .import_kinds import FaqImport, PelatihanImport

        register(FaqImport())
        register(PelatihanImport())

        # Records the LKPP coordination register (Pasal 24(2)) may link to.
        from django.urls import reverse

        from lpse.links import register_link_kind

        from .models import Eskalasi, Tiket

        register_link_kind(
            key="layanan.tiket", label="Tiket", model=Tiket, url=lambda t: reverse("layanan:tiket-detail", args=[t.pk])
        )
        register_link_kind(
            key="layanan.eskalasi",
            label="Eskalasi tiket ke LKPP",
            model=Eskalasi,
            url=lambda e: reverse("layanan:tiket-detail", args=[e.tiket_id]),
        )
