"""Trainings and socialisation (Pasal 11 ayat 4 huruf b)."""

import io
import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from layanan import services
from layanan.models import EvaluasiPelatihan, PesertaPelatihan
from lpse import roles
from tests.layanan.factories import make_pelatihan, make_peserta


@pytest.mark.django_db
def test_sign_up_gets_a_seat_then_the_waiting_list_and_a_mail(client, django_capture_on_commit_callbacks):
    pelatihan = make_pelatihan(kapasitas=1)
    url = reverse("layanan:pelatihan-detail", args=[pelatihan.pk])
    with django_capture_on_commit_callbacks(execute=True):
        r1 = client.post(url, {"nama": "Ani", "email": "ani@contoh.id"})
        r2 = client.post(url, {"nama": "Budi", "email": "budi@contoh.id"})
    assert r1.status_code == r2.status_code == 302
    ani, budi = PesertaPelatihan.objects.order_by("id")
    assert (ani.status, budi.status) == ("terdaftar", "cadangan")
    assert ani.token in mail.outbox[0].body and "daftar tunggu" in mail.outbox[1].body


@pytest.mark.django_db
def test_signing_up_twice_is_a_clear_error(client):
    pelatihan = make_pelatihan()
    url = reverse("layanan:pelatihan-detail", args=[pelatihan.pk])
    client.post(url, {"nama": "Ani", "email": "ani@contoh.id"})
    again = client.post(url, {"nama": "Ani", "email": "ANI@contoh.id"})
    assert again.status_code == 400
    assert "sudah terdaftar" in again.content.decode()
    assert PesertaPelatihan.objects.count() == 1


@pytest.mark.django_db
def test_cancel_link_gives_the_seat_to_the_first_on_the_waiting_list(client):
    pelatihan = make_pelatihan(kapasitas=1)
    ani = make_peserta(pelatihan, email="ani@contoh.id")
    budi = make_peserta(pelatihan, email="budi@contoh.id")
    response = client.post(reverse("layanan:peserta-batal", args=[ani.token]))
    assert response.status_code == 302
    ani.refresh_from_db()
    budi.refresh_from_db()
    assert (ani.status, budi.status) == ("batal", "terdaftar")
    # Signing up again after cancelling is allowed (the unique rule ignores cancelled rows).
    make_peserta(pelatihan, email="ani@contoh.id")


