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


def test_legacy_pkcs12_with_non_ascii_passphrase_signs(db, make_user, test_ca, tmp_path):
    """Older CA tools and Windows export 3DES/SHA-1 PKCS#12 files; the key is
    opened without pkcs12.load_key_and_certificates, so its encodings are checked here."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import PrivateFormat, pkcs12

    from lpse.signing import ca
    from lpse.signing.service import sertifikat_register_pkcs12

    user = make_user(None, nama_lengkap="Ni Luh Ayu")
    issued = ca.issue_cert(ca=test_ca.issued, cn=user.nama_lengkap, crl_url="http://127.0.0.1:9/crl/ca-uji.crl")
    passphrase = "sandi-ñ-2026"  # noqa: S105
    encryption = (
        PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(2048)
        .key_cert_algorithm(pkcs12.PBES.PBESv1SHA1And3KeyTripleDESCBC)
        .hmac_hash(hashes.SHA1())  # noqa: S303 - the legacy format under test
        .build(passphrase.encode())
    )
    p12 = pkcs12.serialize_key_and_certificates(b"legacy", issued.key, issued.cert, [test_ca.issued.cert], encryption)
    sertifikat = sertifikat_register_pkcs12(pengguna=user, p12=p12, passphrase=passphrase)
    with pytest.raises(SigningError, match="Frasa sandi tanda tangan salah"):
        _sign(sertifikat, passphrase="sandi-n-2026")
    signed = _sign(sertifikat, passphrase=passphrase)
    assert pdf_signatures_report(signed).semua_sah
    assert pdfsig_signatures(pdfsig(signed, tmp_path)) == [{"valid": True, "total": True}]


def test_key_file_not_matching_the_certificate_is_refused(db, make_user, test_ca):
    """The key opened at signing time must be the registered certificate's own."""
    from lpse.signing import ca
    from lpse.signing.backends import p12_store

    sertifikat, _ = test_ca.enrol(make_user(None))
    other = ca.issue_cert(ca=test_ca.issued, cn="Orang Lain")
    sertifikat.berkas = p12_store(
        name="lain", data=ca.make_p12(issued=other, ca=test_ca.issued, passphrase=PASSPHRASE, name="lain")
    )
    sertifikat.save(update_fields=["berkas"])
    with pytest.raises(SigningError, match="tidak cocok dengan sertifikat"):
        _sign(sertifikat)


def test_revoked_certificate_is_refused_at_signing(db, make_user, test_ca):
    sertifikat, issued = test_ca.enrol(make_user(None))
    test_ca.revoke(issued.cert)
    with pytest.raises(SigningError, match="dicabut"):
        _sign(sertifikat)


def test_certificate_revoked_after_a_signature_is_refused_at_the_next(db, make_user, test_ca):
    """Trust roots and CRLs are kept parsed between signatures (trust._parsed);
    a CRL replaced in place must be read again by the very next signature."""
    sertifikat, issued = test_ca.enrol(make_user(None))
    _sign(sertifikat)
    test_ca.revoke(issued.cert)
    with pytest.raises(SigningError, match="dicabut"):
        _sign(sertifikat)


def test_trust_root_removed_after_a_signature_is_no_longer_trusted(db, make_user, test_ca, signing_dir):
    sertifikat, _ = test_ca.enrol(make_user(None))
    _sign(sertifikat)
    (signing_dir / "trust" / f"{test_ca.name}.pem").unlink()
    with pytest.raises(SigningError, match="tidak diterbitkan oleh penerbit yang dipercaya"):
        _sign(sertifikat)


def test_unchanged_trust_files_are_parsed_once(test_ca):
    from lpse.signing import trust

    assert trust.known_crls()[0] is trust.known_crls()[0]
    assert trust.trust_roots()[0] is trust.trust_roots()[0]
    test_ca.publish()  # the same root again, a new CRL (its number changes)
    assert trust.known_crls()[0].dump() == (trust.crl_dir() / f"{test_ca.name}.crl").read_bytes()


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


