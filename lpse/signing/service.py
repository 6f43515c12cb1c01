"""Signing: check the certificate, put a PAdES signature on a PDF, and the
document workflow (signers in turn, each with their own certificate).

Pasal 8 ayat (4) huruf f (arsip) and Pasal 7(2)c, 10, 11(4)b, 15(2), 18(2)
(the berita acara and reports of each bidang): an issued document is signed
electronically by the official named in its signature block.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
from datetime import timedelta
from functools import partial

from asn1crypto import x509 as asn1_x509
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError as HankoSigningError
from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference
from pyhanko_certvalidator import CertificateValidator
from pyhanko_certvalidator.errors import (
    ExpiredError,
    InsufficientRevinfoError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
)

from ..models import Dokumen, SertifikatPenandatangan, TandaTanganDokumen, User
from . import trust
from .aio import call_sync, run_coroutine
from .backends import SigningError, get_backend, load_certs

logger = logging.getLogger(__name__)

KEY_USAGE = {"non_repudiation"}


def certificate_check(*, certs: list[asn1_x509.Certificate]) -> None:
    """Refuse a certificate that is expired, not yet valid, revoked or not
    issued by a trusted CA — at signing time, before the key is touched."""
    cert = certs[0]
    now = timezone.now()
    if cert.not_valid_after < now:
        raise SigningError(
            f"Sertifikat tanda tangan Anda kedaluwarsa sejak {timezone.localtime(cert.not_valid_after):%d-%m-%Y}. "
            "Ajukan sertifikat baru; dokumen tidak ditandatangani."
        )
    if cert.not_valid_before > now:
        raise SigningError("Sertifikat tanda tangan Anda belum berlaku. Dokumen tidak ditandatangani.")
    validator = CertificateValidator(
        cert, intermediate_certs=certs[1:], validation_context=trust.validation_context(for_signing=True)
    )
    try:
        run_coroutine(validator.async_validate_usage(KEY_USAGE))
    except RevokedError:
        raise SigningError(
            "Sertifikat tanda tangan Anda telah dicabut oleh penerbitnya. Dokumen tidak ditandatangani."
        ) from None
    except ExpiredError:
        raise SigningError("Sertifikat tanda tangan Anda kedaluwarsa. Dokumen tidak ditandatangani.") from None
    except InsufficientRevinfoError:
        raise SigningError(
            "Status pencabutan sertifikat tidak dapat diperiksa (CRL/OCSP tidak tersedia). "
            "Dokumen tidak ditandatangani."
        ) from None
    except PathBuildingError:
        raise SigningError(
            "Sertifikat tanda tangan Anda tidak diterbitkan oleh penerbit yang dipercaya portal."
        ) from None
    except PathValidationError as exc:
        raise SigningError(f"Sertifikat tanda tangan tidak sah: {exc}") from None


def _timestamper():
    if not settings.SIGNING_TSA_URL:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(settings.SIGNING_TSA_URL, timeout=10)


def pdf_sign(*, pdf: bytes, signer: signers.Signer, field_name: str, name: str, reason: str) -> bytes:
    """A PAdES signature (B-T with a TSA, B-LT: validation data embedded) over the whole PDF."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=True,
        # The certificate was checked with hard revocation checking already;
        # here the context only gathers what to embed.
        validation_context=trust.validation_context(),
        signer_key_usage=KEY_USAGE,
        # B-LT in the signature's own revision: the signature then covers the
        # whole file, which pdfsig and simple readers check.
        dss_settings=DSSContentSettings(placement=SigDSSPlacementPreference.TOGETHER_WITH_SIGNATURE, include_vri=False),
        name=name,
        reason=reason,
        location=settings.LPSE.get("KOTA", ""),
    )
    pdf_signer = signers.PdfSigner(meta, signer=signer, timestamper=_timestamper())
    try:
        out = call_sync(pdf_signer.sign_pdf, writer)
    except HankoSigningError as exc:
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, SigningError):
            raise cause from None
        raise SigningError("Tanda tangan gagal dibuat: " + str(exc)) from exc
    except SigningError:
        raise
    return out.getvalue()


def sign_bytes(
    *,
    pdf: bytes,
    sertifikat: SertifikatPenandatangan,
    passphrase: str,
    field_name: str,
    reason: str,
    on_step=None,
):
    """Check ``sertifikat`` and sign ``pdf`` with it through its backend."""
    step = on_step or (lambda _name: None)
    certs = load_certs(sertifikat.sertifikat_pem)
    step("sertifikat")
    certificate_check(certs=certs)
    step("tandatangan")
    backend = get_backend(sertifikat.backend)
    with backend.open_signer(sertifikat=sertifikat, passphrase=passphrase) as signer:
        return pdf_sign(
            pdf=pdf, signer=signer, field_name=field_name, name=sertifikat.pengguna.nama_lengkap, reason=reason
        )


