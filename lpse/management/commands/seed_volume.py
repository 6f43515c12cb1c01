"""Volume data for the benchmark (``make bench``). Each bidang adds its own
through ``<app>/seed.py: seed_volume(*, stdout, small)``."""

from django.core.management.base import BaseCommand

from lpse import registry
from lpse.volume import seed_platform_volume


class Command(BaseCommand):
    help = "Mengisi data volume untuk benchmark (2.000 pengguna, 500 pengumuman, dan data tiap bidang)."

    def add_arguments(self, parser):
        parser.add_argument("--small", action="store_true", help="Data kecil, untuk membandingkan jumlah query.")

    def handle(self, *args, small=False, **options):
        seed_platform_volume(stdout=self.stdout, small=small)
        for contribution in registry.contributions():
            if contribution.seed is not None and hasattr(contribution.seed, "seed_volume"):
                contribution.seed.seed_volume(stdout=self.stdout, small=small)
        self.stdout.write(self.style.SUCCESS("Data volume siap."))
