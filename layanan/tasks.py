"""Celery entry points of Layanan dan Dukungan: thin, they call services."""

from celery import shared_task

from lpse.schedules import once_per_day


@shared_task(soft_time_limit=120, time_limit=180)
def sla_peringatan() -> int:
    """Mail the Kepala Bidang Layanan the tickets that near or passed their SLA."""
    from .notify import sla_notify

    return sla_notify()


@shared_task(soft_time_limit=600, time_limit=660)
def sertifikat_pelatihan(pelatihan_id: int, user_id: int | None = None) -> int:
    """Issue the certificates of everyone who attended a training (PDF rendering is slow: not in a request)."""
    from django.contrib.auth import get_user_model

    from .models import PesertaPelatihan
    from .services import sertifikat_issue

    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    done = 0
    peserta = PesertaPelatihan.objects.filter(
        pelatihan_id=pelatihan_id, hadir=True, status="terdaftar", sertifikat__isnull=True
    ).select_related("pelatihan")
    for p in peserta:
        sertifikat_issue(peserta=p, user=user)
        done += 1
    return done


@shared_task(soft_time_limit=300, time_limit=360)
@once_per_day(lease_seconds=360, skipped=0)
def tutup_otomatis() -> int:
    """Close solved tickets once their reopen window has passed."""
    from .services import tiket_autoclose

    return tiket_autoclose()


@shared_task(soft_time_limit=120, time_limit=180)
def rup_pengingat() -> int:
    """Daily: remind PA/KPA and the Kepala Bidang of RUP not yet announced before the deadline (Pasal 4(1)a)."""
    from .rup import rup_remind

    return rup_remind()
