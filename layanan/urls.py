from django.urls import path

from . import views

app_name = "layanan"

urlpatterns = [
    # Public: helpdesk and FAQ (Pasal 11 ayat 3).
    path("layanan/tiket/baru/", views.tiket_baru, name="tiket-baru"),
    path("layanan/tiket/saran-faq/", views.faq_saran, name="faq-saran"),
    path("layanan/tiket/<str:token>/", views.tiket_publik, name="tiket-publik"),
    path("layanan/tiket/<str:token>/nilai/", views.tiket_nilai, name="tiket-nilai"),
    path("layanan/tiket/<str:token>/lampiran/<int:pk>/", views.tiket_lampiran_publik, name="tiket-lampiran-publik"),
    path("layanan/faq/", views.faq_list, name="faq-list"),
    path("layanan/faq/<int:pk>/", views.faq_detail, name="faq-detail"),
    path("layanan/faq/<int:pk>/suara/", views.faq_vote, name="faq-vote"),
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
    path("staf/layanan/faq/<int:pk>/ubah/", views.faq_edit, name="faq-edit"),
]
