from django.apps import AppConfig


class SekretariatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sekretariat"

    def ready(self):
        from lpse.personnel import register_personnel_lookup

        from .personnel import signer_profile

        register_personnel_lookup(signer_profile)
