"""Technical admin for the reference data of Layanan dan Dukungan (rooms, SLA
targets, FAQ categories, canned replies). Day-to-day work happens in the
staff pages; tickets are shown read-mostly here for support."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BalasanTemplat, KategoriFaq, Ruang, SlaTarget, Tiket


@admin.register(Ruang)
class RuangAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "jenis", "kapasitas", "perlu_persetujuan", "aktif"]
    list_filter = ["jenis", "aktif"]


@admin.register(SlaTarget)
class SlaTargetAdmin(SimpleHistoryAdmin):
    list_display = ["prioritas", "respons_menit", "selesai_menit"]


@admin.register(KategoriFaq)
class KategoriFaqAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "urutan"]


@admin.register(BalasanTemplat)
class BalasanTemplatAdmin(SimpleHistoryAdmin):
    list_display = ["judul", "kategori", "aktif"]
    list_filter = ["kategori", "aktif"]


@admin.register(Tiket)
class TiketAdmin(SimpleHistoryAdmin):
    list_display = ["id", "subjek", "status", "prioritas", "kategori", "dibuat"]
    list_filter = ["status", "kategori", "prioritas"]
    search_fields = ["=id", "email", "kode_paket"]
    show_full_result_count = False  # half a million rows: no COUNT(*) per page
    readonly_fields = ["token", "dibuat", "respons_pertama", "diselesaikan", "ditutup"]
    raw_id_fields = ["pelapor", "petugas", "dicatat_oleh", "digabung_ke", "artikel_solusi"]
