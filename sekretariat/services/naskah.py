"""Naskah dinas: agenda numbers, registration, attachments and dispositions (Pasal 8(4)f, g)."""

from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lpse.documents import allocate_number, format_number
from lpse.mail import queue_email
from lpse.models import User

from ..models import (
    Disposisi,
    FormatAgenda,
    LampiranNaskah,
    Naskah,
    Pegawai,
)
from ..selectors import DEFAULT_AGENDA_FORMATS, agenda_format


def agenda_format_check(fmt: str) -> str:
    """Refuse a format that cannot render or that leaves out the sequence number."""
    if "{seq" not in fmt:
        raise ValidationError("Format nomor agenda harus memuat {seq} (nomor urut).")
    try:
        format_number(seq=1, kode="X", when=timezone.now(), fmt=fmt)
    except (KeyError, ValueError, IndexError) as exc:
        raise ValidationError(f"Format nomor agenda tidak dapat dipakai: {exc}") from exc
    return fmt


@transaction.atomic
def agenda_format_save(*, jenis: str, fmt: str) -> FormatAgenda:
    agenda_format_check(fmt)
    row, _ = FormatAgenda.objects.update_or_create(jenis=jenis, defaults={"format": fmt})
    return row


@transaction.atomic
def naskah_register(*, naskah: Naskah, files=(), user: User | None = None) -> Naskah:
    """Give a naskah the next agenda number of its kind and year and save it.

    The counter row is locked (SELECT … FOR UPDATE) until commit, so numbers
    within a year have no gaps and no duplicates even under concurrent entry;
    a failed save rolls the number back.
    """
    kode, _ = DEFAULT_AGENDA_FORMATS[naskah.jenis]
    when = timezone.make_aware(datetime.combine(naskah.tanggal_agenda, time(12)))
    seq, _ = allocate_number(kode=f"AGENDA-{kode}", when=when)
    naskah.tahun = naskah.tanggal_agenda.year
    naskah.urut = seq
    naskah.nomor_agenda = format_number(seq=seq, kode=kode, when=when, fmt=agenda_format(naskah.jenis))
    naskah.dibuat_oleh = user
    naskah.full_clean()
    naskah.save()
    for f in files:
        lampiran_add(naskah=naskah, berkas=f)
    return naskah


@transaction.atomic
def naskah_update(*, naskah: Naskah) -> Naskah:
    """Edit a registered naskah; its agenda number and year never change."""
    old = Naskah.objects.only("tahun", "urut", "nomor_agenda", "jenis").get(pk=naskah.pk)
    if naskah.tanggal_agenda.year != old.tahun:
        raise ValidationError(
            {"tanggal_agenda": "Tanggal agenda tidak boleh pindah tahun; nomor agenda sudah dipakai."}
        )
    naskah.tahun, naskah.urut, naskah.nomor_agenda, naskah.jenis = old.tahun, old.urut, old.nomor_agenda, old.jenis
    naskah.full_clean()
    naskah.save()
    return naskah


@transaction.atomic
def lampiran_add(*, naskah: Naskah, berkas) -> LampiranNaskah:
    lampiran = LampiranNaskah(naskah=naskah, berkas=berkas, nama_asli=getattr(berkas, "name", "lampiran")[:255])
    lampiran.full_clean()
    lampiran.save()
    return lampiran


@transaction.atomic
def disposisi_create(*, disposisi: Disposisi, user: User) -> Disposisi:
    """Dispose a naskah to a bidang or person; the addressee is told by email."""
    disposisi.dari = user
    disposisi.full_clean()
    disposisi.save()
    recipients = [_pegawai_email(disposisi.kepada_pegawai)] if disposisi.kepada_pegawai_id else []
    if disposisi.kepada_bidang:
        # A disposition to a bidang goes to whoever leads it (Sekretaris or Kepala Bidang, Pasal 6(2)-(3)).
        heads = Pegawai.objects.filter(
            aktif=True, bidang=disposisi.kepada_bidang, jabatan__in=["sekretaris", "kepala_bidang"]
        ).select_related("user")
        recipients += [_pegawai_email(p) for p in heads]
    recipients = [r for r in recipients if r]
    if recipients:
        naskah = disposisi.naskah
        queue_email(
            subject=f"Disposisi naskah {naskah.nomor_agenda}: {naskah.perihal}",
            body=(
                f"Anda menerima disposisi dari {user}.\n\nNaskah: {naskah.nomor_agenda} — {naskah.perihal}\n"
                f"Instruksi: {disposisi.instruksi}\n"
                + (f"Batas waktu: {disposisi.batas_waktu:%d-%m-%Y}\n" if disposisi.batas_waktu else "")
            ),
            recipients=recipients,
        )
    return disposisi


def _pegawai_email(pegawai: Pegawai) -> str:
    return pegawai.email or (pegawai.user.email if pegawai.user_id else "")


@transaction.atomic
def disposisi_finish(*, disposisi: Disposisi) -> Disposisi:
    if disposisi.selesai is None:
        disposisi.selesai = timezone.now()
        disposisi.save(update_fields=["selesai"])
    return disposisi
