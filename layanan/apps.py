from django.apps import AppConfig


class LayananConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "layanan"

    def ready(self):
        # lpse reads the bidang only through what it registers here (issue 10).
        from lpse import registry

        from . import panels, roles, seed, selectors

        registry.register(
            "layanan",
            order=20,
            nav_items=panels.NAV_ITEMS,
            panel=panels.panel,
            role_permissions=roles.ROLE_PERMISSIONS,
            seed=seed,
            report_figures=selectors.report_figures,
        )
