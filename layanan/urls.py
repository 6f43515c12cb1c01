from django.urls import path

from lpse.imports.urls import kind_urls

from . import views, views_ruang, views_rup

app_name = "layanan"

urlpatterns = [
    # Public: helpdesk and FAQ (Pasal 11 ayat 3).
    path("layanan/tiket/baru/", views.tiket_baru, name="tiket-baru"),
    path("layanan/tiket/saran-faq/", views.faq_saran, name="faq-saran"),
    path("layanan/tiket/saya/", views.tiket_saya, name="tiket-saya"),
    path("layanan/tiket/<str:token>/", views.tiket_publik, name="tiket-publik"),
    path("layanan/tiket/<str:token>/nilai/", views.tiket_nilai, name="tiket-nilai"),
    path("layanan/tiket/<str:token>/lampiran/<int:pk>/", views.tiket_lampiran_publik, name="tiket-lampiran-publik"),
    path("layanan/faq/", views.faq_list, name="faq-list"),
    path("layanan/faq/<int:pk>/", views.faq_detail, name="faq-detail"),
    path("layanan/faq/<int:pk>/suara/", views.faq_vote, name="faq-vote"),
    # Trainings (Pasal 11 ayat 4 huruf b): public list and sign-up, private participant link.
    path("layanan/pelatihan/", views_ruang.pelatihan_list, name="pelatihan-list"),
    path("layanan/pelatihan/<int:pk>/", views_ruang.pelatihan_detail, name="pelatihan-detail"),
    path("layanan/pelatihan/peserta/<str:token>/", views_ruang.peserta, name="peserta"),
    path("layanan/pelatihan/peserta/<str:token>/batal/", views_ruang.peserta_batal, name="peserta-batal"),
    path(
        "layanan/pelatihan/peserta/<str:token>/sertifikat/", views_ruang.peserta_sertifikat, name="peserta-sertifikat"
    ),
    # Rooms (Pasal 14 huruf a): Pokja and staff.
    path("layanan/ruang/", views_ruang.ruang_kalender, name="ruang-kalender"),
    path("layanan/ruang/pemesanan/<int:pk>/batal/", views_ruang.pemesanan_batal, name="pemesanan-batal"),
    path(
        "staf/layanan/ruang/pemesanan/<int:pk>/keputusan/", views_ruang.pemesanan_keputusan, name="pemesanan-keputusan"
    ),
    # Staff.
    path("staf/layanan/", views.index, name="index"),
    path("staf/layanan/tiket/catat/", views.tiket_catat, name="tiket-catat"),
    path("staf/layanan/tiket/<int:pk>/", views.tiket_detail, name="tiket-detail"),
    path("staf/layanan/tiket/<int:pk>/balas/", views.tiket_balas, name="tiket-balas"),
    path("staf/layanan/tiket/<int:pk>/status/", views.tiket_status, name="tiket-status"),
    path("staf/layanan/tiket/<int:pk>/tugas/", views.tiket_tugas, name="tiket-tugas"),
    path("staf/layanan/tiket/<int:pk>/prioritas/", views.tiket_prioritas, name="tiket-prioritas"),
    path("staf/layanan/tiket/<int:pk>/gabung/", views.tiket_gabung, name="tiket-gabung"),
    path("staf/layanan/tiket/<int:pk>/eskalasi/", views.tiket_eskalasi, name="tiket-eskalasi"),
    path("staf/layanan/tiket/<int:pk>/faq/", views.tiket_faq, name="tiket-faq"),
    path("staf/layanan/tiket/<int:pk>/lampiran/<int:lampiran_pk>/", views.tiket_lampiran, name="tiket-lampiran"),
    path("staf/layanan/tiket/<int:pk>/berita-acara/", views.ba_create, name="ba-create"),
    path("staf/layanan/berita-acara/<int:pk>/unduh/", views.ba_download, name="ba-download"),
    path("staf/layanan/eskalasi/<int:pk>/jawab/", views.eskalasi_jawab, name="eskalasi-jawab"),
    path("staf/layanan/sla/", views.sla_target, name="sla-target"),
    path("staf/layanan/sla/laporan/", views.sla_laporan, name="sla-laporan"),
    path("staf/layanan/templat/", views.templat_list, name="templat-list"),
    path("staf/layanan/faq/", views.faq_kelola, name="faq-kelola"),
    path("staf/layanan/faq/baru/", views.faq_create, name="faq-create"),
    *kind_urls("faq", "staf/layanan/faq/"),
    path("staf/layanan/faq/<int:pk>/ubah/", views.faq_edit, name="faq-edit"),
    path("staf/layanan/buku-tamu/", views_ruang.buku_tamu, name="buku-tamu"),
    path("staf/layanan/buku-tamu/<int:pk>/keluar/", views_ruang.tamu_keluar, name="tamu-keluar"),
    path("staf/layanan/pelatihan/", views_ruang.pelatihan_kelola, name="pelatihan-kelola"),
    # RUP and announcement facilitation (Pasal 4(1)a–b, 24(1)a)
    path("staf/layanan/rup/", views_rup.rup_list, name="rup-list"),
    path("staf/layanan/rup/buka/", views_rup.rup_buka, name="rup-buka"),
    path("staf/layanan/rup/terlambat/", views_rup.rup_terlambat, name="rup-terlambat"),
    path("staf/layanan/rup/<int:pk>/", views_rup.rup_detail, name="rup-detail"),
    path("staf/layanan/pengumuman-ulp/", views_rup.pengumuman_ulp_list, name="pengumuman-ulp-list"),
    path("staf/layanan/pengumuman-ulp/<int:pk>/", views_rup.pengumuman_ulp_detail, name="pengumuman-ulp-detail"),
    path("staf/layanan/rup/<int:pk>/sesi/", views_rup.sesi_create, {"jenis": "rup"}, name="rup-sesi"),
    path(
        "staf/layanan/pengumuman-ulp/<int:pk>/sesi/",
        views_rup.sesi_create,
        {"jenis": "pengumuman"},
        name="pengumuman-ulp-sesi",
    ),
    *kind_urls("pelatihan", "staf/layanan/pelatihan/riwayat/"),
    path("staf/layanan/pelatihan/<int:pk>/", views_ruang.pelatihan_staf, name="pelatihan-staf"),
    path("staf/layanan/pelatihan/<int:pk>/sertifikat/", views_ruang.pelatihan_sertifikat, name="pelatihan-sertifikat"),
    path(
        "staf/layanan/pelatihan/peserta/<int:pk>/sertifikat/",
        views_ruang.sertifikat_download,
        name="sertifikat-download",
    ),
]
