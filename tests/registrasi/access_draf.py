"""Role × URL rows of the registration draft (issue 13): public, the private token is the key."""

from tests.access import PUBLIC, Url


def _draf():
    from django.core.files.base import ContentFile

    from registrasi import services

    from .factories import pdf_bytes

    upload = ContentFile(pdf_bytes(), name="ktp.pdf")
    draf = services.draf_keep(draf=None, jenis="penyedia", files={"ktp": (upload, "pdf")})
    return {"token": draf.token}


ACCESS = [
    # An empty upload is refused with a 400 and an Indonesian message, never a 500.
    Url("registrasi:draf-unggah", PUBLIC, method="post", ok=400),
    # The resume page shows the documents already attached.
    Url("registrasi:draf", PUBLIC, kwargs=_draf),
    Url("registrasi:draf-hapus", PUBLIC, kwargs=_draf, method="post", ok=400),
]
