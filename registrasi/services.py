"""Writes of Bidang Registrasi dan Verifikasi (Pasal 10 and 13)."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lpse import roles
from lpse.documents import dokumen_issue
from lpse.mail import queue_email
from lpse.models import DocumentCounter, Dokumen, User
from lpse.workcal import add_working_days

from . import conf
from .models import (
    DOKUMEN_PEJABAT_WAJIB,
    DOKUMEN_PENYEDIA_OPSIONAL,
    DOKUMEN_PENYEDIA_WAJIB,
    AksesData,
    BerkasPendaftaran,
    JadwalVerifikasi,
    JenisDokumen,
    Keputusan,
    Pendaftaran,
    PenggunaSpse,
    Penonaktifan,
    PeranPejabat,
    PermohonanAkun,
    SlotVerifikasi,
)
from .selectors import status_counts_changed

logger = logging.getLogger(__name__)
Status = Pendaftaran.Status

PESAN_DUPLIKAT = (
    "{apa} ini sudah dipakai pada pendaftaran yang masih berjalan atau sudah aktif. "
    "Lihat status pendaftaran itu melalui tautan status di email Anda, atau minta tautan dikirim ulang "
    "di halaman Cek Status Pendaftaran ({url}). Pendaftaran yang emailnya tidak dikonfirmasi batal "
    "otomatis setelah {hari} hari."
)


def dokumen_wajib(jenis: str) -> tuple[str, ...]:
    """The documents an application of this kind must carry: Pasal 13(1)a or 13(1)b, nothing more (13(3))."""
    return DOKUMEN_PENYEDIA_WAJIB if jenis == Pendaftaran.Jenis.PENYEDIA else DOKUMEN_PEJABAT_WAJIB


def dokumen_boleh(jenis: str) -> tuple[str, ...]:
    if jenis == Pendaftaran.Jenis.PENYEDIA:
        return DOKUMEN_PENYEDIA_WAJIB + DOKUMEN_PENYEDIA_OPSIONAL
    return DOKUMEN_PEJABAT_WAJIB


def _site(path: str) -> str:
    from django.conf import settings

    return settings.SITE_URL.rstrip("/") + path


def duplicate_message(apa: str) -> str:
    return PESAN_DUPLIKAT.format(apa=apa, url=_site(reverse("registrasi:cek-status")), hari=conf.konfirmasi_hari())


def find_duplicates(*, email: str, npwp: str, exclude_pk: int | None = None) -> dict[str, str]:
    """Friendly duplicate check; the partial unique constraints make it true under concurrency."""
    active = Pendaftaran.objects.filter(status__in=Pendaftaran.AKTIF)
    if exclude_pk:
        active = active.exclude(pk=exclude_pk)
    errors = {}
    if email and active.filter(email__iexact=email).exists():
        errors["email"] = duplicate_message("Email")
    if npwp and active.filter(npwp=npwp).exists():
        errors["npwp"] = duplicate_message("NPWP")
    return errors


@contextmanager
def _stored_files() -> Iterator[list]:
    """Delete the files saved inside the block when the block fails.

    Django has no on-rollback hook; the service owns the transaction, so a
    failure inside it means its rows are gone and its files must go too.
    """
    saved: list = []
    try:
        yield saved
    except BaseException:
        for field_file in saved:
            try:
                field_file.storage.delete(field_file.name)
            except OSError:  # pragma: no cover - nothing more we can do
                logger.exception("Gagal menghapus berkas %s setelah rollback", field_file.name)
        raise


def _save_berkas(*, pendaftaran: Pendaftaran, jenis: str, upload, kind: str, saved: list) -> BerkasPendaftaran:
    berkas = BerkasPendaftaran(
        pendaftaran=pendaftaran,
        jenis=jenis,
        nama_asli=(upload.name or "berkas")[-255:],
        ukuran=upload.size,
        tipe=kind,
        putaran=pendaftaran.putaran,
    )
    berkas.berkas.save(upload.name or "berkas", upload, save=False)
    saved.append(berkas.berkas)
    berkas.full_clean()
    berkas.save()
    return berkas


def _integrity_to_validation(exc: IntegrityError) -> ValidationError:
    text = str(exc)
    if "pendaftaran_npwp_aktif_unik" in text:
        return ValidationError({"npwp": duplicate_message("NPWP")})
    if "pendaftaran_email_aktif_unik" in text:
        return ValidationError({"email": duplicate_message("Email")})
    return ValidationError("Pendaftaran tidak dapat disimpan; periksa kembali isian Anda.")


def pendaftaran_submit(*, jenis: str, data: dict, files: dict) -> Pendaftaran:
    """Save an application and its documents in one transaction, then ask the
    applicant to confirm their email.

    ``files`` maps a JenisDokumen value to ``(upload, kind)`` already checked
    by lpse.uploads. Exactly the Pasal 13(1) documents are accepted (13(3)).
    On any failure no row and no file remains.
    """
    missing = [j for j in dokumen_wajib(jenis) if j not in files]
    extra = [j for j in files if j not in dokumen_boleh(jenis)]
    if missing or extra:
        raise ValidationError("Dokumen tidak sesuai daftar Pasal 13 ayat (1).")
    try:
        with _stored_files() as saved, transaction.atomic():
            pendaftaran = Pendaftaran(jenis=jenis, **data)
            pendaftaran.full_clean()
            pendaftaran.save()
            for doc_jenis, (upload, kind) in files.items():
                _save_berkas(pendaftaran=pendaftaran, jenis=doc_jenis, upload=upload, kind=kind, saved=saved)
            status_counts_changed()
            link = _site(reverse("registrasi:konfirmasi", args=[pendaftaran.token_konfirmasi]))
            queue_email(
                subject="Konfirmasi email pendaftaran pengguna SPSE",
                body=(
                    f"Yth. {pendaftaran.pj_nama},\n\nTerima kasih telah mendaftar sebagai pengguna SPSE "
                    f"{_lpse_nama()}. Buka tautan berikut untuk mengonfirmasi email Anda:\n\n{link}\n\n"
                    "Setelah konfirmasi Anda menerima nomor pendaftaran dan tautan status pribadi."
                ),
                recipients=[pendaftaran.email],
            )
    except IntegrityError as exc:
        raise _integrity_to_validation(exc) from exc
    return pendaftaran


def _lpse_nama() -> str:
    from django.conf import settings

    return settings.LPSE["NAMA"]


def _next_nomor(when) -> str:
    year = timezone.localtime(when).year
    DocumentCounter.objects.get_or_create(kode="REG", tahun=year)
    counter = DocumentCounter.objects.select_for_update().get(kode="REG", tahun=year)
    counter.terakhir += 1
    counter.save(update_fields=["terakhir"])
    return f"REG-{year}-{counter.terakhir:06d}"


def status_link(pendaftaran: Pendaftaran) -> str:
    return _site(reverse("registrasi:status", args=[pendaftaran.token]))


def pendaftaran_confirm_email(*, pendaftaran: Pendaftaran) -> Pendaftaran:
    """Confirm the email: the application gets its number, enters the queue and its SLA clock starts."""
    with transaction.atomic():
        pendaftaran = Pendaftaran.objects.select_for_update().get(pk=pendaftaran.pk)
        if pendaftaran.status != Status.MENUNGGU_KONFIRMASI:
            return pendaftaran
        now = timezone.now()
        pendaftaran.nomor = _next_nomor(now)
        pendaftaran.status = Status.DIAJUKAN
        pendaftaran.email_dikonfirmasi = now
        pendaftaran.diajukan = now
        pendaftaran.batas_sla = add_working_days(now, conf.sla_hari())
        pendaftaran.save(update_fields=["nomor", "status", "email_dikonfirmasi", "diajukan", "batas_sla"])
        status_counts_changed()
        queue_email(
            subject=f"Nomor pendaftaran {pendaftaran.nomor}",
            body=(
                f"Yth. {pendaftaran.pj_nama},\n\nEmail Anda telah dikonfirmasi. Nomor pendaftaran Anda: "
                f"{pendaftaran.nomor}.\n\nTautan status pribadi (jangan dibagikan):\n{status_link(pendaftaran)}\n\n"
                "Di halaman status Anda dapat mengunduh Formulir Pendaftaran dan Formulir Keikutsertaan, "
                "memesan jadwal verifikasi, dan melihat hasil verifikasi."
            ),
            recipients=[pendaftaran.email],
        )
    return pendaftaran


def pendaftaran_send_link(*, email: str) -> None:
    """Send again the confirmation or status link to the address of an active application.

    The page answers the same whether or not the address is known, so it
    cannot be used to learn who has registered.
    """
    pendaftaran = Pendaftaran.objects.filter(status__in=Pendaftaran.AKTIF, email__iexact=email).first()
    if pendaftaran is None:
        return
    if pendaftaran.status == Status.MENUNGGU_KONFIRMASI:
        link = _site(reverse("registrasi:konfirmasi", args=[pendaftaran.token_konfirmasi]))
        body = f"Tautan konfirmasi email pendaftaran Anda:\n\n{link}"
    else:
        body = f"Tautan status pendaftaran {pendaftaran.nomor} (jangan dibagikan):\n\n{status_link(pendaftaran)}"
    queue_email(subject="Tautan pendaftaran pengguna SPSE", body=body, recipients=[pendaftaran.email])


def pendaftaran_expire_unconfirmed(*, now=None) -> int:
    """Cancel applications whose email was not confirmed in time, freeing their NPWP and email."""
    now = now or timezone.now()
    cutoff = now - timezone.timedelta(days=conf.konfirmasi_hari())
    with transaction.atomic():
        expired = Pendaftaran.objects.filter(status=Status.MENUNGGU_KONFIRMASI, dibuat__lt=cutoff).update(
            status=Status.DIBATALKAN
        )
        status_counts_changed()
    return expired


def pendaftaran_cancel(*, pendaftaran: Pendaftaran, by, alasan: str) -> Pendaftaran:
    """Staff cancel an application that will not go on (e.g. the applicant withdrew); it stays archived."""
    if not alasan.strip():
        raise ValidationError({"alasan": "Tulis alasan pembatalan."})
    with transaction.atomic():
        pendaftaran = Pendaftaran.objects.select_for_update().get(pk=pendaftaran.pk)
        if pendaftaran.status not in (Status.MENUNGGU_KONFIRMASI, Status.DIAJUKAN, Status.DIKEMBALIKAN):
            raise ValidationError(f"Pendaftaran berstatus “{pendaftaran.get_status_display()}” tidak dapat dibatalkan.")
        pendaftaran.status = Status.DIBATALKAN
        pendaftaran.save(update_fields=["status"])
        status_counts_changed()
        jadwal = JadwalVerifikasi.objects.select_for_update().filter(pendaftaran=pendaftaran).first()
        if jadwal is not None:  # give the place back to the slot
            SlotVerifikasi.objects.filter(pk=jadwal.slot_id).update(terisi=F("terisi") - 1)
            jadwal.delete()
        queue_email(
            subject=f"Pendaftaran {pendaftaran.nomor or pendaftaran.nama} dibatalkan",
            body=f"Yth. {pendaftaran.pj_nama},\n\nPendaftaran Anda dibatalkan oleh LPSE.\nAlasan: {alasan}",
            recipients=[pendaftaran.email],
        )
    return pendaftaran


# --- Verification -------------------------------------------------------------


def akses_record(*, pendaftaran: Pendaftaran, user, ip: str | None) -> None:
    """Audit: who saw the full NIK/NPWP of an application."""
    AksesData.objects.create(pendaftaran=pendaftaran, pengguna=user, alamat_ip=ip)


def pendaftaran_claim(*, pendaftaran: Pendaftaran, verifier) -> bool:
    """Take an unclaimed application; True when this verifier got it (two clicks: one wins)."""
    won = Pendaftaran.objects.filter(pk=pendaftaran.pk, verifikator__isnull=True).update(verifikator=verifier)
    return won == 1


def pendaftaran_assign(*, pendaftaran: Pendaftaran, verifier, by) -> Pendaftaran:
    """The Kepala Bidang gives an application to a verifier of the bidang."""
    if not verifier.has_perm("registrasi.verifikasi_pendaftaran"):
        raise ValidationError("Pegawai yang dipilih bukan verifikator Bidang Registrasi dan Verifikasi.")
    pendaftaran.verifikator = verifier
    pendaftaran._change_reason = f"Ditugaskan kepada {verifier} oleh {by}"  # kept in the history row
    pendaftaran.save(update_fields=["verifikator"])
    return pendaftaran


def _require_verifier(pendaftaran: Pendaftaran, verifier) -> None:
    if pendaftaran.verifikator_id != verifier.pk:
        raise ValidationError(
            "Klaim pendaftaran ini terlebih dahulu; hanya verifikator yang ditugaskan dapat memeriksa."
        )
    if pendaftaran.status != Status.DIAJUKAN:
        raise ValidationError(f"Pendaftaran berstatus “{pendaftaran.get_status_display()}”, tidak menunggu verifikasi.")


def berkas_check(*, pendaftaran: Pendaftaran, verifier, results: dict[int, tuple[str, str]]) -> None:
    """Record, per document, whether the copy matches the original shown (Pasal 13(2)).

    There is no field inspection (Pasal 13(4)): the check is of the documents only.
    """
    with transaction.atomic():
        pendaftaran = Pendaftaran.objects.select_for_update().get(pk=pendaftaran.pk)
        _require_verifier(pendaftaran, verifier)
        now = timezone.now()
        for berkas in pendaftaran.berkas.filter(aktif=True, pk__in=list(results)):
            hasil, catatan = results[berkas.pk]
            if hasil == BerkasPendaftaran.Hasil.TIDAK_SESUAI and not catatan.strip():
                raise ValidationError(f"Tulis catatan untuk {berkas.get_jenis_display()} yang tidak sesuai.")
            berkas.hasil, berkas.catatan = hasil, catatan.strip()
            berkas.diperiksa_oleh, berkas.diperiksa_pada = verifier, now
            berkas.full_clean()
            berkas.save(update_fields=["hasil", "catatan", "diperiksa_oleh", "diperiksa_pada"])


def _set_password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return _site(reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)]))


def _account_for(pendaftaran: Pendaftaran) -> User:
    """The portal account of an approved applicant, with the role their application asked for."""
    role = roles.PENYEDIA if pendaftaran.jenis == Pendaftaran.Jenis.PENYEDIA else pendaftaran.peran
    user = User.objects.filter(email__iexact=pendaftaran.email).first()
    if user is None:
        nama = pendaftaran.pj_nama
        if pendaftaran.jenis == Pendaftaran.Jenis.PENYEDIA:
            nama = f"{pendaftaran.nama_badan_usaha} ({pendaftaran.kontak_nama or pendaftaran.pj_nama})"
        user = User(
            email=pendaftaran.email.lower(),
            nama_lengkap=nama[:150],
            telepon=pendaftaran.kontak_telepon or pendaftaran.telepon,
            nik=pendaftaran.pj_nik if pendaftaran.jenis == Pendaftaran.Jenis.PEJABAT else "",
            nip=pendaftaran.nip,
            instansi=pendaftaran.instansi,
            jabatan=pendaftaran.pj_jabatan if pendaftaran.jenis == Pendaftaran.Jenis.PEJABAT else "",
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
    roles.check_role_combination(user.role_names | {role})  # Pasal 19(3)
    user.groups.add(Group.objects.get(name=role))
    return user


def pendaftaran_approve(*, pendaftaran: Pendaftaran, verifier, user_id_spse: str, catatan: str = "") -> Keputusan:
    """Approve (Pasal 10(4)): every document matched its original, the User ID was activated in SPSE.

    Creates the portal account and tells the applicant (Pasal 10(6)f); the
    Berita Acara is rendered after the commit.
    """
    user_id_spse = user_id_spse.strip()
    if not user_id_spse:
        raise ValidationError({"user_id_spse": "Isi User ID yang telah diaktifkan di SPSE."})
    with transaction.atomic():
        pendaftaran = Pendaftaran.objects.select_for_update().get(pk=pendaftaran.pk)
        _require_verifier(pendaftaran, verifier)
        berkas = list(pendaftaran.berkas.filter(aktif=True))
        present = {b.jenis for b in berkas}
        if not set(dokumen_wajib(pendaftaran.jenis)) <= present:
            raise ValidationError("Dokumen wajib Pasal 13 ayat (1) belum lengkap.")
        unchecked = [b.get_jenis_display() for b in berkas if b.hasil != BerkasPendaftaran.Hasil.SESUAI]
        if unchecked:
            raise ValidationError(
                "Persetujuan memerlukan semua salinan sesuai dengan aslinya (Pasal 13 ayat 2); belum/ tidak sesuai: "
                + ", ".join(unchecked)
                + "."
            )
        akun = _account_for(pendaftaran)
        keputusan = Keputusan(
            pendaftaran=pendaftaran,
            putaran=pendaftaran.putaran,
            hasil=Keputusan.Hasil.SETUJU,
            catatan=catatan,
            user_id_spse=user_id_spse,
            verifikator=verifier,
        )
        keputusan.full_clean()
        keputusan.save()
        pendaftaran.status = Status.DISETUJUI
        pendaftaran.user_id_spse = user_id_spse
        pendaftaran.akun = akun
        pendaftaran.save(update_fields=["status", "user_id_spse", "akun"])
        status_counts_changed()
        queue_email(
            subject=f"Pendaftaran {pendaftaran.nomor} disetujui",
            body=(
                f"Yth. {pendaftaran.pj_nama},\n\nPendaftaran {pendaftaran.nomor} telah DISETUJUI.\n"
                f"User ID SPSE Anda: {user_id_spse}\n\n"
                f"Akun portal {_lpse_nama()} telah dibuat dengan email ini. Atur kata sandi portal melalui "
                f"tautan berikut (berlaku sementara):\n{_set_password_link(akun)}\n\n"
                "Catatan (Pasal 13 ayat 5): verifikasi ini tidak meniadakan pengisian dan klarifikasi data "
                "kualifikasi pada setiap pengadaan."
            ),
            recipients=[pendaftaran.email],
        )
    keputusan_issue_berita_acara(keputusan=keputusan, user=verifier)
    return keputusan


# Fields an applicant may be asked to fix; email is the account key and stays.
PERBAIKAN_FIELD_PENYEDIA = (
    "nama_badan_usaha",
    "bentuk_usaha",
    "npwp",
    "nib",
    "alamat",
    "provinsi",
    "kabupaten_kota",
    "kode_pos",
    "telepon",
    "pj_nama",
    "pj_nik",
    "pj_jabatan",
    "kontak_nama",
    "kontak_telepon",
    "user_id_diminta",
    "izin_berlaku_sampai",
)
PERBAIKAN_FIELD_PEJABAT = (
    "pj_nama",
    "pj_nik",
    "nip",
    "pj_jabatan",
    "instansi",
    "peran",
    "nomor_sk",
    "masa_berlaku_sampai",
    "alamat",
    "provinsi",
    "kabupaten_kota",
    "telepon",
    "user_id_diminta",
)


def perbaikan_fields(jenis: str) -> tuple[str, ...]:
    return PERBAIKAN_FIELD_PENYEDIA if jenis == Pendaftaran.Jenis.PENYEDIA else PERBAIKAN_FIELD_PEJABAT


def pendaftaran_reject(
    *,
    pendaftaran: Pendaftaran,
    verifier,
    alasan: list[str],
    catatan: str,
    perbaikan_dokumen: list[str],
    perbaikan_field: list[str],
) -> Keputusan:
    """Reject (Pasal 10(4)) and return the application to the applicant, who
    fixes only the named documents and fields; the round is kept."""
    if not alasan:
        raise ValidationError({"alasan": "Pilih sekurang-kurangnya satu alasan penolakan."})
    if not perbaikan_dokumen and not perbaikan_field:
        raise ValidationError("Sebutkan dokumen atau isian yang harus diperbaiki pemohon.")
    with transaction.atomic():
        pendaftaran = Pendaftaran.objects.select_for_update().get(pk=pendaftaran.pk)
        _require_verifier(pendaftaran, verifier)
        if not set(perbaikan_dokumen) <= set(dokumen_boleh(pendaftaran.jenis)):
            raise ValidationError("Dokumen perbaikan di luar daftar Pasal 13 ayat (1).")
        if not set(perbaikan_field) <= set(perbaikan_fields(pendaftaran.jenis)):
            raise ValidationError("Isian perbaikan tidak dikenal.")
        keputusan = Keputusan(
            pendaftaran=pendaftaran,
            putaran=pendaftaran.putaran,
            hasil=Keputusan.Hasil.TOLAK,
            alasan=list(alasan),
            catatan=catatan,
            perbaikan_dokumen=list(perbaikan_dokumen),
            perbaikan_field=list(perbaikan_field),
            verifikator=verifier,
        )
        keputusan.full_clean()
        keputusan.save()
        pendaftaran.status = Status.DIKEMBALIKAN
        pendaftaran.perbaikan_dokumen = list(perbaikan_dokumen)
        pendaftaran.perbaikan_field = list(perbaikan_field)
        pendaftaran.save(update_fields=["status", "perbaikan_dokumen", "perbaikan_field"])
        status_counts_changed()
        doc_labels = dict(JenisDokumen.choices)
        fix = [doc_labels[d] for d in perbaikan_dokumen] + [
            str(Pendaftaran._meta.get_field(f).verbose_name) for f in perbaikan_field
        ]
        queue_email(
            subject=f"Pendaftaran {pendaftaran.nomor} perlu diperbaiki",
            body=(
                f"Yth. {pendaftaran.pj_nama},\n\nPendaftaran {pendaftaran.nomor} DITOLAK dan dikembalikan untuk "
                "diperbaiki.\n\nAlasan:\n- "
                + "\n- ".join(keputusan.alasan_label)
                + (f"\n\nCatatan verifikator: {catatan}" if catatan else "")
                + "\n\nYang perlu diperbaiki:\n- "
                + "\n- ".join(fix)
                + f"\n\nPerbaiki dan ajukan kembali melalui tautan status Anda:\n{status_link(pendaftaran)}"
            ),
            recipients=[pendaftaran.email],
        )
    keputusan_issue_berita_acara(keputusan=keputusan, user=verifier)
    return keputusan


def pendaftaran_resubmit(*, pendaftaran: Pendaftaran, data: dict, files: dict) -> Pendaftaran:
    """The applicant's fix after a rejection: only the named fields and documents change.

    Replaced documents stay in the archive (inactive); the round number goes up.
    """
    if not set(data) <= set(pendaftaran.perbaikan_field) or not set(files) <= set(pendaftaran.perbaikan_dokumen):
        raise PermissionDenied("Hanya dokumen dan isian yang diminta verifikator yang dapat diubah.")
    try:
        with _stored_files() as saved, transaction.atomic():
            pendaftaran = Pendaftaran.objects.select_for_update().get(pk=pendaftaran.pk)
            if pendaftaran.status != Status.DIKEMBALIKAN:
                raise ValidationError("Pendaftaran ini tidak sedang menunggu perbaikan.")
            for name, value in data.items():
                setattr(pendaftaran, name, value)
            now = timezone.now()
            pendaftaran.putaran += 1
            pendaftaran.status = Status.DIAJUKAN
            pendaftaran.diajukan = now
            pendaftaran.batas_sla = add_working_days(now, conf.sla_hari())
            pendaftaran.perbaikan_dokumen, pendaftaran.perbaikan_field = [], []
            if data:  # the printed forms carry the data: print them again
                pendaftaran.formulir_pendaftaran = pendaftaran.formulir_keikutsertaan = None
            pendaftaran.full_clean()
            pendaftaran.save()
            status_counts_changed()
            for doc_jenis, (upload, kind) in files.items():
                pendaftaran.berkas.filter(jenis=doc_jenis, aktif=True).update(aktif=False)
                _save_berkas(pendaftaran=pendaftaran, jenis=doc_jenis, upload=upload, kind=kind, saved=saved)
    except IntegrityError as exc:
        raise _integrity_to_validation(exc) from exc
    return pendaftaran


def keputusan_issue_berita_acara(*, keputusan: Keputusan, user=None) -> Dokumen | None:
    """Number and render the Berita Acara Verifikasi of a decision.

    Runs after the decision commits: a rendering failure leaves the decision
    standing, and the download view issues the document again.
    """
    if keputusan.berita_acara_id:
        return keputusan.berita_acara
    pendaftaran = keputusan.pendaftaran
    try:
        dokumen = dokumen_issue(
            kode="BAV",
            jenis="Berita Acara Verifikasi Pendaftaran Pengguna SPSE",
            perihal=f"Verifikasi {pendaftaran.nomor} {pendaftaran.nama} putaran {keputusan.putaran}",
            template="registrasi/pdf/berita_acara.html",
            context={
                "keputusan": keputusan,
                "pendaftaran": pendaftaran,
                "berkas": list(pendaftaran.berkas.filter(putaran__lte=keputusan.putaran).order_by("jenis", "putaran")),
            },
            user=user,
        )
    except Exception:
        logger.exception("Berita acara keputusan %s gagal dibuat", keputusan.pk)
        return None
    Keputusan.objects.filter(pk=keputusan.pk).update(berita_acara=dokumen)
    keputusan.berita_acara = dokumen
    return dokumen


FORMULIR = {
    "pendaftaran": ("FPD", "Formulir Pendaftaran Pengguna SPSE", "formulir_pendaftaran"),
    "keikutsertaan": ("FKS", "Formulir Keikutsertaan Pengguna SPSE", "formulir_keikutsertaan"),
}


def formulir_issue(*, pendaftaran: Pendaftaran, jenis: str) -> Dokumen:
    """The prefilled Formulir Pendaftaran or Keikutsertaan (Pasal 13(1)a angka 2, 13(6)).

    Issued once per version of the data; the row lock keeps two clicks from
    numbering two forms (the lock is on this one application only).
    """
    kode, judul, field = FORMULIR[jenis]
    with transaction.atomic():
        pendaftaran = (
            Pendaftaran.objects.select_for_update(of=("self",)).select_related("instansi").get(pk=pendaftaran.pk)
        )
        existing = getattr(pendaftaran, field)
        if existing is not None and existing.pdf:
            return existing
        dokumen = dokumen_issue(
            kode=kode,
            jenis=judul,
            perihal=f"{judul} {pendaftaran.nomor} {pendaftaran.nama}",
            template=f"registrasi/pdf/formulir_{jenis}.html",
            context={
                "pendaftaran": pendaftaran,
                "judul": judul,
                "catatan_materai": conf.catatan_materai(),
                "berkas_wajib": [JenisDokumen(j).label for j in dokumen_boleh(pendaftaran.jenis)],
            },
        )
        setattr(pendaftaran, field, dokumen)
        pendaftaran.save(update_fields=[field])
    return dokumen


# --- Verification room slots (Pasal 14a) -----------------------------------------


def slot_create(*, mulai, selesai, kapasitas: int) -> SlotVerifikasi:
    slot = SlotVerifikasi(mulai=mulai, selesai=selesai, kapasitas=kapasitas)
    slot.full_clean()
    slot.save()
    return slot


def jadwal_book(*, pendaftaran: Pendaftaran, slot_id: int) -> JadwalVerifikasi:
    """Book (or move) the applicant's verification appointment; a full slot refuses.

    The slots are locked in id order, so two bookings never deadlock, and the
    CheckConstraint on ``terisi`` makes an overbooking impossible anyway.
    """
    if pendaftaran.status not in (Status.DIAJUKAN, Status.DIKEMBALIKAN):
        raise ValidationError("Jadwal verifikasi hanya dapat dipesan untuk pendaftaran yang sedang diproses.")
    with transaction.atomic():
        current = JadwalVerifikasi.objects.select_for_update().filter(pendaftaran=pendaftaran).first()
        ids = sorted({slot_id} | ({current.slot_id} if current else set()))
        slots = {s.pk: s for s in SlotVerifikasi.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
        slot = slots.get(slot_id)
        if slot is None:
            raise ValidationError("Jadwal yang dipilih tidak ada.")
        if current and current.slot_id == slot_id:
            return current
        if slot.mulai <= timezone.now():
            raise ValidationError("Jadwal yang dipilih sudah lewat.")
        if slot.terisi >= slot.kapasitas:
            raise ValidationError("Jadwal yang dipilih sudah penuh; pilih jadwal lain.")
        if current:
            SlotVerifikasi.objects.filter(pk=current.slot_id).update(terisi=F("terisi") - 1)
            current.slot = slot
            current.save(update_fields=["slot"])
            jadwal = current
        else:
            jadwal = JadwalVerifikasi.objects.create(slot=slot, pendaftaran=pendaftaran)
        SlotVerifikasi.objects.filter(pk=slot.pk).update(terisi=F("terisi") + 1)
    return jadwal


# --- Deactivation (Pasal 10(5)) ----------------------------------------------------


def penonaktifan_submit(
    *, pendaftaran: Pendaftaran, user, jenis: str, sumber: str, data: dict, bukti: tuple | None
) -> Penonaktifan:
    """Open a deactivation (or reactivation) request of an approved vendor's User ID (Pasal 10(5)).

    A request from PA/KPA, PPK or ULP carries their letter or blacklist SK as evidence.
    """
    if pendaftaran.status != Status.DISETUJUI or not pendaftaran.user_id_spse:
        raise ValidationError("Hanya User ID penyedia yang sudah disetujui yang dapat dinonaktifkan.")
    if jenis == Penonaktifan.Jenis.NONAKTIF and pendaftaran.user_id_nonaktif:
        raise ValidationError("User ID ini sudah nonaktif.")
    if jenis == Penonaktifan.Jenis.AKTIF_KEMBALI and not pendaftaran.user_id_nonaktif:
        raise ValidationError("User ID ini masih aktif.")
    if sumber == Penonaktifan.Sumber.PERMINTAAN and bukti is None:
        raise ValidationError({"bukti": "Lampirkan surat permintaan atau SK daftar hitam."})
    try:
        with _stored_files() as saved, transaction.atomic():
            item = Penonaktifan(pendaftaran=pendaftaran, jenis=jenis, sumber=sumber, diajukan_oleh=user, **data)
            if bukti is not None:
                upload, _kind = bukti
                item.bukti.save(upload.name or "bukti", upload, save=False)
                saved.append(item.bukti)
                item.bukti_nama = (upload.name or "bukti")[-255:]
            item.full_clean()
            item.save()
    except IntegrityError as exc:
        raise ValidationError("Sudah ada permintaan yang menunggu keputusan untuk User ID ini.") from exc
    return item


def penonaktifan_decide(
    *,
    penonaktifan: Penonaktifan,
    staff,
    setuju: bool,
    catatan: str,
    nomor_usulan_lkpp: str = "",
    tindakan_lkpp: str = "",
    berlaku_mulai=None,
    berlaku_sampai=None,
) -> Penonaktifan:
    """Decide a request (Pasal 10(5)); on approval the User ID's state changes from the effective date
    and the vendor is told by email."""
    with transaction.atomic():
        item = Penonaktifan.objects.select_for_update().select_related("pendaftaran").get(pk=penonaktifan.pk)
        if item.status != Penonaktifan.Status.DIAJUKAN:
            raise ValidationError("Permintaan ini sudah diputuskan.")
        if setuju:
            if berlaku_mulai is None:
                raise ValidationError({"berlaku_mulai": "Isi tanggal mulai berlaku."})
            if berlaku_mulai > timezone.localdate():
                raise ValidationError({"berlaku_mulai": "Catat tanggal berlaku setelah tindakan dilakukan di SPSE."})
        item.status = Penonaktifan.Status.DISETUJUI if setuju else Penonaktifan.Status.DITOLAK
        item.diputuskan_oleh, item.diputuskan_pada = staff, timezone.now()
        item.catatan_keputusan = catatan
        item.nomor_usulan_lkpp, item.tindakan_lkpp = nomor_usulan_lkpp, tindakan_lkpp
        item.berlaku_mulai, item.berlaku_sampai = berlaku_mulai, berlaku_sampai
        item.full_clean()
        item.save()
        pendaftaran = Pendaftaran.objects.select_for_update().get(pk=item.pendaftaran_id)
        if setuju:
            pendaftaran.user_id_nonaktif = item.jenis == Penonaktifan.Jenis.NONAKTIF
            pendaftaran.save(update_fields=["user_id_nonaktif"])
            sampai = f" sampai {berlaku_sampai:%d-%m-%Y}" if berlaku_sampai else ""
            queue_email(
                subject=f"{item.get_jenis_display()} {pendaftaran.user_id_spse}",
                body=(
                    f"Yth. {pendaftaran.nama},\n\n{item.get_jenis_display()} untuk User ID SPSE "
                    f"{pendaftaran.user_id_spse} berlaku mulai {berlaku_mulai:%d-%m-%Y}{sampai}.\n"
                    f"Dasar: {item.get_sumber_display()}, surat/SK {item.nomor_surat}.\n"
                    + (f"Catatan: {catatan}\n" if catatan else "")
                    + "\nHubungi LPSE bila ada pertanyaan (Perbup Karo 02/2017 Pasal 10 ayat 5)."
                ),
                recipients=[pendaftaran.email],
            )
    return item


# --- Account services after registration -------------------------------------------


def permohonan_akun_submit(
    *, pendaftaran: Pendaftaran, pemohon, jenis: str, uraian: str, berlaku_sampai_baru=None, bukti: tuple | None
) -> PermohonanAkun:
    """Record a request about an existing account and give a numbered tanda terima (PDF after commit)."""
    if pendaftaran.status != Status.DISETUJUI:
        raise ValidationError("Layanan akun hanya untuk pendaftaran yang sudah disetujui.")
    if jenis in PermohonanAkun.BUTUH_BUKTI and bukti is None:
        raise ValidationError({"bukti": "Lampirkan dokumen yang menjadi dasar perubahan/perpanjangan."})
    with _stored_files() as saved, transaction.atomic():
        item = PermohonanAkun(
            pendaftaran=pendaftaran,
            pemohon=pemohon,
            jenis=jenis,
            uraian=uraian,
            berlaku_sampai_baru=berlaku_sampai_baru,
        )
        if bukti is not None:
            upload, _kind = bukti
            item.bukti.save(upload.name or "bukti", upload, save=False)
            saved.append(item.bukti)
            item.bukti_nama = (upload.name or "bukti")[-255:]
        item.full_clean()
        item.save()
    permohonan_akun_tanda_terima(permohonan=item)
    return item


def permohonan_akun_tanda_terima(*, permohonan: PermohonanAkun) -> Dokumen | None:
    """The tanda terima of a request; issued again by the download view if rendering failed."""
    if permohonan.tanda_terima_id:
        return permohonan.tanda_terima
    try:
        dokumen = dokumen_issue(
            kode="TTA",
            jenis="Tanda Terima Permohonan Layanan Akun SPSE",
            perihal=f"{permohonan.get_jenis_display()} {permohonan.pendaftaran.nomor}",
            template="registrasi/pdf/tanda_terima.html",
            context={"permohonan": permohonan, "pendaftaran": permohonan.pendaftaran},
            user=permohonan.pemohon,
        )
    except Exception:
        logger.exception("Tanda terima permohonan %s gagal dibuat", permohonan.pk)
        return None
    PermohonanAkun.objects.filter(pk=permohonan.pk).update(tanda_terima=dokumen)
    permohonan.tanda_terima = dokumen
    return dokumen


def lupa_user_id_kirim(*, email: str) -> None:
    """Send the User ID to the registered address only; the page answers the same for any address."""
    pendaftaran = Pendaftaran.objects.filter(status=Status.DISETUJUI, email__iexact=email).first()
    if pendaftaran is None:
        return
    with transaction.atomic():
        PermohonanAkun.objects.create(
            pendaftaran=pendaftaran,
            jenis=PermohonanAkun.Jenis.LUPA_USER_ID,
            status=PermohonanAkun.Status.SELESAI,
            uraian="Permintaan melalui formulir Lupa User ID; dikirim otomatis ke email terdaftar.",
            diproses_pada=timezone.now(),
        )
        queue_email(
            subject="User ID SPSE Anda",
            body=(
                f"Yth. {pendaftaran.nama},\n\nUser ID SPSE untuk pendaftaran {pendaftaran.nomor}: "
                f"{pendaftaran.user_id_spse}\n\nBila Anda tidak meminta email ini, abaikan saja."
            ),
            recipients=[pendaftaran.email],
        )


def permohonan_akun_proses(*, permohonan: PermohonanAkun, staff, selesai: bool, catatan: str) -> PermohonanAkun:
    """Close a request; a finished renewal moves the recorded expiry date and re-arms the reminder."""
    with transaction.atomic():
        item = PermohonanAkun.objects.select_for_update().get(pk=permohonan.pk)
        if item.status != PermohonanAkun.Status.DIAJUKAN:
            raise ValidationError("Permohonan ini sudah diproses.")
        if not selesai and not catatan.strip():
            raise ValidationError({"catatan": "Tulis alasan penolakan untuk pemohon."})
        item.status = PermohonanAkun.Status.SELESAI if selesai else PermohonanAkun.Status.DITOLAK
        item.diproses_oleh, item.diproses_pada, item.catatan = staff, timezone.now(), catatan
        item.save(update_fields=["status", "diproses_oleh", "diproses_pada", "catatan"])
        pendaftaran = Pendaftaran.objects.select_for_update().get(pk=item.pendaftaran_id)
        if selesai and item.jenis == PermohonanAkun.Jenis.PERPANJANGAN:
            field = "masa_berlaku_sampai" if pendaftaran.jenis == Pendaftaran.Jenis.PEJABAT else "izin_berlaku_sampai"
            setattr(pendaftaran, field, item.berlaku_sampai_baru)
            pendaftaran.pengingat_untuk = None
            pendaftaran.save(update_fields=[field, "pengingat_untuk"])
        queue_email(
            subject=f"Permohonan {item.get_jenis_display()}: {item.get_status_display()}",
            body=(
                f"Yth. {pendaftaran.nama},\n\nPermohonan {item.get_jenis_display().lower()} untuk "
                f"{pendaftaran.nomor} telah {item.get_status_display().lower()}."
                + (f"\nCatatan petugas: {catatan}" if catatan else "")
            ),
            recipients=[pendaftaran.email],
        )
    return item


def pengingat_kedaluwarsa_kirim(*, today=None, days: int = 30) -> int:
    """Remind, once per expiry date, each approved user whose appointment or licence ends within ``days``."""
    from .selectors import akan_kedaluwarsa

    today = today or timezone.localdate()
    sent = 0
    for pendaftaran in akan_kedaluwarsa(today=today, days=days).filter(berakhir__gte=today):
        if pendaftaran.pengingat_untuk == pendaftaran.berakhir:
            continue
        apa = "masa berlaku jabatan" if pendaftaran.jenis == Pendaftaran.Jenis.PEJABAT else "surat izin usaha"
        with transaction.atomic():
            queue_email(
                subject=f"Pengingat: {apa} berakhir {pendaftaran.berakhir:%d-%m-%Y}",
                body=(
                    f"Yth. {pendaftaran.nama},\n\n{apa.capitalize()} pada pendaftaran {pendaftaran.nomor} "
                    f"(User ID {pendaftaran.user_id_spse}) berakhir pada {pendaftaran.berakhir:%d-%m-%Y}. "
                    "Ajukan perpanjangan melalui menu Layanan Akun di portal dengan melampirkan dokumen yang baru."
                ),
                recipients=[pendaftaran.email],
            )
            Pendaftaran.objects.filter(pk=pendaftaran.pk).update(pengingat_untuk=pendaftaran.berakhir)
        sent += 1
    return sent


PERAN_SPSE_KE_PORTAL = {
    PeranPejabat.PA_KPA: roles.PA_KPA,
    PeranPejabat.PPK: roles.PPK,
    PeranPejabat.POKJA: roles.POKJA,
    PeranPejabat.AUDITOR: roles.AUDITOR,
}


def pengguna_spse_invite(*, pengguna: PenggunaSpse, by) -> PenggunaSpse:
    """Invite an imported SPSE user to the portal: the account is made (or an
    existing one with the same email linked) with the role SPSE gave them, and
    a set-password link goes out through the mail outbox. They were verified
    in SPSE already, so no Pasal 13 verification is asked of them again."""
    if not pengguna.email:
        raise ValidationError("Pengguna ini tidak memiliki email; isi emailnya (impor ulang) sebelum mengundang.")
    if pengguna.status != PenggunaSpse.Status.AKTIF:
        raise ValidationError("User ID ini nonaktif di SPSE; undangan hanya untuk pengguna aktif.")
    role = roles.PENYEDIA if pengguna.jenis == PenggunaSpse.Jenis.PENYEDIA else PERAN_SPSE_KE_PORTAL.get(pengguna.peran)
    with transaction.atomic():
        pengguna = PenggunaSpse.objects.select_for_update().get(pk=pengguna.pk)
        user = pengguna.akun or User.objects.filter(email__iexact=pengguna.email).first()
        if user is None:
            user = User(
                email=pengguna.email.lower(),
                nama_lengkap=pengguna.nama[:150],
                nik=pengguna.nik,
                instansi_id=pengguna.instansi_id,
            )
            user.set_unusable_password()
            user.full_clean()
            user.save()
        if role:
            roles.check_role_combination(user.role_names | {role})  # Pasal 19(3)
            user.groups.add(Group.objects.get(name=role))
        pengguna.akun = user
        pengguna.diundang = timezone.now()
        pengguna.save(update_fields=["akun", "diundang"])
        queue_email(
            subject=f"Undangan Portal {_lpse_nama()}",
            body=(
                f"Yth. {pengguna.nama},\n\nAnda tercatat sebagai pengguna SPSE dengan User ID {pengguna.user_id}. "
                f"{_lpse_nama()} kini memakai portal layanan; akun portal Anda telah disiapkan dengan email ini "
                "dan tidak perlu mendaftar atau diverifikasi ulang.\n\n"
                f"Atur kata sandi portal melalui tautan berikut (berlaku sementara):\n{_set_password_link(user)}\n"
            ),
            recipients=[pengguna.email],
        )
    return pengguna
