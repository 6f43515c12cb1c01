"""Demo data of the backup SOP (Pasal 18); runs after infrastruktur's seed (the media's assets)."""

from infrastruktur.models import Aset

from .models import BackupSource, MediaBackup
from .services import medium_save, source_save


def seed_demo() -> None:
    _seed_backup_demo()


def _seed_backup_demo() -> None:
    """The SPSE's database and configuration as backup sources, and one portable medium.

    The portal's own database and media are sources already (migration
    0002_backup_defaults). The SPSE sources stay off: a demo install must
    not reach for a real SPSE server. No backup is run here.
    """
    demo_sources = [
        BackupSource(
            nama="Basis data SPSE",
            slug="spse-db",
            jenis=BackupSource.Jenis.POSTGRES,
            aktif=False,
            host="10.12.1.12",
            nama_db="epns",
            pengguna="epns",
            password_env="SPSE_DB_PASSWORD",  # noqa: S106 - the variable's name, not a password
        ),
        BackupSource(
            nama="Berkas sistem SPSE",
            slug="spse-berkas",
            jenis=BackupSource.Jenis.DIREKTORI,
            aktif=False,
            path="/home/appserv/spse4/conf",
            include="*.conf\n*.properties",
            exclude="*.log",
        ),
    ]
    for source in demo_sources:
        if not BackupSource.objects.filter(slug=source.slug).exists():
            source_save(source=source)
    if not MediaBackup.objects.filter(label="HDD-LPSE-A").exists():
        aset = Aset.objects.filter(nama="Hard disk eksternal A", jenis=Aset.Jenis.MEDIA_BACKUP, media_backup=None)
        medium_save(
            medium=MediaBackup(
                label="HDD-LPSE-A",
                serial="WX42A1234567",
                kapasitas_gb=2000,
                enkripsi=MediaBackup.Enkripsi.LUKS,
                catatan="Disimpan di lemari besi Sekretariat; dipakai untuk salinan mingguan.",
            ),
            aset=aset.first(),
        )
