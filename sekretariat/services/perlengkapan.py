"""Perlengkapan and rumah tangga (Pasal 8(4)f): the register of equipment and
consumables, stock movements, loans to staff, staff requests approved by the
Sekretaris, the low-stock reminder and the yearly stock-take berita acara.

Every change of stock goes through ``_move``: it locks the item's row, reads
the balance (the sum of its movements), refuses a negative result with an
Indonesian message and writes the movement with the new balance; the database
refuses a negative ``saldo`` too (``mutasi_saldo_tidak_negatif``).
"""

from datetime import date
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from lpse import roles
from lpse.mail import queue_email
from lpse.models import User

from ..models import Barang, MutasiBarang, Pegawai, Peminjaman, PermintaanBarang, StokOpname, StokOpnameItem


def _emails(*role_names: str) -> list[str]:
    return list(User.objects.filter(groups__name__in=role_names, is_active=True).values_list("email", flat=True))


def barang_stock(*, barang: Barang) -> int:
    """The balance in store: the sum of the item's movements."""
    return MutasiBarang.objects.filter(barang=barang).aggregate(s=Sum("jumlah"))["s"] or 0


def _move(
    *, barang: Barang, jenis: str, jumlah: int, user, keterangan: str = "", tanggal=None, **links
) -> MutasiBarang:
    """Write one movement under a lock on the item; never below zero (Pasal 8(4)f)."""
    if jumlah == 0:
        raise ValidationError({"jumlah": "Jumlah tidak boleh nol."})
    locked = Barang.objects.select_for_update().get(pk=barang.pk)
    saldo = barang_stock(barang=locked) + jumlah
    if saldo < 0:
        raise ValidationError(
            {
                "jumlah": f"Stok {locked.nama} tidak mencukupi: tersedia {saldo - jumlah} {locked.satuan}, "
                f"diminta {-jumlah} {locked.satuan}."
            },
            code="stok_kurang",
        )
    mutasi = MutasiBarang(
        barang=locked,
        jenis=jenis,
        jumlah=jumlah,
        saldo=saldo,
        tanggal=tanggal or timezone.localdate(),
        keterangan=keterangan,
        dicatat_oleh=user,
        **links,
    )
    mutasi.full_clean()
    mutasi.save()
    return mutasi


@transaction.atomic
def barang_save(*, barang: Barang) -> Barang:
    """Create or change an item's description; its stock changes only by movements."""
    barang.full_clean()
    barang.save()
    return barang


@transaction.atomic
def barang_record_movement(
    *, barang: Barang, jenis: str, jumlah: int, user, keterangan: str = "", tanggal: date | None = None
) -> MutasiBarang:
    """Stock in (``masuk``, e.g. a purchase) or out (``keluar``, e.g. used up or written off)."""
    if jenis not in (MutasiBarang.Jenis.MASUK, MutasiBarang.Jenis.KELUAR):
        raise ValidationError({"jenis": "Pilih barang masuk atau barang keluar."})
    if jumlah <= 0:
        raise ValidationError({"jumlah": "Jumlah paling sedikit 1."})
    signed = jumlah if jenis == MutasiBarang.Jenis.MASUK else -jumlah
    return _move(barang=barang, jenis=jenis, jumlah=signed, user=user, keterangan=keterangan, tanggal=tanggal)


def _lend(*, barang: Barang, pegawai: Pegawai, jumlah: int, user, keterangan: str, permintaan=None) -> Peminjaman:
    if barang.jenis != Barang.Jenis.PERALATAN:
        raise ValidationError({"barang": "Hanya peralatan yang dipinjamkan; barang habis pakai dikeluarkan."})
    if not pegawai.aktif:
        raise ValidationError({"pegawai": "Pegawai ini tidak aktif."})
    pinjam = Peminjaman(barang=barang, pegawai=pegawai, jumlah=jumlah, keterangan=keterangan, permintaan=permintaan)
    pinjam.full_clean()
    pinjam.save()
    _move(
        barang=barang,
        jenis=MutasiBarang.Jenis.PINJAM,
        jumlah=-jumlah,
        user=user,
        keterangan=f"Diserahkan kepada {pegawai.nama}",
        peminjaman=pinjam,
    )
    return pinjam


@transaction.atomic
def peminjaman_create(*, barang: Barang, pegawai: Pegawai, jumlah: int, user, keterangan: str = "") -> Peminjaman:
    """Lend or assign equipment to a Pegawai: it leaves the store and is on their name."""
    return _lend(barang=barang, pegawai=pegawai, jumlah=jumlah, user=user, keterangan=keterangan)


@transaction.atomic
def peminjaman_return(*, peminjaman: Peminjaman, user, tanggal: date | None = None) -> Peminjaman:
    """The equipment comes back to the store."""
    pinjam = Peminjaman.objects.select_for_update().get(pk=peminjaman.pk)
    if pinjam.kembali is not None:
        raise ValidationError("Barang ini sudah dikembalikan.")
    pinjam.kembali = tanggal or timezone.localdate()
    pinjam.full_clean()
    pinjam.save(update_fields=["kembali"])
    _move(
        barang=pinjam.barang,
        jenis=MutasiBarang.Jenis.KEMBALI,
        jumlah=pinjam.jumlah,
        user=user,
        keterangan=f"Dikembalikan oleh {pinjam.pegawai.nama}",
        peminjaman=pinjam,
    )
    return pinjam


