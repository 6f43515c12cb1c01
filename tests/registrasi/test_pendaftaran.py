"""Public registration (Perbup Karo 02/2017 Pasal 13)."""

import io
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import Resolver404, resolve, reverse
from pypdf import PdfReader

from lpse.models import EmailOutbox, Instansi
from registrasi import services
from registrasi.forms import PendaftaranPenyediaForm
from registrasi.models import DOKUMEN_PENYEDIA_WAJIB, BerkasDraf, BerkasPendaftaran, JenisDokumen, Pendaftaran

from .factories import make_pendaftaran, nik, pdf_bytes, penyedia_data, penyedia_files, png_bytes

pytestmark = pytest.mark.django_db


def _post_penyedia(client, data=None, files=None):
    payload = {**(data if data is not None else penyedia_data()), **(files if files is not None else penyedia_files())}
    return client.post(reverse("registrasi:daftar"), payload)


def test_pasal_13_3_required_documents_are_exactly_the_pasal_13_1a_list():
    """Pasal 13(3): no requirement beyond 13(1)a; akta perubahan only "bila ada"."""
    assert set(DOKUMEN_PENYEDIA_WAJIB) == {
        JenisDokumen.KTP,
        JenisDokumen.AKTA_PENDIRIAN,
        JenisDokumen.NPWP,
        JenisDokumen.IZIN_USAHA,
    }
    form = PendaftaranPenyediaForm()
    file_fields = {name for name in form.fields if name.startswith("berkas_")}
    assert file_fields == {
        "berkas_ktp",
        "berkas_akta_pendirian",
        "berkas_akta_perubahan",
        "berkas_npwp",
        "berkas_izin_usaha",
    }
    required = {name for name in file_fields if form.fields[name].required}
    assert required == {"berkas_ktp", "berkas_akta_pendirian", "berkas_npwp", "berkas_izin_usaha"}
    assert services.dokumen_wajib(Pendaftaran.Jenis.PEJABAT) == (JenisDokumen.SURAT_TUGAS,)  # Pasal 13(1)b


def test_pasal_13_5_form_says_verification_does_not_replace_qualification(client):
    response = client.get(reverse("registrasi:daftar"))
    assert response.status_code == 200
    assert 'data-pasal="13-5"' in response.content.decode()
    assert "tidak meniadakan" in response.content.decode()


