from django.urls import path

from lpse.imports.urls import kind_urls

from .views import akun, draf, pengguna_spse, penonaktifan, publik, verifikasi

app_name = "registrasi"

urlpatterns = [
    # Public (Pasal 13(1)): no login; the status link's token is the applicant's key.
    path("registrasi/", publik.daftar, name="daftar"),
    path("registrasi/persiapan/", publik.persiapan, name="persiapan"),
    path("registrasi/pejabat/", publik.daftar_pejabat, name="daftar-pejabat"),
    path("registrasi/terkirim/", publik.terkirim, name="terkirim"),
    # Issue 13: documents upload one by one into a draft, resumable from its private link.
    path("registrasi/draf/unggah/", draf.unggah, name="draf-unggah"),
    path("registrasi/draf/<str:token>/", draf.lanjut, name="draf"),
    path("registrasi/draf/<str:token>/hapus/", draf.hapus, name="draf-hapus"),
    path("registrasi/konfirmasi/<str:token>/", publik.konfirmasi, name="konfirmasi"),
    path("registrasi/status/", publik.cek_status, name="cek-status"),
    path("registrasi/status/<str:token>/", publik.status, name="status"),
    path("registrasi/status/<str:token>/perbaikan/", publik.perbaikan, name="perbaikan"),
    path("registrasi/status/<str:token>/jadwal/", publik.jadwal, name="jadwal"),
    path("registrasi/status/<str:token>/formulir/<str:jenis>/", publik.formulir, name="formulir"),
    # Pasal 10(5): PA/KPA, PPK, ULP ask for a blacklisted vendor's deactivation (logged in).
    path("registrasi/penonaktifan/ajukan/", penonaktifan.penonaktifan_ajukan, name="penonaktifan-ajukan"),
    # Account services after approval
    path("registrasi/layanan-akun/", akun.layanan_akun, name="layanan-akun"),
    path(
        "registrasi/layanan-akun/<int:pk>/tanda-terima/",
        akun.layanan_akun_tanda_terima,
        name="layanan-akun-tanda-terima",
    ),
    path("registrasi/lupa-user-id/", akun.lupa_user_id, name="lupa-user-id"),
    # Staff of Bidang Registrasi dan Verifikasi (Pasal 10)
    path("staf/registrasi/", verifikasi.index, name="index"),
    path("staf/registrasi/ekspor/", verifikasi.ekspor, name="ekspor"),
    path("staf/registrasi/jadwal/", verifikasi.slot_list, name="slot-list"),
    path("staf/registrasi/<int:pk>/", verifikasi.detail, name="detail"),
    path("staf/registrasi/<int:pk>/klaim/", verifikasi.klaim, name="klaim"),
    path("staf/registrasi/<int:pk>/tugaskan/", verifikasi.tugaskan, name="tugaskan"),
    path("staf/registrasi/<int:pk>/periksa/", verifikasi.periksa, name="periksa"),
    path("staf/registrasi/<int:pk>/putuskan/", verifikasi.putuskan, name="putuskan"),
    path("staf/registrasi/<int:pk>/batalkan/", verifikasi.batalkan, name="batalkan"),
    path("staf/registrasi/berkas/<int:pk>/", verifikasi.berkas, name="berkas"),
    path("staf/registrasi/keputusan/<int:pk>/berita-acara/", verifikasi.berita_acara, name="berita-acara"),
    path("staf/registrasi/penonaktifan/", penonaktifan.penonaktifan_list, name="penonaktifan-list"),
    path("staf/registrasi/penonaktifan/baru/", penonaktifan.penonaktifan_baru, name="penonaktifan-baru"),
    path("staf/registrasi/penonaktifan/<int:pk>/", penonaktifan.penonaktifan_detail, name="penonaktifan-detail"),
    path(
        "staf/registrasi/penonaktifan/<int:pk>/putuskan/",
        penonaktifan.penonaktifan_putuskan,
        name="penonaktifan-putuskan",
    ),
    path("staf/registrasi/penonaktifan/<int:pk>/bukti/", penonaktifan.penonaktifan_bukti, name="penonaktifan-bukti"),
    path("staf/registrasi/layanan-akun/", akun.layanan_akun_list, name="layanan-akun-list"),
    path("staf/registrasi/layanan-akun/<int:pk>/", akun.layanan_akun_detail, name="layanan-akun-detail"),
    path("staf/registrasi/layanan-akun/<int:pk>/proses/", akun.layanan_akun_proses, name="layanan-akun-proses"),
    path("staf/registrasi/layanan-akun/<int:pk>/bukti/", akun.layanan_akun_bukti, name="layanan-akun-bukti"),
    path("staf/registrasi/kedaluwarsa/", akun.kedaluwarsa, name="kedaluwarsa"),
    # SPSE users made before the portal, imported from SPSE's user export (issue 15)
    path("staf/registrasi/pengguna-spse/", pengguna_spse.pengguna_spse_list, name="pengguna-spse-list"),
    path(
        "staf/registrasi/pengguna-spse/<int:pk>/undang/",
        pengguna_spse.pengguna_spse_undang,
        name="pengguna-spse-undang",
    ),
    *kind_urls("pengguna-spse", "staf/registrasi/pengguna-spse/"),
]
