"""Technical admin (superusers only); staff use the bidang's own pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Aset,
    CekRuangServer,
    Insiden,
    InstruksiLkpp,
    IzinKunjungan,
    Pemeliharaan,
    PermintaanPerubahan,
)


@admin.register(Aset)
class AsetAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "jenis", "status", "kerahasiaan", "integritas", "ketersediaan"]
    list_filter = ["jenis", "status"]
    search_fields = ["nama", "alamat"]


@admin.register(Insiden)
class InsidenAdmin(SimpleHistoryAdmin):
    list_display = ["judul", "aset", "kode", "status", "dibuka"]
    list_filter = ["status"]


for model in (InstruksiLkpp, Pemeliharaan, PermintaanPerubahan, CekRuangServer, IzinKunjungan):
    admin.site.register(model, SimpleHistoryAdmin)
