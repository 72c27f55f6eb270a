"""Every write to the object pool (检查对象名录库) and to conflicts of interest (利害关系申报), recorded.

The pool is shared by every department, so its changes go to the office ledger; a conflict belongs to an officer
and goes to the ledger of the officer's enforcement body (the office ledger when the organisation has none). The
bulk path — the registry's monthly export, up to 1,000,000 rows — is `objects_import`, fed by
fazhi.inspections.importers (which checks the same rules per row); it appends one IMPORT_COMMITTED entry for the
whole file."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from django.db import transaction
from django.utils import timezone

from fazhi.accounts.enums import Role
from fazhi.core.errors import DomainError
from fazhi.core.validators import is_valid_uscc
from fazhi.enforcement.enums import zh
from fazhi.inspections.access import RECORD_ROLES, check_may_keep_pool, check_may_record
from fazhi.inspections.enums import ObjectKind, RegistrationStatus, RiskGrade
from fazhi.inspections.ledger import SUBJECT_CONFLICT, SUBJECT_OBJECT, record_body, record_office
from fazhi.inspections.models import ConflictDeclaration, InspectionObject
from fazhi.orgs.models import Jurisdiction
from fazhi.personnel.models import Officer
from fazhi.records.enums import Action

# The fields a user keeps (the USCC identifies the object and never changes).
OBJECT_FIELDS = ("kind", "name", "entity_type", "industry", "address", "jurisdiction", "legal_representative",
                 "registered_on", "registration_status", "risk_grade", "abnormal", "complaint_count",
                 "last_inspected_on")
TEXT_FIELDS = ("name", "entity_type", "industry", "address", "legal_representative")
CHOICE_FIELDS = {"kind": ObjectKind, "registration_status": RegistrationStatus, "risk_grade": RiskGrade}


def _label(field: str) -> str:
    return str(InspectionObject._meta.get_field(field).verbose_name)


def normalise_uscc(value) -> str:
    return str(value or "").strip().upper()


def uscc_error(uscc: str) -> str | None:
    """The Chinese reason a USCC is refused (GB 32100-2015), or None."""
    if not uscc:
        return "统一社会信用代码必填"
    if len(uscc) != 18:
        return f"统一社会信用代码“{uscc}”须为18位(现为{len(uscc)}位)"
    if not is_valid_uscc(uscc):
        return f"统一社会信用代码“{uscc}”校验位不正确或含有不允许的字符(GB 32100-2015)"
    return None


def _check_uscc(uscc: str) -> str:
    uscc = normalise_uscc(uscc)
    error = uscc_error(uscc)
    if error:
        raise DomainError("uscc_invalid", error, field="uscc")
    return uscc


def _clean_fields(values: dict) -> dict:
    """Check and normalise object fields (any subset of OBJECT_FIELDS); DomainError naming the field."""
    today = timezone.localdate()
    out = dict(values)
    for field in TEXT_FIELDS:
        if field not in out:
            continue
        value = "" if out[field] is None else str(out[field]).strip()
        limit = InspectionObject._meta.get_field(field).max_length
        if len(value) > limit:
            raise DomainError("too_long", f"{_label(field)}不能超过{limit}个字符(现为{len(value)}个)", field=field)
        out[field] = value
    if "name" in out and not out["name"]:
        raise DomainError("name_required", "名称必填", field="name")
    for field, choices in CHOICE_FIELDS.items():
        if field in out:
            value = out[field]
            if value not in choices.values:
                allowed = "、".join(zh(label) for label in choices.labels)
                raise DomainError("invalid_choice", f"{_label(field)}“{value}”无效,应为:{allowed}", field=field)
            out[field] = choices(value).value
    if "jurisdiction" in out and out["jurisdiction"] is not None and not isinstance(out["jurisdiction"],
                                                                                     Jurisdiction):
        raise DomainError("invalid_jurisdiction", "所属辖区无效", field="jurisdiction")
    for field in ("registered_on", "last_inspected_on"):
        if field in out and out[field] is not None:
            if not isinstance(out[field], dt.date) or isinstance(out[field], dt.datetime):
                raise DomainError("invalid_date", f"{_label(field)}须为日期", field=field)
            if out[field] > today:
                raise DomainError("future_date", f"{_label(field)}不能晚于今天({today.isoformat()})", field=field)
    if "abnormal" in out and not isinstance(out["abnormal"], bool):
        raise DomainError("invalid_flag", "列入经营异常名录须为“是”或“否”", field="abnormal")
    if "complaint_count" in out:
        count = out["complaint_count"]
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise DomainError("invalid_count", f"投诉举报次数须为不小于0的整数(现为“{count}”)",
                              field="complaint_count")
    return out


def _value(obj: InspectionObject, field: str):
    value = getattr(obj, field)
    if field == "jurisdiction":
        return value.code if value is not None else None
    return value


def snapshot(obj: InspectionObject) -> dict:
    """The object's fields as recorded (jurisdiction by code, dates as ISO text through the ledger's JSON)."""
    return {"uscc": obj.uscc} | {field: _value(obj, field) for field in OBJECT_FIELDS}


@transaction.atomic
def object_create(*, by, uscc, name, kind=ObjectKind.MARKET_ENTITY, entity_type="", industry="", address="",
                  jurisdiction=None, legal_representative="", registered_on=None,
                  registration_status=RegistrationStatus.ACTIVE, risk_grade=RiskGrade.B, abnormal=False,
                  complaint_count=0, last_inspected_on=None) -> InspectionObject:
    """Add an object to the pool: USCC checksum-valid (GB 32100-2015), upper-cased and not yet in the pool."""
    check_may_keep_pool(by)
    uscc = _check_uscc(uscc)
    fields = _clean_fields({
        "kind": kind, "name": name, "entity_type": entity_type, "industry": industry, "address": address,
        "jurisdiction": jurisdiction, "legal_representative": legal_representative, "registered_on": registered_on,
        "registration_status": registration_status, "risk_grade": risk_grade, "abnormal": abnormal,
        "complaint_count": complaint_count, "last_inspected_on": last_inspected_on,
    })
    existing = InspectionObject.objects.filter(uscc=uscc).values_list("name", flat=True).first()
    if existing is not None:
        raise DomainError("uscc_taken", f"统一社会信用代码{uscc}已在名录库中(“{existing}”),请修改该对象而不是重复登记",
                          field="uscc")
    obj = InspectionObject.objects.create(uscc=uscc, **fields)
    record_office(by=by, action=Action.INSPECTION_OBJECT_CREATED, subject_type=SUBJECT_OBJECT,
                  subject_id=obj.public_id, payload=snapshot(obj))
    return obj


@transaction.atomic
def object_update(*, by, obj: InspectionObject, **changes) -> InspectionObject:
    """Change an object's fields (not its USCC). A change that changes nothing is refused; the entry records every
    changed field as [old, new]."""
    check_may_keep_pool(by)
    if "uscc" in changes and normalise_uscc(changes.pop("uscc")) != obj.uscc:
        raise DomainError("uscc_immutable", "统一社会信用代码不能修改;代码不同的是另一个对象,请另行登记", field="uscc")
    unknown = set(changes) - set(OBJECT_FIELDS)
    if unknown:
        raise DomainError("unknown_field", f"未知字段:{', '.join(sorted(unknown))}")
    changes = _clean_fields(changes)
    current = InspectionObject.objects.select_for_update(of=("self",)).select_related("jurisdiction").get(pk=obj.pk)
    diff = {}
    for field, value in changes.items():
        before = _value(current, field)
        after = value.code if field == "jurisdiction" and value is not None else value
        if before != after:
            diff[field] = [before, after]
    if not diff:
        raise DomainError("no_change", "没有修改任何内容")
    for field in diff:
        setattr(current, field, changes[field])
    current.save(update_fields=[*diff, "updated_at"])
    record_office(by=by, action=Action.INSPECTION_OBJECT_CHANGED, subject_type=SUBJECT_OBJECT,
                  subject_id=current.public_id, payload={"uscc": current.uscc, "name": current.name,
                                                         "changes": diff})
    for field in (*diff, "updated_at"):
        setattr(obj, field, getattr(current, field))
    return current


# --- conflicts of interest ---------------------------------------------------------------------------------


def _check_may_declare(by, officer: Officer) -> None:
    """The officer's own department (its staff), the office or the system administrator."""
    if getattr(by, "is_authenticated", False) and (by.is_superuser or by.role in (Role.SYSTEM_ADMIN,
                                                                                  Role.LEGAL_OFFICE)):
        return
    if (getattr(by, "is_authenticated", False) and by.role in RECORD_ROLES
            and by.organisation_id != officer.organisation_id):
        raise DomainError("role_forbidden", "只能为本部门的执法人员申报或撤销利害关系", field="officer")
    check_may_record(by, officer.organisation_id)


