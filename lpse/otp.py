"""Two-factor sign-in (django-otp): TOTP from an authenticator app, plus
one-time recovery codes (django-otp's static device).

Staff approve vendors as SPSE users, restore databases and sign official
documents, so a stolen password must not be enough: every LPSE staff role
(``lpse.roles.STAFF_ROLES``) and the technical admin must pass a second factor;
outside users may enrol from their profile and are then asked too.

The password step stays Django's LoginView. At login the session is marked
"second factor required" (``user_logged_in``); ``SecondFactorMiddleware`` then
holds the session at the code page (or enrolment, on first sign-in) until a
code is accepted. The state lives in the session, so a verified request costs
no query. django-axes counts wrong codes like wrong passwords (same username +
address pair), and its counter is cleared only when the whole sign-in succeeds
(``AXES_RESET_ON_SUCCESS`` is off; :func:`_sign_in_completed` resets it).
"""

from __future__ import annotations

import base64
import io
import secrets

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import roles

REQUIRED_KEY = "lpse_otp_required"
VERIFIED_KEY = "lpse_otp_verified"  # persistent id of the device that passed, or "demo"
RECOVERY_CODES_KEY = "lpse_otp_recovery_codes"  # shown once, then dropped
DEMO = "demo"

# Paths a held session may still reach: the second-factor pages, logging out,
# the health probe and static files.
_OPEN_URL_NAMES = ("lpse:otp-verify", "lpse:otp-setup", "lpse:otp-recovery-codes", "logout")
# Where an old session (from before two-factor sign-in existed) is checked.
_STAFF_PREFIXES = ("/staf/", "/admin-teknis/")


def second_factor_mandatory(user) -> bool:
    """Staff of the unit and the technical admin must use a second factor."""
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or user.is_staff or user.role_names & set(roles.STAFF_ROLES))


def second_factor_required(user) -> bool:
    """Mandatory for staff; for outside users once they have enrolled."""
    return second_factor_mandatory(user) or TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(request: HttpRequest) -> bool:
    return bool(request.session.get(VERIFIED_KEY))


def demo_bypass_applies(user) -> bool:
    """OTP_DEMO_BYPASS lets the seeded demo accounts skip the second factor.

    Only with DEBUG on (settings refuse the variable otherwise, and this checks
    again) and only for the accounts of ``lpse.demo``.
    """
    from .demo import demo_emails

    if not (settings.DEBUG and getattr(settings, "OTP_DEMO_BYPASS", False)):
        return False
    return user.email in demo_emails()


@receiver(user_logged_in)
def _mark_session(sender, request, user, **kwargs):
    """After the password: hold the session unless no second factor is needed."""
    if request is None or not hasattr(request, "session"):
        return
    request.session.pop(VERIFIED_KEY, None)
    if demo_bypass_applies(user):
        request.session[REQUIRED_KEY] = True
        request.session[VERIFIED_KEY] = DEMO
    elif second_factor_required(user):
        request.session[REQUIRED_KEY] = True
        return  # the axes counter stays until the second factor passes
    else:
        request.session[REQUIRED_KEY] = False
    _sign_in_completed(request, user)


def _sign_in_completed(request: HttpRequest, user) -> None:
    """Clear the django-axes failure counter of this username + address."""
    AxesProxyHandler.update_request(request)
    AxesProxyHandler.get_implementation().reset_user_attempts(request, {"username": user.get_username()})


def _credentials(user) -> dict:
    return {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}


def is_locked_out(request: HttpRequest, user) -> bool:
    return AxesProxyHandler.is_locked(request, _credentials(user))


def lockout_response(request: HttpRequest, user):
    return get_lockout_response(request, credentials=_credentials(user))


def verify_second_factor(*, user, code: str, request: HttpRequest | None = None) -> Device | None:
    """The device (TOTP or recovery codes) that accepts ``code``, or None.

    For any step that wants the second factor again (e.g. signing a document).
    A recovery code works once. With ``request`` a wrong code counts as a failed
    sign-in for django-axes (the caller checks :func:`is_locked_out` first).
    """
    code = "".join((code or "").split()).lower()
    device = None
    # Six digits go to the authenticator, eight hex characters to the recovery
    # codes, so a wrong try does not throttle (django-otp) the other device.
    if code.isdigit() and len(code) == 6:
        candidates = TOTPDevice.objects.filter(user=user, confirmed=True)
    elif len(code) == 8:
        candidates = StaticDevice.objects.filter(user=user)
    else:
        candidates = []
    for candidate in candidates:
        device = verify_token(user, candidate.persistent_id, code)
        if device is not None:
            break
    if device is None and request is not None:
        user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    return device


def has_totp_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def session_verify(*, request: HttpRequest, device: Device) -> None:
    """Mark this session as having passed the second factor."""
    request.session.cycle_key()  # a new session id once the sign-in is complete
    request.session[REQUIRED_KEY] = True
    request.session[VERIFIED_KEY] = device.persistent_id
    _sign_in_completed(request, request.user)


def totp_device_start(*, user) -> TOTPDevice:
    """An unconfirmed TOTP device for enrolment; replaces an earlier unfinished one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm enrolment with the first code; returns new recovery codes, or None."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token("".join((code or "").split())):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()  # one authenticator per person
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_create(user=device.user)


@transaction.atomic
def recovery_codes_create(*, user) -> list[str]:
    """A fresh set of recovery codes; earlier codes stop working."""
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="Kode pemulihan")
    codes = [secrets.token_hex(4) for _ in range(settings.OTP_STATIC_TOKEN_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    return codes


def totp_secret(device: TOTPDevice) -> str:
    """The key as the base32 text authenticator apps accept when typed in."""
    return base64.b32encode(device.bin_key).decode()


def totp_qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// URL as a PNG QR code in a data: URI (rendered here, no CDN)."""
    import qrcode

    image = qrcode.make(device.config_url, box_size=6, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def safe_next(request: HttpRequest, default: str) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return nxt
    return default


class SecondFactorMiddleware:
    """Hold a signed-in session that still owes its second factor.

    Every page except the second-factor pages, logout, /healthz and static
    files redirects to the code page (which sends people without an
    authenticator to enrolment). Reads only the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths: set[str] | None = None

    def __call__(self, request):
        if self._must_hold(request):
            target = reverse("lpse:otp-verify")
            if request.method == "GET":
                return redirect(f"{target}?next={request.get_full_path()}" if request.path != "/" else target)
            return redirect(target)
        return self.get_response(request)

    def _must_hold(self, request) -> bool:
        path = request.path_info
        if path.startswith(("/static/", "/healthz")):
            return False
        session = getattr(request, "session", None)
        if session is None or session.get(VERIFIED_KEY):
            return False
        required = session.get(REQUIRED_KEY)
        if required is None:
            if not path.startswith(_STAFF_PREFIXES) or not request.user.is_authenticated:
                return False
            # A session from before two-factor sign-in: decide once, remember.
            required = session[REQUIRED_KEY] = second_factor_required(request.user)
        if not required:
            return False
        if self._open_paths is None:
            self._open_paths = {reverse(name) for name in _OPEN_URL_NAMES}
        return path not in self._open_paths


def signing_code_ok(user, code: str) -> bool:
    """lpse.signing's default second-factor check; the demo accounts' documented bypass applies."""
    if demo_bypass_applies(user):
        return True
    return verify_second_factor(user=user, code=code) is not None
