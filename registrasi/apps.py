from django.apps import AppConfig


class RegistrasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "registrasi"

    def ready(self):
        from lpse.imports import register

        from .import_kinds import PenggunaSpseImport

        register(PenggunaSpseImport())
