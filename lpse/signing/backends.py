"""Where a signer's private key lives, behind one interface.

``get_backend(kind)`` returns a backend whose ``open_signer`` yields a
pyHanko ``Signer`` for one certificate and passphrase. The passphrase is only
passed through: never stored, never logged, never put in an exception text.

- ``pkcs12``: a PKCS#12 file per signer, encrypted again at rest (Fernet) under
  ``SIGNING_DIR``; the passphrase opens the PKCS#12.
- ``pkcs11``: a key on a token or HSM (``SIGNING_PKCS11_LIB``); the passphrase
  is the token's user PIN.
- ``remote``: a signing service that signs a hash for a NIK and passphrase, as
  the national e-signature services for civil servants do
  (``SIGNING_REMOTE_URL``).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore


class SigningError(Exception):
    """A refusal to sign, with a message for the signer (Indonesian)."""


WRONG_PASSPHRASE = "Frasa sandi tanda tangan salah. Dokumen tidak ditandatangani."  # noqa: S105 - a message


def load_certs(pem_text: str) -> list[asn1_x509.Certificate]:
    """Certificates in a PEM bundle (the signer's first)."""
    data = pem_text.encode()
    return [asn1_x509.Certificate.load(der) for _, _, der in asn1_pem.unarmor(data, multiple=True)]


# --- PKCS#12 files, encrypted at rest -----------------------------------------


def _fernet() -> Fernet:
    key = settings.SIGNING_STORAGE_KEY
    if not key:
        # Derived from SECRET_KEY so a copied SIGNING_DIR alone opens nothing.
        key = base64.urlsafe_b64encode(hashlib.sha256(b"lpse-signing:" + settings.SECRET_KEY.encode()).digest())
    return Fernet(key)


def key_dir() -> Path:
    path = Path(settings.SIGNING_DIR) / "kunci"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def p12_store(*, name: str, data: bytes) -> str:
    """Store a PKCS#12 file encrypted; returns its name relative to the key dir."""
    fname = f"{name}.p12.enc"
    path = key_dir() / fname
    path.write_bytes(_fernet().encrypt(data))
    path.chmod(0o600)
    return fname


def p12_read(fname: str) -> bytes:
    path = key_dir() / Path(fname).name
    try:
        return _fernet().decrypt(path.read_bytes())
    except (FileNotFoundError, InvalidToken) as exc:
        raise SigningError("Berkas kunci tanda tangan tidak dapat dibuka. Hubungi administrator sistem.") from exc


class Pkcs12Backend:
    kind = "pkcs12"

    @contextlib.contextmanager
    def open_signer(self, *, sertifikat, passphrase: str) -> Iterator[signers.Signer]:
        data = p12_read(sertifikat.berkas)
        try:
            signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=passphrase.encode())
        except ValueError:
            raise SigningError(WRONG_PASSPHRASE) from None
        yield signer


# --- PKCS#11 token --------------------------------------------------------------


class Pkcs11Backend:
    kind = "pkcs11"

    @contextlib.contextmanager
    def open_signer(self, *, sertifikat, passphrase: str) -> Iterator[signers.Signer]:
        import pkcs11.exceptions
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign import pkcs11 as hanko_pkcs11

        try:
            session = hanko_pkcs11.open_pkcs11_session(
                settings.SIGNING_PKCS11_LIB,
                token_criteria=TokenCriteria(label=settings.SIGNING_PKCS11_TOKEN or None),
                user_pin=passphrase,
            )
        except pkcs11.exceptions.PinIncorrect:
            raise SigningError(WRONG_PASSPHRASE) from None
        except pkcs11.exceptions.PinLocked:
            raise SigningError("PIN token terkunci karena terlalu sering salah. Hubungi administrator.") from None
        except Exception as exc:  # the library raises plain errors for a missing token
            raise SigningError("Token tanda tangan tidak ditemukan atau tidak dapat dibuka.") from exc
        certs = load_certs(sertifikat.sertifikat_pem)
        try:
            yield hanko_pkcs11.PKCS11Signer(
                session, key_label=sertifikat.label_token, signing_cert=certs[0], ca_chain=certs[1:]
            )
        finally:
            session.close()


# --- Remote signing service -------------------------------------------------------


class RemoteSigner(signers.Signer):
    """Sends the hash of the signed attributes to the service; gets back the raw signature."""

    def __init__(self, *, url: str, nik: str, passphrase: str, certs: list[asn1_x509.Certificate]):
        registry = SimpleCertificateStore()
        registry.register_multiple(certs[1:])
        super().__init__(signing_cert=certs[0], cert_registry=registry)
        self._url = url.rstrip("/")
        self._nik = nik
        self._passphrase = passphrase

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
        if dry_run:
            return bytes(self.signing_cert.public_key.byte_size)
        digest = hashlib.new(digest_algorithm, data).digest()
        body = {
            "nik": self._nik,
            "passphrase": self._passphrase,
            "hash": base64.b64encode(digest).decode(),
            "hash_algorithm": digest_algorithm.upper(),
        }
        answer = remote_call(self._url + "/api/sign/hash", body)
        return base64.b64decode(answer["signature"])


def remote_call(url: str, body: dict | None = None) -> dict:
    """One JSON call to the signing service; its refusals become SigningError."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(  # noqa: S310 - URL from settings, http(s) only (checked below)
        url, data=data, headers={"Content-Type": "application/json"}, method="POST" if data else "GET"
    )
    if not url.startswith(("http://", "https://")):
        raise SigningError("Alamat layanan tanda tangan tidak sah.")
    try:
        with urllib.request.urlopen(req, timeout=settings.SIGNING_REMOTE_TIMEOUT) as resp:  # noqa: S310
            return json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            raise SigningError(WRONG_PASSPHRASE) from None
        if exc.code == 404:
            raise SigningError("NIK penandatangan tidak terdaftar di layanan tanda tangan.") from None
        raise SigningError(f"Layanan tanda tangan menolak permintaan (HTTP {exc.code}).") from None
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        raise SigningError("Layanan tanda tangan tidak dapat dihubungi. Coba lagi nanti.") from exc


def remote_fetch_certificate(*, nik: str) -> str:
    """The signer's certificate and chain (PEM) as the service holds them."""
    answer = remote_call(settings.SIGNING_REMOTE_URL.rstrip("/") + f"/api/user/{nik}/certificate")
    return answer["certificate_chain"]


class RemoteBackend:
    kind = "remote"

    @contextlib.contextmanager
    def open_signer(self, *, sertifikat, passphrase: str) -> Iterator[signers.Signer]:
        if not settings.SIGNING_REMOTE_URL:
            raise SigningError("Layanan tanda tangan jarak jauh belum diatur (SIGNING_REMOTE_URL).")
        yield RemoteSigner(
            url=settings.SIGNING_REMOTE_URL,
            nik=sertifikat.nik,
            passphrase=passphrase,
            certs=load_certs(sertifikat.sertifikat_pem),
        )


BACKENDS = {b.kind: b for b in (Pkcs12Backend, Pkcs11Backend, RemoteBackend)}


def get_backend(kind: str | None = None):
    """The backend for ``kind`` (default: ``SIGNING_BACKEND``)."""
    kind = kind or settings.SIGNING_BACKEND
    try:
        return BACKENDS[kind]()
    except KeyError:
        raise SigningError(f"Backend tanda tangan tidak dikenal: {kind}.") from None
