from django.apps import AppConfig


class LpseConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lpse"
    verbose_name = "Portal LPSE"

    def ready(self):
        from . import signals  # noqa: F401
        from .import_kinds import InstansiImport
        from .imports import register

        register(InstansiImport())
