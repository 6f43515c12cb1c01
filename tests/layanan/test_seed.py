import io

import pytest
from django.core.management import call_command

from layanan.models import Eskalasi, Tiket, TiketBalasan
from layanan.seed import BENCH_PAGES, seed_volume

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent(roles_ready):
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    counts = (Tiket.objects.count(), Eskalasi.objects.count())
    assert counts[0] >= 4 and counts[1] == 1
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    assert (Tiket.objects.count(), Eskalasi.objects.count()) == counts


def test_small_volume_and_bench_pages_answer(client_as):
    from lpse import roles

    seed_volume(stdout=io.StringIO(), small=True)
    assert Tiket.objects.count() == 50 and TiketBalasan.objects.count() == 200
    seed_volume(stdout=io.StringIO(), small=True)
    assert Tiket.objects.count() == 50
    client = client_as(roles.LAYANAN)
    for page in BENCH_PAGES:
        path = page["path"]() if callable(page["path"]) else page["path"]
        assert client.get(path).status_code == 200, page["name"]


def test_technical_admin_lists_layanan_reference_data(client, make_user):
    from tests.layanan.factories import make_tiket

    make_tiket()
    admin = make_user(None, is_staff=True, is_superuser=True)
    client.force_login(admin)
    for model in ("tiket", "ruang", "slatarget", "kategorifaq", "balasantemplat"):
        assert client.get(f"/admin-teknis/layanan/{model}/").status_code == 200, model
