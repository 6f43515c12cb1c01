import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lpse import roles
from lpse.demo import demo_email
from registrasi import seed
from registrasi.models import BerkasPendaftaran, Keputusan, Pendaftaran

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_one_application_per_state_and_is_idempotent(roles_ready):
    call_command("seed_demo", quiet_accounts=True, stdout=io.StringIO())
    call_command("seed_demo", quiet_accounts=True, stdout=io.StringIO())
    statuses = sorted(Pendaftaran.objects.values_list("status", flat=True))
    assert statuses == sorted(["menunggu_konfirmasi", "diajukan", "diajukan", "diajukan", "dikembalikan", "disetujui"])
    assert Keputusan.objects.filter(berita_acara__isnull=False).count() == 2
    approved = Pendaftaran.objects.get(status="disetujui")
    assert approved.akun.email == demo_email(roles.PENYEDIA)
    assert approved.penonaktifan.get().status == "diajukan"


def test_seed_volume_small_and_bench_pages_answer_with_the_same_queries(client_as):
    seed.seed_volume(stdout=io.StringIO(), small=True)
    assert Pendaftaran.objects.count() == 50
    assert BerkasPendaftaran.objects.count() == 200
    staff = client_as(roles.REGISTRASI)
    counts = {}
    for page in seed.BENCH_PAGES:
        path = page["path"]() if callable(page["path"]) else page["path"]
        assert staff.get(path).status_code == 200, path  # warm the portal-wide caches (banners)
        with CaptureQueriesContext(connection) as ctx:
            assert staff.get(path).status_code == 200, path
        counts[page["name"]] = len(ctx)
    seed.seed_volume(stdout=io.StringIO(), small=True)  # idempotent
    assert Pendaftaran.objects.count() == 50
    for page in seed.BENCH_PAGES:
        path = page["path"]() if callable(page["path"]) else page["path"]
        with CaptureQueriesContext(connection) as ctx:
            staff.get(path)
        assert len(ctx) == counts[page["name"]]
