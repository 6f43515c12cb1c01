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


# Parsed trust roots and CRLs, by file, with the bytes they were parsed from.
# asn1crypto parses lazily and keeps what it parsed in the object, so a CRL
# object reused across signatures and verification pages has its entries
# parsed once: with a 20,000-entry CRL a certificate check takes ~110 ms
# instead of ~450 ms. Keyed on the content, not the modification time (whose
# resolution is coarse): a file replaced in place (put_crl, an office
# dropping a new CRL) is parsed again on the next read, at the price of
# reading the bytes, which stays cheap.
_parsed: dict[tuple[str, Path], tuple[bytes, list]] = {}


def _parsed_file(kind: str, path: Path, parse) -> list:
    data = path.read_bytes()
    cached = _parsed.get((kind, path))
    if cached is not None and cached[0] == data:
        return cached[1]
    objects = parse(data)
    _parsed[(kind, path)] = (data, objects)
    return objects


def _forget_missing(kind: str, paths: list[Path]) -> None:
    """Drop the parsed objects of files no longer there (a removed root or CRL)."""
    present = set(paths)
    for key in [k for k in _parsed if k[0] == kind and k[1] not in present]:
        _parsed.pop(key, None)


def _parse_certs(data: bytes) -> list[asn1_x509.Certificate]:
    if asn1_pem.detect(data):
        return [asn1_x509.Certificate.load(der) for _, _, der in asn1_pem.unarmor(data, multiple=True)]
    return [asn1_x509.Certificate.load(data)]


def _parse_crl(data: bytes) -> list[asn1_crl.CertificateList]:
    if asn1_pem.detect(data):
        data = asn1_pem.unarmor(data)[2]
    return [asn1_crl.CertificateList.load(data)]


def trust_roots() -> list[asn1_x509.Certificate]:
    """Roots from ``SIGNING_TRUST_ROOTS`` plus every *.pem/*.crt in SIGNING_DIR/trust."""
    paths = [Path(p) for p in settings.SIGNING_TRUST_ROOTS]
    if trust_dir().is_dir():
        paths += sorted(p for p in trust_dir().iterdir() if p.suffix in (".pem", ".crt", ".cer"))
    _forget_missing("cert", paths)
    roots = []
    for path in paths:
        roots += _parsed_file("cert", path, _parse_certs)
    return roots


def known_crls() -> list[asn1_crl.CertificateList]:
    """CRLs an office dropped in SIGNING_DIR/crl (DER or PEM)."""
    paths = sorted(crl_dir().glob("*.crl")) if crl_dir().is_dir() else []
    _forget_missing("crl", paths)
    crls = []
    for path in paths:
        crls += _parsed_file("crl", path, _parse_crl)
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
