"""Portable backup media and the copies handed over on them (Pasal 18(2))."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from infrastruktur.models import Aset

from .. import engine
from ..engine import BackupError
from ..models import BackupRun, MediaBackup, MediaCopy

# --- Portable media (Pasal 18(2)) ---------------------------------------------------


def media_copy_write(
    *, medium: MediaBackup, runs: list[BackupRun], dest: Path, lokasi: str, terpisah: bool, user=None
) -> MediaCopy:
    """Write archives and manifests to a mounted medium, read them back, record the copy.

    The location check (Pasal 18(2)) comes first: nothing is copied for a
    medium that would stay in the server room.
    """
    copy = MediaCopy(
        medium=medium,
        disalin_oleh=user,
        disalin_pada=timezone.now(),
        path_media=str(dest),
        lokasi_simpan=lokasi,
        terpisah_dari_ruang_server=terpisah,
        status=MediaCopy.Status.BERHASIL,
    )
    copy.full_clean(exclude=["checksums"])
    if not runs:
        raise ValidationError("Pilih minimal satu backup yang berhasil untuk disalin.")
    bad = [r for r in runs if r.status != BackupRun.Status.BERHASIL or r.dipangkas_pada]
    if bad:
        raise ValidationError(f"Hanya backup berhasil yang arsipnya masih ada yang dapat disalin (#{bad[0].pk}).")
    if not dest.is_absolute() or not dest.is_dir():
        raise ValidationError(f"Folder media {dest} tidak ada atau belum dipasang (mount).")
    checksums, errors = [], []
    for run in runs:
        target = dest / run.sumber.slug / run.arsip_path.name
        try:
            engine.copy_file_verified(run.arsip_path, target, run.sha256)
            engine.copy_file_verified(
                run.manifest_path, target.parent / run.manifest_path.name, engine.archive_checksum(run.manifest_path)
            )
            checksums.append({"run": run.pk, "arsip": run.arsip_path.name, "sha256": run.sha256, "ok": True})
        except (BackupError, OSError) as exc:
            errors.append(f"#{run.pk}: {exc}")
            checksums.append({"run": run.pk, "arsip": run.arsip_path.name, "sha256": run.sha256, "ok": False})
    copy.checksums = checksums
    if errors:
        copy.status = MediaCopy.Status.GAGAL
        copy.pesan = "Verifikasi salinan gagal: " + "; ".join(errors)
    else:
        copy.pesan = f"{len(runs)} arsip tersalin dan checksum SHA-256 sama dengan aslinya."
    with transaction.atomic():
        copy.save()
        copy.runs.set(runs)
        _medium_located(medium, lokasi)
    return copy


def _medium_located(medium: MediaBackup, lokasi: str) -> None:
    """The asset register shows where a medium is kept: the place of its latest copy."""
    aset = medium.aset
    if aset.ruang != lokasi[:100]:
        aset.ruang = lokasi[:100]
        aset.save(update_fields=["ruang"])


def _kepala_bidang_sistem():
    from lpse import roles
    from lpse.models import User

    return User.objects.filter(is_active=True, groups__name=roles.KABID_ADMIN_SISTEM).order_by("pk").first()


def media_copy_handover(*, copy: MediaCopy, penerima: str, jabatan: str, lokasi: str, terpisah: bool, user):
    """Record the hand-over of a medium and issue the numbered Berita Acara Serah Terima Media Backup."""
    from lpse.documents import dokumen_issue

    if copy.berita_acara_id:
        raise ValidationError("Berita acara serah terima untuk salinan ini sudah dibuat.")
    copy.diserahkan_kepada = penerima
    copy.jabatan_penerima = jabatan
    copy.lokasi_simpan = lokasi
    copy.terpisah_dari_ruang_server = terpisah
    copy.full_clean()
    with transaction.atomic():
        copy.save(
            update_fields=["diserahkan_kepada", "jabatan_penerima", "lokasi_simpan", "terpisah_dari_ruang_server"]
        )
        if copy.medium.salinan.order_by("-disalin_pada").values_list("pk", flat=True).first() == copy.pk:
            _medium_located(copy.medium, lokasi)
    kabid = _kepala_bidang_sistem()
    kabid = kabid if kabid is not None and kabid != user else None
    dokumen = dokumen_issue(
        kode="BA-BCK",
        jenis="Berita Acara Serah Terima Media Backup",
        perihal=f"Serah terima media backup {copy.medium.label}",
        template="backup/ba_serah_terima.html",
        context={
            "salinan": copy,
            "runs": list(copy.runs.select_related("sumber")),
            "penyerah": user,
            "mengetahui": kabid,
        },
        user=user,
        # Signed in turn (issue 12): who hands over, then the Kepala Bidang who knows of it.
        penandatangan=[(user, "Yang menyerahkan")] + ([(kabid, "Mengetahui")] if kabid else []),
        in_background=True,
    )
    copy.berita_acara = dokumen
    copy.save(update_fields=["berita_acara"])
    return dokumen


MEDIA_PERAN = "Media backup portabel (Pasal 18 ayat 2)"


def medium_aset_check(*, label: str, aset: Aset | None) -> None:
    """Raise the form's message when a new medium with this label cannot get its asset."""
    _medium_aset(medium=MediaBackup(label=label), aset=aset)