@transaction.atomic
def permintaan_submit(*, barang: Barang, jumlah: int, keperluan: str, user) -> PermintaanBarang:
    """Any LPSE staff member asks for an item; no more than what is in store (Pasal 8(4)f)."""
    if not barang.aktif:
        raise ValidationError({"barang": "Barang ini tidak lagi tersedia."})
    tersedia = barang_stock(barang=barang)
    if jumlah > tersedia:
        raise ValidationError(
            {"jumlah": f"Permintaan melebihi stok: tersedia {tersedia} {barang.satuan}."}, code="stok_kurang"
        )
    permintaan = PermintaanBarang(barang=barang, jumlah=jumlah, keperluan=keperluan, pemohon=user)
    permintaan.full_clean()
    permintaan.save()
    recipients = _emails(roles.SEKRETARIS)
    queue_email(
        subject=f"Permintaan barang menunggu persetujuan: {barang.nama}",
        body=(
            f"{user.get_full_name() or user.email} meminta {jumlah} {barang.satuan} {barang.nama} "
            f"untuk keperluan: {keperluan}.\nSilakan setujui atau tolak di portal (Perlengkapan › Permintaan barang)."
        ),
        recipients=recipients,
    )
    return permintaan


def _claim(permintaan: PermintaanBarang) -> PermintaanBarang:
    locked = PermintaanBarang.objects.select_for_update().select_related("barang", "pemohon").get(pk=permintaan.pk)
    if locked.status != PermintaanBarang.Status.DIAJUKAN:
        raise ValidationError(f"Permintaan ini sudah diputus ({locked.get_status_display().lower()}).")
    return locked


@transaction.atomic
def permintaan_approve(*, permintaan: PermintaanBarang, user) -> PermintaanBarang:
    """The Sekretaris approves: consumables leave the store, equipment goes on the requester's name.

    The stock is checked again here: approval never takes the balance below zero.
    """
    p = _claim(permintaan)
    if p.barang.jenis == Barang.Jenis.PERALATAN:
        pegawai = Pegawai.objects.filter(user=p.pemohon, aktif=True).first()
        if pegawai is None:
            raise ValidationError("Pemohon belum tercatat sebagai pegawai aktif; peralatan tidak dapat diserahkan.")
        _lend(barang=p.barang, pegawai=pegawai, jumlah=p.jumlah, user=user, keterangan=p.keperluan, permintaan=p)
    else:
        _move(
            barang=p.barang,
            jenis=MutasiBarang.Jenis.KELUAR,
            jumlah=-p.jumlah,
            user=user,
            keterangan=f"Permintaan {p.pemohon.get_full_name() or p.pemohon.email}: {p.keperluan}"[:255],
            permintaan=p,
        )
    p.status = PermintaanBarang.Status.DISETUJUI
    p.diputus_oleh, p.diputus = user, timezone.now()
    p.full_clean()
    p.save(update_fields=["status", "diputus_oleh", "diputus"])
    _notify_requester(p)
    return p


