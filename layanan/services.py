"""Writes of the Layanan dan Dukungan bidang (Pasal 11, 15 dan 24(1)d)."""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from lpse import workcal
from lpse.mail import queue_email
from lpse.uploads import validate_upload

from . import sla
from .models import (
    ArtikelFaq,
    BeritaAcaraKesaksian,
    BukuTamu,
    Eskalasi,
    EvaluasiPelatihan,
    Kanal,
    Pelatihan,
    PemesananRuang,
    PesertaPelatihan,
    Ruang,
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


def public_link(tiket: Tiket) -> str:
    return settings.SITE_URL.rstrip("/") + tiket.get_public_url()


def _requester_email(tiket: Tiket) -> str:
    return tiket.email or (tiket.pelapor.email if tiket.pelapor_id else "")


def _attach(tiket: Tiket, files: Iterable, *, balasan: TiketBalasan | None = None, publik: bool = True) -> None:
    for f in files:
        kind = validate_upload(f)
        TiketLampiran.objects.create(
            tiket=tiket, balasan=balasan, berkas=f, nama_asli=f.name[:200], ukuran=f.size, jenis=kind, publik=publik
        )


def validate_files(files: list) -> None:
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
    files = list(files)
    validate_files(files)
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
            f"Ikuti dan balas tiket ini melalui tautan pribadi berikut (jangan dibagikan):\n{public_link(tiket)}\n\n"
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


def reopen_deadline(tiket: Tiket) -> datetime | None:
    if tiket.diselesaikan is None:
        return None
    return workcal.add_working_days(tiket.diselesaikan, sla.reopen_window_days())


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
    validate_files(files)
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
                f"Balas atau lihat tiket Anda di:\n{public_link(tiket)}\n"
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
    validate_files(files)
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
            f"Tiket Anda: {public_link(duplikat)}\n"
        ),
        recipients=[_requester_email(duplikat)],
    )
    return ke


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


def escalated_seconds(tiket: Tiket, *, now: datetime | None = None) -> int:
    """Working time the ticket spent with LKPP (shown apart in the SLA report)."""
    now = now or timezone.now()
    return sum(
        workcal.working_seconds_between(e.dikirim, e.dijawab or now)
        for e in tiket.eskalasi.all()  # prefetched by callers
    )


@transaction.atomic
def tiket_link_faq(*, tiket: Tiket, artikel: ArtikelFaq | None, user) -> Tiket:
    tiket.artikel_solusi = artikel
    tiket.save(update_fields=["artikel_solusi", "diubah"])
    _event(tiket, TiketPeristiwa.Jenis.FAQ, user=user, at=timezone.now(), ke=(artikel.judul[:60] if artikel else "-"))
    return tiket


@transaction.atomic
def sla_target_save(*, target: SlaTarget, user) -> SlaTarget:
    """The Kepala Bidang Layanan changes a target; applies to new tickets."""
    target.full_clean()
    target.save()
    return target


def faq_vote(*, artikel: ArtikelFaq, membantu: bool) -> None:
    field = "membantu" if membantu else "tidak_membantu"
    ArtikelFaq.objects.filter(pk=artikel.pk).update(**{field: F(field) + 1})


@transaction.atomic
def artikel_save(*, artikel: ArtikelFaq, user) -> ArtikelFaq:
    if artikel.pk is None:
        artikel.dibuat_oleh = user
    artikel.full_clean()
    artikel.save()
    return artikel


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
    )
    ba.dokumen = dokumen
    ba.save(update_fields=["dokumen"])
    return ba


def public_reply_url(tiket: Tiket) -> str:
    return reverse("layanan:tiket-publik", args=[tiket.token])


# --- Rooms (Pasal 14 huruf a–b) ---------------------------------------------------------------


def _fmt(dt: datetime) -> str:
    return timezone.localtime(dt).strftime("%d-%m-%Y %H.%M")


