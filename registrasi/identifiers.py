"""Indonesian identifiers checked with python-stdnum, with Indonesian messages."""

import re

from django.core.exceptions import ValidationError
from stdnum import exceptions as stdnum_exc
from stdnum.id import nik as stdnum_nik
from stdnum.id import npwp as stdnum_npwp

# Only ASCII digits count: str.isdigit() would let "١٢٣" (Arabic-Indic digits) through.
_ASCII_DIGITS = re.compile(r"[0-9]+")


def clean_nik(value: str) -> str:
    """A NIK: 16 digits, PPRRSS region then DDMMYY birth date (+40 on the day for women)."""
    digits = re.sub(r"[\s.\-]", "", value or "")
    if not _ASCII_DIGITS.fullmatch(digits):
        raise ValidationError("NIK hanya boleh berisi angka.", code="nik_bukan_angka")
    if len(digits) != 16:
        raise ValidationError(f"NIK harus 16 digit; yang diisi {len(digits)} digit.", code="nik_panjang")
    try:
        stdnum_nik.validate(digits)
    except stdnum_exc.InvalidComponent as exc:
        try:
            stdnum_nik.get_birth_date(digits)
        except stdnum_exc.ValidationError:
            raise ValidationError(
                "NIK tidak sah: digit ke-7 sampai ke-12 bukan tanggal lahir yang ada (format DDMMYY).",
                code="nik_tanggal",
            ) from exc
        raise ValidationError(
            "NIK tidak sah: kode wilayah (6 digit pertama) tidak dikenal.", code="nik_wilayah"
        ) from exc
    except stdnum_exc.ValidationError as exc:
        raise ValidationError("NIK tidak sah.", code="nik_tidak_sah") from exc
    return digits


def clean_npwp(value: str) -> str:
    """An NPWP in the 15-digit form (stored as "0" + 15 digits) or the 16-digit form."""
    digits = re.sub(r"[\s.\-]", "", value or "")
    if not _ASCII_DIGITS.fullmatch(digits):
        raise ValidationError("NPWP hanya boleh berisi angka, titik dan tanda hubung.", code="npwp_bukan_angka")
    if len(digits) not in (15, 16):
        raise ValidationError(
            f"NPWP harus 15 digit (format lama) atau 16 digit; yang diisi {len(digits)} digit.", code="npwp_panjang"
        )
    try:
        stdnum_npwp.validate(digits)
    except stdnum_exc.InvalidChecksum as exc:
        raise ValidationError(
            "NPWP tidak sah: digit pemeriksa (digit ke-9 pada format 15 digit) tidak cocok.", code="npwp_checksum"
        ) from exc
    except stdnum_exc.InvalidComponent as exc:
        raise ValidationError(
            "NPWP 16 digit yang tidak diawali 0 adalah NIK, tetapi kode wilayah atau tanggal lahirnya tidak sah.",
            code="npwp_nik_tidak_sah",
        ) from exc
    except stdnum_exc.ValidationError as exc:
        raise ValidationError("NPWP tidak sah.", code="npwp_tidak_sah") from exc
    return "0" + digits if len(digits) == 15 else digits


def clean_nib(value: str) -> str:
    """A NIB (Nomor Induk Berusaha from OSS): 13 digits."""
    digits = re.sub(r"\s", "", value or "")
    if not _ASCII_DIGITS.fullmatch(digits):
        raise ValidationError("NIB hanya boleh berisi angka.", code="nib_bukan_angka")
    if len(digits) != 13:
        raise ValidationError(f"NIB harus 13 digit; yang diisi {len(digits)} digit.", code="nib_panjang")
    return digits


def clean_nip(value: str) -> str:
    """A civil servant's NIP: 18 digits, beginning with a birth date YYYYMMDD."""
    digits = re.sub(r"\s", "", value or "")
    if not _ASCII_DIGITS.fullmatch(digits) or len(digits) != 18:
        raise ValidationError("NIP harus 18 digit angka.", code="nip_tidak_sah")
    return digits
