"""Verification room slots (Pasal 14 huruf a) booked from the status page."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from lpse import roles
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
