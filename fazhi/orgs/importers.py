"""Importers of organisations and enforcement bodies (registered in OrgsConfig.ready)."""

from __future__ import annotations

from fazhi.accounts.permissions import MANAGE_ORGS
from fazhi.core.imports import parsers
from fazhi.core.imports.base import Column, Importer, RowInvalid
from fazhi.orgs import services
from fazhi.orgs.enums import BodyBasis, OrganisationType
from fazhi.orgs.models import EnforcementBody, EnforcementCategory, Jurisdiction, Organisation
from fazhi.orgs.scoping import jurisdiction_subtree_ids, organisation_ids_visible_to


def _jurisdictions_for(user) -> set[int] | None:
    """The jurisdictions a user may register organisations in: None for the whole system."""
    if user.is_superuser or organisation_ids_visible_to(user) is None:
        return None
    if not user.organisation_id:
        return set()
    return jurisdiction_subtree_ids(user.organisation.jurisdiction_id)


def _categories_lookup() -> dict[str, EnforcementCategory]:
    lookup = {}
    for category in EnforcementCategory.objects.all():
        lookup[category.code] = category
        lookup[category.name] = category
    return lookup


def resolve_categories(names: list[str], lookup: dict[str, EnforcementCategory]) -> list[EnforcementCategory]:
    unknown = [n for n in names if n not in lookup]
    if unknown:
        raise ValueError("未登记的执法类别:" + "、".join(unknown))
    return list({lookup[n].pk: lookup[n] for n in names}.values())


class OrganisationImporter(Importer):
    key = "organisations"
    title = "单位"
    description = "批量登记单位(区属单位、垂管单位、镇、街道)及其法制联络员。"
    rule = MANAGE_ORGS
    columns = (
        Column("单位名称", "name", parsers.text(100), required=True, example="赛罕区市场监督管理局"),
        Column("简称", "short_name", parsers.text(30), example="区市场监管局"),
        Column("统一社会信用代码", "uscc", parsers.uscc, help="18位,校验位须正确(GB 32100-2015)",
               example="11150105MB1946237M"),
        Column("单位类型", "org_type", parsers.choice(OrganisationType, extra={
            "政府": OrganisationType.GOVERNMENT, "部门": OrganisationType.DEPARTMENT,
            "垂管单位": OrganisationType.VERTICAL, "街道": OrganisationType.SUBDISTRICT,
        }), required=True, help="人民政府、政府部门、垂直管理单位、镇、街道办事处、其他", example="政府部门"),
        Column("所属区划", "jurisdiction", parsers.text(100), required=True, help="区划名称或区划代码",
               example="赛罕区"),
        Column("上级单位", "parent", parsers.text(100), help="须已登记,或在本文件中排在本行之前"),
        Column("地址", "address", parsers.text(200), example="呼和浩特市赛罕区"),
        Column("电话", "phone", parsers.phone, example="0471-1234567"),
        Column("法制联络员", "liaison_name", parsers.text(50), example="王法"),
        Column("联络员职务", "liaison_post", parsers.text(50), example="法规科科长"),
        Column("联络员电话", "liaison_phone", parsers.phone, example="13800000000"),
    )

    def prepare(self, *, user):
        jurisdictions = {}
        ambiguous = set()
        for j in Jurisdiction.objects.all():
            jurisdictions[j.code] = j
            if j.name in jurisdictions and jurisdictions[j.name].pk != j.pk:
                ambiguous.add(j.name)
            jurisdictions.setdefault(j.name, j)
        return {
            "jurisdictions": jurisdictions,
            "ambiguous": ambiguous,
            "allowed_jurisdictions": _jurisdictions_for(user),
            "organisations": {o.name: o for o in Organisation.objects.all()},
            "usccs": set(Organisation.objects.exclude(uscc=None).values_list("uscc", flat=True)),
            "seen_names": {},
            "seen_usccs": {},
        }

    def validate_row(self, row, context):
        errors = {}
        name = row["name"]
        if name in context["organisations"]:
            errors["name"] = f"单位“{name}”已登记"
        elif name in context["seen_names"]:
            errors["name"] = f"与第{context['seen_names'][name]}行单位名称重复"
        if row["uscc"]:
            if row["uscc"] in context["usccs"]:
                errors["uscc"] = "该统一社会信用代码已登记"
            elif row["uscc"] in context["seen_usccs"]:
                errors["uscc"] = f"与第{context['seen_usccs'][row['uscc']]}行重复"
        key = row["jurisdiction"]
        jurisdiction = context["jurisdictions"].get(key)
        if key in context["ambiguous"]:
            errors["jurisdiction"] = f"有多个名为“{key}”的区划,请填写区划代码"
        elif jurisdiction is None:
            errors["jurisdiction"] = f"区划“{key}”不存在"
        elif context["allowed_jurisdictions"] is not None and jurisdiction.pk not in context["allowed_jurisdictions"]:
            errors["jurisdiction"] = f"无权在区划“{key}”登记单位"
        if row["parent"] and row["parent"] not in context["organisations"] and row["parent"] not in context["seen_names"]:
            errors["parent"] = f"上级单位“{row['parent']}”不存在(须已登记,或在本文件中排在本行之前)"
        if row["parent"] and row["parent"] == name:
            errors["parent"] = "上级单位不能是本单位"
        if not row["liaison_name"] and (row["liaison_post"] or row["liaison_phone"]):
            errors["liaison_name"] = "填写了联络员职务或电话,请同时填写法制联络员姓名"
        if errors:
            raise RowInvalid(errors)
        context["seen_names"][name] = row["_row"]
        if row["uscc"]:
            context["seen_usccs"][row["uscc"]] = row["_row"]
        row["jurisdiction"] = jurisdiction
        return row

    def commit(self, rows, *, by, job):
        """Per-row services (each appends its own record entry): unit lists are tens to hundreds of rows."""
        existing = {}
        liaisons = 0
        for row in rows:
            parent = None
            if row["parent"]:
                parent = existing.get(row["parent"]) or Organisation.objects.get(name=row["parent"])
            organisation = services.organisation_create(
                by=by, name=row["name"], short_name=row["short_name"] or "", uscc=row["uscc"] or None,
                org_type=row["org_type"], jurisdiction=row["jurisdiction"], parent=parent,
                address=row["address"] or "", phone=row["phone"] or "",
            )
            existing[organisation.name] = organisation
            if row["liaison_name"]:
                services.liaison_set(by=by, organisation=organisation, name=row["liaison_name"],
                                     post=row["liaison_post"] or "", phone=row["liaison_phone"] or "")
                liaisons += 1
        return {"单位": len(rows), "法制联络员": liaisons}


