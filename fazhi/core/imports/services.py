"""Every write to import jobs. The rows themselves are written by the importer's commit, through the owning
app's services, inside one transaction: all or nothing."""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from fazhi.core.enums import ImportStatus
from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.core.imports import engine, registry
from fazhi.core.imports.reader import FileRejected, check_name_and_size, open_table
from fazhi.core.models import ImportJob

logger = logging.getLogger(__name__)
DEFAULT_INLINE_BYTES = 256 * 1024


def _inline(job: ImportJob) -> bool:
    """Small files are handled within the request; larger ones go to the task queue with progress shown."""
    return job.file_size <= getattr(settings, "FAZHI_IMPORT_INLINE_BYTES", DEFAULT_INLINE_BYTES)


def importer_get(key: str):
    try:
        return registry.get(key)
    except KeyError:
        raise DomainError("unknown_importer", "没有这种导入类型") from None


def _importer_for(user, key: str):
    importer = importer_get(key)
    if not importer.allowed(user):
        raise PermissionDenied(f"您无权导入“{importer.title}”")
    return importer


@transaction.atomic
def import_job_create(*, by, importer_key: str, upload) -> ImportJob:
    """Accept an upload: refuse an unsupported, empty, oversized or wrongly-headed file at once (nothing is
    stored), otherwise store it and validate every row (inline for small files, else in the background)."""
    importer = _importer_for(by, importer_key)
    name = getattr(upload, "name", "") or ""
    check_name_and_size(name, upload.size, importer.max_bytes or settings.FAZHI_IMPORT_MAX_BYTES)
    upload.seek(0)
    table = open_table(upload, name)
    try:
        engine.check_structure(importer, table)
    finally:
        table.close()
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    job = ImportJob(importer_key=importer.key, original_name=name[-200:], file_size=upload.size,
                    file_sha256=digest.hexdigest(), created_by=by,
                    organisation_id=getattr(by, "organisation_id", None), status=ImportStatus.UPLOADED)
    job.file.save(name, upload, save=False)
    job.save()
    if _inline(job):
        import_job_validate(job_id=job.pk)
        job.refresh_from_db()
    else:
        from fazhi.core import tasks

        transaction.on_commit(lambda: tasks.import_validate(job.pk))
    return job


def _set_progress(job: ImportJob, processed: int, phase: str) -> None:
    ImportJob.objects.filter(pk=job.pk).update(processed_rows=processed, phase=phase, updated_at=timezone.now())


def _validate(job: ImportJob, importer, *, user, keep_rows: bool, keep_parsed: bool, phase: str) -> engine.Outcome:
    progress = lambda n: _set_progress(job, n, phase)  # noqa: E731
    parsed = _load_parsed(job, importer)
    if parsed is not None:
        return engine.validate_parsed(importer, parsed, user=user, keep_rows=keep_rows, progress=progress)
    with job.file.open("rb") as handle:
        table = open_table(handle, job.original_name)
        try:
            return engine.validate_table(importer, table, user=user, keep_rows=keep_rows, keep_parsed=keep_parsed,
                                         progress=progress)
        finally:
            table.close()


def _save_parsed(job: ImportJob, importer, rows: list[dict]) -> None:
    job.parsed_name = default_storage.save(f"imports/{job.public_id}.parsed.json",
                                           ContentFile(engine.dump_parsed(importer, rows)))


def _load_parsed(job: ImportJob, importer) -> list[dict] | None:
    if not job.parsed_name:
        return None
    try:
        with default_storage.open(job.parsed_name, "rb") as handle:
            return engine.load_parsed(importer, handle.read())
    except (OSError, ValueError):
        logger.warning("import job %s: parsed rows unreadable, parsing the file again", job.pk)
        return None


def _drop_parsed(job: ImportJob) -> None:
    if job.parsed_name:
        default_storage.delete(job.parsed_name)
        job.parsed_name = ""


def _store_outcome(job: ImportJob, outcome: engine.Outcome) -> None:
    job.total_rows = outcome.total_rows
    job.processed_rows = outcome.total_rows
    job.error_rows = outcome.error_rows
    job.error_count = outcome.error_count
    job.errors = outcome.errors


