from django.apps import AppConfig


class LayananConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "layanan"

    def ready(self):
        from lpse.imports import register

        from .import_kinds import FaqImport, PelatihanImport

        register(FaqImport())
        register(PelatihanImport())
