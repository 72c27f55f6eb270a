"""Background tasks (Huey). Tasks only call services."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from fazhi.supervision import services


@db_periodic_task(crontab(hour="1", minute="15"))
def warnings_scan_daily() -> dict:
    """Every night at 01:15 (site time zone): refresh the warnings as of today."""
    return services.warnings_scan(on=timezone.localdate())
