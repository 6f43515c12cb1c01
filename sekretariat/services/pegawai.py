"""Writes on personnel: pegawai, SK, external assignments, qualifications, trainings, honoraria (Pasal 6, 21, 22)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import selectors
from ..models import (
    Honorarium,
    Kualifikasi,
    Pegawai,
    PelatihanPegawai,
    PenugasanLuar,
    SuratKeputusan,
)


@transaction.atomic
def pegawai_save(*, pegawai: Pegawai) -> Pegawai:
    """Appoint or update a staff member.

    Pasal 19(3): "Pegawai Unit LPSE dilarang merangkap menjadi PPK/ULP/Pejabat
    Pengadaan." A person named as such in another SK, or whose portal account
    holds the PPK or Pokja role, cannot be appointed (an inactive record may
    still be kept).
    """
    pegawai.full_clean()
    if pegawai.aktif:
        conflicts = selectors.pegawai_conflicts(pegawai=pegawai)
        if conflicts:
            raise ValidationError(
                "Tidak dapat diangkat: Pegawai Unit LPSE dilarang merangkap menjadi PPK/ULP/Pejabat Pengadaan "
                "(Perbup Karo 02/2017 Pasal 19 ayat 3). " + "; ".join(conflicts),
                code="pasal_19_3",
            )
    pegawai.save()
    return pegawai


@transaction.atomic
def sk_save(*, sk: SuratKeputusan) -> SuratKeputusan:
    """Record a Keputusan Bupati appointing personnel (Pasal 6(5))."""
    sk.full_clean()
    sk.save()
    return sk


@transaction.atomic
def penugasan_luar_save(*, penugasan: PenugasanLuar) -> PenugasanLuar:
    """Record an SK naming someone PPK/Pokja/Pejabat Pengadaan; staff lists then flag them (Pasal 19(3))."""
    penugasan.full_clean()
    penugasan.save()
    return penugasan


@transaction.atomic
def kualifikasi_add(*, kualifikasi: Kualifikasi) -> Kualifikasi:
    kualifikasi.full_clean()
    kualifikasi.save()
    return kualifikasi


@transaction.atomic
def pelatihan_pegawai_add(*, pelatihan: PelatihanPegawai) -> PelatihanPegawai:
    """Record a training a staff member attended (Pasal 22)."""
    pelatihan.full_clean()
    pelatihan.save()
    return pelatihan


@transaction.atomic
def honorarium_save(*, honorarium: Honorarium) -> Honorarium:
    """Record the honorarium of a month (Pasal 21); one row per person and month."""
    honorarium.periode = honorarium.periode.replace(day=1)
    honorarium.full_clean()
    honorarium.save()
    return honorarium
