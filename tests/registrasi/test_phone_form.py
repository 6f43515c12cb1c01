"""Registration from a phone (issue 13): keyboards, autofill, an error summary on top."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _input(page: str, name: str) -> str:
    return re.search(rf'<(?:input|textarea|select)[^>]*name="{name}"[^>]*>', page).group(0)


@pytest.mark.parametrize(
    "name, attrs",
    [
        ("telepon", ['inputmode="tel"', 'autocomplete="tel"']),
        ("kode_pos", ['inputmode="numeric"', 'autocomplete="postal-code"']),
        ("npwp", ['inputmode="numeric"']),
        ("nib", ['inputmode="numeric"']),
        ("pj_nik", ['inputmode="numeric"']),
        ("email", ['autocomplete="email"']),
        ("pj_nama", ['autocomplete="name"']),
        ("kontak_nama", ['autocomplete="name"']),
    ],
)
def test_vendor_form_asks_for_the_right_keyboard_and_autofill(client, name, attrs):
    tag = _input(client.get(reverse("registrasi:daftar")).content.decode(), name)
    for attr in attrs:
        assert attr in tag, tag


def test_failed_submit_puts_a_linked_error_summary_first(client):
    response = client.post(reverse("registrasi:daftar"), {"email": "bukan-email", "npwp": "123"})
    assert response.status_code == 400
    page = response.content.decode()
    main = page[page.index("<main") :]
    summary = main.index("data-error-summary")
    assert summary < main.index("<form")  # above the form, right under the heading
    assert 'tabindex="-1"' in main[max(0, summary - 200) : summary + 200]
    assert 'href="#id_email"' in main and 'href="#id_npwp"' in main and 'href="#id_berkas_ktp"' in main


def test_contact_card_numbers_can_be_tapped(client, settings):
    page = client.get(reverse("lpse:home")).content.decode()
    digits = "".join(c for c in settings.LPSE["TELEPON"] if c.isdigit())
    assert f'href="tel:{digits}"' in page
    assert f'href="mailto:{settings.LPSE["EMAIL"]}"' in page


def test_a_short_page_before_the_form_says_what_is_needed(client):
    """Pasal 13 ayat 1 huruf a documents, formats, size limit, what follows and how long."""
    page = client.get(reverse("registrasi:persiapan")).content.decode()
    for text in (
        "KTP",
        "Akta pendirian perusahaan",
        "NPWP",
        "PDF, JPEG atau PNG",
        "5 MB",
        "3 hari kerja",
        "Pasal 13 ayat 1",
    ):
        assert text.lower() in page.lower(), text
    assert f'href="{reverse("registrasi:daftar")}"' in page
    assert reverse("registrasi:persiapan") in client.get(reverse("lpse:home")).content.decode()