def import_job_validate(*, job_id: int) -> ImportJob:
    """Validate every row of an uploaded job: VALID when no row has an error, else INVALID with the errors."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status not in (ImportStatus.UPLOADED, ImportStatus.VALIDATING):
        return job
    job.status, job.phase = ImportStatus.VALIDATING, "校验"
    job.save(update_fields=["status", "phase", "updated_at"])
    try:
        importer = importer_get(job.importer_key)
        outcome = _validate(job, importer, user=job.created_by, keep_rows=False,
                            keep_parsed=not importer.streaming, phase="校验")
    except (FileRejected, DomainError) as exc:
        job.status, job.message = ImportStatus.INVALID, exc.message[:500]
    except Exception:  # noqa: BLE001 - the job must end in a state the user can see
        logger.exception("import job %s: validation failed", job.pk)
        job.status, job.message = ImportStatus.FAILED, "校验时发生内部错误,未导入任何数据;请联系系统管理员"
    else:
        _store_outcome(job, outcome)
        if outcome.error_rows:
            job.status = ImportStatus.INVALID
            job.message = f"{outcome.error_rows} 行有错误,请修改后重新上传;有错误的文件不能导入"
        else:
            job.status, job.message = ImportStatus.VALID, f"全部 {outcome.total_rows} 行校验通过,可以确认导入"
            if not importer.streaming:
                _save_parsed(job, importer, outcome.parsed)
    job.phase = ""
    job.validated_at = timezone.now()
    job.save()
    return job


@transaction.atomic
def import_job_confirm(*, by, job: ImportJob) -> ImportJob:
    """“确认导入”: only a job whose every row passed may be committed, and only once."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _importer_for(by, job.importer_key)
    if job.status != ImportStatus.VALID:
        raise DomainError("not_committable", f"该导入任务状态为“{job.get_status_display()}”,不能确认导入;"
                                             "只有全部行校验通过的文件才能导入")
    job.status, job.committed_by, job.processed_rows, job.phase = ImportStatus.COMMITTING, by, 0, "复核"
    job.message = ""
    job.save()
    if _inline(job):
        import_job_commit_run(job_id=job.pk)
        job.refresh_from_db()
    else:
        from fazhi.core import tasks

        transaction.on_commit(lambda: tasks.import_commit(job.pk))
    return job


def _fail(job: ImportJob, message: str) -> ImportJob:
    _drop_parsed(job)
    job.status, job.message, job.phase = ImportStatus.FAILED, message[:500], ""
    job.save()
    return job


class _RowsFailed(Exception):  # noqa: N818 - rolls a streamed commit back; its errors are in the outcome
    pass


def _recheck_failed(job: ImportJob, outcome: engine.Outcome) -> ImportJob:
    _drop_parsed(job)
    _store_outcome(job, outcome)
    job.status, job.phase = ImportStatus.INVALID, ""
    job.message = (f"确认导入前复核发现 {outcome.error_rows} 行有错误(数据库中的数据已有变化),"
                   "未导入任何数据;请修改后重新上传")
    job.save()
    return job


def _commit_streamed(job: ImportJob, importer, outcome: engine.Outcome, *, by):
    """A streaming importer's commit, in the caller's transaction: the file is read again and each row re-checked
    as the importer's commit reaches it; any row that fails now raises _RowsFailed (rolling everything back) once
    every row has been checked, so that all its errors are shown."""
    with job.file.open("rb") as handle:
        table = open_table(handle, job.original_name)
        try:
            rows = engine.iter_valid_rows(importer, table, outcome, user=by)
            result = importer.commit(rows, by=by, job=job)
            for _row in rows:  # whatever the commit left unread is still checked
                pass
        finally:
            table.close()
    if outcome.error_rows:
        raise _RowsFailed
    _store_outcome(job, outcome)
    return result


def import_job_commit_run(*, job_id: int) -> ImportJob:
    """Re-check every row against the database as it is now (from the rows parsed at validation when kept, so
    the file is not parsed twice), then write all rows in one transaction.
    Any error — a row that no longer passes, a constraint, a fault — leaves the database as it was."""
    job = ImportJob.objects.select_related("created_by", "committed_by").get(pk=job_id)
    if job.status != ImportStatus.COMMITTING:
        return job
    by = job.committed_by or job.created_by
    try:
        importer = importer_get(job.importer_key)
        if importer.streaming:
            outcome = engine.Outcome()
        else:
            outcome = _validate(job, importer, user=by, keep_rows=True, keep_parsed=False, phase="复核")
    except (FileRejected, DomainError) as exc:
        return _fail(job, exc.message)
    except Exception:  # noqa: BLE001
        logger.exception("import job %s: re-validation failed", job.pk)
        return _fail(job, "复核时发生内部错误,未导入任何数据;请联系系统管理员")
    if not importer.streaming:
        _store_outcome(job, outcome)
        if outcome.error_rows:
            return _recheck_failed(job, outcome)
    _set_progress(job, outcome.total_rows, "复核并写入" if importer.streaming else "写入")
    try:
        with transaction.atomic():
            if importer.streaming:
                result = _commit_streamed(job, importer, outcome, by=by)
            else:
                result = importer.commit(outcome.rows, by=by, job=job)
    except _RowsFailed:
        return _recheck_failed(job, outcome)
    except DomainError as exc:
        return _fail(job, f"导入失败,未导入任何数据:{exc.display}")
    except ValidationError as exc:
        return _fail(job, "导入失败,未导入任何数据:" + ";".join(exc.messages))
    except IntegrityError:
        logger.warning("import job %s: integrity error on commit", job.pk, exc_info=True)
        return _fail(job, "数据库拒绝写入(可能与同时进行的其他操作冲突),未导入任何数据;请重新上传")
    except DatabaseError:
        logger.exception("import job %s: database error on commit", job.pk)
        return _fail(job, "写入数据库时出错,未导入任何数据;请稍后重试")
    except Exception:  # noqa: BLE001
        logger.exception("import job %s: commit failed", job.pk)
        return _fail(job, "导入时发生内部错误,未导入任何数据;请联系系统管理员")
    _drop_parsed(job)
    job.status, job.phase, job.result = ImportStatus.COMMITTED, "", result or {}
    job.committed_at = timezone.now()
    job.message = f"已导入 {outcome.total_rows} 行"
    job.save()
    return job
