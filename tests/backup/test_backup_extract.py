"""Restore tests unpack archives safely on every supported Python, and failure mail links to the run."""

import io
import tarfile

import pytest
from django.urls import reverse

from backup import engine, services
from backup.models import BackupRun
from lpse.models import EmailOutbox
from tests.backup.support import dir_source


def _tar(*entries: tarfile.TarInfo, data: bytes = b"isi") -> io.BytesIO:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w|") as tar:
        for info in entries:
            if info.isfile():
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            else:
                tar.addfile(info)
    buf.seek(0)
    return buf


def _entry(name: str, kind=tarfile.REGTYPE, **fields) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.mode = fields.pop("mode", 0o644)
    for key, value in fields.items():
        setattr(info, key, value)
    return info


def test_safe_extraction_unpacks_files_and_folders_without_special_bits(tmp_path):
    archive = _tar(_entry("folder", tarfile.DIRTYPE, mode=0o777), _entry("folder/a.txt", mode=0o4755))
    with tarfile.open(fileobj=archive, mode="r|") as tar:
        engine.extract_safely(tar, tmp_path)
    unpacked = tmp_path / "folder" / "a.txt"
    assert unpacked.read_bytes() == b"isi"
    assert unpacked.stat().st_mode & 0o7111 == 0, "no setuid, no execute bit from the archive"


@pytest.mark.parametrize(
    "entry",
    [
        _entry("../luar.txt"),
        _entry("/etc/lpse-uji.txt"),
        _entry("tautan", tarfile.SYMTYPE, linkname="/etc/passwd"),
        _entry("keras", tarfile.LNKTYPE, linkname="../luar.txt"),
        _entry("perangkat", tarfile.CHRTYPE),
    ],
    ids=["naik", "absolut", "symlink", "hardlink", "perangkat"],
)
def test_safe_extraction_refuses_entries_outside_or_not_plain(tmp_path, entry):
    dest = tmp_path / "tujuan"
    dest.mkdir()
    with tarfile.open(fileobj=_tar(entry), mode="r|") as tar, pytest.raises(engine.BackupError, match="tidak aman"):
        engine.extract_safely(tar, dest)
    assert not (tmp_path / "luar.txt").exists() and list(dest.iterdir()) == []


@pytest.mark.django_db
def test_failure_mail_links_to_the_run_page(tmp_path, make_user):
    from lpse import roles

    make_user(roles.ADMIN_SISTEM, email="sistem@contoh.id")
    run = BackupRun.objects.create(sumber=dir_source(tmp_path), status="gagal", pesan="Disk penuh.")
    services._notify_failure(run)
    body = EmailOutbox.objects.get().isi
    assert reverse("backup:run", args=[run.pk]) in body and "/staf/infrastruktur/backup/run/" in body
