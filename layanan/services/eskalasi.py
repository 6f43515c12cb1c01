"""Escalations of a ticket to Helpdesk LKPP and their answers (Pasal 15 ayat 3)."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import (
    Eskalasi,
    Tiket,
    TiketBalasan,
    TiketPeristiwa,
)
from .tiket import _event, _name


@transaction.atomic
def eskalasi_create(
    *, tiket: Tiket, level: str, uraian: str, dikirim: datetime, nomor_referensi: str = "", user
) -> Eskalasi:
    """Escalate to Helpdesk LKPP or Helpdesk Teknis LKPP (Pasal 15 ayat 3)."""
    tiket = Tiket.objects.select_for_update().get(pk=tiket.pk)
    if not tiket.is_open:
        raise ValidationError("Hanya tiket yang masih terbuka yang dapat dieskalasi.")
    if dikirim > timezone.now():
        raise ValidationError("Tanggal kirim ke LKPP tidak boleh di masa depan.")
    eskalasi = Eskalasi(
        tiket=tiket, level=level, uraian=uraian, dikirim=dikirim, nomor_referensi=nomor_referensi, dibuat_oleh=user
    )
    eskalasi.full_clean()
    eskalasi.save()
    _event(
        tiket,
        TiketPeristiwa.Jenis.ESKALASI,
        user=user,
        at=timezone.now(),
        ke=eskalasi.get_level_display(),
        keterangan=f"No. ref {nomor_referensi or '-'}",
    )
    return eskalasi


@transaction.atomic
def eskalasi_answer(
    *, eskalasi: Eskalasi, jawaban: str, dijawab: datetime, nomor_referensi: str = "", user
) -> Eskalasi:
    """Record LKPP's answer; it becomes an internal note on the ticket."""
    eskalasi = Eskalasi.objects.select_for_update().select_related("tiket").get(pk=eskalasi.pk)
    if eskalasi.dijawab is not None:
        raise ValidationError("Jawaban LKPP untuk eskalasi ini sudah dicatat.")
    if dijawab > timezone.now():
        raise ValidationError("Tanggal jawaban tidak boleh di masa depan.")
    eskalasi.jawaban, eskalasi.dijawab = jawaban, dijawab
    if nomor_referensi:
        eskalasi.nomor_referensi = nomor_referensi
    eskalasi.full_clean()
    eskalasi.save()
    now = timezone.now()
    TiketBalasan.objects.create(
        tiket=eskalasi.tiket,
        penulis=user,
        nama_penulis=_name(user),
        dari_staf=True,
        publik=False,
        isi=f"Jawaban {eskalasi.get_level_display()} (ref {eskalasi.nomor_referensi or '-'}):\n{jawaban}",
        dibuat=now,
    )
    _event(eskalasi.tiket, TiketPeristiwa.Jenis.ESKALASI, user=user, at=now, keterangan="jawaban LKPP dicatat")
    return eskalasi
