import factory
from django.utils import timezone

from layanan import services
from layanan.models import ArtikelFaq, Eskalasi, Kategori, KategoriFaq, Tiket


def make_tiket(*, at=None, pelapor=None, **data) -> Tiket:
    """A ticket opened through the service, as a guest would (SLA deadlines set)."""
    fields = {
        "nama": "Joni Tarigan",
        "email": "joni@cv-sinar.co.id",
        "telepon": "0628 20001",
        "instansi": "CV Sinar Karo",
        "jenis": "masalah",
        "kategori": Kategori.TEKNIS,
        "jenis_pelapor": "penyedia",
        "urgensi": "sedang",
        "dampak": "sedang",
        "subjek": "Tidak dapat mengunggah dokumen penawaran",
        "deskripsi": "Muncul galat saat mengunggah penawaran paket 12345.",
        "kode_paket": "",
    }
    fields.update(data)
    return services.tiket_create(data=fields, pelapor=pelapor, at=at or timezone.now())


class KategoriFaqFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KategoriFaq
        django_get_or_create = ["nama"]

    nama = factory.Sequence(lambda n: f"Kategori {n}")


class ArtikelFaqFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArtikelFaq

    kategori = factory.SubFactory(KategoriFaqFactory)
    judul = factory.Sequence(lambda n: f"Cara mengatasi masalah nomor {n}")
    isi = "Langkah-langkahnya adalah sebagai berikut."
    terbit = True


class EskalasiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Eskalasi

    tiket = factory.LazyFunction(make_tiket)
    uraian = "Penawaran tidak dapat didekripsi."
    dikirim = factory.LazyFunction(timezone.now)


def make_ruang(**fields):
    from layanan.models import Ruang

    defaults = {"jenis": "bidding", "kapasitas": 12, "perlu_persetujuan": True}
    defaults.update(fields)
    nama = defaults.pop("nama", "Ruang Bidding")
    return Ruang.objects.update_or_create(nama=nama, defaults=defaults)[0]


def make_pelatihan(*, days: int = 7, kapasitas: int = 20, **fields):
    from datetime import timedelta

    from layanan.models import Pelatihan

    mulai = timezone.now() + timedelta(days=days)
    data = {
        "topik": "Pelatihan SPSE untuk penyedia",
        "sasaran": "penyedia",
        "mulai": mulai,
        "selesai": mulai + timedelta(hours=4),
        "pelatih": "Tim LPSE",
        "kapasitas": kapasitas,
    }
    data.update(fields)
    return Pelatihan.objects.create(**data)


def make_peserta(pelatihan=None, **data):
    from layanan.services import peserta_register

    fields = {"nama": "Peserta", "email": f"p{timezone.now().timestamp()}@contoh.id", "telepon": "", "instansi": ""}
    fields.update(data)
    return peserta_register(pelatihan=pelatihan or make_pelatihan(), data=fields)
