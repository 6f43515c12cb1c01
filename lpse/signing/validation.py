"""What a PDF's signatures say, in plain Indonesian, for the verification page.

Each signature is checked with pyHanko against the configured trust roots,
at the time it was made (the timestamp if there is one, else the time the
signer reported), with the revocation data embedded in the PDF (PAdES B-LT)
plus the CRLs the office keeps.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore, NoDSSFoundError
from pyhanko.sign.validation.status import SignatureCoverageLevel

from . import trust
from .aio import call_sync

logger = logging.getLogger(__name__)


@dataclass
class SignatureReport:
    nama: str
    waktu: datetime | None
    waktu_terpercaya: bool  # from an RFC 3161 timestamp, not the signer's clock
    utuh: bool  # the signed bytes are unchanged
    sah: bool  # cryptographically valid and the certificate chains to a trusted root
    sertifikat_sah_saat_ttd: bool
    dicabut: bool
    mencakup_seluruh: bool  # covers the whole file (no later changes)
    penerbit: str = ""
    catatan: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.utuh and self.sah and self.sertifikat_sah_saat_ttd


@dataclass
class PdfReport:
    terbaca: bool
    tanda_tangan: list[SignatureReport] = field(default_factory=list)
    pesan: str = ""

    @property
    def semua_sah(self) -> bool:
        return bool(self.tanda_tangan) and all(s.ok for s in self.tanda_tangan)

    @property
    def utuh(self) -> bool:
        """Every signature intact and the last one covering the whole file."""
        return (
            bool(self.tanda_tangan)
            and all(s.utuh for s in self.tanda_tangan)
            and self.tanda_tangan[-1].mencakup_seluruh
        )


def _common_name(cert) -> str:
    try:
        return cert.subject.native.get("common_name") or cert.subject.human_friendly
    except Exception:  # noqa: BLE001 - a strange subject must not break the page
        return "(tidak terbaca)"


def pdf_signatures_report(data: bytes) -> PdfReport:
    """Validate every signature of ``data``; never raises for a bad PDF."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = list(reader.embedded_signatures)
    except Exception:  # noqa: BLE001 - any unreadable upload gets the same answer
        logger.info("PDF tidak terbaca saat verifikasi", exc_info=True)
        return PdfReport(terbaca=False, pesan="Berkas ini bukan PDF yang dapat dibaca.")
    if not sigs:
        return PdfReport(terbaca=True, pesan="PDF ini tidak memuat tanda tangan elektronik.")
    roots = trust.trust_roots()
    crls = trust.known_crls()
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        dss = None
    reports = []
    for sig in sigs:
        reports.append(_one(sig, roots=roots, crls=crls, dss=dss))
    return PdfReport(terbaca=True, tanda_tangan=reports)


def _one(sig, *, roots, crls, dss) -> SignatureReport:
    from django.conf import settings
    from pyhanko_certvalidator import ValidationContext

    cert = sig.signer_cert
    nama = _common_name(cert)
    # First pass without trust checks, to learn the signing time.
    try:
        ts_token = sig.attached_timestamp_data
        moment = ts_token.timestamp if ts_token is not None else sig.self_reported_timestamp
    except Exception:  # noqa: BLE001
        moment = None
    kwargs = {
        "trust_roots": roots,
        "crls": crls,
        "allow_fetching": settings.SIGNING_FETCH_REVOCATION,
        "revocation_mode": "soft-fail",
        "retroactive_revinfo": True,
    }
    if moment is not None:
        kwargs["moment"] = moment
    vc = dss.as_validation_context(kwargs) if dss is not None else ValidationContext(**kwargs)
    try:
        status = call_sync(validate_pdf_signature, sig, signer_validation_context=vc, ts_validation_context=vc)
    except Exception as exc:  # noqa: BLE001 - a malformed signature is reported, not raised
        logger.info("Tanda tangan tidak dapat divalidasi", exc_info=True)
        return SignatureReport(
            nama=nama,
            waktu=moment,
            waktu_terpercaya=False,
            utuh=False,
            sah=False,
            sertifikat_sah_saat_ttd=False,
            dicabut=False,
            mencakup_seluruh=False,
            catatan=[f"Tanda tangan rusak atau tidak dapat diperiksa ({type(exc).__name__})."],
        )
    ts = status.timestamp_validity
    report = SignatureReport(
        nama=nama,
        waktu=ts.timestamp if ts is not None else status.signer_reported_dt,
        waktu_terpercaya=ts is not None and ts.valid and ts.intact,
        utuh=status.intact,
        sah=status.intact and status.valid,
        sertifikat_sah_saat_ttd=status.trusted and not status.revoked,
        dicabut=status.revoked,
        mencakup_seluruh=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        penerbit=_common_name_issuer(cert),
    )
    if not status.intact:
        report.catatan.append("Isi dokumen telah diubah setelah ditandatangani.")
    elif not status.valid:
        report.catatan.append("Tanda tangan kriptografis tidak sah.")
    if status.revoked:
        report.catatan.append("Sertifikat penanda tangan telah dicabut sebelum dokumen ditandatangani.")
    elif not status.trusted:
        report.catatan.append("Sertifikat penanda tangan tidak diterbitkan oleh penerbit yang dipercaya portal ini.")
    if status.intact and not report.mencakup_seluruh:
        report.catatan.append("Dokumen mendapat tambahan setelah tanda tangan ini (mis. tanda tangan berikutnya).")
    return report


def _common_name_issuer(cert) -> str:
    try:
        return cert.issuer.native.get("common_name") or cert.issuer.human_friendly
    except Exception:  # noqa: BLE001
        return ""


@dataclass
class Identification:
    dokumen: object | None  # lpse.models.Dokumen
    cara: str  # "hash" (the very file the portal issued), "nomor" (same number, other bytes), ""
    nomor_tertulis: str = ""


NOMOR_RE = re.compile(r"Nomor\s*:\s*(\S+)")


def pdf_identify(data: bytes) -> Identification:
    """Is ``data`` one of the portal's own documents: by hash (this file or a
    partly signed stage of it), else by the number printed on its first page."""
    import hashlib

    from ..models import Dokumen, TandaTanganDokumen

    digest = hashlib.sha256(data).hexdigest()
    dokumen = Dokumen.objects.filter(sha256=digest).first()
    if dokumen is None:
        ttd = TandaTanganDokumen.objects.filter(sha256_sesudah=digest).select_related("dokumen").first()
        dokumen = ttd.dokumen if ttd else None
    if dokumen is not None:
        return Identification(dokumen=dokumen, cara="hash", nomor_tertulis=dokumen.nomor)
    nomor = ""
    try:
        from pypdf import PdfReader

        text = PdfReader(io.BytesIO(data), strict=False).pages[0].extract_text() or ""
        match = NOMOR_RE.search(text)
        nomor = match.group(1) if match else ""
    except Exception:  # noqa: BLE001 - an unreadable page just has no number
        logger.info("Nomor tidak terbaca dari PDF unggahan", exc_info=True)
    if nomor:
        dokumen = Dokumen.objects.filter(nomor=nomor).first()
        if dokumen is not None:
            return Identification(dokumen=dokumen, cara="nomor", nomor_tertulis=nomor)
    return Identification(dokumen=None, cara="", nomor_tertulis=nomor)
