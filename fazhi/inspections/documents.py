"""The inspection notice (检查通知书) sent to a drawn object, built in code with python-docx on the page layout of the
enforcement documents (fazhi.enforcement.documents.layout, GB/T 9704-2012).

Same data, same bytes: the document's date is the day the notice was sent (or, before that, the day of the draw),
its core properties and zip entry times come from that date, and every list is read in a fixed order. A notice
never numbers itself: it carries the task's number.
"""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.deadlines import zh_date
from fazhi.enforcement.documents.layout import GovDocument
from fazhi.enforcement.enums import zh
from fazhi.inspections.enums import ObjectKind
from fazhi.inspections.models import DrawnObject, TeamMember
from fazhi.inspections.selectors.tasks import task_parts

TITLE = "检查通知书"
LAW = "《国务院办公厅关于推广随机抽查规范事中事后监管的通知》(国办发〔2015〕58号)"


def notice_date(drawn_object: DrawnObject):
    """The date the notice bears: when it was sent, or the day of the draw until then."""
    if drawn_object.notice_sent_on:
        return drawn_object.notice_sent_on
    return timezone.localtime(drawn_object.draw.drawn_at).date()


def notice_filename(drawn_object: DrawnObject) -> str:
    return f"{TITLE}-{drawn_object.task.number}-{drawn_object.object.uscc}.docx".replace("/", "-")


def _team_lines(drawn_object: DrawnObject, parts) -> list[str]:
    order = {p.organisation_id: index for index, p in enumerate(parts)}
    names = {p.organisation_id: p.organisation.name for p in parts}
    members = sorted(TeamMember.objects.filter(drawn_object=drawn_object).select_related("officer"),
                     key=lambda m: (order.get(m.organisation_id, len(order)), m.certificate_number, m.pk))
    return [f"{m.officer.name}({names.get(m.organisation_id, '')},执法证号:{m.certificate_number})" for m in members]


def notice_docx(drawn_object: DrawnObject) -> bytes:
    """The 检查通知书 for one drawn object: the task's number, the departments and their items, the inspection
    period, the inspectors drawn for the object with their certificate numbers, and the object's name, USCC and
    address. Byte-identical for the same rows."""
    drawn_object = (DrawnObject.objects.select_related("task", "object", "draw").get(pk=drawn_object.pk))
    task, obj = drawn_object.task, drawn_object.object
    parts = task_parts(task)
    issuers = [p.body.name for p in parts]
    on = notice_date(drawn_object)
    doc = GovDocument(title=("联合" if len(parts) > 1 else "") + TITLE, issuer="、".join(issuers), on=on)
    doc.heading(task.number)
    doc.addressee(obj.name)
    departments = "、".join(p.organisation.name for p in parts)
    you = "你单位"
    doc.para(f"根据{LAW}和本部门随机抽查工作安排,经随机抽取,{you}被确定为“{task.title}”的检查对象。"
             f"{departments}定于{zh_date(task.start_on)}至{zh_date(task.end_on)}期间对{you}进行检查,"
             "现将有关事项通知如下:")
    rows = [
        ("任务编号", task.number),
        ("检查对象", obj.name),
        ("统一社会信用代码", obj.uscc),
        ("对象类别", zh(ObjectKind(obj.kind).label)),
        ("住所(经营场所)", obj.address or "—"),
        ("检查期间", f"{zh_date(task.start_on)}至{zh_date(task.end_on)}"),
        ("检查部门", departments),
    ]
    for part in parts:
        items = "\n".join(f"{i.code} {i.name}" for i in part.items.all())
        rows.append((f"检查事项({part.organisation.name})", items or "—"))
    rows.append(("检查人员", "\n".join(_team_lines(drawn_object, parts)) or "—"))
    doc.table(rows)
    doc.para("")
    doc.para(f"请{you}做好准备,配合检查,如实提供与检查事项有关的证照、台账、合同、票据等材料,不得拒绝、阻碍检查。")
    doc.para("检查人员不少于两人,检查时将主动出示行政执法证件;检查人员少于两人或者未出示执法证件的,"
             f"{you}有权拒绝检查。{you}认为检查人员与{you}有直接利害关系或者有其他关系可能影响公正检查的,"
             "可以申请回避。")
    doc.para("抽查检查结果将依法通过国家企业信用信息公示系统等渠道向社会公示。")
    doc.signature(on=on)
    return doc.to_bytes(subject=f"{task.number} {task.title} {obj.uscc}")