@transaction.atomic
def pemesanan_create(
    *, ruang: Ruang, pemesan, mulai: datetime, selesai: datetime, keperluan: str, kode_paket: str = "", peserta: int = 1
) -> PemesananRuang:
    """Book a room (e.g. the bidding room for opening offers). The Python check
    gives the friendly message; the exclusion constraint makes overlaps
    impossible even for two requests at the same instant."""
    if not ruang.aktif:
        raise ValidationError(f"{ruang.nama} sedang tidak dapat dipesan.")
    if mulai < timezone.now():
        raise ValidationError("Waktu mulai sudah lewat; pilih waktu yang akan datang.")
    if selesai <= mulai:
        raise ValidationError("Waktu selesai harus setelah waktu mulai.")
    if peserta > ruang.kapasitas:
        raise ValidationError(f"{ruang.nama} hanya memuat {ruang.kapasitas} orang.")
    bentrok = (
        PemesananRuang.objects.filter(
            ruang=ruang, status__in=PemesananRuang.AKTIF, mulai__lt=selesai, selesai__gt=mulai
        )
        .order_by("mulai")
        .first()
    )
    if bentrok:
        raise ValidationError(
            f"{ruang.nama} sudah dipesan {_fmt(bentrok.mulai)}–{_fmt(bentrok.selesai)} ({bentrok.keperluan})."
        )
    pemesanan = PemesananRuang(
        ruang=ruang,
        pemesan=pemesan,
        mulai=mulai,
        selesai=selesai,
        keperluan=keperluan,
        kode_paket=kode_paket,
        peserta=peserta,
        status=PemesananRuang.Status.TUNDA if ruang.perlu_persetujuan else PemesananRuang.Status.SETUJU,
    )
    # The exclusion constraint is checked by the database (it has no SQLite form).
    pemesanan.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            pemesanan.save()
    except IntegrityError as exc:
        raise ValidationError(f"{ruang.nama} baru saja dipesan orang lain pada waktu tersebut.") from exc
    return pemesanan


@transaction.atomic
def pemesanan_decide(*, pemesanan: PemesananRuang, setuju: bool, user, catatan: str = "") -> PemesananRuang:
    """The Kepala Bidang approves or refuses a pending booking (tunda → setuju / tidak setuju)."""
    pemesanan = PemesananRuang.objects.select_for_update().get(pk=pemesanan.pk)
    if pemesanan.status != PemesananRuang.Status.TUNDA:
        raise ValidationError("Hanya pemesanan berstatus tunda yang dapat diputuskan.")
    pemesanan.status = PemesananRuang.Status.SETUJU if setuju else PemesananRuang.Status.TIDAK_SETUJU
    pemesanan.diputus_oleh, pemesanan.catatan_keputusan = user, catatan
    pemesanan.save(update_fields=["status", "diputus_oleh", "catatan_keputusan"])
    queue_email(
        subject=f"[LPSE] Pemesanan {pemesanan.ruang.nama} {pemesanan.get_status_display().lower()}",
        body=(
            f"Pemesanan {pemesanan.ruang.nama} {_fmt(pemesanan.mulai)}–{_fmt(pemesanan.selesai)} "
            f"({pemesanan.keperluan}): {pemesanan.get_status_display()}. {catatan}"
        ),
        recipients=[pemesanan.pemesan.email],
    )
    return pemesanan


@transaction.atomic
def pemesanan_cancel(*, pemesanan: PemesananRuang, user) -> PemesananRuang:
    pemesanan = PemesananRuang.objects.select_for_update().get(pk=pemesanan.pk)
    if pemesanan.pemesan_id != user.pk and not user.has_perm("layanan.putus_pemesanan"):
        raise ValidationError("Hanya pemesan atau Kepala Bidang yang dapat membatalkan pemesanan ini.")
    if pemesanan.status not in PemesananRuang.AKTIF:
        raise ValidationError("Pemesanan ini sudah tidak aktif.")
    pemesanan.status = PemesananRuang.Status.BATAL
    pemesanan.save(update_fields=["status"])
    return pemesanan


