"""The object pool's importer (registered in InspectionsConfig.ready): the market-entity registry's export, csv or
xlsx, up to 1,000,000 rows, re-imported every month.

A row whose USCC is already in the pool updates that object (a blank cell keeps what the pool has); a new USCC adds
an object. Every row is checked first (USCC checksum, duplicates within the file, jurisdiction, vocabularies, dates,
counts); one bad row and the file changes nothing. The rows are never all held in memory: the importer streams
(fazhi.core.imports.base.Importer.streaming) and writes in batches through
fazhi.inspections.services.objects.objects_import, which appends one IMPORT_COMMITTED entry to the office ledger."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fazhi.accounts.permissions import MANAGE_OBJECT_POOL
from fazhi.core.imports import parsers
from fazhi.core.imports.base import Column, Importer, RowInvalid
from fazhi.enforcement.enums import zh
from fazhi.inspections.enums import ObjectKind, RegistrationStatus, RiskGrade
from fazhi.inspections.services import objects as services
from fazhi.orgs.models import Jurisdiction

MAX_BYTES = 400 * 1024 * 1024  # the registry's full export: about 240 MB of csv for 1,000,000 entities


def _labels(choices) -> dict:
    """Chinese labels whatever the active language (the parser's own mapping takes str() of lazy labels)."""
    return {zh(label): value for value, label in choices.choices}


KIND = parsers.choice(ObjectKind, extra=_labels(ObjectKind) | {
    "企业": ObjectKind.MARKET_ENTITY, "个体工商户": ObjectKind.MARKET_ENTITY,
    "农民专业合作社": ObjectKind.MARKET_ENTITY, "民办非企业单位": ObjectKind.SOCIAL_ORGANISATION,
    "社会团体": ObjectKind.SOCIAL_ORGANISATION, "基金会": ObjectKind.SOCIAL_ORGANISATION,
})
STATUS = parsers.choice(RegistrationStatus, extra=_labels(RegistrationStatus) | {
    "存续": RegistrationStatus.ACTIVE, "在营": RegistrationStatus.ACTIVE, "在业": RegistrationStatus.ACTIVE,
    "开业": RegistrationStatus.ACTIVE, "正常": RegistrationStatus.ACTIVE, "吊销,未注销": RegistrationStatus.REVOKED,
    "已吊销": RegistrationStatus.REVOKED, "已注销": RegistrationStatus.CANCELLED, "已迁出": RegistrationStatus.MOVED_OUT,
})
GRADE = parsers.choice(RiskGrade, extra=_labels(RiskGrade) | {
    "A类": RiskGrade.A, "B类": RiskGrade.B, "C类": RiskGrade.C, "D类": RiskGrade.D,
    "a": RiskGrade.A, "b": RiskGrade.B, "c": RiskGrade.C, "d": RiskGrade.D,
    "信用风险低": RiskGrade.A, "信用风险一般": RiskGrade.B, "信用风险较高": RiskGrade.C, "信用风险高": RiskGrade.D,
})


def parse_uscc(value) -> str:
    if not isinstance(value, str):
        raise ValueError("统一社会信用代码被Excel存成了数字,可能已丢失末几位;请将该列设为“文本”格式后重新填写")
    code = value.upper()
    error = services.uscc_error(code)
    if error:
        raise ValueError(error)
    return code


def parse_date(value) -> dt.date:
    """parsers.date, with a fast path for the registry's ISO dates (two date columns in a million rows)."""
    if type(value) is str and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass  # parsers.date explains what is wrong
    return parsers.date(value)


def parse_count(value) -> int:
    raw = parsers.as_text(value)
    try:
        number = int(raw)
    except ValueError:
        raise ValueError(f"“{raw}”不是整数") from None
    if number < 0:
        raise ValueError(f"不能为负数(现为{number})")
    return number


class ObjectImporter(Importer):
    key = "inspection_objects"
    title = "检查对象名录库"
    description = ("批量导入、更新检查对象(市场主体登记机关导出的名录,也可导入事业单位、社会组织、律师事务所等);"
                   "统一社会信用代码已在名录库中的行更新该对象,其余新增。")
    rule = MANAGE_OBJECT_POOL
    streaming = True
    max_bytes = MAX_BYTES
    notes = (
        "统一社会信用代码已在名录库中的,按本行更新该对象;单元格留空的,保留名录库中原有内容(不会清空)。",
        "新增对象留空的列取默认值:对象类别为市场主体,登记状态为存续(在营),信用风险分类为B类,未列入经营异常名录,"
        "投诉举报次数为0。",
        "所属辖区填写镇(街道)名称或区划代码;同名的区划须填写代码。",
        "同一文件中统一社会信用代码不能重复;任一行有错误时整个文件都不会导入。",
        "每月登记机关导出的全量名录可直接重新导入;最多约100万行。",
    )
    columns = (
        Column("统一社会信用代码", "uscc", parse_uscc, required=True,
               help="18位,校验位须正确(GB 32100-2015);请将该列设为文本格式", example="92150105MA0N2W4X6Y",
               aliases=("社会信用代码", "信用代码")),
        Column("名称", "name", parsers.text(200), required=True, example="赛罕区金河镇惠民超市",
               aliases=("企业名称", "主体名称", "对象名称", "单位名称")),
        Column("对象类别", "kind", KIND, help="、".join(_labels(ObjectKind)) + ";留空为市场主体", example="市场主体"),
        Column("主体类型", "entity_type", parsers.text(50), help="如:有限责任公司、个体工商户、农民专业合作社",
               example="个体工商户", aliases=("市场主体类型", "企业类型", "类型")),
        Column("所属行业", "industry", parsers.text(50), example="批发和零售业", aliases=("行业", "行业门类")),
        Column("住所(经营场所)", "address", parsers.text(200), example="赛罕区金河镇金河村",
               aliases=("住所", "经营场所", "地址", "住所(经营场所)")),
        Column("所属辖区", "jurisdiction", parsers.text(100), help="镇(街道)名称或区划代码", example="金河镇",
               aliases=("辖区", "所属镇街", "镇街")),
        Column("法定代表人(负责人)", "legal_representative", parsers.text(50), example="张三",
               aliases=("法定代表人", "负责人", "经营者", "法定代表人(负责人)")),
        Column("成立日期", "registered_on", parse_date, example="2018-05-20", aliases=("登记日期",)),
        Column("登记状态", "registration_status", STATUS, help="存续(在营)、吊销、注销或迁出;留空为存续",
               example="存续(在营)", aliases=("经营状态",)),
        Column("信用风险分类", "risk_grade", GRADE, help="A、B、C或D类;留空为B类", example="B",
               aliases=("风险等级", "信用风险等级", "风险分类")),
        Column("列入经营异常名录", "abnormal", parsers.boolean, help="是或否;留空为否", example="否",
               aliases=("经营异常", "是否列入经营异常名录")),
        Column("投诉举报次数", "complaint_count", parse_count, help="不小于0的整数;留空为0", example=0,
               aliases=("投诉举报", "投诉次数")),
        Column("最近检查日期", "last_inspected_on", parse_date, help="留空时保留名录库中的记录",
               example="", aliases=("上次检查日期",)),
    )

    def prepare(self, *, user):
        jurisdictions: dict[str, int] = {}
        ambiguous: set[str] = set()
        names: dict[str, int] = {}
        for pk, code, name in Jurisdiction.objects.values_list("pk", "code", "name"):
            jurisdictions[code] = pk
            if name in names and names[name] != pk:
                ambiguous.add(name)
            names.setdefault(name, pk)
        for name, pk in names.items():
            jurisdictions.setdefault(name, pk)
        return {"jurisdictions": jurisdictions, "ambiguous": ambiguous, "seen": {},
                "today": timezone.localdate()}

    def validate_row(self, row, context):
        """The cleaned row is a tuple in services.IMPORT_FIELDS order (None: blank), not a dict: a million of
        them must stay small even in the iterator."""
        errors = {}
        uscc = row["uscc"]
        first = context["seen"].get(uscc)
        if first is not None:
            errors["uscc"] = f"与第{first}行统一社会信用代码重复"
        jurisdiction_id = None
        key = row["jurisdiction"]
        if key is not None:
            if key in context["ambiguous"]:
                errors["jurisdiction"] = f"有多个名为“{key}”的区划,请填写区划代码"
            else:
                jurisdiction_id = context["jurisdictions"].get(key)
                if jurisdiction_id is None:
                    errors["jurisdiction"] = f"区划“{key}”不存在,请填写已登记的镇(街道)名称或区划代码"
        today: dt.date = context["today"]
        for field in ("registered_on", "last_inspected_on"):
            if row[field] is not None and row[field] > today:
                errors[field] = f"不能晚于今天({today.isoformat()})"
        if errors:
            raise RowInvalid(errors)
        if first is None:
            context["seen"][uscc] = row["_row"]
        return (uscc, row["kind"], row["name"], row["entity_type"], row["industry"], row["address"],
                jurisdiction_id, row["legal_representative"], row["registered_on"], row["registration_status"],
                row["risk_grade"], row["abnormal"], row["complaint_count"], row["last_inspected_on"])

    def commit(self, rows, *, by, job):
        counts = services.objects_import(by=by, rows=rows, source={
            "importer": self.key, "job": str(job.public_id), "file": job.original_name,
            "file_sha256": job.file_sha256,
        })
        return {"新增检查对象": counts["created"], "更新检查对象": counts["updated"],
                "内容未变的检查对象": counts["unchanged"]}
