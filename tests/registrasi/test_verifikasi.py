"""Staff verification (Perbup Karo 02/2017 Pasal 10 and 13)."""

import csv
import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from lpse import roles
from lpse.models import EmailOutbox, User
from registrasi import services
from registrasi.models import AksesData, BerkasPendaftaran, JadwalVerifikasi, Keputusan, Pendaftaran

from .factories import make_pendaftaran, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def verifier(make_user):
    return make_user(roles.REGISTRASI, nama_lengkap="Dedi Barus")


@pytest.fixture
def kabid(make_user):
    return make_user(roles.KABID_REGISTRASI, nama_lengkap="Lina Sitepu")


def _check_all(p, verifier, hasil="sesuai", catatan=""):
    services.berkas_check(
        pendaftaran=p, verifier=verifier, results={b.pk: (hasil, catatan) for b in p.berkas.filter(aktif=True)}
    )


def _claimed(verifier, **kw):
    p = make_pendaftaran(**kw)
    assert services.pendaftaran_claim(pendaftaran=p, verifier=verifier)
    p.refresh_from_db()
    return p


def test_queue_masks_nik_and_npwp_and_detail_shows_them_whole_and_audits(client, verifier):
    p = make_pendaftaran()
    client.force_login(verifier)
    page = client.get(reverse("registrasi:index")).content.decode()
    assert p.npwp not in page and p.pj_nik not in page
    assert "••••" + p.npwp[-4:] in page.replace("•" * (len(p.npwp) - 4), "••••")
    detail = client.get(reverse("registrasi:detail", args=[p.pk])).content.decode()
    assert p.npwp in detail and p.pj_nik in detail
    audit = AksesData.objects.get(pendaftaran=p)
    assert audit.pengguna == verifier


def test_queue_filters_and_search(client, verifier):
    a = make_pendaftaran(nama_badan_usaha="CV Kopi Gunung")
    b = make_pendaftaran(nama_badan_usaha="PT Jeruk Berastagi", bentuk_usaha="pt")
    make_pendaftaran(status="disetujui", user_id_spse="x1")
    client.force_login(verifier)

    def nomor_list(**params):
        page = client.get(reverse("registrasi:index"), params).context["page"]
        return {p.nomor for p in page}

    assert nomor_list(q="kopi") == {a.nomor}
    assert nomor_list(q=b.npwp[1:]) == {b.nomor}  # NPWP typed in the 15-digit form
    assert nomor_list(q=b.nib) == {b.nomor}
    assert nomor_list(q=a.nomor) == {a.nomor}
    assert nomor_list(bentuk_usaha="pt") == {b.nomor}
    assert nomor_list(status="diajukan") == {a.nomor, b.nomor}
    assert client.get(reverse("registrasi:index"), {"dari": "bukan-tanggal"}).status_code == 200


def test_sla_of_three_working_days_is_highlighted(client, verifier):
    """Default SLA target: 3 working days from submission (lpse.workcal)."""
    with time_machine.travel(timezone.datetime(2026, 11, 23, 9, 0, tzinfo=timezone.get_current_timezone())):
        p = make_pendaftaran()  # Monday 09.00
    assert timezone.localtime(p.batas_sla).date() == timezone.datetime(2026, 11, 26).date()  # Thursday
    client.force_login(verifier)
    with time_machine.travel(timezone.datetime(2026, 11, 26, 8, 30, tzinfo=timezone.get_current_timezone())):
        response = client.get(reverse("registrasi:index"))
        assert response.context["counts"]["lewat_sla"] == 0
        assert "data-lewat-sla" not in response.content.decode()
    with time_machine.travel(timezone.datetime(2026, 11, 27, 9, 0, tzinfo=timezone.get_current_timezone())):
        response = client.get(reverse("registrasi:index"))
        assert response.context["counts"]["lewat_sla"] == 1
        assert "data-lewat-sla" in response.content.decode()


