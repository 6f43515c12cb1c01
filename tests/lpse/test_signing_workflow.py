"""The signing workflow (issue 12): a document is a KONSEP until its named
officials have signed it, in turn, each with their own certificate."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lpse import roles
from lpse.documents import dokumen_issue, dokumen_pdf_for_reading
from lpse.signing.backends import SigningError
from lpse.signing.service import dokumen_sign
from lpse.signing.validation import pdf_signatures_report
from tests.lpse.signing_helpers import PASSPHRASE, pdfsig, pdfsig_signatures


def _text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def two_signers(make_user, test_ca):
    first = make_user(roles.REGISTRASI, nama_lengkap="Dedi Barus")
    second = make_user(roles.KABID_REGISTRASI, nama_lengkap="Lina Br Sitepu, S.H.")
    test_ca.enrol(first)
    test_ca.enrol(second)
    return first, second


def _issue(signers):
    return dokumen_issue(
        kode="UJI-TTD",
        jenis="Berita Acara Uji",
        perihal="Uji tanda tangan berurutan",
        template="lpse/dokumen_contoh.html",
        context={"penandatangan": signers[0]},
        user=signers[0],
        penandatangan=[(signers[0], "Saksi 1"), (signers[1], "Saksi 2")],
    )


def test_signers_sign_in_turn_and_each_signature_validates(db, two_signers, tmp_path):
    first, second = two_signers
    dokumen = _issue(two_signers)
    assert dokumen.is_draft
    assert "KONSEP" in _text(dokumen_pdf_for_reading(dokumen))

    with pytest.raises(SigningError, match="Belum giliran Anda"):
        dokumen_sign(dokumen=dokumen, user=second, passphrase=PASSPHRASE)

    dokumen_sign(dokumen=dokumen, user=first, passphrase=PASSPHRASE)
    dokumen.refresh_from_db()
    assert dokumen.is_draft  # one of two
    dokumen_sign(dokumen=dokumen, user=second, passphrase=PASSPHRASE)
    dokumen.refresh_from_db()
    assert not dokumen.is_draft

    data = dokumen_pdf_for_reading(dokumen)
    assert "KONSEP" not in _text(data)
    import hashlib

    assert hashlib.sha256(data).hexdigest() == dokumen.sha256
    report = pdf_signatures_report(data)
    assert [s.nama for s in report.tanda_tangan] == ["Dedi Barus", "Lina Br Sitepu, S.H."]
    assert report.semua_sah and report.utuh
    # pdfsig: both valid; the last covers the whole file, the first only its revision.
    assert pdfsig_signatures(pdfsig(data, tmp_path)) == [
        {"valid": True, "total": False},
        {"valid": True, "total": True},
    ]


def test_wrong_passphrase_in_portal_signs_nothing(db, client, two_signers, django_capture_on_commit_callbacks):
    """The worker refuses; the signer's page says why, and nothing was signed."""
    first, _ = two_signers
    dokumen = _issue(two_signers)
    before = dokumen.sha256
    client.force_login(first)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("lpse:dokumen-tandatangani", args=[dokumen.pk]), {"passphrase": "salah"})
    assert response.status_code == 302  # queued: the worker (eager here) answers
    page = client.get(reverse("lpse:dokumen-detail", args=[dokumen.pk])).content.decode()
    assert "Frasa sandi tanda tangan salah" in page
    assert "salah" not in page.split('name="passphrase"')[1].split(">")[0]
    dokumen.refresh_from_db()
    assert dokumen.sha256 == before
    assert not dokumen.tanda_tangan.filter(ditandatangani__isnull=False).exists()
    assert dokumen.tanda_tangan.get(urutan=1).diminta is None  # may try again at once


def test_signer_signs_through_the_portal_page(db, client, two_signers, django_capture_on_commit_callbacks):
    first, second = two_signers
    dokumen = _issue(two_signers)
    client.force_login(first)
    antrian = client.get(reverse("lpse:ttd-antrian")).content.decode()
    assert dokumen.nomor in antrian
    page = client.get(reverse("lpse:dokumen-detail", args=[dokumen.pk])).content.decode()
    assert "KONSEP" in page and "Tandatangani secara elektronik" in page
    png = client.get(reverse("lpse:dokumen-halaman", args=[dokumen.pk, 1]))
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")

    with django_capture_on_commit_callbacks() as queued:
        response = client.post(reverse("lpse:dokumen-tandatangani", args=[dokumen.pk]), {"passphrase": PASSPHRASE})
    assert response.status_code == 302
    detail = reverse("lpse:dokumen-detail", args=[dokumen.pk])
    page = client.get(detail).content.decode()
    # Queued: the page polls the worker's progress instead of offering the form again.
    assert "sedang dibuat" in page and f'data-hx-get="{detail}"' in page and 'name="passphrase"' not in page
    assert (
        client.post(reverse("lpse:dokumen-tandatangani", args=[dokumen.pk]), {"passphrase": PASSPHRASE}).status_code
        == 400
    )
    assert client.get(detail, headers={"HX-Request": "true"}).status_code == 200  # still polling
    queued[0]()  # lpse.tasks.dokumen_sign (eager here)
    done = client.get(detail, headers={"HX-Request": "true"})
    assert done.status_code == 204 and done["HX-Refresh"] == "true"  # the page reloads with the result
    page = client.get(detail).content.decode()
    assert "sudah," in page and "Menunggu tanda tangan Lina Br Sitepu, S.H." in page

    client.force_login(second)
    assert (
        "Tandatangani secara elektronik"
        in client.get(reverse("lpse:dokumen-detail", args=[dokumen.pk])).content.decode()
    )


