"""Demo signing material for ``seed_demo``: a demo CA (trusted by this
install only), a PKCS#12 certificate for every demo official, its CRL, and
signing every demo document that waits for a signature.

The demo passphrase is the demo password. Production offices bring their own
certificates instead (README, "Tanda tangan elektronik").
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings

from ..demo import DEMO_PASSWORD, DEMO_USERS
from ..models import SertifikatPenandatangan, TandaTanganDokumen, User
from . import ca, trust
from .backends import SigningError, _fernet

logger = logging.getLogger(__name__)

DEMO_CA_NAME = "ca-demo-lpse"
# Every LPSE staff role of the demo may be named as a signer (Kepala Unit,
# Sekretaris, each Kepala Bidang, verifikator, helpdesk as saksi, …).
NON_SIGNERS = {"Penyedia", "PA/KPA", "PPK", "Pokja ULP/Pejabat Pengadaan", "Auditor", "LKPP"}


def _ca_dir() -> Path:
    path = Path(settings.SIGNING_DIR) / "demo-ca"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def demo_ca() -> ca.Issued:
    """The install's demo CA, made once; its key is kept encrypted like signers' keys."""
    cert_path, key_path = _ca_dir() / "ca.pem", _ca_dir() / "ca.key.enc"
    if cert_path.exists() and key_path.exists():
        issued = ca.load_issued(cert_pem=cert_path.read_bytes(), key_pem=_fernet().decrypt(key_path.read_bytes()))
    else:
        issued = ca.make_ca(cn=f"CA Demo {settings.LPSE['NAMA']} (bukan untuk produksi)")
        cert_path.write_bytes(issued.cert_pem)
        key_path.write_bytes(_fernet().encrypt(issued.key_pem))
        key_path.chmod(0o600)
    trust.add_trust_root(name=DEMO_CA_NAME, pem=issued.cert_pem)
    demo_crl_publish(issued)
    return issued


def demo_crl_publish(issued: ca.Issued, revoked=()) -> None:
    trust.put_crl(name=DEMO_CA_NAME, der=ca.make_crl(ca=issued, revoked=list(revoked), days=365))


def demo_certificates() -> int:
    """A certificate for each demo official that has none; returns how many were made."""
    from .service import sertifikat_register_pkcs12

    authority = demo_ca()
    made = 0
    for email, _, role in DEMO_USERS:
        if role in NON_SIGNERS:
            continue
        user = User.objects.filter(email=email).first()
        if user is None or SertifikatPenandatangan.objects.filter(pengguna=user, aktif=True).exists():
            continue
        issued = ca.issue_cert(
            ca=authority,
            cn=user.nama_lengkap,
            org=settings.LPSE["NAMA"],
            crl_url=settings.SITE_URL.rstrip("/") + f"/dokumen/crl/{DEMO_CA_NAME}.crl",
        )
        p12 = ca.make_p12(issued=issued, ca=authority, passphrase=DEMO_PASSWORD, name=user.nama_lengkap)
        sertifikat_register_pkcs12(pengguna=user, p12=p12, passphrase=DEMO_PASSWORD)
        made += 1
    return made


def demo_sign_pending() -> int:
    """Sign, in turn, every document waiting for a demo official's signature."""
    from ..documents import dokumen_build_waiting
    from .service import dokumen_sign

    # seed_demo may run with no worker: make the PDFs its issued documents queued.
    dokumen_build_waiting()
    signed = 0
    while True:
        progressed = False
        for ttd in (
            TandaTanganDokumen.objects.filter(
                ditandatangani__isnull=True, penandatangan__email__endswith="@demo.lpse.id"
            )
            .select_related("dokumen", "penandatangan")
            .order_by("dokumen_id", "urutan")
        ):
            try:
                dokumen_sign(dokumen=ttd.dokumen, user=ttd.penandatangan, passphrase=DEMO_PASSWORD)
            except SigningError as exc:
                # Not this signer's turn yet (an outside signer first) or no PDF: leave it.
                logger.info("Dokumen demo %s belum ditandatangani: %s", ttd.dokumen.nomor, exc)
                continue
            signed += 1
            progressed = True
        if not progressed:
            return signed
