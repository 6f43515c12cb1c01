from django.apps import AppConfig


class InfrastrukturConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "infrastruktur"

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
        )
        # Celery autodiscovers infrastruktur.tasks only; the backup tasks live in a package.
        from .backup import tasks  # noqa: F401
