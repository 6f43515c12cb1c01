from django.urls import path

from . import views

app_name = "layanan"

urlpatterns = [
    path("staf/layanan/", views.index, name="index"),
]
