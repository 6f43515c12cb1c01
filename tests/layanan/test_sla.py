"""The SLA clock counts working time only (lpse.workcal) and pauses while the
ticket waits on the user (issue 4; Pasal 11 and 15 ayat 1)."""

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from layanan import services, sla
from layanan.models import SlaTarget, Status, Tiket
from layanan.notify import sla_notify
from tests.layanan.conftest import wib
from tests.layanan.factories import make_tiket

pytestmark = pytest.mark.django_db


def test_default_targets_follow_priority_from_urgency_and_impact():
    assert {t.prioritas: (t.respons_menit, t.selesai_menit) for t in SlaTarget.objects.all()} == sla.DEFAULT_TARGETS
    tiket = make_tiket(urgensi="tinggi", dampak="tinggi", at=wib(2026, 11, 30, 8, 0))
    assert tiket.prioritas == 1
    assert tiket.respons_batas == wib(2026, 11, 30, 9, 0)
    assert tiket.selesai_batas == wib(2026, 11, 30, 12, 0)


def test_clock_skips_the_weekend():
    # Friday 14:00, P3: response 4 working hours, resolution 16.
    tiket = make_tiket(at=wib(2026, 11, 27, 14, 0))
    assert tiket.prioritas == 3
    assert tiket.respons_batas == wib(2026, 11, 30, 10, 0)  # Fri 2 h + Mon 2 h
    assert tiket.selesai_batas == wib(2026, 12, 1, 14, 0)  # Fri 2 h + Mon 8 h + Tue 6 h
    assert tiket.sla_berikut == tiket.respons_batas


def test_clock_skips_a_public_holiday():
    # Monday 17 August 2026 is Independence Day.
    tiket = make_tiket(at=wib(2026, 8, 14, 14, 0))
    assert tiket.respons_batas == wib(2026, 8, 18, 10, 0)


def test_ticket_opened_at_night_starts_counting_next_morning():
    tiket = make_tiket(at=wib(2026, 11, 30, 22, 0))
    assert tiket.respons_batas == wib(2026, 12, 1, 12, 0)


def test_only_a_public_staff_reply_counts_as_first_response(helpdesk):
    tiket = make_tiket(at=wib(2026, 11, 30, 8, 0))
    services.tiket_reply(
        tiket=tiket, author=helpdesk, body="Catatan: cek log.", public=False, at=wib(2026, 11, 30, 8, 30)
    )
    tiket.refresh_from_db()
    assert tiket.respons_pertama is None
    assert tiket.sla_berikut == tiket.respons_batas
    services.tiket_reply(
        tiket=tiket, author=helpdesk, body="Sedang kami periksa.", public=True, at=wib(2026, 11, 30, 9)
    )
    tiket.refresh_from_db()
    assert tiket.respons_pertama == wib(2026, 11, 30, 9, 0)
    assert sla.response_met(tiket) is True
    assert tiket.status == Status.DITANGANI
    assert tiket.sla_berikut == tiket.selesai_batas  # now the resolution clock is the one that ticks


def test_waiting_on_the_user_pauses_the_clock(helpdesk):
    tiket = make_tiket(at=wib(2026, 11, 30, 8, 0))  # resolution due Tue 1 Dec 16:00
    assert tiket.selesai_batas == wib(2026, 12, 1, 16, 0)
    with time_machine.travel(wib(2026, 11, 30, 9, 0), tick=False):
        services.tiket_reply(
            tiket=tiket, author=helpdesk, body="Mohon kirim tangkapan layar.", public=True, set_status=Status.MENUNGGU
        )
    tiket.refresh_from_db()
    assert tiket.status == Status.MENUNGGU
    assert tiket.sla_berikut is None
    with time_machine.travel(wib(2026, 12, 2, 10, 0), tick=False):
        services.tiket_requester_reply(tiket=tiket, body="Ini tangkapan layarnya.")
    tiket.refresh_from_db()
    assert tiket.status == Status.DITANGANI
    # 15 working hours were left at the pause; counted again from Wed 10:00.
    assert tiket.selesai_batas == wib(2026, 12, 4, 9, 0)
    assert tiket.jeda_detik == 17 * 3600
    assert tiket.sla_berikut == tiket.selesai_batas