def test_outsider_staff_cannot_sign(db, client, two_signers, make_user):
    dokumen = _issue(two_signers)
    other = make_user(roles.LAYANAN)
    client.force_login(other)
    response = client.post(reverse("lpse:dokumen-tandatangani", args=[dokumen.pk]), {"passphrase": PASSPHRASE})
    # Not a signer and not a reader of this kind (lpse.document_kinds): the document does not exist for them.
    assert response.status_code in (403, 404)
    assert not dokumen.tanda_tangan.filter(ditandatangani__isnull=False).exists()


def accept_123456(user, code):
    """A stand-in second-factor check for the hook (the two-factor sign-in provides the real one)."""
    return code == "123456"


def test_second_factor_is_asked_when_the_hook_is_set(
    db, client, two_signers, settings, django_capture_on_commit_callbacks
):
    settings.SIGNING_SECOND_FACTOR_VERIFIER = "tests.lpse.test_signing_workflow.accept_123456"
    first, _ = two_signers
    dokumen = _issue(two_signers)
    client.force_login(first)
    url = reverse("lpse:dokumen-tandatangani", args=[dokumen.pk])
    response = client.post(url, {"passphrase": PASSPHRASE, "kode": "000000"})
    assert response.status_code == 400 and "Kode verifikasi dua langkah salah" in response.content.decode()
    assert not dokumen.tanda_tangan.filter(ditandatangani__isnull=False).exists()
    assert dokumen.tanda_tangan.get(urutan=1).diminta is None  # checked in the request: nothing queued
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"passphrase": PASSPHRASE, "kode": "123456"}).status_code == 302
    assert dokumen.tanda_tangan.filter(ditandatangani__isnull=False).count() == 1


def test_signing_asks_the_real_authenticator_code_by_default(
    db, client, two_signers, settings, django_capture_on_commit_callbacks
):
    """Issue 12: the production default checks the signer's own TOTP device (lpse.otp)."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.SIGNING_SECOND_FACTOR_VERIFIER = "lpse.otp.signing_code_ok"
    first, _ = two_signers
    device = TOTPDevice.objects.create(user=first, name="HP", confirmed=True)
    dokumen = _issue(two_signers)
    client.force_login(first)
    url = reverse("lpse:dokumen-tandatangani", args=[dokumen.pk])
    assert client.post(url, {"passphrase": PASSPHRASE, "kode": "000000"}).status_code == 400
    assert not dokumen.tanda_tangan.filter(ditandatangani__isnull=False).exists()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp delays the next try after a wrong code; the signer waits
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"passphrase": PASSPHRASE, "kode": code}).status_code == 302
    assert dokumen.tanda_tangan.filter(ditandatangani__isnull=False).count() == 1


def test_sealed_passphrase_expires_in_the_queue_and_nothing_is_signed(db, two_signers):
    """A signing message left in the broker past SEAL_SECONDS cannot be used: refused, recorded, nothing signed."""
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from lpse.signing.service import SEAL_SECONDS, passphrase_seal, tanda_tangan_run

    first, _ = two_signers
    dokumen = _issue(two_signers)
    ttd = dokumen.tanda_tangan.get(urutan=1)
    sealed = passphrase_seal(PASSPHRASE)
    assert PASSPHRASE not in sealed
    with time_machine.travel(timezone.now() + timedelta(seconds=SEAL_SECONDS + 5)):
        assert tanda_tangan_run(tanda_tangan_id=ttd.pk, sealed=sealed) == "ditolak"
    ttd.refresh_from_db()
    assert ttd.ditandatangani is None and "terlalu lama menunggu di antrean" in ttd.galat
    assert tanda_tangan_run(tanda_tangan_id=ttd.pk, sealed=passphrase_seal(PASSPHRASE)) == "ditandatangani"
    # The same message delivered twice signs once.
    assert tanda_tangan_run(tanda_tangan_id=ttd.pk, sealed=passphrase_seal(PASSPHRASE)) == "sudah"
    assert dokumen.tanda_tangan.filter(ditandatangani__isnull=False).count() == 1


def test_revoked_certificate_is_refused_by_the_worker_and_shown_to_the_signer(
    db, client, two_signers, test_ca, django_capture_on_commit_callbacks
):
    first, _ = two_signers
    _, issued = test_ca.enrol(first)  # a new certificate, then revoked by its CA
    test_ca.revoke(issued.cert)
    dokumen = _issue(two_signers)
    before = dokumen.sha256
    client.force_login(first)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("lpse:dokumen-tandatangani", args=[dokumen.pk]), {"passphrase": PASSPHRASE})
    assert response.status_code == 302
    page = client.get(reverse("lpse:dokumen-detail", args=[dokumen.pk])).content.decode()
    assert "telah dicabut" in page
    dokumen.refresh_from_db()
    assert dokumen.sha256 == before and dokumen.is_draft
