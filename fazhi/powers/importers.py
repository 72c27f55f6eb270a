"""The power-list importer (权责清单导入) and the export in the same columns (PowersConfig.ready registers it).

A row is one power item with its legal bases (citations resolved to articles of the law library) and its
responsibility items. “状态” chooses per row between a draft and publishing at once (with 生效日期 and 公布文号).
Every bad row is reported per column in Chinese and nothing is written: a category outside the ten, a department
that does not exist, a code already used (in the file or the database), a circular sub-item, an unknown law or
article, a repealed law.
"""

from __future__ import annotations

from fazhi.accounts.permissions import MANAGE_POWERS
from fazhi.core.imports import parsers
from fazhi.core.imports.base import Column, Importer, RowInvalid
from fazhi.core.rule_table import RULES_BY_ID
from fazhi.orgs.models import Organisation
from fazhi.powers import services
from fazhi.powers.enums import PowerCategory, PowerItemStatus
from fazhi.powers.models import PowerItem
from fazhi.powers.selectors.items import (
    CitationResolver,
    basis_label,
    responsibilities_format,
    responsibilities_parse,
)
from fazhi.powers.workflow import future_effective_message, may_manage_departments

PUBLISH_REASON = "权责清单批量导入公布"
STATUS = parsers.choice(PowerItemStatus, extra={"公布": PowerItemStatus.PUBLISHED, "已发布": PowerItemStatus.PUBLISHED})


def _departments(value) -> list[str]:
    names = [part.strip() for part in parsers.as_text(value).replace(",", "、").replace(",", "、").split("、")]
    names = [n for n in names if n]
    if not names:
        raise ValueError("不能为空")
    return list(dict.fromkeys(names))


class PowerItemImporter(Importer):
    key = "power_items"
    title = "权责清单(权力事项)"
    description = "批量登记权力事项及其法律依据、责任事项;可导入为草稿,或在“状态”列填“已公布”直接公布。"
    rule = MANAGE_POWERS
    notes = (
        "权力类别须为十类之一:" + "、".join(str(label) for label in PowerCategory.labels) + "。",
        "实施部门填写已登记的单位全称,多个部门以“、”分隔;第一个部门为主办部门。"
        "单位管理员只能导入本单位牵头(列为第一实施部门)的事项。",
        "法律依据写作“《中华人民共和国行政处罚法》第六十条第一款”,多项以分号分隔;法律须已录入法律法规库且未废止。",
        "责任事项写作“受理:…|审查:…|决定:…”,环节为受理、审查、决定、送达、执行、事后监管或其他。",
        "上级事项须已登记,或在本文件中列在下级事项之前;不能形成循环。",
        "状态留空或填“草稿”时导入为草稿;填“已公布”时须填写生效日期,并至少有一项法律依据。",
    )
    columns = (
        Column("事项编码", "code", parsers.text(50), required=True, example="SCJG-XK-001"),
        Column("事项名称", "name", parsers.text(300), required=True, example="食品经营许可"),
        Column("权力类别", "category", parsers.choice(PowerCategory), required=True,
               help="、".join(str(label) for label in PowerCategory.labels), example="行政许可"),
        Column("上级事项编码", "parent_code", parsers.text(50), help="子项填写其上级事项的编码"),
        Column("实施部门", "departments", _departments, required=True, help="单位全称,多个以“、”分隔",
               example="赛罕区市场监督管理局"),
        Column("法律依据", "legal_bases", parsers.text(), help="《法律名称》第X条第X款;多项以分号分隔",
               example="《中华人民共和国行政许可法》第十二条"),
        Column("责任事项", "responsibilities", parsers.text(), help="环节:内容,以“|”分隔",
               example="受理:依法受理或不予受理申请|审查:对申请材料进行审查|决定:作出准予或不予许可决定"),
        Column("追责情形", "accountability", parsers.text()),
        Column("法定时限", "statutory_time_limit", parsers.text(200), example="20个工作日"),
        Column("期限规则编号", "deadline_rule_id", parsers.text(40), help="期限规则表中的编号,如 XZXK-42",
               example="XZXK-42"),
        Column("承诺时限", "committed_time_limit", parsers.text(200), example="10个工作日"),
        Column("收费标准", "fees", parsers.text(300), example="不收费"),
        Column("收费依据", "fee_basis", parsers.text(300)),
        Column("救济途径", "remedies", parsers.text(), example="可依法申请行政复议或提起行政诉讼"),
        Column("运行流程", "flow_description", parsers.text()),
        Column("是否随机抽查事项", "is_inspection_item", parsers.boolean, help="是或否", example="否"),
        Column("检查方式", "inspection_method", parsers.text(200)),
        Column("检查对象范围", "inspection_object_scope", parsers.text(300)),
        Column("状态", "status", STATUS, help="草稿或已公布,留空为草稿", example="草稿"),
        Column("生效日期", "effective_on", parsers.date, help="状态为已公布时必填"),
        Column("公布文号", "document_number", parsers.text(100), example="赛政发〔2017〕12号"),
    )

    def prepare(self, *, user):
        return {
            "user": user,
            "organisations": {o.name: o for o in Organisation.objects.all()},
            "existing": dict(PowerItem.objects.values_list("code", "pk")),
            "resolver": CitationResolver(),
            "seen": {},  # code -> (row number, parent code)
            "may_manage": {},
        }

    def validate_row(self, row, context):
        errors: dict[str, str] = {}
        code = row["code"]
        if code in context["existing"]:
            errors["code"] = f"事项编码“{code}”已存在"
        elif code in context["seen"]:
            errors["code"] = f"与第{context['seen'][code][0]}行事项编码重复"
        departments = []
        missing = [n for n in row["departments"] if n not in context["organisations"]]
        if missing:
            errors["departments"] = "实施部门不存在:" + "、".join(missing)
        else:
            departments = [context["organisations"][n] for n in row["departments"]]
            key = tuple(d.pk for d in departments)
            if key not in context["may_manage"]:
                context["may_manage"][key] = may_manage_departments(context["user"], key)
            if not context["may_manage"][key]:
                errors["departments"] = "只能导入本单位牵头(列为第一实施部门)的权力事项"
        parent_code = row["parent_code"]
        if parent_code:
            error = self._parent_error(code, parent_code, context)
            if error:
                errors["parent_code"] = error
        bases = []
        if row["legal_bases"]:
            bases, problems = context["resolver"].resolve(row["legal_bases"])
            if problems:
                errors["legal_bases"] = ";".join(problems)
        responsibilities = []
        if row["responsibilities"]:
            try:
                responsibilities = responsibilities_parse(row["responsibilities"])
            except ValueError as exc:
                errors["responsibilities"] = str(exc)
        if row["deadline_rule_id"] and row["deadline_rule_id"] not in RULES_BY_ID:
            errors["deadline_rule_id"] = f"期限规则编号“{row['deadline_rule_id']}”不在期限规则表中"
        status = row["status"] or PowerItemStatus.DRAFT
        publish = None
        if status == PowerItemStatus.ABOLISHED:
            errors["status"] = "只能导入草稿或已公布的事项"
        elif status == PowerItemStatus.PUBLISHED:
            if not row["effective_on"]:
                errors["effective_on"] = "状态为已公布时须填写生效日期"
            elif future_effective_message(row["effective_on"]):
                errors["effective_on"] = future_effective_message(row["effective_on"])
            if not bases and "legal_bases" not in errors:
                errors["legal_bases"] = "公布的权力事项须至少有一项法律依据"
            publish = {"reason": PUBLISH_REASON, "effective_on": row["effective_on"],
                       "document_number": row["document_number"] or ""}
        context["seen"].setdefault(code, (row["_row"], parent_code))
        if errors:
            raise RowInvalid(errors)
        cleaned = {"code": code, "name": row["name"], "category": row["category"], "departments": departments,
                   "parent_code": parent_code or "", "legal_bases": bases, "responsibilities": responsibilities,
                   "publish": publish}
        for field in services.ITEM_TEXT_FIELDS:
            cleaned[field] = row.get(field) if row.get(field) is not None else (
                False if field == "is_inspection_item" else "")
        return cleaned

    @staticmethod
    def _parent_error(code: str, parent_code: str, context) -> str | None:
        if parent_code == code:
            return "上级事项不能是本事项(循环)"
        if parent_code in context["existing"]:
            return None
        seen = context["seen"]
        if parent_code not in seen:
            return f"上级事项“{parent_code}”不存在(须已登记,或在本文件中列在本行之前)"
        chain, node = {code}, parent_code
        while node in seen:
            if node in chain:
                return f"上级事项“{parent_code}”形成循环"
            chain.add(node)
            node = seen[node][1]
            if node == code:
                return f"上级事项“{parent_code}”形成循环"
        return None

    def commit(self, rows, *, by, job):
        result = services.power_items_bulk_create(by=by, items=rows, source={
            "importer": self.key, "job": str(job.public_id), "file": job.original_name,
            "file_sha256": job.file_sha256})
        return {"权力事项": result["items"], "其中公布": result["published"], "法律依据": result["legal_bases"],
                "责任事项": result["responsibilities"]}


