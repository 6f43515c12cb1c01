from django.apps import AppConfig


class InfrastrukturConfig(AppConfig):
    """Assets, incidents, maintenance windows, change requests, the server room and visitor
    permits, LKPP instructions (Perbup Karo 02/2017 Pasal 9, 16, 17(4)). ``monitoring`` and
    ``backup`` build on it and plug into its pages through ``hooks`` and ``signals``."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "infrastruktur"
    verbose_name = "Administrasi Sistem Elektronik"
