"""Background tasks (Huey). Tasks only call services."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from fazhi.records import services


@db_periodic_task(crontab(hour=0, minute=5))
def heads_publish_daily() -> int:
    """Publish every ledger's head each day just after midnight (public page records:heads and the API)."""
    return services.heads_publish()