@transaction.atomic
def tamu_checkin(*, data: dict, user, at: datetime | None = None) -> BukuTamu:
    """A walk-in visitor using the internet access (Pasal 14 huruf b)."""
    tamu = BukuTamu(**data, masuk=at or timezone.now(), dicatat_oleh=user)
    tamu.full_clean()
    tamu.save()
    return tamu


@transaction.atomic
def tamu_checkout(*, tamu: BukuTamu, at: datetime | None = None) -> BukuTamu:
    tamu = BukuTamu.objects.select_for_update().get(pk=tamu.pk)
    if tamu.keluar is None:
        tamu.keluar = at or timezone.now()
        tamu.full_clean()
        tamu.save(update_fields=["keluar"])
    return tamu


# --- Trainings (Pasal 11 ayat 4 huruf b) ----------------------------------------------------------


def _peserta_link(peserta: PesertaPelatihan) -> str:
    return settings.SITE_URL.rstrip("/") + peserta.get_absolute_url()


@transaction.atomic
def pelatihan_save(*, pelatihan: Pelatihan, user) -> Pelatihan:
    """Save a session; a new one held in an LPSE room books that room too,
    so the training room cannot be given away twice (Pasal 14 huruf a)."""
    new = pelatihan.pk is None
    if new:
        pelatihan.dibuat_oleh = user
    pelatihan.full_clean()
    pelatihan.save()
    if new and pelatihan.ruang_id:
        pemesanan_create(
            ruang=pelatihan.ruang,
            pemesan=user,
            mulai=pelatihan.mulai,
            selesai=pelatihan.selesai,
            keperluan=f"Pelatihan: {pelatihan.topik}"[:200],
            peserta=min(pelatihan.kapasitas, pelatihan.ruang.kapasitas),
        )
    return pelatihan


@transaction.atomic
def peserta_daftar(*, pelatihan: Pelatihan, data: dict, at: datetime | None = None) -> PesertaPelatihan:
    """Sign up: a seat while there are seats, else the waiting list.

    The training row is locked (SELECT … FOR UPDATE) while the seats are
    counted, so simultaneous sign-ups cannot overfill it.
    """
    at = at or timezone.now()
    pelatihan = Pelatihan.objects.select_for_update().get(pk=pelatihan.pk)
    if not pelatihan.terbit or pelatihan.mulai <= at:
        raise ValidationError("Pendaftaran pelatihan ini sudah ditutup.")
    email = data["email"].strip().lower()
    aktif = pelatihan.peserta.exclude(status=PesertaPelatihan.Status.BATAL)
    if aktif.filter(email__iexact=email).exists():
        raise ValidationError("Email ini sudah terdaftar pada pelatihan tersebut; lihat email konfirmasi Anda.")
    terisi = aktif.filter(status=PesertaPelatihan.Status.TERDAFTAR).count()
    status = PesertaPelatihan.Status.TERDAFTAR if terisi < pelatihan.kapasitas else PesertaPelatihan.Status.CADANGAN
    peserta = PesertaPelatihan(pelatihan=pelatihan, status=status, **{**data, "email": email})
    peserta.full_clean()
    peserta.save()
    kabar = (
        "Anda terdaftar sebagai peserta."
        if status == PesertaPelatihan.Status.TERDAFTAR
        else "Kuota penuh; Anda masuk daftar tunggu dan akan dikabari bila ada kursi kosong."
    )
    queue_email(
        subject=f"[LPSE] Pendaftaran pelatihan: {pelatihan.topik}",
        body=(
            f"Yth. {peserta.nama},\n\n{kabar}\nPelatihan: {pelatihan.topik}\nWaktu: {_fmt(pelatihan.mulai)} WIB\n"
            f"Tempat: {pelatihan.ruang or 'akan diumumkan'}\n\n"
            f"Lihat atau batalkan pendaftaran Anda: {_peserta_link(peserta)}\n"
        ),
        recipients=[peserta.email],
    )
    return peserta


