"""Volume data for the benchmark (``make bench``). Each bidang adds its own
through ``<app>/seed.py: seed_volume(*, stdout, small)``."""

from importlib import import_module

from django.core.management.base import BaseCommand

from lpse.navigation import BIDANG_APPS
from lpse.volume import seed_platform_volume


class Command(BaseCommand):
    help = "Mengisi data volume untuk benchmark (2.000 pengguna, 500 pengumuman, dan data tiap bidang)."

    def add_arguments(self, parser):
        parser.add_argument("--small", action="store_true", help="Data kecil, untuk membandingkan jumlah query.")

    def handle(self, *args, small=False, **options):
        seed_platform_volume(stdout=self.stdout, small=small)
        for app in BIDANG_APPS:
            try:
                seed = import_module(f"{app}.seed")
            except ModuleNotFoundError:
                continue
            if hasattr(seed, "seed_volume"):
                seed.seed_volume(stdout=self.stdout, small=small)
        self.stdout.write(self.style.SUCCESS("Data volume siap."))
