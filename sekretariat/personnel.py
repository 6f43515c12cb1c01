"""The Sekretariat's personnel record as lpse.personnel asks for it (signature blocks)."""

from lpse.personnel import SignerProfile


def signer_profile(user) -> SignerProfile | None:
    from .models import Pegawai

    pegawai = Pegawai.objects.filter(user=user, aktif=True).only("nama", "nip", "pangkat", "jabatan", "bidang").first()
    if pegawai is None:
        return None
    return SignerProfile(nama=pegawai.nama, nip=pegawai.nip, pangkat=pegawai.pangkat, jabatan=pegawai.jabatan_lengkap)
