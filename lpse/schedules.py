"""Default beat schedules, installed by data migrations and editable by staff
in the admin (django-celery-beat)."""


def install_interval(apps, *, name: str, task: str, every: int, period: str = "seconds", enabled=True) -> None:
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    schedule, _ = IntervalSchedule.objects.get_or_create(every=every, period=period)
    PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "interval": schedule, "enabled": enabled})


def install_crontab(
    apps,
    *,
    name: str,
    task: str,
    minute="0",
    hour="*",
    day_of_week="*",
    day_of_month="*",
    month_of_year="*",
    enabled=True,
) -> None:
    """A crontab in Asia/Jakarta: '07:00' means 07:00 WIB."""
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    schedule, _ = CrontabSchedule.objects.get_or_create(
        minute=minute,
        hour=hour,
        day_of_week=day_of_week,
        day_of_month=day_of_month,
        month_of_year=month_of_year,
        timezone="Asia/Jakarta",
    )
    PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "crontab": schedule, "enabled": enabled})


def once_per_day(*, lease_seconds: int, skipped=None):
    """Run the decorated daily SOP task at most once per day (Asia/Jakarta).

    Production has exactly one beat, but a second one started by mistake (or a
    beat restarted around the scheduled minute) queues the task twice; the
    first run claims (task, date) in ``DailyRun`` and the others return
    ``skipped`` (what the task returns when it had nothing to do).
    A claim whose run neither finished nor failed within ``lease_seconds``
    (its worker was killed) may be taken over; a failed run gives its claim
    back so the task can be run again the same day.
    """
    from functools import wraps

    def decorator(func):
        name = f"{func.__module__}.{func.__name__}"

        @wraps(func)
        def wrapper(*args, **kwargs):
            from datetime import timedelta

            from django.db import IntegrityError, transaction
            from django.utils import timezone

            from .models import DailyRun

            now = timezone.now()
            today = timezone.localdate(now)
            try:
                with transaction.atomic():
                    claim = DailyRun.objects.create(task=name, tanggal=today, mulai=now)
            except IntegrityError:
                stale = now - timedelta(seconds=lease_seconds)
                taken = DailyRun.objects.filter(task=name, tanggal=today, selesai__isnull=True, mulai__lt=stale).update(
                    mulai=now
                )
                if not taken:
                    return skipped  # done today already, or running elsewhere now
                claim = DailyRun.objects.get(task=name, tanggal=today)
            try:
                result = func(*args, **kwargs)
            except BaseException:
                DailyRun.objects.filter(pk=claim.pk, mulai=now).delete()  # still ours: give it back
                raise
            DailyRun.objects.filter(pk=claim.pk).update(selesai=timezone.now())
            return result

        wrapper.daily_task_name = name
        return wrapper

    return decorator
