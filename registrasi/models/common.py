"""Choices, document lists and helpers shared by the registrasi models (Perbup Karo 02/2017 Pasal 13(1))."""

import secrets

from django.db import models


def _token() -> str:
    # 32 random bytes: the status link is the applicant's only key, so it must not be guessable.
    return secrets.token_urlsafe(32)


class JenisDokumen(models.TextChoices):
    """Documents of Pasal 13(1). Nothing else may be asked (Pasal 13(3))."""

    KTP = "ktp", "KTP Direktur/Pemilik Perusahaan/Pejabat yang berwenang"
    AKTA_PENDIRIAN = "akta_pendirian", "Akta pendirian perusahaan"
    AKTA_PERUBAHAN = "akta_perubahan", "Akta perubahan terakhir (bila ada)"
    NPWP = "npwp", "NPWP"
    IZIN_USAHA = "izin_usaha", "Surat izin usaha sesuai bidang usaha"
    SURAT_TUGAS = "surat_tugas", "Surat tugas dan/atau surat keputusan (SK) dari instansi"


# Pasal 13(1)a angka 2 huruf a)–d): the vendor's list; akta perubahan only "bila ada".
DOKUMEN_PENYEDIA_WAJIB = (JenisDokumen.KTP, JenisDokumen.AKTA_PENDIRIAN, JenisDokumen.NPWP, JenisDokumen.IZIN_USAHA)
DOKUMEN_PENYEDIA_OPSIONAL = (JenisDokumen.AKTA_PERUBAHAN,)
# Pasal 13(1)b and 13(7): other users bring their surat tugas/SK.
DOKUMEN_PEJABAT_WAJIB = (JenisDokumen.SURAT_TUGAS,)


class BentukUsaha(models.TextChoices):
    PT = "pt", "Perseroan Terbatas (PT)"
    CV = "cv", "Persekutuan Komanditer (CV)"
    FIRMA = "firma", "Firma"
    KOPERASI = "koperasi", "Koperasi"
    PERSEKUTUAN_PERDATA = "persekutuan_perdata", "Persekutuan Perdata"
    PERUSAHAAN_PERORANGAN = "perusahaan_perorangan", "Perusahaan Perorangan (UD)"
    PERORANGAN = "perorangan", "Perorangan"
    YAYASAN = "yayasan", "Yayasan"
    LAINNYA = "lainnya", "Lainnya"


class PeranPejabat(models.TextChoices):
    """Pasal 13(7): the SPSE users other than vendors; values are lpse.roles names."""

    PA_KPA = "PA/KPA", "PA/KPA"
    PPK = "PPK", "PPK"
    POKJA = "Pokja ULP/Pejabat Pengadaan", "Pokja ULP/Pejabat Pengadaan"
    AUDITOR = "Auditor", "Auditor"


def _mask(value: str) -> str:
    """Only the last four digits show in lists; the detail page (audited) shows all."""
    if not value:
        return ""
    return "•" * (len(value) - 4) + value[-4:]
