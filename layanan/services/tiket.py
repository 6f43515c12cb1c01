"""Writes on helpdesk tickets: create, reply, status, rating, assignment, merge, SLA targets (Pasal 11, 15)."""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lpse import workcal
from lpse.mail import queue_email
from lpse.uploads import validate_upload

from .. import sla
from ..models import (
    Kanal,
    SlaTarget,
    Status,
    Tiket,
    TiketBalasan,
    TiketLampiran,
    TiketPeristiwa,
    prioritas_dari,
)

MAX_LAMPIRAN = 5

# Which status a ticket may move to, by hand, from each status.
TRANSITIONS = {
    Status.BARU: {Status.DITANGANI, Status.MENUNGGU, Status.SELESAI},
    Status.DITANGANI: {Status.MENUNGGU, Status.SELESAI},
    Status.MENUNGGU: {Status.DITANGANI, Status.SELESAI},
    Status.SELESAI: {Status.DITUTUP, Status.DITANGANI},
    Status.DITUTUP: {Status.DITANGANI},
}


def _name(user) -> str:
    return (user.nama_lengkap or user.email) if user else "sistem"


def _event(tiket: Tiket, jenis: str, *, user=None, nama: str = "", at: datetime, dari="", ke="", keterangan=""):
    TiketPeristiwa.objects.create(
        tiket=tiket,
        jenis=jenis,
        oleh=user if user and user.is_authenticated else None,
        nama_oleh=nama or _name(user),
        dari=str(dari)[:60],
        ke=str(ke)[:60],
        keterangan=keterangan[:500],
        waktu=at,
    )


def _public_link(tiket: Tiket) -> str:
    return settings.SITE_URL.rstrip("/") + tiket.get_public_url()


def _requester_email(tiket: Tiket) -> str:
    return tiket.email or (tiket.pelapor.email if tiket.pelapor_id else "")


def _attach(tiket: Tiket, files: Iterable, *, balasan: TiketBalasan | None = None, publik: bool = True) -> None:
    for f in files:
        kind = validate_upload(f)
        TiketLampiran.objects.create(
            tiket=tiket, balasan=balasan, berkas=f, nama_asli=f.name[:200], ukuran=f.size, jenis=kind, publik=publik
        )


def _validate_files(files: list) -> None:
    """Check every file before anything is written, so a bad file loses nothing else."""
    if len(files) > MAX_LAMPIRAN:
        raise ValidationError(f"Paling banyak {MAX_LAMPIRAN} lampiran sekaligus.")
    errors = []
    for f in files:
        try:
            validate_upload(f)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def tiket_create(
    *,
    data: dict,
    files: Iterable = (),
    pelapor=None,
    dicatat_oleh=None,
    kanal: str = Kanal.WEB,
    at: datetime | None = None,
) -> Tiket:
    """Open a ticket from the web (a user or a guest) or logged by staff from
    a phone call, visit, email or letter (Pasal 11 ayat 3 huruf a)."""
    at = at or timezone.now()
    data = dict(data)
    if not data.get("kunci_kirim"):
        data.pop("kunci_kirim", None)
    elif (sent := Tiket.objects.filter(kunci_kirim=data["kunci_kirim"]).first()) is not None:
        return sent  # the same form sent again after an error: one ticket
    files = list(files)
    _validate_files(files)
    tiket = Tiket(**data, kanal=kanal, dibuat=at, dicatat_oleh=dicatat_oleh)
    if pelapor is not None and pelapor.is_authenticated:
        tiket.pelapor = pelapor
        tiket.nama = tiket.nama or pelapor.nama_lengkap
        tiket.email = tiket.email or pelapor.email
    tiket.prioritas = prioritas_dari(tiket.urgensi, tiket.dampak)
    sla.start(tiket, at=at)
    tiket.full_clean()
    tiket.save()
    _attach(tiket, files)
    _event(tiket, TiketPeristiwa.Jenis.DIBUAT, user=dicatat_oleh or pelapor, nama=tiket.nama, at=at, ke=kanal)
    queue_email(
        subject=f"[LPSE] Tiket {tiket.nomor} diterima: {tiket.subjek}",
        body=(
            f"Yth. {tiket.nama},\n\nPermintaan Anda telah kami terima dengan nomor {tiket.nomor}.\n"
            f"Ikuti dan balas tiket ini melalui tautan pribadi berikut (jangan dibagikan):\n{_public_link(tiket)}\n\n"
            f"Salam,\n{settings.LPSE['NAMA']}"
        ),
        recipients=[_requester_email(tiket)],
    )
    return tiket


