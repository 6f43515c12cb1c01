"""Incidents, LKPP instructions, maintenance windows, change requests,
the server-room log and visitor permits."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lpse import roles
from lpse.mail import queue_email
from lpse.models import Pengumuman, User

from ..models import (
    CatatanInsiden,
    CekRuangServer,
    Insiden,
    InstruksiLkpp,
    IzinKunjungan,
    Pemeliharaan,
    PermintaanPerubahan,
)


def bidang_emails() -> list[str]:
    """Addresses of the Bidang Administrasi Sistem Elektronik (staff and Kepala Bidang)."""
    return list(
        User.objects.filter(is_active=True, groups__name__in=[roles.ADMIN_SISTEM, roles.KABID_ADMIN_SISTEM])
        .values_list("email", flat=True)
        .distinct()
    )


# --- Incidents (Pasal 9(3)c, 14(d)) ------------------------------------------------------


def insiden_update(*, insiden: Insiden, user, catatan: str = "") -> Insiden:
    """Save the staff's record of cause, action and the LKPP report, with an optional note."""
    with transaction.atomic():
        insiden.full_clean(validate_constraints=False)
        insiden.save()
        if catatan.strip():
            CatatanInsiden.objects.create(insiden=insiden, isi=catatan.strip(), oleh=user)
    return insiden


def insiden_tutup(*, insiden: Insiden, user) -> Insiden:
    with transaction.atomic():
        insiden = Insiden.objects.select_for_update().get(pk=insiden.pk)
        if insiden.status == Insiden.Status.DITUTUP:
            return insiden
        insiden.status, insiden.ditutup = Insiden.Status.DITUTUP, timezone.now()
        insiden.save(update_fields=["status", "ditutup"])
        CatatanInsiden.objects.create(insiden=insiden, isi="Ditutup oleh petugas.", oleh=user)
    return insiden


def insiden_umumkan(*, insiden: Insiden, user) -> Pengumuman:
    """Publish the prepared gangguan notice on the public home page (Pasal 14 huruf d)."""
    with transaction.atomic():
        insiden = Insiden.objects.select_for_update().select_related("aset").get(pk=insiden.pk)
        if insiden.pengumuman_id:
            return insiden.pengumuman
        if not insiden.draf_pengumuman:
            raise ValidationError("Insiden ini tidak memiliki draf pengumuman gangguan.")
        pengumuman = Pengumuman(
            jenis=Pengumuman.Jenis.GANGGUAN,
            judul="Gangguan akses SPSE",
            isi=(
                f"Sejak {timezone.localtime(insiden.dibuka):%d-%m-%Y pukul %H.%M} WIB layanan SPSE "
                f"({insiden.aset.nama}) tidak dapat dijangkau. Petugas LPSE sedang menanganinya. "
                "Mohon maaf atas ketidaknyamanan ini."
            ),
            mendesak=True,
            dibuat_oleh=user,
        )
        pengumuman.full_clean()
        pengumuman.save()
        insiden.pengumuman = pengumuman
        insiden.save(update_fields=["pengumuman"])
        CatatanInsiden.objects.create(insiden=insiden, isi="Pengumuman gangguan diterbitkan.", oleh=user)
    return pengumuman


def insiden_akhiri_pengumuman(*, insiden: Insiden, user) -> None:
    """On recovery: end the gangguan notice (it stays in the archive)."""
    with transaction.atomic():
        if insiden.pengumuman_id is None:
            raise ValidationError("Belum ada pengumuman gangguan untuk insiden ini.")
        Pengumuman.objects.filter(pk=insiden.pengumuman_id).update(selesai=timezone.now(), mendesak=False)
        CatatanInsiden.objects.create(insiden=insiden, isi="Pengumuman gangguan diakhiri.", oleh=user)


def instruksi_save(*, instruksi: InstruksiLkpp, user) -> InstruksiLkpp:
    """Log an instruction from LKPP or its follow-up (Pasal 9(3)d)."""
    with transaction.atomic():
        if instruksi.dicatat_oleh_id is None:
            instruksi.dicatat_oleh = user
        instruksi.full_clean()
        instruksi.save()
    return instruksi


# --- Maintenance windows (Pasal 17(4)) ----------------------------------------------------


