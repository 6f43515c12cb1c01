"""Public and staff pages of the helpdesk: what a guest and the staff see and
what bad input gets (a clear Indonesian error, a 4xx, nothing lost)."""

import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from layanan import services
from layanan.models import Kanal, Status, Tiket, TiketBalasan
from lpse import roles
from tests.layanan.factories import ArtikelFaqFactory, make_tiket

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buf, "PNG")
    return buf.getvalue()


PNG = _png()

GUEST = {
    "nama": "Joni Tarigan",
    "email": "joni@cv-sinar.co.id",
    "telepon": "0628 20001",
    "instansi": "CV Sinar Karo",
    "jenis": "masalah",
    "kategori": "teknis",
    "jenis_pelapor": "penyedia",
    "urgensi": "tinggi",
    "dampak": "sedang",
    "subjek": "Tidak dapat mengunggah penawaran",
    "deskripsi": "Batas unggah pukul 15.00 hari ini; muncul galat 500.",
    "kode_paket": "12345678",
}


def test_guest_opens_a_ticket_and_gets_a_private_link(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("layanan:tiket-baru"),
            {**GUEST, "lampiran": [SimpleUploadedFile("galat.png", PNG, content_type="image/png")]},
        )
    tiket = Tiket.objects.get()
    assert response.status_code == 302 and response["Location"] == tiket.get_public_url()
    assert (tiket.kanal, tiket.prioritas, tiket.kode_paket) == (Kanal.WEB, 2, "12345678")
    assert tiket.lampiran.get().nama_asli == "galat.png"
    assert len(tiket.token) >= 40
    assert tiket.token in mail.outbox[0].body
    page = client.get(tiket.get_public_url())
    assert "Batas unggah pukul 15.00" in page.content.decode()


def test_logged_in_user_opens_a_ticket_without_contact_fields(client_as):
    client = client_as(roles.PENYEDIA, nama_lengkap="CV Maju", email="maju@contoh.id")
    data = {k: v for k, v in GUEST.items() if k not in ("nama", "email", "telepon", "instansi")}
    response = client.post(reverse("layanan:tiket-baru"), data)
    assert response.status_code == 302
    tiket = Tiket.objects.get()
    assert (tiket.pelapor, tiket.nama, tiket.email) == (client.user, "CV Maju", "maju@contoh.id")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"deskripsi": "   "}, "Uraian wajib diisi."),
        ({"deskripsi": "x" * 10_001}, "paling banyak 10000 karakter"),
        ({"subjek": ""}, "wajib diisi"),
        ({"email": "bukan-email"}, "alamat email yang valid"),
    ],
)
def test_bad_ticket_input_is_a_400_that_keeps_what_was_typed(client, change, message):
    response = client.post(reverse("layanan:tiket-baru"), {**GUEST, **change})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "CV Sinar Karo" in body  # what the guest typed is still in the form
    assert not Tiket.objects.exists()


def test_a_renamed_executable_as_attachment_is_refused_by_content(client):
    fake = SimpleUploadedFile("surat.pdf", b"MZ\x90\x00this is not a pdf", content_type="application/pdf")
    response = client.post(reverse("layanan:tiket-baru"), {**GUEST, "lampiran": [fake]})
    assert response.status_code == 400
    assert "surat.pdf" in response.content.decode() and "menurut isinya" in response.content.decode()
    assert "Batas unggah pukul 15.00" in response.content.decode()
    assert not Tiket.objects.exists()


def test_guest_answers_through_the_link_and_the_ticket_returns_to_staff(client, helpdesk):
    tiket = make_tiket()
    services.tiket_reply(tiket=tiket, author=helpdesk, body="Kirim log.", public=True, set_status=Status.MENUNGGU)
    services.tiket_reply(tiket=tiket, author=helpdesk, body="RAHASIA-INTERNAL", public=False)
    page = client.get(tiket.get_public_url()).content.decode()
    assert "Kirim log." in page and "RAHASIA-INTERNAL" not in page
    response = client.post(tiket.get_public_url(), {"isi": "Ini lognya."})
    assert response.status_code == 302
    tiket.refresh_from_db()
    assert tiket.status == Status.DITANGANI
    assert tiket.balasan.filter(dari_staf=False, isi="Ini lognya.").exists()


def test_empty_reply_from_the_guest_is_refused_with_a_message(client):
    tiket = make_tiket()
    response = client.post(tiket.get_public_url(), {"isi": "   "})
    assert response.status_code == 400
    assert "Pesan tidak boleh kosong." in response.content.decode()
    assert not tiket.balasan.exists()


