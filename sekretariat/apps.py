from django.apps import AppConfig


class SekretariatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sekretariat"

    def ready(self):
        from lpse.imports import register

        from .import_kinds import PegawaiImport

        register(PegawaiImport())
