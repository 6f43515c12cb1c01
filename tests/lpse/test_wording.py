"""Words people read (issue 13): Indonesian numbers, real prompts, plain labels."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lpse import roles
from lpse.uploads import PDF, megabytes, validate_upload

pytestmark = pytest.mark.django_db


def test_sizes_are_written_with_a_decimal_comma():
    assert megabytes(int(6.2 * 1_048_576)) == "6,2 MB"
    assert megabytes(5 * 1_048_576) == "5 MB"
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * int(6.2 * 1_048_576))
    with pytest.raises(ValidationError) as error:
        validate_upload(big, allowed={PDF}, max_bytes=5 * 1_048_576)
    assert "6,2 MB" in error.value.messages[0] and "5 MB" in error.value.messages[0]
    assert "6.2" not in error.value.messages[0]


def test_an_empty_choice_reads_as_a_prompt_not_dashes(client):
    page = client.get(reverse("registrasi:daftar")).content.decode()
    assert "---------" not in page
    assert "— Pilih —" in page


def test_a_users_own_tickets_are_labelled_tiket_saya(client_as):
    page = client_as(roles.PENYEDIA).get(reverse("lpse:profil")).content.decode()
    link = re.search(r'<a class="nav-link[^"]*" href="/layanan/tiket/saya/"[^>]*>([^<]+)</a>', page)
    assert link and link.group(1) == "Tiket saya"


def test_login_page_says_it_is_not_spse_and_links_to_it(client, settings):
    page = client.get(reverse("login")).content.decode()
    assert "bukan</strong> aplikasi SPSE" in page
    assert f'href="{settings.LPSE["URL_SPSE"]}"' in page


def test_dashboard_colours_only_what_needs_attention(client_as):
    """Issue 13: a red "0 kritis" badge on a quiet day; the numbers lead to their lists."""
    page = client_as(roles.KEPALA_UNIT).get(reverse("lpse:dashboard")).content.decode()
    kritis = re.search(r'<span class="badge ([^"]+)" data-count="kritis">0 kritis</span>', page)
    assert kritis and "danger" not in kritis.group(1)
    assert 'class="col-4 text-end" data-sla-lewat>0<' in page
    assert 'href="/staf/layanan/?status=baru"' in page


def test_a_queued_backup_waits_in_a_queue_not_for_a_worker():
    from backup.models import BackupRun

    assert BackupRun.Fase.ANTRI.label == "Dalam antrean"
