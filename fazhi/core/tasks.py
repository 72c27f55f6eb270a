"""Background tasks (Huey). Tasks only call services."""

from huey.contrib.djhuey import db_task

from fazhi.core.imports import services as import_services


@db_task()
def import_validate(job_id: int) -> None:
    import_services.import_job_validate(job_id=job_id)


@db_task()
def import_commit(job_id: int) -> None:
    import_services.import_job_commit_run(job_id=job_id)
