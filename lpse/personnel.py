"""Who an official is on paper: name, NIP, pangkat/golongan and jabatan for
the signature block of naskah dinas.

The Sekretariat keeps the personnel records (sekretariat.Pegawai); lpse must
not import it, so the Sekretariat registers its lookup here in its
AppConfig.ready. Without it, the user's own fields are used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SignerProfile:
    nama: str
    nip: str = ""
    pangkat: str = ""  # "Pembina (IV/a)"
    jabatan: str = ""


_lookup: Callable[[object], SignerProfile | None] | None = None


def register_personnel_lookup(fn: Callable[[object], SignerProfile | None]) -> None:
    """Called once by the app that holds personnel records (sekretariat)."""
    global _lookup  # noqa: PLW0603 - a one-slot registry filled at start-up
    _lookup = fn


def signer_profile(user) -> SignerProfile | None:
    if user is None:
        return None
    if _lookup is not None:
        found = _lookup(user)
        if found is not None:
            return found
    return SignerProfile(
        nama=user.nama_lengkap, nip=getattr(user, "nip", ""), jabatan=getattr(user, "jabatan", "") or ""
    )


def format_nip(nip: str) -> str:
    """18-digit NIP in its printed groups: 19800210 200604 1 001."""
    digits = "".join(c for c in nip or "" if c.isdigit())
    if len(digits) != 18:
        return nip or ""
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def format_npwp(npwp: str) -> str:
    """NPWP in its usual printed form 99.999.999.9-999.999 (15 digits); 16-digit NPWP (NIK-based) grouped by four."""
    digits = "".join(c for c in npwp or "" if c.isdigit())
    if len(digits) == 15:
        return f"{digits[:2]}.{digits[2:5]}.{digits[5:8]}.{digits[8]}-{digits[9:12]}.{digits[12:]}"
    if len(digits) == 16:
        return " ".join(digits[i : i + 4] for i in range(0, 16, 4))
    return npwp or ""


def format_nik(nik: str) -> str:
    """16-digit NIK grouped as 6-6-4 (region, birth date, serial)."""
    digits = "".join(c for c in nik or "" if c.isdigit())
    if len(digits) != 16:
        return nik or ""
    return f"{digits[:6]} {digits[6:12]} {digits[12:]}"
