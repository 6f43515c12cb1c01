from django.urls import path

from . import views
from .urls_backup import urlpatterns as backup_urlpatterns

app_name = "infrastruktur"

urlpatterns = [
    path("staf/infrastruktur/", views.index, name="index"),
]

urlpatterns += backup_urlpatterns
