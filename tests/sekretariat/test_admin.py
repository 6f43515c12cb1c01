import pytest
from django.urls import reverse

from lpse.models import User
from tests.sekretariat.factories import NaskahFactory, PegawaiFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "pegawai",
    "naskah",
    "laporankegiatan",
    "suratkeputusan",
    "penugasanluar",
    "kualifikasi",
    "pelatihanpegawai",
    "honorarium",
    "disposisi",
    "formatagenda",
    "kegiatan",
    "risiko",
    "kontenpublik",
]


@pytest.mark.parametrize("model", MODELS)
def test_technical_admin_lists_open(model, client):
    client.force_login(User.objects.create_superuser("root@contoh.go.id", "x", nama_lengkap="Root"))
    PegawaiFactory()
    NaskahFactory()
    assert client.get(reverse(f"admin:sekretariat_{model}_changelist")).status_code == 200
