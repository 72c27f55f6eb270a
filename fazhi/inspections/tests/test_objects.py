"""The object pool (检查对象名录库) and conflicts of interest: services and selectors (rules.md §7)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.core.validators import uscc_check_char
from fazhi.inspections.enums import ObjectKind, RegistrationStatus, RiskGrade
from fazhi.inspections.models import ConflictDeclaration, InspectionObject
from fazhi.inspections.selectors import objects as selectors
from fazhi.inspections.services import objects as services
from fazhi.inspections.tests.builders import object_uscc
from fazhi.orgs.tests.factories import OrganisationFactory
from fazhi.personnel.tests.factories import OfficerFactory
from fazhi.records.enums import Action
from fazhi.records.models import Entry, Ledger
from fazhi.records.services import OFFICE_LEDGER_KEY

D = dt.date
NEW_USCC = "92150105MA0N2W4X6" + uscc_check_char("92150105MA0N2W4X6")


def _state():
    """Everything a refused call must leave as it was."""
    return (InspectionObject.objects.count(), ConflictDeclaration.objects.count(), Entry.objects.count(),
            list(Ledger.objects.order_by("key").values_list("key", "head_seq", "head_hash")),
            list(InspectionObject.objects.order_by("pk").values()))


def _refused(call, code: str, *, field: str | None = None) -> DomainError:
    before = _state()
    with pytest.raises(DomainError) as info:
        call()
    assert info.value.code == code, info.value.message
    if field is not None:
        assert info.value.field == field
    assert _state() == before
    return info.value


def _entries(action, ledger=OFFICE_LEDGER_KEY):
    return list(Entry.objects.filter(ledger__key=ledger, action=action).order_by("seq"))


# --- object_create -----------------------------------------------------------------------------------------


def test_create_upper_cases_the_uscc_and_records_the_object(insp):
    obj = services.object_create(
        by=insp.d.legal, uscc=NEW_USCC.lower(), name="赛罕区金河镇惠民超市", entity_type="个体工商户",
        industry="批发和零售业", address="赛罕区金河镇金河村", jurisdiction=insp.town, legal_representative="张三",
        registered_on=D(2018, 5, 20), risk_grade=RiskGrade.C, complaint_count=2)
    assert obj.uscc == NEW_USCC and obj.kind == ObjectKind.MARKET_ENTITY
    assert obj.registration_status == RegistrationStatus.ACTIVE and not obj.abnormal
    [entry] = _entries(Action.INSPECTION_OBJECT_CREATED)
    assert entry.subject_type == "inspections.InspectionObject" and entry.subject_id == str(obj.public_id)
    assert entry.payload["uscc"] == NEW_USCC and entry.payload["jurisdiction"] == "150105100"
    assert entry.payload["risk_grade"] == "C" and entry.payload["registered_on"] == "2018-05-20"


def test_other_kinds_of_object_share_the_pool(insp):
    code = "31150000" + "E12345678"
    obj = services.object_create(by=insp.d.admin_a, uscc=code + uscc_check_char(code), name="内蒙古正信律师事务所",
                                 kind=ObjectKind.LAW_FIRM, entity_type="律师事务所")
    assert obj.kind == ObjectKind.LAW_FIRM


def test_a_bad_checksum_is_refused_and_nothing_is_written(insp):
    bad = NEW_USCC[:17] + ("0" if NEW_USCC[17] != "0" else "1")
    error = _refused(lambda: services.object_create(by=insp.d.legal, uscc=bad, name="某商店"), "uscc_invalid",
                     field="uscc")
    assert "校验位不正确" in error.message and bad in error.message


@pytest.mark.parametrize("uscc, words", [("92150105MA0N2W4X", "须为18位(现为16位)"),
                                         ("92150105MA0N2W4XIO", "校验位不正确或含有不允许的字符"),
                                         ("", "必填")])
def test_a_malformed_uscc_is_explained(insp, uscc, words):
    error = _refused(lambda: services.object_create(by=insp.d.legal, uscc=uscc, name="某商店"), "uscc_invalid")
    assert words in error.message


def test_a_uscc_already_in_the_pool_is_refused(insp):
    existing = insp.objects[0]
    error = _refused(lambda: services.object_create(by=insp.d.legal, uscc=existing.uscc.lower(), name="重名商户"),
                     "uscc_taken", field="uscc")
    assert existing.uscc in error.message and existing.name in error.message


@pytest.mark.parametrize("fields, code, field", [
    ({"name": "  "}, "name_required", "name"),
    ({"name": "长" * 201}, "too_long", "name"),
    ({"risk_grade": "E"}, "invalid_choice", "risk_grade"),
    ({"registration_status": "dormant"}, "invalid_choice", "registration_status"),
    ({"kind": "church"}, "invalid_choice", "kind"),
    ({"complaint_count": -1}, "invalid_count", "complaint_count"),
    ({"registered_on": timezone.localdate() + dt.timedelta(days=1)}, "future_date", "registered_on"),
    ({"abnormal": "yes"}, "invalid_flag", "abnormal"),
], ids=["blank-name", "long-name", "grade", "status", "kind", "negative-count", "future-date", "flag"])
def test_bad_fields_are_refused_naming_the_field(insp, fields, code, field):
    values = {"uscc": NEW_USCC, "name": "某商店"} | fields
    error = _refused(lambda: services.object_create(by=insp.d.legal, **values), code, field=field)
    assert error.message  # Chinese, naming the field
    if field in ("name", "risk_grade", "complaint_count"):
        assert {"name": "名称", "risk_grade": "信用风险分类", "complaint_count": "投诉举报次数"}[field] in error.message


@pytest.mark.parametrize("who", ["officer_a", "reviewer_a", "head_a", "volunteer"])
def test_only_the_office_and_department_administrators_keep_the_pool(insp, who):
    _refused(lambda: services.object_create(by=getattr(insp.d, who), uscc=NEW_USCC, name="某商店"), "role_forbidden")


# --- object_update -----------------------------------------------------------------------------------------


def test_update_records_each_changed_field_old_and_new(insp):
    obj = insp.objects[0]
    grade = obj.risk_grade
    new_grade = RiskGrade.D if grade != RiskGrade.D else RiskGrade.A
    updated = services.object_update(by=insp.d.admin_b, obj=obj, risk_grade=new_grade, jurisdiction=insp.street,
                                     abnormal=True, name=obj.name, uscc=obj.uscc.lower())
    assert updated.risk_grade == new_grade and updated.jurisdiction == insp.street and updated.abnormal
    assert obj.risk_grade == new_grade  # the caller's instance follows
    obj.refresh_from_db()
    assert obj.risk_grade == new_grade
    [entry] = _entries(Action.INSPECTION_OBJECT_CHANGED)
    assert entry.payload["changes"] == {"risk_grade": [grade, new_grade], "jurisdiction": ["150105100", "150105001"],
                                        "abnormal": [False, True]}
    assert entry.payload["uscc"] == obj.uscc


def test_a_change_that_changes_nothing_is_refused(insp):
    obj = insp.objects[1]
    error = _refused(lambda: services.object_update(by=insp.d.legal, obj=obj, name=obj.name,
                                                    risk_grade=obj.risk_grade), "no_change")
    assert error.message == "没有修改任何内容"


def test_the_uscc_cannot_change(insp):
    obj = insp.objects[2]
    _refused(lambda: services.object_update(by=insp.d.legal, obj=obj, uscc=NEW_USCC), "uscc_immutable",
             field="uscc")


def test_update_checks_fields_and_rights(insp):
    obj = insp.objects[3]
    _refused(lambda: services.object_update(by=insp.d.legal, obj=obj, complaint_count=-3), "invalid_count",
             field="complaint_count")
    _refused(lambda: services.object_update(by=insp.d.legal, obj=obj, colour="红"), "unknown_field")
    _refused(lambda: services.object_update(by=insp.d.officer_a, obj=obj, name="新名称"), "role_forbidden")


# --- conflicts of interest ---------------------------------------------------------------------------------


def test_an_officer_declares_a_conflict_recorded_in_the_body_ledger(insp):
    obj = insp.objects[5]
    conflict = services.conflict_declare(by=insp.d.officer_a, officer=insp.a1, obj=obj, reason="配偶经营",
                                         declared_on=D(2026, 3, 2))
    assert conflict.declared_by == insp.d.officer_a
    [entry] = _entries(Action.INSPECTION_CONFLICT_DECLARED, ledger=insp.d.body_a.ledger_key)
    assert entry.payload["uscc"] == obj.uscc and entry.payload["officer_name"] == "张明"
    assert entry.payload["reason"] == "配偶经营" and entry.payload["declared_on"] == "2026-03-02"
    assert list(selectors.object_conflicts(obj, user=insp.d.legal)) == [conflict]


def test_a_conflict_is_declared_once_per_pair(insp):
    obj = insp.objects[6]
    services.conflict_declare(by=insp.d.legal, officer=insp.a1, obj=obj, reason="亲属", declared_on=D(2026, 3, 2))
    error = _refused(lambda: services.conflict_declare(by=insp.d.admin_a, officer=insp.a1, obj=obj, reason="亲属",
                                                       declared_on=D(2026, 3, 3)), "conflict_exists")
    assert error.rule == "GB58-RECUSAL" and "2026-03-02" in error.message
    # another officer, or another object: a new pair
    services.conflict_declare(by=insp.d.admin_a, officer=insp.a2, obj=obj, reason="亲属", declared_on=D(2026, 3, 3))


def test_only_the_officers_department_or_the_office_declares(insp):
    obj = insp.objects[7]
    error = _refused(lambda: services.conflict_declare(by=insp.d.admin_b, officer=insp.a1, obj=obj, reason="亲属",
                                                       declared_on=D(2026, 3, 2)), "role_forbidden")
    assert "本部门" in error.message
    _refused(lambda: services.conflict_declare(by=insp.d.reviewer_a, officer=insp.a1, obj=obj, reason="亲属",
                                               declared_on=D(2026, 3, 2)), "role_forbidden")
    _refused(lambda: services.conflict_declare(by=insp.d.volunteer, officer=insp.a1, obj=obj, reason="亲属",
                                               declared_on=D(2026, 3, 2)), "role_forbidden")
    # the office declares for any department; department B for its own officers
    services.conflict_declare(by=insp.d.legal, officer=insp.b1, obj=obj, reason="曾在该单位任职",
                              declared_on=D(2026, 3, 2))
    services.conflict_declare(by=insp.d.admin_b, officer=insp.b2, obj=obj, reason="亲属", declared_on=D(2026, 3, 2))
    assert ConflictDeclaration.objects.filter(object=obj).count() == 2


def test_a_declaration_needs_a_reason_and_a_date_not_in_the_future(insp):
    obj = insp.objects[8]
    _refused(lambda: services.conflict_declare(by=insp.d.legal, officer=insp.a1, obj=obj, reason=" ",
                                               declared_on=D(2026, 3, 2)), "reason_required", field="reason")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    _refused(lambda: services.conflict_declare(by=insp.d.legal, officer=insp.a1, obj=obj, reason="亲属",
                                               declared_on=tomorrow), "future_date", field="declared_on")


def test_an_officer_of_an_organisation_without_a_body_declares_in_the_office_ledger(insp):
    town_office = OrganisationFactory(name="金河镇人民政府", jurisdiction=insp.town)
    officer = OfficerFactory(name="刘镇", organisation=town_office)
    conflict = services.conflict_declare(by=insp.d.legal, officer=officer, obj=insp.objects[9], reason="亲属",
                                         declared_on=D(2026, 3, 2))
    [entry] = _entries(Action.INSPECTION_CONFLICT_DECLARED)
    assert entry.subject_id == str(conflict.public_id)


def test_withdrawing_deletes_the_row_and_records_the_reason(insp):
    obj = insp.objects[10]
    conflict = services.conflict_declare(by=insp.d.officer_a, officer=insp.a1, obj=obj, reason="亲属",
                                         declared_on=D(2026, 3, 2))
    _refused(lambda: services.conflict_withdraw(by=insp.d.admin_b, conflict=conflict, reason="录错"),
             "role_forbidden")
    _refused(lambda: services.conflict_withdraw(by=insp.d.officer_a, conflict=conflict, reason=""),
             "reason_required", field="reason")
    services.conflict_withdraw(by=insp.d.head_a, conflict=conflict, reason="亲属关系已解除")
    assert not ConflictDeclaration.objects.exists()
    [entry] = _entries(Action.INSPECTION_CONFLICT_WITHDRAWN, ledger=insp.d.body_a.ledger_key)
    assert entry.payload["withdraw_reason"] == "亲属关系已解除" and entry.payload["reason"] == "亲属"
    assert entry.subject_id == str(conflict.public_id)


# --- selectors ---------------------------------------------------------------------------------------------


def _usccs(qs):
    return {o.uscc for o in qs}


def test_object_list_searches_names_and_uscc_prefixes(insp):
    user = insp.d.officer_a
    assert _usccs(selectors.object_list(user=user, filters={"q": "测试商户00042"})) == {object_uscc(42)}
    full = object_uscc(7)
    assert _usccs(selectors.object_list(user=user, filters={"q": full.lower()})) == {full}
    prefix = full[:16]
    found = _usccs(selectors.object_list(user=user, filters={"q": prefix}))
    assert full in found and all(u.startswith(prefix) for u in found)
    assert selectors.object_list(user=user, filters={"q": "92150105"}).count() == 200
    assert not selectors.object_list(user=user, filters={"q": "没有这个名字"}).exists()


def test_object_list_filters(insp):
    user = insp.d.legal
    InspectionObject.objects.filter(uscc=object_uscc(3)).update(abnormal=True, kind=ObjectKind.PUBLIC_INSTITUTION)
    assert selectors.object_list(user=user, filters={"industry": "餐饮业"}).count() == 50
    assert selectors.object_list(user=user, filters={"risk_grade": ["C", "D"]}).count() == 100
    assert selectors.object_list(user=user, filters={"jurisdiction": "150105100"}).count() == 100
    # a district takes in its towns and subdistricts
    assert selectors.object_list(user=user, filters={"jurisdiction": "150105"}).count() == 200
    assert not selectors.object_list(user=user, filters={"jurisdiction": "999999"}).exists()
    assert _usccs(selectors.object_list(user=user, filters={"abnormal": "1"})) == {object_uscc(3)}
    assert selectors.object_list(user=user, filters={"abnormal": "0"}).count() == 199
    assert selectors.object_list(user=user, filters={"abnormal": ""}).count() == 200
    assert _usccs(selectors.object_list(user=user, filters={"kind": ObjectKind.PUBLIC_INSTITUTION})) == {
        object_uscc(3)}
    assert selectors.object_list(user=user, filters={"registration_status": "cancelled"}).count() == 0


def test_object_list_sorts_by_a_whitelist_only(insp):
    user = insp.d.legal
    InspectionObject.objects.filter(uscc=object_uscc(150)).update(complaint_count=9)
    assert selectors.object_list(user=user, filters={"sort": "-complaint_count"}).first().uscc == object_uscc(150)
    by_uscc = list(selectors.object_list(user=user, filters={"sort": "id; DROP TABLE"}).values_list("uscc", flat=True))
    assert by_uscc == sorted(by_uscc)
    names = list(selectors.object_list(user=user, filters={"sort": "-name"}).values_list("name", flat=True))
    assert names == sorted(names, reverse=True)


def test_the_pool_is_internal(insp):
    obj = insp.objects[0]
    assert selectors.object_get(user=insp.d.admin_b, public_id=obj.public_id) == obj
    assert not selectors.object_list(user=insp.d.volunteer).exists()
    with pytest.raises(InspectionObject.DoesNotExist):
        selectors.object_get(user=insp.d.volunteer, public_id=obj.public_id)


def test_conflicts_are_seen_within_the_officers_scope(insp):
    a = services.conflict_declare(by=insp.d.officer_a, officer=insp.a1, obj=insp.objects[0], reason="亲属",
                                  declared_on=D(2026, 3, 2))
    b = services.conflict_declare(by=insp.d.admin_b, officer=insp.b1, obj=insp.objects[1], reason="亲属",
                                  declared_on=D(2026, 3, 5))
    assert list(selectors.conflict_list(user=insp.d.legal)) == [b, a]  # newest first
    assert list(selectors.conflict_list(user=insp.d.admin_b)) == [b]
    assert list(selectors.conflict_list(user=insp.d.officer_a, filters={"q": "张明"})) == [a]
    assert list(selectors.conflict_list(user=insp.d.legal, filters={"q": insp.objects[1].uscc})) == [b]
    assert list(selectors.conflict_list(user=insp.d.legal, filters={"officer": insp.b1.public_id})) == [b]
    assert not selectors.conflict_list(user=insp.d.volunteer).exists()
    with pytest.raises(ConflictDeclaration.DoesNotExist):
        selectors.conflict_get(user=insp.d.admin_b, public_id=a.public_id)


def test_choices_are_the_distinct_values_in_the_pool(insp):
    InspectionObject.objects.filter(uscc=object_uscc(0)).update(entity_type="有限责任公司", industry="")
    assert selectors.industry_choices() == sorted(["餐饮业", "零售业", "食品制造业", "住宿业"])
    assert selectors.entity_type_choices() == ["个体工商户", "有限责任公司"]
