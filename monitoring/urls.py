"""URLs of server monitoring; the paths are the ones of before the split (bookmarks, and agents
post to /api/infrastruktur/metrik/)."""

from django.urls import path

from . import views

app_name = "monitoring"

S = "staf/infrastruktur/"

urlpatterns = [
    path(f"{S}aset/<int:pk>/token/", views.token_create, name="token-create"),
    path(f"{S}token/<int:pk>/cabut/", views.token_revoke, name="token-revoke"),
    path(f"{S}aset/<int:pk>/pemeriksaan/baru/", views.pemeriksaan_create, name="pemeriksaan-create"),
    path(f"{S}pemeriksaan/<int:pk>/ubah/", views.pemeriksaan_edit, name="pemeriksaan-edit"),
    path(f"{S}laporan/", views.laporan_list, name="laporan-list"),
    path(f"{S}laporan/<int:pk>/unduh/", views.laporan_unduh, name="laporan-unduh"),
    # Pasal 17(6): the LKPP role opens these, read-only.
    path(f"{S}monitoring/", views.overview, name="overview"),
    path(f"{S}monitoring/uptime/", views.uptime, name="uptime"),
    path(f"{S}monitoring/aset/<int:pk>/", views.aset_grafik, name="aset"),
    path(f"{S}monitoring/aset/<int:pk>/data/", views.aset_grafik_data, name="data"),
    # Pasal 17(5): upgrade planning.
    path(f"{S}rekomendasi-upgrade/", views.rekomendasi_list, name="rekomendasi-list"),
    path(f"{S}rekomendasi-upgrade/<int:pk>/", views.rekomendasi_detail, name="rekomendasi-detail"),
    path(f"{S}rekomendasi-upgrade/<int:pk>/usulan/", views.rekomendasi_usulan, name="rekomendasi-usulan"),
    path(f"{S}rekomendasi-upgrade/<int:pk>/<slug:aksi>/", views.rekomendasi_aksi, name="rekomendasi-aksi"),
    path("api/infrastruktur/metrik/", views.api_metrik, name="api-metrik"),
]
