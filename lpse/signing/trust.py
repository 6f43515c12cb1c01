"""Trust roots and known revocation data, from settings and ``SIGNING_DIR``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from pyhanko_certvalidator import ValidationContext


def trust_dir() -> Path:
    return Path(settings.SIGNING_DIR) / "trust"


def crl_dir() -> Path:
    return Path(settings.SIGNING_DIR) / "crl"


def _read_certs(path: Path) -> list[asn1_x509.Certificate]:
    data = path.read_bytes()
    if asn1_pem.detect(data):
        return [asn1_x509.Certificate.load(der) for _, _, der in asn1_pem.unarmor(data, multiple=True)]
    return [asn1_x509.Certificate.load(data)]


def trust_roots() -> list[asn1_x509.Certificate]:
    """Roots from ``SIGNING_TRUST_ROOTS`` plus every *.pem/*.crt in SIGNING_DIR/trust."""
    paths = [Path(p) for p in settings.SIGNING_TRUST_ROOTS]
    if trust_dir().is_dir():
        paths += sorted(p for p in trust_dir().iterdir() if p.suffix in (".pem", ".crt", ".cer"))
    roots = []
    for path in paths:
        roots += _read_certs(path)
    return roots


def known_crls() -> list[asn1_crl.CertificateList]:
    """CRLs an office dropped in SIGNING_DIR/crl (DER or PEM)."""
    if not crl_dir().is_dir():
        return []
    crls = []
    for path in sorted(crl_dir().glob("*.crl")):
        data = path.read_bytes()
        if asn1_pem.detect(data):
            data = asn1_pem.unarmor(data)[2]
        crls.append(asn1_crl.CertificateList.load(data))
    return crls


def add_trust_root(*, name: str, pem: bytes) -> Path:
    trust_dir().mkdir(parents=True, exist_ok=True)
    path = trust_dir() / f"{name}.pem"
    path.write_bytes(pem)
    return path


def put_crl(*, name: str, der: bytes) -> Path:
    crl_dir().mkdir(parents=True, exist_ok=True)
    path = crl_dir() / f"{name}.crl"
    path.write_bytes(der)
    return path


def validation_context(*, moment: datetime | None = None, for_signing: bool = False) -> ValidationContext:
    """A pyHanko validation context with the configured roots and revocation data.

    At signing time revocation is checked hard: a certificate whose status
    cannot be learnt is refused, as a revoked one is.
    """
    kwargs = {}
    if moment is not None:
        kwargs["moment"] = moment
    return ValidationContext(
        trust_roots=trust_roots(),
        crls=known_crls(),
        allow_fetching=settings.SIGNING_FETCH_REVOCATION,
        revocation_mode="hard-fail" if for_signing else "soft-fail",
        **kwargs,
    )
