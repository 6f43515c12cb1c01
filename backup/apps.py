from django.apps import AppConfig


class BackupConfig(AppConfig):
    """The backup SOP (Perbup Karo 02/2017 Pasal 12(2)f and 18): sources, runs, encryption,
    verification, retention, portable media and restore. Builds on ``infrastruktur``."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "backup"
    verbose_name = "Backup (Pasal 18)"

    def ready(self):
        from infrastruktur import hooks
        from infrastruktur.signals import aset_saved
        from lpse import registry

        from . import parts, seed, selectors

        # Running totals (lpse.totals) under "backup"; the figures reach the reports through hooks.
        registry.register(
            "backup",
            order=32,
            seed=seed,
            daily_figures=selectors.daily_figures,
            daily_watch={self.get_model(name): fields for name, fields in selectors.DAILY_WATCH_FIELDS.items()},
        )

        hooks.register("nav", ("Backup", "backup:index", "lpse.akses_infrastruktur"))
        hooks.register("panel", parts.panel_section)
        hooks.register("aset_detail", parts.aset_section)
        hooks.register("aset_list", parts.aset_list_related)
        hooks.register("aset_list_cell", "backup/_aset_cell.html")
        hooks.register("report_figures", parts.report_figures)
        hooks.register("aset_clean", parts.aset_clean)
        aset_saved.connect(parts.follow_aset, dispatch_uid="backup.medium_follow_aset")
