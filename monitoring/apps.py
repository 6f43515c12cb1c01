from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    """Server monitoring (Perbup Karo 02/2017 Pasal 17(1)–(3), (6)): samples, roll-ups, checks,
    evaluation, the daily report and the agent ingest API. Builds on ``infrastruktur``."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "monitoring"
    verbose_name = "Monitoring server"

    def ready(self):
        from django.db.models.signals import post_delete

        from infrastruktur import hooks
        from infrastruktur.models import Aset
        from lpse import registry

        from . import panels, parts, seed, selectors

        # Its figures reach the reports through infrastruktur's hooks (below), not the registry;
        # the registry keeps its running totals (lpse.totals) apart, under "monitoring".
        registry.register(
            "monitoring",
            order=31,
            nav_items=panels.NAV_ITEMS,
            seed=seed,
            daily_figures=selectors.daily_figures,
            daily_watch={self.get_model(name): fields for name, fields in selectors.DAILY_WATCH_FIELDS.items()},
            # Pasal 17(5): accepted upgrade recommendations become budget proposals of the program kerja.
            budget_proposals=parts.budget_proposals,
        )
        # An asset's roll-ups go with it (a cascade, no signals): its days are recomputed.
        post_delete.connect(parts.forget_totals, sender=Aset, dispatch_uid="monitoring.totals_aset_deleted")

        hooks.register("nav", ("Laporan harian", "monitoring:laporan-list", "lpse.akses_infrastruktur"))
        hooks.register("nav", ("Monitoring", "monitoring:overview", None))
        hooks.register("nav", ("Uptime", "monitoring:uptime", None))
        hooks.register("nav", ("Rekomendasi upgrade", "monitoring:rekomendasi-list", "lpse.akses_infrastruktur"))
        hooks.register("panel", parts.panel_section)
        hooks.register("index", parts.index_card)
        hooks.register("index", parts.rekomendasi_card)
        hooks.register("perubahan_detail", parts.perubahan_section)
        hooks.register("aset_detail", parts.aset_section)
        hooks.register("aset_list", parts.aset_list_related)
        hooks.register("aset_list_cell", "monitoring/_aset_cell.html")
        hooks.register("report_figures", parts.report_figures)