def _record_conflict(conflict: ConflictDeclaration, *, by, action, payload: dict) -> None:
    """In the ledger of the officer's enforcement body; the office ledger when the organisation has none."""
    body = conflict.officer.organisation.bodies.order_by("pk").first()
    if body is not None:
        record_body(body, by=by, action=action, subject_type=SUBJECT_CONFLICT, subject_id=conflict.public_id,
                    payload=payload)
    else:
        record_office(by=by, action=action, subject_type=SUBJECT_CONFLICT, subject_id=conflict.public_id,
                      payload=payload)


def _conflict_payload(conflict: ConflictDeclaration) -> dict:
    officer, obj = conflict.officer, conflict.object
    return {"officer": str(officer.public_id), "officer_name": officer.name,
            "organisation": officer.organisation.name, "object": str(obj.public_id), "uscc": obj.uscc,
            "object_name": obj.name, "reason": conflict.reason, "declared_on": conflict.declared_on}


@transaction.atomic
def conflict_declare(*, by, officer: Officer, obj: InspectionObject, reason: str,
                     declared_on: dt.date) -> ConflictDeclaration:
    """Declare a conflict of interest between an officer and an object: the officer steps aside whenever the
    object is drawn (GB58-RECUSAL). Once per pair."""
    _check_may_declare(by, officer)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", "请填写利害关系(如:亲属关系、曾在该单位任职)", field="reason")
    limit = ConflictDeclaration._meta.get_field("reason").max_length
    if len(reason) > limit:
        raise DomainError("too_long", f"利害关系不能超过{limit}个字符(现为{len(reason)}个)", field="reason")
    if not isinstance(declared_on, dt.date):
        raise DomainError("date_required", "请填写申报日期", field="declared_on")
    today = timezone.localdate()
    if declared_on > today:
        raise DomainError("future_date", f"申报日期不能晚于今天({today.isoformat()})", field="declared_on")
    existing = ConflictDeclaration.objects.filter(officer=officer, object=obj).values_list("declared_on",
                                                                                            flat=True).first()
    if existing is not None:
        raise DomainError("conflict_exists", f"{officer.name}与“{obj.name}”的利害关系已于{existing.isoformat()}申报",
                          field="object", rule="GB58-RECUSAL")
    conflict = ConflictDeclaration.objects.create(officer=officer, object=obj, reason=reason,
                                                  declared_on=declared_on,
                                                  declared_by=by if getattr(by, "pk", None) else None)
    _record_conflict(conflict, by=by, action=Action.INSPECTION_CONFLICT_DECLARED,
                     payload=_conflict_payload(conflict))
    return conflict


