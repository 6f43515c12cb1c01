"""URL patterns of one import kind, mounted by the bidang that owns it:

    urlpatterns += kind_urls("pengguna-spse", "staf/registrasi/pengguna-spse/")

gives ``<ns>:impor-pengguna-spse`` (upload), ``…-pratinjau``, ``…-konfirmasi``,
``…-batal``, ``…-progres``, ``…-templat`` and ``…-ekspor``.
"""

from django.urls import path

from . import views


def kind_urls(key: str, prefix: str) -> list:
    kw = {"kind_key": key}
    name = f"impor-{key}"
    return [
        path(f"{prefix}impor/", views.upload, kw, name=name),
        path(f"{prefix}impor/<int:pk>/", views.preview, kw, name=f"{name}-pratinjau"),
        path(f"{prefix}impor/<int:pk>/konfirmasi/", views.confirm, kw, name=f"{name}-konfirmasi"),
        path(f"{prefix}impor/<int:pk>/batal/", views.cancel, kw, name=f"{name}-batal"),
        path(f"{prefix}impor/<int:pk>/progres/", views.progress, kw, name=f"{name}-progres"),
        path(f"{prefix}impor/templat/", views.template, kw, name=f"{name}-templat"),
        path(f"{prefix}ekspor/", views.export, kw, name=f"{name}-ekspor"),
    ]
