"""Test material for electronic signatures: a test CA whose root and CRL sit
in a private SIGNING_DIR, signers with PKCS#12 files, and pdfsig."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field

import pytest
from cryptography import x509

from lpse.signing import ca, trust
from lpse.signing.service import sertifikat_register_pkcs12

PASSPHRASE = "rahasia-ttd-2026"


@dataclass
class TestCA:
    issued: ca.Issued
    name: str
    revoked: list[x509.Certificate] = field(default_factory=list)

    def publish(self) -> None:
        trust.add_trust_root(name=self.name, pem=self.issued.cert_pem)
        trust.put_crl(name=self.name, der=ca.make_crl(ca=self.issued, revoked=self.revoked))

    def revoke(self, cert: x509.Certificate) -> None:
        self.revoked.append(cert)
        self.publish()

    def enrol(self, user, *, passphrase: str = PASSPHRASE, **cert_kwargs):
        """Give ``user`` a PKCS#12 certificate of this CA; returns (sertifikat, issued)."""
        cert_kwargs.setdefault("crl_url", f"http://127.0.0.1:9/crl/{self.name}.crl")
        issued = ca.issue_cert(ca=self.issued, cn=user.nama_lengkap, **cert_kwargs)
        p12 = ca.make_p12(issued=issued, ca=self.issued, passphrase=passphrase, name=user.nama_lengkap)
        return sertifikat_register_pkcs12(pengguna=user, p12=p12, passphrase=passphrase), issued


@pytest.fixture
def signing_dir(settings, tmp_path):
    settings.SIGNING_DIR = tmp_path / "signing"
    settings.SIGNING_TRUST_ROOTS = []
    settings.SIGNING_TSA_URL = ""
    settings.SIGNING_KEY_BACKEND = "pkcs12"
    return settings.SIGNING_DIR


@pytest.fixture(scope="session")
def _ca_material():
    # RSA key generation is the slow part; one CA per test session.
    return ca.make_ca(cn="CA Uji LPSE")


@pytest.fixture
def test_ca(signing_dir, _ca_material):
    test_ca = TestCA(issued=_ca_material, name="ca-uji")
    test_ca.publish()
    return test_ca


def simple_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<h1>Berita Acara Uji</h1><p>Isi dokumen uji.</p>").write_pdf()


def pdfsig(data: bytes, tmp_path) -> str:
    path = tmp_path / "periksa.pdf"
    path.write_bytes(data)
    # pdfsig exits non-zero for an invalid signature; its text is what we read.
    return subprocess.run(
        ["pdfsig", "-nocert", str(path)], capture_output=True, text=True, check=False, timeout=60
    ).stdout


def pdfsig_signatures(output: str) -> list[dict]:
    """pdfsig's report per signature: {'valid': bool, 'total': bool}."""
    blocks = re.split(r"^Signature #\d+:", output, flags=re.M)[1:]
    return [
        {
            "valid": "Signature Validation: Signature is Valid." in b,
            "total": "Total document signed" in b and "not total document signed" not in b.lower(),
        }
        for b in blocks
    ]


def tamper(data: bytes) -> bytes:
    """Change one byte inside the first signed range (a page's text stream)."""
    buf = bytearray(data)
    pos = data.index(b"stream", data.index(b"/Length")) + 20
    buf[pos] = (buf[pos] + 1) % 256
    return bytes(buf)


@pytest.fixture
def remote_signer(settings, signing_dir):
    """A fake remote signing service on loopback; its CA is trusted, its CRL fetched over HTTP."""
    from tests.lpse.fake_signing_servers import FakeRemoteSigner

    server = FakeRemoteSigner()
    settings.SIGNING_REMOTE_URL = server.start()
    settings.SIGNING_FETCH_REVOCATION = True  # the CRL is on loopback
    trust.add_trust_root(name="remote-ca", pem=server.ca.cert_pem)
    yield server
    server.stop()


@pytest.fixture
def fake_tsa(settings, signing_dir):
    from tests.lpse.fake_signing_servers import FakeTSA

    server = FakeTSA()
    settings.SIGNING_TSA_URL = server.start()
    trust.add_trust_root(name="tsa-ca", pem=server.ca.cert_pem)
    yield server
    server.stop()


SOFTHSM_LIB = "/usr/lib/softhsm/libsofthsm2.so"
SOFTHSM_TOKEN = "lpse-uji"


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory):
    """A SoftHSM token with the user PIN PASSPHRASE; one per test session
    (the PKCS#11 library is initialised once per process)."""
    import os
    import shutil

    if not (shutil.which("softhsm2-util") and os.path.exists(SOFTHSM_LIB)):
        pytest.fail("SoftHSM tidak ada: jalankan make system-deps (softhsm2, opensc).")
    base = tmp_path_factory.mktemp("softhsm")
    (base / "tokens").mkdir()
    conf = base / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            SOFTHSM_TOKEN,
            "--so-pin",
            "12345678",
            "--pin",
            PASSPHRASE,
        ],
        check=True,
        capture_output=True,
    )
    return base


def softhsm_import_key(*, base, issued: ca.Issued, label: str, key_id: str) -> None:
    key_file = base / f"{label}.pem"
    key_file.write_bytes(issued.key_pem)
    subprocess.run(
        [
            "softhsm2-util",
            "--import",
            str(key_file),
            "--token",
            SOFTHSM_TOKEN,
            "--label",
            label,
            "--id",
            key_id,
            "--pin",
            PASSPHRASE,
        ],
        check=True,
        capture_output=True,
    )
    key_file.unlink()
