"""Background tasks (Huey). Tasks only call services."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from fazhi.core import maintenance
from fazhi.core.imports import services as import_services


@db_task()
def import_validate(job_id: int) -> None:
    import_services.import_job_validate(job_id=job_id)


@db_task()
def import_commit(job_id: int) -> None:
    import_services.import_job_commit_run(job_id=job_id)


@db_periodic_task(crontab(hour="3", minute="10"))
def database_analyze_nightly() -> str:
    """Every night at 03:10: refresh the query planner's statistics (fazhi.core.maintenance)."""
    return maintenance.database_analyze()
