"""The asset register: fields and C/I/A ratings (import and export: test_impor_aset.py)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from infrastruktur.models import Aset
from lpse import roles
from tests.infrastruktur.factories import AsetFactory

pytestmark = pytest.mark.django_db


def test_staff_creates_an_asset_with_every_field_of_the_register(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    data = {
        "nama": "Server Aplikasi SPSE",
        "jenis": "server",
        "peran": "Aplikasi SPSE",
        "alamat": "10.10.1.5",
        "ruang": "Ruang Server Diskominfo",
        "rak": "R1-U12",
        "cpu": "2x Xeon Silver 4210",
        "ram": "64 GB",
        "disk": "2x 1,2 TB SAS RAID1",
        "pemilik": "Bidang Administrasi Sistem Elektronik",
        "tanggal_perolehan": "2023-03-01",
        "garansi_sampai": "2026-03-01",
        "status": "aktif",
        "kerahasiaan": 3,
        "integritas": 3,
        "ketersediaan": 3,
        "server_spse": "on",
        "disk_peringatan": 80,
        "disk_kritis": 90,
        "ram_tersedia_min": 10,
        "ram_menit": 10,
        "penuh_peringatan_hari": 7,
        "penuh_kritis_hari": 2,
        "tls_peringatan_hari": 20,
        "tls_kritis_hari": 3,
        "latensi_peringatan_ms": 1000,
        "histeresis": 5,
    }
    response = client.post(reverse("infrastruktur:aset-create"), data)
    assert response.status_code == 302
    aset = Aset.objects.get(nama="Server Aplikasi SPSE")
    assert (aset.kerahasiaan, aset.integritas, aset.ketersediaan) == (3, 3, 3)
    assert aset.rak == "R1-U12" and aset.server_spse
    assert aset.history.count() == 1
    detail = client.get(aset.get_absolute_url())
    assert "Riwayat perubahan" in detail.content.decode()


def test_rating_outside_1_to_3_is_refused_by_form_and_database(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    response = client.post(reverse("infrastruktur:aset-create"), {"nama": "X", "kerahasiaan": 4})
    assert response.status_code == 400
    assert not Aset.objects.filter(nama="X").exists()
    aset = AsetFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Aset.objects.filter(pk=aset.pk).update(ketersediaan=0)


def test_critical_disk_threshold_must_be_above_warning(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    aset = AsetFactory()
    response = client.post(
        reverse("infrastruktur:aset-edit", args=[aset.pk]),
        {
            "nama": aset.nama,
            "jenis": "server",
            "status": "aktif",
            "kerahasiaan": 2,
            "integritas": 2,
            "ketersediaan": 2,
            "disk_peringatan": 90,
            "disk_kritis": 80,
            "ram_tersedia_min": 10,
            "ram_menit": 10,
            "penuh_peringatan_hari": 7,
            "penuh_kritis_hari": 2,
            "tls_peringatan_hari": 20,
            "tls_kritis_hari": 3,
            "latensi_peringatan_ms": 1000,
            "histeresis": 5,
        },
    )
    assert response.status_code == 400
    assert "Ambang kritis disk harus di atas ambang peringatan" in response.content.decode()


@pytest.mark.parametrize("n", [3, 30])
def test_asset_list_queries_do_not_grow_with_assets(n, client_as, django_assert_num_queries):
    client = client_as(roles.ADMIN_SISTEM)
    AsetFactory.create_batch(n)
    # user (session and permissions come from the cache: cached_db sessions, lpse.auth.CachedModelBackend),
    # count, one page of assets joined with their state
    with django_assert_num_queries(3):
        assert client.get(reverse("infrastruktur:aset-list")).status_code == 200
