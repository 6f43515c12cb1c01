from django.apps import AppConfig


class RegistrasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "registrasi"
