"""Technical admin (superusers only) of monitoring; staff use the bidang's own pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import LaporanHarian, Pemeriksaan, TokenAgen


@admin.register(TokenAgen)
class TokenAgenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "aset", "dibuat", "dicabut", "terakhir_dipakai"]
    readonly_fields = ["prefix", "hash", "terakhir_ts", "terakhir_dipakai"]


@admin.register(Pemeriksaan)
class PemeriksaanAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "aset", "jenis", "target", "aktif", "terakhir_ok", "gagal_berturut"]


admin.site.register(LaporanHarian)
