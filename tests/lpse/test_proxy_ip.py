"""Lock-outs behind a reverse proxy key on the visitor, not on nginx."""

from axes.helpers import get_client_ip_address
from django.test import RequestFactory, override_settings


def test_behind_one_proxy_the_client_address_comes_from_x_forwarded_for(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7, 127.0.0.1")
    assert get_client_ip_address(request) == "203.0.113.7"


@override_settings(AXES_IPWARE_PROXY_COUNT=0, AXES_IPWARE_META_PRECEDENCE_ORDER=["REMOTE_ADDR"])
def test_without_a_proxy_a_forged_header_is_not_believed():
    """The settings' default when AXES_PROXY_COUNT is 0: rotating the header must not dodge a lock-out."""
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert get_client_ip_address(request) == "198.51.100.2"
