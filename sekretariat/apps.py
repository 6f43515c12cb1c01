from django.apps import AppConfig


class SekretariatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sekretariat"
