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
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, pkcs12
from django.conf import settings
from pyhanko.keys.internal import translate_pyca_cryptography_key_to_asn1
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash, process_pss_params


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


def _p12_key_bags(data: bytes) -> Iterator[asn1_pkcs12.EncryptedPrivateKeyInfo]:
    """The passphrase-encrypted keys of a PKCS#12 file (its shrouded key bags)."""
    pfx = asn1_pkcs12.Pfx.load(data)
    if pfx["auth_safe"]["content_type"].native != "data":
        return
    for info in asn1_pkcs12.AuthenticatedSafe.load(pfx["auth_safe"]["content"].native):
        if info["content_type"].native != "data":
            continue  # certificates, encrypted as a whole: the chain comes from the stored PEM
        for bag in asn1_pkcs12.SafeContents.load(info["content"].native):
            if bag["bag_id"].native == "pkcs8_shrouded_key_bag":
                yield bag["bag_value"].untag()


def _spki(cert: asn1_x509.Certificate) -> bytes:
    return cert["tbs_certificate"]["subject_public_key_info"].dump()


def p12_open_key(*, data: bytes, passphrase: str, cert: asn1_x509.Certificate) -> PrivateKeyTypes:
    """The private key of ``cert`` from a stored PKCS#12 file, opened with the signer's passphrase.

    Why not ``pkcs12.load_key_and_certificates``: it checks an RSA key's
    primes on every load (about 55 ms of the ~80 ms a 2048-bit key costs),
    and pyHanko's SimpleSigner loads the key twice more per signature. The
    key was checked when the file was registered and is stored under
    authenticated encryption (``p12_store``), so the bytes are the ones
    checked then; here only the passphrase is needed. It is proven by the
    key bag decrypting *and* the key being the certificate's (garbage from a
    wrong passphrase cannot match a public key). A file of another shape
    goes through the full loader.
    """
    try:
        bags = list(_p12_key_bags(data))
    except (ValueError, TypeError):
        bags = []
    keys = []
    for bag in bags:
        try:
            keys.append(
                serialization.load_der_private_key(
                    bag.dump(force=True), passphrase.encode() or None, unsafe_skip_rsa_key_validation=True
                )
            )
        except (ValueError, TypeError):
            raise SigningError(WRONG_PASSPHRASE) from None
    if not keys:
        try:
            key, _cert, _chain = pkcs12.load_key_and_certificates(data, passphrase.encode())
        except ValueError:
            raise SigningError(WRONG_PASSPHRASE) from None
        keys = [key] if key is not None else []
    wanted = _spki(cert)
    for key in keys:
        if key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo) == wanted:
            return key
    raise SigningError("Berkas kunci tanda tangan tidak cocok dengan sertifikat Anda. Hubungi administrator sistem.")


class HeldKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner signing with a key object loaded once.

    SimpleSigner re-parses (and, for RSA, re-checks) its key from DER at each
    raw signature, and pyHanko signs twice per PDF (a dry run sizes the
    signature's placeholder): about 110 ms of a 2048-bit RSA signature.
    """

    def __init__(self, *, key: PrivateKeyTypes, certs: list[asn1_x509.Certificate]):
        registry = SimpleCertificateStore()
        registry.register_multiple(certs[1:])
        super().__init__(
            signing_cert=certs[0],
            signing_key=translate_pyca_cryptography_key_to_asn1(key),
            cert_registry=registry,
        )
        self._key = key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            algorithm = mechanism.signature_algo
        except ValueError:
            algorithm = mechanism["algorithm"].native
        if isinstance(self._key, RSAPrivateKey) and algorithm == "rsassa_pkcs1v15":
            return self._key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        if isinstance(self._key, RSAPrivateKey) and algorithm == "rsassa_pss":
            padding, hash_algorithm = process_pss_params(mechanism["parameters"])
            return self._key.sign(data, padding, hash_algorithm)
        return super().sign_raw(data, digest_algorithm)  # other key types load cheaply


class Pkcs12Backend:
    kind = "pkcs12"

    @contextlib.contextmanager
    def open_signer(self, *, sertifikat, passphrase: str) -> Iterator[signers.Signer]:
        certs = load_certs(sertifikat.sertifikat_pem)
        key = p12_open_key(data=p12_read(sertifikat.berkas), passphrase=passphrase, cert=certs[0])
        yield HeldKeySigner(key=key, certs=certs)


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
    """The backend for ``kind`` (default: ``SIGNING_KEY_BACKEND``)."""
    kind = kind or settings.SIGNING_KEY_BACKEND
    try:
        return BACKENDS[kind]()
    except KeyError:
        raise SigningError(f"Backend tanda tangan tidak dikenal: {kind}.") from None
