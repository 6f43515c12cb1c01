"""Two-factor sign-in: password, then a code from the authenticator app (or a
recovery code) before any staff page; django-axes counts wrong codes."""

import os
import re
import subprocess
import sys

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lpse import otp, roles
from lpse.demo import demo_email
from lpse.models import User
from tests.otp_helpers import totp_code, totp_device

PASSWORD = "rahasia-uji-123"  # UserFactory's


@pytest.fixture
def verifikator(make_user):
    return make_user(roles.REGISTRASI, email="dedi@lpse.example", nama_lengkap="Dedi Barus")


@pytest.fixture(autouse=True)
def _no_throttle_between_tries(settings):
    """django-otp makes each wrong try wait 1 s, 2 s, 4 s…; these tests try back to back."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def _password(client, email, password=PASSWORD):
    return client.post(reverse("login"), {"username": email, "password": password})


def _code(client, code, next_url=None):
    data = {"kode": code}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("lpse:otp-verify"), data)


def test_staff_password_then_code_then_staff_page(client, verifikator):
    device = totp_device(verifikator)
    assert _password(client, verifikator.email).status_code == 302
    assert str(verifikator.pk) == client.session[SESSION_KEY]

    # With only the password, every page holds at the code page, staff pages first.
    held = client.get(reverse("lpse:dashboard"))
    assert held.status_code == 302
    assert held["Location"] == f"{reverse('lpse:otp-verify')}?next={reverse('lpse:dashboard')}"
    assert client.get(reverse("lpse:profil")).status_code == 302
    page = client.get(held["Location"])
    assert page.status_code == 200
    assert "Verifikasi dua langkah" in page.content.decode()

    passed = _code(client, totp_code(device), next_url=reverse("lpse:dashboard"))
    assert passed.status_code == 302 and passed["Location"] == reverse("lpse:dashboard")
    assert client.get(reverse("lpse:dashboard")).status_code == 200
    assert client.session[otp.VERIFIED_KEY] == device.persistent_id


def test_wrong_code_is_refused_in_indonesian_and_counted(client, verifikator):
    device = totp_device(verifikator)
    _password(client, verifikator.email)
    response = _code(client, "000000" if totp_code(device) != "000000" else "111111")
    assert response.status_code == 400
    assert "Kode salah, sudah dipakai, atau sudah kedaluwarsa" in response.content.decode()
    assert client.get(reverse("lpse:dashboard")).status_code == 302
    assert AccessFailureLog.objects.filter(username=verifikator.email).count() == 1
    assert _code(client, "abc").status_code == 400  # malformed: same answer, never a 500


def test_a_code_is_accepted_only_once(client, verifikator):
    device = totp_device(verifikator)
    code = totp_code(device)
    _password(client, verifikator.email)
    assert _code(client, code).status_code == 302
    other = Client()
    _password(other, verifikator.email)
    assert _code(other, code).status_code == 400  # replay of the same code


def test_staff_without_authenticator_enrols_on_first_sign_in(client, verifikator):
    _password(client, verifikator.email)
    verify = client.get(reverse("lpse:otp-verify"))
    assert verify.status_code == 302 and verify["Location"].startswith(reverse("lpse:otp-setup"))
    page = client.get(verify["Location"])
    html = page.content.decode()
    assert "Staf LPSE wajib memakai verifikasi dua langkah" in html
    assert 'src="data:image/png;base64,' in html  # the QR code, rendered by the portal itself
    secret = re.search(r"data-otp-secret>([A-Z2-7]+)<", html).group(1)
    device = TOTPDevice.objects.get(user=verifikator, confirmed=False)
    assert otp.totp_secret(device) == secret

    import base64

    wrong = client.post(reverse("lpse:otp-setup"), {"kode": "12345"})
    assert wrong.status_code == 400 and "Kode tidak cocok" in wrong.content.decode()
    done = client.post(reverse("lpse:otp-setup"), {"kode": totp_code(base64.b32decode(secret))})
    assert done.status_code == 302 and done["Location"].startswith(reverse("lpse:otp-recovery-codes"))
    device.refresh_from_db()
    assert device.confirmed

    shown = client.get(done["Location"]).content.decode()
    codes = re.findall(r'<li class="col">([0-9a-f]{8})</li>', shown)
    assert len(codes) == settings.OTP_STATIC_TOKEN_COUNT
    assert set(codes) == set(StaticToken.objects.filter(device__user=verifikator).values_list("token", flat=True))
    again = client.get(reverse("lpse:otp-recovery-codes")).content.decode()
    assert "hanya ditampilkan sekali" in again and codes[0] not in again
    assert client.get(reverse("lpse:dashboard")).status_code == 200


def test_recovery_code_works_once(client, verifikator):
    totp_device(verifikator)
    code = otp.recovery_codes_create(user=verifikator)[0]
    _password(client, verifikator.email)
    response = _code(client, code.upper())
    assert response.status_code == 302
    assert client.get(reverse("lpse:dashboard")).status_code == 200
    assert not StaticToken.objects.filter(token=code).exists()

    second = Client()
    _password(second, verifikator.email)
    assert _code(second, code).status_code == 400
    assert second.get(reverse("lpse:dashboard")).status_code == 302


def test_wrong_codes_lock_out_like_wrong_passwords(client, verifikator):
    device = totp_device(verifikator)
    _password(client, verifikator.email)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _code(client, "99999999").status_code == 400
    locked = _code(client, "99999999")
    assert locked.status_code == 429
    assert "Akun dikunci sementara" in locked.content.decode()
    # The right code, and the password again, are now refused too.
    assert _code(client, totp_code(device)).status_code == 429
    assert client.get(reverse("lpse:dashboard")).status_code == 302
    assert _password(Client(), verifikator.email).status_code == 429
    attempt = AccessAttempt.objects.get(username=verifikator.email)
    assert attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT


def test_the_password_alone_does_not_clear_the_count_of_wrong_codes(client, verifikator):
    device = totp_device(verifikator)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        fresh = Client()
        _password(fresh, verifikator.email)
        assert _code(fresh, "99999999").status_code == 400
    last = Client()
    assert _password(last, verifikator.email).status_code == 302
    assert _code(last, "99999999").status_code == 429
    # A finished sign-in (after the cool-off) clears it; here: reset and pass.
    AccessAttempt.objects.all().delete()
    ok = Client()
    _password(ok, verifikator.email)
    _code(ok, "1234567")  # one failure…
    assert _code(ok, totp_code(device)).status_code == 302  # …cleared by the whole sign-in
    assert not AccessAttempt.objects.filter(username=verifikator.email).exists()


def test_outside_user_is_not_asked_until_they_enrol(client, make_user):
    penyedia = make_user(roles.PENYEDIA, email="joni@cv-sinar.example")
    _password(client, penyedia.email)
    assert client.get(reverse("lpse:profil")).status_code == 200
    assert "Aktifkan verifikasi dua langkah" in client.get(reverse("lpse:profil")).content.decode()
    device = totp_device(penyedia)
    other = Client()
    _password(other, penyedia.email)
    assert other.get(reverse("lpse:profil")).status_code == 302
    assert _code(other, totp_code(device)).status_code == 302
    assert other.get(reverse("lpse:profil")).status_code == 200


def test_technical_admin_is_held_too(client, db):
    admin = User.objects.create_superuser("admin@lpse.example", PASSWORD, nama_lengkap="Admin Teknis")
    response = client.post(
        reverse("admin:login"), {"username": admin.email, "password": PASSWORD, "next": "/admin-teknis/"}
    )
    assert response.status_code == 302
    held = client.get("/admin-teknis/")
    assert held.status_code == 302 and held["Location"].startswith(reverse("lpse:otp-verify"))


def test_enrolment_cannot_replace_the_authenticator_with_only_the_password(client, verifikator):
    totp_device(verifikator)
    _password(client, verifikator.email)
    response = client.get(reverse("lpse:otp-setup"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("lpse:otp-verify"))
    assert TOTPDevice.objects.filter(user=verifikator).count() == 1


def test_session_from_before_two_factor_is_held_on_staff_pages(client, verifikator):
    client.force_login(verifikator)
    session = client.session
    del session[otp.REQUIRED_KEY], session[otp.VERIFIED_KEY]
    session.save()
    assert client.get(reverse("lpse:home")).status_code == 200
    response = client.get(reverse("lpse:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("lpse:otp-verify"))


def test_verify_second_factor_for_later_steps(verifikator):
    """The helper "sign" uses to ask for the second factor again."""
    device = totp_device(verifikator)
    assert otp.verify_second_factor(user=verifikator, code="000000" if totp_code(device) != "000000" else "1") is None
    assert otp.verify_second_factor(user=verifikator, code=totp_code(device, steps_ahead=1)) == device


def test_demo_accounts_skip_the_second_factor_only_with_debug_on(settings, make_user):
    kepala = make_user(roles.KEPALA_UNIT, email=demo_email(roles.KEPALA_UNIT))
    other = make_user(roles.KEPALA_UNIT, email="kepala@lpse.example")
    settings.OTP_DEMO_BYPASS = True
    settings.DEBUG = True
    demo = Client()
    _password(demo, kepala.email)
    assert demo.get(reverse("lpse:dashboard")).status_code == 200
    not_demo = Client()
    _password(not_demo, other.email)
    assert not_demo.get(reverse("lpse:dashboard")).status_code == 302

    settings.DEBUG = False  # production: the setting is ignored (and refused at start, below)
    held = Client()
    _password(held, kepala.email)
    assert held.get(reverse("lpse:dashboard")).status_code == 302


def test_settings_refuse_demo_bypass_in_production():
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "OTP_")) and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="lpse.settings",
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="lpse.example",
        OTP_DEMO_BYPASS="1",
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.returncode != 0
    assert "OTP_DEMO_BYPASS hanya untuk demo" in result.stderr


def test_signing_hook_checks_the_authenticator_code(verifikator):
    device = totp_device(verifikator)
    assert otp.signing_code_ok(verifikator, totp_code(device)) is True
    assert otp.signing_code_ok(verifikator, "") is False
