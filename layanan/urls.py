from django.urls import path

from .views import kelola, pelatihan, publik, ruang, tiket

app_name = "layanan"

urlpatterns = [
    # Public: helpdesk and FAQ (Pasal 11 ayat 3).
    path("layanan/tiket/baru/", publik.tiket_baru, name="tiket-baru"),
    path("layanan/tiket/saran-faq/", publik.faq_saran, name="faq-saran"),
    path("layanan/tiket/saya/", publik.tiket_saya, name="tiket-saya"),
    path("layanan/tiket/<str:token>/", publik.tiket_publik, name="tiket-publik"),
    path("layanan/tiket/<str:token>/nilai/", publik.tiket_nilai, name="tiket-nilai"),
    path("layanan/tiket/<str:token>/lampiran/<int:pk>/", publik.tiket_lampiran_publik, name="tiket-lampiran-publik"),
    path("layanan/faq/", publik.faq_list, name="faq-list"),
    path("layanan/faq/<int:pk>/", publik.faq_detail, name="faq-detail"),
    path("layanan/faq/<int:pk>/suara/", publik.faq_vote, name="faq-vote"),
    # Trainings (Pasal 11 ayat 4 huruf b): public list and sign-up, private participant link.
    path("layanan/pelatihan/", pelatihan.pelatihan_list, name="pelatihan-list"),
    path("layanan/pelatihan/<int:pk>/", pelatihan.pelatihan_detail, name="pelatihan-detail"),
    path("layanan/pelatihan/peserta/<str:token>/", pelatihan.peserta, name="peserta"),
    path("layanan/pelatihan/peserta/<str:token>/batal/", pelatihan.peserta_batal, name="peserta-batal"),
    path("layanan/pelatihan/peserta/<str:token>/sertifikat/", pelatihan.peserta_sertifikat, name="peserta-sertifikat"),
    # Rooms (Pasal 14 huruf a): Pokja and staff.
    path("layanan/ruang/", ruang.ruang_kalender, name="ruang-kalender"),
    path("layanan/ruang/pemesanan/<int:pk>/batal/", ruang.pemesanan_batal, name="pemesanan-batal"),
    path("staf/layanan/ruang/pemesanan/<int:pk>/keputusan/", ruang.pemesanan_keputusan, name="pemesanan-keputusan"),
    # Staff.
    path("staf/layanan/", tiket.index, name="index"),
    path("staf/layanan/tiket/catat/", tiket.tiket_catat, name="tiket-catat"),
    path("staf/layanan/tiket/<int:pk>/", tiket.tiket_detail, name="tiket-detail"),
    path("staf/layanan/tiket/<int:pk>/balas/", tiket.tiket_balas, name="tiket-balas"),
    path("staf/layanan/tiket/<int:pk>/status/", tiket.tiket_status, name="tiket-status"),
    path("staf/layanan/tiket/<int:pk>/tugas/", tiket.tiket_tugas, name="tiket-tugas"),
    path("staf/layanan/tiket/<int:pk>/prioritas/", tiket.tiket_prioritas, name="tiket-prioritas"),
    path("staf/layanan/tiket/<int:pk>/gabung/", tiket.tiket_gabung, name="tiket-gabung"),
    path("staf/layanan/tiket/<int:pk>/eskalasi/", tiket.tiket_eskalasi, name="tiket-eskalasi"),
    path("staf/layanan/tiket/<int:pk>/faq/", tiket.tiket_faq, name="tiket-faq"),
    path("staf/layanan/tiket/<int:pk>/lampiran/<int:lampiran_pk>/", tiket.tiket_lampiran, name="tiket-lampiran"),
    path("staf/layanan/tiket/<int:pk>/berita-acara/", tiket.ba_create, name="ba-create"),
    path("staf/layanan/berita-acara/<int:pk>/unduh/", tiket.ba_download, name="ba-download"),
    path("staf/layanan/eskalasi/<int:pk>/jawab/", tiket.eskalasi_jawab, name="eskalasi-jawab"),
    path("staf/layanan/sla/", kelola.sla_target, name="sla-target"),
    path("staf/layanan/sla/laporan/", kelola.sla_laporan, name="sla-laporan"),
    path("staf/layanan/templat/", kelola.templat_list, name="templat-list"),
    path("staf/layanan/faq/", kelola.faq_kelola, name="faq-kelola"),
    path("staf/layanan/faq/baru/", kelola.faq_create, name="faq-create"),
    path("staf/layanan/faq/<int:pk>/ubah/", kelola.faq_edit, name="faq-edit"),
    path("staf/layanan/buku-tamu/", ruang.buku_tamu, name="buku-tamu"),
    path("staf/layanan/buku-tamu/<int:pk>/keluar/", ruang.tamu_keluar, name="tamu-keluar"),
    path("staf/layanan/pelatihan/", pelatihan.pelatihan_kelola, name="pelatihan-kelola"),
    path("staf/layanan/pelatihan/<int:pk>/", pelatihan.pelatihan_staf, name="pelatihan-staf"),
    path("staf/layanan/pelatihan/<int:pk>/sertifikat/", pelatihan.pelatihan_sertifikat, name="pelatihan-sertifikat"),
    path(
        "staf/layanan/pelatihan/peserta/<int:pk>/sertifikat/",
        pelatihan.sertifikat_download,
        name="sertifikat-download",
    ),
]
