"""Authenticator-app codes for tests: what a phone would show."""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_device(user) -> TOTPDevice:
    """A confirmed authenticator for ``user``, as after enrolment."""
    return TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=True)


def totp_code(key: bytes | TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The six digits an app shows now (or ``steps_ahead`` periods later; the
    device accepts one step of drift, and never the same step twice)."""
    if isinstance(key, TOTPDevice):
        key = key.bin_key
    totp = TOTP(key, step=30, t0=0, digits=6, drift=0)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def pass_second_factor_in_browser(page, device: TOTPDevice) -> None:
    """After the password form in Chromium: type the app's code on the code page."""
    page.wait_for_url("**/akun/verifikasi-dua-langkah/**")
    page.fill("#id_kode", totp_code(device))
    page.locator("main form button[type=submit]").first.click()