def test_another_guests_link_opens_nothing(client):
    mine, theirs = make_tiket(), make_tiket(email="lain@contoh.id", deskripsi="Data orang lain")
    wrong = mine.token[:-2] + ("AA" if not mine.token.endswith("AA") else "BB")
    assert client.get(reverse("layanan:tiket-publik", args=[wrong])).status_code == 404
    assert client.post(reverse("layanan:tiket-publik", args=[wrong]), {"isi": "halo"}).status_code == 404
    # A file of their ticket cannot be fetched through my link.
    services.tiket_requester_reply(
        tiket=theirs, body="lampiran", files=[SimpleUploadedFile("a.png", PNG, content_type="image/png")]
    )
    lampiran = theirs.lampiran.get()
    url = reverse("layanan:tiket-lampiran-publik", args=[mine.token, lampiran.pk])
    assert client.get(url).status_code == 404
    own = reverse("layanan:tiket-lampiran-publik", args=[theirs.token, lampiran.pk])
    assert client.get(own).status_code == 200


def test_guest_rates_a_solved_ticket_through_the_link(client, helpdesk):
    """Pasal 24 ayat 1 huruf d: feedback from the people served improves the service."""
    tiket = make_tiket()
    services.tiket_set_status(tiket=tiket, status=Status.SELESAI, user=helpdesk)
    response = client.post(reverse("layanan:tiket-nilai", args=[tiket.token]), {"nilai": "4", "komentar": "Baik"})
    assert response.status_code == 302
    tiket.refresh_from_db()
    assert (tiket.status, tiket.nilai) == (Status.DITUTUP, 4)


def test_staff_log_a_phone_call_with_its_channel(client_as):
    """Pasal 11 ayat 3 huruf a: consultation by internet, telephone or in person; the channel is kept."""
    client = client_as(roles.LAYANAN)
    data = {**GUEST, "email": "", "kanal": "telepon"}
    response = client.post(reverse("layanan:tiket-catat"), data)
    tiket = Tiket.objects.get()
    assert response.status_code == 302
    assert (tiket.kanal, tiket.dicatat_oleh) == (Kanal.TELEPON, client.user)


def test_staff_log_without_any_contact_is_refused(client_as):
    client = client_as(roles.LAYANAN)
    response = client.post(reverse("layanan:tiket-catat"), {**GUEST, "email": "", "telepon": "", "kanal": "surat"})
    assert response.status_code == 400
    assert "Isi email atau telepon" in response.content.decode()


def test_staff_reply_from_the_page_and_huge_reply_refused(client_as):
    client = client_as(roles.LAYANAN)
    tiket = make_tiket()
    url = reverse("layanan:tiket-balas", args=[tiket.pk])
    response = client.post(url, {"isi": "y" * 10_001, "jenis": "publik"})
    assert response.status_code == 400
    assert "paling banyak 10000 karakter" in response.content.decode()
    assert not TiketBalasan.objects.exists()
    response = client.post(url, {"isi": "Sudah kami reset.", "jenis": "publik", "status": "selesai"})
    assert response.status_code == 302
    tiket.refresh_from_db()
    assert tiket.status == Status.SELESAI and tiket.respons_pertama is not None


def test_merge_from_the_page_with_an_unknown_number_is_a_clear_error(client_as):
    client = client_as(roles.LAYANAN)
    tiket = make_tiket()
    response = client.post(reverse("layanan:tiket-gabung", args=[tiket.pk]), {"ke": "TK-999999"})
    assert response.status_code == 400
    assert "Tiket tujuan tidak ditemukan." in response.content.decode()