def _medium_aset(*, medium: MediaBackup, aset: Aset | None) -> Aset:
    """The register's asset for a new medium: the one named, an unlinked media asset of
    the same name, or a new one — so staff register a medium once."""
    if aset is not None:
        if aset.jenis != Aset.Jenis.MEDIA_BACKUP:
            raise ValidationError({"aset": f"Aset {aset.nama} bukan berjenis media backup portabel."})
        if MediaBackup.objects.filter(aset=aset).exists():
            raise ValidationError({"aset": f"Aset {aset.nama} sudah tertaut ke media backup lain."})
        return aset
    same_name = Aset.objects.filter(nama=medium.label).first()
    if same_name is None:
        return Aset(
            nama=medium.label,
            jenis=Aset.Jenis.MEDIA_BACKUP,
            peran=MEDIA_PERAN,
            pemilik="Bidang Administrasi Sistem Elektronik",
            # Archives hold NIK and other personal data.
            kerahasiaan=3,
            integritas=3,
            ketersediaan=2,
        )
    if same_name.jenis != Aset.Jenis.MEDIA_BACKUP or MediaBackup.objects.filter(aset=same_name).exists():
        raise ValidationError(
            {"label": f"Nama {medium.label} sudah dipakai aset lain di daftar aset; pakai label lain."}
        )
    return same_name


@transaction.atomic
def medium_save(*, medium: MediaBackup, aset: Aset | None = None) -> MediaBackup:
    """Register or update a portable medium together with its asset in the register.

    The asset's specification (capacity) and status follow the medium; a
    medium no longer in use makes its asset "tidak aktif".
    """
    medium.full_clean(exclude=["aset"])
    if medium.pk:
        aset = Aset.objects.select_for_update().get(pk=medium.aset_id)
    else:
        aset = _medium_aset(medium=medium, aset=aset)
    aset.disk = f"{medium.kapasitas_gb} GB"
    if not medium.aktif:
        aset.status = Aset.Status.NONAKTIF
    elif aset.status == Aset.Status.NONAKTIF:
        aset.status = Aset.Status.AKTIF
    aset.full_clean()
    aset.save()
    medium.aset = aset
    medium.full_clean()
    medium.save()
    return medium


def medium_follow_aset(*, aset: Aset) -> None:
    """The other way round: an asset edited in the register keeps its medium's "in use" flag."""
    medium = MediaBackup.objects.filter(aset=aset).first()
    if medium is None:
        return
    aktif = aset.status != Aset.Status.NONAKTIF
    if medium.aktif != aktif:
        medium.aktif = aktif
        medium.save(update_fields=["aktif"])
