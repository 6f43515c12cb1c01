"""Login, lock-out, password reset and change, sessions, audit trail."""

import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from lpse import roles
from lpse.models import EmailOutbox
from tests.factories import PengumumanFactory
from tests.otp_helpers import totp_code, totp_device

PASSWORD = "rahasia-uji-123"  # UserFactory's


@pytest.fixture
def verifikator(make_user):
    return make_user(roles.REGISTRASI, email="dedi@lpse.example", nama_lengkap="Dedi Barus")


def _login(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_login_page_is_indonesian(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "Masuk ke portal" in html
    assert "Lupa kata sandi?" in html
    assert re.search(r'<label\s+for="id_username"', html)
    assert "Kata sandi" in html


def test_successful_login_goes_to_dashboard_and_is_recorded(client, verifikator):
    device = totp_device(verifikator)
    response = _login(client, "dedi@lpse.example", PASSWORD)
    assert response.status_code == 302
    # Staff pass the second factor before any page (tests/lpse/test_otp.py has the details).
    held = client.get(response["Location"])
    assert held.url.startswith(reverse("lpse:otp-verify"))
    passed = client.post(reverse("lpse:otp-verify"), {"kode": totp_code(device), "next": response["Location"]})
    assert client.get(passed["Location"]).url == reverse("lpse:dashboard")
    assert str(verifikator.pk) == client.session[SESSION_KEY]
    log = AccessLog.objects.get()
    assert log.username == "dedi@lpse.example"


def test_wrong_password_shows_indonesian_error_and_is_recorded(client, verifikator):
    response = _login(client, "dedi@lpse.example", "salah")
    assert response.status_code == 200
    assert "Email atau kata sandi salah" in response.content.decode()
    assert AccessFailureLog.objects.filter(username="dedi@lpse.example").count() == 1


def test_five_failed_logins_lock_the_account_with_indonesian_message(client, verifikator):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "dedi@lpse.example", "salah").status_code == 200
    locked = _login(client, "dedi@lpse.example", "salah")
    assert locked.status_code == 429
    assert "Akun dikunci sementara" in locked.content.decode()
    # Even the right password is refused while locked.
    response = _login(client, "dedi@lpse.example", PASSWORD)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()
    assert SESSION_KEY not in client.session
    attempt = AccessAttempt.objects.get(username="dedi@lpse.example")
    assert attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT
    assert AccessFailureLog.objects.filter(username="dedi@lpse.example", locked_out=True).exists()


def test_password_reset_by_email_end_to_end(client, verifikator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "dedi@lpse.example"})
    assert response.status_code == 302
    assert EmailOutbox.objects.get().terkirim is not None  # sent through the outbox
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dedi@lpse.example"]
    assert "Atur ulang kata sandi" in message.subject
    link = re.search(r"http://testserver(/akun/kata-sandi/atur/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Atur kata sandi baru" in form_page.content.decode()
    new = "Kabanjahe-Sejuk-2026"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert done["Location"] == reverse("password_reset_complete")
    assert _login(client, "dedi@lpse.example", new).status_code == 302
    assert _login(client.__class__(), "dedi@lpse.example", PASSWORD).status_code == 200


def test_password_reset_for_unknown_email_sends_nothing_but_looks_the_same(client, db):
    response = client.post(reverse("password_reset"), {"email": "tidak-ada@contoh.id"})
    assert response.status_code == 302
    assert not EmailOutbox.objects.exists()


def test_password_change(client, verifikator):
    client.force_login(verifikator)
    url = reverse("password_change")
    bad = client.post(url, {"old_password": "salah", "new_password1": "x", "new_password2": "y"})
    assert "is-invalid" in bad.content.decode()
    verifikator.refresh_from_db()
    assert verifikator.check_password(PASSWORD)
    new = "Berastagi-Dingin-2026"
    response = client.post(url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    verifikator.refresh_from_db()
    assert verifikator.check_password(new)


def test_sessions_expire_after_a_working_day_or_when_the_browser_closes(client, verifikator):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    _login(client, "dedi@lpse.example", PASSWORD)
    assert client.session.get_expire_at_browser_close() is True
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]  # a browser-session cookie
    stored = Session.objects.get(session_key=cookie.value)
    remaining = (stored.expire_date - timezone.now()).total_seconds()
    assert 8 * 3600 - 60 < remaining <= 8 * 3600


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from lpse import settings as prod

    assert prod.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_pengumuman_edit_page_shows_who_changed_it(client, make_user):
    pengumuman = PengumumanFactory(judul="Pemeliharaan server")
    editor = make_user(roles.ADMIN_SISTEM, nama_lengkap="Rizky Perangin-angin")
    client.force_login(editor)
    url = reverse("lpse:pengumuman-edit", args=[pengumuman.pk])
    data = {
        "jenis": "pemeliharaan",
        "judul": "Pemeliharaan server SPSE",
        "isi": "Sabtu malam.",
        "mulai": "2026-11-28T20:00",
    }
    assert client.post(url, data).status_code == 302
    reader = make_user(roles.SEKRETARIAT)
    client.force_login(reader)
    html = client.get(url).content.decode()
    assert "Riwayat perubahan" in html
    assert "Rizky Perangin-angin" in html
    assert "Diubah: jenis, judul, isi, tampil mulai" in html  # what changed, by verbose name
    latest = pengumuman.history.first()
    assert latest.history_user == editor
    assert latest.judul == "Pemeliharaan server SPSE"
