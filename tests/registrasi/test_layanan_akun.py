"""Account services after registration, and the 30-day expiry reminder."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lpse import roles
from registrasi import services, tasks
from registrasi.models import PermohonanAkun

from .factories import make_pendaftaran, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def vendor_client(client_as):
    client = client_as(roles.PENYEDIA)
    client.pendaftaran = make_pendaftaran(
        status="disetujui",
        user_id_spse="cvakun",
        akun=client.user,
        izin_berlaku_sampai=timezone.localdate() + timedelta(days=10),
    )
    return client


def test_vendor_asks_for_renewal_with_evidence_and_gets_a_tanda_terima(
    vendor_client, client_as, django_capture_on_commit_callbacks
):
    new_date = timezone.localdate() + timedelta(days=800)
    with django_capture_on_commit_callbacks(execute=True):  # the tanda terima is rendered by a worker
        response = vendor_client.post(
            reverse("registrasi:layanan-akun"),
            {
                "jenis": "perpanjangan",
                "uraian": "Izin usaha diperpanjang",
                "berlaku_sampai_baru": new_date.isoformat(),
                "bukti": SimpleUploadedFile("izin-baru.pdf", pdf_bytes()),
            },
        )
    assert response.status_code == 302
    item = PermohonanAkun.objects.get()
    assert item.tanda_terima is not None
    pdf = vendor_client.get(reverse("registrasi:layanan-akun-tanda-terima", args=[item.pk]))
    text = PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages[0].extract_text()
    assert "TANDA TERIMA" in text and "cvakun" in text
    # Staff finish it: the recorded licence date moves and the reminder is re-armed.
    staff = client_as(roles.REGISTRASI)
    response = staff.post(reverse("registrasi:layanan-akun-proses", args=[item.pk]), {"hasil": "selesai"})
    assert response.status_code == 302
    vendor_client.pendaftaran.refresh_from_db()
    assert vendor_client.pendaftaran.izin_berlaku_sampai == new_date


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"jenis": "perpanjangan", "uraian": "x", "bukti": "pdf"}, "berlaku_sampai_baru"),
        ({"jenis": "ubah_data", "uraian": "Ganti direktur"}, "bukti"),
        ({"jenis": "ubah_kontak", "uraian": "x", "bukti": "exe"}, "bukti"),
        ({"jenis": "lupa_user_id", "uraian": "x"}, "jenis"),
        ({"jenis": "ubah_kontak", "uraian": ""}, "uraian"),
    ],
    ids=["perpanjangan-tanpa-tanggal", "ubah-data-tanpa-bukti", "bukti-exe", "jenis-dipalsukan", "tanpa-uraian"],
)
def test_bad_account_request_is_a_form_error(vendor_client, data, field):
    if data.get("bukti") == "pdf":
        data["bukti"] = SimpleUploadedFile("a.pdf", pdf_bytes())
    elif data.get("bukti") == "exe":
        data["bukti"] = SimpleUploadedFile("a.pdf", b"MZ" + b"\x00" * 50)
    response = vendor_client.post(reverse("registrasi:layanan-akun"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not PermohonanAkun.objects.exists()


def test_user_without_registration_cannot_post_a_request(client_as):
    client = client_as(roles.PENYEDIA)
    assert client.get(reverse("registrasi:layanan-akun")).status_code == 200
    response = client.post(reverse("registrasi:layanan-akun"), {"jenis": "ubah_kontak", "uraian": "x"})
    assert response.status_code == 403


def test_forgotten_user_id_goes_only_to_the_registered_address(client, django_capture_on_commit_callbacks):
    p = make_pendaftaran(status="disetujui", user_id_spse="lupa.saya")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("registrasi:lupa-user-id"), {"email": p.email.upper()})
        client.post(reverse("registrasi:lupa-user-id"), {"email": "orang.lain@contoh.id"})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [p.email] and "lupa.saya" in mail.outbox[0].body
    assert PermohonanAkun.objects.get().jenis == "lupa_user_id"


def test_expiring_appointments_are_listed_and_reminded_once_by_the_daily_task(
    client_as, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    soon = make_pendaftaran(
        status="disetujui",
        user_id_spse="ppk1",
        jenis="pejabat",
        peran="PPK",
        masa_berlaku_sampai=today + timedelta(days=20),
    )
    make_pendaftaran(status="disetujui", user_id_spse="jauh", izin_berlaku_sampai=today + timedelta(days=90))
    page = client_as(roles.REGISTRASI).get(reverse("registrasi:kedaluwarsa"))
    assert [p.pk for p in page.context["page"]] == [soon.pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.ingatkan_kedaluwarsa.delay().get() == 1
        assert services.pendaftaran_send_expiry_reminders() == 0  # once per expiry date
    assert mail.outbox[-1].to == [soon.email] and "masa berlaku jabatan" in mail.outbox[-1].subject.lower()
    with time_machine.travel(timezone.now() + timedelta(days=25)):
        assert services.pendaftaran_send_expiry_reminders() == 0  # already ended: listed, not reminded again


def test_reminder_schedule_is_installed():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="registrasi.tasks.ingatkan_kedaluwarsa")
    assert task.crontab.hour == "7"


def test_account_request_pages_query_count_does_not_grow(client_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff = client_as(roles.REGISTRASI)

    def count(n):
        for i in range(n):
            p = make_pendaftaran(
                status="disetujui",
                user_id_spse=f"q{n}-{i}",
                izin_berlaku_sampai=timezone.localdate() + timedelta(days=5),
            )
            PermohonanAkun.objects.create(pendaftaran=p, jenis="ubah_kontak", uraian="x")
        with CaptureQueriesContext(connection) as ctx:
            staff.get(reverse("registrasi:layanan-akun-list"))
            staff.get(reverse("registrasi:kedaluwarsa"))
        return len(ctx)

    staff.get(reverse("registrasi:kedaluwarsa"))
    assert count(3) == count(30)


def test_own_account_page_query_count_does_not_grow(vendor_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(n):
        for _ in range(n):
            PermohonanAkun.objects.create(pendaftaran=vendor_client.pendaftaran, jenis="ubah_kontak", uraian="x")
        with CaptureQueriesContext(connection) as ctx:
            vendor_client.get(reverse("registrasi:layanan-akun"))
        return len(ctx)

    vendor_client.get(reverse("registrasi:layanan-akun"))
    assert count(3) == count(30)
