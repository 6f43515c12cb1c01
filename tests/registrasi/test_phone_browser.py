"""Registration on a 390 × 844 phone screen (issue 13): four good documents and one bad one.

Each document uploads into the draft as soon as it is chosen (static/js/draf.js); the bad one
is refused beside its field before it is sent; a failed submit starts at a focused error
summary with the four good documents still attached; the fixed form is sent with them.
"""

import shutil
import tempfile
from pathlib import Path

import pytest

from registrasi.models import BerkasDraf, DrafPendaftaran, Pendaftaran
from tests.browser.test_accessibility import Walk

from .factories import nik, npwp15, pdf_bytes, png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOOD = ("ktp", "akta_pendirian", "npwp", "izin_usaha")
FIELDS = {
    "nama_badan_usaha": "CV Ponsel Karo",
    "npwp": "1234",  # wrong: the submit fails on it
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


def _attached(page, jenis: str):
    return page.locator(f"#div_id_berkas_{jenis} [data-draft-attached]")


@pytest.mark.timeout(600)
def test_phone_registration_keeps_four_good_files_through_a_failed_submit(live_server, chromium_browser, tmp_path):
    for jenis in GOOD:
        (tmp_path / f"{jenis}.pdf").write_bytes(png_bytes() if jenis == "npwp" else pdf_bytes())
    # The 6.2 MB scan: over the 5 MB limit.
    (tmp_path / "akta_perubahan.pdf").write_bytes(pdf_bytes() + b"%" + b"0" * int(6.2 * 1_048_576))
    context = chromium_browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
    folder = Path(tempfile.mkdtemp(prefix="lpse-vnu-draf-"))
    walk = Walk(page, folder)
    try:
        page.goto(f"{live_server.url}/registrasi/")
        for name, value in FIELDS.items():
            page.fill(f"#id_{name}", value)
        page.select_option("#id_bentuk_usaha", "cv")

        # Chosen one after another without waiting: they queue, the first makes the draft.
        for jenis in GOOD:
            page.set_input_files(f"#id_berkas_{jenis}", str(tmp_path / f"{jenis}.pdf"))
        for jenis in GOOD:
            _attached(page, jenis).wait_for(state="visible")
            assert f"{jenis}.pdf" in _attached(page, jenis).inner_text()
            assert "Terunggah" in page.locator(f"#status_id_berkas_{jenis}").inner_text()
        assert sum("/registrasi/draf/unggah/" in u for u in sent) == 4

        # The bad file is refused in the browser, beside its field, and never sent.
        page.set_input_files("#id_berkas_akta_perubahan", str(tmp_path / "akta_perubahan.pdf"))
        status = page.locator("#status_id_berkas_akta_perubahan")
        page.wait_for_function("() => document.querySelector('#status_id_berkas_akta_perubahan').textContent")
        assert "6,2 MB" in status.inner_text() and "melebihi batas 5 MB" in status.inner_text()
        assert status.get_attribute("aria-live") == "polite"
        bad_input = page.locator("#id_berkas_akta_perubahan")
        assert "status_id_berkas_akta_perubahan" in bad_input.get_attribute("aria-describedby")
        assert bad_input.get_attribute("aria-invalid") == "true"
        assert sum("/registrasi/draf/unggah/" in u for u in sent) == 4
        draf = DrafPendaftaran.objects.get()
        assert set(draf.berkas.values_list("jenis", flat=True)) == set(GOOD)
        # The private link to resume is on the page and in the address bar.
        assert page.locator("[data-draft-link]").get_attribute("href") == f"/registrasi/draf/{draf.token}/"
        assert page.url.endswith(f"/registrasi/draf/{draf.token}/")
        walk.check("registrasi:daftar [empat terunggah, satu ditolak]", page.content())

        page.click("button[type=submit]:has-text('Kirim pendaftaran')")
        page.wait_for_selector("[data-error-summary]")
        summary = page.locator("[data-error-summary]")
        assert page.evaluate("() => document.activeElement.matches('[data-error-summary]')")
        box = summary.bounding_box()
        assert box is not None and 0 <= box["y"] < 844  # on screen, not 2,500 px down
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing widens the page
        assert "NPWP" in summary.inner_text()
        for jenis in GOOD:
            assert _attached(page, jenis).is_visible(), jenis
            assert f"{jenis}.pdf" in _attached(page, jenis).inner_text()
        assert not _attached(page, "akta_perubahan").is_visible()
        walk.check("registrasi:daftar [gagal kirim, berkas tetap]", page.content())

        page.fill("#id_npwp", npwp15(5151))
        page.click("button[type=submit]:has-text('Kirim pendaftaran')")
        page.wait_for_url("**/registrasi/terkirim/")
        p = Pendaftaran.objects.get()
        assert sorted(p.berkas.values_list("jenis", flat=True)) == sorted(GOOD)
        assert not DrafPendaftaran.objects.exists() and not BerkasDraf.objects.exists()

        problems = walk.violations + walk.vnu_errors()
        assert not problems, "\n".join(problems)
    finally:
        context.close()
        shutil.rmtree(folder, ignore_errors=True)


def test_a_chosen_file_can_be_removed_and_a_wrong_type_is_refused(live_server, chromium_browser, tmp_path):
    (tmp_path / "ktp.pdf").write_bytes(pdf_bytes())
    (tmp_path / "program.exe").write_bytes(b"MZ\x90\x00")
    (tmp_path / "akta.pdf").write_bytes(b"MZ\x90\x00 program named .pdf")  # passes the browser, not the server
    context = chromium_browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(f"{live_server.url}/registrasi/")
        page.set_input_files("#id_berkas_npwp", str(tmp_path / "program.exe"))
        page.wait_for_function("() => document.querySelector('#status_id_berkas_npwp').textContent")
        assert "bukan PDF, JPEG atau PNG" in page.locator("#status_id_berkas_npwp").inner_text()
        assert not DrafPendaftaran.objects.exists()
        # The server checks by content: a renamed program is refused, the reason beside the field.
        page.set_input_files("#id_berkas_akta_pendirian", str(tmp_path / "akta.pdf"))
        page.wait_for_function(
            "() => document.querySelector('#status_id_berkas_akta_pendirian').textContent.includes('isinya')"
        )
        assert "bukan PDF, JPEG, PNG menurut isinya" in page.locator("#status_id_berkas_akta_pendirian").inner_text()
        assert page.locator("#id_berkas_akta_pendirian").get_attribute("aria-invalid") == "true"
        assert not BerkasDraf.objects.exists()

        page.set_input_files("#id_berkas_ktp", str(tmp_path / "ktp.pdf"))
        _attached(page, "ktp").wait_for(state="visible")
        page.locator("#div_id_berkas_ktp [data-draft-remove]").click()
        _attached(page, "ktp").wait_for(state="hidden")
        assert "dihapus" in page.locator("#status_id_berkas_ktp").inner_text()
        assert not BerkasDraf.objects.exists()
        assert page.evaluate("() => document.activeElement.id") == "id_berkas_ktp"
    finally:
        context.close()
