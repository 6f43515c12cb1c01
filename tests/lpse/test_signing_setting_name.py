"""The signing backend's setting does not take Django's SIGNING_BACKEND, the class
that signs cookies: with "pkcs12" there every signed cookie raised ImportError."""

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.test import RequestFactory

from lpse.signing.backends import Pkcs12Backend, get_backend


def test_signed_cookies_work():
    assert settings.SIGNING_BACKEND == "django.core.signing.TimestampSigner"
    response = HttpResponse()
    response.set_signed_cookie("contoh", "nilai", salt="uji")
    request = RequestFactory().get("/")
    request.COOKIES["contoh"] = response.cookies["contoh"].value
    assert request.get_signed_cookie("contoh", salt="uji") == "nilai"
    assert signing.get_cookie_signer(salt="uji").unsign(signing.get_cookie_signer(salt="uji").sign("x")) == "x"


def test_pades_backend_comes_from_its_own_setting(settings):
    settings.SIGNING_KEY_BACKEND = "pkcs12"
    assert isinstance(get_backend(), Pkcs12Backend)
