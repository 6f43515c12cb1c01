"""LKPP instructions and incidents (infrastruktur) linked from the LKPP
coordination register (sekretariat) through lpse.links, and shown both ways
(Pasal 24(2), issue 15)."""

import pytest
from django.urls import reverse

from lpse import roles
from lpse.links import get_link_kind
from sekretariat import services
from sekretariat.models import KoordinasiLkpp
from tests.infrastruktur.factories import InsidenFactory, InstruksiFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kabid(make_user):
    return make_user(roles.KABID_ADMIN_SISTEM)


@pytest.fixture
def konsultasi(kabid):
    return services.koordinasi_save(
        koordinasi=KoordinasiLkpp(perihal="Konsultasi gangguan SPSE", isi="SPSE lambat saat unggah"), user=kabid
    )


def test_pasal_24_2_lkpp_instruction_and_incident_are_linked_and_shown_on_both_pages(kabid, konsultasi, client):
    instruksi = InstruksiFactory(perihal="Pembaruan SPSE 4.5")
    insiden = InsidenFactory(judul="SPSE tidak terjangkau")
    client.force_login(kabid)
    for jenis, obj in [("infrastruktur.instruksi", instruksi), ("infrastruktur.insiden", insiden)]:
        response = client.post(
            reverse("sekretariat:koordinasi-tautan", args=[konsultasi.pk]), {"jenis": jenis, "object_id": obj.pk}
        )
        assert response.status_code == 302
    assert konsultasi.tautan.count() == 2

    entry = client.get(konsultasi.get_absolute_url()).content.decode()
    assert "Instruksi LKPP" in entry and reverse("infrastruktur:instruksi-edit", args=[instruksi.pk]) in entry
    assert "Insiden" in entry and reverse("infrastruktur:insiden-detail", args=[insiden.pk]) in entry

    back = konsultasi.get_absolute_url()
    for url in (
        reverse("infrastruktur:insiden-detail", args=[insiden.pk]),
        reverse("infrastruktur:instruksi-edit", args=[instruksi.pk]),
        reverse("infrastruktur:instruksi-list"),
    ):
        page = client.get(url).content.decode()
        assert "Konsultasi gangguan SPSE" in page and back in page, url


def test_pasal_24_2_an_unlinked_incident_says_so(kabid, client):
    insiden = InsidenFactory()
    client.force_login(kabid)
    page = client.get(reverse("infrastruktur:insiden-detail", args=[insiden.pk])).content.decode()
    assert "Belum ditautkan ke register koordinasi dengan LKPP" in page


def test_link_kinds_of_infrastruktur_are_registered_without_an_import():
    assert get_link_kind("infrastruktur.instruksi").label == "Instruksi LKPP"
    assert get_link_kind("infrastruktur.insiden").label == "Insiden"


def test_instruction_list_queries_do_not_grow_with_linked_rows(kabid, konsultasi, client, django_assert_num_queries):
    client.force_login(kabid)
    InstruksiFactory()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("infrastruktur:instruksi-list"))
    for _ in range(5):
        linked = InstruksiFactory()
        services.koordinasi_link(koordinasi=konsultasi, jenis="infrastruktur.instruksi", object_id=linked.pk)
    # count, page of instructions with their incident, the content type (cached), the links of the page
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("infrastruktur:instruksi-list"))