@transaction.atomic
def peserta_batal(*, peserta: PesertaPelatihan, at: datetime | None = None) -> PesertaPelatihan:
    """Cancel through the private link; the first on the waiting list gets the seat."""
    at = at or timezone.now()
    pelatihan = Pelatihan.objects.select_for_update().get(pk=peserta.pelatihan_id)
    peserta = PesertaPelatihan.objects.get(pk=peserta.pk)
    if peserta.status == PesertaPelatihan.Status.BATAL:
        raise ValidationError("Pendaftaran ini sudah dibatalkan.")
    if pelatihan.mulai <= at:
        raise ValidationError("Pelatihan sudah dimulai; pendaftaran tidak dapat dibatalkan lagi.")
    had_seat = peserta.status == PesertaPelatihan.Status.TERDAFTAR
    peserta.status = PesertaPelatihan.Status.BATAL
    peserta.save(update_fields=["status"])
    if had_seat:
        nxt = pelatihan.peserta.filter(status=PesertaPelatihan.Status.CADANGAN).order_by("dibuat", "id").first()
        if nxt:
            nxt.status = PesertaPelatihan.Status.TERDAFTAR
            nxt.save(update_fields=["status"])
            queue_email(
                subject=f"[LPSE] Anda mendapat kursi: {pelatihan.topik}",
                body=f"Yth. {nxt.nama},\n\nAda kursi kosong; Anda kini terdaftar.\n{_peserta_link(nxt)}\n",
                recipients=[nxt.email],
            )
    return peserta


@transaction.atomic
def pelatihan_attendance(*, pelatihan: Pelatihan, hadir_ids: set[int], user) -> int:
    """Staff take attendance; only registered participants can be present."""
    peserta = pelatihan.peserta.filter(status=PesertaPelatihan.Status.TERDAFTAR)
    peserta.exclude(pk__in=hadir_ids).filter(sertifikat__isnull=True).update(hadir=False)
    return peserta.filter(pk__in=hadir_ids).update(hadir=True)


def sertifikat_issue(*, peserta: PesertaPelatihan, user=None) -> PesertaPelatihan:
    """A numbered, QR-verifiable certificate for a participant who attended."""
    from lpse.documents import dokumen_issue

    if not peserta.hadir or peserta.status != PesertaPelatihan.Status.TERDAFTAR:
        raise ValidationError("Sertifikat hanya untuk peserta yang hadir.")
    if peserta.sertifikat_id:
        return peserta
    pelatihan = peserta.pelatihan
    dokumen = dokumen_issue(
        kode="SERT-PLT",
        jenis="Sertifikat Pelatihan",
        perihal=f"Sertifikat {peserta.nama}: {pelatihan.topik}"[:255],
        template="layanan/sertifikat_pdf.html",
        context={"peserta": peserta, "pelatihan": pelatihan},
        user=user,
        kunci=f"sertifikat-pelatihan/{peserta.pk}",  # a task run twice issues one certificate
    )
    PesertaPelatihan.objects.filter(pk=peserta.pk, sertifikat__isnull=True).update(sertifikat=dokumen)
    peserta.refresh_from_db()
    return peserta


@transaction.atomic
def evaluasi_submit(*, peserta: PesertaPelatihan, data: dict, at: datetime | None = None) -> EvaluasiPelatihan:
    """The evaluation after the training (feeds Pasal 24 ayat 1 huruf d)."""
    at = at or timezone.now()
    if at < peserta.pelatihan.selesai:
        raise ValidationError("Evaluasi dapat diisi setelah pelatihan selesai.")
    if not peserta.hadir:
        raise ValidationError("Evaluasi hanya untuk peserta yang hadir.")
    if EvaluasiPelatihan.objects.filter(peserta=peserta).exists():
        raise ValidationError("Anda sudah mengisi evaluasi pelatihan ini. Terima kasih.")
    evaluasi = EvaluasiPelatihan(peserta=peserta, **data)
    evaluasi.full_clean()
    evaluasi.save()
    return evaluasi
