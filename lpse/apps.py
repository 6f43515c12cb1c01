from django.apps import AppConfig


class LpseConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lpse"
    verbose_name = "Portal LPSE"

    def ready(self):
        from . import pagecache, signals  # noqa: F401
        from .import_kinds import InstansiImport
        from .imports import register

        register(InstansiImport())
        # Every write stamps its table, so cached pages know when they went stale (issue 14).
        pagecache.install_everywhere()
