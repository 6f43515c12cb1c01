"""The parts of the unit and the table-less holder of the Sekretariat's permissions."""

from django.db import models


class Bidang(models.TextChoices):
    """The parts of the unit (Pasal 5(1)); the Kepala Unit stands above them."""

    SEKRETARIAT = "sekretariat", "Sekretariat"
    INFRASTRUKTUR = "infrastruktur", "Bidang Administrasi Sistem Elektronik"
    REGISTRASI = "registrasi", "Bidang Registrasi dan Verifikasi"
    LAYANAN = "layanan", "Bidang Layanan dan Dukungan"


class AksesSekretariat(models.Model):
    """Table-less holder of the Sekretariat's custom permissions."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("kelola_kepegawaian", "Mengelola data pegawai, SK dan honorarium (Pasal 8(4)c)"),
            ("kelola_naskah", "Mengelola naskah dinas dan arsip (Pasal 8(4)f)"),
            ("disposisi_naskah", "Mendisposisikan naskah dinas"),
            ("kelola_program_kerja", "Menyusun program kerja (Pasal 8(4)a)"),
            ("susun_laporan", "Menyusun Laporan Kegiatan (Pasal 7(2)c)"),
            ("terbitkan_laporan", "Menerbitkan Laporan Kegiatan bernomor"),
            ("pantau_sop", "Memantau kepatuhan SOP (Pasal 8(3)d, 12)"),
            ("kelola_risiko", "Mengelola register risiko"),
            ("kelola_humas", "Mengelola konten kehumasan (Pasal 8(4)d)"),
            ("kelola_perlengkapan", "Mengelola perlengkapan dan rumah tangga (Pasal 8(4)f)"),
            ("setujui_permintaan_barang", "Menyetujui permintaan barang dan inventarisasi (Pasal 8(4)f)"),
        ]

    def __str__(self) -> str:
        return "akses sekretariat"
