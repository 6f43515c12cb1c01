"""Technical admin of the backup SOP: records of runs and copies are read-only, media stay assets."""

import pytest
from django.urls import reverse
from django.utils import timezone

from backup.models import BackupRun, BackupSource, MediaBackup, MediaCopy
from lpse.models import User
from tests.infrastruktur.factories import AsetFactory, medium_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root@contoh.go.id", "x", nama_lengkap="Root"))
    return client


@pytest.fixture
def run():
    source = BackupSource.objects.create(nama="Dir", slug="dir", jenis="direktori", path="/srv/d")
    return BackupRun.objects.create(
        sumber=source,
        status="berhasil",
        verifikasi_ok=True,
        sha256="a" * 64,
        arsip="dir/x.lpsebak",
        manifest={"files": {"a": "b" * 64}},
        mulai=timezone.now(),
        selesai=timezone.now(),
    )


def test_every_backup_model_has_an_admin_page(admin_client, run):
    medium = medium_create(label="USB-ADM")
    copy = MediaCopy.objects.create(
        medium=medium, disalin_pada=timezone.now(), lokasi_simpan="Brankas", terpisah_dari_ruang_server=True
    )
    for model in ("backupsource", "backuprun", "backuppolicy", "prunelog", "mediabackup", "mediacopy"):
        assert admin_client.get(reverse(f"admin:backup_{model}_changelist")).status_code == 200, model
    for name, obj in (("backuprun", run), ("mediabackup", medium), ("mediacopy", copy)):
        assert admin_client.get(reverse(f"admin:backup_{name}_change", args=[obj.pk])).status_code == 200


def test_run_and_manifest_cannot_be_changed_in_the_admin(admin_client, run):
    url = reverse("admin:backup_backuprun_change", args=[run.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="sha256"' not in page and 'name="manifest"' not in page and 'name="status"' not in page
    admin_client.post(url, {"status": "gagal", "sha256": "0" * 64, "manifest": "{}"})
    run.refresh_from_db()
    assert (run.status, run.sha256, run.manifest) == ("berhasil", "a" * 64, {"files": {"a": "b" * 64}})
    assert admin_client.get(reverse("admin:backup_backuprun_add")).status_code == 403
    assert admin_client.get(reverse("admin:backup_backuprun_delete", args=[run.pk])).status_code == 403


def test_medium_added_in_the_admin_is_an_asset_too(admin_client):
    url = reverse("admin:backup_mediabackup_add")
    data = {"label": "USB-ADM2", "kapasitas_gb": 128, "enkripsi": "arsip", "aktif": "on"}
    assert admin_client.post(url, data).status_code == 302
    medium = MediaBackup.objects.select_related("aset").get(label="USB-ADM2")
    assert (medium.aset.nama, medium.aset.jenis) == ("USB-ADM2", "media_backup")
    AsetFactory(nama="Server X")
    response = admin_client.post(url, {**data, "label": "Server X"})
    assert response.status_code == 200
    assert "sudah dipakai aset lain" in response.content.decode()
    assert not MediaBackup.objects.filter(label="Server X").exists()
