"""Restore a backup (docs/restore.md): ``restore_backup <run|manifest.json> --target <url|folder> [--dry-run]``."""

from django.core.management.base import BaseCommand, CommandError

from backup import crypto
from backup.engine import BackupCryptoError, BackupError
from backup.restore import restore
from lpse import pagecache


class Command(BaseCommand):
    help = (
        "Pulihkan backup ke basis data PostgreSQL kosong, berkas SQLite baru, atau folder baru. "
        "REF adalah nomor backup di portal, atau path berkas .manifest.json (mis. dari media portabel). "
        "Selalu jalankan dulu dengan --dry-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("ref", help="nomor backup, atau path .manifest.json di samping arsip .lpsebak")
        parser.add_argument(
            "--target",
            required=True,
            help="postgres://pengguna@host:5432/basisdata_kosong, sqlite:////path/baru.sqlite3, atau /folder/baru",
        )
        parser.add_argument("--dry-run", action="store_true", help="periksa semuanya tanpa menulis ke tujuan")
        parser.add_argument("--key-file", help="berkas kunci (bawaan: BACKUP_ENCRYPTION_KEY / _FILE)")

    def handle(self, *args, **opts):
        try:
            key = crypto.load_key(path=opts["key_file"]) if opts["key_file"] else crypto.load_key()
            restore(
                ref=opts["ref"],
                target=opts["target"],
                key=key,
                dry_run=opts["dry_run"],
                say=lambda line: self.stdout.write(line),
            )
        except (BackupError, BackupCryptoError) as exc:
            raise CommandError(f"Pemulihan dibatalkan: {exc}") from exc
        if opts["dry_run"]:
            self.stdout.write(
                self.style.SUCCESS("Uji (dry-run) berhasil. Jalankan lagi tanpa --dry-run untuk memulihkan.")
            )
        else:
            # Pages stored from the database the portal used until now must not be served once it
            # is pointed at the restored one (lpse/pagecache.py); the shared cache outlives the switch.
            pagecache.forget_all()
            self.stdout.write(self.style.SUCCESS("Pemulihan selesai dan cocok dengan manifest."))