class BodyImporter(Importer):
    key = "bodies"
    title = "执法主体"
    description = "批量登记行政执法主体:主体资格依据、委托机关、主体资格证书与执法类别。"
    rule = MANAGE_ORGS
    columns = (
        Column("执法主体名称", "name", parsers.text(100), required=True, example="赛罕区市场监督管理局"),
        Column("所属单位", "organisation", parsers.text(100), required=True, help="已登记的单位名称",
               example="赛罕区市场监督管理局"),
        Column("主体资格依据", "basis", parsers.choice(BodyBasis), required=True, help="法定、授权或委托",
               example="法定"),
        Column("委托机关", "entrusting_body", parsers.text(100),
               help="依据为“委托”时必填:委托机关的执法主体名称(须已登记,或在本文件中排在本行之前)"),
        Column("主体资格证书编号", "qualification_certificate_number", parsers.text(50), example="赛执主字第0001号"),
        Column("公布批次", "publication_batch", parsers.integer(min_value=1, max_value=999), example=1),
        Column("执法类别", "categories", parsers.name_list, help="多个类别用“、”或逗号分隔",
               example="市场监管、食品药品"),
    )

    def prepare(self, *, user):
        return {
            "organisations": {o.name: o for o in Organisation.objects.all()},
            "visible": organisation_ids_visible_to(user),
            "bodies": {b.name: b for b in EnforcementBody.objects.all()},
            "certificate_numbers": set(EnforcementBody.objects.exclude(qualification_certificate_number=None)
                                       .values_list("qualification_certificate_number", flat=True)),
            "categories": _categories_lookup(),
            "seen_names": {},
            "seen_numbers": {},
        }

    def validate_row(self, row, context):
        errors = {}
        name = row["name"]
        if name in context["bodies"]:
            errors["name"] = f"执法主体“{name}”已登记"
        elif name in context["seen_names"]:
            errors["name"] = f"与第{context['seen_names'][name]}行执法主体名称重复"
        organisation = context["organisations"].get(row["organisation"])
        if organisation is None:
            errors["organisation"] = f"单位“{row['organisation']}”不存在"
        elif context["visible"] is not None and organisation.pk not in context["visible"]:
            errors["organisation"] = f"无权为单位“{row['organisation']}”登记执法主体"
        entrusting = row["entrusting_body"]
        if row["basis"] == BodyBasis.ENTRUSTED and not entrusting:
            errors["entrusting_body"] = "受委托组织必须填写委托机关"
        elif row["basis"] != BodyBasis.ENTRUSTED and entrusting:
            errors["entrusting_body"] = "只有依据为“委托”的主体才能填写委托机关"
        elif entrusting and entrusting not in context["bodies"] and entrusting not in context["seen_names"]:
            errors["entrusting_body"] = f"委托机关“{entrusting}”不存在(须已登记,或在本文件中排在本行之前)"
        elif entrusting and entrusting == name:
            errors["entrusting_body"] = "委托机关不能是本主体"
        number = row["qualification_certificate_number"]
        if number:
            if number in context["certificate_numbers"]:
                errors["qualification_certificate_number"] = "该主体资格证书编号已登记"
            elif number in context["seen_numbers"]:
                errors["qualification_certificate_number"] = f"与第{context['seen_numbers'][number]}行重复"
        categories = []
        if row["categories"]:
            try:
                categories = resolve_categories(row["categories"], context["categories"])
            except ValueError as exc:
                errors["categories"] = str(exc)
        if errors:
            raise RowInvalid(errors)
        context["seen_names"][name] = row["_row"]
        if number:
            context["seen_numbers"][number] = row["_row"]
        row["organisation"], row["categories"] = organisation, categories
        return row

    def commit(self, rows, *, by, job):
        """Per-row services: each new body opens its own ledger with its creation entry."""
        created = {}
        for row in rows:
            entrusting = None
            if row["entrusting_body"]:
                entrusting = created.get(row["entrusting_body"]) or EnforcementBody.objects.get(
                    name=row["entrusting_body"])
            body = services.body_create(
                by=by, categories=row["categories"], name=row["name"], organisation=row["organisation"],
                basis=row["basis"], entrusting_body=entrusting,
                qualification_certificate_number=row["qualification_certificate_number"] or None,
                publication_batch=row["publication_batch"],
            )
            created[body.name] = body
        return {"执法主体": len(rows)}