def test_two_verifiers_claim_one_wins(make_user, verifier):
    other = make_user(roles.REGISTRASI)
    p = make_pendaftaran()
    assert services.pendaftaran_claim(pendaftaran=p, verifier=verifier)
    assert not services.pendaftaran_claim(pendaftaran=p, verifier=other)
    p.refresh_from_db()
    assert p.verifikator == verifier


def test_kabid_assigns_only_to_a_verifier(client, kabid, verifier, make_user):
    p = make_pendaftaran()
    client.force_login(kabid)
    response = client.post(reverse("registrasi:tugaskan", args=[p.pk]), {"verifikator": verifier.pk})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.verifikator == verifier
    assert p.history.first().history_change_reason == f"Ditugaskan kepada {verifier} oleh {kabid}"
    outsider = make_user(roles.LAYANAN)
    response = client.post(reverse("registrasi:tugaskan", args=[p.pk]), {"verifikator": outsider.pk})
    assert response.status_code == 400


def test_pasal_13_2_checklist_needs_the_claim_and_a_note_when_not_matching(verifier, make_user):
    p = make_pendaftaran()
    with pytest.raises(ValidationError, match="Klaim"):
        _check_all(p, verifier)
    services.pendaftaran_claim(pendaftaran=p, verifier=verifier)
    p.refresh_from_db()
    with pytest.raises(ValidationError, match="catatan"):
        _check_all(p, verifier, hasil="tidak_sesuai")
    _check_all(p, verifier, hasil="tidak_sesuai", catatan="Fotokopi buram")
    assert set(p.berkas.values_list("hasil", flat=True)) == {"tidak_sesuai"}
    assert set(p.berkas.values_list("diperiksa_oleh", flat=True)) == {verifier.pk}


def test_pasal_13_4_the_desk_check_of_the_copies_is_all_an_approval_needs(verifier):
    """Pasal 13(4): no field inspection. Once every copy is checked at the desk the application is
    approved at once: no visit, no booked slot, no status between the check and the decision."""
    p = _claimed(verifier)
    _check_all(p, verifier)
    assert not JadwalVerifikasi.objects.filter(pendaftaran=p).exists()
    services.pendaftaran_approve(pendaftaran=p, verifier=verifier, user_id_spse="cvtanpasurvei")
    p.refresh_from_db()
    assert p.status == Pendaftaran.Status.DISETUJUI
    assert [h.status for h in p.history.order_by("history_date")][-2:] == ["diajukan", "disetujui"]
    assert set(Pendaftaran.Status.values) == {
        "menunggu_konfirmasi",
        "diajukan",
        "dikembalikan",
        "disetujui",
        "dibatalkan",
    }


def test_pasal_10_4_approval_needs_every_copy_to_match(verifier):
    p = _claimed(verifier)
    with pytest.raises(ValidationError, match="Pasal 13 ayat 2"):
        services.pendaftaran_approve(pendaftaran=p, verifier=verifier, user_id_spse="cvcontoh")
    assert Keputusan.objects.count() == 0


def test_pasal_10_4_approve_creates_penyedia_account_and_set_password_link_works(
    client, verifier, django_capture_on_commit_callbacks
):
    """Approve: User ID recorded, portal account with the Penyedia role, Pasal 10(6)f email, Berita Acara."""
    p = _claimed(verifier, nama_badan_usaha="CV Sinar Karo")
    _check_all(p, verifier)
    with django_capture_on_commit_callbacks(execute=True):
        keputusan = services.pendaftaran_approve(pendaftaran=p, verifier=verifier, user_id_spse="sinarkaro01")
    p.refresh_from_db()
    assert p.status == Pendaftaran.Status.DISETUJUI
    assert p.user_id_spse == "sinarkaro01"
    akun = User.objects.get(email=p.email)
    assert p.akun == akun and roles.PENYEDIA in akun.role_names
    assert not akun.has_usable_password()
    message = mail.outbox[-1]
    assert message.to == [p.email] and "DISETUJUI" in message.body and "sinarkaro01" in message.body
    # The Berita Acara is numbered, QR-verifiable and says what was decided.
    keputusan.refresh_from_db()
    ba = keputusan.berita_acara
    assert ba is not None and ba.nomor.startswith("001/BAV")
    text = "".join(pg.extract_text() for pg in PdfReader(ba.pdf.path).pages)
    assert "DISETUJUI" in text and "sinarkaro01" in text and "Pasal 13 ayat 2" in text
    # The set-password link of the email works, then the vendor logs in.
    link = re.search(r"/akun/kata-sandi/atur/\S+/", message.body).group(0)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Karo-Jaya-2026!", "new_password2": "Karo-Jaya-2026!"})
    assert response.status_code == 302
    akun.refresh_from_db()
    assert akun.check_password("Karo-Jaya-2026!")
    client.logout()
    response = client.post(reverse("login"), {"username": p.email, "password": "Karo-Jaya-2026!"})
    assert response.status_code == 302
    assert client.get(reverse("lpse:profil")).status_code == 200


