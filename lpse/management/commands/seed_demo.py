"""Fill an empty portal with demo data; running it again changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from lpse import registry
from lpse.demo import DEMO_ADMIN_EMAIL, DEMO_PASSWORD, DEMO_USERS
from lpse.models import Instansi, Pengumuman, User
from lpse.services import user_create


class Command(BaseCommand):
    help = "Membuat data demo (akun per peran, pengumuman, data tiap bidang). Idempoten."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-accounts", action="store_true", help="Jangan cetak daftar akun demo.")

    @transaction.atomic
    def handle(self, *args, **options):
        created = self._users()
        from lpse.signing.demo import demo_certificates, demo_sign_pending

        demo_certificates()  # before the bidang seeds issue documents naming these officials
        self._announcements()
        for contribution in registry.contributions():
            if contribution.seed is not None and hasattr(contribution.seed, "seed_demo"):
                contribution.seed.seed_demo()
        signed = demo_sign_pending()
        self.stdout.write(f"Tanda tangan elektronik demo: {signed} tanda tangan (frasa sandi = kata sandi demo).")
        self.stdout.write(self.style.SUCCESS(f"Data demo siap ({created} akun baru)."))
        if settings.BACKUP_DEV_KEY_FILE:
            self.stdout.write(
                f"Backup dienkripsi dengan kunci pengembangan {settings.BACKUP_DEV_KEY_FILE} (hanya demo; "
                "produksi: BACKUP_ENCRYPTION_KEY_FILE, lihat README)."
            )
        if not options["quiet_accounts"]:
            self.stdout.write(f"Akun demo (kata sandi semua: {DEMO_PASSWORD}):")
            for email, _, role in DEMO_USERS:
                self.stdout.write(f"  {role:<48} {email}")
            if settings.DEBUG and settings.OTP_DEMO_BYPASS:
                self.stdout.write(
                    "Verifikasi dua langkah dilewati untuk akun demo (OTP_DEMO_BYPASS=1, hanya saat DEBUG=1)."
                )
            else:
                self.stdout.write(
                    "Staf dan admin teknis wajib verifikasi dua langkah: saat pertama masuk, daftarkan aplikasi "
                    "autentikator (atau jalankan dengan OTP_DEMO_BYPASS=1 untuk demo)."
                )

    def _users(self) -> int:
        pupr = Instansi.objects.filter(singkatan="PUPR").first()
        created = 0
        for email, nama, role in DEMO_USERS:
            if User.objects.filter(email=email).exists():
                continue
            user_create(
                email=email,
                nama_lengkap=nama,
                password=DEMO_PASSWORD,
                roles=[role],
                instansi=pupr if role in {"PA/KPA", "PPK", "Pokja ULP/Pejabat Pengadaan"} else None,
            )
            created += 1
        if not User.objects.filter(email=DEMO_ADMIN_EMAIL).exists():
            User.objects.create_superuser(DEMO_ADMIN_EMAIL, DEMO_PASSWORD, nama_lengkap="Admin Teknis (demo)")
        return created

    def _announcements(self) -> None:
        now = timezone.now()
        items = [
            (
                "umum",
                "Jam layanan LPSE selama bulan Desember",
                "Layanan tatap muka buka Senin–Jumat pukul 08.00–16.00 WIB. Konsultasi melalui helpdesk daring tetap dilayani.",
                False,
            ),
            (
                "pelatihan",
                "Pelatihan SPSE bagi penyedia baru",
                "Pendaftaran pelatihan penggunaan SPSE bagi penyedia dibuka melalui menu Pelatihan.",
                False,
            ),
            (
                "pemeliharaan",
                "Pemeliharaan server SPSE Sabtu malam",
                "Server SPSE akan menjalani pemeliharaan rutin pada Sabtu pukul 22.00–24.00 WIB. Mohon tidak mengunggah dokumen penawaran pada jam tersebut.",
                True,
            ),
        ]
        for jenis, judul, isi, mendesak in items:
            Pengumuman.objects.get_or_create(
                judul=judul, defaults={"jenis": jenis, "isi": isi, "mendesak": mendesak, "mulai": now}
            )
