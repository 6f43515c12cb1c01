"""Demo and volume data, and the bench pages that use them."""

import io
import time

import pytest
from django.core.management import call_command
from django.test import Client

from backup.models import BackupRun, BackupSource, MediaBackup
from infrastruktur.models import Aset, Pemeliharaan
from lpse.demo import demo_email
from lpse.models import Pengumuman, User
from monitoring.models import Rollup, Sampel
from monitoring.seed import BENCH_INGEST, BENCH_PAGES, seed_volume

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent(roles_ready):
    call_command("seed_demo", quiet_accounts=True, stdout=io.StringIO())
    counts = (Aset.objects.count(), Rollup.objects.count(), Sampel.objects.count())
    assert Aset.objects.filter(jenis="media_backup").count() == 2
    assert Aset.objects.filter(host_lokal=True).count() == 1
    assert Rollup.objects.filter(resolusi="hari").exists()
    assert Pemeliharaan.objects.get().pengumuman.jenis == Pengumuman.Jenis.PEMELIHARAAN
    call_command("seed_demo", quiet_accounts=True, stdout=io.StringIO())
    assert (Aset.objects.count(), Rollup.objects.count(), Sampel.objects.count()) == counts


def test_seed_demo_backup_sources_and_a_medium_that_is_an_asset(roles_ready):
    call_command("seed_demo", quiet_accounts=True, stdout=io.StringIO())
    call_command("seed_demo", quiet_accounts=True, stdout=io.StringIO())
    # The portal's own database and media come from the migration, on by default (Pasal 18(1)).
    assert set(BackupSource.objects.filter(aktif=True).values_list("slug", flat=True)) == {
        "portal-db",
        "portal-media",
    }
    assert set(BackupSource.objects.filter(aktif=False).values_list("slug", flat=True)) == {
        "spse-db",
        "spse-berkas",
    }
    medium = MediaBackup.objects.select_related("aset").get()
    assert medium.aset.nama == "Hard disk eksternal A", "the demo medium is the register's asset, not a second one"
    assert Aset.objects.filter(jenis="media_backup").count() == 2
    assert not BackupRun.objects.exists(), "seed_demo runs no backup"


def test_small_volume_seed_and_bench_pages_answer(roles_ready):
    out = io.StringIO()
    call_command("seed_demo", quiet_accounts=True, stdout=io.StringIO())
    seed_volume(stdout=out, small=True)
    assert Aset.objects.filter(nama__startswith="[volume]").count() == 5
    assert Rollup.objects.filter(resolusi="jam", aset__nama__startswith="[volume]").count() >= 5 * 9 * 7 * 24
    seed_volume(stdout=out, small=True)  # idempotent
    assert Aset.objects.filter(nama__startswith="[volume]").count() == 5
    for page in BENCH_PAGES:
        client = Client()
        client.force_login(User.objects.get(email=demo_email(page["role"])))
        path = page["path"]() if callable(page["path"]) else page["path"]
        response = client.get(path)
        assert response.status_code == 200, (page["name"], response.status_code)
    data = client.get(BENCH_PAGES[2]["path"]()).json()
    assert len(data["grup"]["disk"][0]["data"]) >= 7
    tokens = BENCH_INGEST["tokens"]()
    assert len(tokens) >= 5
    response = Client().post(
        BENCH_INGEST["path"],
        BENCH_INGEST["payload"](timestamp=time.time()),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {tokens[-1]}",
    )
    assert response.status_code == BENCH_INGEST["expect"]
