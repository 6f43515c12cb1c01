from django.urls import path

from lpse.imports.urls import kind_urls

from .views import common, kegiatan, koordinasi, laporan, naskah, pegawai, perlengkapan, sop, statistik

app_name = "sekretariat"

S = "staf/sekretariat/"

urlpatterns = [
    path(S, common.index, name="index"),
    # Personnel (Pasal 6, 19, 21, 22)
    path(S + "pegawai/", pegawai.pegawai_list, name="pegawai-list"),
    path(S + "pegawai/baru/", pegawai.pegawai_create, name="pegawai-create"),
    *kind_urls("pegawai", S + "pegawai/"),
    path(S + "pegawai/<int:pk>/", pegawai.pegawai_detail, name="pegawai-detail"),
    path(S + "pegawai/<int:pk>/ubah/", pegawai.pegawai_edit, name="pegawai-edit"),
    path(S + "pegawai/<int:pk>/kualifikasi/", pegawai.kualifikasi_create, name="kualifikasi-create"),
    path(S + "pegawai/<int:pk>/pelatihan/", pegawai.pelatihan_create, name="pelatihan-create"),
    path(S + "pegawai/<int:pk>/honorarium/", pegawai.honorarium_create, name="honorarium-create"),
    path(S + "honorarium/", pegawai.honorarium_list, name="honorarium-list"),
    path(S + "bagan/", pegawai.bagan, name="bagan"),
    path(S + "sk/", pegawai.sk_list, name="sk-list"),
    path(S + "sk/baru/", pegawai.sk_create, name="sk-create"),
    path(S + "sk/<int:pk>/", pegawai.sk_detail, name="sk-detail"),
    path(S + "sk/<int:pk>/ubah/", pegawai.sk_edit, name="sk-edit"),
    path(S + "penugasan-luar/", pegawai.penugasan_luar_list, name="penugasan-luar-list"),
    path(S + "penugasan-luar/baru/", pegawai.penugasan_luar_create, name="penugasan-luar-create"),
    path(S + "berkas/<str:jenis>/<int:pk>/", pegawai.berkas, name="berkas"),
    # Naskah dinas (Pasal 8(4)f, g)
    path(S + "naskah/", naskah.naskah_list, name="naskah-list"),
    path(S + "naskah/baru/<str:jenis>/", naskah.naskah_create, name="naskah-create"),
    path(S + "naskah/<int:pk>/", naskah.naskah_detail, name="naskah-detail"),
    path(S + "naskah/<int:pk>/ubah/", naskah.naskah_edit, name="naskah-edit"),
    path(S + "naskah/<int:pk>/lampiran/", naskah.lampiran_create, name="lampiran-create"),
    path(S + "naskah/<int:pk>/disposisi/", naskah.disposisi_create, name="disposisi-create"),
    path(S + "disposisi/<int:pk>/selesai/", naskah.disposisi_finish, name="disposisi-finish"),
    path(S + "naskah/format/", naskah.format_agenda, name="format-agenda"),
    path(S + "disposisi/", naskah.disposisi_saya, name="disposisi-saya"),
]

urlpatterns += [
    # Program kerja (Pasal 8(4)a, i; 25)
    path(S + "program-kerja/", kegiatan.kegiatan_list, name="kegiatan-list"),
    path(S + "program-kerja/baru/", kegiatan.kegiatan_create, name="kegiatan-create"),
    path(S + "program-kerja/<int:pk>/ubah/", kegiatan.kegiatan_edit, name="kegiatan-edit"),
]

urlpatterns += [
    # Laporan Kegiatan (Pasal 7(2)c)
    path(S + "laporan/", laporan.laporan_list, name="laporan-list"),
    path(S + "laporan/susun/", laporan.laporan_create, name="laporan-create"),
    path(S + "laporan/<int:pk>/", laporan.laporan_detail, name="laporan-detail"),
    path(S + "laporan/<int:pk>/status/", laporan.laporan_status, name="laporan-status"),
    path(S + "laporan/<int:pk>/narasi/", laporan.laporan_narasi, name="laporan-narasi"),
    path(S + "laporan/<int:pk>/terbitkan/", laporan.laporan_terbitkan, name="laporan-terbitkan"),
    path(S + "laporan/<int:pk>/unduh/", laporan.laporan_unduh, name="laporan-unduh"),
]

urlpatterns += [
    # E-reporting (Pasal 24(1)c); the public page links from the LPSE website.
    path(S + "statistik/", statistik.statistik, name="statistik"),
    path(S + "statistik/ekspor/", statistik.statistik_ekspor, name="statistik-ekspor"),
    path("statistik/", statistik.statistik_publik, name="statistik-publik"),
]

urlpatterns += [
    # SOP compliance and risks (Pasal 8(3)d, 12); kehumasan (Pasal 8(4)d)
    path(S + "sop/", sop.sop, name="sop"),
    path(S + "risiko/", sop.risiko_list, name="risiko-list"),
    path(S + "risiko/baru/", sop.risiko_create, name="risiko-create"),
    path(S + "risiko/<int:pk>/ubah/", sop.risiko_edit, name="risiko-edit"),
    path(S + "kehumasan/", sop.humas, name="humas"),
    path("tentang-lpse/", sop.profil_publik, name="profil-publik"),
    # Coordination with LKPP (Pasal 24(2))
    path(S + "koordinasi-lkpp/", koordinasi.koordinasi_list, name="koordinasi-list"),
    path(S + "koordinasi-lkpp/<int:pk>/", koordinasi.koordinasi_detail, name="koordinasi-detail"),
    path(S + "koordinasi-lkpp/<int:pk>/tautan/", koordinasi.koordinasi_tautan, name="koordinasi-tautan"),
]

P = S + "perlengkapan/"

urlpatterns += [
    # Perlengkapan and rumah tangga (Pasal 8(4)f)
    path(P, perlengkapan.barang_list, name="barang-list"),
    path(P + "ekspor-daftar/", perlengkapan.barang_ekspor, name="barang-ekspor"),
    path(P + "baru/", perlengkapan.barang_create, name="barang-create"),
    *kind_urls("barang", P),
    path(P + "<int:pk>/", perlengkapan.barang_detail, name="barang-detail"),
    path(P + "<int:pk>/ubah/", perlengkapan.barang_edit, name="barang-edit"),
    path(P + "<int:pk>/mutasi/", perlengkapan.barang_mutasi, name="barang-mutasi"),
    path(P + "<int:pk>/serahkan/", perlengkapan.barang_pinjam, name="barang-pinjam"),
    path(P + "pemegang/", perlengkapan.peminjaman_list, name="peminjaman-list"),
    path(P + "pemegang/<int:pk>/kembali/", perlengkapan.peminjaman_kembali, name="peminjaman-kembali"),
    path(P + "permintaan/", perlengkapan.permintaan_list, name="permintaan-list"),
    path(P + "permintaan/<int:pk>/putus/", perlengkapan.permintaan_putus, name="permintaan-putus"),
    path(P + "inventarisasi/", perlengkapan.stok_opname_list, name="stok-opname-list"),
    path(P + "inventarisasi/<int:pk>/", perlengkapan.stok_opname_detail, name="stok-opname-detail"),
    path(P + "inventarisasi/<int:pk>/selesai/", perlengkapan.stok_opname_selesai, name="stok-opname-selesai"),
]
