import factory
from django.utils import timezone

from infrastruktur.models import (
    Aset,
    CekRuangServer,
    Insiden,
    InstruksiLkpp,
    IzinKunjungan,
    Pemeliharaan,
    PermintaanPerubahan,
)
from monitoring.models import LaporanHarian, Pemeriksaan


class AsetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aset

    nama = factory.Sequence(lambda n: f"Server SPSE {n}")
    jenis = Aset.Jenis.SERVER
    peran = "Server aplikasi SPSE"
    alamat = factory.Sequence(lambda n: f"10.0.0.{n % 250 + 1}")


class PemeriksaanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pemeriksaan

    aset = factory.SubFactory(AsetFactory)
    nama = factory.Sequence(lambda n: f"HTTP SPSE {n}")
    jenis = Pemeriksaan.Jenis.HTTP
    target = "http://127.0.0.1:9/"
    batas_waktu_detik = 2


class InsidenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Insiden

    aset = factory.SubFactory(AsetFactory)
    kode = factory.Sequence(lambda n: f"disk:/data{n}")
    judul = "Disk hampir penuh"


class InstruksiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstruksiLkpp

    perihal = factory.Sequence(lambda n: f"Pembaruan SPSE {n}")
    isi = "Perbarui SPSE ke versi terbaru."


class PemeliharaanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pemeliharaan

    judul = factory.Sequence(lambda n: f"Pemeliharaan {n}")
    uraian = "Penggantian disk."
    mulai = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=2))
    selesai = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=2, hours=2))


class PerubahanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PermintaanPerubahan

    judul = factory.Sequence(lambda n: f"Upgrade kernel {n}")
    alasan = "Patch keamanan"
    rencana = "apt upgrade"
    rencana_uji = "cek layanan"
    rencana_rollback = "boot kernel lama"


class CekRuangFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CekRuangServer
        django_get_or_create = ["tanggal"]

    tanggal = factory.LazyFunction(timezone.localdate)
    suhu = 22
    kelembapan = 50


class IzinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IzinKunjungan

    nama = "Teknisi Vendor"
    instansi = "PT Jaringan Nusantara"
    keperluan = "Ganti switch"
    tanggal = factory.LazyFunction(timezone.localdate)


class LaporanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LaporanHarian
        django_get_or_create = ["tanggal"]

    tanggal = factory.LazyFunction(timezone.localdate)


def medium_create(**fields):
    """A portable medium registered the way staff do it: with its asset (issue 6)."""
    from backup.models import MediaBackup
    from backup.services import medium_save

    fields.setdefault("kapasitas_gb", 64)
    return medium_save(medium=MediaBackup(**fields))
