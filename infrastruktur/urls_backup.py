"""URLs of the backup SOP (Pasal 18), added to infrastruktur/urls.py."""

from django.urls import path

from .backup import views

urlpatterns = [
    path("staf/infrastruktur/backup/", views.backup_index, name="backup"),
    path("staf/infrastruktur/backup/sumber/tambah/", views.source_create, name="backup-sumber-tambah"),
    path("staf/infrastruktur/backup/sumber/<int:pk>/", views.source_edit, name="backup-sumber-ubah"),
    path("staf/infrastruktur/backup/sumber/<int:pk>/jalankan/", views.run_start, name="backup-jalankan"),
    path("staf/infrastruktur/backup/run/<int:pk>/", views.run_detail, name="backup-run"),
    path("staf/infrastruktur/backup/run/<int:pk>/progres/", views.run_progress, name="backup-progres"),
    path("staf/infrastruktur/backup/kebijakan/", views.policy_edit, name="backup-kebijakan"),
    path("staf/infrastruktur/backup/media/", views.media_index, name="backup-media"),
    path("staf/infrastruktur/backup/media/<int:pk>/", views.media_edit, name="backup-media-ubah"),
    path("staf/infrastruktur/backup/salinan/<int:pk>/", views.media_copy_detail, name="backup-salinan"),
    path(
        "staf/infrastruktur/backup/salinan/<int:pk>/berita-acara/",
        views.media_copy_berita_acara,
        name="backup-berita-acara",
    ),
    path("staf/infrastruktur/backup/pemulihan/", views.restore_guide, name="backup-pemulihan"),
]