# --- export in the importer's columns (round trip) ----------------------------------------------------------------

EXPORT_HEADERS = [c.header for c in PowerItemImporter.columns]


def export_rows(queryset):
    """Rows for xlsx export in the importer's columns; parents come before their sub-items so that the file
    imports again as it is."""
    items = list(queryset.select_related("parent").prefetch_related("legal_bases__article__law", "responsibilities"))
    first_version = {}
    for item in items:
        if item.status != PowerItemStatus.DRAFT:
            first_version[item.pk] = None
    if first_version:
        from fazhi.powers.models import PowerItemVersion

        for item_id, effective_on, document_number in (
                PowerItemVersion.objects.filter(power_item_id__in=list(first_version)).order_by("version")
                .values_list("power_item_id", "effective_on", "document_number")):
            first_version[item_id] = (effective_on, document_number)  # the last one seen: the current version
    by_pk = {i.pk: i for i in items}
    names: dict[int, list[str]] = {}
    through = PowerItem.departments.through
    for start in range(0, len(items), 900):
        chunk = [i.pk for i in items[start:start + 900]]
        for item_id, name in (through.objects.filter(poweritem_id__in=chunk).order_by("pk")
                              .values_list("poweritem_id", "organisation__name")):
            names.setdefault(item_id, []).append(name)

    def depth(item) -> int:
        d, node = 0, item
        while node.parent_id and node.parent_id in by_pk and d < 50:
            node, d = by_pk[node.parent_id], d + 1
        return d

    items.sort(key=lambda i: (depth(i), i.code))
    for item in items:
        version = first_version.get(item.pk)
        yield [
            item.code, item.name, item.get_category_display(), item.parent.code if item.parent_id else "",
            "、".join(names.get(item.pk, [])),
            ";".join(basis_label(b.article, b.paragraph, b.item) for b in item.legal_bases.all()),
            responsibilities_format(item.responsibilities.all()), item.accountability, item.statutory_time_limit,
            item.deadline_rule_id, item.committed_time_limit, item.fees, item.fee_basis, item.remedies,
            item.flow_description, item.is_inspection_item, item.inspection_method, item.inspection_object_scope,
            item.get_status_display(), version[0] if version else None, version[1] if version else "",
        ]