def pemeliharaan_save(*, pemeliharaan: Pemeliharaan, aset, user) -> Pemeliharaan:
    """Save a window and its pemeliharaan notice, shown from ``umumkan_jam_sebelum`` hours before."""
    with transaction.atomic():
        pemeliharaan.full_clean()
        if pemeliharaan.dibuat_oleh_id is None:
            pemeliharaan.dibuat_oleh = user
        pemeliharaan.save()
        pemeliharaan.aset.set(aset)
        tampil = pemeliharaan.mulai - timedelta(hours=pemeliharaan.umumkan_jam_sebelum)
        nama_aset = ", ".join(a.nama for a in aset)
        isi = (
            f"{pemeliharaan.uraian}\n\nWaktu: {timezone.localtime(pemeliharaan.mulai):%d-%m-%Y %H.%M} s.d. "
            f"{timezone.localtime(pemeliharaan.selesai):%d-%m-%Y %H.%M} WIB.\nLayanan terdampak: {nama_aset}."
        )
        pengumuman = pemeliharaan.pengumuman or Pengumuman(jenis=Pengumuman.Jenis.PEMELIHARAAN, dibuat_oleh=user)
        pengumuman.judul = f"Pemeliharaan: {pemeliharaan.judul}"[:200]
        pengumuman.isi, pengumuman.mulai, pengumuman.selesai = isi, tampil, pemeliharaan.selesai
        pengumuman.full_clean()
        pengumuman.save()
        if pemeliharaan.pengumuman_id != pengumuman.pk:
            pemeliharaan.pengumuman = pengumuman
            pemeliharaan.save(update_fields=["pengumuman"])
    return pemeliharaan


# --- Change requests ------------------------------------------------------------------------

S = PermintaanPerubahan.Status
TRANSISI = {
    # (from, to): needs the Kepala Bidang's approval permission
    (S.TERCATAT, S.EVALUASI): False,
    (S.EVALUASI, S.PERSETUJUAN): False,
    (S.PERSETUJUAN, S.IMPLEMENTASI): True,
    (S.PERSETUJUAN, S.EVALUASI): True,  # returned for more evaluation
    (S.IMPLEMENTASI, S.SELESAI): False,
}


def perubahan_transisi(*, perubahan: PermintaanPerubahan, ke: str, user, hasil: str = "") -> PermintaanPerubahan:
    """Move a change request along tercatat → evaluasi → persetujuan → implementasi → selesai."""
    with transaction.atomic():
        perubahan = PermintaanPerubahan.objects.select_for_update().get(pk=perubahan.pk)
        key = (perubahan.status, ke)
        if key not in TRANSISI:
            raise ValidationError(
                f"Status tidak dapat berpindah dari {perubahan.get_status_display()} ke {S(ke).label}."
                if ke in S.values
                else "Status tujuan tidak dikenal."
            )
        if TRANSISI[key] and not user.has_perm("infrastruktur.setujui_perubahan"):
            raise PermissionDenied("Hanya Kepala Bidang yang dapat menyetujui perubahan.")
        perubahan.status = ke
        if ke == S.IMPLEMENTASI:
            perubahan.disetujui_oleh, perubahan.disetujui_pada = user, timezone.now()
        if ke == S.SELESAI:
            perubahan.hasil = hasil
        perubahan.full_clean()
        perubahan.save()
    return perubahan


def perubahan_ajukan(*, perubahan: PermintaanPerubahan, aset, user) -> PermintaanPerubahan:
    """Record a change request (status tercatat)."""
    with transaction.atomic():
        perubahan.diajukan_oleh = user
        perubahan.status = S.TERCATAT
        perubahan.full_clean()
        perubahan.save()
        perubahan.aset.set(aset)
    return perubahan


# --- Server room (Pasal 16) -----------------------------------------------------------------


def cek_ruang_save(*, cek: CekRuangServer, user) -> CekRuangServer:
    with transaction.atomic():
        cek.oleh = user
        cek.full_clean()
        cek.save()
    return cek


def cek_ruang_hari_terlewat(*, today, days: int = 7) -> list:
    """Days of the last week without a server-room check (today included once it is past)."""
    start = today - timedelta(days=days - 1)
    done = set(CekRuangServer.objects.filter(tanggal__gte=start, tanggal__lte=today).values_list("tanggal", flat=True))
    return [start + timedelta(days=i) for i in range(days) if start + timedelta(days=i) not in done]


