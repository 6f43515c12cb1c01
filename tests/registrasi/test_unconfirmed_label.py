"""An application whose e-mail is not confirmed yet has no number (issue 13)."""

import pytest
from django.urls import reverse

from lpse import roles

from .factories import make_pendaftaran

pytestmark = pytest.mark.django_db


def test_unconfirmed_registration_is_named_by_its_row_not_none(client_as):
    p = make_pendaftaran(status="menunggu_konfirmasi")
    assert p.nomor is None
    page = client_as(roles.KABID_REGISTRASI).get(reverse("registrasi:detail", args=[p.pk])).content.decode()
    assert "None" not in page
    assert page.count(f"#{p.pk} (belum dikonfirmasi)") >= 3  # title, breadcrumb, heading
