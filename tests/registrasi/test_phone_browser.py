"""Registration on a 390 × 844 phone screen (issue 13): one bad file among good ones."""

import pytest

from .factories import nik, npwp15, pdf_bytes, png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_failed_submit_on_a_phone_starts_at_a_focused_error_summary(live_server, chromium_browser, tmp_path):
    files = {"ktp": pdf_bytes(), "akta_pendirian": pdf_bytes(), "npwp": png_bytes(), "izin_usaha": pdf_bytes()}
    for jenis, data in files.items():
        (tmp_path / f"{jenis}.pdf").write_bytes(data)
    # A 6.2 MB scan: over the 5 MB limit.
    (tmp_path / "akta_perubahan.pdf").write_bytes(pdf_bytes() + b"%" + b"0" * int(6.2 * 1_048_576))
    context = chromium_browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{live_server.url}/registrasi/")
        fields = {
            "nama_badan_usaha": "CV Ponsel Karo",
            "npwp": npwp15(5151),
            "nib": "9120000005151",
            "alamat": "Jl. Kabanjahe 2",
            "provinsi": "Sumatera Utara",
            "kabupaten_kota": "Kabupaten Karo",
            "kode_pos": "22111",
            "telepon": "0628-20303",
            "email": "ponsel@contoh.co.id",
            "pj_nama": "Rina Tarigan",
            "pj_nik": nik(5151),
            "pj_jabatan": "Direktur",
            "kontak_nama": "Rina Tarigan",
            "kontak_telepon": "08126001",
            "user_id_diminta": "ponsel01",
        }
        for name, value in fields.items():
            page.fill(f"#id_{name}", value)
        page.select_option("#id_bentuk_usaha", "cv")
        for jenis in (*files, "akta_perubahan"):
            page.set_input_files(f"#id_berkas_{jenis}", str(tmp_path / f"{jenis}.pdf"))
        page.click("button[type=submit]:has-text('Kirim pendaftaran')")
        page.wait_for_selector("[data-error-summary]")

        summary = page.locator("[data-error-summary]")
        assert page.evaluate("() => document.activeElement.matches('[data-error-summary]')")
        box = summary.bounding_box()
        assert box is not None and 0 <= box["y"] < 844  # on screen, not 2,500 px down
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing widens the page
        assert "6,2 MB" in summary.inner_text()
        # The reason sits beside the field too.
        assert "6,2 MB" in page.locator("#div_id_berkas_akta_perubahan").inner_text()
        summary.get_by_role("link").first.click()
        assert page.evaluate("() => document.activeElement.id") == "id_berkas_akta_perubahan"
    finally:
        context.close()