def _set_status(tiket: Tiket, new: str, *, user, at: datetime, nama: str = "", keterangan: str = "") -> None:
    old = tiket.status
    if new == old:
        return
    tiket.status = new
    if new == Status.SELESAI:
        tiket.diselesaikan = at
    if new == Status.DITUTUP:
        tiket.ditutup = at
    if new in (Status.MENUNGGU, Status.SELESAI, Status.DITUTUP):
        sla.pause(tiket, at=at)
    else:
        if old in (Status.SELESAI, Status.DITUTUP):
            # Reopened: not solved any more (the report counts it when solved again).
            tiket.ditutup = tiket.diselesaikan = None
            tiket.nilai, tiket.komentar_nilai, tiket.dinilai = None, "", None
        sla.resume(tiket, at=at)
    _event(tiket, TiketPeristiwa.Jenis.STATUS, user=user, nama=nama, at=at, dari=old, ke=new, keterangan=keterangan)


def _can_reopen(tiket: Tiket, at: datetime) -> bool:
    if tiket.diselesaikan is None or tiket.digabung_ke_id:
        return False
    limit = workcal.add_working_days(tiket.diselesaikan, sla.reopen_window_days())
    return at <= limit


@transaction.atomic
def tiket_autoclose(*, now: datetime | None = None) -> int:
    """Close solved tickets whose reopen window has passed without an answer
    from the requester (run daily by Celery beat). Returns how many closed."""
    now = now or timezone.now()
    # Cheap pre-filter in SQL (the window is at least this many calendar days), exact check in Python.
    cutoff = now - timezone.timedelta(days=sla.reopen_window_days())
    closed = 0
    for tiket in Tiket.objects.select_for_update(skip_locked=True).filter(
        status=Status.SELESAI, diselesaikan__lte=cutoff
    )[:1000]:
        if not _can_reopen(tiket, now):
            _set_status(tiket, Status.DITUTUP, user=None, nama="sistem", at=now, keterangan="tutup otomatis")
            tiket.save()
            closed += 1
    return closed


@transaction.atomic
def tiket_set_status(*, tiket: Tiket, status: str, user, keterangan: str = "", at: datetime | None = None) -> Tiket:
    """Move a ticket along baru → ditangani → menunggu pengguna → selesai → ditutup."""
    at = at or timezone.now()
    tiket = Tiket.objects.select_for_update().get(pk=tiket.pk)
    if status not in TRANSITIONS[Status(tiket.status)]:
        raise ValidationError(
            f"Status tidak dapat diubah dari “{Status(tiket.status).label}” ke “{Status(status).label}”."
        )
    if status == Status.DITANGANI and tiket.status in (Status.SELESAI, Status.DITUTUP) and not _can_reopen(tiket, at):
        raise ValidationError(
            f"Tiket hanya dapat dibuka kembali dalam {sla.reopen_window_days()} hari kerja setelah diselesaikan."
        )
    _set_status(tiket, status, user=user, at=at, keterangan=keterangan)
    tiket.full_clean()
    tiket.save()
    return tiket


@transaction.atomic
def tiket_reply(
    *,
    tiket: Tiket,
    author,
    body: str,
    public: bool,
    files: Iterable = (),
    set_status: str | None = None,
    at: datetime | None = None,
) -> TiketBalasan:
    """A staff reply (public, mailed to the requester) or internal note.

    Only a public staff reply counts as the first response of the SLA.
    """
    at = at or timezone.now()
    files = list(files)
    _validate_files(files)
    tiket = Tiket.objects.select_for_update().get(pk=tiket.pk)
    balasan = TiketBalasan(
        tiket=tiket, penulis=author, nama_penulis=_name(author), dari_staf=True, publik=public, isi=body, dibuat=at
    )
    balasan.full_clean()
    balasan.save()
    _attach(tiket, files, balasan=balasan, publik=public)
    jenis = TiketPeristiwa.Jenis.BALASAN if public else TiketPeristiwa.Jenis.CATATAN
    _event(tiket, jenis, user=author, at=at, keterangan=body[:120])
    if public and tiket.respons_pertama is None:
        tiket.respons_pertama = at
    if public and tiket.status == Status.BARU and set_status is None:
        set_status = Status.DITANGANI
    if set_status and set_status != tiket.status:
        if set_status not in TRANSITIONS[Status(tiket.status)]:
            raise ValidationError(f"Status tidak dapat diubah ke “{Status(set_status).label}”.")
        _set_status(tiket, set_status, user=author, at=at)
    sla.refresh(tiket)
    tiket.save()
    if public:
        queue_email(
            subject=f"[LPSE] Balasan untuk tiket {tiket.nomor}: {tiket.subjek}",
            body=(
                f"Yth. {tiket.nama},\n\n{balasan.nama_penulis} (LPSE) menulis:\n\n{body}\n\n"
                f"Status tiket: {tiket.get_status_display()}.\n"
                f"Balas atau lihat tiket Anda di:\n{_public_link(tiket)}\n"
            ),
            recipients=[_requester_email(tiket)],
        )
    return balasan


