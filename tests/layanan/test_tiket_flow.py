"""Status flow, merge, escalation to LKPP and rating (Pasal 11, 15 ayat 3, 24 ayat 1 huruf d)."""

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from layanan import selectors, services
from layanan.models import Eskalasi, Status, Tiket, TiketBalasan, TiketPeristiwa
from lpse.models import EmailOutbox
from tests.layanan.conftest import wib
from tests.layanan.factories import make_tiket

pytestmark = pytest.mark.django_db


def test_status_flow_from_new_to_closed_is_recorded_event_by_event(helpdesk):
    tiket = make_tiket(at=wib(2026, 11, 30, 8, 0))
    services.tiket_set_status(tiket=tiket, status=Status.DITANGANI, user=helpdesk, at=wib(2026, 11, 30, 8, 10))
    services.tiket_reply(
        tiket=tiket,
        author=helpdesk,
        body="Mohon NPWP.",
        public=True,
        set_status=Status.MENUNGGU,
        at=wib(2026, 11, 30, 8, 20),
    )
    services.tiket_requester_reply(tiket=tiket, body="NPWP 01.234.567.8-901.000", at=wib(2026, 11, 30, 9, 0))
    services.tiket_set_status(tiket=tiket, status=Status.SELESAI, user=helpdesk, at=wib(2026, 11, 30, 10, 0))
    services.tiket_rate(tiket=tiket, nilai=5, komentar="Cepat sekali.", at=wib(2026, 11, 30, 11, 0))
    tiket.refresh_from_db()
    assert tiket.status == Status.DITUTUP
    assert (tiket.nilai, tiket.komentar_nilai) == (5, "Cepat sekali.")
    steps = [(p.jenis, p.dari, p.ke) for p in tiket.peristiwa.filter(jenis=TiketPeristiwa.Jenis.STATUS)]
    assert steps == [
        ("status", "baru", "ditangani"),
        ("status", "ditangani", "menunggu"),
        ("status", "menunggu", "ditangani"),
        ("status", "ditangani", "selesai"),
        ("status", "selesai", "ditutup"),
    ]
    assert tiket.history.count() >= 5  # django-simple-history keeps every saved version too


def test_status_cannot_jump_backwards_from_new_to_closed(helpdesk):
    tiket = make_tiket()
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services.tiket_set_status(tiket=tiket, status=Status.DITUTUP, user=helpdesk)
    assert Tiket.objects.get(pk=tiket.pk).status == Status.BARU


def test_rating_needs_a_solved_ticket_and_a_value_from_1_to_5(helpdesk):
    tiket = make_tiket()
    with pytest.raises(ValidationError, match="berstatus selesai"):
        services.tiket_rate(tiket=tiket, nilai=5)
    services.tiket_set_status(tiket=tiket, status=Status.SELESAI, user=helpdesk)
    with pytest.raises(ValidationError, match="1 sampai 5"):
        services.tiket_rate(tiket=tiket, nilai=6)
    assert Tiket.objects.get(pk=tiket.pk).nilai is None


def test_public_reply_mails_the_requester_after_commit_internal_note_does_not(
    helpdesk, django_capture_on_commit_callbacks
):
    tiket = make_tiket()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.tiket_reply(tiket=tiket, author=helpdesk, body="Catatan internal.", public=False)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.tiket_reply(tiket=tiket, author=helpdesk, body="Silakan coba lagi sekarang.", public=True)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["joni@cv-sinar.co.id"]
    assert "Silakan coba lagi sekarang." in mail.outbox[0].body
    assert tiket.token in mail.outbox[0].body


