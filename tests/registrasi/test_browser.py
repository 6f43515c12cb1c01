"""The whole journey in a real browser: from an empty form to an approved vendor who logs in."""

import re

import pytest

from lpse import roles
from lpse.models import EmailOutbox
from registrasi.models import Pendaftaran
from tests.otp_helpers import pass_second_factor_in_browser, totp_device

from .factories import make_slot, nik, npwp15, pdf_bytes, png_bytes

PASSWORD = "rahasia-uji-123"


def _link(pattern: str) -> str:
    for mail in EmailOutbox.objects.order_by("-id"):
        found = re.search(pattern, mail.isi)
        if found:
            return found.group(0)
    raise AssertionError(f"tidak ada email dengan {pattern}")


@pytest.mark.browser
def test_vendor_from_empty_form_to_approved_login(live_server, make_user, tmp_path, chromium_browser):
    from playwright.sync_api import expect

    verifier = make_user(roles.REGISTRASI, email="verifikator@uji.lpse.id")
    make_slot(kapasitas=2, days=2)  # on a working day: weekend slots are not offered
    for name, data in (
        ("ktp.pdf", pdf_bytes()),
        ("akta.pdf", pdf_bytes()),
        ("npwp.png", png_bytes()),
        ("izin.pdf", pdf_bytes()),
    ):
        (tmp_path / name).write_bytes(data)
    url = live_server.url

    context = chromium_browser.new_context()  # the session's one Chromium (tests/conftest.py)
    page = context.new_page()
    page.set_default_timeout(15000)

    # 1. Registration from the office (Pasal 13(1)a).
    page.goto(f"{url}/registrasi/")
    expect(page.locator("[data-pasal='13-5']")).to_be_visible()  # Pasal 13(5) said plainly
    fields = {
        "nama_badan_usaha": "CV Peramban Karo",
        "npwp": npwp15(4242),
        "nib": "9120000004242",
        "alamat": "Jl. Pahlawan 1",
        "provinsi": "Sumatera Utara",
        "kabupaten_kota": "Kabupaten Karo",
        "kode_pos": "22111",
        "telepon": "0628-20202",
        "email": "peramban@contoh.co.id",
        "pj_nama": "Joni Ginting",
        "pj_nik": nik(4242),
        "pj_jabatan": "Direktur",
        "kontak_nama": "Rina",
        "kontak_telepon": "08126000",
        "user_id_diminta": "peramban01",
    }
    for name, value in fields.items():
        page.fill(f"#id_{name}", value)
    page.select_option("#id_bentuk_usaha", "cv")
    for field, name in (
        ("ktp", "ktp.pdf"),
        ("akta_pendirian", "akta.pdf"),
        ("npwp", "npwp.png"),
        ("izin_usaha", "izin.pdf"),
    ):
        page.set_input_files(f"#id_berkas_{field}", str(tmp_path / name))
    page.click("button[type=submit]:has-text('Kirim pendaftaran')")
    expect(page).to_have_url(re.compile(r"/registrasi/terkirim/$"))

    # 2. Email confirmation gives the number and the private status link.
    page.goto(url + _link(r"/registrasi/konfirmasi/[^/\s]+/"))
    page.click("text=Konfirmasi email saya")
    expect(page).to_have_url(re.compile(r"/registrasi/status/[^/]+/$"))
    pendaftaran = Pendaftaran.objects.get(email="peramban@contoh.co.id")
    expect(page.locator("h1")).to_contain_text(pendaftaran.nomor)
    page.select_option("#id_slot", index=1)
    page.click("button:has-text('Pesan jadwal')")
    expect(page.locator("#judul-jadwal ~ p")).to_contain_text("Jadwal Anda")

    # 3. The verifier claims, checks each copy against the original, approves (Pasal 13(2), 10(4)).
    page.goto(f"{url}/akun/masuk/")
    page.fill("#id_username", verifier.email)
    page.fill("#id_password", PASSWORD)
    device = totp_device(verifier)
    page.click("button[type=submit]")
    pass_second_factor_in_browser(page, device)  # staff sign in with two factors (issue 11)
    page.wait_for_url("**/staf/**")
    page.goto(f"{url}/staf/registrasi/")
    page.click(f"text={pendaftaran.nomor}")
    page.click("button:has-text('Klaim')")
    for berkas in pendaftaran.berkas.all():
        page.check(f"input[name='hasil_{berkas.pk}'][value='sesuai']")
    page.click("button:has-text('Simpan pemeriksaan')")
    expect(page.locator(".alert-success")).to_contain_text("tersimpan")
    page.check("input[name='hasil'][value='setuju']")
    page.fill("#id_user_id_spse", "peramban01")
    page.click("button:has-text('Simpan keputusan')")
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "disetujui")
    page.click(".dropdown-toggle:has(.nama-pengguna)")  # the account menu holds "Keluar"
    page.click("button:has-text('Keluar')")

    # 4. The vendor sets a password from the email (Pasal 10(6)f) and logs in.
    page.goto(url + _link(r"/akun/kata-sandi/atur/\S+/"))
    page.fill("#id_new_password1", "Karo-Jaya-2026!")
    page.fill("#id_new_password2", "Karo-Jaya-2026!")
    page.click("button[type=submit]")
    page.goto(f"{url}/akun/masuk/")
    page.fill("#id_username", "peramban@contoh.co.id")
    page.fill("#id_password", "Karo-Jaya-2026!")
    page.click("button[type=submit]")
    page.goto(f"{url}/registrasi/layanan-akun/")
    expect(page.locator("body")).to_contain_text("peramban01")
    context.close()
