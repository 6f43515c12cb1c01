"""Verification (issue 12): the token page validates the stored PDF's
signatures; anyone may upload a PDF and learn whether its signatures hold and
whether the portal issued it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lpse import roles
from lpse.documents import dokumen_issue, dokumen_pdf_for_reading
from lpse.signing.service import dokumen_sign
from tests.lpse.signing_helpers import PASSPHRASE, simple_pdf, tamper


@pytest.fixture
def signed_dokumen(db, make_user, test_ca):
    kepala = make_user(roles.KEPALA_UNIT, nama_lengkap="Drs. Ardi Sembiring")
    test_ca.enrol(kepala)
    dokumen = dokumen_issue(
        kode="UJI-VER",
        jenis="Surat Keterangan Uji",
        perihal="Uji verifikasi",
        template="lpse/dokumen_contoh.html",
        context={"penandatangan": kepala},
        user=kepala,
        penandatangan=[(kepala, "Kepala Unit LPSE")],
    )
    dokumen_sign(dokumen=dokumen, user=kepala, passphrase=PASSPHRASE)
    dokumen.refresh_from_db()
    return dokumen


def _upload(client, data: bytes, name="dokumen.pdf"):
    return client.post(
        reverse("lpse:dokumen-verifikasi-unggah"),
        {"berkas": SimpleUploadedFile(name, data, content_type="application/pdf")},
    )


def test_verification_page_names_signer_and_says_intact(client, signed_dokumen):
    page = client.get(signed_dokumen.get_verification_url()).content.decode()
    assert "Drs. Ardi Sembiring" in page
    assert "Semua tanda tangan elektronik sah dan isi dokumen utuh" in page
    assert signed_dokumen.nomor in page


def test_unknown_token_says_probably_fake(client, db):
    response = client.get(reverse("lpse:dokumen-verifikasi", args=["tidak-ada-token-seperti-ini"]))
    assert response.status_code == 404
    assert "tidak terdaftar di LPSE — kemungkinan palsu" in response.content.decode()


def test_upload_of_the_issued_file_is_recognised_by_hash(client, signed_dokumen):
    page = _upload(client, dokumen_pdf_for_reading(signed_dokumen)).content.decode()
    assert "persis sama" in page and signed_dokumen.nomor in page
    assert "Semua tanda tangan elektronik sah" in page


def test_upload_of_tampered_copy_is_flagged_by_number_and_signature(client, signed_dokumen):
    bad = tamper(dokumen_pdf_for_reading(signed_dokumen))
    page = _upload(client, bad).content.decode()
    assert "tidak utuh" in page
    # pypdf may not read the changed stream; either the number is found (content differs) or not.
    assert "persis sama" not in page


def test_upload_of_foreign_signed_pdf_is_not_ours(client, db, make_user, test_ca):
    from lpse.signing.service import sign_bytes

    sertifikat, _ = test_ca.enrol(make_user(None, nama_lengkap="Orang Luar"))
    data = sign_bytes(pdf=simple_pdf(), sertifikat=sertifikat, passphrase=PASSPHRASE, field_name="X", reason="uji")
    page = _upload(client, data).content.decode()
    assert "tidak terdaftar di LPSE" in page
    assert "Orang Luar" in page


def test_upload_of_unsigned_unknown_pdf(client, db):
    page = _upload(client, simple_pdf()).content.decode()
    assert "tidak memuat tanda tangan elektronik" in page
    assert "tidak terdaftar di LPSE" in page


def test_upload_that_is_not_a_pdf_is_refused_in_indonesian(client, db):
    response = _upload(client, b"MZ\x90\x00 bukan pdf", name="virus.pdf")
    assert response.status_code == 400
    assert "bukan PDF menurut isinya" in response.content.decode()


def test_upload_over_the_size_limit_is_refused(client, db, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    response = _upload(client, simple_pdf())
    assert response.status_code == 400
    assert "melebihi batas" in response.content.decode()


def test_empty_post_is_a_400(client, db):
    assert client.post(reverse("lpse:dokumen-verifikasi-unggah")).status_code == 400
