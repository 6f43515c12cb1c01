"""Technical admin for the Sekretariat's records; staff use the portal's own pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Disposisi,
    FormatAgenda,
    Honorarium,
    Kegiatan,
    KontenPublik,
    Kualifikasi,
    LaporanKegiatan,
    Naskah,
    Pegawai,
    PelatihanPegawai,
    PenugasanLuar,
    Risiko,
    SuratKeputusan,
)


@admin.register(Pegawai)
class PegawaiAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "nip", "jabatan", "bidang", "aktif"]
    list_filter = ["jabatan", "bidang", "aktif", "status"]
    search_fields = ["nama", "nip", "nik"]
    raw_id_fields = ["user", "sk"]

    def save_model(self, request, obj, form, change):
        # Pasal 19(3) holds in the admin too.
        from .services import pegawai_save

        pegawai_save(pegawai=obj)


@admin.register(Naskah)
class NaskahAdmin(SimpleHistoryAdmin):
    list_display = ["nomor_agenda", "jenis", "tanggal_agenda", "pengirim", "perihal"]
    list_filter = ["jenis", "tahun", "sifat"]
    search_fields = ["nomor_agenda", "perihal", "pengirim", "penerima"]
    readonly_fields = ["jenis", "tahun", "urut", "nomor_agenda"]

    def has_add_permission(self, request):
        return False  # agenda numbers are only given by services.naskah_register


@admin.register(LaporanKegiatan)
class LaporanKegiatanAdmin(SimpleHistoryAdmin):
    list_display = ["periode", "tahun", "nomor_periode", "status", "progres"]
    readonly_fields = ["data", "dokumen", "status", "progres", "langkah", "galat"]


for model in (
    SuratKeputusan,
    PenugasanLuar,
    Kualifikasi,
    PelatihanPegawai,
    Honorarium,
    Disposisi,
    FormatAgenda,
    Kegiatan,
    Risiko,
    KontenPublik,
):
    admin.site.register(model, SimpleHistoryAdmin)
