import factory
from django.utils import timezone

from lpse.models import Instansi, Pengumuman, User


class InstansiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instansi
        django_get_or_create = ["nama"]

    nama = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    jenis = Instansi.Jenis.OPD


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"pengguna{n}@contoh.go.id")
    nama_lengkap = factory.Faker("name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PengumumanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pengumuman

    judul = factory.Sequence(lambda n: f"Pengumuman {n}")
    isi = "Isi pengumuman."
    mulai = factory.LazyFunction(timezone.now)
