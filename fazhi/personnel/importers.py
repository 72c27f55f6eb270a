"""Importers of officers with certificates, exam results and volunteer supervisors (PersonnelConfig.ready)."""

from __future__ import annotations

from fazhi.accounts.permissions import MANAGE_CERTIFICATES, MANAGE_OFFICERS, MANAGE_SUPERVISORS
from fazhi.core.imports import parsers
from fazhi.core.imports.base import Column, Importer, RowInvalid
from fazhi.orgs.importers import _categories_lookup, resolve_categories
from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import organisation_ids_visible_to
from fazhi.personnel import services
from fazhi.personnel.enums import Gender, StaffType, SupervisorSector
from fazhi.personnel.models import Certificate, ExamResult, Officer, VolunteerSupervisor

GENDER = parsers.choice(Gender, extra={"男性": Gender.MALE, "女性": Gender.FEMALE})
CERTIFICATE_FIELDS = ("number", "categories", "area", "valid_from", "valid_to")


class OfficerImporter(Importer):
    key = "officers"
    title = "执法人员及证件"
    description = "批量登记执法人员;持证人员可同时登记其行政执法证件(证件各列可留空)。"
    rule = MANAGE_OFFICERS
    notes = (
        "单位管理员只能导入本单位(及下属单位)的人员,且不能导入证件信息;证件由司法局(法制办)导入。",
        "辅助人员不得持有行政执法证件:辅助人员行的证件各列必须留空。",
        "有效期止留空时,按本地区换证周期(如6年)自动计算。",
    )
    columns = (
        Column("姓名", "name", parsers.text(50), required=True, example="张伟"),
        Column("性别", "gender", GENDER, required=True, help="男或女", example="男"),
        Column("身份证号码", "id_number", parsers.id_number, required=True,
               help="18位,校验位须正确;请设为文本格式", example="150105198506150011"),
        Column("所属单位", "organisation", parsers.text(100), required=True, help="已登记的单位名称",
               example="赛罕区市场监督管理局"),
        Column("职务", "post", parsers.text(50), example="科员"),
        Column("人员类别", "staff_type", parsers.choice(StaffType, extra={
            "事业人员": StaffType.INSTITUTION_STAFF, "事业编制": StaffType.INSTITUTION_STAFF,
            "辅助": StaffType.AUXILIARY, "协管员": StaffType.AUXILIARY,
        }), required=True, help="公务员、事业编制人员或辅助人员", example="公务员"),
        Column("联系电话", "phone", parsers.phone, example="13800000000"),
        Column("证件编号", "number", parsers.text(30), help="持证人员填写;须唯一", example="15010500012345"),
        Column("执法类别", "categories", parsers.name_list, help="持证人员填写;多个类别用“、”或逗号分隔",
               example="市场监管"),
        Column("执法区域", "area", parsers.text(100), help="留空时为所属单位的区划", example="赛罕区"),
        Column("有效期起", "valid_from", parsers.date, help="持证人员填写", example="2023-01-01"),
        Column("有效期止", "valid_to", parsers.date, help="留空时按换证周期计算", example="2028-12-31"),
    )

    def prepare(self, *, user):
        organisations = {}
        for organisation in Organisation.objects.select_related("jurisdiction"):
            organisations[organisation.name] = organisation
        return {
            "organisations": organisations,
            "visible": organisation_ids_visible_to(user),
            "may_certify": MANAGE_CERTIFICATES.allows(user),
            "id_numbers": set(Officer.objects.values_list("id_number", flat=True)),
            "certificate_numbers": set(Certificate.objects.values_list("number", flat=True)),
            "categories": _categories_lookup(),
            "seen_ids": {},
            "seen_numbers": {},
        }

    def validate_row(self, row, context):
        errors = {}
        id_number = row["id_number"]
        if id_number in context["id_numbers"]:
            errors["id_number"] = "该身份证号码已登记为执法人员"
        elif id_number in context["seen_ids"]:
            errors["id_number"] = f"与第{context['seen_ids'][id_number]}行身份证号码重复"
        organisation = context["organisations"].get(row["organisation"])
        if organisation is None:
            errors["organisation"] = f"单位“{row['organisation']}”不存在"
        elif context["visible"] is not None and organisation.pk not in context["visible"]:
            errors["organisation"] = f"无权导入单位“{row['organisation']}”的人员(只能导入本单位人员)"
        certificate = None
        if any(row[f] is not None for f in CERTIFICATE_FIELDS):
            certificate = self._certificate(row, context, organisation, errors)
        if errors:
            raise RowInvalid(errors)
        context["seen_ids"][id_number] = row["_row"]
        if certificate:
            context["seen_numbers"][certificate["number"]] = row["_row"]
        return {"name": row["name"], "gender": row["gender"], "id_number": id_number, "organisation": organisation,
                "post": row["post"], "staff_type": row["staff_type"], "phone": row["phone"],
                "certificate": certificate}

    @staticmethod
    def _certificate(row, context, organisation, errors) -> dict | None:
        if not context["may_certify"]:
            errors["number"] = "您无权导入执法证件:请删除证件各列,证件由司法局(法制办)导入"
            return None
        if row["staff_type"] == StaffType.AUXILIARY:
            errors["number"] = "辅助人员不得持有行政执法证件,证件各列须留空"
            return None
        number = row["number"]
        if not number:
            errors["number"] = "填写了证件信息,证件编号必填"
        elif number in context["certificate_numbers"]:
            errors["number"] = "该证件编号已登记"
        elif number in context["seen_numbers"]:
            errors["number"] = f"与第{context['seen_numbers'][number]}行证件编号重复"
        categories = []
        if not row["categories"]:
            errors["categories"] = "持证人员须填写执法类别"
        else:
            try:
                categories = resolve_categories(row["categories"], context["categories"])
            except ValueError as exc:
                errors["categories"] = str(exc)
        if not row["valid_from"]:
            errors["valid_from"] = "持证人员须填写有效期起"
        elif row["valid_to"] and row["valid_to"] < row["valid_from"]:
            errors["valid_to"] = "有效期止不能早于有效期起"
        area = row["area"] or (organisation.jurisdiction.name if organisation else "")
        return {"number": number, "categories": categories, "area": area, "valid_from": row["valid_from"],
                "valid_to": row["valid_to"]}

    def commit(self, rows, *, by, job):
        return services.officers_import(by=by, rows=rows, source={
            "importer": self.key, "job": str(job.public_id), "file": job.original_name,
            "file_sha256": job.file_sha256, "rows": len(rows),
        })


