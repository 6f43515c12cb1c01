"""Signing backends: PKCS#12 files (issue 12). Each signs, the result
validates with pyHanko and passes pdfsig; a tampered copy fails both."""

import pytest

from lpse.signing.backends import SigningError
from lpse.signing.service import sign_bytes
from lpse.signing.validation import pdf_signatures_report
from tests.lpse.signing_helpers import PASSPHRASE, pdfsig, pdfsig_signatures, simple_pdf, tamper


def _sign(sertifikat, passphrase=PASSPHRASE, pdf=None):
    return sign_bytes(
        pdf=pdf or simple_pdf(), sertifikat=sertifikat, passphrase=passphrase, field_name="TTD1", reason="Uji"
    )


def test_pkcs12_signature_validates_in_portal_and_pdfsig(db, make_user, test_ca, tmp_path):
    user = make_user(None, nama_lengkap="Lina Br Sitepu")
    sertifikat, _ = test_ca.enrol(user)
    signed = _sign(sertifikat)
    report = pdf_signatures_report(signed)
    assert [s.nama for s in report.tanda_tangan] == ["Lina Br Sitepu"]
    assert report.semua_sah and report.utuh, report
    out = pdfsig(signed, tmp_path)
    assert pdfsig_signatures(out) == [{"valid": True, "total": True}], out


def test_tampered_pdf_fails_in_portal_and_pdfsig(db, make_user, test_ca, tmp_path):
    sertifikat, _ = test_ca.enrol(make_user(None))
    bad = tamper(_sign(sertifikat))
    report = pdf_signatures_report(bad)
    assert not report.semua_sah
    assert not report.tanda_tangan[0].utuh
    assert "diubah" in " ".join(report.tanda_tangan[0].catatan)
    assert pdfsig_signatures(pdfsig(bad, tmp_path))[0]["valid"] is False


def test_wrong_passphrase_is_refused_and_nothing_signed(db, make_user, test_ca):
    sertifikat, _ = test_ca.enrol(make_user(None))
    with pytest.raises(SigningError, match="Frasa sandi tanda tangan salah"):
        _sign(sertifikat, passphrase="salah")


def test_revoked_certificate_is_refused_at_signing(db, make_user, test_ca):
    sertifikat, issued = test_ca.enrol(make_user(None))
    test_ca.revoke(issued.cert)
    with pytest.raises(SigningError, match="dicabut"):
        _sign(sertifikat)


def test_expired_certificate_is_refused_at_signing(db, make_user, test_ca):
    import datetime as dt

    now = dt.datetime.now(dt.UTC)
    sertifikat, _ = test_ca.enrol(
        make_user(None), not_before=now - dt.timedelta(days=400), not_after=now - dt.timedelta(days=1)
    )
    with pytest.raises(SigningError, match="kedaluwarsa"):
        _sign(sertifikat)


def test_certificate_of_unknown_ca_is_refused(db, make_user, test_ca, signing_dir):
    import shutil

    sertifikat, _ = test_ca.enrol(make_user(None))
    shutil.rmtree(signing_dir / "trust")
    with pytest.raises(SigningError, match="tidak diterbitkan oleh penerbit yang dipercaya"):
        _sign(sertifikat)