@pytest.mark.django_db
def test_someone_elses_participant_link_opens_nothing(client):
    make_peserta()
    assert client.get(reverse("layanan:peserta", args=["tidak-ada-token-ini"])).status_code == 404
    assert client.post(reverse("layanan:peserta-batal", args=["tidak-ada-token-ini"])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_capacity_holds_under_simultaneous_sign_ups(roles_ready):
    """Pasal 11 ayat 4 huruf b trainings: twelve people press "Daftar" at once for
    five seats — five seats, seven waiting (the training row is locked)."""
    pelatihan = make_pelatihan(kapasitas=5)
    barrier = threading.Barrier(12)
    errors = []

    def sign_up(i):
        try:
            barrier.wait()
            services.peserta_register(pelatihan=pelatihan, data={"nama": f"P{i}", "email": f"p{i}@contoh.id"})
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    statuses = list(PesertaPelatihan.objects.values_list("status", flat=True))
    assert statuses.count("terdaftar") == 5
    assert statuses.count("cadangan") == 7


@pytest.mark.django_db
def test_attendance_certificate_and_evaluation(client_as, client, django_capture_on_commit_callbacks):
    staff = client_as(roles.LAYANAN)
    pelatihan = make_pelatihan(topik="Sosialisasi e-Katalog", days=1)
    hadir = make_peserta(pelatihan, nama="Rina Br Sembiring", email="rina@contoh.id", instansi="CV Lau Kawar")
    absen = make_peserta(pelatihan, nama="Tono", email="tono@contoh.id")
    staff.post(reverse("layanan:pelatihan-staf", args=[pelatihan.pk]), {"hadir": [hadir.pk]})
    hadir.refresh_from_db()
    absen.refresh_from_db()
    assert hadir.hadir and not absen.hadir
    # Issue 12: no certificate before the training has ended.
    staff.post(reverse("layanan:pelatihan-sertifikat", args=[pelatihan.pk]))
    hadir.refresh_from_db()
    assert hadir.sertifikat is None
    with (
        time_machine.travel(pelatihan.selesai + timedelta(hours=1)),
        django_capture_on_commit_callbacks(execute=True),  # the worker renders the PDFs after the commit
    ):
        staff.force_login(staff.user)  # a day later: the staff session of the morning has expired
        response = staff.post(reverse("layanan:pelatihan-sertifikat", args=[pelatihan.pk]))
    assert response.status_code == 302
    hadir.refresh_from_db()
    absen.refresh_from_db()
    assert hadir.sertifikat is not None and absen.sertifikat is None
    staff.logout()
    pdf = client.get(reverse("layanan:peserta-sertifikat", args=[hadir.token]))
    assert pdf.status_code == 200
    text = PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages[0].extract_text()
    assert "Rina Br Sembiring" in text and "Sosialisasi e-Katalog" in text and hadir.sertifikat.nomor in text
    url = reverse("layanan:peserta", args=[hadir.token])
    early = client.post(url, {"nilai_materi": 5, "nilai_pelatih": 4, "nilai_fasilitas": 3})
    assert early.status_code == 400 and "setelah pelatihan selesai" in early.content.decode()
    with time_machine.travel(pelatihan.selesai + timedelta(hours=1)):
        assert client.post(url, {"nilai_materi": 5, "nilai_pelatih": 4, "nilai_fasilitas": 3}).status_code == 302
        twice = client.post(url, {"nilai_materi": 1, "nilai_pelatih": 1, "nilai_fasilitas": 1})
        assert twice.status_code == 400
        with pytest.raises(ValidationError, match="hanya untuk peserta yang hadir"):
            services.evaluasi_submit(peserta=absen, data={"nilai_materi": 3, "nilai_pelatih": 3, "nilai_fasilitas": 3})
    assert EvaluasiPelatihan.objects.get().nilai_materi == 5


@pytest.mark.django_db
def test_sign_up_after_the_start_is_closed():
    pelatihan = make_pelatihan(days=1)
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.peserta_register(
            pelatihan=pelatihan, data={"nama": "x", "email": "x@contoh.id"}, at=timezone.now() + timedelta(days=2)
        )


@pytest.mark.django_db
def test_a_new_training_books_its_room_and_cannot_take_a_booked_one(client_as, make_user):
    from layanan.models import Pelatihan, PemesananRuang
    from tests.layanan.factories import make_ruang

    ruang = make_ruang(nama="Ruang Pelatihan", jenis="pelatihan", kapasitas=30)
    mulai = timezone.localtime(timezone.now() + timedelta(days=5)).replace(hour=9, minute=0, second=0, microsecond=0)
    services.pemesanan_create(
        ruang=ruang, pemesan=make_user(roles.POKJA), mulai=mulai, selesai=mulai + timedelta(hours=2), keperluan="Rapat"
    )
    client = client_as(roles.LAYANAN)
    data = {
        "topik": "Sosialisasi SPSE 4.5",
        "sasaran": "penyedia",
        "mulai": mulai.strftime("%Y-%m-%dT%H:%M"),
        "selesai": (mulai + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "ruang": ruang.pk,
        "pelatih": "Tim LPSE",
        "kapasitas": 25,
        "terbit": "on",
    }
    response = client.post(reverse("layanan:pelatihan-kelola"), data)
    assert response.status_code == 400 and "sudah dipesan" in response.content.decode()
    assert not Pelatihan.objects.exists()
    data["mulai"] = (mulai + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    data["selesai"] = (mulai + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(reverse("layanan:pelatihan-kelola"), data).status_code == 302
    assert PemesananRuang.objects.filter(ruang=ruang, keperluan="Pelatihan: Sosialisasi SPSE 4.5").exists()
