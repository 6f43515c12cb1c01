"""Official documents are read by the bidang that issued them (lpse.document_kinds),
not by every staff member; downloads of personal data are audited."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from lpse import roles
from lpse.document_kinds import KINDS
from lpse.models import Dokumen, UnduhDokumen


def _issued(kode: str, n: int) -> Dokumen:
    dokumen = Dokumen.objects.create(
        kode=kode,
        jenis="Berita Acara Verifikasi",
        nomor=f"{n:03d}/{kode}-LPSE/XI/2026",
        urut=n,
        tahun=2026,
        perihal="Berita Acara Verifikasi REG-2026-00001 CV Maju",
    )
    dokumen.pdf.save(f"{kode}-{n}.pdf", ContentFile(b"%PDF-1.4\n% NIK 1207010101010001\n%%EOF\n"))
    return dokumen


@pytest.fixture
def registration_documents(db):
    """A berita acara verifikasi, both registration forms and a receipt: NIK and NPWP inside."""
    return [_issued(kode, n) for n, kode in enumerate(("BAV", "FPD", "FKS", "TTA"), start=1)]


@pytest.mark.parametrize(
    "role", [roles.LAYANAN, roles.KABID_LAYANAN, roles.SEKRETARIAT, roles.SEKRETARIS, roles.ADMIN_SISTEM]
)
def test_other_bidang_walking_ids_get_403_on_registration_documents_pasal_10_3_d(
    role, client_as, registration_documents
):
    """Pasal 10(3)d: the Bidang Registrasi dan Verifikasi keeps the users' documents."""
    client = client_as(role)
    first = min(d.pk for d in registration_documents)
    for pk in range(first, first + len(registration_documents)):
        response = client.get(reverse("lpse:dokumen-download", args=[pk]))
        assert response.status_code == 403, (role, pk)
        assert "tidak memiliki hak" in response.content.decode()
    assert not UnduhDokumen.objects.exists()
    listed = client.get(reverse("lpse:dokumen-list")).content.decode()
    assert "CV Maju" not in listed  # the list does not show them either


@pytest.mark.parametrize("role", [roles.REGISTRASI, roles.KABID_REGISTRASI, roles.KEPALA_UNIT])
def test_registrasi_and_kepala_unit_download_and_each_download_is_audited(role, client_as, registration_documents):
    client = client_as(role)
    for dokumen in registration_documents:
        response = client.get(reverse("lpse:dokumen-download", args=[dokumen.pk]), REMOTE_ADDR="10.1.2.3")
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    rows = UnduhDokumen.objects.order_by("id")
    assert [r.dokumen_id for r in rows] == [d.pk for d in registration_documents]
    assert {r.pengguna_id for r in rows} == {client.user.pk}
    assert {r.alamat_ip for r in rows} == {"10.1.2.3"}


def test_the_audit_records_the_visitor_behind_the_proxy(client_as, registration_documents, settings):
    settings.PROXY_COUNT = 1
    client = client_as(roles.REGISTRASI)
    client.get(
        reverse("lpse:dokumen-download", args=[registration_documents[0].pk]),
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert UnduhDokumen.objects.get().alamat_ip == "203.0.113.9"


def test_a_document_without_personal_data_is_read_by_its_bidang_without_audit(client_as, db):
    dokumen = _issued("MON", 1)
    assert client_as(roles.REGISTRASI).get(reverse("lpse:dokumen-download", args=[dokumen.pk])).status_code == 403
    client = client_as(roles.ADMIN_SISTEM)
    assert client.get(reverse("lpse:dokumen-download", args=[dokumen.pk])).status_code == 200
    assert not UnduhDokumen.objects.exists()


def test_every_kind_the_code_issues_declares_its_readers():
    """A new kind must say who reads it; unlisted kinds fall back to Kepala Unit and Sekretaris only."""
    issued = set()
    for path in Path(settings.BASE_DIR).glob("*/**/*.py"):
        if {".venv", "tests", "node_modules", "bench"} & set(path.parts):  # bench issues a throwaway kind
            continue
        text = path.read_text()
        for call in re.finditer(r"dokumen_issue\((.{0,300}?)\)", text, re.S):
            issued |= set(re.findall(r'kode="([A-Z][A-Z-]*)"', call.group(1)))
    issued |= {"FPD", "FKS"}  # issued through registrasi's FORMULIR table
    assert issued, "no dokumen_issue call found"
    assert issued <= set(KINDS), f"jenis dokumen tanpa pembaca: {sorted(issued - set(KINDS))}"