class ExamResultImporter(Importer):
    key = "exams"
    title = "考试成绩"
    description = "批量登记执法资格考试成绩;按身份证号码或证件编号找到执法人员。"
    rule = MANAGE_CERTIFICATES
    columns = (
        Column("身份证号码", "id_number", parsers.id_number, help="与证件编号至少填写一项",
               example="150105198506150011"),
        Column("证件编号", "certificate_number", parsers.text(30), help="与身份证号码至少填写一项"),
        Column("考试名称", "exam_name", parsers.text(200), required=True, example="2026年度行政执法资格考试"),
        Column("考试日期", "taken_on", parsers.date, required=True, example="2026-06-10"),
        Column("成绩", "score", parsers.decimal(min_value=0, max_value=100), required=True, help="0到100",
               example=86),
        Column("是否合格", "passed", parsers.boolean, required=True, help="是或否", example="是"),
    )

    def prepare(self, *, user):
        visible = organisation_ids_visible_to(user)
        officers = Officer.objects.all()
        if visible is not None:
            officers = officers.filter(organisation_id__in=visible)
        by_id = {o.id_number: o for o in officers.select_related("organisation")}
        by_pk = {o.pk: o for o in by_id.values()}
        by_number = {number: by_pk[officer_id] for number, officer_id in
                     Certificate.objects.filter(officer_id__in=by_pk).values_list("number", "officer_id")}
        existing = set(ExamResult.objects.filter(officer_id__in=by_pk).values_list("officer_id", "exam_name",
                                                                                   "taken_on"))
        return {"by_id": by_id, "by_number": by_number, "existing": existing, "seen": {}}

    def validate_row(self, row, context):
        errors = {}
        officer = None
        if not row["id_number"] and not row["certificate_number"]:
            errors["id_number"] = "身份证号码与证件编号至少填写一项"
        if row["id_number"]:
            officer = context["by_id"].get(row["id_number"])
            if officer is None:
                errors["id_number"] = "没有该身份证号码的执法人员(或不在您的管理范围内)"
        if row["certificate_number"]:
            by_number = context["by_number"].get(row["certificate_number"])
            if by_number is None:
                errors["certificate_number"] = "没有该编号的执法证件(或不在您的管理范围内)"
            elif officer is not None and by_number.pk != officer.pk:
                errors["certificate_number"] = "证件编号与身份证号码不是同一人"
            officer = officer or by_number
        if officer is not None and not errors:
            key = (officer.pk, row["exam_name"], row["taken_on"])
            if key in context["existing"]:
                errors["exam_name"] = "该人员此次考试的成绩已登记"
            elif key in context["seen"]:
                errors["exam_name"] = f"与第{context['seen'][key]}行重复(同一人同一考试)"
            else:
                context["seen"][key] = row["_row"]
        if errors:
            raise RowInvalid(errors)
        return {"officer": officer, "exam_name": row["exam_name"], "taken_on": row["taken_on"],
                "score": row["score"], "passed": row["passed"]}

    def commit(self, rows, *, by, job):
        for row in rows:
            services.exam_record(by=by, **row)
        return {"考试成绩": len(rows)}


