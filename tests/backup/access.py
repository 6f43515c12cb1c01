"""Role × URL rows of the backup SOP pages (Pasal 18)."""

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.access import Url
from tests.infrastruktur.access import ALLOWED


def _source():
    from backup.models import BackupSource

    n = BackupSource.objects.count()
    return BackupSource.objects.create(nama=f"Berkas {n}", slug=f"berkas-{n}", jenis="direktori", path="/etc/lpse")


def _run():
    from backup.models import BackupRun

    return BackupRun.objects.create(sumber=_source(), status="gagal", pesan="uji")


def _copy(with_ba=False):
    from backup.models import MediaBackup, MediaCopy
    from lpse.models import Dokumen
    from tests.infrastruktur.factories import medium_create

    medium = medium_create(label=f"USB-{MediaBackup.objects.count()}", kapasitas_gb=64)
    ba = None
    if with_ba:
        ba = Dokumen.objects.create(
            kode="BA-BCK", jenis="BA", nomor="001/BA-BCK/XI/2026", urut=1, tahun=2026, perihal="x"
        )
        ba.pdf.save("ba.pdf", ContentFile(b"%PDF-1.4 uji"), save=True)
    return MediaCopy.objects.create(
        medium=medium,
        disalin_pada=timezone.now(),
        lokasi_simpan="Brankas Sekretariat",
        terpisah_dari_ruang_server=True,
        status="berhasil",
        berita_acara=ba,
    )


def _medium():
    from tests.infrastruktur.factories import medium_create

    return medium_create(label=f"USB-U{_count_media()}")


def _count_media():
    from backup.models import MediaBackup

    return MediaBackup.objects.count()


ACCESS = [
    Url("backup:index", ALLOWED),
    Url("backup:sumber-tambah", ALLOWED),
    Url("backup:sumber-ubah", ALLOWED, kwargs=lambda: {"pk": _source().pk}),
    Url("backup:jalankan", ALLOWED, kwargs=lambda: {"pk": _source().pk}, method="post", ok=302),
    Url("backup:run", ALLOWED, kwargs=lambda: {"pk": _run().pk}),
    Url("backup:progres", ALLOWED, kwargs=lambda: {"pk": _run().pk}),
    Url("backup:kebijakan", ALLOWED),
    Url("backup:media", ALLOWED),
    Url("backup:media-ubah", ALLOWED, kwargs=lambda: {"pk": _medium().pk}),
    Url("backup:salinan", ALLOWED, kwargs=lambda: {"pk": _copy().pk}),
    Url("backup:berita-acara", ALLOWED, kwargs=lambda: {"pk": _copy(with_ba=True).pk}),
    Url("backup:pemulihan", ALLOWED),
]
