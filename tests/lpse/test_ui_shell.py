"""The UI shell: Indonesian formats, navigation per role, names in the header."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.urls import reverse

from lpse import roles
from lpse.models import User
from lpse.templatetags.portal import judul


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_dates_use_indonesian_month_names_in_full():
    assert _render("{{ d|date }}", d=date(2026, 8, 17)) == "17 Agustus 2026"
    assert _render('{{ d|date:"l, j F Y" }}', d=date(2026, 11, 26)) == "Kamis, 26 November 2026"


def test_datetimes_show_jakarta_time():
    moment = datetime(2026, 11, 26, 2, 30, tzinfo=ZoneInfo("UTC"))
    assert _render("{{ t|date:'DATETIME_FORMAT' }}", t=moment) == "26 November 2026, 09.30"


def test_numbers_use_dots_for_thousands_and_comma_for_decimals():
    assert _render("{% load humanize %}{{ n|intcomma }}", n=1234567) == "1.234.567"
    assert _render("{{ n }}", n=1234567) == "1.234.567"
    assert _render("{{ f|floatformat:2 }}", f=1234.5) == "1.234,50"


def test_judul_keeps_conjunctions_lower_case():
    assert judul("DINAS KOMUNIKASI DAN INFORMATIKA") == "Dinas Komunikasi dan Informatika"
    assert judul("dan lain-lain") == "Dan Lain-lain"  # the first word is always capitalised


def test_short_name_drops_academic_titles():
    assert User(nama_lengkap="Drs. Ardi Sembiring, M.Si.").get_short_name() == "Ardi Sembiring"
    assert User(nama_lengkap="Ir. Benny Karo-Karo").get_short_name() == "Benny Karo-Karo"
    assert User(nama_lengkap="Maya Br Tarigan").get_short_name() == "Maya Br Tarigan"
    assert User(nama_lengkap="", email="a@b.id").get_short_name() == "a@b.id"


def test_anonymous_visitor_sees_no_staff_navigation(client, db):
    html = client.get("/").content.decode()
    assert 'aria-label="Navigasi utama"' not in html
    assert reverse("login") in html


def test_outside_user_sees_no_staff_links(client_as):
    html = client_as(roles.PENYEDIA).get(reverse("lpse:profil")).content.decode()
    assert reverse("lpse:dashboard") not in html
    assert reverse("lpse:pengumuman-kelola") not in html


def test_staff_see_their_bidang_and_the_shared_pages(client_as):
    html = client_as(roles.REGISTRASI).get(reverse("lpse:dashboard")).content.decode()
    assert 'aria-label="Navigasi utama"' in html
    assert 'aria-current="page"' in html
    for url in (reverse("lpse:pengumuman-kelola"), reverse("lpse:dokumen-list"), reverse("registrasi:index")):
        assert f'href="{url}"' in html
    assert f'href="{reverse("sekretariat:index")}"' not in html
    assert f'href="{reverse("lpse:pengguna-list")}"' not in html


def test_error_pages_are_indonesian_and_standalone_500():
    from django.test import RequestFactory

    from lpse.errors import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert 'lang="id"' in response.content.decode()


def test_pages_carry_the_security_headers(client, db):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_base_template_has_no_inline_script_or_style(client_as):
    html = client_as(roles.KEPALA_UNIT).get(reverse("lpse:dashboard")).content.decode()
    assert "<script>" not in html and "style=" not in html
