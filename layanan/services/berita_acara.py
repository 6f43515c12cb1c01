"""Berita acara kesaksian of a ticket (Pasal 15 ayat 2)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import (
    BeritaAcaraKesaksian,
    Tiket,
    TiketPeristiwa,
)
from .tiket import _event


def berita_acara_issue(*, tiket: Tiket, data: dict, saksi: list, user) -> BeritaAcaraKesaksian:
    """Record a berita acara kesaksian (Pasal 15 ayat 2) and issue its
    numbered, QR-verifiable PDF through lpse.documents."""
    from lpse.documents import dokumen_issue

    if not saksi:
        raise ValidationError("Pilih paling sedikit satu saksi dari LPSE.")
    with transaction.atomic():
        ba = BeritaAcaraKesaksian(tiket=tiket, dibuat_oleh=user, **data)
        ba.full_clean()
        ba.save()
        ba.saksi.set(saksi)
        _event(tiket, TiketPeristiwa.Jenis.BERITA_ACARA, user=user, at=timezone.now(), ke=ba.kode_paket)
    dokumen = dokumen_issue(
        kode="BA-KSK",
        jenis="Berita Acara Kesaksian",
        perihal=f"Kesaksian dokumen penawaran {ba.penyedia} paket {ba.kode_paket}",
        template="layanan/ba_kesaksian_pdf.html",
        context={"ba": ba, "saksi": list(ba.saksi.all()), "tiket": tiket},
        user=user,
        penandatangan=[(s, f"Saksi {i}") for i, s in enumerate(ba.saksi.order_by("nama_lengkap", "pk"), start=1)],
        in_background=True,
    )
    ba.dokumen = dokumen
    ba.save(update_fields=["dokumen"])
    return ba
