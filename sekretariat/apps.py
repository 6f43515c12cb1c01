from django.apps import AppConfig


class SekretariatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sekretariat"

    def ready(self):
        # lpse reads the bidang only through what it registers here (issue 10).
        from lpse import registry
        from lpse.personnel import register_personnel_lookup

        from . import panels, roles, seed, selectors
        from .personnel import signer_profile

        registry.register(
            "sekretariat",
            order=40,
            nav_items=panels.NAV_ITEMS,
            panel=panels.panel,
            role_permissions=roles.ROLE_PERMISSIONS,
            seed=seed,
            report_figures=selectors.sekretariat_figures,
            daily_figures=selectors.daily_figures,
            daily_watch={self.get_model(name): fields for name, fields in selectors.DAILY_WATCH_FIELDS.items()},
        )
        # Signature blocks of every bidang read names, NIP and pangkat from Pegawai (issue 12).
        register_personnel_lookup(signer_profile)

        # Spreadsheet imports (lpse.imports, issue 15).
        from lpse.imports import register

        from .import_kinds import BarangImport, PegawaiImport

        register(PegawaiImport())
        register(BarangImport())

        # The coordination register tells the owners of linked records what links to them (Pasal 24(2)).
        from lpse.links import register_backlinks

        from .selectors import koordinasi_backlinks

        register_backlinks(koordinasi_backlinks)
