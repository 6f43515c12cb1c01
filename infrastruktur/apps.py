from django.apps import AppConfig


class InfrastrukturConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "infrastruktur"

    def ready(self):
        # Celery autodiscovers infrastruktur.tasks only; the backup tasks live in a package.
        from .backup import tasks  # noqa: F401