def test_merge_moves_text_and_files_and_closes_the_duplicate(helpdesk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.layanan.test_tiket_views import PNG

    asli = make_tiket(subjek="SPSE tidak bisa diakses")
    dup = services.tiket_create(
        data={
            "nama": "Rina",
            "email": "rina@contoh.id",
            "jenis": "gangguan",
            "kategori": "teknis",
            "jenis_pelapor": "pokja",
            "urgensi": "tinggi",
            "dampak": "tinggi",
            "subjek": "SPSE down",
            "deskripsi": "Sejak pagi SPSE tidak dapat dibuka.",
        },
        files=[SimpleUploadedFile("layar.png", PNG, content_type="image/png")],
    )
    services.tiket_merge(duplikat=dup, ke=asli, user=helpdesk)
    dup.refresh_from_db()
    assert dup.digabung_ke_id == asli.pk
    assert dup.status == Status.DITUTUP
    note = TiketBalasan.objects.get(tiket=asli, publik=False)
    assert "Sejak pagi SPSE tidak dapat dibuka." in note.isi and dup.nomor in note.isi
    assert asli.lampiran.get().nama_asli == "layar.png"
    assert asli.peristiwa.filter(jenis="gabung", dari=dup.nomor).exists()
    assert EmailOutbox.objects.filter(subjek__contains=f"{dup.nomor} digabung").exists()
    with pytest.raises(ValidationError, match="sudah digabung"):
        services.tiket_merge(duplikat=dup, ke=asli, user=helpdesk)
    with pytest.raises(ValidationError, match="dirinya sendiri"):
        services.tiket_merge(duplikat=asli, ke=asli, user=helpdesk)


@time_machine.travel(wib(2026, 12, 2, 9, 0), tick=False)
def test_escalation_to_lkpp_records_reference_answer_and_time_apart(helpdesk):
    tiket = make_tiket(at=wib(2026, 11, 30, 8, 0))
    e1 = services.eskalasi_create(
        tiket=tiket,
        level=Eskalasi.Level.HELPDESK_LKPP,
        uraian="Dekripsi gagal.",
        dikirim=wib(2026, 11, 30, 9, 0),
        nomor_referensi="LKPP-2026-1177",
        user=helpdesk,
    )
    services.eskalasi_answer(
        eskalasi=e1, jawaban="Diteruskan ke tim teknis.", dijawab=wib(2026, 11, 30, 13, 0), user=helpdesk
    )
    e2 = services.eskalasi_create(
        tiket=tiket,
        level=Eskalasi.Level.TEKNIS_LKPP,
        uraian="Mohon uji forensik.",
        dikirim=wib(2026, 11, 30, 14, 0),
        user=helpdesk,
    )
    # 4 working hours at Helpdesk LKPP + 2 (Mon 14–16) + 8 (Tue) waiting on Helpdesk Teknis LKPP.
    assert selectors.escalated_seconds(tiket, now=wib(2026, 12, 1, 16, 0)) == 14 * 3600
    e1.refresh_from_db()
    assert e1.nomor_referensi == "LKPP-2026-1177" and e1.jawaban == "Diteruskan ke tim teknis."
    assert TiketBalasan.objects.filter(tiket=tiket, publik=False, isi__contains="LKPP-2026-1177").exists()
    with pytest.raises(ValidationError, match="sudah dicatat"):
        services.eskalasi_answer(eskalasi=e1, jawaban="lagi", dijawab=wib(2026, 11, 30, 14, 0), user=helpdesk)
    with pytest.raises(ValidationError, match="sebelum tanggal kirim"):
        services.eskalasi_answer(eskalasi=e2, jawaban="x", dijawab=wib(2026, 11, 30, 10, 0), user=helpdesk)
    assert Eskalasi.objects.filter(dijawab__isnull=True).count() == 1


def test_escalation_date_in_the_future_is_refused(helpdesk):
    tiket = make_tiket()
    with pytest.raises(ValidationError, match="masa depan"):
        services.eskalasi_create(
            tiket=tiket,
            level="helpdesk",
            uraian="x",
            dikirim=timezone.now() + timezone.timedelta(days=1),
            user=helpdesk,
        )


def test_assignment_only_to_layanan_staff(helpdesk, make_user):
    from lpse import roles

    tiket = make_tiket()
    services.tiket_assign(tiket=tiket, petugas=helpdesk, user=helpdesk)
    assert Tiket.objects.get(pk=tiket.pk).petugas == helpdesk
    with pytest.raises(ValidationError, match="Bidang Layanan"):
        services.tiket_assign(tiket=tiket, petugas=make_user(roles.PENYEDIA), user=helpdesk)


def test_raising_priority_recomputes_deadlines_from_opening(helpdesk):
    tiket = make_tiket(at=wib(2026, 11, 30, 8, 0))
    services.tiket_set_priority(tiket=tiket, urgensi="tinggi", dampak="tinggi", user=helpdesk)
    tiket.refresh_from_db()
    assert tiket.prioritas == 1
    assert tiket.respons_batas == wib(2026, 11, 30, 9, 0)
