from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from lpse import roles

WIB = ZoneInfo("Asia/Jakarta")


def wib(*args) -> datetime:
    return datetime(*args, tzinfo=WIB)


@pytest.fixture
def helpdesk(make_user):
    """Sari, helpdesk officer of the Bidang Layanan dan Dukungan."""
    return make_user(roles.LAYANAN, nama_lengkap="Sari Br Purba", email="sari@lpse.karokab.go.id")


@pytest.fixture
def kabid(make_user):
    """Hendra, Kepala Bidang Layanan dan Dukungan."""
    return make_user(roles.KABID_LAYANAN, nama_lengkap="Hendra Surbakti", email="hendra@lpse.karokab.go.id")


@pytest.fixture(autouse=True)
def _fresh_guest_ticket_counter():
    """The guest ticket counter lives in Redis for an hour; each test starts from zero."""
    from django.core.cache import cache

    cache.delete("layanan:tiket-baru:127.0.0.1")
    yield
    cache.delete("layanan:tiket-baru:127.0.0.1")
