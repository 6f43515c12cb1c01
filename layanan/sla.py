"""The SLA clock of a ticket, counted in working time (lpse.workcal).

Deadlines are stored on the ticket. While the ticket waits on the user, or
after it is solved, the clock is paused (``jeda_mulai``); when it runs again
every stored deadline moves forward by the working time of the pause. Moving
a deadline forward by the pause gives the same moment as "remaining time at
the pause, counted from the resume": both add the same number of working
seconds on one working-time line.
"""

from datetime import datetime

from django.conf import settings

from lpse import workcal

from .models import OPEN_STATUSES, SlaTarget, Status, Tiket

WASPADA = 0.75  # a ticket "nears" its target when three quarters of the time has gone

# Used when the table is empty (a fresh database before migrations ran, or tests that flush it).
DEFAULT_TARGETS = {1: (60, 240), 2: (120, 480), 3: (240, 960), 4: (480, 2400)}


def reopen_window_days() -> int:
    """Working days after solving during which the requester may reopen."""
    return int(getattr(settings, "LAYANAN_REOPEN_WORKING_DAYS", 5))


def targets_for(prioritas: int) -> tuple[int, int]:
    """(response, resolution) targets in working minutes."""
    row = SlaTarget.objects.filter(prioritas=prioritas).values_list("respons_menit", "selesai_menit").first()
    return row or DEFAULT_TARGETS[prioritas]


def start(tiket: Tiket, *, at: datetime) -> None:
    """Set the deadlines of a new ticket (or one whose priority changed)."""
    respons, selesai = targets_for(tiket.prioritas)
    tiket.respons_batas = workcal.add_working_seconds(at, respons * 60)
    tiket.respons_waspada = workcal.add_working_seconds(at, int(respons * 60 * WASPADA))
    tiket.selesai_batas = workcal.add_working_seconds(at, selesai * 60)
    tiket.selesai_waspada = workcal.add_working_seconds(at, int(selesai * 60 * WASPADA))
    refresh(tiket)


def pause(tiket: Tiket, *, at: datetime) -> None:
    if tiket.jeda_mulai is None:
        tiket.jeda_mulai = at
    refresh(tiket)


def resume(tiket: Tiket, *, at: datetime) -> None:
    """Run the clock again; the deadlines move by the working time paused."""
    if tiket.jeda_mulai is not None:
        paused = workcal.working_seconds_between(tiket.jeda_mulai, at)
        if paused:
            if tiket.respons_pertama is None:
                tiket.respons_batas = workcal.add_working_seconds(tiket.respons_batas, paused)
                tiket.respons_waspada = workcal.add_working_seconds(tiket.respons_waspada, paused)
            tiket.selesai_batas = workcal.add_working_seconds(tiket.selesai_batas, paused)
            tiket.selesai_waspada = workcal.add_working_seconds(tiket.selesai_waspada, paused)
            tiket.jeda_detik += paused
        tiket.jeda_mulai = None
    refresh(tiket)


def refresh(tiket: Tiket) -> None:
    """Recompute the deadline that ticks now (NULL while paused or closed)."""
    before = tiket.sla_berikut
    ticking = tiket.status in (Status.BARU, Status.DITANGANI) and tiket.jeda_mulai is None
    if not ticking:
        tiket.sla_berikut = tiket.sla_berikut_waspada = None
    elif tiket.respons_pertama is None:
        tiket.sla_berikut, tiket.sla_berikut_waspada = tiket.respons_batas, tiket.respons_waspada
    else:
        tiket.sla_berikut, tiket.sla_berikut_waspada = tiket.selesai_batas, tiket.selesai_waspada
    if tiket.sla_berikut is not None and tiket.sla_berikut != before:
        tiket.sla_notif = 0  # a new deadline ticks: the Kepala Bidang hears about it afresh


def state(tiket: Tiket, *, now: datetime) -> str:
    """'lewat', 'dekat', 'jeda' or 'aman' — for the queue's colours."""
    if tiket.sla_berikut is None:
        return "jeda" if tiket.status in OPEN_STATUSES else "aman"
    if now >= tiket.sla_berikut:
        return "lewat"
    if tiket.sla_berikut_waspada and now >= tiket.sla_berikut_waspada:
        return "dekat"
    return "aman"


def response_met(tiket: Tiket) -> bool | None:
    if tiket.respons_pertama is None:
        return None
    return tiket.respons_pertama <= tiket.respons_batas


def resolution_met(tiket: Tiket) -> bool | None:
    if tiket.diselesaikan is None:
        return None
    return tiket.diselesaikan <= tiket.selesai_batas
