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
