from django.apps import AppConfig


class InfrastrukturConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "infrastruktur"
