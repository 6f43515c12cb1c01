"""A small certificate authority: the demo CA of ``seed_demo`` and the test
CAs of the fake remote signing service and TSA.

Production offices bring certificates from their own CA (BSrE or another);
this module is only used to make demo and test material.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _name(cn: str, org: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


@dataclass
class Issued:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    @property
    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )


def _key() -> rsa.RSAPrivateKey:
    # 2048 bits: what national CAs issue to officials today; faster than 3072 in tests.
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_ca(*, cn: str, org: str = "LPSE Demo", years: int = 10) -> Issued:
    """A self-signed root CA."""
    key = _key()
    name = _name(cn, org)
    now = _now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(key=key, cert=cert)


def issue_cert(
    *,
    ca: Issued,
    cn: str,
    org: str = "LPSE Demo",
    serial_extra: str = "",
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    crl_url: str | None = None,
    timestamping: bool = False,
) -> Issued:
    """A leaf certificate for a signer (or, with ``timestamping``, a TSA)."""
    key = _key()
    now = _now()
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ]
    if serial_extra:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial_extra))
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attrs))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - dt.timedelta(hours=1))
        .not_valid_after(not_after or now + dt.timedelta(days=365 * 2))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    )
    if timestamping:
        builder = builder.add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    else:
        builder = builder.add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
    if crl_url:
        builder = builder.add_extension(
            x509.CRLDistributionPoints(
                [x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)]
            ),
            critical=False,
        )
    return Issued(key=key, cert=builder.sign(ca.key, hashes.SHA256()))


def make_crl(*, ca: Issued, revoked: list[x509.Certificate] = (), days: int = 30) -> bytes:  # type: ignore[assignment]
    """A DER CRL of ``ca`` listing ``revoked``."""
    now = _now()
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.cert.subject)
        .last_update(now - dt.timedelta(minutes=5))
        .next_update(now + dt.timedelta(days=days))
        .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    )
    for cert in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(cert.serial_number)
            .revocation_date(now - dt.timedelta(minutes=1))
            .build()
        )
    return builder.sign(ca.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def make_p12(*, issued: Issued, ca: Issued, passphrase: str, name: str) -> bytes:
    """A PKCS#12 file with the key, the certificate and the CA chain."""
    return pkcs12.serialize_key_and_certificates(
        name.encode(),
        issued.key,
        issued.cert,
        [ca.cert],
        serialization.BestAvailableEncryption(passphrase.encode()),
    )


def load_issued(*, cert_pem: bytes, key_pem: bytes) -> Issued:
    return Issued(
        key=serialization.load_pem_private_key(key_pem, password=None),  # type: ignore[arg-type]
        cert=x509.load_pem_x509_certificate(cert_pem),
    )