def signer_active_certificate(user: User) -> SertifikatPenandatangan | None:
    return SertifikatPenandatangan.objects.filter(pengguna=user, aktif=True).first()


def dokumen_signers_set(*, dokumen: Dokumen, penandatangan: list[tuple[User, str]]) -> None:
    """Name who signs ``dokumen`` and in which order: (user, as what) pairs."""
    TandaTanganDokumen.objects.bulk_create(
        [
            TandaTanganDokumen(dokumen=dokumen, urutan=i, penandatangan=user, peran=peran[:100])
            for i, (user, peran) in enumerate(penandatangan, start=1)
        ]
    )


def dokumen_next_signature(dokumen: Dokumen) -> TandaTanganDokumen | None:
    return dokumen.tanda_tangan.filter(ditandatangani__isnull=True).order_by("urutan").first()


def dokumen_sign(*, dokumen: Dokumen, user: User, passphrase: str, on_step=None) -> TandaTanganDokumen:
    """Add ``user``'s signature to ``dokumen``, in turn.

    Signatures are added one after another as incremental updates, each
    covering the previous ones; the row lock keeps two signers from signing
    the same revision.
    """
    if not passphrase:
        raise SigningError("Isi frasa sandi tanda tangan Anda.")
    with transaction.atomic():
        locked = Dokumen.objects.select_for_update().get(pk=dokumen.pk)
        ttd, source, sertifikat = _turn_of(locked, user)
        with source.open("rb") as fh:
            pdf = fh.read()
        signed = sign_bytes(
            pdf=pdf,
            sertifikat=sertifikat,
            passphrase=passphrase,
            field_name=f"TTD{ttd.urutan}",
            reason=f"{locked.jenis} {locked.nomor}" + (f" ({ttd.peran})" if ttd.peran else ""),
            on_step=on_step,
        )
        if on_step:
            on_step("simpan")
        digest = hashlib.sha256(signed).hexdigest()
        locked.pdf.save(f"{locked.token}.pdf", ContentFile(signed), save=False)
        locked.sha256 = digest
        locked.save(update_fields=["pdf", "sha256"])
        ttd.ditandatangani = timezone.now()
        ttd.sertifikat = sertifikat
        ttd.sha256_sesudah = digest
        ttd.save(update_fields=["ditandatangani", "sertifikat", "sha256_sesudah"])
    logger.info("Dokumen %s ditandatangani oleh pengguna %s (urutan %s)", locked.nomor, user.pk, ttd.urutan)
    dokumen.refresh_from_db()
    return ttd


def _turn_of(locked: Dokumen, user: User):
    """The signature ``user`` owes on the locked document now, the PDF it goes on
    and their certificate; a clear refusal otherwise."""
    ttd = dokumen_next_signature(locked)
    if ttd is None:
        raise SigningError("Dokumen ini sudah ditandatangani lengkap.")
    if ttd.penandatangan_id != user.pk:
        if locked.tanda_tangan.filter(penandatangan=user, ditandatangani__isnull=True).exists():
            raise SigningError(f"Belum giliran Anda: menunggu tanda tangan {ttd.penandatangan}.")
        raise PermissionDenied("Anda bukan penandatangan dokumen ini.")
    first = not locked.tanda_tangan.filter(ditandatangani__isnull=False).exists()
    source = locked.pdf_dasar if first else locked.pdf
    if not source:
        raise SigningError("PDF dokumen belum selesai dibuat. Coba lagi sebentar lagi.")
    sertifikat = signer_active_certificate(user)
    if sertifikat is None:
        raise SigningError("Anda belum memiliki sertifikat tanda tangan elektronik. Hubungi administrator.")
    return ttd, source, sertifikat


# --- Signing in a worker (issue 12) --------------------------------------------
#
# The passphrase goes to the worker sealed with Fernet under a key derived from
# SECRET_KEY for this one purpose, and opens only within SEAL_SECONDS: a message
# left in the broker (a worker died, Redis persisted it) is useless soon after.
# The task is sent with argsrepr redacted, so the worker log and the stored task
# result (django-celery-results, result_extended) never hold it, not even sealed.
# Not stored in the database, not in the cache, not logged. Why not sign in the
# request: pyHanko's B-LT (CRL fetch, TSA round trip) takes seconds and would
# hold a web worker; why not a worker-side session: this keeps the secret's
# lifetime to one message that expires by itself.