@transaction.atomic
def permintaan_reject(*, permintaan: PermintaanBarang, user, alasan: str) -> PermintaanBarang:
    """The Sekretaris rejects, with a reason the requester reads."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Tuliskan alasan penolakan."})
    p = _claim(permintaan)
    p.status = PermintaanBarang.Status.DITOLAK
    p.alasan = alasan
    p.diputus_oleh, p.diputus = user, timezone.now()
    p.full_clean()
    p.save(update_fields=["status", "alasan", "diputus_oleh", "diputus"])
    _notify_requester(p)
    return p


def _notify_requester(p: PermintaanBarang) -> None:
    verdict = "disetujui" if p.status == PermintaanBarang.Status.DISETUJUI else f"ditolak. Alasan: {p.alasan}"
    queue_email(
        subject=f"Permintaan barang {p.barang.nama}: {p.get_status_display().lower()}",
        body=f"Permintaan Anda atas {p.jumlah} {p.barang.satuan} {p.barang.nama} {verdict}.",
        recipients=[p.pemohon.email],
    )


def barang_send_low_stock_reminders(*, today: date | None = None) -> int:
    """Email the Sekretaris and the Sekretariat about items below their minimum stock;
    once per item per day (the claim on ``Barang.diingatkan``)."""
    from .. import selectors

    today = today or timezone.localdate()
    recipients = _emails(roles.SEKRETARIS, roles.SEKRETARIAT)
    sent = 0
    for barang in selectors.barang_below_minimum().exclude(diingatkan=today):
        with transaction.atomic():
            claimed = Barang.objects.filter(pk=barang.pk).exclude(diingatkan=today).update(diingatkan=today)
            if not claimed:
                continue
            queue_email(
                subject=f"Stok {barang.nama} di bawah minimum",
                body=(
                    f"Stok {barang.nama} ({barang.kode}) tinggal {barang.stok} {barang.satuan}, di bawah stok minimum "
                    f"{barang.stok_minimum} {barang.satuan}.\n"
                    "Silakan ajukan pengadaan (Perbup Karo 02/2017 Pasal 8 ayat 4 huruf f)."
                ),
                recipients=recipients,
            )
            sent += 1
    return sent


@transaction.atomic
def stok_opname_start(*, tahun: int, user, tanggal: date | None = None) -> StokOpname:
    """Open the yearly stock-take: one line per active item, counted = recorded until changed."""
    so = StokOpname(tahun=tahun, tanggal=tanggal or timezone.localdate(), dibuat_oleh=user)
    so.full_clean()
    so.save()
    saldo = dict(Barang.objects.filter(aktif=True).annotate(s=Sum("mutasi__jumlah")).values_list("pk", "s"))
    StokOpnameItem.objects.bulk_create(
        StokOpnameItem(stok_opname=so, barang_id=pk, tercatat=s or 0, dihitung=s or 0) for pk, s in saldo.items()
    )
    return so


@transaction.atomic
def stok_opname_count(*, stok_opname: StokOpname, counts: dict[int, tuple[int, str]]) -> StokOpname:
    """Record counted quantities (item line id → (counted, note)) while the stock-take is open."""
    so = StokOpname.objects.select_for_update().get(pk=stok_opname.pk)
    if so.status != StokOpname.Status.DRAF:
        raise ValidationError("Inventarisasi yang sudah selesai tidak dapat diubah.")
    items = {i.pk: i for i in so.items.filter(pk__in=counts)}
    for pk, (dihitung, keterangan) in counts.items():
        item = items.get(pk)
        if item is None:
            continue
        if dihitung < 0:
            raise ValidationError("Jumlah dihitung tidak boleh negatif.")
        item.dihitung, item.keterangan = dihitung, keterangan[:255]
    StokOpnameItem.objects.bulk_update(items.values(), ["dihitung", "keterangan"])
    return so


def stok_opname_finish(*, stok_opname: StokOpname, user) -> StokOpname:
    """Close the stock-take: every difference becomes an adjustment movement, then the
    numbered berita acara inventarisasi is issued (Pasal 8(4)f) for the Sekretaris to sign.

    Recorded quantities are read again under the item locks: a movement made while
    counting is part of what the count is compared with.
    """
    with transaction.atomic():
        so = StokOpname.objects.select_for_update().get(pk=stok_opname.pk)
        if so.status != StokOpname.Status.DRAF:
            raise ValidationError("Inventarisasi ini sudah selesai.")
        for item in so.items.select_related("barang").order_by("barang_id"):
            Barang.objects.select_for_update().filter(pk=item.barang_id).first()
            item.tercatat = barang_stock(barang=item.barang)
            item.save(update_fields=["tercatat"])
            if item.selisih:
                _move(
                    barang=item.barang,
                    jenis=MutasiBarang.Jenis.PENYESUAIAN,
                    jumlah=item.selisih,
                    user=user,
                    keterangan=f"Selisih inventarisasi {so.tahun}"
                    + (f": {item.keterangan}" if item.keterangan else ""),
                    stok_opname=so,
                    tanggal=so.tanggal,
                )
        so.status = StokOpname.Status.SELESAI
        so.disahkan_oleh = user
        so.save(update_fields=["status", "disahkan_oleh"])
        from ..tasks import stok_opname_issue

        transaction.on_commit(partial(stok_opname_issue.delay, so.pk))
    so.refresh_from_db()
    return so


def stok_opname_issue_document(*, stok_opname_id: int):
    """Number and render the berita acara inventarisasi; idempotent (``kunci``)."""
    from lpse.documents import dokumen_issue

    so = StokOpname.objects.select_related("dibuat_oleh", "disahkan_oleh").filter(pk=stok_opname_id).first()
    if so is None or so.status != StokOpname.Status.SELESAI:
        return None
    items = list(so.items.select_related("barang"))
    signers = []
    if so.dibuat_oleh and so.dibuat_oleh != so.disahkan_oleh:
        signers.append((so.dibuat_oleh, "Petugas inventarisasi"))
    if so.disahkan_oleh:
        signers.append((so.disahkan_oleh, "Sekretaris Unit LPSE"))
    dokumen = dokumen_issue(
        kode="BA-INV",
        jenis="Berita Acara Inventarisasi Perlengkapan",
        perihal=f"Inventarisasi perlengkapan dan barang habis pakai tahun {so.tahun}",
        template="sekretariat/stok_opname_pdf.html",
        context={
            "so": so,
            "items": items,
            "selisih": [i for i in items if i.selisih],
            "signers": signers,
        },
        user=so.disahkan_oleh,
        when=timezone.now(),
        penandatangan=signers or None,
        kunci=f"stok-opname/{so.pk}",
    )
    StokOpname.objects.filter(pk=so.pk, dokumen__isnull=True).update(dokumen=dokumen)
    return dokumen