def test_pkcs11_token_signs_and_wrong_pin_is_refused(db, make_user, test_ca, softhsm_token, settings, tmp_path):
    from lpse.signing import ca
    from lpse.signing.service import sertifikat_register_pkcs11
    from tests.lpse.signing_helpers import SOFTHSM_LIB, SOFTHSM_TOKEN, softhsm_import_key

    settings.SIGNING_PKCS11_LIB = SOFTHSM_LIB
    settings.SIGNING_PKCS11_TOKEN = SOFTHSM_TOKEN
    user = make_user(None, nama_lengkap="Ir. Benny Karo-Karo")
    issued = ca.issue_cert(ca=test_ca.issued, cn=user.nama_lengkap, crl_url="http://127.0.0.1:9/crl/ca-uji.crl")
    label = f"ttd-{user.pk}"
    softhsm_import_key(base=softhsm_token, issued=issued, label=label, key_id=f"{user.pk:04x}")
    sertifikat = sertifikat_register_pkcs11(
        pengguna=user, label=label, cert_pem=(issued.cert_pem + test_ca.issued.cert_pem).decode()
    )
    with pytest.raises(SigningError, match="Frasa sandi tanda tangan salah"):
        _sign(sertifikat, passphrase="0000")
    signed = _sign(sertifikat)
    report = pdf_signatures_report(signed)
    assert report.semua_sah and report.utuh
    assert report.tanda_tangan[0].nama == "Ir. Benny Karo-Karo"
    assert pdfsig_signatures(pdfsig(signed, tmp_path)) == [{"valid": True, "total": True}]


def test_remote_service_signs_hash_for_nik_and_passphrase(db, make_user, remote_signer, tmp_path):
    from lpse.signing.service import sertifikat_register_remote

    user = make_user(None, nama_lengkap="Hendra Surbakti, S.T.")
    remote_signer.enrol(nik="1206010101800001", nama=user.nama_lengkap, passphrase="tte-rahasia")
    sertifikat = sertifikat_register_remote(pengguna=user, nik="1206010101800001")
    assert sertifikat.penerbit.endswith("CA Uji Layanan TTE") or "CA Uji Layanan TTE" in sertifikat.penerbit

    with pytest.raises(SigningError, match="Frasa sandi tanda tangan salah"):
        _sign(sertifikat, passphrase="keliru")
    assert (remote_signer.signed, remote_signer.refused) == (0, 1)

    signed = _sign(sertifikat, passphrase="tte-rahasia")
    assert remote_signer.signed == 1
    report = pdf_signatures_report(signed)
    assert report.semua_sah and report.utuh, report
    assert pdfsig_signatures(pdfsig(signed, tmp_path)) == [{"valid": True, "total": True}]
    assert not pdf_signatures_report(tamper(signed)).semua_sah


def test_remote_certificate_revoked_at_the_service_is_refused(db, make_user, remote_signer):
    from lpse.signing.service import sertifikat_register_remote

    user = make_user(None)
    issued = remote_signer.enrol(nik="1206010101800002", nama=user.nama_lengkap, passphrase="tte")
    sertifikat = sertifikat_register_remote(pengguna=user, nik="1206010101800002")
    remote_signer.revoked.append(issued.cert)
    with pytest.raises(SigningError, match="dicabut"):
        _sign(sertifikat, passphrase="tte")
    assert remote_signer.signed == 0


def test_signature_carries_trusted_timestamp_when_tsa_is_set(db, make_user, test_ca, fake_tsa, tmp_path):
    sertifikat, _ = test_ca.enrol(make_user(None))
    signed = _sign(sertifikat)
    assert fake_tsa.requests >= 1
    report = pdf_signatures_report(signed)
    assert report.semua_sah and report.utuh
    assert report.tanda_tangan[0].waktu_terpercaya
    assert pdfsig_signatures(pdfsig(signed, tmp_path)) == [{"valid": True, "total": True}]
