"""Results of random inspection (rules.md §7): one result per drawn object and item, recorded by at least two of the
inspectors drawn for that object from the item's department (GB58-TEAM), each holding on the day of the visit a valid
certificate covering the department's category (XZCF-42), with the photos taken on site.

Guarantees of `result_record`:
* every check is made before anything is written: a refused call leaves no result, no photo row, no stored file,
  no case and no ledger entry;
* the photos are checked by content (JPEG, PNG or WEBP, at most 20 MB each), stored with their SHA-256, and their
  digests are attached to the INSPECTION_RESULT_RECORDED entry in the department's body ledger;
* a finding referred for a case (`ResultOutcome.REFERRED`) opens the case in enforcement in the same transaction
  (lead source: random inspection, linked to the task by its number) and appends INSPECTION_CASE_REFERRED;
* the drawn object takes the date of the visit and becomes INSPECTED once every item of every department taking part
  has its result; the pooled object's `last_inspected_on` follows (the draw's exclusion window reads the results).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import filetype
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from fazhi.core.deadlines import zh_date
from fazhi.core.errors import DomainError
from fazhi.core.validators import is_valid_uscc
from fazhi.enforcement.enums import LeadSource, PartyType, zh
from fazhi.enforcement.services.cases import case_lead_register
from fazhi.inspections.access import check_may_record
from fazhi.inspections.enums import (
    PROBLEM_OUTCOMES,
    DrawnStatus,
    ObjectKind,
    ResultOutcome,
    TaskStatus,
)
from fazhi.inspections.ledger import SUBJECT_RESULT, record_body
from fazhi.inspections.models import (
    ConflictDeclaration,
    DrawnObject,
    InspectionObject,
    InspectionResult,
    InspectionTask,
    ResultPhoto,
    TaskDepartment,
    TeamMember,
)
from fazhi.inspections.rules import CONFLICT_RULE, MIN_TEAM_SIZE, REPLAY_RULE, TEAM_RULE
from fazhi.personnel.enums import CertificateStatus, OfficerStatus, StaffType
from fazhi.personnel.models import Certificate, Officer
from fazhi.powers.models import PowerItem
from fazhi.records.enums import Action
from fazhi.records.files import FileDigest

CERTIFICATE_RULE = "XZCF-42"
PHOTO_MAX_BYTES = 20 * 1024 * 1024
# Photo types accepted, by content (filetype's names) → the MIME type stored.
PHOTO_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
HEAD_SIZE = 8192
READ_SIZE = 1024 * 1024
CASE_TITLE_MAX = 200


# --- small checks ------------------------------------------------------------------------------------------------


def _today() -> dt.date:
    return timezone.localdate()


def _part_of_item(task: InspectionTask, power_item: PowerItem, by) -> TaskDepartment:
    """The department whose part of the task lists the item (the actor's own when two parts list it)."""
    parts = list(task.departments.filter(items=power_item).select_related("organisation", "body", "category"))
    if not parts:
        raise DomainError("item_not_in_task",
                          f"“{power_item.name}”不是抽查任务{task.number}中任何参与部门的抽查事项",
                          field="power_item")
    own = [p for p in parts if p.organisation_id == getattr(by, "organisation_id", None)]
    return (own or parts)[0]


def _check_task_and_object(task: InspectionTask, drawn: DrawnObject) -> None:
    if task.status != TaskStatus.DRAWN:
        raise DomainError("task_not_in_progress",
                          f"抽查任务{task.number}当前状态为“{zh(TaskStatus(task.status).label)}”,"
                          f"只有“{zh(TaskStatus.DRAWN.label)}”的任务才能录入检查结果", field="drawn_object")
    if not drawn.is_current or drawn.status == DrawnStatus.SUPERSEDED:
        by_draw = f"(已被第{drawn.superseded_by.seq}次抽取替代)" if drawn.superseded_by_id else ""
        raise DomainError("drawn_object_superseded",
                          f"{drawn.object.name}不再是本任务的有效抽中对象{by_draw},不能录入检查结果",
                          field="drawn_object", rule=REPLAY_RULE)


def _check_not_recorded(drawn: DrawnObject, power_item: PowerItem) -> None:
    existing = InspectionResult.objects.filter(drawn_object=drawn, power_item=power_item).first()
    if existing is not None:
        raise DomainError("result_exists",
                          f"{drawn.object.name}的“{power_item.name}”已于{zh_date(existing.inspected_on)}录入检查结果,"
                          f"同一对象同一事项只能录入一次", field="power_item")


def _check_outcome(outcome: str, findings: str) -> str:
    if outcome not in ResultOutcome.values:
        raise DomainError("outcome_invalid", "请选择检查结果", field="outcome")
    if outcome in PROBLEM_OUTCOMES and not findings:
        raise DomainError("findings_required",
                          f"检查结果为“{zh(ResultOutcome(outcome).label)}”时,须填写检查发现的问题", field="findings")
    return outcome


def _check_date(task: InspectionTask, drawn: DrawnObject, inspected_on) -> dt.date:
    if isinstance(inspected_on, dt.datetime):
        inspected_on = inspected_on.date()
    if not isinstance(inspected_on, dt.date):
        raise DomainError("date_required", "请填写检查日期", field="inspected_on")
    today = _today()
    if inspected_on > today:
        raise DomainError("date_in_future", f"检查日期{zh_date(inspected_on)}不能晚于今天({zh_date(today)})",
                          field="inspected_on")
    if not task.start_on <= inspected_on <= task.end_on:
        raise DomainError("date_outside_task",
                          f"检查日期{zh_date(inspected_on)}不在抽查任务的检查期间"
                          f"({zh_date(task.start_on)}至{zh_date(task.end_on)})内", field="inspected_on")
    drawn_on = timezone.localtime(drawn.draw.drawn_at).date()
    if inspected_on < drawn_on:
        raise DomainError("date_before_draw",
                          f"检查日期{zh_date(inspected_on)}早于该对象被抽取的日期({zh_date(drawn_on)})",
                          field="inspected_on")
    return inspected_on


def _certificate_problem(officer: Officer, category, on: dt.date) -> str:
    """Why `officer` holds no certificate valid on `on` covering `category` (XZCF-42), naming the end date."""
    certificates = list(Certificate.objects.filter(officer=officer).prefetch_related("categories")
                        .order_by("-valid_to", "-valid_from"))
    covering = [c for c in certificates if any(cat.pk == category.pk for cat in c.categories.all())]
    if not certificates:
        return f"{officer.name}没有行政执法证件"
    if not covering:
        numbers = "、".join(c.number for c in certificates)
        return f"{officer.name}的执法证件({numbers})不含“{category.name}”执法类别"
    for cert in covering:
        if cert.status != CertificateStatus.VALID and cert.valid_from <= on <= cert.valid_to:
            return (f"{officer.name}的执法证件{cert.number}状态为“{CertificateStatus(cert.status).label}”,"
                    f"{zh_date(on)}不能使用")
    ended = [c for c in covering if c.valid_to < on]
    if ended:
        cert = ended[0]
        return (f"{officer.name}的执法证件{cert.number}有效期至{zh_date(cert.valid_to)},"
                f"检查日期{zh_date(on)}已超出有效期")
    cert = min(covering, key=lambda c: c.valid_from)
    return f"{officer.name}的执法证件{cert.number}自{zh_date(cert.valid_from)}起有效,检查日期{zh_date(on)}尚未生效"


def _check_inspectors(drawn: DrawnObject, part: TaskDepartment, inspectors, on: dt.date) -> list[tuple]:
    """GB58-TEAM and XZCF-42: at least two inspectors, all drawn for this object from the item's department, each
    with a certificate valid on `on` covering the department's category. Returns [(officer, certificate number)]."""
    officers = list(dict.fromkeys(o for o in (inspectors or ()) if o is not None))
    if len(officers) < MIN_TEAM_SIZE:
        raise DomainError("too_few_inspectors",
                          f"检查人员不得少于{MIN_TEAM_SIZE}人(现{len(officers)}人)", field="inspectors",
                          rule=TEAM_RULE)
    team = {m.officer_id: m for m in TeamMember.objects.filter(drawn_object=drawn, organisation=part.organisation)
            .select_related("officer")}
    org_name = part.organisation.name
    for officer in officers:
        if officer.pk not in team:
            drawn_names = "、".join(m.officer.name for m in team.values()) or "无"
            raise DomainError("inspector_not_drawn",
                              f"{officer.name}不是为{drawn.object.name}从{org_name}随机抽取的检查人员"
                              f"(本部门检查组:{drawn_names})", field="inspectors", rule=TEAM_RULE)
    # a conflict declared after the draw: the officer steps aside now (GB58-RECUSAL), drawn or not
    conflicted = (ConflictDeclaration.objects.filter(object_id=drawn.object_id, officer__in=officers)
                  .select_related("officer").order_by("officer__name").first())
    if conflicted is not None:
        raise DomainError("inspector_conflict",
                          f"{conflicted.officer.name}已申报与{drawn.object.name}存在利害关系"
                          f"({zh_date(conflicted.declared_on)}申报),应当回避,不能参加本次检查",
                          field="inspectors", rule=CONFLICT_RULE)
    chosen = []
    for officer in officers:
        if officer.status != OfficerStatus.ACTIVE:
            raise DomainError("inspector_inactive", f"{officer.name}已离岗,不能实施检查", field="inspectors",
                              rule=CERTIFICATE_RULE)
        if officer.organisation_id != part.organisation_id:
            raise DomainError("inspector_not_of_department", f"{officer.name}已不是{org_name}的执法人员,不能实施检查",
                              field="inspectors", rule=CERTIFICATE_RULE)
        if officer.staff_type == StaffType.AUXILIARY:
            raise DomainError("inspector_auxiliary", f"{officer.name}为辅助人员,不具有行政执法资格",
                              field="inspectors", rule=CERTIFICATE_RULE)
        valid = list(Certificate.objects.filter(officer=officer, status=CertificateStatus.VALID, valid_from__lte=on,
                                                valid_to__gte=on, categories=part.category)
                     .order_by("-valid_to"))
        if not valid:
            raise DomainError("inspector_not_certified",
                              f"{_certificate_problem(officer, part.category, on)},不能实施检查",
                              field="inspectors", rule=CERTIFICATE_RULE)
        drawn_number = team[officer.pk].certificate_number
        cert = next((c for c in valid if c.number == drawn_number), valid[0])
        chosen.append((officer, cert.number))
    return chosen


@dataclass
class _Photo:
    upload: object
    name: str
    sha256: str
    size: int
    extension: str
    mime: str


def _check_photos(photos) -> list[_Photo]:
    """Each photo is a JPEG, PNG or WEBP image by content and at most 20 MB. The same picture given twice is kept
    once. Read in pieces (never whole in memory) while its digest is computed."""
    checked: list[_Photo] = []
    seen: set[str] = set()
    for upload in photos or ():
        if upload is None:
            continue
        name = getattr(upload, "name", "") or "照片"
        size = getattr(upload, "size", None) or 0
        if size <= 0:
            raise DomainError("photo_empty", f"照片“{name}”是空文件", field="photos")
        if size > PHOTO_MAX_BYTES:
            raise DomainError("photo_too_big",
                              f"照片“{name}”大小为{size / 1024 / 1024:.1f} MB,超过{PHOTO_MAX_BYTES // 1024 // 1024} MB上限",
                              field="photos")
        upload.seek(0)
        head = upload.read(HEAD_SIZE)
        guess = filetype.guess(head) if head else None
        if guess is None or guess.extension not in PHOTO_TYPES:
            found = f"(文件内容为 {guess.extension} 类型)" if guess is not None else ""
            raise DomainError("photo_not_image", f"照片“{name}”不是JPEG、PNG或WEBP格式的图片{found}",
                              field="photos")
        upload.seek(0)
        digest, total = hashlib.sha256(), 0
        for piece in upload.chunks(READ_SIZE):
            digest.update(piece)
            total += len(piece)
        upload.seek(0)
        if total > PHOTO_MAX_BYTES:  # the declared size may lie
            raise DomainError("photo_too_big", f"照片“{name}”超过{PHOTO_MAX_BYTES // 1024 // 1024} MB上限",
                              field="photos")
        sha = digest.hexdigest()
        if sha in seen:
            continue
        seen.add(sha)
        checked.append(_Photo(upload=upload, name=name, sha256=sha, size=total, extension=guess.extension,
                              mime=PHOTO_TYPES[guess.extension]))
    return checked


# --- the party of a referred case ---------------------------------------------------------------------------------

# 民法典: an individual business is a natural person trading (第54条); sole proprietorships, partnerships and
# branches are organisations without legal personality (第102条); companies, co-operatives, public institutions and
# social organisations are legal persons (第76、87、99条).
_PERSON_TYPES = ("个体",)
_UNINCORPORATED_TYPES = ("个人独资", "合伙", "分公司", "分支机构", "分所", "分店", "办事处", "代表处")
_LEGAL_PERSON_TYPES = ("公司", "合作社", "联合社", "事业单位", "社会团体", "民办非企业", "社会服务机构", "基金会",
                       "全民所有制", "集体所有制", "股份", "法人")


def party_type_for(obj: InspectionObject) -> str:
    """The party type of a case opened on `obj`: by its entity type first, then by its kind, then by the USCC's
    registration authority and type digits (GB 32100-2015: 92 individual business, 91 enterprise, 93 co-operative,
    12 public institution, 5x social organisation)."""
    entity_type = (obj.entity_type or "").strip()
    if any(word in entity_type for word in _PERSON_TYPES):
        return PartyType.PERSON
    if any(word in entity_type for word in _UNINCORPORATED_TYPES):
        return PartyType.OTHER_ORGANISATION
    if any(word in entity_type for word in _LEGAL_PERSON_TYPES):
        return PartyType.LEGAL_PERSON
    if obj.kind in (ObjectKind.PUBLIC_INSTITUTION, ObjectKind.SOCIAL_ORGANISATION):
        return PartyType.LEGAL_PERSON
    if obj.kind == ObjectKind.LAW_FIRM:  # partnerships and sole-practitioner firms
        return PartyType.OTHER_ORGANISATION
    code = (obj.uscc or "")[:2]
    if code == "92":
        return PartyType.PERSON
    if code in ("91", "93", "12") or code.startswith("5"):
        return PartyType.LEGAL_PERSON
    return PartyType.OTHER_ORGANISATION


def _referral_title(power_item: PowerItem, case_title: str) -> str:
    title = (case_title or "").strip() or f"{power_item.name}发现问题"
    if len(title) > CASE_TITLE_MAX:
        raise DomainError("case_title_too_long", f"案由不能超过{CASE_TITLE_MAX}字(现{len(title)}字)",
                          field="case_title")
    return title


def _open_case(*, by, task: InspectionTask, part: TaskDepartment, drawn: DrawnObject, power_item: PowerItem,
               title: str, findings: str, inspected_on: dt.date):
    obj = drawn.object
    party_type = party_type_for(obj)
    summary = (f"{findings}\n(双随机抽查任务{task.number}“{power_item.name}”检查发现;"
               f"检查对象{obj.name},统一社会信用代码{obj.uscc})")
    return case_lead_register(
        by=by, body=part.body, title=title, lead_source=LeadSource.RANDOM_INSPECTION, lead_received_on=inspected_on,
        lead_summary=summary, category=part.category, party_type=party_type, party_name=obj.name,
        # an individual business's USCC is not its operator's identity number: the case keeps it in the summary
        party_id_number="" if party_type == PartyType.PERSON or not is_valid_uscc(obj.uscc) else obj.uscc,
        party_legal_representative=(obj.legal_representative or "")[:50], party_address=obj.address or "",
        inspection_task_ref=task.number)


# --- the service --------------------------------------------------------------------------------------------------


@transaction.atomic
def result_record(*, by, drawn_object: DrawnObject, power_item: PowerItem, outcome: str, inspected_on: dt.date,
                  inspectors: list[Officer], findings: str = "", photos=(), case_title: str = "") -> InspectionResult:
    """Record the result of `power_item` on `drawn_object` (rules.md §7; GB58-TEAM, XZCF-42). See the module's
    docstring for what is guaranteed; every refusal is a DomainError naming the field and the rule."""
    drawn = (DrawnObject.objects.select_for_update(of=("self",))
             .select_related("task", "object", "draw", "superseded_by").get(pk=drawn_object.pk))
    task = drawn.task
    part = _part_of_item(task, power_item, by)
    check_may_record(by, part.organisation_id)
    _check_task_and_object(task, drawn)
    _check_not_recorded(drawn, power_item)
    findings = (findings or "").strip()
    outcome = _check_outcome(outcome, findings)
    inspected_on = _check_date(task, drawn, inspected_on)
    team = _check_inspectors(drawn, part, inspectors, inspected_on)
    referred = outcome == ResultOutcome.REFERRED
    title = _referral_title(power_item, case_title) if referred else ""
    checked_photos = _check_photos(photos)

    saved: list[str] = []
    try:
        result = InspectionResult.objects.create(
            drawn_object=drawn, power_item=power_item, organisation=part.organisation, outcome=outcome,
            findings=findings, inspected_on=inspected_on, recorded_by=by if getattr(by, "pk", None) else None)
        result.inspectors.set([officer for officer, _number in team])
        case = None
        if referred:
            case = _open_case(by=by, task=task, part=part, drawn=drawn, power_item=power_item, title=title,
                              findings=findings, inspected_on=inspected_on)
            result.case = case
            result.save(update_fields=["case", "updated_at"])
        digests = []
        for photo in checked_photos:
            row = ResultPhoto(result=result, sha256=photo.sha256, size=photo.size, content_type=photo.mime)
            row.file.save(f"photo.{photo.extension}", photo.upload, save=False)
            saved.append(row.file.name)
            row.save()
            digests.append(FileDigest(name=row.file.name, sha256=photo.sha256, size=photo.size, stored=True))

        status = _update_drawn(drawn, inspected_on)
        obj = drawn.object
        if obj.last_inspected_on is None or obj.last_inspected_on < inspected_on:
            obj.last_inspected_on = inspected_on
            obj.save(update_fields=["last_inspected_on", "updated_at"])

        payload = {
            "task": task.number, "drawn_object": str(drawn.public_id), "uscc": obj.uscc, "object_name": obj.name,
            "department": part.organisation.name, "item_code": power_item.code, "item_name": power_item.name,
            "outcome": zh(ResultOutcome(outcome).label), "outcome_code": outcome,
            "inspectors": [{"name": officer.name, "certificate": number} for officer, number in team],
            "inspected_on": inspected_on, "findings": findings,
            "photos": [{"sha256": p.sha256, "size": p.size, "content_type": p.mime} for p in checked_photos],
            "drawn_status": status,
            "case": str(case.public_id) if case else None,
        }
        record_body(part.body, by=by, action=Action.INSPECTION_RESULT_RECORDED, subject_type=SUBJECT_RESULT,
                    subject_id=result.public_id, payload=payload, files=digests)
        if case is not None:
            record_body(part.body, by=by, action=Action.INSPECTION_CASE_REFERRED, subject_type=SUBJECT_RESULT,
                        subject_id=result.public_id, payload={
                            "task": task.number, "uscc": obj.uscc, "item_code": power_item.code,
                            "result": str(result.public_id), "case": str(case.public_id),
                            "case_number": case.number, "case_title": case.title,
                            "lead_source": zh(LeadSource.RANDOM_INSPECTION.label),
                            "party_type": zh(PartyType(case.party_type).label), "received_on": inspected_on,
                        })
    except BaseException:
        # the transaction rolls back: no stored photo may outlive it
        for name in saved:
            default_storage.delete(name)
        raise
    drawn_object.status, drawn_object.inspected_on = drawn.status, drawn.inspected_on
    return result


def _update_drawn(drawn: DrawnObject, inspected_on: dt.date) -> str:
    """The visit's date on the drawn object (the latest, when departments came on different days) and INSPECTED
    once every item of every department has its result."""
    items_due = PowerItem.objects.filter(inspection_task_parts__task_id=drawn.task_id).distinct().count()
    done = InspectionResult.objects.filter(drawn_object=drawn).count()
    fields = ["updated_at"]
    if drawn.inspected_on is None or drawn.inspected_on < inspected_on:
        drawn.inspected_on = inspected_on
        fields.append("inspected_on")
    if done >= items_due and drawn.status != DrawnStatus.INSPECTED:
        drawn.status = DrawnStatus.INSPECTED
        fields.append("status")
    drawn.save(update_fields=fields)
    return drawn.status
