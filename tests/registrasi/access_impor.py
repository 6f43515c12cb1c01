from lpse import roles
from tests.access import Url
from tests.imports_util import import_rows

KEEPERS = {roles.KABID_REGISTRASI, roles.REGISTRASI}


def _pengguna():
    from registrasi.models import PenggunaSpse

    p = PenggunaSpse.objects.create(
        user_id="cvuji", nama="CV Uji", npwp="0012345678901000", email="cvuji@contoh.id", sumber="uji"
    )
    return {"pk": p.pk}


ACCESS = [
    Url("registrasi:pengguna-spse-list", KEEPERS),
    Url("registrasi:pengguna-spse-undang", KEEPERS, kwargs=_pengguna, method="post", ok=302),
    *import_rows("registrasi", "pengguna-spse", KEEPERS),
]
