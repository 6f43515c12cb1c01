from django.urls import path

from . import views

app_name = "registrasi"

urlpatterns = [
    path("staf/registrasi/", views.index, name="index"),
]