@transaction.atomic
def conflict_withdraw(*, by, conflict: ConflictDeclaration, reason: str) -> None:
    """Withdraw a declaration (it was wrong, or the relation has ended): the row goes, the entry keeps it. Draws
    made while it stood keep it in their recorded inspector pool."""
    conflict = ConflictDeclaration.objects.select_for_update(of=("self",)).select_related(
        "officer__organisation", "object").get(pk=conflict.pk)
    _check_may_declare(by, conflict.officer)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", "请填写撤销理由", field="reason")
    payload = _conflict_payload(conflict) | {"withdraw_reason": reason}
    _record_conflict(conflict, by=by, action=Action.INSPECTION_CONFLICT_WITHDRAWN, payload=payload)
    conflict.delete()


# --- bulk import (the registry's export) ------------------------------------------------------------------

# The cleaned rows of fazhi.inspections.importers.ObjectImporter: tuples in this order, None for a blank cell
# (jurisdiction as the Jurisdiction's primary key).
IMPORT_FIELDS = ("uscc", "kind", "name", "entity_type", "industry", "address", "jurisdiction",
                 "legal_representative", "registered_on", "registration_status", "risk_grade", "abnormal",
                 "complaint_count", "last_inspected_on")
# What a blank cell gives a new object (a blank cell on an existing object keeps its value).
IMPORT_DEFAULTS = (None, ObjectKind.MARKET_ENTITY.value, None, "", "", "", None, "", None,
                   RegistrationStatus.ACTIVE.value, RiskGrade.B.value, False, 0, None)