def test_faq_suggestions_while_typing_the_subject(client):
    ArtikelFaqFactory(judul="Gagal mengunggah dokumen penawaran")
    ArtikelFaqFactory(judul="Lupa kata sandi SPSE")
    response = client.get(reverse("layanan:faq-saran"), {"subjek": "mengunggah penawaran"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Gagal mengunggah dokumen penawaran" in body and "Lupa kata sandi" not in body
    form = client.get(reverse("layanan:tiket-baru")).content.decode()
    assert 'data-hx-get="/layanan/tiket/saran-faq/"' in form


def _fill(n: int, helpdesk):
    for i in range(n):
        t = make_tiket(subjek=f"Masalah {i}")
        services.tiket_reply(tiket=t, author=helpdesk, body="Ditangani.", public=True)
        services.tiket_assign(tiket=t, petugas=helpdesk, user=helpdesk)


def test_queue_query_count_does_not_grow_with_tickets(client, helpdesk, django_assert_num_queries):
    client.force_login(helpdesk)
    url = reverse("layanan:index")
    _fill(3, helpdesk)
    client.get(url)  # warm the session
    # user (session and permissions: cache), the page of tickets joined with their officer
    with django_assert_num_queries(2):
        assert client.get(url).status_code == 200
    _fill(30, helpdesk)
    with django_assert_num_queries(2):
        page = client.get(url)
    assert page.content.decode().count("data-sla=") == 25


def test_ticket_detail_query_count_does_not_grow_with_replies(client, helpdesk, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(helpdesk)
    tiket = make_tiket()
    url = reverse("layanan:tiket-detail", args=[tiket.pk])
    for i in range(3):
        services.tiket_reply(tiket=tiket, author=helpdesk, body=f"balasan {i}", public=bool(i % 2))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(30):
        services.tiket_requester_reply(
            tiket=tiket, body=f"jawaban {i}", files=[SimpleUploadedFile("a.png", PNG, content_type="image/png")]
        )
    with django_assert_max_num_queries(len(few)):
        page = client.get(url)
    assert page.content.decode().count('data-balasan="publik"') >= 31


def test_more_than_five_attachments_or_a_bad_one_on_a_staff_reply_keeps_the_text(client_as):
    client = client_as(roles.LAYANAN)
    tiket = make_tiket()
    url = reverse("layanan:tiket-balas", args=[tiket.pk])
    files = [SimpleUploadedFile(f"l{i}.png", PNG, content_type="image/png") for i in range(6)]
    response = client.post(url, {"isi": "Lihat lampiran.", "jenis": "publik", "lampiran": files})
    assert response.status_code == 400
    assert "Paling banyak 5 lampiran" in response.content.decode()
    broken = SimpleUploadedFile("rusak.pdf", b"%PDF-1.4 potongan berkas", content_type="application/pdf")
    response = client.post(
        url, {"isi": "Teks balasan panjang yang tidak boleh hilang.", "jenis": "publik", "lampiran": [broken]}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "rusak.pdf" in body and "Teks balasan panjang yang tidak boleh hilang." in body
    assert not TiketBalasan.objects.exists() and not tiket.lampiran.exists()


def test_rating_an_unsolved_ticket_shows_why(client):
    tiket = make_tiket()
    response = client.post(reverse("layanan:tiket-nilai", args=[tiket.token]), {"nilai": "5"})
    assert response.status_code == 400
    assert "hanya dapat diberikan untuk tiket yang berstatus selesai" in response.content.decode()


def test_reply_to_a_closed_ticket_is_refused_visibly(client, helpdesk):
    tiket = make_tiket()
    services.tiket_set_status(tiket=tiket, status=Status.SELESAI, user=helpdesk)
    services.tiket_rate(tiket=tiket, nilai=3)
    response = client.post(tiket.get_public_url(), {"isi": "Masih ada pertanyaan."})
    assert response.status_code == 400
    assert "sudah ditutup" in response.content.decode()
    assert not tiket.balasan.exists()


def test_queue_survives_odd_parameters(client_as):
    client = client_as(roles.LAYANAN)
    for q in ({"halaman": "x"}, {"halaman": "99999999"}, {"status": "hapus"}, {"prioritas": "9"}, {"q": "TK-000001"}):
        assert client.get(reverse("layanan:index"), q).status_code == 200


def test_logged_in_requester_lists_only_their_own_tickets(client_as, make_user):
    client = client_as(roles.PPK)
    mine = make_tiket(pelapor=client.user, subjek="Tiket milik saya")
    make_tiket(pelapor=make_user(roles.PPK), subjek="Tiket orang lain")
    page = client.get(reverse("layanan:tiket-saya")).content.decode()
    assert "Tiket milik saya" in page and mine.token in page
    assert "Tiket orang lain" not in page


def test_a_pokja_member_is_suggested_as_pokja_reporter(client_as):
    client = client_as(roles.POKJA)
    form = client.get(reverse("layanan:tiket-baru")).context["form"]
    assert form["jenis_pelapor"].initial == "pokja"
    assert "email" not in form.fields


def test_queue_marks_tickets_past_near_and_paused(client_as, helpdesk):
    import time_machine

    from tests.layanan.conftest import wib

    lewat = make_tiket(subjek="Sudah lewat", at=wib(2026, 11, 30, 8, 0))  # response due 12:00
    dekat = make_tiket(subjek="Hampir lewat", at=wib(2026, 11, 30, 10, 0))  # due 14:00, near from 13:00
    jeda = make_tiket(subjek="Menunggu jawaban", at=wib(2026, 11, 30, 10, 0))
    services.tiket_reply(
        tiket=jeda, author=helpdesk, body="Mohon data.", public=True, set_status=Status.MENUNGGU,
        at=wib(2026, 11, 30, 10, 30),
    )  # fmt: skip
    with time_machine.travel(wib(2026, 11, 30, 13, 30), tick=False):
        client = client_as(roles.LAYANAN)
        page = client.get(reverse("layanan:index")).content.decode()
    rows = {t: page.split(t)[0].rsplit("<tr", 1)[1] for t in ("Sudah lewat", "Hampir lewat", "Menunggu jawaban")}
    assert 'data-sla="lewat"' in rows["Sudah lewat"] and "table-danger" in rows["Sudah lewat"]
    assert 'data-sla="dekat"' in rows["Hampir lewat"] and "table-warning" in rows["Hampir lewat"]
    assert 'data-sla="jeda"' in rows["Menunggu jawaban"]
    # The most urgent first, the paused one last.
    assert page.index("Sudah lewat") < page.index("Hampir lewat") < page.index("Menunggu jawaban")
    assert lewat.pk and dekat.pk


def test_staff_escalate_and_record_the_answer_from_the_page(client_as):
    import time_machine

    from tests.layanan.conftest import wib

    with time_machine.travel(wib(2026, 12, 2, 10, 0), tick=False):
        client = client_as(roles.LAYANAN)
        tiket = make_tiket(at=wib(2026, 12, 1, 8, 0))
        response = client.post(
            reverse("layanan:tiket-eskalasi", args=[tiket.pk]),
            {
                "level": "helpdesk",
                "nomor_referensi": "LKPP-77",
                "dikirim": "2026-12-01T09:00",
                "uraian": "Dekripsi gagal",
            },
        )
        assert response.status_code == 302
        e = tiket.eskalasi.get()
        page = client.get(reverse("layanan:tiket-detail", args=[tiket.pk])).content.decode()
        assert "LKPP-77" in page and f'id="jw{e.pk}_jawaban"' in page
        response = client.post(
            reverse("layanan:eskalasi-jawab", args=[e.pk]), {"dijawab": "2026-12-01T08:00", "jawaban": "Terlalu awal"}
        )
        assert response.status_code == 400 and "tidak boleh sebelum tanggal kirim" in response.content.decode()
        response = client.post(
            reverse("layanan:eskalasi-jawab", args=[e.pk]), {"dijawab": "2026-12-01T15:00", "jawaban": "Berkas rusak"}
        )
        assert response.status_code == 302
    e.refresh_from_db()
    assert e.jawaban == "Berkas rusak"


def test_a_flood_of_guest_tickets_from_one_address_is_slowed_down(client, settings):
    """Throttled per visitor (lpse.throttle, THROTTLE_TIKET_TAMU); what was typed stays on the page."""
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "tiket-tamu": "3/h"}
    for _ in range(3):
        assert client.post(reverse("layanan:tiket-baru"), GUEST, REMOTE_ADDR="10.9.8.7").status_code == 302
    response = client.post(reverse("layanan:tiket-baru"), GUEST, REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 429
    assert "Terlalu banyak kiriman" in response.content.decode() and "CV Sinar Karo" in response.content.decode()
    assert Tiket.objects.count() == 3
    assert client.post(reverse("layanan:tiket-baru"), GUEST, REMOTE_ADDR="10.9.8.8").status_code == 302


@pytest.mark.parametrize("url_name, role", [("layanan:tiket-baru", None), ("layanan:tiket-catat", roles.LAYANAN)])
def test_faq_suggestions_sit_under_the_subject_before_the_submit_button(client_as, url_name, role):
    """On a phone the columns stack: the suggestions must come right after the subject (issue 13)."""
    page = client_as(role).get(reverse(url_name)).content.decode()
    subject, box = page.index('name="subjek"'), page.index('id="saran-faq"')
    assert subject < box < page.index('type="submit"', page.index("<main"))
    assert page.index('name="deskripsi"') > box  # the next field follows the box


def test_ticket_history_names_changed_fields_in_plain_indonesian(client_as):
    """Issue 13: the history said "sla berikut waspada, jeda mulai"."""
    client = client_as(roles.LAYANAN)
    tiket = make_tiket()
    services.tiket_set_status(tiket=tiket, status=Status.MENUNGGU, user=client.user)
    page = client.get(reverse("layanan:tiket-detail", args=[tiket.pk])).content.decode()
    history = page[page.index('id="judul-riwayat"') :]
    assert "SLA dijeda sejak" in history
    for internal in ("jeda mulai", "sla berikut", "respons batas", "selesai waspada"):
        assert internal not in history


def test_the_same_form_sent_twice_opens_one_ticket(client, django_capture_on_commit_callbacks):
    """A guest whose first answer was lost (a 503 while the database restarted) sends the form again."""
    page = client.get(reverse("layanan:tiket-baru")).content.decode()
    once = re.search(r'name="kunci_kirim" value="([^"]+)"', page).group(1)
    data = {**GUEST, "kunci_kirim": once}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("layanan:tiket-baru"), data)
        again = client.post(reverse("layanan:tiket-baru"), data)
    tiket = Tiket.objects.get()
    assert first["Location"] == again["Location"] == tiket.get_public_url()
    assert len(mail.outbox) == 1
    other = client.post(reverse("layanan:tiket-baru"), {**GUEST, "kunci_kirim": ""})
    assert other.status_code == 302 and Tiket.objects.count() == 2
