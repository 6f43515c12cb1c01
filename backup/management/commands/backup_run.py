"""Run a backup now, in this process (Pasal 18(1)); the daily schedule uses the Celery task instead."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from backup import services
from backup.models import BackupRun, BackupSource


class Command(BaseCommand):
    help = "Jalankan backup sekarang untuk satu sumber (--sumber KODE) atau semua sumber aktif (--semua)."

    def add_arguments(self, parser):
        parser.add_argument("--sumber", action="append", default=[], help="kode (slug) sumber backup; boleh berulang")
        parser.add_argument("--semua", action="store_true", help="semua sumber yang ikut jadwal harian")
        parser.add_argument("--dry-run", action="store_true", help="hanya tampilkan sumber yang akan di-backup")

    def handle(self, *args, **opts):
        if opts["semua"]:
            sources = list(BackupSource.objects.filter(aktif=True))
        elif opts["sumber"]:
            sources = list(BackupSource.objects.filter(slug__in=opts["sumber"]))
            missing = set(opts["sumber"]) - {s.slug for s in sources}
            if missing:
                raise CommandError(f"Sumber backup tidak dikenal: {', '.join(sorted(missing))}")
        else:
            raise CommandError("Sebutkan --sumber KODE atau --semua.")
        failed = 0
        for source in sources:
            if opts["dry_run"]:
                self.stdout.write(f"akan di-backup: {source.slug} ({source.get_jenis_display()})")
                continue
            try:
                run = services.run_request(source=source, queue=False)
            except ValidationError as exc:
                self.stderr.write(exc.messages[0])
                failed += 1
                continue
            self.stdout.write(f"Backup #{run.pk} {source.nama} dimulai…")
            run = services.run_execute(run_id=run.pk)
            if run.status == BackupRun.Status.BERHASIL:
                self.stdout.write(
                    self.style.SUCCESS(f"#{run.pk} berhasil: {run.arsip} ({run.ukuran} byte). {run.pesan}")
                )
            else:
                failed += 1
                self.stderr.write(f"#{run.pk} gagal: {run.pesan}")
        if failed:
            raise CommandError(f"{failed} backup tidak berhasil.")
