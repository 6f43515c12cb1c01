from django.urls import path

from lpse.imports.urls import kind_urls

from . import views

app_name = "sekretariat"

S = "staf/sekretariat/"

urlpatterns = [
    path(S, views.index, name="index"),
    # Personnel (Pasal 6, 19, 21, 22)
    path(S + "pegawai/", views.pegawai_list, name="pegawai-list"),
    path(S + "pegawai/baru/", views.pegawai_create, name="pegawai-create"),
    *kind_urls("pegawai", S + "pegawai/"),
    path(S + "pegawai/<int:pk>/", views.pegawai_detail, name="pegawai-detail"),
    path(S + "pegawai/<int:pk>/ubah/", views.pegawai_edit, name="pegawai-edit"),
    path(S + "pegawai/<int:pk>/kualifikasi/", views.kualifikasi_create, name="kualifikasi-create"),
    path(S + "pegawai/<int:pk>/pelatihan/", views.pelatihan_create, name="pelatihan-create"),
    path(S + "pegawai/<int:pk>/honorarium/", views.honorarium_create, name="honorarium-create"),
    path(S + "honorarium/", views.honorarium_list, name="honorarium-list"),
    path(S + "bagan/", views.bagan, name="bagan"),
    path(S + "sk/", views.sk_list, name="sk-list"),
    path(S + "sk/baru/", views.sk_create, name="sk-create"),
    path(S + "sk/<int:pk>/", views.sk_detail, name="sk-detail"),
    path(S + "sk/<int:pk>/ubah/", views.sk_edit, name="sk-edit"),
    path(S + "penugasan-luar/", views.penugasan_luar_list, name="penugasan-luar-list"),
    path(S + "penugasan-luar/baru/", views.penugasan_luar_create, name="penugasan-luar-create"),
    path(S + "berkas/<str:jenis>/<int:pk>/", views.berkas, name="berkas"),
    # Naskah dinas (Pasal 8(4)f, g)
    path(S + "naskah/", views.naskah_list, name="naskah-list"),
    path(S + "naskah/baru/<str:jenis>/", views.naskah_create, name="naskah-create"),
    path(S + "naskah/<int:pk>/", views.naskah_detail, name="naskah-detail"),
    path(S + "naskah/<int:pk>/ubah/", views.naskah_edit, name="naskah-edit"),
    path(S + "naskah/<int:pk>/lampiran/", views.lampiran_create, name="lampiran-create"),
    path(S + "naskah/<int:pk>/disposisi/", views.disposisi_create, name="disposisi-create"),
    path(S + "disposisi/<int:pk>/selesai/", views.disposisi_finish, name="disposisi-finish"),
    path(S + "naskah/format/", views.format_agenda, name="format-agenda"),
    path(S + "disposisi/", views.disposisi_saya, name="disposisi-saya"),
]

urlpatterns += [
    # Program kerja (Pasal 8(4)a, i; 25)
    path(S + "program-kerja/", views.kegiatan_list, name="kegiatan-list"),
    path(S + "program-kerja/baru/", views.kegiatan_create, name="kegiatan-create"),
    path(S + "program-kerja/<int:pk>/ubah/", views.kegiatan_edit, name="kegiatan-edit"),
]

urlpatterns += [
    # Laporan Kegiatan (Pasal 7(2)c)
    path(S + "laporan/", views.laporan_list, name="laporan-list"),
    path(S + "laporan/susun/", views.laporan_create, name="laporan-create"),
    path(S + "laporan/<int:pk>/", views.laporan_detail, name="laporan-detail"),
    path(S + "laporan/<int:pk>/status/", views.laporan_status, name="laporan-status"),
    path(S + "laporan/<int:pk>/narasi/", views.laporan_narasi, name="laporan-narasi"),
    path(S + "laporan/<int:pk>/terbitkan/", views.laporan_terbitkan, name="laporan-terbitkan"),
    path(S + "laporan/<int:pk>/unduh/", views.laporan_unduh, name="laporan-unduh"),
]

urlpatterns += [
    # E-reporting (Pasal 24(1)c); the public page links from the LPSE website.
    path(S + "statistik/", views.statistik, name="statistik"),
    path(S + "statistik/ekspor/", views.statistik_ekspor, name="statistik-ekspor"),
    path("statistik/", views.statistik_publik, name="statistik-publik"),
]

urlpatterns += [
    # SOP compliance and risks (Pasal 8(3)d, 12); kehumasan (Pasal 8(4)d)
    path(S + "sop/", views.sop, name="sop"),
    path(S + "risiko/", views.risiko_list, name="risiko-list"),
    path(S + "risiko/baru/", views.risiko_create, name="risiko-create"),
    path(S + "risiko/<int:pk>/ubah/", views.risiko_edit, name="risiko-edit"),
    path(S + "kehumasan/", views.humas, name="humas"),
    path("tentang-lpse/", views.profil_publik, name="profil-publik"),
]
