from django.apps import AppConfig


class RegistrasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "registrasi"

    def ready(self):
        # lpse reads the bidang only through what it registers here (issue 10).
        from lpse import registry

        from . import panels, roles, seed, selectors

        registry.register(
            "registrasi",
            order=10,
            nav_items=panels.NAV_ITEMS,
            panel=panels.panel,
            role_permissions=roles.ROLE_PERMISSIONS,
            seed=seed,
            report_figures=selectors.report_figures,
            daily_figures=selectors.daily_figures,
            daily_watch={self.get_model(name): days for name, days in selectors.DAILY_WATCH.items()},
        )

        # Spreadsheet imports (lpse.imports, issue 15).
        from lpse.imports import register

        from .import_kinds import PenggunaSpseImport

        register(PenggunaSpseImport())
