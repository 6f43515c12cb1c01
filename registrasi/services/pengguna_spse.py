"""SPSE users made before the portal (imported from SPSE's user export, issue 15):
inviting them to set a portal password."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lpse import roles
from lpse.mail import queue_email
from lpse.models import User

from ..models import PenggunaSpse, PeranPejabat
from .pendaftaran import _lpse_nama
from .verifikasi import _set_password_link

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