def test_reopen_resumes_the_resolution_clock_within_the_window(helpdesk):
    tiket = make_tiket(at=wib(2026, 11, 30, 8, 0))
    services.tiket_reply(tiket=tiket, author=helpdesk, body="Sudah diperbaiki.", public=True, at=wib(2026, 11, 30, 9))
    services.tiket_set_status(tiket=tiket, status=Status.SELESAI, user=helpdesk, at=wib(2026, 12, 1, 15, 30))
    tiket.refresh_from_db()
    assert sla.resolution_met(tiket) is True
    assert tiket.sla_berikut is None
    services.tiket_requester_reply(tiket=tiket, body="Masih galat.", at=wib(2026, 12, 2, 8, 0))
    tiket.refresh_from_db()
    assert tiket.status == Status.DITANGANI
    assert tiket.diselesaikan is None  # no longer solved
    # Half an hour was left when it was solved.
    assert tiket.selesai_batas == wib(2026, 12, 2, 8, 30)


def test_reopen_after_the_window_is_refused_and_nothing_is_lost(helpdesk):
    tiket = make_tiket(at=wib(2026, 11, 30, 8, 0))
    services.tiket_set_status(tiket=tiket, status=Status.SELESAI, user=helpdesk, at=wib(2026, 12, 1, 9, 0))
    with pytest.raises(ValidationError, match="sudah lewat"):
        services.tiket_requester_reply(tiket=tiket, body="Masih galat.", at=wib(2026, 12, 9, 9, 0))
    tiket.refresh_from_db()
    assert tiket.status == Status.SELESAI
    assert not tiket.balasan.exists()  # the refused reply was rolled back with everything else
    with pytest.raises(ValidationError, match="dibuka kembali"):
        services.tiket_set_status(tiket=tiket, status=Status.DITANGANI, user=helpdesk, at=wib(2026, 12, 9, 9))


def test_kepala_bidang_target_change_applies_to_new_tickets(kabid):
    old = make_tiket(at=wib(2026, 11, 30, 8, 0))
    target = SlaTarget.objects.get(prioritas=3)
    target.respons_menit = 30
    services.sla_target_save(target=target, user=kabid)
    new = make_tiket(at=wib(2026, 11, 30, 8, 0))
    assert new.respons_batas == wib(2026, 11, 30, 8, 30)
    old.refresh_from_db()
    assert old.respons_batas == wib(2026, 11, 30, 12, 0)


def test_target_form_refuses_resolution_shorter_than_response(client_as):
    from lpse import roles

    client = client_as(roles.KABID_LAYANAN)
    data = {}
    for p, (r, s) in sla.DEFAULT_TARGETS.items():
        data[f"p{p}-respons_menit"], data[f"p{p}-selesai_menit"] = r, s
    data["p1-selesai_menit"] = 10
    response = client.post("/staf/layanan/sla/", data)
    assert response.status_code == 400
    assert "tidak boleh lebih singkat" in response.content.decode()
    assert SlaTarget.objects.get(prioritas=1).selesai_menit == 240


def test_sla_task_mails_kepala_bidang_once_per_level(kabid, django_capture_on_commit_callbacks):
    tiket = make_tiket(at=wib(2026, 11, 30, 8, 0))  # P3, response due 12:00, "near" from 11:00
    assert sla_notify(now=wib(2026, 11, 30, 10, 0)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert sla_notify(now=wib(2026, 11, 30, 11, 15)) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [kabid.email]
    assert "MENDEKATI BATAS SLA" in mail.outbox[0].body and tiket.nomor in mail.outbox[0].body
    assert sla_notify(now=wib(2026, 11, 30, 11, 30)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        from layanan.tasks import sla_peringatan

        with time_machine.travel(wib(2026, 11, 30, 12, 5), tick=False):
            assert sla_peringatan.delay().get() == 1
    assert "LEWAT BATAS SLA" in mail.outbox[1].body
    assert Tiket.objects.get(pk=tiket.pk).sla_notif == 2


def test_solved_tickets_close_by_themselves_after_the_reopen_window(helpdesk):
    tiket = make_tiket(at=wib(2026, 11, 30, 8, 0))
    services.tiket_set_status(tiket=tiket, status=Status.SELESAI, user=helpdesk, at=wib(2026, 12, 1, 9, 0))
    # Five working days: Tue 1 Dec 09:00 → Tue 8 Dec 09:00.
    assert services.tiket_autoclose(now=wib(2026, 12, 8, 8, 59)) == 0
    assert services.tiket_autoclose(now=wib(2026, 12, 8, 9, 1)) == 1
    tiket.refresh_from_db()
    assert tiket.status == Status.DITUTUP
    assert tiket.peristiwa.filter(ke="ditutup", keterangan="tutup otomatis").exists()
