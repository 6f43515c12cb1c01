from django.urls import path

from . import views

app_name = "infrastruktur"

urlpatterns = [
    path("staf/infrastruktur/", views.index, name="index"),
]
