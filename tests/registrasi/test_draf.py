"""Issue 13, vendor registration from a phone: each Pasal 13(1) document uploads into the
application's draft as soon as it is chosen, stays attached whatever else fails, and the
draft can be resumed from its private link for REGISTRASI_DRAFT_DAYS days."""

import io
import json
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from registrasi import services, tasks
from registrasi.models import BerkasDraf, BerkasPendaftaran, DrafPendaftaran, Pendaftaran

from .factories import pdf_bytes, pdf_upload, penyedia_data, png_bytes

pytestmark = pytest.mark.django_db

UNGGAH = "registrasi:draf-unggah"


def _unggah(client, dokumen="ktp", upload=None, draf="", jenis="penyedia", **extra):
    payload = {"jenis": jenis, "dokumen": dokumen, "draf": draf, "berkas": upload or pdf_upload(f"{dokumen}.pdf")}
    return client.post(reverse(UNGGAH), payload, HTTP_ACCEPT="application/json", **extra)


def _draft_with(client, *dokumen) -> str:
    token = ""
    for d in dokumen:
        response = _unggah(client, d, draf=token)
        assert response.status_code == 201, response.content
        token = response.json()["draf"]
    return token


def test_pasal_13_1_document_uploads_into_a_new_draft_and_is_kept_privately(client, draft_files):
    before = draft_files()
    response = _unggah(client, "ktp", pdf_upload("KTP Direktur.pdf"))
    assert response.status_code == 201
    body = response.json()
    draf = DrafPendaftaran.objects.get(token=body["draf"])
    assert body["tautan"] == reverse("registrasi:draf", args=[draf.token])
    assert body["nama"] == "KTP Direktur.pdf"
    assert body["ukuran"] == filesizeformat(draf.berkas.get().ukuran)  # "431 bita", "1,2 MB"
    berkas = draf.berkas.get()
    assert (berkas.jenis, berkas.tipe) == ("ktp", "pdf")
    assert len(draft_files() - before) == 1
    # Read back what was stored: the same PDF, under a random name, not at a public URL.
    with berkas.berkas.open("rb") as f:
        assert len(PdfReader(io.BytesIO(f.read())).pages) == 1
    assert "KTP" not in berkas.berkas.name
    assert client.get("/media/" + berkas.berkas.name).status_code == 404
    assert len(draf.token) >= 40  # token_urlsafe(32): unguessable


