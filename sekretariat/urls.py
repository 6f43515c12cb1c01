from django.urls import path

from . import views

app_name = "sekretariat"

urlpatterns = [
    path("staf/sekretariat/", views.index, name="index"),
]
