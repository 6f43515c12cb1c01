from django.urls import path

from lpse.imports.urls import kind_urls

from . import views

app_name = "registrasi"

urlpatterns = [
    # Public (Pasal 13(1)): no login; the status link's token is the applicant's key.
    path("registrasi/", views.daftar, name="daftar"),
    path("registrasi/pejabat/", views.daftar_pejabat, name="daftar-pejabat"),
    path("registrasi/terkirim/", views.terkirim, name="terkirim"),
    path("registrasi/konfirmasi/<str:token>/", views.konfirmasi, name="konfirmasi"),
    path("registrasi/status/", views.cek_status, name="cek-status"),
    path("registrasi/status/<str:token>/", views.status, name="status"),
    path("registrasi/status/<str:token>/perbaikan/", views.perbaikan, name="perbaikan"),
    path("registrasi/status/<str:token>/jadwal/", views.jadwal, name="jadwal"),
    path("registrasi/status/<str:token>/formulir/<str:jenis>/", views.formulir, name="formulir"),
    # Pasal 10(5): PA/KPA, PPK, ULP ask for a blacklisted vendor's deactivation (logged in).
    path("registrasi/penonaktifan/ajukan/", views.penonaktifan_ajukan, name="penonaktifan-ajukan"),
    # Account services after approval
    path("registrasi/layanan-akun/", views.layanan_akun, name="layanan-akun"),
    path(
        "registrasi/layanan-akun/<int:pk>/tanda-terima/",
        views.layanan_akun_tanda_terima,
        name="layanan-akun-tanda-terima",
    ),
    path("registrasi/lupa-user-id/", views.lupa_user_id, name="lupa-user-id"),
    # Staff of Bidang Registrasi dan Verifikasi (Pasal 10)
    path("staf/registrasi/", views.index, name="index"),
    path("staf/registrasi/ekspor/", views.ekspor, name="ekspor"),
    path("staf/registrasi/jadwal/", views.slot_list, name="slot-list"),
    path("staf/registrasi/<int:pk>/", views.detail, name="detail"),
    path("staf/registrasi/<int:pk>/klaim/", views.klaim, name="klaim"),
    path("staf/registrasi/<int:pk>/tugaskan/", views.tugaskan, name="tugaskan"),
    path("staf/registrasi/<int:pk>/periksa/", views.periksa, name="periksa"),
    path("staf/registrasi/<int:pk>/putuskan/", views.putuskan, name="putuskan"),
    path("staf/registrasi/<int:pk>/batalkan/", views.batalkan, name="batalkan"),
    path("staf/registrasi/berkas/<int:pk>/", views.berkas, name="berkas"),
    path("staf/registrasi/keputusan/<int:pk>/berita-acara/", views.berita_acara, name="berita-acara"),
    path("staf/registrasi/penonaktifan/", views.penonaktifan_list, name="penonaktifan-list"),
    path("staf/registrasi/penonaktifan/baru/", views.penonaktifan_baru, name="penonaktifan-baru"),
    path("staf/registrasi/penonaktifan/<int:pk>/", views.penonaktifan_detail, name="penonaktifan-detail"),
    path("staf/registrasi/penonaktifan/<int:pk>/putuskan/", views.penonaktifan_putuskan, name="penonaktifan-putuskan"),
    path("staf/registrasi/penonaktifan/<int:pk>/bukti/", views.penonaktifan_bukti, name="penonaktifan-bukti"),
    path("staf/registrasi/layanan-akun/", views.layanan_akun_list, name="layanan-akun-list"),
    path("staf/registrasi/layanan-akun/<int:pk>/", views.layanan_akun_detail, name="layanan-akun-detail"),
    path("staf/registrasi/layanan-akun/<int:pk>/proses/", views.layanan_akun_proses, name="layanan-akun-proses"),
    path("staf/registrasi/layanan-akun/<int:pk>/bukti/", views.layanan_akun_bukti, name="layanan-akun-bukti"),
    path("staf/registrasi/kedaluwarsa/", views.kedaluwarsa, name="kedaluwarsa"),
    # SPSE users made before the portal, imported from SPSE's user export (issue 15)
    path("staf/registrasi/pengguna-spse/", views.pengguna_spse_list, name="pengguna-spse-list"),
    path("staf/registrasi/pengguna-spse/<int:pk>/undang/", views.pengguna_spse_undang, name="pengguna-spse-undang"),
    *kind_urls("pengguna-spse", "staf/registrasi/pengguna-spse/"),
]