IMPORT_BATCH_SIZE = 5000
IMPORT_CACHE_KIB = 64 * 1024
_DATE_POSITIONS = (IMPORT_FIELDS.index("registered_on"), IMPORT_FIELDS.index("last_inspected_on"))


def _batches(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


@contextmanager
def bulk_write_cache(cursor):
    """SQLite: a page cache of IMPORT_CACHE_KIB while a bulk import writes, the previous size restored after. With
    the default 2 MB every index insert among a million rows goes back to the OS for its pages: writing 1,000,000
    new objects took about 70 s against 55 s with 64 MB (256 MB did no better) on the bench machine
    (bench/bench_object_import.py). PostgreSQL: its shared buffers serve already."""
    if cursor.db.vendor != "sqlite":
        yield
        return
    cursor.execute("PRAGMA cache_size")
    previous = cursor.fetchone()[0]
    cursor.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _writers(conn, insert_sql: str, update_sql: str, *, table: str, columns: list[str]):
    """insert(cursor, rows), update(cursor, rows). SQLite: executemany (in process). PostgreSQL: COPY — of new rows
    into the table, of changed ones into a temporary table that one UPDATE … FROM applies. Django's cursor binds
    parameters on the client and waits for the server after every row of an executemany: about 10k rows/s
    against 30k for COPY on the 1,000,000-row bench."""
    if conn.vendor != "postgresql":
        return (lambda cursor, rows: cursor.executemany(insert_sql, rows),
                lambda cursor, rows: cursor.executemany(update_sql, rows))
    fields = columns[1:]
    changes = "insp_import_changes"
    copy_sql = f"COPY {table} (public_id, created_at, updated_at, {', '.join(columns)}) FROM STDIN"
    apply_sql = (f"UPDATE {table} AS t SET {', '.join(f'{c} = c.{c}' for c in fields)}, "  # noqa: S608
                 f"updated_at = c.updated_at FROM {changes} AS c WHERE t.id = c.id")

    def insert(cursor, rows):
        with cursor.cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(row)

    def update(cursor, rows):
        # the same column types as the table, no constraints; gone when the import's transaction ends
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {changes} ON COMMIT DROP AS "  # noqa: S608
                       f"SELECT {', '.join(fields)}, updated_at, id FROM {table} WITH NO DATA")
        cursor.execute(f"TRUNCATE {changes}")
        with cursor.cursor.copy(f"COPY {changes} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(apply_sql)

    return insert, update


@transaction.atomic
def objects_import(*, by, rows: Iterable[tuple], source: dict) -> dict:
    """The importer's bulk path: add or update objects by USCC, in batches of IMPORT_BATCH_SIZE, in the caller's
    transaction. `rows` (any iterable, read once) come validated by ObjectImporter: USCC checksum, no USCC twice,
    jurisdiction, vocabularies, dates not in the future, counts not negative; the database enforces uniqueness.

    Per batch the objects already in the pool are read once; a row that would change nothing is left alone (the
    monthly re-import of the whole registry touches only what changed), a changed one is updated, a new USCC
    inserted — with cursor.executemany, several times cheaper than the ORM at a million rows.

    One IMPORT_COMMITTED entry goes to the office ledger: the job, the file's SHA-256, the counts, how many
    objects changed each field, and `outcome_sha256` — the SHA-256 of one line per row in file order,
    "C|U|=<TAB>USCC" (created, updated, unchanged) — so an auditor can tell from the file which rows did what."""
    check_may_keep_pool(by)
    conn = transaction.get_connection()
    qn = conn.ops.quote_name
    meta = InspectionObject._meta
    table = qn(meta.db_table)
    columns = [qn(meta.get_field(f).column) for f in IMPORT_FIELDS]
    now = meta.get_field("created_at").get_db_prep_value(timezone.now(), conn)
    adapt_date = conn.ops.adapt_datefield_value
    native_uuid = conn.features.has_native_uuid_field
    insert_sql = (f"INSERT INTO {table} ({qn('public_id')}, {qn('created_at')}, {qn('updated_at')}, "  # noqa: S608
                  f"{', '.join(columns)}) VALUES ({', '.join(['%s'] * (len(columns) + 3))})")
    update_sql = (f"UPDATE {table} SET {', '.join(f'{c} = %s' for c in columns[1:])}, "  # noqa: S608
                  f"{qn('updated_at')} = %s WHERE {qn('id')} = %s")
    select_sql = f"SELECT {qn('id')}, {', '.join(columns)} FROM {table} WHERE {columns[0]} IN "  # noqa: S608
    insert, update = _writers(conn, insert_sql, update_sql, table=table, columns=columns)
    lookup_chunk = min(IMPORT_BATCH_SIZE, (conn.features.max_query_params or IMPORT_BATCH_SIZE + 1) - 1)
    first_load = not InspectionObject.objects.exists()
    created = updated = unchanged = 0
    changed_fields = dict.fromkeys(IMPORT_FIELDS[1:], 0)
    outcome = hashlib.sha256()
    with conn.cursor() as cursor, bulk_write_cache(cursor):
        for batch in _batches(rows, IMPORT_BATCH_SIZE):
            current: dict[str, tuple] = {}
            if not first_load:
                for start in range(0, len(batch), lookup_chunk):
                    keys = [row[0] for row in batch[start:start + lookup_chunk]]
                    cursor.execute(select_sql + f"({', '.join(['%s'] * len(keys))})", keys)
                    for found in cursor.fetchall():
                        current[found[1]] = found
            inserts, updates, lines = [], [], []
            pool = os.urandom(16 * len(batch))
            for index, row in enumerate(batch):
                found = current.get(row[0])
                if found is None:
                    raw = bytearray(pool[16 * index:16 * index + 16])
                    raw[6], raw[8] = (raw[6] & 0x0F) | 0x40, (raw[8] & 0x3F) | 0x80  # version 4
                    public_id = uuid.UUID(bytes=bytes(raw)) if native_uuid else raw.hex()
                    values = [d if v is None else v for v, d in zip(row, IMPORT_DEFAULTS, strict=True)]
                    for position in _DATE_POSITIONS:
                        values[position] = adapt_date(values[position])
                    inserts.append((public_id, now, now, *values))
                    lines.append("C\t" + row[0])
                    continue
                old = found[2:]  # the fields after the USCC, as Django's connection gives them (dates, bools)
                new = [o if v is None else v for v, o in zip(row[1:], old, strict=True)]
                if tuple(new) == old:
                    unchanged += 1
                    lines.append("=\t" + row[0])
                    continue
                for field, before, after in zip(IMPORT_FIELDS[1:], old, new, strict=True):
                    if before != after:
                        changed_fields[field] += 1
                for position in _DATE_POSITIONS:
                    new[position - 1] = adapt_date(new[position - 1])
                updates.append((*new, now, found[0]))
                lines.append("U\t" + row[0])
            if inserts:
                insert(cursor, inserts)
                created += len(inserts)
            if updates:
                update(cursor, updates)
                updated += len(updates)
            outcome.update(("\n".join(lines) + "\n").encode())
    counts = {"rows": created + updated + unchanged, "created": created, "updated": updated,
              "unchanged": unchanged}
    record_office(by=by, action=Action.IMPORT_COMMITTED, subject_type="core.ImportJob",
                  subject_id=source.get("job", ""), payload=source | counts | {
                      "changed_fields": {f: n for f, n in changed_fields.items() if n},
                      "outcome_sha256": outcome.hexdigest()})
    return counts