@transaction.atomic
def tiket_requester_reply(
    *, tiket: Tiket, body: str, files: Iterable = (), user=None, at: datetime | None = None
) -> TiketBalasan:
    """The requester answers through their private link; a ticket waiting on
    them goes back to the staff (and the SLA clock runs again)."""
    at = at or timezone.now()
    files = list(files)
    _validate_files(files)
    tiket = Tiket.objects.select_for_update().get(pk=tiket.pk)
    if tiket.status == Status.DITUTUP or tiket.digabung_ke_id:
        raise ValidationError("Tiket ini sudah ditutup; buka tiket baru bila masih ada masalah.")
    balasan = TiketBalasan(
        tiket=tiket,
        penulis=user if user and user.is_authenticated else None,
        nama_penulis=tiket.nama,
        dari_staf=False,
        publik=True,
        isi=body,
        dibuat=at,
    )
    balasan.full_clean()
    balasan.save()
    _attach(tiket, files, balasan=balasan)
    _event(tiket, TiketPeristiwa.Jenis.BALASAN, nama=tiket.nama, at=at, keterangan=body[:120])
    if tiket.status == Status.MENUNGGU:
        _set_status(tiket, Status.DITANGANI, user=None, nama=tiket.nama, at=at, keterangan="dibalas pelapor")
    elif tiket.status == Status.SELESAI:
        if not _can_reopen(tiket, at):
            raise ValidationError("Masa untuk membuka kembali tiket ini sudah lewat; buka tiket baru.")
        _set_status(tiket, Status.DITANGANI, user=None, nama=tiket.nama, at=at, keterangan="dibuka kembali pelapor")
    tiket.save()
    return balasan


@transaction.atomic
def tiket_rate(*, tiket: Tiket, nilai: int, komentar: str = "", at: datetime | None = None) -> Tiket:
    """The requester confirms a solved ticket and rates it (Pasal 24 ayat 1 huruf d)."""
    at = at or timezone.now()
    tiket = Tiket.objects.select_for_update().get(pk=tiket.pk)
    if tiket.status != Status.SELESAI:
        raise ValidationError("Penilaian hanya dapat diberikan untuk tiket yang berstatus selesai.")
    if not 1 <= int(nilai) <= 5:
        raise ValidationError("Nilai harus 1 sampai 5.")
    tiket.nilai, tiket.komentar_nilai, tiket.dinilai = int(nilai), komentar, at
    _set_status(tiket, Status.DITUTUP, user=None, nama=tiket.nama, at=at, keterangan="dikonfirmasi pelapor")
    _event(tiket, TiketPeristiwa.Jenis.NILAI, nama=tiket.nama, at=at, ke=str(nilai), keterangan=komentar[:200])
    tiket.full_clean()
    tiket.save()
    return tiket


@transaction.atomic
def tiket_assign(*, tiket: Tiket, petugas, user, at: datetime | None = None) -> Tiket:
    at = at or timezone.now()
    tiket = Tiket.objects.select_for_update(of=("self",)).select_related("petugas").get(pk=tiket.pk)
    if petugas is not None and not petugas.has_perm("lpse.akses_layanan"):
        raise ValidationError("Tiket hanya dapat ditugaskan kepada petugas Bidang Layanan dan Dukungan.")
    old = _name(tiket.petugas) if tiket.petugas else "-"
    tiket.petugas = petugas
    tiket.save(update_fields=["petugas", "diubah"])
    _event(tiket, TiketPeristiwa.Jenis.TUGAS, user=user, at=at, dari=old, ke=_name(petugas) if petugas else "-")
    return tiket


