"""Verification of a registration: claim, checks, approval, return for fixes, berita acara, forms (Pasal 10, 13)."""

import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lpse import roles
from lpse.documents import dokumen_issue
from lpse.mail import queue_email
from lpse.models import Dokumen, User
from lpse.workcal import add_working_days

from ..models import (
    AksesData,
    BerkasPendaftaran,
    JenisDokumen,
    Keputusan,
    Pendaftaran,
)
from ..selectors import status_counts_changed
from .pendaftaran import (
    Status,
    _integrity_to_validation,
    _lpse_nama,
    _save_berkas,
    _site,
    _status_link,
    _stored_files,
    dokumen_boleh,
    dokumen_wajib,
)

logger = logging.getLogger(__name__)


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
                + f"\n\nPerbaiki dan ajukan kembali melalui tautan status Anda:\n{_status_link(pendaftaran)}"
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
            pendaftaran.batas_sla = add_working_days(now, settings.REGISTRASI_SLA_HARI)
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
            penandatangan=[(keputusan.verifikator, "Verifikator")],
            in_background=True,  # the verifikator's approval answers at once (issue 12)
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
        if existing is not None:
            return existing  # ready, or being made by a worker (its page polls until it is)
        dokumen = dokumen_issue(
            kode=kode,
            jenis=judul,
            perihal=f"{judul} {pendaftaran.nomor} {pendaftaran.nama}",
            template=f"registrasi/pdf/formulir_{jenis}.html",
            context={
                "pendaftaran": pendaftaran,
                "judul": judul,
                "catatan_materai": settings.REGISTRASI_CATATAN_MATERAI,
                "berkas_wajib": [JenisDokumen(j).label for j in dokumen_boleh(pendaftaran.jenis)],
            },
            in_background=True,
        )
        setattr(pendaftaran, field, dokumen)
        pendaftaran.save(update_fields=[field])
    return dokumen
