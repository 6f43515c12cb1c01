"""Write selected backups to a mounted portable medium and verify the copy (Pasal 18 ayat 2)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import OuterRef, Subquery

from backup import services
from backup.models import BackupRun, MediaBackup, MediaCopy


class Command(BaseCommand):
    help = (
        "Salin backup ke media portabel yang sudah dipasang (mount), baca ulang dan cocokkan checksum SHA-256, "
        "lalu catat salinannya. Contoh: backup_to_media --media USB-01 --folder /media/usb01 --terbaru "
        '--lokasi "Brankas Sekretariat" --terpisah --oleh admin@karokab.go.id'
    )

    def add_arguments(self, parser):
        parser.add_argument("--media", required=True, help="label media yang terdaftar di portal")
        parser.add_argument("--folder", required=True, help="folder tujuan di media yang sudah dipasang")
        parser.add_argument("--run", type=int, action="append", default=[], help="nomor backup; boleh berulang")
        parser.add_argument("--terbaru", action="store_true", help="backup berhasil terbaru setiap sumber")
        parser.add_argument("--lokasi", required=True, help="tempat media disimpan setelah disalin")
        parser.add_argument(
            "--terpisah",
            action="store_true",
            help="menyatakan lokasi itu terpisah dari ruang server (wajib, Pasal 18 ayat 2)",
        )
        parser.add_argument("--oleh", help="email pegawai yang menyalin")
        parser.add_argument("--dry-run", action="store_true", help="tampilkan yang akan disalin tanpa menyalin")

    def handle(self, *args, **opts):
        medium = MediaBackup.objects.filter(label=opts["media"]).first()
        if medium is None:
            raise CommandError(f"Media {opts['media']} belum terdaftar; daftarkan di halaman Media portabel.")
        runs = self._runs(opts)
        user = None
        if opts["oleh"]:
            user = get_user_model().objects.filter(email=opts["oleh"]).first()
            if user is None:
                raise CommandError(f"Pengguna {opts['oleh']} tidak ditemukan.")
        if opts["dry_run"]:
            for run in runs:
                self.stdout.write(f"akan disalin: #{run.pk} {run.sumber.nama} {run.arsip} ({run.ukuran} byte)")
            return
        try:
            copy = services.media_copy_write(
                medium=medium,
                runs=runs,
                dest=Path(opts["folder"]),
                lokasi=opts["lokasi"],
                terpisah=opts["terpisah"],
                user=user,
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if copy.status != MediaCopy.Status.BERHASIL:
            raise CommandError(f"Salinan #{copy.pk} dicatat GAGAL: {copy.pesan}")
        self.stdout.write(self.style.SUCCESS(f"Salinan #{copy.pk} ke {medium.label}: {copy.pesan}"))

    def _runs(self, opts) -> list[BackupRun]:
        good = BackupRun.objects.select_related("sumber").filter(status=BackupRun.Status.BERHASIL, dipangkas_pada=None)
        if opts["terbaru"]:
            newest = good.filter(sumber=OuterRef("sumber")).order_by("-mulai").values("pk")[:1]
            return list(good.filter(pk=Subquery(newest)))
        if not opts["run"]:
            raise CommandError("Sebutkan --run NOMOR (boleh berulang) atau --terbaru.")
        runs = list(BackupRun.objects.select_related("sumber").filter(pk__in=opts["run"]))
        missing = set(opts["run"]) - {r.pk for r in runs}
        if missing:
            raise CommandError(f"Backup tidak ditemukan: {', '.join(map(str, sorted(missing)))}")
        return runs