def test_vendor_registers_confirms_email_and_gets_number_and_status_link(
    client, stored_files, django_capture_on_commit_callbacks
):
    """Pasal 13(1)a angka 1: online registration; then the email link gives number and status link."""
    data = penyedia_data(npwp="01.312.166.0-091.000")
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_penyedia(
            client, data, penyedia_files(berkas_akta_perubahan=SimpleUploadedFile("p.pdf", pdf_bytes()))
        )
    assert response.status_code == 302
    p = Pendaftaran.objects.get()
    assert p.status == Pendaftaran.Status.MENUNGGU_KONFIRMASI
    assert p.npwp == "0013121660091000"  # 15-digit form stored as "0" + 15
    assert p.nomor is None
    assert sorted(p.berkas.values_list("jenis", flat=True)) == sorted(
        ["ktp", "akta_pendirian", "akta_perubahan", "npwp", "izin_usaha"]
    )
    files = {f for f in stored_files() if f.name in {b.berkas.name.rsplit("/", 1)[-1] for b in p.berkas.all()}}
    assert len(files) == 5
    assert all(re.fullmatch(r"[0-9a-f]{32}\.(pdf|png)", f.name) for f in files)  # random private names
    link = re.search(r"http\S+/registrasi/konfirmasi/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("8000", 1)[-1] if "8000" in link else link
    assert client.get(path).status_code == 200
    p.refresh_from_db()
    assert p.status == Pendaftaran.Status.MENUNGGU_KONFIRMASI  # GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    p.refresh_from_db()
    assert p.status == Pendaftaran.Status.DIAJUKAN
    assert re.fullmatch(r"REG-\d{4}-000001", p.nomor)
    assert p.batas_sla > p.diajukan
    assert response["Location"] == reverse("registrasi:status", args=[p.token])
    assert len(p.token) >= 40
    assert reverse("registrasi:status", args=[p.token]) in mail.outbox[-1].body
    status_page = client.get(response["Location"])
    assert p.nomor in status_page.content.decode()


def test_npwp_sixteen_digit_form_is_kept_as_is():
    assert services.find_duplicates(email="", npwp="") == {}
    from registrasi.identifiers import clean_npwp

    assert clean_npwp("0013121660091000") == "0013121660091000"
    assert clean_npwp("013121660091000") == "0013121660091000"


def test_official_registers_with_surat_tugas(client):
    """Pasal 13(1)b and 13(7): PPK, Pokja, Auditor, PA/KPA bring their surat tugas/SK."""
    instansi = Instansi.objects.create(nama="Dinas Kesehatan Uji")
    data = {
        "peran": "PPK",
        "pj_nama": "Budi Ginting",
        "pj_nik": nik(),
        "nip": "198001012005011001",
        "instansi": instansi.pk,
        "pj_jabatan": "Kepala Seksi",
        "nomor_sk": "800/12/DINKES/2026",
        "masa_berlaku_sampai": "2099-12-31",
        "alamat": "Jl. Jamin Ginting",
        "provinsi": "Sumatera Utara",
        "kabupaten_kota": "Kabupaten Karo",
        "telepon": "0628-21000",
        "email": "ppk@dinkes.karokab.go.id",
        "user_id_diminta": "budi.ppk",
        "berkas_surat_tugas": SimpleUploadedFile("sk.pdf", pdf_bytes()),
    }
    response = client.post(reverse("registrasi:daftar-pejabat"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    p = Pendaftaran.objects.get()
    assert (p.jenis, p.peran, p.instansi) == ("pejabat", "PPK", instansi)
    assert list(p.berkas.values_list("jenis", flat=True)) == ["surat_tugas"]


def test_failure_inside_the_transaction_leaves_no_rows_and_no_files(monkeypatch, stored_files):
    """The whole submission is one transaction: a failure after the files are stored removes them."""

    def broken(**kwargs):
        raise RuntimeError("server email mati")

    monkeypatch.setattr(services.pendaftaran, "queue_email", broken)
    before = stored_files()
    form = PendaftaranPenyediaForm(penyedia_data(), penyedia_files())
    assert form.is_valid(), form.errors
    with pytest.raises(RuntimeError):
        services.pendaftaran_submit(jenis="penyedia", data=form.service_data(), files=form.files_checked)
    assert Pendaftaran.objects.count() == 0
    assert BerkasPendaftaran.objects.count() == 0
    assert stored_files() == before


def test_database_refuses_two_active_registrations_with_one_npwp():
    """Two simultaneous submissions cannot both pass: the partial unique constraint holds."""
    first = make_pendaftaran()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_pendaftaran(npwp=first.npwp, with_files=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_pendaftaran(email=first.email, with_files=False)
    # A cancelled application frees its NPWP and email.
    Pendaftaran.objects.filter(pk=first.pk).update(status=Pendaftaran.Status.DIBATALKAN)
    make_pendaftaran(npwp=first.npwp, email=first.email, with_files=False)


def test_race_past_the_form_check_is_turned_into_a_form_message(stored_files):
    existing = make_pendaftaran()
    before = stored_files()
    form = PendaftaranPenyediaForm(penyedia_data(), penyedia_files())
    assert form.is_valid()
    data = form.service_data() | {"npwp": existing.npwp}  # another request won between check and save
    with pytest.raises(ValidationError) as exc:
        services.pendaftaran_submit(jenis="penyedia", data=data, files=form.files_checked)
    # The service's full_clean() checks the partial unique constraint before inserting: the applicant
    # reads the constraint's message, not a database error (a true race is test_konkurensi.py's).
    constraint = next(c for c in Pendaftaran._meta.constraints if c.name == "pendaftaran_npwp_aktif_unik")
    assert exc.value.messages == [constraint.violation_error_message]
    assert "NPWP" in constraint.violation_error_message
    assert Pendaftaran.objects.count() == 1
    assert stored_files() == before


def _encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=100, height=100)
    w.encrypt("rahasia")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _up(name, data, ct="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=ct)


def _existing_npwp():
    p = make_pendaftaran()
    return {"npwp": p.npwp[1:]}  # the same NPWP typed in the 15-digit form


def _existing_npwp16():
    return {"npwp": make_pendaftaran().npwp}


BAD_SUBMISSIONS = [
    # (id, data overrides (dict or callable), file overrides, field expected to carry the error, message part)
    ("nik-pendek", {"pj_nik": "3171011708"}, {}, "pj_nik", "16 digit"),
    ("nik-huruf", {"pj_nik": "31710117084500AB"}, {}, "pj_nik", "angka"),
    ("nik-wilayah", {"pj_nik": "9971011708450001"}, {}, "pj_nik", "kode wilayah"),
    ("nik-tanggal", {"pj_nik": "3171013502001234"}, {}, "pj_nik", "tanggal lahir"),
    ("npwp-pendek", {"npwp": "01312166"}, {}, "npwp", "15 digit"),
    ("npwp-checksum", {"npwp": "013121650091000"}, {}, "npwp", "digit pemeriksa"),
    ("npwp-huruf", {"npwp": "01.312.166.0-09A.000"}, {}, "npwp", "angka"),
    ("npwp-nik-salah", {"npwp": "9971011708450001"}, {}, "npwp", "NIK"),
    ("nib-pendek", {"nib": "91200000"}, {}, "nib", "13 digit"),
    ("nib-huruf", {"nib": "912000000000X"}, {}, "nib", "angka"),
    ("email-salah", {"email": "bukan-email"}, {}, "email", ""),
    ("bentuk-usaha-dipalsukan", {"bentuk_usaha": "kerajaan"}, {}, "bentuk_usaha", ""),
    ("nama-kosong", {"nama_badan_usaha": ""}, {}, "nama_badan_usaha", ""),
    ("user-id-spasi", {"user_id_diminta": "user id"}, {}, "user_id_diminta", "User ID"),
    ("kode-pos-salah", {"kode_pos": "221"}, {}, "kode_pos", "5 digit"),
    ("telepon-huruf", {"telepon": "telepon kantor"}, {}, "telepon", "angka"),
    ("tanpa-ktp", {}, {"berkas_ktp": None}, "berkas_ktp", "Unggah salinan"),
    ("tanpa-akta", {}, {"berkas_akta_pendirian": None}, "berkas_akta_pendirian", "Unggah salinan"),
    ("tanpa-npwp", {}, {"berkas_npwp": None}, "berkas_npwp", "Unggah salinan"),
    ("tanpa-izin", {}, {"berkas_izin_usaha": None}, "berkas_izin_usaha", "Unggah salinan"),
    ("exe-bernama-pdf", {}, {"berkas_ktp": _up("ktp.pdf", b"MZ\x90\x00" + b"\x00" * 200)}, "berkas_ktp", "ktp.pdf"),
    ("pdf-terkunci", {}, {"berkas_ktp": _up("ktp.pdf", _encrypted_pdf())}, "berkas_ktp", "terkunci"),
    (
        "pdf-rusak",
        {},
        {"berkas_akta_pendirian": _up("akta.pdf", b"%PDF-1.4\nrusak" * 10)},
        "berkas_akta_pendirian",
        "rusak",
    ),
    (
        "png-rusak",
        {},
        {"berkas_npwp": _up("npwp.png", b"\x89PNG\r\n\x1a\n" + b"x" * 50, "image/png")},
        "berkas_npwp",
        "rusak",
    ),
    (
        "terlalu-besar",
        {},
        {"berkas_izin_usaha": _up("izin.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024))},
        "berkas_izin_usaha",
        "melebihi",
    ),
    ("berkas-kosong", {}, {"berkas_ktp": _up("ktp.pdf", b"")}, "berkas_ktp", ""),
    ("teks-bernama-jpg", {}, {"berkas_ktp": _up("ktp.jpg", b"hanya teks", "image/jpeg")}, "berkas_ktp", "ktp.jpg"),
    (
        "html-bernama-pdf",
        {},
        {"berkas_ktp": _up("ktp.pdf", b"<html><script>alert(1)</script></html>")},
        "berkas_ktp",
        "bukan",
    ),
    ("npwp-ganda-15", _existing_npwp, {}, "npwp", "Cek Status"),
    ("npwp-ganda-16", _existing_npwp16, {}, "npwp", "Cek Status"),
    (
        "akta-perubahan-rusak",
        {},
        {"berkas_akta_perubahan": _up("ubah.pdf", b"%PDF-1.7 potong")},
        "berkas_akta_perubahan",
        "rusak",
    ),
]


@pytest.mark.parametrize(
    ("overrides", "file_overrides", "field", "message"),
    [c[1:] for c in BAD_SUBMISSIONS],
    ids=[c[0] for c in BAD_SUBMISSIONS],
)
def test_bad_submission_is_refused_and_leaves_no_application_behind(
    client, stored_files, overrides, file_overrides, field, message
):
    """No row, no application file; the files that passed their check wait in the draft (issue 13)."""
    if callable(overrides):
        overrides = overrides()
    rows_before = set(Pendaftaran.objects.values_list("pk", flat=True))
    files_before = stored_files()
    for upload in file_overrides.values():
        if upload is not None:
            upload.seek(0)
    response = _post_penyedia(client, penyedia_data(**overrides), penyedia_files(**file_overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert set(Pendaftaran.objects.values_list("pk", flat=True)) == rows_before
    assert stored_files() == files_before
    assert EmailOutbox.objects.count() == 0
    if field.startswith("berkas_"):  # the refused file is not in the draft
        assert field.removeprefix("berkas_") not in set(BerkasDraf.objects.values_list("jenis", flat=True))


def _pejabat_data(**overrides):
    data = {
        "peran": "Pokja ULP/Pejabat Pengadaan",
        "pj_nama": "Rudi Sitepu",
        "pj_nik": nik(),
        "nip": "",
        "instansi": Instansi.objects.create(nama="Bagian Pengadaan Uji").pk,
        "pj_jabatan": "Anggota Pokja",
        "nomor_sk": "027/5/2026",
        "masa_berlaku_sampai": "2099-12-31",
        "alamat": "Kabanjahe",
        "provinsi": "Sumatera Utara",
        "kabupaten_kota": "Kabupaten Karo",
        "telepon": "0628-1",
        "email": "pokja@karokab.go.id",
        "user_id_diminta": "rudi.pokja",
        "berkas_surat_tugas": SimpleUploadedFile("sk.pdf", pdf_bytes()),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"masa_berlaku_sampai": "2020-01-01"}, "masa_berlaku_sampai"),  # Pasal 13(7): a valid appointment
        ({"instansi": 999999}, "instansi"),  # tampered select
        ({"peran": "Kepala Unit"}, "peran"),  # not an SPSE role of Pasal 13(7)
        ({"berkas_surat_tugas": None}, "berkas_surat_tugas"),
        ({"nip": "12345"}, "nip"),
        (
            {"berkas_surat_tugas": SimpleUploadedFile("sk.png", png_bytes()[:20], content_type="image/png")},
            "berkas_surat_tugas",
        ),
    ],
    ids=["masa-berlaku-lewat", "instansi-dipalsukan", "peran-dipalsukan", "tanpa-surat-tugas", "nip-salah", "sk-rusak"],
)
def test_bad_official_submission_is_refused(client, stored_files, overrides, field):
    before = stored_files()
    response = client.post(reverse("registrasi:daftar-pejabat"), _pejabat_data(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Pendaftaran.objects.count() == 0
    assert stored_files() == before


def test_status_page_needs_the_exact_private_token(client):
    p = make_pendaftaran()
    assert client.get(reverse("registrasi:status", args=[p.token])).status_code == 200
    assert client.get(reverse("registrasi:status", args=[p.token[:-1] + "x"])).status_code == 404
    assert client.get(reverse("registrasi:status", args=[p.token_konfirmasi])).status_code == 404
    unconfirmed = make_pendaftaran(status="menunggu_konfirmasi")
    assert client.get(reverse("registrasi:status", args=[unconfirmed.token])).status_code == 404


def test_another_applicants_token_cannot_fix_an_application_not_returned(client, stored_files):
    """A token of an application waiting for verification cannot be used to swap its documents."""
    other = make_pendaftaran()
    before = stored_files()
    response = client.post(
        reverse("registrasi:perbaikan", args=[other.token]), {"berkas_ktp": SimpleUploadedFile("k.pdf", pdf_bytes())}
    )
    assert response.status_code == 403
    assert other.berkas.count() == 4
    assert stored_files() == before
    response = client.post(reverse("registrasi:perbaikan", args=["token-tebakan"]), {})
    assert response.status_code == 404


def test_resend_link_answers_the_same_for_unknown_address(client, django_capture_on_commit_callbacks):
    p = make_pendaftaran()
    with django_capture_on_commit_callbacks(execute=True):
        r1 = client.post(reverse("registrasi:cek-status"), {"email": p.email})
        r2 = client.post(reverse("registrasi:cek-status"), {"email": "tidak.ada@contoh.id"})
    assert r1.status_code == r2.status_code == 302
    assert len(mail.outbox) == 1
    assert p.token in mail.outbox[0].body
    assert client.post(reverse("registrasi:cek-status"), {"email": "salah"}).status_code == 400


def test_pasal_13_6_prefilled_forms_as_numbered_pdfs_with_materai_note(
    client, settings, django_capture_on_commit_callbacks
):
    """Pasal 13(6): Formulir Pendaftaran and Formulir Keikutsertaan from the application.
    The first request numbers the form and a worker renders it (issue 12): "sedang disiapkan", then the PDF."""
    settings.REGISTRASI_CATATAN_MATERAI = "Bermeterai Rp10.000 (uji)"
    p = make_pendaftaran(nama_badan_usaha="CV Sinar Karo Uji")
    for jenis, judul in (("pendaftaran", "FORMULIR PENDAFTARAN"), ("keikutsertaan", "FORMULIR KEIKUTSERTAAN")):
        with django_capture_on_commit_callbacks(execute=True):
            waiting = client.get(reverse("registrasi:formulir", args=[p.token, jenis]))
        assert waiting.status_code == 202 and "sedang disiapkan" in waiting.content.decode()
        response = client.get(reverse("registrasi:formulir", args=[p.token, jenis]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages
        )
        assert judul in text
        assert "CV Sinar Karo Uji" in text
        assert "Rp10.000 (uji)" in text
    p.refresh_from_db()
    first = p.formulir_pendaftaran_id
    client.get(reverse("registrasi:formulir", args=[p.token, "pendaftaran"]))
    p.refresh_from_db()
    assert p.formulir_pendaftaran_id == first  # one numbered form per version of the data
    assert client.get(reverse("registrasi:formulir", args=[p.token, "lain"])).status_code == 404


def test_media_files_have_no_public_url(client, settings):
    """An uploaded document that is really on disk is not reachable by the URL its storage gives it,
    neither through Django nor through the shipped nginx (whose only file location is /static/)."""
    p = make_pendaftaran()
    berkas = p.berkas.first().berkas
    assert Path(berkas.path).is_file() and Path(berkas.path).is_relative_to(settings.MEDIA_ROOT)
    url = berkas.url  # what a template writing {{ berkas.url }} would link to
    assert url == settings.MEDIA_URL + berkas.name
    with pytest.raises(Resolver404):
        resolve(url)
    assert client.get(url).status_code == 404
    nginx = (Path(settings.BASE_DIR) / "deploy" / "nginx" / "lpse.conf").read_text()
    served = re.findall(r"^\s*location\s+(?:=\s*)?(\S+)", nginx, re.M)
    assert not [loc for loc in served if url.startswith(loc) and loc != "/"], served
    assert str(settings.MEDIA_ROOT) not in nginx and "/media" not in re.sub(r"#.*", "", nginx)


def test_status_page_query_count_does_not_grow_with_documents(client, django_assert_max_num_queries):
    small = make_pendaftaran()
    big = make_pendaftaran()
    for _ in range(10):
        BerkasPendaftaran.objects.create(
            pendaftaran=big,
            jenis="ktp",
            berkas="registrasi/x.pdf",
            nama_asli="x.pdf",
            ukuran=1,
            tipe="pdf",
            aktif=False,
        )
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as q_small:
        client.get(reverse("registrasi:status", args=[small.token]))
    with CaptureQueriesContext(connection) as q_big:
        client.get(reverse("registrasi:status", args=[big.token]))
    assert len(q_small) == len(q_big)
    # pendaftaran+instansi+jadwal, berkas, keputusan, booking slots, session-less page: a handful.
    with django_assert_max_num_queries(8):
        client.get(reverse("registrasi:status", args=[big.token]))


def test_registration_pages_query_count_does_not_grow_with_instansi(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(n):
        for i in range(n):
            Instansi.objects.create(nama=f"Instansi Uji {n}-{i}")
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("registrasi:daftar-pejabat"))
            client.get(reverse("registrasi:daftar"))
        return len(ctx)

    client.get(reverse("registrasi:daftar"))
    assert count(3) == count(30)


def test_unconfirmed_application_expires_and_frees_npwp_and_email(client):
    """A mistyped email must not block a vendor: unconfirmed applications lapse after 2 days."""
    import time_machine
    from django.utils import timezone

    from registrasi import tasks

    old = make_pendaftaran(status="menunggu_konfirmasi")
    recent = make_pendaftaran(status="menunggu_konfirmasi")
    Pendaftaran.objects.filter(pk=old.pk).update(dibuat=timezone.now() - timezone.timedelta(days=3))
    assert tasks.batalkan_belum_dikonfirmasi.delay().get() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, recent.status) == ("dibatalkan", "menunggu_konfirmasi")
    response = _post_penyedia(client, penyedia_data(npwp=old.npwp, email=old.email))
    assert response.status_code == 302
    with time_machine.travel(timezone.now() + timezone.timedelta(days=3)):
        assert services.pendaftaran_expire_unconfirmed() == 2  # recent one and the new one, once lapsed


def test_staff_cancel_with_reason_frees_the_booked_place(client_as, django_capture_on_commit_callbacks):
    from lpse import roles

    from .factories import make_slot

    p = make_pendaftaran()
    slot = make_slot(kapasitas=1)
    services.jadwal_book(pendaftaran=p, slot_id=slot.pk)
    client = client_as(roles.REGISTRASI)
    assert client.post(reverse("registrasi:batalkan", args=[p.pk]), {"alasan": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registrasi:batalkan", args=[p.pk]), {"alasan": "Pemohon mengundurkan diri"})
    assert response.status_code == 302
    p.refresh_from_db()
    slot.refresh_from_db()
    assert p.status == "dibatalkan" and slot.terisi == 0
    assert "mendaftar ulang" in client.get(reverse("registrasi:status", args=[p.token])).content.decode()
    assert "dibatalkan" in mail.outbox[-1].subject
    assert client.post(reverse("registrasi:batalkan", args=[p.pk]), {"alasan": "lagi"}).status_code == 400


@pytest.mark.parametrize(
    ("field", "value"),
    [("pj_nik", "٣١٧١٠١١٧٠٨٤٥٠٠٠١"), ("nib", "٩١٢٠٠٠٠٠٠٠٠٠١"), ("npwp", "٠١٣١٢١٦٦٠٠٩١٠٠٠")],
    ids=["nik", "nib", "npwp"],
)
def test_identifiers_accept_only_ascii_digits(client, field, value):
    response = _post_penyedia(client, penyedia_data(**{field: value}))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Pendaftaran.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"nama_badan_usaha": "x" * 5000},
        {"email": "a@" + "b" * 300 + ".id"},
        {"bentuk_usaha": ["cv", "pt"]},
        {"pj_nik": "\x00" * 16},
        {"alamat": "Jl. Nol\x00"},
        {"alamat": "<script>alert(1)</script>"},
    ],
    ids=["nama-sangat-panjang", "email-sangat-panjang", "pilihan-ganda", "byte-nol", "byte-nol-alamat", "skrip"],
)
def test_odd_input_never_gives_a_500(client, data):
    response = _post_penyedia(client, penyedia_data(**data))
    assert response.status_code in (302, 400)
    if response.status_code == 302 and "alamat" in data:  # kept as text; templates escape it
        assert Pendaftaran.objects.get().alamat == data["alamat"]


def test_an_email_in_use_is_answered_like_a_new_registration_and_its_owner_is_told(
    client, stored_files, django_capture_on_commit_callbacks
):
    """Issue 11 finding 4: the form must not tell who has registered (as login, reset and
    Cek Status already answer alike); the owner of the address gets a mail with their own link."""
    existing = make_pendaftaran()
    before = stored_files()
    fresh = _post_penyedia(client, penyedia_data(email="calon-baru@contoh.co.id"))
    with django_capture_on_commit_callbacks(execute=True):
        taken = _post_penyedia(client, penyedia_data(email=existing.email.upper()))
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"] == reverse("registrasi:terkirim")
    assert Pendaftaran.objects.filter(email__iexact=existing.email).count() == 1
    assert len(stored_files() - before) == 4  # only the new applicant's files
    to_owner = [m for m in mail.outbox if m.to == [existing.email]]
    assert len(to_owner) == 1
    assert "tidak disimpan" in to_owner[0].body
    assert existing.token in to_owner[0].body or existing.token_konfirmasi in to_owner[0].body