class SupervisorImporter(Importer):
    key = "supervisors"
    title = "行政执法义务监督员"
    description = "批量登记行政执法义务监督员及其聘任期。"
    rule = MANAGE_SUPERVISORS
    columns = (
        Column("姓名", "name", parsers.text(50), required=True, example="李娜"),
        Column("性别", "gender", GENDER, required=True, help="男或女", example="女"),
        Column("界别", "sector", parsers.choice(SupervisorSector), required=True,
               help="、".join(SupervisorSector.labels), example="律师"),
        Column("工作单位", "work_unit", parsers.text(100), example="内蒙古某律师事务所"),
        Column("联系电话", "phone", parsers.phone, example="13900000000"),
        Column("聘任起", "term_start", parsers.date, required=True, example="2026-01-01"),
        Column("聘任止", "term_end", parsers.date, required=True, example="2028-12-31"),
    )

    def prepare(self, *, user):
        return {"existing": set(VolunteerSupervisor.objects.values_list("name", "phone")), "seen": {}}

    def validate_row(self, row, context):
        errors = {}
        if row["term_end"] < row["term_start"]:
            errors["term_end"] = "聘任止不能早于聘任起"
        key = (row["name"], row["phone"] or "")
        if row["phone"] and key in context["existing"]:
            errors["name"] = "同名同电话的义务监督员已登记"
        elif row["phone"] and key in context["seen"]:
            errors["name"] = f"与第{context['seen'][key]}行重复(同名同电话)"
        if errors:
            raise RowInvalid(errors)
        context["seen"][key] = row["_row"]
        return {f: row[f] or "" if f in ("work_unit", "phone") else row[f]
                for f in ("name", "gender", "sector", "work_unit", "phone", "term_start", "term_end")}

    def commit(self, rows, *, by, job):
        for row in rows:
            services.supervisor_create(by=by, **row)
        return {"义务监督员": len(rows)}
