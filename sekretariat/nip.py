"""The structure of a PNS's NIP (Nomor Induk Pegawai), 18 digits:

- 1–8   date of birth, yyyymmdd
- 9–14  month of appointment as CPNS (TMT), yyyymm
- 15    sex: 1 man, 2 woman
- 16–18 sequence number, 001–999
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone


@dataclass(frozen=True)
class NipParts:
    lahir: date
    pengangkatan: date  # first day of the TMT month
    jenis_kelamin: str  # "L" or "P"
    urut: int


def parse_nip(value: str) -> NipParts:
    """Split and check a NIP; ValidationError (Indonesian) names what is wrong."""
    value = (value or "").strip()
    if len(value) != 18 or not value.isdigit():
        raise ValidationError("NIP harus 18 digit angka.", code="nip_format")
    try:
        lahir = date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise ValidationError(
            "Digit 1–8 NIP (%(v)s) bukan tanggal lahir yang sah (format tahun-bulan-tanggal).",
            code="nip_lahir",
            params={"v": value[0:8]},
        ) from None
    try:
        pengangkatan = date(int(value[8:12]), int(value[12:14]), 1)
    except ValueError:
        raise ValidationError(
            "Digit 9–14 NIP (%(v)s) bukan bulan pengangkatan yang sah (format tahun-bulan).",
            code="nip_tmt",
            params={"v": value[8:14]},
        ) from None
    today = timezone.localdate()
    if lahir.year < 1900 or lahir > today:
        raise ValidationError("Tanggal lahir pada NIP tidak masuk akal.", code="nip_lahir")
    if pengangkatan <= lahir.replace(day=1) or pengangkatan > today:
        raise ValidationError(
            "Bulan pengangkatan pada NIP harus setelah tanggal lahir dan tidak di masa depan.", code="nip_tmt"
        )
    if value[14] not in "12":
        raise ValidationError(
            "Digit ke-15 NIP menunjukkan jenis kelamin dan harus 1 (laki-laki) atau 2 (perempuan).", code="nip_jk"
        )
    urut = int(value[15:18])
    if urut == 0:
        raise ValidationError("Tiga digit terakhir NIP (nomor urut) tidak boleh 000.", code="nip_urut")
    return NipParts(lahir=lahir, pengangkatan=pengangkatan, jenis_kelamin="L" if value[14] == "1" else "P", urut=urut)


def validate_nip(value: str) -> None:
    """Field validator; empty values are left to ``blank``."""
    if value:
        parse_nip(value)
