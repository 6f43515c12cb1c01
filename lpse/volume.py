"""Bulk rows for the benchmark: inserted with bulk_create, idempotent by count."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from .models import Pengumuman, User


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
    stdout.write(f"Platform: {n_users} pengguna, {n_pengumuman} pengumuman.")