SEAL_SECONDS = 300
SIGN_STEPS = {
    "antre": (5, "menunggu giliran di antrean penanda tangan"),
    "sertifikat": (25, "memeriksa sertifikat dan status pencabutannya"),
    "tandatangan": (55, "membuat tanda tangan PAdES dan cap waktu"),
    "simpan": (90, "menyimpan dokumen yang ditandatangani"),
}


def _seal_fernet() -> Fernet:
    key = hashlib.sha256(b"lpse-signing-passphrase-in-transit:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def passphrase_seal(passphrase: str) -> str:
    return _seal_fernet().encrypt(passphrase.encode()).decode()


def passphrase_unseal(sealed: str) -> str:
    try:
        return _seal_fernet().decrypt(sealed.encode(), ttl=SEAL_SECONDS).decode()
    except InvalidToken:
        raise SigningError(
            "Permintaan tanda tangan terlalu lama menunggu di antrean dan dibatalkan demi keamanan frasa sandi. "
            "Dokumen tidak ditandatangani; silakan ulangi."
        ) from None


def _sign_progress_key(ttd_id: int) -> str:
    return f"ttd-progres:{ttd_id}"


def tanda_tangan_progress(ttd: TandaTanganDokumen) -> dict:
    """Where a queued signature is, for the polled fragment of the signing page."""
    from django.core.cache import cache

    from lpse.pagecache import note_key

    step = cache.get(_sign_progress_key(ttd.pk))
    note_key(_sign_progress_key(ttd.pk), step)  # a page showing the progress is stale once it moves
    percent, label = SIGN_STEPS.get(step, SIGN_STEPS["antre"])
    return {"persen": percent, "langkah": label}


def tanda_tangan_in_progress(ttd: TandaTanganDokumen | None) -> bool:
    return bool(
        ttd is not None
        and ttd.ditandatangani is None
        and ttd.diminta is not None
        and ttd.diminta > timezone.now() - timedelta(seconds=SEAL_SECONDS + 180)  # sealed life + the task's limit
    )


def tanda_tangan_request(*, dokumen: Dokumen, user: User, passphrase: str, code: str = "") -> TandaTanganDokumen:
    """The signer asks to sign: second factor, turn, PDF and certificate are
    checked here (a clear answer at once); the signature itself is made by the
    task ``lpse.tasks.dokumen_sign`` after the commit."""
    second_factor_check(user=user, code=code)
    if not passphrase:
        raise SigningError("Isi frasa sandi tanda tangan Anda.")
    with transaction.atomic():
        locked = Dokumen.objects.select_for_update().get(pk=dokumen.pk)
        ttd, _source, _sertifikat = _turn_of(locked, user)
        if tanda_tangan_in_progress(ttd):
            raise SigningError("Tanda tangan Anda untuk dokumen ini sedang diproses. Tunggu hasilnya.")
        ttd.diminta = timezone.now()
        ttd.galat = ""
        ttd.save(update_fields=["diminta", "galat"])
        transaction.on_commit(partial(_send_sign, ttd.pk, passphrase_seal(passphrase)))
    return ttd


def _send_sign(ttd_id: int, sealed: str) -> None:
    from django.core.cache import cache

    from ..tasks import dokumen_sign as task

    cache.set(_sign_progress_key(ttd_id), "antre", SEAL_SECONDS)
    try:
        task.apply_async(args=[ttd_id, sealed], argsrepr=f"({ttd_id}, '[disamarkan]')", kwargsrepr="{}")
    except Exception:  # noqa: BLE001 - broker away: the signer is told and may try again
        logger.warning("Tanda tangan %s belum masuk antrean", ttd_id, exc_info=True)
        TandaTanganDokumen.objects.filter(pk=ttd_id, ditandatangani__isnull=True).update(
            diminta=None, galat="Antrean penanda tangan sedang tidak tersedia. Dokumen tidak ditandatangani; coba lagi."
        )


def tanda_tangan_run(*, tanda_tangan_id: int, sealed: str) -> str:
    """Worker: make the signature a signer asked for. Run twice, it signs once;
    a refusal (wrong passphrase, revoked or expired certificate) is recorded
    on the row for the signer's page, and nothing is signed."""
    from django.core.cache import cache

    ttd = TandaTanganDokumen.objects.select_related("dokumen", "penandatangan").filter(pk=tanda_tangan_id).first()
    if ttd is None or ttd.ditandatangani is not None:
        return "sudah"
    pending = TandaTanganDokumen.objects.filter(pk=ttd.pk, ditandatangani__isnull=True)
    try:
        dokumen_sign(
            dokumen=ttd.dokumen,
            user=ttd.penandatangan,
            passphrase=passphrase_unseal(sealed),
            on_step=lambda step: cache.set(_sign_progress_key(ttd.pk), step, SEAL_SECONDS),
        )
    except (SigningError, PermissionDenied) as exc:
        pending.update(diminta=None, galat=(str(exc) or "Dokumen tidak ditandatangani.")[:500])
        result = "ditolak"
    except Exception:
        # A fault of ours or of a service (TSA, CRL host): the signer is told at once, not left
        # waiting; the traceback names code lines, never the passphrase.
        logger.exception("Tanda tangan %s gagal dibuat", ttd.pk)
        pending.update(
            diminta=None,
            galat="Tanda tangan gagal dibuat karena gangguan pada server. Dokumen tidak ditandatangani; coba lagi.",
        )
        raise
    else:
        TandaTanganDokumen.objects.filter(pk=ttd.pk).update(diminta=None, galat="")
        result = "ditandatangani"
    finally:
        cache.delete(_sign_progress_key(ttd.pk))
    return result


def _fill_from_cert(sertifikat: SertifikatPenandatangan, certs: list[asn1_x509.Certificate]) -> None:
    cert = certs[0]
    sertifikat.subjek = cert.subject.human_friendly[:255]
    sertifikat.penerbit = cert.issuer.human_friendly[:255]
    sertifikat.nomor_seri = format(cert.serial_number, "x")[:80]
    sertifikat.berlaku_mulai = cert.not_valid_before
    sertifikat.berlaku_sampai = cert.not_valid_after
    sertifikat.sertifikat_pem = "".join(_pem(c) for c in certs)


def _pem(cert: asn1_x509.Certificate) -> str:
    from asn1crypto import pem

    return pem.armor("CERTIFICATE", cert.dump()).decode()


def _activate(sertifikat: SertifikatPenandatangan) -> SertifikatPenandatangan:
    with transaction.atomic():
        SertifikatPenandatangan.objects.filter(pengguna=sertifikat.pengguna, aktif=True).update(aktif=False)
        sertifikat.full_clean()
        sertifikat.save()
    return sertifikat


def sertifikat_register_pkcs12(*, pengguna: User, p12: bytes, passphrase: str) -> SertifikatPenandatangan:
    """Take an official's PKCS#12 file: the passphrase must open it; stored encrypted, passphrase not kept."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    from .backends import p12_store

    try:
        _, cert, chain = pkcs12.load_key_and_certificates(p12, passphrase.encode())
    except ValueError:
        raise SigningError("Berkas PKCS#12 tidak dapat dibuka dengan frasa sandi itu.") from None
    if cert is None:
        raise SigningError("Berkas PKCS#12 tidak berisi sertifikat.")
    from cryptography.hazmat.primitives import serialization

    certs = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in [cert, *chain]]
    sertifikat = SertifikatPenandatangan(pengguna=pengguna, backend=SertifikatPenandatangan.Backend.PKCS12)
    _fill_from_cert(sertifikat, certs)
    sertifikat.berkas = p12_store(name=f"u{pengguna.pk}-{sertifikat.nomor_seri[:32]}", data=p12)
    return _activate(sertifikat)


def sertifikat_register_pkcs11(*, pengguna: User, label: str, cert_pem: str) -> SertifikatPenandatangan:
    """An official whose key sits on the token under ``label``."""
    sertifikat = SertifikatPenandatangan(
        pengguna=pengguna, backend=SertifikatPenandatangan.Backend.PKCS11, label_token=label
    )
    _fill_from_cert(sertifikat, load_certs(cert_pem))
    return _activate(sertifikat)


def sertifikat_register_remote(*, pengguna: User, nik: str) -> SertifikatPenandatangan:
    """An official enrolled at the remote signing service under ``nik``; the certificate comes from the service."""
    from .backends import remote_fetch_certificate

    sertifikat = SertifikatPenandatangan(pengguna=pengguna, backend=SertifikatPenandatangan.Backend.REMOTE, nik=nik)
    _fill_from_cert(sertifikat, load_certs(remote_fetch_certificate(nik=nik)))
    return _activate(sertifikat)


def second_factor_check(*, user: User, code: str) -> None:
    """The second factor before signing (issue 11/12).

    Hook: ``SIGNING_SECOND_FACTOR_VERIFIER`` names a function ``(user, code) -> bool``
    (the two-factor sign-in's code check). Unset, no second factor is asked.
    """
    path = getattr(settings, "SIGNING_SECOND_FACTOR_VERIFIER", "")
    if not path:
        return
    from django.utils.module_loading import import_string

    if not code or not import_string(path)(user, code):
        raise SigningError("Kode verifikasi dua langkah salah atau kedaluwarsa. Dokumen tidak ditandatangani.")