def test_a_second_copy_of_one_document_replaces_the_first(client, draft_files, django_capture_on_commit_callbacks):
    token = _draft_with(client, "ktp")
    first = draft_files()
    old_name = BerkasDraf.objects.get().berkas.name
    png = SimpleUploadedFile("ktp.png", png_bytes(), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = _unggah(client, "ktp", png, draf=token)
    assert response.status_code == 201
    draf = DrafPendaftaran.objects.get(token=token)
    assert list(draf.berkas.values_list("jenis", "tipe")) == [("ktp", "png")]
    assert len(draft_files()) == len(first)  # the old file went with its row
    assert not BerkasDraf.objects.filter(berkas=old_name).exists()
    assert not any(str(p).endswith(old_name) for p in draft_files())


@pytest.mark.parametrize(
    ("upload", "status", "message"),
    [
        (SimpleUploadedFile("ktp.pdf", b"MZ\x90\x00 program", content_type="application/pdf"), 400, "bukan PDF"),
        (SimpleUploadedFile("ktp.pdf", b"%PDF-1.7 potong"), 400, "rusak"),
        (SimpleUploadedFile("ktp.pdf", b""), 400, "kosong"),
        ("oversize", 413, "melebihi batas 5 MB"),
        ("bomb", 400, "piksel"),
    ],
    ids=["jenis-salah", "pdf-rusak", "kosong", "terlalu-besar", "bom-gambar"],
)
def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_kept(client, draft_files, upload, status, message):
    if upload == "oversize":
        upload = SimpleUploadedFile("scan.pdf", pdf_bytes() + b"%" + b"0" * int(6.2 * 1_048_576))
    elif upload == "bomb":
        from tests.lpse.test_upload_bomb import bomb_png

        upload = SimpleUploadedFile("ktp.png", bomb_png(), content_type="image/png")
    before = draft_files()
    response = _unggah(client, "ktp", upload)
    assert response.status_code == status
    assert message in response.json()["galat"]
    assert DrafPendaftaran.objects.count() == 0
    assert draft_files() == before


def test_oversize_message_uses_the_indonesian_decimal_comma(client):
    upload = SimpleUploadedFile("scan.pdf", pdf_bytes() + b"%" + b"0" * int(6.2 * 1_048_576))
    assert "6,2 MB" in _unggah(client, "akta_perubahan", upload).json()["galat"]


@pytest.mark.parametrize(
    ("token", "status"),
    [
        ("x" * 43, 404),  # well formed, unknown
        ("tebakan", 404),  # malformed
        ("abc\x00def" + "a" * 40, 400),  # NUL byte: refused by the form, never reaches the database
    ],
    ids=["tidak-dikenal", "format-salah", "nul"],
)
def test_an_unknown_or_malformed_token_is_refused_not_500(client, token, status):
    response = _unggah(client, "ktp", draf=token)
    assert response.status_code == status
    assert response.json()["galat"]
    assert DrafPendaftaran.objects.count() == 0


@pytest.mark.parametrize(
    "payload",
    [
        {"jenis": "penyedia", "dokumen": "surat_tugas"},  # not a vendor's document (Pasal 13(3))
        {"jenis": "pejabat", "dokumen": "ktp"},
        {"jenis": "kepala", "dokumen": "ktp"},
        {"jenis": "penyedia", "dokumen": "ijazah"},
        {"jenis": "penyedia", "dokumen": "ktp\x00"},
        {"jenis": "penyedia", "dokumen": "ktp", "berkas": None},
    ],
)
def test_pasal_13_3_only_the_listed_documents_go_into_a_draft(client, payload):
    data = {"berkas": pdf_upload(), "draf": "", **payload}
    data = {k: v for k, v in data.items() if v is not None}
    response = client.post(reverse(UNGGAH), data)
    assert response.status_code == 400
    assert response.json()["galat"]
    assert DrafPendaftaran.objects.count() == 0


def test_nul_in_a_file_name_is_dropped(client):
    response = _unggah(client, "ktp", pdf_upload("ktp\x00.pdf"))
    assert response.status_code == 201
    assert "\x00" not in BerkasDraf.objects.get().nama_asli


def test_an_expired_draft_takes_no_more_files(client, settings):
    token = _draft_with(client, "ktp")
    with time_machine.travel(timezone.now() + timedelta(days=settings.REGISTRASI_DRAFT_DAYS, hours=1)):
        response = _unggah(client, "npwp", draf=token)
        assert response.status_code == 404
        assert "kedaluwarsa" in response.json()["galat"]
        assert client.get(reverse("registrasi:draf", args=[token])).status_code == 404


def test_a_draft_of_another_kind_is_not_used(client):
    token = _draft_with(client, "ktp")
    assert _unggah(client, "surat_tugas", draf=token, jenis="pejabat").status_code == 404


def test_uploads_are_throttled_per_visitor_with_an_indonesian_message(settings):
    settings.PROXY_COUNT = 1
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "unggah-draf": "3/h"}
    visitor = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.40"}
    client = Client()
    token = ""
    for _ in range(3):
        response = _unggah(client, "ktp", draf=token, **visitor)
        assert response.status_code == 201
        token = response.json()["draf"]
    response = _unggah(client, "npwp", draf=token, **visitor)
    assert response.status_code == 429
    assert "Terlalu banyak kiriman" in response.json()["galat"]
    assert "3 kali per jam" in response.json()["galat"]
    assert list(BerkasDraf.objects.values_list("jenis", flat=True)) == ["ktp"]
    other = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.41"}
    assert _unggah(Client(), "npwp", **other).status_code == 201