def test_pejabat_approval_gives_the_role_of_pasal_13_7(verifier, django_capture_on_commit_callbacks):
    from lpse.models import Instansi

    p = _claimed(
        verifier,
        jenis="pejabat",
        peran="PPK",
        instansi=Instansi.objects.create(nama="Dinas PUPR Uji"),
        nomor_sk="1/SK",
        masa_berlaku_sampai=timezone.localdate() + timedelta(days=300),
    )
    _check_all(p, verifier)
    services.pendaftaran_approve(pendaftaran=p, verifier=verifier, user_id_spse="ppk.pupr")
    assert roles.PPK in User.objects.get(email=p.email).role_names


def test_reject_returns_to_applicant_who_fixes_only_named_items_and_rounds_are_kept(
    client, verifier, stored_files, django_capture_on_commit_callbacks
):
    """Pasal 10(4) reject → the applicant fixes only the named document/field via the status link."""
    p = _claimed(verifier, nama_badan_usaha="CV Lama", pj_jabatan="Direktur")
    ktp_lama = p.berkas.get(jenis="ktp")
    services.berkas_check(
        pendaftaran=p,
        verifier=verifier,
        results={b.pk: ("tidak_sesuai" if b.jenis == "ktp" else "sesuai", "KTP buram") for b in p.berkas.all()},
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.pendaftaran_reject(
            pendaftaran=p,
            verifier=verifier,
            alasan=["tidak_terbaca"],
            catatan="Unggah ulang KTP",
            perbaikan_dokumen=["ktp"],
            perbaikan_field=["pj_jabatan"],
        )
    p.refresh_from_db()
    assert p.status == Pendaftaran.Status.DIKEMBALIKAN
    assert "perlu diperbaiki" in mail.outbox[-1].subject and "Dokumen tidak terbaca" in mail.outbox[-1].body
    page = client.get(reverse("registrasi:status", args=[p.token]))
    form = page.context["perbaikan_form"]
    assert set(form.fields) == {"pj_jabatan", "berkas_ktp"}  # nothing else is retyped
    response = client.post(
        reverse("registrasi:perbaikan", args=[p.token]),
        {
            "pj_jabatan": "Direktur Utama",
            "nama_badan_usaha": "CV Diubah Diam-diam",  # tampered: not named, ignored
            "berkas_ktp": SimpleUploadedFile("ktp-baru.pdf", pdf_bytes()),
            "berkas_npwp": SimpleUploadedFile("npwp-lain.pdf", pdf_bytes()),  # not named, ignored
        },
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.putaran, p.pj_jabatan, p.nama_badan_usaha) == ("diajukan", 2, "Direktur Utama", "CV Lama")
    ktp_lama.refresh_from_db()
    assert not ktp_lama.aktif  # archived, still retrievable (Pasal 10(6)e)
    baru = p.berkas.get(jenis="ktp", aktif=True)
    assert (baru.putaran, baru.nama_asli, baru.hasil) == (2, "ktp-baru.pdf", "")
    assert p.berkas.get(jenis="npwp", aktif=True).hasil == "sesuai"  # unchanged documents keep their check
    assert p.berkas.count() == 5
    assert Keputusan.objects.filter(pendaftaran=p).count() == 1


def test_bad_resubmission_is_refused_and_leaves_nothing(client, verifier, stored_files):
    p = _claimed(verifier)
    services.pendaftaran_reject(
        pendaftaran=p,
        verifier=verifier,
        alasan=["lainnya"],
        catatan="",
        perbaikan_dokumen=["ktp"],
        perbaikan_field=["npwp"],
    )
    other = make_pendaftaran()
    before = stored_files()
    for data in (
        {"npwp": "123", "berkas_ktp": SimpleUploadedFile("k.pdf", pdf_bytes())},  # bad NPWP
        {"npwp": other.npwp, "berkas_ktp": SimpleUploadedFile("k.pdf", pdf_bytes())},  # NPWP of another active one
        {"npwp": p.npwp, "berkas_ktp": SimpleUploadedFile("k.exe", b"MZ" + b"\x00" * 100)},  # executable
        {"npwp": p.npwp},  # the named document missing
    ):
        response = client.post(reverse("registrasi:perbaikan", args=[p.token]), data)
        assert response.status_code == 400
    p.refresh_from_db()
    assert (p.status, p.putaran) == ("dikembalikan", 1)
    assert stored_files() == before
    assert p.berkas.count() == 4


def test_decision_form_rejects_without_reasons_or_items(client, verifier):
    p = _claimed(verifier)
    client.force_login(verifier)
    response = client.post(reverse("registrasi:putuskan", args=[p.pk]), {"hasil": "tolak"})
    assert response.status_code == 400
    assert "alasan" in response.context["keputusan_form"].errors
    response = client.post(reverse("registrasi:putuskan", args=[p.pk]), {"hasil": "setuju"})
    assert response.status_code == 400
    response = client.post(reverse("registrasi:putuskan", args=[p.pk]), {"hasil": "setuju", "user_id_spse": "okeh"})
    assert response.status_code == 400  # documents not checked yet (Pasal 13(2))
    p.refresh_from_db()
    assert p.status == "diajukan"


def test_decision_saves_when_the_broker_is_down(verifier, settings, django_capture_on_commit_callbacks):
    """Pasal 10(6)f: the email waits in the outbox when the broker is down; the decision stands."""
    from lpse.celery import app

    # Read before overriding the Django settings: app.conf reads them lazily, so saving afterwards
    # would "restore" eager mode to False for every later test that calls .delay().get().
    saved = {
        k: app.conf[k]
        for k in ("broker_url", "task_always_eager", "broker_transport_options", "broker_connection_retry_on_startup")
    }
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app.conf.task_always_eager = False
    app.conf.broker_connection_retry_on_startup = False
    app.conf.broker_transport_options = {"max_retries": 0}
    try:
        p = _claimed(verifier)
        _check_all(p, verifier)
        with django_capture_on_commit_callbacks(execute=True):
            services.pendaftaran_approve(pendaftaran=p, verifier=verifier, user_id_spse="tahan.banting")
    finally:
        app.conf.update(saved)
    p.refresh_from_db()
    assert p.status == "disetujui"
    assert EmailOutbox.objects.filter(terkirim=None, penerima=[p.email]).exists()


def test_staff_file_view_serves_with_checked_type(client, verifier):
    p = make_pendaftaran()
    b = p.berkas.first()
    client.force_login(verifier)
    response = client.get(reverse("registrasi:berkas", args=[b.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_queue_query_count_does_not_grow_with_data(client, verifier):
    client.force_login(verifier)

    def count(n):
        for _ in range(n):
            make_pendaftaran(with_files=False, verifikator=verifier)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("registrasi:index"), {"q": "CV", "status": "diajukan"}).status_code == 200
        return len(ctx)

    small = count(3)
    large = count(30)
    assert small == large


def test_detail_query_count_does_not_grow_with_documents_and_rounds(client, verifier):
    client.force_login(verifier)
    small = make_pendaftaran()
    Keputusan.objects.create(pendaftaran=small, putaran=1, hasil="tolak", verifikator=verifier)
    big = make_pendaftaran()
    for i in range(8):
        BerkasPendaftaran.objects.create(
            pendaftaran=big,
            jenis="ktp",
            berkas="registrasi/x.pdf",
            nama_asli="x.pdf",
            ukuran=1,
            tipe="pdf",
            aktif=False,
            putaran=i + 1,
        )
        Keputusan.objects.create(pendaftaran=big, putaran=i + 1, hasil="tolak", verifikator=verifier)
    with CaptureQueriesContext(connection) as a:
        client.get(reverse("registrasi:detail", args=[small.pk]))
    with CaptureQueriesContext(connection) as b:
        client.get(reverse("registrasi:detail", args=[big.pk]))
    assert len(a) == len(b)


def test_export_register_csv_and_xlsx(client, verifier):
    """Pasal 10(6)e: the register stays retrievable and exportable."""
    p = make_pendaftaran(nama_badan_usaha="CV Ekspor")
    client.force_login(verifier)
    response = client.get(reverse("registrasi:ekspor"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Nomor" and [p.nomor, "Penyedia barang/jasa"] == rows[1][:2]
    assert p.npwp not in "".join(rows[1]) and rows[1][5].endswith(p.npwp[-4:])  # masked as in the queue
    response = client.get(reverse("registrasi:ekspor"), {"format": "xlsx", "q": "Ekspor"})
    ws = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[2]][3] == "CV Ekspor"


def test_dashboard_panel_counts_waiting_past_sla_and_todays_appointments(client, verifier):
    from .factories import make_slot

    make_pendaftaran()
    late = make_pendaftaran()
    Pendaftaran.objects.filter(pk=late.pk).update(batas_sla=timezone.now() - timedelta(hours=1))
    slot = make_slot(days=0)
    slot.mulai = timezone.now() + timedelta(minutes=30) if timezone.localtime().hour < 23 else slot.mulai
    slot.selesai = slot.mulai + timedelta(hours=1)
    slot.save()
    from registrasi.models import JadwalVerifikasi

    JadwalVerifikasi.objects.create(slot=slot, pendaftaran=late)
    client.force_login(verifier)
    response = client.get(reverse("lpse:dashboard"))
    html = response.content.decode()
    assert 'data-count="menunggu">2<' in html
    assert 'data-count="lewat-sla">1<' in html
    if timezone.localtime(slot.mulai).date() == timezone.localdate():
        assert late.nomor in html


def test_queue_shows_waiting_oldest_first_by_default_and_every_status_on_request(client, verifier):
    now = timezone.now()
    old = make_pendaftaran(with_files=False, diajukan=now - timedelta(days=5))
    new = make_pendaftaran(with_files=False, diajukan=now - timedelta(hours=1))
    done = make_pendaftaran(with_files=False, status="disetujui", user_id_spse="selesai1")
    client.force_login(verifier)
    page = client.get(reverse("registrasi:index")).context["page"]
    assert [p.pk for p in page] == [old.pk, new.pk]  # the SLA order
    assert page.paginator.count == 2
    page = client.get(reverse("registrasi:index"), {"status": ""}).context["page"]
    assert {p.pk for p in page} == {old.pk, new.pk, done.pk}
    assert page.paginator.count == 3
    page = client.get(reverse("registrasi:index"), {"status": "", "q": "CV"}).context["page"]
    assert page.paginator.count == 3


def test_status_counts_are_reused_briefly_and_forgotten_on_a_decision(
    settings, verifier, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from registrasi import selectors

    settings.REGISTRASI_HITUNG_CACHE_DETIK = 15
    cache.delete(selectors.COUNTS_CACHE_KEY)
    p = _claimed(verifier)
    assert selectors.status_counts()["diajukan"] == 1
    make_pendaftaran(with_files=False)  # written behind the services' back: reused until the TTL ends
    assert selectors.status_counts()["diajukan"] == 1
    _check_all(p, verifier)
    with django_capture_on_commit_callbacks(execute=True):
        services.pendaftaran_approve(pendaftaran=p, verifier=verifier, user_id_spse="segar01")
    assert selectors.status_counts()["diajukan"] == 1 and selectors.status_counts()["disetujui"] == 1
    cache.delete(selectors.COUNTS_CACHE_KEY)
