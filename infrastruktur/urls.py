from django.urls import path

from lpse.imports.urls import kind_urls

from . import views

app_name = "infrastruktur"

S = "staf/infrastruktur/"

urlpatterns = [
    path(S, views.index, name="index"),
    path(f"{S}aset/", views.aset_list, name="aset-list"),
    path(f"{S}aset/baru/", views.aset_create, name="aset-create"),
    # Import (preview, confirm, template) and export of the register with its CIA ratings: lpse.imports.
    *kind_urls("aset", f"{S}aset/"),
    path(f"{S}aset/<int:pk>/", views.aset_detail, name="aset-detail"),
    path(f"{S}aset/<int:pk>/ubah/", views.aset_edit, name="aset-edit"),
    path(f"{S}insiden/", views.insiden_list, name="insiden-list"),
    path(f"{S}insiden/<int:pk>/", views.insiden_detail, name="insiden-detail"),
    path(f"{S}insiden/<int:pk>/<slug:aksi>/", views.insiden_aksi, name="insiden-aksi"),
    path(f"{S}instruksi-lkpp/", views.instruksi_list, name="instruksi-list"),
    path(f"{S}instruksi-lkpp/baru/", views.instruksi_create, name="instruksi-create"),
    path(f"{S}instruksi-lkpp/<int:pk>/ubah/", views.instruksi_edit, name="instruksi-edit"),
    path(f"{S}pemeliharaan/", views.pemeliharaan_list, name="pemeliharaan-list"),
    path(f"{S}pemeliharaan/baru/", views.pemeliharaan_create, name="pemeliharaan-create"),
    path(f"{S}pemeliharaan/<int:pk>/ubah/", views.pemeliharaan_edit, name="pemeliharaan-edit"),
    path(f"{S}perubahan/", views.perubahan_list, name="perubahan-list"),
    path(f"{S}perubahan/baru/", views.perubahan_create, name="perubahan-create"),
    path(f"{S}perubahan/<int:pk>/", views.perubahan_detail, name="perubahan-detail"),
    path(f"{S}perubahan/<int:pk>/status/", views.perubahan_transisi, name="perubahan-transisi"),
    path(f"{S}ruang-server/", views.ruang_list, name="ruang-list"),
    path(f"{S}ruang-server/cek/", views.ruang_create, name="ruang-create"),
    path(f"{S}ruang-server/izin/", views.izin_list, name="izin-list"),
    path(f"{S}ruang-server/izin/baru/", views.izin_create, name="izin-create"),
    path(f"{S}ruang-server/izin/<int:pk>/", views.izin_detail, name="izin-detail"),
    path("ruang-server/izin/ajukan/", views.izin_ajukan, name="izin-ajukan"),
    path(f"{S}ruang-server/izin/<int:pk>/<slug:aksi>/", views.izin_aksi, name="izin-aksi"),
]