def test_resume_link_shows_the_attached_documents_without_serving_them(client):
    token = _draft_with(client, "ktp", "npwp")
    response = Client().get(reverse("registrasi:draf", args=[token]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "ktp.pdf" in html and "npwp.pdf" in html
    assert f'value="{token}"' in html
    for berkas in BerkasDraf.objects.all():
        assert berkas.berkas.name not in html  # no path, no link to the file
    form = response.context["form"]
    assert not form.fields["berkas_ktp"].required  # already in the draft
    assert form.fields["berkas_akta_pendirian"].required


def test_resume_with_a_wrong_token_is_404(client):
    assert client.get(reverse("registrasi:draf", args=["x" * 43])).status_code == 404


def test_remove_a_document_from_the_draft(client, draft_files, django_capture_on_commit_callbacks):
    token = _draft_with(client, "ktp", "npwp")
    before = draft_files()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registrasi:draf-hapus", args=[token]), {"dokumen": "ktp"}, HTTP_ACCEPT="application/json"
        )
    assert response.status_code == 200
    assert list(BerkasDraf.objects.values_list("jenis", flat=True)) == ["npwp"]
    assert len(before - draft_files()) == 1
    # Without the script: the button posts the form, the page goes back to the draft.
    response = client.post(reverse("registrasi:draf-hapus", args=[token]), {"dokumen": "npwp"})
    assert response.status_code == 302
    assert response.url == reverse("registrasi:draf", args=[token])
    assert client.post(reverse("registrasi:draf-hapus", args=[token]), {"dokumen": "x"}).status_code == 400
    assert client.post(reverse("registrasi:draf-hapus", args=["y" * 43]), {"dokumen": "ktp"}).status_code == 404


def test_final_submit_uses_the_draft_files_and_then_the_draft_goes(
    client, draft_files, stored_files, django_capture_on_commit_callbacks
):
    files_before, drafts_before = stored_files(), draft_files()
    token = _draft_with(client, "ktp", "akta_pendirian", "npwp", "izin_usaha")
    assert len(draft_files() - drafts_before) == 4
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registrasi:daftar"), {**penyedia_data(), "draf": token})
    assert response.status_code == 302, response.context["form"].errors
    p = Pendaftaran.objects.get()
    kinds = set(p.berkas.values_list("jenis", flat=True))
    assert kinds == {"ktp", "akta_pendirian", "npwp", "izin_usaha"}
    for b in BerkasPendaftaran.objects.all():
        with b.berkas.open("rb") as f:
            assert len(PdfReader(io.BytesIO(f.read())).pages) == 1
    assert DrafPendaftaran.objects.count() == 0
    assert draft_files() == drafts_before
    assert len(stored_files() - files_before) == 4


def test_a_failed_submit_keeps_the_accepted_files_and_shows_them_attached(client):
    """The issue's vendor: four good documents, a bad NPWP; nothing is lost, the error summary is on top."""
    files = {
        "berkas_ktp": pdf_upload("ktp.pdf"),
        "berkas_akta_pendirian": pdf_upload("akta.pdf"),
        "berkas_npwp": SimpleUploadedFile("npwp.png", png_bytes(), content_type="image/png"),
        "berkas_izin_usaha": pdf_upload("izin.pdf"),
        "berkas_akta_perubahan": SimpleUploadedFile("ubah.pdf", b"MZ bukan pdf"),
    }
    data = penyedia_data(npwp="1234")
    response = client.post(reverse("registrasi:daftar"), {**data, **files})
    assert response.status_code == 400
    html = response.content.decode()
    assert html.index("data-error-summary") < html.index("<form")
    draf = response.context["draf"]
    assert set(draf.berkas.values_list("jenis", flat=True)) == {"ktp", "akta_pendirian", "npwp", "izin_usaha"}
    for name in ("ktp.pdf", "akta.pdf", "npwp.png", "izin.pdf"):
        assert name in html
    # Fix the NPWP; the documents come from the draft.
    response = client.post(reverse("registrasi:daftar"), {**data, "npwp": penyedia_data()["npwp"], "draf": draf.token})
    assert response.status_code == 302
    assert Pendaftaran.objects.get().berkas.count() == 4
    assert not DrafPendaftaran.objects.exists()


def test_a_file_sent_with_the_form_replaces_the_draft_copy(client):
    token = _draft_with(client, "ktp", "akta_pendirian", "npwp", "izin_usaha")
    png = SimpleUploadedFile("ktp-baru.png", png_bytes(), content_type="image/png")
    response = client.post(reverse("registrasi:daftar"), {**penyedia_data(), "draf": token, "berkas_ktp": png})
    assert response.status_code == 302
    ktp = BerkasPendaftaran.objects.get(jenis="ktp")
    assert (ktp.nama_asli, ktp.tipe) == ("ktp-baru.png", "png")


def test_an_expired_draft_token_on_submit_asks_for_the_documents_again(client, settings):
    token = _draft_with(client, "ktp", "akta_pendirian", "npwp", "izin_usaha")
    DrafPendaftaran.objects.update(berlaku_sampai=timezone.now() - timedelta(minutes=1))
    response = client.post(reverse("registrasi:daftar"), {**penyedia_data(), "draf": token})
    assert response.status_code == 400
    assert "berkas_ktp" in response.context["form"].errors


def test_purge_task_deletes_expired_drafts_and_their_files(
    client, draft_files, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRASI_DRAFT_DAYS = 3
    before = draft_files()
    old = _draft_with(client, "ktp", "npwp")
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        fresh = _draft_with(Client(), "ktp")
    assert len(draft_files() - before) == 3
    with (
        time_machine.travel(timezone.now() + timedelta(days=3, hours=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.draf_purge_expired() == 1
    assert list(DrafPendaftaran.objects.values_list("token", flat=True)) == [fresh]
    assert len(draft_files() - before) == 1
    assert old not in json.dumps(list(BerkasDraf.objects.values_list("draf__token", flat=True)))


def test_purge_task_runs_once_a_day_through_celery_entry_point(client, draft_files, django_capture_on_commit_callbacks):
    before = draft_files()
    _draft_with(client, "ktp")
    DrafPendaftaran.objects.update(berlaku_sampai=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.hapus_draf_kedaluwarsa.apply().get() == 1
    assert draft_files() == before
    assert tasks.hapus_draf_kedaluwarsa.apply().get() == 0  # once per day: the second run is skipped


def test_purge_is_scheduled_daily():
    from django_celery_beat.models import PeriodicTask

    assert PeriodicTask.objects.filter(task="registrasi.tasks.hapus_draf_kedaluwarsa", enabled=True).exists()


def test_upload_page_query_count_does_not_grow_with_documents(client, django_assert_max_num_queries):
    token = _draft_with(client, "ktp")
    url = reverse("registrasi:draf", args=[token])
    # session-free public page: the draft (1), its documents (1)
    with django_assert_max_num_queries(2):
        client.get(url)
    _draft_with_more = ["akta_pendirian", "npwp", "izin_usaha", "akta_perubahan"]
    for d in _draft_with_more:
        assert _unggah(client, d, draf=token).status_code == 201
    with django_assert_max_num_queries(2):
        client.get(url)


def test_pasal_13_1b_an_official_registers_with_the_surat_tugas_from_the_draft(client):
    from lpse.models import Instansi

    from .factories import nik

    response = _unggah(client, "surat_tugas", jenis="pejabat")
    assert response.status_code == 201
    token = response.json()["draf"]
    assert Client().get(reverse("registrasi:draf", args=[token])).templates[0].name == "registrasi/daftar_pejabat.html"
    data = {
        "peran": "PPK",
        "pj_nama": "Rudi Sitepu",
        "pj_nik": nik(),
        "instansi": Instansi.objects.create(nama="Dinas Uji Draf").pk,
        "pj_jabatan": "PPK",
        "nomor_sk": "027/9/2026",
        "masa_berlaku_sampai": "2099-12-31",
        "alamat": "Kabanjahe",
        "provinsi": "Sumatera Utara",
        "kabupaten_kota": "Kabupaten Karo",
        "telepon": "0628-1",
        "email": "ppk.draf@karokab.go.id",
        "user_id_diminta": "rudi.ppk",
        "draf": token,
    }
    response = client.post(reverse("registrasi:daftar-pejabat"), data)
    assert response.status_code == 302, response.context["form"].errors
    assert list(Pendaftaran.objects.get().berkas.values_list("jenis", flat=True)) == ["surat_tugas"]
    assert not DrafPendaftaran.objects.exists()
