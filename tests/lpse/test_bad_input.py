"""Bad input gets a clear Indonesian answer and a 4xx, never a 500; production
settings refuse to start half-configured and pass ``check --deploy``."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse

from lpse import roles
from lpse.models import Pengumuman


@pytest.mark.parametrize(
    "path",
    ["/tidak-ada/", "/pengumuman/999999/", "/staf/pengumuman/999999/ubah/", "/dokumen/verifikasi/bukan-token/"],
)
def test_unknown_urls_and_ids_give_the_indonesian_404(path, client_as):
    response = client_as(roles.SEKRETARIAT).get(path)
    assert response.status_code == 404
    html = response.content.decode()
    if path.startswith("/dokumen/verifikasi/"):  # issue 12: an unknown token may be a forgery, and says so
        assert "tidak terdaftar di LPSE" in html and "kemungkinan palsu" in html
    else:
        assert "Halaman atau data yang Anda cari tidak ditemukan" in html
    assert 'lang="id"' in html


def test_pengumuman_form_with_missing_and_wrong_fields_is_400_and_keeps_input(client_as):
    client = client_as(roles.LAYANAN)
    data = {"jenis": "bukan-jenis", "judul": "Gangguan jaringan di Kabanjahe", "isi": "", "mulai": "kemarin sore"}
    response = client.post(reverse("lpse:pengumuman-create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Gangguan jaringan di Kabanjahe"' in html  # what was typed stays
    assert 'value="kemarin sore"' in html
    assert html.count("is-invalid") >= 3  # jenis, isi, mulai
    assert "Bidang ini tidak boleh kosong" in html
    # Errors are tied to their fields for screen readers.
    assert 'aria-invalid="true" aria-describedby="id_isi_error"' in html
    assert 'id="id_isi_error"' in html
    assert not Pengumuman.objects.exists()


def test_pengumuman_end_before_start_is_a_field_error(client_as):
    client = client_as(roles.LAYANAN)
    data = {"jenis": "umum", "judul": "J", "isi": "I", "mulai": "2026-11-27T10:00", "selesai": "2026-11-27T09:00"}
    response = client.post(reverse("lpse:pengumuman-create"), data)
    assert response.status_code == 400
    assert "Waktu selesai harus setelah waktu mulai" in response.content.decode()


def test_csrf_failure_is_the_indonesian_403(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "a@b.id", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulir kedaluwarsa" in html
    assert "token CSRF tidak cocok" in html


@override_settings(MAX_REQUEST_BYTES=1024)
def test_body_over_the_limit_is_413_with_a_message(client_as):
    client = client_as(roles.LAYANAN)
    response = client.post(
        reverse("lpse:pengumuman-create"), {"jenis": "umum", "judul": "x", "isi": "a" * 4096, "mulai": "2026-11-27"}
    )
    assert response.status_code == 413
    assert "Kiriman terlalu besar" in response.content.decode()
    assert not Pengumuman.objects.exists()


def _manage(args: list[str], tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL",
            "DEBUG",
            "SECRET_KEY",
            "SECRET_KEY_FILE",
            "ALLOWED_HOSTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    clean.update(
        DJANGO_SETTINGS_MODULE="lpse.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        VAR_DIR=str(tmp_path / "var"),
        DEBUG="0",
        **env,
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warnings_in_production_settings(tmp_path):
    result = _manage(
        ["check", "--deploy"], tmp_path, SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="lpse.karokab.go.id"
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = _manage(["check"], tmp_path, ALLOWED_HOSTS="lpse.karokab.go.id")
    assert result.returncode != 0
    assert "SECRET_KEY wajib diisi bila DEBUG=0" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = _manage(["check"], tmp_path, SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS wajib diisi bila DEBUG=0" in result.stderr


def test_too_many_form_fields_is_the_indonesian_400(client_as):
    client = client_as(roles.LAYANAN)
    data = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post(reverse("lpse:pengumuman-create"), data)
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in response.content.decode()
    assert not Pengumuman.objects.exists()


def test_unknown_host_is_400_not_500(client, db):
    response = client.get("/", HTTP_HOST="penyusup.example")
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in response.content.decode()


# --- NUL bytes (issue 11 finding 5): one guard, every URL ------------------------------------

from tests.access import LOGGED_IN, PUBLIC  # noqa: E402
from tests.test_access_table import ROWS  # noqa: E402


def _persona(row):
    if row.allow == PUBLIC:
        return None
    if row.allow == LOGGED_IN:
        return roles.PENYEDIA
    return min(row.allow) if row.allow else None


def _login_as(client, make_user, persona):
    if persona is not None:
        client.force_login(make_user(persona))


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.name)
def test_nul_in_any_get_parameter_is_the_indonesian_400_on_every_url(row, client, make_user):
    """?q=%00 (and %00 in each parameter the row sends) never reaches PostgreSQL."""
    _login_as(client, make_user, _persona(row))
    url = reverse(row.name, kwargs=row.kwargs() if row.kwargs else None)
    data = row.data() if callable(row.data) else row.data
    params = {"q": "\x00", "halaman": "1\x00"} | {k: f"{v}\x00" for k, v in (data or {}).items() if row.method == "get"}
    response = client.get(url, params)
    assert response.status_code == 400, f"{url}: {response.status_code}"
    assert "karakter NUL" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/layanan/tiket/%00/",
        "/registrasi/status/%00/",
        "/registrasi/status/%00/perbaikan/",
        "/dokumen/verifikasi/%00/",
        "/dokumen/verifikasi/abc%00def/",
        "/pengumuman/%00/",
    ],
)
def test_nul_in_a_path_token_is_the_indonesian_404(path, client, db):
    response = client.get(path)
    assert response.status_code == 404
    assert "Halaman atau data yang Anda cari tidak ditemukan" in response.content.decode()


@pytest.mark.parametrize("row", [r for r in ROWS if r.kwargs], ids=lambda r: r.name)
def test_nul_in_every_path_argument_of_the_role_table_is_404(row, client, make_user):
    """Tokens get the NUL inside; ids and slugs, whose converters refuse one, get it after the path."""
    _login_as(client, make_user, _persona(row))
    kwargs = row.kwargs()
    try:
        url = reverse(row.name, kwargs={k: (f"{v}\x00" if isinstance(v, str) else v) for k, v in kwargs.items()})
    except NoReverseMatch:
        url = ""
    if "%00" not in url:
        url = reverse(row.name, kwargs=kwargs).rstrip("/") + "%00/"
    assert "%00" in url
    response = getattr(client, row.method)(url)
    assert response.status_code == 404, f"{url}: {response.status_code}"


def test_nul_in_a_plain_form_post_is_the_indonesian_400(client, db):
    response = client.post(
        reverse("layanan:tiket-baru"), "nama=Joni%00&subjek=x", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "karakter NUL" in response.content.decode()
