"""Portable media and custody (Perbup Karo 02/2017 Pasal 18 ayat 2)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from backup import services
from backup.models import MediaCopy
from lpse import roles
from tests.backup import support
from tests.infrastruktur.factories import medium_create

pytestmark = pytest.mark.django_db
backup_settings = support.backup_settings


@pytest.fixture
def good_run(backup_settings, tmp_path):
    (tmp_path / "spse").mkdir()
    (tmp_path / "spse" / "spse.conf").write_text("db=epns\n")
    source = support.dir_source(tmp_path / "spse")
    run = services.run_execute(run_id=services.run_request(source=source, queue=False).pk)
    assert run.status == "berhasil", run.pesan
    return run


@pytest.fixture
def medium():
    return medium_create(label="USB-01", serial="SN-778", kapasitas_gb=256, enkripsi="luks")


def test_pasal_18_2_command_copies_and_verifies_to_the_medium(good_run, medium, tmp_path, make_user):
    admin = make_user(roles.ADMIN_SISTEM, email="admin@karokab.go.id")
    mount = tmp_path / "usb"
    mount.mkdir()
    out = io.StringIO()
    call_command(
        "backup_to_media",
        media="USB-01",
        folder=str(mount),
        terbaru=True,
        lokasi="Brankas Sekretariat, Kantor Bupati",
        terpisah=True,
        oleh="admin@karokab.go.id",
        stdout=out,
    )
    copy = MediaCopy.objects.get()
    assert copy.status == "berhasil" and copy.disalin_oleh == admin
    assert list(copy.runs.all()) == [good_run]
    assert copy.checksums == [
        {"run": good_run.pk, "arsip": good_run.arsip_path.name, "sha256": good_run.sha256, "ok": True}
    ]
    assert (mount / good_run.sumber.slug / good_run.arsip_path.name).read_bytes() == good_run.arsip_path.read_bytes()
    assert (mount / good_run.sumber.slug / good_run.manifest_path.name).exists()
    assert "checksum SHA-256 sama" in out.getvalue()


def test_pasal_18_2_medium_must_be_kept_apart_from_the_server_room(good_run, medium, tmp_path):
    tmp_path = tmp_path / "usb"
    tmp_path.mkdir()
    with pytest.raises(CommandError, match="terpisah dari ruang server"):
        call_command("backup_to_media", media="USB-01", folder=str(tmp_path), terbaru=True, lokasi="Lemari")
    with pytest.raises(ValidationError, match="Pasal 18 ayat 2"):
        services.media_copy_write(
            medium=medium, runs=[good_run], dest=tmp_path, lokasi="Ruang server lantai 1", terpisah=True
        )
    assert not MediaCopy.objects.exists()
    assert not any(tmp_path.iterdir()), "nothing is copied before the location is accepted"
    with pytest.raises(IntegrityError), transaction.atomic():
        MediaCopy.objects.create(medium=medium, disalin_pada=timezone.now(), lokasi_simpan="Lemari", status="berhasil")


def test_copy_that_fails_verification_is_recorded_as_failed(good_run, medium, tmp_path, monkeypatch):
    from backup import engine

    real = engine.copy_file_verified

    def corrupting_medium(src, dest, sha):
        real(src, dest, sha)
        with open(dest, "r+b") as f:
            f.write(b"XX")
        if engine.archive_checksum(dest) != sha:
            raise engine.BackupError(f"Salinan {dest} tidak sama dengan aslinya (checksum SHA-256 berbeda).")

    monkeypatch.setattr(engine, "copy_file_verified", corrupting_medium)
    with pytest.raises(CommandError, match="GAGAL"):
        call_command(
            "backup_to_media", media="USB-01", folder=str(tmp_path), run=[good_run.pk], lokasi="Brankas", terpisah=True
        )
    copy = MediaCopy.objects.get()
    assert copy.status == "gagal" and "checksum SHA-256 berbeda" in copy.pesan


def test_bad_medium_folder_and_unknown_medium_are_refused(good_run, medium, tmp_path):
    with pytest.raises(CommandError, match="belum dipasang"):
        call_command(
            "backup_to_media",
            media="USB-01",
            folder=str(tmp_path / "tidak-ada"),
            terbaru=True,
            lokasi="Brankas",
            terpisah=True,
        )
    with pytest.raises(CommandError, match="belum terdaftar"):
        call_command("backup_to_media", media="X", folder=str(tmp_path), terbaru=True, lokasi="B", terpisah=True)


def test_handover_issues_numbered_berita_acara(
    good_run, medium, tmp_path, client_as, django_capture_on_commit_callbacks
):
    copy = services.media_copy_write(medium=medium, runs=[good_run], dest=tmp_path, lokasi="Brankas", terpisah=True)
    client = client_as(roles.ADMIN_SISTEM, nama_lengkap="Rina Sembiring")
    url = reverse("backup:salinan", args=[copy.pk])
    data = {
        "diserahkan_kepada": "Budi Ginting",
        "jabatan_penerima": "Sekretaris",
        "lokasi_simpan": "Brankas Sekretariat",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "terpisah dari ruang server" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the worker renders it after the commit
        response = client.post(url, {**data, "terpisah_dari_ruang_server": "on"})
    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.berita_acara.nomor.startswith("001/BA-BCK-LPSE/")
    pdf = client.get(reverse("backup:berita-acara", args=[copy.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages)
    assert "Budi Ginting" in text and "Brankas Sekretariat" in text and good_run.sha256[:20] in text
    assert "Pasal 18" in text
    # A second hand-over of the same copy is refused, nothing lost.
    client.post(url, {**data, "terpisah_dari_ruang_server": "on"})
    copy.refresh_from_db()
    assert copy.berita_acara.nomor.startswith("001/")
