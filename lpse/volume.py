"""Bulk rows for the benchmark: inserted with bulk_create, idempotent by count."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from .models import Dokumen, Pengumuman, User


def seed_platform_volume(*, stdout, small: bool = False) -> None:
    n_users, n_pengumuman = (20, 5) if small else (2000, 500)
    have = User.objects.filter(email__endswith="@volume.lpse.id").count()
    if have < n_users:
        password = make_password("volume-lpse-2026")
        User.objects.bulk_create(
            [
                User(email=f"pengguna{i}@volume.lpse.id", nama_lengkap=f"Pengguna Volume {i}", password=password)
                for i in range(have, n_users)
            ],
            batch_size=1000,
        )
    have = Pengumuman.objects.filter(judul__startswith="[volume]").count()
    now = timezone.now()
    if have < n_pengumuman:
        Pengumuman.objects.bulk_create(
            [
                Pengumuman(
                    judul=f"[volume] Pengumuman {i}",
                    isi="Isi pengumuman volume. " * 20,
                    jenis=Pengumuman.Jenis.UMUM,
                    mulai=now - timedelta(hours=i),
                )
                for i in range(have, n_pengumuman)
            ],
            batch_size=1000,
        )
    # Official documents for the public verification page (a QR code's target).
    n_dokumen = 5 if small else 5000
    have = Dokumen.objects.filter(kode="VOL").count()
    if have < n_dokumen:
        Dokumen.objects.bulk_create(
            [
                Dokumen(
                    kode="VOL",
                    jenis="Surat Keterangan Volume",
                    nomor=f"{i + 1:05d}/VOL/LPSE/{now.year}",
                    urut=i + 1,
                    tahun=now.year,
                    perihal=f"Dokumen volume {i + 1}",
                    tanggal=now - timedelta(hours=i),
                    sha256="0" * 64,
                )
                for i in range(have, n_dokumen)
            ],
            batch_size=1000,
        )
    stdout.write(f"Platform: {n_users} pengguna, {n_pengumuman} pengumuman, {n_dokumen} dokumen.")
