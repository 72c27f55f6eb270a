"""Importer of the service-item catalogue (政务服务事项), registered in PowersConfig.ready().

Every row is checked against the database and the rest of the file first (per-row Chinese errors); the commit
writes through powers.services.catalogue, all or nothing."""

from __future__ import annotations

from fazhi.accounts.permissions import MANAGE_POWERS
from fazhi.core.imports import parsers
from fazhi.core.imports.base import Column, Importer, RowInvalid
from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import organisation_ids_visible_to
from fazhi.powers.enums import ServiceItemKind
from fazhi.powers.models import PowerItem, ServiceItem
from fazhi.powers.services import catalogue as services


class ServiceItemImporter(Importer):
    key = "service_items"
    title = "政务服务事项"
    description = "批量登记政务服务事项(审批事项、公共服务事项)及其办事指南。"
    rule = MANAGE_POWERS
    notes = ("执法单位管理员只能导入本单位的事项。", "承诺时限不得长于法定时限。")
    columns = (
        Column("事项编码", "code", parsers.text(50), required=True, help="全区唯一", example="SH-SP-0001"),
        Column("事项名称", "name", parsers.text(300), required=True, example="食品经营许可证核发"),
        Column("事项类型", "kind", parsers.choice(ServiceItemKind, extra={
            "审批": ServiceItemKind.APPROVAL, "行政审批事项": ServiceItemKind.APPROVAL,
            "服务事项": ServiceItemKind.PUBLIC_SERVICE, "公共服务": ServiceItemKind.PUBLIC_SERVICE,
        }), required=True, help="审批事项或公共服务事项", example="审批事项"),
        Column("实施部门", "department", parsers.text(100), required=True, help="已登记的单位名称",
               example="赛罕区市场监督管理局"),
        Column("对应权力事项编码", "power_item", parsers.text(50), help="该部门已登记的权力事项编码,可不填"),
        Column("进驻政务服务中心", "resident_in_centre", parsers.boolean, help="是或否,不填为“是”", example="是"),
        Column("办理条件", "requirements", parsers.text(), example="具有与经营的食品品种、数量相适应的经营场所"),
        Column("申请材料", "materials", parsers.text(), help="多项可换行填写", example="食品经营许可申请书"),
        Column("法定时限(工作日)", "statutory_limit_days", parsers.integer(min_value=0, max_value=3650), example=20),
        Column("承诺时限(工作日)", "committed_limit_days", parsers.integer(min_value=0, max_value=3650),
               help="不得长于法定时限", example=10),
        Column("收费", "fees", parsers.text(300), example="不收费"),
        Column("办理地点", "place", parsers.text(300), example="赛罕区市民服务中心二楼市场监管窗口"),
        Column("可网上受理", "online", parsers.boolean, help="是或否,不填为“否”", example="是"),
        Column("设立日期", "happened_on", parsers.date, help="不填为导入当日", example="2017-03-01"),
        Column("设立文号", "document_number", parsers.text(100), example="赛政发〔2017〕12号"),
    )

    def prepare(self, *, user):
        visible = organisation_ids_visible_to(user)
        power_items: dict[str, tuple[PowerItem, set[int]]] = {}
        for item in PowerItem.objects.prefetch_related("departments"):
            power_items[item.code] = (item, {d.pk for d in item.departments.all()})
        return {
            "organisations": {o.name: o for o in Organisation.objects.all()},
            "visible": visible,
            "codes": set(ServiceItem.objects.values_list("code", flat=True)),
            "power_items": power_items,
            "seen_codes": {},
        }

    def validate_row(self, row, context):
        errors = {}
        code = row["code"]
        if code in context["codes"]:
            errors["code"] = f"事项编码“{code}”已被使用"
        elif code in context["seen_codes"]:
            errors["code"] = f"与第{context['seen_codes'][code]}行事项编码重复"
        department = context["organisations"].get(row["department"])
        if department is None:
            errors["department"] = f"单位“{row['department']}”不存在"
        elif context["visible"] is not None and department.pk not in context["visible"]:
            errors["department"] = f"无权登记“{row['department']}”的政务服务事项"
        power_item = None
        if row["power_item"]:
            found = context["power_items"].get(row["power_item"])
            if found is None:
                errors["power_item"] = f"权力事项“{row['power_item']}”不存在"
            elif department is not None and department.pk not in found[1]:
                errors["power_item"] = f"权力事项“{row['power_item']}”不属于“{department.name}”"
            else:
                power_item = found[0]
        statutory, committed = row["statutory_limit_days"], row["committed_limit_days"]
        if statutory is not None and committed is not None and committed > statutory:
            errors["committed_limit_days"] = f"承诺时限({committed}个工作日)不得长于法定时限({statutory}个工作日)"
        if errors:
            raise RowInvalid(errors)
        context["seen_codes"][code] = row["_row"]
        row["department"], row["power_item"] = department, power_item
        return row

    def commit(self, rows, *, by, job):
        """Per-row services: each item gets its creation event and record entry (a catalogue is hundreds of rows)."""
        kinds = {ServiceItemKind.APPROVAL: 0, ServiceItemKind.PUBLIC_SERVICE: 0}
        for row in rows:
            services.service_item_create(
                by=by, kind=row["kind"], happened_on=row["happened_on"], document_number=row["document_number"] or "",
                code=row["code"], name=row["name"], department=row["department"], power_item=row["power_item"],
                resident_in_centre=True if row["resident_in_centre"] is None else row["resident_in_centre"],
                requirements=row["requirements"] or "", materials=row["materials"] or "",
                statutory_limit_days=row["statutory_limit_days"], committed_limit_days=row["committed_limit_days"],
                fees=row["fees"] or "", place=row["place"] or "", online=bool(row["online"]),
            )
            kinds[row["kind"]] += 1
        return {"审批事项": kinds[ServiceItemKind.APPROVAL], "公共服务事项": kinds[ServiceItemKind.PUBLIC_SERVICE]}
