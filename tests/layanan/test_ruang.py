"""Room bookings and the guest book (Pasal 14 huruf a–b)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from layanan import services
from layanan.models import BukuTamu, PemesananRuang
from lpse import roles, workcal
from tests.layanan.factories import make_ruang

pytestmark = pytest.mark.django_db


def _slot(hours_from_now=48, length=2):
    """A booking ``length`` hours long; ahead, it starts at 09.00 on the working day
    at least ``hours_from_now`` away (bookings follow office hours, issue 13)."""
    mulai = (timezone.now() + timedelta(hours=hours_from_now)).replace(microsecond=0)
    if hours_from_now > 0:
        mulai = timezone.localtime(mulai).replace(hour=9, minute=0, second=0)
        while not workcal.is_working_day(mulai.date()) or mulai < timezone.now():
            mulai += timedelta(days=1)
    return mulai, mulai + timedelta(hours=length)


def test_overlapping_booking_is_refused_with_the_existing_slot_named(make_user):
    pokja = make_user(roles.POKJA)
    ruang = make_ruang()
    mulai, selesai = _slot()
    services.pemesanan_create(ruang=ruang, pemesan=pokja, mulai=mulai, selesai=selesai, keperluan="Pembukaan penawaran")
    with pytest.raises(ValidationError, match="sudah dipesan .*Pembukaan penawaran"):
        services.pemesanan_create(
            ruang=ruang, pemesan=pokja, mulai=mulai + timedelta(hours=1), selesai=selesai + timedelta(hours=1),
            keperluan="Evaluasi",
        )  # fmt: skip
    # Back to back is fine; another room at the same time is fine.
    services.pemesanan_create(
        ruang=ruang, pemesan=pokja, mulai=selesai, selesai=selesai + timedelta(hours=1), keperluan="b"
    )
    services.pemesanan_create(
        ruang=make_ruang(nama="Ruang Pelatihan", jenis="pelatihan"), pemesan=pokja, mulai=mulai, selesai=selesai,
        keperluan="c",
    )  # fmt: skip
    assert PemesananRuang.objects.count() == 3


def test_the_database_itself_refuses_overlaps_through_the_exclusion_constraint(make_user):
    """Pasal 14 huruf a: even bypassing the service, PostgreSQL refuses a second booking."""
    user = make_user(roles.LAYANAN)
    ruang = make_ruang()
    mulai, selesai = _slot()
    PemesananRuang.objects.create(ruang=ruang, pemesan=user, mulai=mulai, selesai=selesai, keperluan="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        PemesananRuang.objects.create(
            ruang=ruang, pemesan=user, mulai=mulai + timedelta(minutes=30), selesai=selesai, keperluan="b"
        )
    # A refused booking no longer holds the slot.
    PemesananRuang.objects.update(status=PemesananRuang.Status.TIDAK_SETUJU)
    PemesananRuang.objects.create(ruang=ruang, pemesan=user, mulai=mulai, selesai=selesai, keperluan="c")


def test_booking_in_the_past_or_backwards_or_too_many_people_is_refused(make_user):
    user = make_user(roles.POKJA)
    ruang = make_ruang(kapasitas=4)
    mulai, selesai = _slot(hours_from_now=-5)
    with pytest.raises(ValidationError, match="sudah lewat"):
        services.pemesanan_create(ruang=ruang, pemesan=user, mulai=mulai, selesai=selesai, keperluan="x")
    mulai, selesai = _slot()
    with pytest.raises(ValidationError, match="setelah waktu mulai"):
        services.pemesanan_create(ruang=ruang, pemesan=user, mulai=selesai, selesai=mulai, keperluan="x")
    with pytest.raises(ValidationError, match="hanya memuat 4"):
        services.pemesanan_create(ruang=ruang, pemesan=user, mulai=mulai, selesai=selesai, keperluan="x", peserta=9)
    assert not PemesananRuang.objects.exists()


def test_kepala_bidang_approves_where_the_room_needs_it(make_user, client_as):
    pokja = make_user(roles.POKJA)
    mulai, selesai = _slot()
    p = services.pemesanan_create(ruang=make_ruang(), pemesan=pokja, mulai=mulai, selesai=selesai, keperluan="x")
    assert p.status == PemesananRuang.Status.TUNDA
    free = services.pemesanan_create(
        ruang=make_ruang(nama="Ruang Verifikasi", jenis="verifikasi", perlu_persetujuan=False), pemesan=pokja,
        mulai=mulai, selesai=selesai, keperluan="y",
    )  # fmt: skip
    assert free.status == PemesananRuang.Status.SETUJU
    client = client_as(roles.KABID_LAYANAN)
    response = client.post(reverse("layanan:pemesanan-keputusan", args=[p.pk]), {"keputusan": "tidak_setuju"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.diputus_oleh) == (PemesananRuang.Status.TIDAK_SETUJU, client.user)
    with pytest.raises(ValidationError, match="berstatus tunda"):
        services.pemesanan_decide(pemesanan=p, setuju=True, user=client.user)


def test_pokja_books_from_the_calendar_page_and_sees_the_week(client_as):
    client = client_as(roles.POKJA)
    ruang = make_ruang()
    mulai, selesai = _slot()
    fmt = "%Y-%m-%dT%H:%M"
    data = {
        "ruang": ruang.pk,
        "mulai": timezone.localtime(mulai).strftime(fmt),
        "selesai": timezone.localtime(selesai).strftime(fmt),
        "peserta": 5,
        "keperluan": "Pembukaan penawaran paket 77001234",
    }
    response = client.post(reverse("layanan:ruang-kalender"), data)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Pembukaan penawaran paket 77001234" in page
    again = client.post(reverse("layanan:ruang-kalender"), data)
    assert again.status_code == 400 and "sudah dipesan" in again.content.decode()
    assert PemesananRuang.objects.count() == 1


def _book(ruang, user, base, i):
    mulai = base + timedelta(hours=i)
    PemesananRuang.objects.create(
        ruang=ruang, pemesan=user, keperluan=f"b{i}", mulai=mulai, selesai=mulai + timedelta(minutes=50)
    )


def test_calendar_query_count_is_constant(client_as, make_user, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(roles.POKJA)
    ruang, user = make_ruang(), make_user(roles.LAYANAN)
    base = timezone.now() + timedelta(days=1)
    for i in range(3):
        _book(ruang, user, base, i)
    url = reverse("layanan:ruang-kalender") + f"?minggu={timezone.localdate(base)}"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(3, 30):
        _book(ruang, user, base, i)
    with django_assert_max_num_queries(len(few)):
        client.get(url)


def test_guest_book_logs_walk_in_internet_users(client_as):
    client = client_as(roles.LAYANAN)
    response = client.post(
        reverse("layanan:buku-tamu"),
        {"nama": "Budi Ginting", "instansi": "CV Maju", "keperluan": "internet", "komputer": "PC-3"},
    )
    assert response.status_code == 302
    tamu = BukuTamu.objects.get()
    assert tamu.dicatat_oleh == client.user and tamu.keluar is None
    client.post(reverse("layanan:tamu-keluar", args=[tamu.pk]))
    tamu.refresh_from_db()
    assert tamu.keluar is not None
    assert client.post(reverse("layanan:buku-tamu"), {"nama": ""}).status_code == 400


@pytest.mark.parametrize("shift", ["sunday-night", "evening", "holiday"])
def test_bookings_outside_office_hours_wait_for_a_kepala_bidang(make_user, client_as, shift, settings):
    """Pasal 14 huruf a; issue 13: a room was booked for Sunday 02.00–04.00 without a word."""
    settings.EXTRA_HOLIDAYS = []
    pokja = make_user(roles.POKJA)
    ruang = make_ruang(nama="Ruang Verifikasi", jenis="verifikasi", perlu_persetujuan=False)
    mulai, _ = _slot()
    if shift == "sunday-night":
        mulai = mulai + timedelta(days=(6 - mulai.weekday()) % 7 or 7)
        mulai = mulai.replace(hour=2)
    elif shift == "evening":
        mulai = mulai.replace(hour=19)
    else:
        day = mulai.date() + timedelta(days=1)
        while workcal.is_working_day(day):
            day += timedelta(days=1)
        mulai = mulai.replace(year=day.year, month=day.month, day=day.day)
    p = services.pemesanan_create(
        ruang=ruang, pemesan=pokja, mulai=mulai, selesai=mulai + timedelta(hours=2), keperluan="Lembur"
    )
    assert (p.status, p.luar_jam_kantor) == (PemesananRuang.Status.TUNDA, True)
    kabid = client_as(roles.KABID_LAYANAN)
    assert "di luar jam kantor" in kabid.get(reverse("layanan:ruang-kalender")).content.decode()
    kabid.post(reverse("layanan:pemesanan-keputusan", args=[p.pk]), {"keputusan": "setuju"})
    p.refresh_from_db()
    assert p.status == PemesananRuang.Status.SETUJU and p.diputus_oleh == kabid.user


def test_a_booking_in_office_hours_of_a_free_room_needs_no_exception(make_user):
    mulai, selesai = _slot()
    p = services.pemesanan_create(
        ruang=make_ruang(nama="Ruang Verifikasi", jenis="verifikasi", perlu_persetujuan=False),
        pemesan=make_user(roles.POKJA), mulai=mulai, selesai=selesai, keperluan="Verifikasi",
    )  # fmt: skip
    assert (p.status, p.luar_jam_kantor) == (PemesananRuang.Status.SETUJU, False)