def izin_ajukan(*, izin: IzinKunjungan, user=None) -> IzinKunjungan:
    """A visit request, by the visitor's own account or recorded by staff; tells the Bidang."""
    with transaction.atomic():
        if izin.tanggal < timezone.localdate():
            raise ValidationError("Tanggal kunjungan tidak boleh di masa lalu.")
        izin.diajukan_oleh = user if user is not None and not user.has_perm("lpse.akses_infrastruktur") else None
        izin.full_clean()
        izin.save()
        queue_email(
            subject=f"[LPSE] Permohonan masuk ruang server: {izin.nama} ({izin.tanggal:%d-%m-%Y})",
            body=f"{izin.nama} ({izin.instansi}) memohon masuk ruang server pada {izin.tanggal:%d-%m-%Y}.\n"
            f"Keperluan: {izin.keperluan}\nPerangkat dibawa: {izin.perangkat or '-'}\n\n"
            "Keputusan oleh pejabat berwenang di portal (Pasal 16 ayat 4).",
            recipients=bidang_emails(),
        )
    return izin


def izin_putuskan(*, izin: IzinKunjungan, setuju: bool, user, alasan: str = "") -> IzinKunjungan:
    """An authorised official approves or refuses a visit (Pasal 16(4))."""
    if not user.has_perm("infrastruktur.setujui_izin"):
        raise PermissionDenied("Anda tidak berwenang memutuskan izin kunjungan.")
    with transaction.atomic():
        izin = IzinKunjungan.objects.select_for_update().get(pk=izin.pk)
        if izin.status != IzinKunjungan.Status.DIAJUKAN:
            raise ValidationError("Izin ini sudah diputuskan.")
        if not setuju and not alasan.strip():
            raise ValidationError("Tuliskan alasan penolakan.")
        izin.status = IzinKunjungan.Status.DISETUJUI if setuju else IzinKunjungan.Status.DITOLAK
        izin.diputuskan_oleh, izin.diputuskan_pada, izin.alasan_tolak = user, timezone.now(), alasan.strip()
        izin.full_clean()
        izin.save()
        if izin.diajukan_oleh_id:
            hasil = "DISETUJUI" if setuju else f"DITOLAK. Alasan: {izin.alasan_tolak}"
            queue_email(
                subject=f"[LPSE] Izin masuk ruang server {izin.tanggal:%d-%m-%Y}",
                body=f"Permohonan Anda untuk masuk ruang server pada {izin.tanggal:%d-%m-%Y} {hasil}.\n"
                "Bawa kartu identitas asli; petugas menahannya selama kunjungan dan mendampingi Anda.",
                recipients=[izin.diajukan_oleh.email],
            )
    return izin


def izin_masuk(
    *, izin: IzinKunjungan, identitas: str, badge: str, pendamping, user, now: datetime | None = None
) -> IzinKunjungan:
    """Record the visitor's entry: only with an approved permit, on its day (Pasal 16(4))."""
    now = now or timezone.now()
    with transaction.atomic():
        izin = IzinKunjungan.objects.select_for_update().get(pk=izin.pk)
        if izin.status != IzinKunjungan.Status.DISETUJUI:
            raise ValidationError("Tidak boleh masuk ruang server tanpa izin yang disetujui (Pasal 16 ayat 4).")
        if izin.tanggal != timezone.localdate(now):
            raise ValidationError(f"Izin ini berlaku untuk tanggal {izin.tanggal:%d-%m-%Y}, bukan hari ini.")
        if izin.masuk:
            raise ValidationError("Kedatangan pengunjung ini sudah dicatat.")
        if not identitas.strip() or not badge.strip() or pendamping is None:
            raise ValidationError("Identitas yang ditahan, nomor badge dan pendamping wajib diisi.")
        izin.identitas_ditahan, izin.nomor_badge, izin.pendamping = identitas.strip(), badge.strip(), pendamping
        izin.masuk, izin.dicatat_oleh = now, user
        izin.full_clean()
        izin.save()
    return izin


def izin_keluar(*, izin: IzinKunjungan, now: datetime | None = None) -> IzinKunjungan:
    with transaction.atomic():
        izin = IzinKunjungan.objects.select_for_update().get(pk=izin.pk)
        if not izin.masuk or izin.keluar:
            raise ValidationError("Pengunjung belum tercatat masuk, atau sudah keluar.")
        izin.keluar = now or timezone.now()
        izin.save(update_fields=["keluar"])
    return izin
