"""Background tasks (Huey). Tasks only call services."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from fazhi.enforcement.services import evidence


@db_periodic_task(crontab(hour="2", minute="30"))
def uploads_prune_daily() -> int:
    """Every night at 02:30: delete the chunks of evidence uploads abandoned for a week."""
    return evidence.uploads_prune()