@transaction.atomic
def tiket_set_priority(*, tiket: Tiket, urgensi: str, dampak: str, user, at: datetime | None = None) -> Tiket:
    """Staff reassess urgency × impact; the deadlines are recomputed from the
    ticket's opening (time already paused is kept out)."""
    at = at or timezone.now()
    tiket = Tiket.objects.select_for_update().get(pk=tiket.pk)
    old = tiket.get_prioritas_display()
    tiket.urgensi, tiket.dampak = urgensi, dampak
    tiket.prioritas = prioritas_dari(urgensi, dampak)
    paused, jeda_mulai = tiket.jeda_detik, tiket.jeda_mulai
    sla.start(tiket, at=tiket.dibuat)
    if paused:
        for f in ("respons_batas", "respons_waspada", "selesai_batas", "selesai_waspada"):
            if f.startswith("respons") and tiket.respons_pertama is not None:
                continue
            setattr(tiket, f, workcal.add_working_seconds(getattr(tiket, f), paused))
    tiket.jeda_mulai = jeda_mulai
    sla.refresh(tiket)
    tiket.full_clean()
    tiket.save()
    _event(tiket, TiketPeristiwa.Jenis.PRIORITAS, user=user, at=at, dari=old, ke=tiket.get_prioritas_display())
    return tiket


@transaction.atomic
def tiket_merge(*, duplikat: Tiket, ke: Tiket, user, at: datetime | None = None) -> Tiket:
    """Merge a duplicate into ``ke``: its text and files move along as a note,
    it is closed and points at ``ke``; nothing is deleted."""
    at = at or timezone.now()
    if duplikat.pk == ke.pk:
        raise ValidationError("Tiket tidak dapat digabung ke dirinya sendiri.")
    first, second = sorted([duplikat.pk, ke.pk])
    locked = {t.pk: t for t in Tiket.objects.select_for_update().filter(pk__in=[first, second]).order_by("pk")}
    duplikat, ke = locked[duplikat.pk], locked[ke.pk]
    if duplikat.digabung_ke_id:
        raise ValidationError(f"Tiket {duplikat.nomor} sudah digabung ke tiket lain.")
    if ke.digabung_ke_id:
        raise ValidationError(f"Tiket {ke.nomor} sendiri sudah digabung; gabungkan ke {ke.digabung_ke_id:06d}.")
    if ke.status == Status.DITUTUP:
        raise ValidationError(f"Tiket {ke.nomor} sudah ditutup; pilih tiket yang masih terbuka.")
    TiketBalasan.objects.create(
        tiket=ke,
        penulis=user,
        nama_penulis=_name(user),
        dari_staf=True,
        publik=False,
        isi=(
            f"Digabung dari tiket {duplikat.nomor} ({duplikat.nama}, {duplikat.email or duplikat.telepon}).\n"
            f"Subjek: {duplikat.subjek}\n\n{duplikat.deskripsi}"
        ),
        dibuat=at,
    )
    TiketLampiran.objects.filter(tiket=duplikat).update(tiket=ke)
    duplikat.digabung_ke = ke
    if duplikat.status != Status.DITUTUP:
        if duplikat.status != Status.SELESAI:
            duplikat.diselesaikan = at
        _set_status(duplikat, Status.DITUTUP, user=user, at=at, keterangan=f"digabung ke {ke.nomor}")
    duplikat.full_clean()
    duplikat.save()
    _event(duplikat, TiketPeristiwa.Jenis.GABUNG, user=user, at=at, ke=ke.nomor)
    _event(ke, TiketPeristiwa.Jenis.GABUNG, user=user, at=at, dari=duplikat.nomor)
    ke.save(update_fields=["diubah"])
    queue_email(
        subject=f"[LPSE] Tiket {duplikat.nomor} digabung ke {ke.nomor}",
        body=(
            f"Yth. {duplikat.nama},\n\nTiket Anda {duplikat.nomor} membahas hal yang sama dengan tiket {ke.nomor} "
            "dan digabung ke tiket itu agar ditangani sekali. Isi tiket Anda tetap tersimpan.\n"
            f"Tiket Anda: {_public_link(duplikat)}\n"
        ),
        recipients=[_requester_email(duplikat)],
    )
    return ke


@transaction.atomic
def sla_target_save(*, target: SlaTarget, user) -> SlaTarget:
    """The Kepala Bidang Layanan changes a target; applies to new tickets."""
    target.full_clean()
    target.save()
    return target
