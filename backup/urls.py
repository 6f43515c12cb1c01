"""URLs of the backup SOP (Pasal 18); the paths are the ones of before the split (bookmarks)."""

from django.urls import path

from . import views

app_name = "backup"

B = "staf/infrastruktur/backup/"

urlpatterns = [
    path(B, views.backup_index, name="index"),
    path(f"{B}sumber/tambah/", views.source_create, name="sumber-tambah"),
    path(f"{B}sumber/<int:pk>/", views.source_edit, name="sumber-ubah"),
    path(f"{B}sumber/<int:pk>/jalankan/", views.run_start, name="jalankan"),
    path(f"{B}run/<int:pk>/", views.run_detail, name="run"),
    path(f"{B}run/<int:pk>/progres/", views.run_progress, name="progres"),
    path(f"{B}kebijakan/", views.policy_edit, name="kebijakan"),
    path(f"{B}media/", views.media_index, name="media"),
    path(f"{B}media/<int:pk>/", views.media_edit, name="media-ubah"),
    path(f"{B}salinan/<int:pk>/", views.media_copy_detail, name="salinan"),
    path(f"{B}salinan/<int:pk>/berita-acara/", views.media_copy_berita_acara, name="berita-acara"),
    path(f"{B}pemulihan/", views.restore_guide, name="pemulihan"),
]
