"""Verification room slots (Pasal 14 huruf a) booked from the status page."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from lpse import roles, workcal
from registrasi import services
from registrasi.models import JadwalVerifikasi, SlotVerifikasi

from .factories import make_pendaftaran, make_slot

pytestmark = pytest.mark.django_db


def test_applicant_books_a_slot_from_the_status_page(client):
    p = make_pendaftaran()
    slot = make_slot(kapasitas=2)
    response = client.post(reverse("registrasi:jadwal", args=[p.token]), {"slot": slot.pk})
    assert response.status_code == 302
    slot.refresh_from_db()
    assert slot.terisi == 1
    assert JadwalVerifikasi.objects.get(pendaftaran=p).slot == slot
    assert timezone.localtime(slot.mulai).strftime("%Y") in client.get(response["Location"]).content.decode()


def test_full_slot_cannot_be_overbooked():
    slot = make_slot(kapasitas=1)
    services.jadwal_book(pendaftaran=make_pendaftaran(), slot_id=slot.pk)
    with pytest.raises(ValidationError, match="penuh"):
        services.jadwal_book(pendaftaran=make_pendaftaran(), slot_id=slot.pk)
    slot.refresh_from_db()
    assert slot.terisi == 1
    # Even a write that skips the locked check is refused by the database.
    with pytest.raises(IntegrityError), transaction.atomic():
        SlotVerifikasi.objects.filter(pk=slot.pk).update(terisi=F("terisi") + 1)


def test_full_or_past_slot_is_a_form_error_on_the_page(client):
    p = make_pendaftaran()
    full = make_slot(kapasitas=1, terisi=1)
    past = make_slot(days=-1)
    for slot_id in (full.pk, past.pk, 999999, "bukan-angka"):
        response = client.post(reverse("registrasi:jadwal", args=[p.token]), {"slot": slot_id})
        assert response.status_code == 400
        assert "tidak tersedia" in response.content.decode()
    assert not JadwalVerifikasi.objects.exists()


def test_moving_a_booking_frees_the_old_slot():
    p = make_pendaftaran()
    a, b = make_slot(days=2), make_slot(days=3)
    services.jadwal_book(pendaftaran=p, slot_id=a.pk)
    services.jadwal_book(pendaftaran=p, slot_id=b.pk)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.terisi, b.terisi) == (0, 1)


def test_approved_application_cannot_book():
    p = make_pendaftaran(status="disetujui", user_id_spse="x")
    with pytest.raises(ValidationError):
        services.jadwal_book(pendaftaran=p, slot_id=make_slot().pk)


def test_staff_open_slots_and_bad_input_is_a_form_error(client_as):
    client = client_as(roles.REGISTRASI)
    start = timezone.localtime() + timedelta(days=3)
    while not workcal.is_working_day(start.date()):  # slots are opened on office days and hours only
        start += timedelta(days=1)
    start = start.replace(hour=10, minute=0)
    fmt = "%Y-%m-%dT%H:%M"
    response = client.post(
        reverse("registrasi:slot-list"),
        {"mulai": start.strftime(fmt), "selesai": (start + timedelta(hours=1)).strftime(fmt), "kapasitas": 3},
    )
    assert response.status_code == 302
    assert SlotVerifikasi.objects.get().kapasitas == 3
    response = client.post(
        reverse("registrasi:slot-list"),
        {"mulai": start.strftime(fmt), "selesai": (start - timedelta(hours=1)).strftime(fmt), "kapasitas": 0},
    )
    assert response.status_code == 400
    assert SlotVerifikasi.objects.count() == 1


def test_kepala_unit_sees_slots_but_cannot_open_one(client_as):
    client = client_as(roles.KEPALA_UNIT)
    assert client.get(reverse("registrasi:slot-list")).status_code == 200
    assert client.post(reverse("registrasi:slot-list"), {}).status_code == 403


def test_slot_list_query_count_does_not_grow_with_slots(client_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(roles.REGISTRASI)

    def count(n):
        for i in range(n):
            make_slot(days=2 + i)
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("registrasi:slot-list"))
        return len(ctx)

    client.get(reverse("registrasi:slot-list"))
    assert count(3) == count(30)


def test_slots_on_saturdays_sundays_and_holidays_are_not_offered(client):
    """Pasal 14 huruf a: verification happens in the office, on its working days (lpse.workcal)."""
    p = make_pendaftaran()
    weekday = make_slot(days=1)
    saturday_start = timezone.localtime(weekday.mulai) + timedelta(days=(5 - weekday.mulai.weekday()) % 7 or 7)
    saturday = SlotVerifikasi.objects.create(
        mulai=saturday_start, selesai=saturday_start + timedelta(hours=1), kapasitas=2
    )
    assert timezone.localtime(saturday.mulai).weekday() == 5
    page = client.get(reverse("registrasi:status", args=[p.token])).content.decode()
    assert f'value="{weekday.pk}"' in page
    assert f'value="{saturday.pk}"' not in page
    response = client.post(reverse("registrasi:jadwal", args=[p.token]), {"slot": saturday.pk})
    assert response.status_code == 400
    assert not JadwalVerifikasi.objects.exists()


def test_staff_cannot_open_a_slot_outside_office_days_and_hours(client_as):
    client = client_as(roles.KABID_REGISTRASI)
    monday = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    while not workcal.is_working_day(monday):
        monday += timedelta(days=7)
    saturday = monday + timedelta(days=5)
    for day, start, end in ((saturday, "09:00", "11:00"), (monday, "02:00", "04:00"), (monday, "15:00", "17:00")):
        response = client.post(
            reverse("registrasi:slot-list"),
            {"mulai": f"{day}T{start}", "selesai": f"{day}T{end}", "kapasitas": 2},
        )
        assert response.status_code == 400, (day, start)
        assert "hari kerja" in response.content.decode()
    response = client.post(
        reverse("registrasi:slot-list"), {"mulai": f"{monday}T09:00", "selesai": f"{monday}T11:00", "kapasitas": 2}
    )
    assert response.status_code == 302
    assert SlotVerifikasi.objects.count() == 1
