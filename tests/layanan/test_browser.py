"""In Chromium: a guest opens a ticket, the helpdesk replies, the guest answers
through the private link, the helpdesk solves it, the guest rates it."""

import os

import pytest

from layanan.models import Status, Tiket
from lpse import roles
from tests.otp_helpers import pass_second_factor_in_browser, totp_device

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture
def short_connections():
    """Live-server threads close their connections after each request, so the
    test database can be dropped at the end (settings keep them 60 s)."""
    from django.db import connections

    old = connections.settings["default"].get("CONN_MAX_AGE", 0)
    connections.settings["default"]["CONN_MAX_AGE"] = 0
    yield
    connections.settings["default"]["CONN_MAX_AGE"] = old
    # A live-server request thread can end without closing its connection; a
    # stale idle session of this test database would stop pytest-django from
    # dropping it at the end. End such sessions (this database only).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'"
        )


@pytest.fixture
def browser(chromium_browser):
    """The session's one Chromium (tests/conftest.py): Playwright's sync API
    runs one event loop per thread, so a second launcher would fail."""
    return chromium_browser


@pytest.mark.browser
def test_guest_and_helpdesk_work_a_ticket_to_a_rating(short_connections, live_server, browser, make_user):
    staff_user = make_user(roles.LAYANAN, email="sari@lpse.karokab.go.id", nama_lengkap="Sari Br Purba")
    guest = browser.new_page()
    guest.set_default_timeout(15_000)
    guest.goto(f"{live_server.url}/layanan/tiket/baru/")
    guest.fill("#id_nama", "Joni Tarigan")
    guest.fill("#id_email", "joni@cv-sinar.co.id")
    guest.fill("#id_telepon", "0628 20001")
    guest.fill("#id_instansi", "CV Sinar Karo")
    guest.select_option("#id_kategori", "teknis")
    guest.select_option("#id_jenis_pelapor", "penyedia")
    guest.fill("#id_subjek", "Tidak dapat mengunggah penawaran")
    guest.fill("#id_deskripsi", "Galat 500 saat unggah, batas pukul 15.00.")
    guest.click("form button[type=submit]")
    guest.wait_for_selector("text=Tiket TK-")
    link = guest.url
    tiket = Tiket.objects.get()
    assert link.endswith(tiket.get_public_url())

    staff = browser.new_context().new_page()
    staff.set_default_timeout(15_000)
    staff.goto(f"{live_server.url}/akun/masuk/")
    staff.fill("#id_username", staff_user.email)
    staff.fill("#id_password", "rahasia-uji-123")
    device = totp_device(staff_user)
    staff.click("form button[type=submit]")
    pass_second_factor_in_browser(staff, device)
    staff.wait_for_url("**/staf/**")
    staff.goto(f"{live_server.url}{tiket.get_absolute_url()}")
    staff.fill("#id_isi", "Mohon kirim tangkapan layar galatnya.")
    staff.select_option("section[aria-labelledby=judul-balas] select[name=status]", "menunggu")
    staff.click("section[aria-labelledby=judul-balas] button[type=submit]")
    staff.wait_for_selector("text=Balasan tersimpan.")

    guest.goto(link)
    assert guest.is_visible("text=Mohon kirim tangkapan layar galatnya.")
    guest.fill("#id_isi", "Galatnya: 'Gagal enkripsi berkas'.")
    guest.click("section[aria-labelledby=judul-balas] button[type=submit]")
    guest.wait_for_selector("text=Balasan Anda terkirim.")
    tiket.refresh_from_db()
    assert tiket.status == Status.DITANGANI

    staff.reload()
    assert staff.is_visible("text=Gagal enkripsi berkas")
    staff.select_option("form[action$='/status/'] select[name=status]", "selesai")
    staff.click("form[action$='/status/'] button[type=submit]")
    staff.wait_for_selector("text=Status diubah.")

    guest.goto(link)
    guest.check("input[name=nilai][value='5']")
    guest.fill("#id_komentar", "Cepat dan jelas.")
    guest.click("section[aria-labelledby=judul-nilai] button[type=submit]")
    guest.wait_for_selector("text=Terima kasih atas penilaian Anda.")
    tiket.refresh_from_db()
    assert (tiket.status, tiket.nilai, tiket.komentar_nilai) == (Status.DITUTUP, 5, "Cepat dan jelas.")
