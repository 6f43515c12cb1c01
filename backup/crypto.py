"""Streaming compression and AES-256-GCM encryption of backup archives.

Backups hold NIK and other personal data, so every archive is encrypted
(issue 6, Pasal 18). The archive is a sequence of independently sealed
chunks, so a 1 GB dump never sits in memory:

    header  = MAGIC(8) | compression(1) | key_id(8) | nonce_prefix(8)
    chunk   = final(1) | length(4, big endian) | AES-GCM(ciphertext + tag)

Each chunk's nonce is ``nonce_prefix + counter`` and its associated data is
``header + counter + final``: chunks cannot be reordered, dropped or
truncated without the tag failing, and a stream that ends without its final
chunk is "terpotong" (cut short). ``key_id`` lets a wrong key be named as
such before any decryption is tried.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import io
import secrets
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

try:  # zstd when the maintained binding is installed (requirements.txt), else gzip
    import zstandard
except ImportError:  # pragma: no cover - exercised only on installs without it
    zstandard = None

MAGIC = b"LPSEBAK1"
CHUNK_SIZE = 1024 * 1024
HEADER_LEN = 8 + 1 + 8 + 8
COMP_ZSTD, COMP_GZIP = b"z", b"g"
COMPRESSION_NAMES = {COMP_ZSTD: "zstd", COMP_GZIP: "gzip"}


class BackupCryptoError(Exception):
    """An archive that cannot be read back; the message is for staff, in Indonesian."""


class KeyMissingError(BackupCryptoError):
    pass


# --- Keys ----------------------------------------------------------------------


def parse_key(text: str) -> bytes:
    """A 32-byte key written as 64 hex digits or as (urlsafe) base64."""
    text = text.strip()
    candidates = []
    if len(text) == 64:
        with contextlib.suppress(ValueError):
            candidates.append(bytes.fromhex(text))
    for decode in (base64.urlsafe_b64decode, base64.b64decode):
        try:
            candidates.append(decode(text + "=" * (-len(text) % 4)))
        except (binascii.Error, ValueError):
            continue
    for key in candidates:
        if len(key) == 32:
            return key
    raise KeyMissingError(
        "Kunci enkripsi backup tidak sah: harus 32 byte, ditulis sebagai 64 digit heksadesimal atau base64 "
        "(buat dengan: python -c 'import secrets; print(secrets.token_hex(32))')."
    )


def load_key(*, value: str | None = None, path: str | None = None) -> bytes:
    """The backup key from ``BACKUP_ENCRYPTION_KEY`` or the file named by ``BACKUP_ENCRYPTION_KEY_FILE``.

    Explicit arguments win (the restore command and tests pass them); otherwise the
    settings, which lpse/settings.py reads (and checks) from the environment.
    """
    if value is None and path is None:
        from django.conf import settings

        value, path = settings.BACKUP_ENCRYPTION_KEY, settings.BACKUP_ENCRYPTION_KEY_FILE
    if value:
        return parse_key(value)
    if path:
        try:
            return parse_key(Path(path).read_text())
        except OSError as exc:
            raise KeyMissingError(f"Berkas kunci enkripsi backup {path} tidak dapat dibaca: {exc.strerror}.") from exc
    raise KeyMissingError(
        "Kunci enkripsi backup belum diatur: isi variabel lingkungan BACKUP_ENCRYPTION_KEY atau "
        "BACKUP_ENCRYPTION_KEY_FILE. Tanpa kunci, backup tidak dibuat dan tidak dapat dipulihkan."
    )


def key_id(key: bytes) -> str:
    """A public fingerprint of the key, stored in archives and manifests."""
    return hashlib.sha256(b"lpse-backup-key-id:" + key).digest()[:8].hex()


def manifest_signature(key: bytes, payload: bytes) -> str:
    """HMAC of a manifest, so a manifest edited on disk is refused."""
    mac_key = hmac.new(key, b"lpse-backup-manifest", hashlib.sha256).digest()
    return hmac.new(mac_key, payload, hashlib.sha256).hexdigest()


# --- Writing -------------------------------------------------------------------


class ArchiveWriter(io.RawIOBase):
    """A writable stream: plaintext in, compressed and sealed chunks out to ``sink``.

    ``sink(data)`` writes bytes to the temporary file; ``sha256`` and
    ``size`` describe exactly what was written there.
    """

    def __init__(self, sink: Callable[[bytes], object], key: bytes, *, on_plain: Callable[[int], None] | None = None):
        super().__init__()
        self._sink = sink
        self._aead = AESGCM(key)
        self._on_plain = on_plain
        self.compression = COMP_ZSTD if zstandard is not None else COMP_GZIP
        if zstandard is not None:
            self._comp = zstandard.ZstdCompressor(level=3, threads=-1).compressobj()
        else:
            self._comp = zlib.compressobj(6, zlib.DEFLATED, 31)
        self._prefix = secrets.token_bytes(8)
        self.header = MAGIC + self.compression + bytes.fromhex(key_id(key)) + self._prefix
        self._buf = bytearray()
        self._counter = 0
        self.sha256 = hashlib.sha256()
        self.size = 0
        self.plain_bytes = 0
        self._emit(self.header)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        n = len(data)
        if n:
            self.plain_bytes += n
            self._buf += self._comp.compress(bytes(data))
            while len(self._buf) >= CHUNK_SIZE:
                self._seal(bytes(self._buf[:CHUNK_SIZE]), final=False)
                del self._buf[:CHUNK_SIZE]
            if self._on_plain:
                self._on_plain(self.plain_bytes)
        return n

    def finish(self) -> None:
        """Flush the compressor and seal the final chunk."""
        self._buf += self._comp.flush()
        while len(self._buf) > CHUNK_SIZE:
            self._seal(bytes(self._buf[:CHUNK_SIZE]), final=False)
            del self._buf[:CHUNK_SIZE]
        self._seal(bytes(self._buf), final=True)
        self._buf.clear()

    def _seal(self, plain: bytes, *, final: bool) -> None:
        flag = b"\x01" if final else b"\x00"
        nonce = self._prefix + struct.pack(">I", self._counter)
        aad = self.header + struct.pack(">Q", self._counter) + flag
        sealed = self._aead.encrypt(nonce, plain, aad)
        self._counter += 1
        self._emit(flag + struct.pack(">I", len(sealed)) + sealed)

    def _emit(self, data: bytes) -> None:
        self._sink(data)
        self.sha256.update(data)
        self.size += len(data)


# --- Reading -------------------------------------------------------------------


def _read_exact(f, n: int) -> bytes:
    data = f.read(n)
    while data is not None and len(data) < n:
        more = f.read(n - len(data))
        if not more:
            break
        data += more
    return data or b""


def iter_plain(f, key: bytes, *, sha256=None, on_raw: Callable[[int], None] | None = None) -> Iterator[bytes]:
    """Decrypt and decompress an archive stream, chunk by chunk.

    ``sha256`` (a hashlib object) is fed every raw byte read, so the archive
    checksum is computed in the same pass. Raises BackupCryptoError with an
    Indonesian message on a wrong key, a damaged or a truncated archive.
    """
    header = _read_exact(f, HEADER_LEN)
    if sha256 is not None:
        sha256.update(header)
    if len(header) < HEADER_LEN or header[:8] != MAGIC:
        raise BackupCryptoError("Berkas ini bukan arsip backup portal (tanda pengenal tidak cocok) atau rusak.")
    compression, archive_key_id, prefix = header[8:9], header[9:17].hex(), header[17:25]
    if archive_key_id != key_id(key):
        raise BackupCryptoError(
            f"Kunci enkripsi salah: arsip ini dibuat dengan kunci {archive_key_id}, "
            f"sedangkan kunci yang dipasang adalah {key_id(key)}. Pasang kunci yang benar lalu ulangi."
        )
    if compression == COMP_ZSTD:
        if zstandard is None:  # pragma: no cover
            raise BackupCryptoError("Arsip dikompresi dengan zstd, tetapi paket zstandard belum terpasang.")
        decomp = zstandard.ZstdDecompressor().decompressobj()
    elif compression == COMP_GZIP:
        decomp = zlib.decompressobj(31)
    else:
        raise BackupCryptoError("Arsip memakai kompresi yang tidak dikenal; berkas mungkin rusak.")
    aead = AESGCM(key)
    counter, raw = 0, HEADER_LEN
    while True:
        frame = _read_exact(f, 5)
        if not frame:
            raise BackupCryptoError("Arsip terpotong: bagian akhir arsip tidak ada (penulisan tidak selesai).")
        if len(frame) < 5 or frame[:1] not in (b"\x00", b"\x01"):
            raise BackupCryptoError(f"Arsip rusak pada bagian ke-{counter + 1}.")
        length = struct.unpack(">I", frame[1:])[0]
        if length > CHUNK_SIZE + 64:
            raise BackupCryptoError(f"Arsip rusak pada bagian ke-{counter + 1} (panjang tidak wajar).")
        sealed = _read_exact(f, length)
        if sha256 is not None:
            sha256.update(frame)
            sha256.update(sealed)
        raw += 5 + len(sealed)
        if on_raw:
            on_raw(raw)
        if len(sealed) < length:
            raise BackupCryptoError("Arsip terpotong: berkas berakhir di tengah bagian terenkripsi.")
        nonce = prefix + struct.pack(">I", counter)
        aad = header + struct.pack(">Q", counter) + frame[:1]
        try:
            plain = aead.decrypt(nonce, sealed, aad)
        except InvalidTag as exc:
            raise BackupCryptoError(
                f"Arsip rusak atau telah diubah: bagian ke-{counter + 1} gagal diautentikasi (AES-GCM)."
            ) from exc
        counter += 1
        out = decomp.decompress(plain)
        if out:
            yield out
        if frame[:1] == b"\x01":
            if _read_exact(f, 1):
                raise BackupCryptoError("Arsip rusak: ada data tambahan setelah bagian akhir.")
            if compression == COMP_GZIP:
                tail = decomp.flush()
                if tail:
                    yield tail
            return


class PlainReader(io.RawIOBase):
    """A readable stream over ``iter_plain`` (for tarfile's stream mode)."""

    def __init__(self, chunks: Iterator[bytes]):
        super().__init__()
        self._chunks = chunks
        self._buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self._buf:
            try:
                self._buf = next(self._chunks)
            except StopIteration:
                return 0
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n
