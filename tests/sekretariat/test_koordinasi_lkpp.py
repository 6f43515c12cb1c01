"""The LKPP coordination register (Pasal 24(2)), issue 15."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lpse import roles
from sekretariat import selectors, services
from sekretariat.models import KoordinasiLkpp
from sekretariat.report import LABELS
from tests.layanan.factories import EskalasiFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staf(make_user):
    return make_user(roles.KABID_ADMIN_SISTEM)


def test_pasal_24_2_consultation_is_recorded_with_its_answer(staf, client):
    client.force_login(staf)
    response = client.post(
        reverse("sekretariat:koordinasi-list"),
        {
            "jenis": "usulan",
            "perihal": "Usulan perbaikan modul e-reverse auction",
            "tanggal": "2026-03-02",
            "saluran": "surat",
            "referensi": "027/45/LPSE/2026",
            "isi": "Waktu tunggu penawaran terlalu singkat.",
            "jawaban": "",
        },
    )
    item = KoordinasiLkpp.objects.get()
    assert response.status_code == 302 and item.dicatat_oleh == staf
    bad = client.post(
        reverse("sekretariat:koordinasi-detail", args=[item.pk]),
        {
            "jenis": "usulan",
            "perihal": item.perihal,
            "tanggal": "2026-03-02",
            "saluran": "surat",
            "isi": "x",
            "jawaban": "",
            "tanggal_jawab": "2026-03-01",
        },
    )
    assert bad.status_code == 400
    assert "Tanggal jawaban tidak boleh sebelum" in bad.content.decode()


def test_pasal_24_2_escalations_are_linked_not_copied(staf, client):
    item = services.koordinasi_save(koordinasi=KoordinasiLkpp(perihal="Gangguan SPSE", isi="Mohon bantuan"), user=staf)
    eskalasi = EskalasiFactory()
    client.force_login(staf)
    response = client.post(
        reverse("sekretariat:koordinasi-tautan", args=[item.pk]),
        {"jenis": "layanan.eskalasi", "object_id": eskalasi.pk},
    )
    assert response.status_code == 302
    page = client.get(reverse("sekretariat:koordinasi-detail", args=[item.pk])).content.decode()
    assert "Eskalasi tiket ke LKPP" in page and reverse("layanan:tiket-detail", args=[eskalasi.tiket_id]) in page
    with pytest.raises(ValidationError, match="tidak ditemukan"):
        services.koordinasi_link(koordinasi=item, jenis="layanan.tiket", object_id=99999999)


def test_pasal_24_2_register_is_in_the_yearly_report(staf):
    services.koordinasi_save(
        koordinasi=KoordinasiLkpp(
            perihal="A", isi="x", tanggal=dt.date(2026, 2, 1), jawaban="ok", tanggal_jawab=dt.date(2026, 2, 3)
        ),
        user=staf,
    )
    services.koordinasi_save(
        koordinasi=KoordinasiLkpp(perihal="B", isi="y", jenis="usulan", tanggal=dt.date(2026, 5, 1)), user=staf
    )
    figures = selectors.sekretariat_figures(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert figures["koordinasi_lkpp"] == 2 and figures["usulan_lkpp"] == 1
    assert figures["koordinasi_lkpp_belum_dijawab"] == 1
    assert "koordinasi_lkpp" in LABELS["sekretariat"]
