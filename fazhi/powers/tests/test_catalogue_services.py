"""Service-item catalogue services: the guide's time limits, conversion, delegation, scoping of writes, history,
the record, and the counts the seed reports."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.powers import selectors, services
from fazhi.powers.enums import PowerCategory, PowerItemStatus, ServiceItemEventKind, ServiceItemKind
from fazhi.powers.models import PowerItem, ServiceItem, ServiceItemEvent
from fazhi.records.enums import Action
from fazhi.records.models import Entry

DAY = dt.date(2017, 3, 1)


def make(district, *, by=None, code="SX-0001", kind=ServiceItemKind.APPROVAL, department=None, **fields):
    fields.setdefault("name", "食品经营许可证核发")
    return services.service_item_create(by=by or district.legal, kind=kind, code=code,
                                        department=department or district.org_a, happened_on=DAY, **fields)


def test_create_keeps_the_guide_the_history_and_the_record(district):
    item = make(district, requirements="有经营场所", materials="申请书\n营业执照", statutory_limit_days=20,
                committed_limit_days=10, fees="不收费", place="市民服务中心二楼", online=True)
    item.refresh_from_db()
    assert (item.statutory_limit_days, item.committed_limit_days, item.online) == (20, 10, True)
    assert [(e.kind, e.happened_on) for e in item.events.all()] == [(ServiceItemEventKind.CREATED, DAY)]
    entry = Entry.objects.get(subject_id=str(item.public_id))
    assert entry.action == Action.SERVICE_ITEM_CREATED
    assert entry.ledger.key == district.body_a.ledger_key  # the department's ledger
    assert entry.payload["committed_limit_days"] == 10


@pytest.mark.parametrize("statutory, committed, ok", [
    (20, 20, True),   # the committed limit may equal the statutory one
    (20, 19, True),
    (20, 21, False),  # never longer
    (None, 30, True),  # no statutory limit: nothing to compare with
])
def test_committed_limit_may_not_exceed_the_statutory_one(district, statutory, committed, ok):
    if ok:
        make(district, statutory_limit_days=statutory, committed_limit_days=committed)
        return
    with pytest.raises(ValidationError) as info:
        make(district, statutory_limit_days=statutory, committed_limit_days=committed)
    assert "承诺时限不得长于法定时限" in str(info.value)
    assert not ServiceItem.objects.exists() and not Entry.objects.filter(action=Action.SERVICE_ITEM_CREATED).exists()


def test_editing_to_a_longer_committed_limit_is_refused_and_nothing_changes(district):
    item = make(district, statutory_limit_days=20, committed_limit_days=10)
    with pytest.raises(ValidationError):
        services.service_item_update(by=district.legal, item=item, committed_limit_days=25)
    item.refresh_from_db()
    assert item.committed_limit_days == 10
    assert not item.events.filter(kind=ServiceItemEventKind.CHANGED).exists()


def test_edit_records_only_what_changed(district):
    item = make(district, place="一楼")
    services.service_item_update(by=district.legal, item=item, place="一楼")  # no change: nothing recorded
    assert not Entry.objects.filter(action=Action.SERVICE_ITEM_CHANGED).exists()
    services.service_item_update(by=district.legal, item=item, place="二楼", online=True)
    entry = Entry.objects.get(action=Action.SERVICE_ITEM_CHANGED)
    assert entry.payload["changes"] == {"place": ["一楼", "二楼"], "online": [False, True]}
    assert item.events.filter(kind=ServiceItemEventKind.CHANGED).count() == 1


def test_duplicate_code_is_refused(district):
    make(district)
    with pytest.raises(DomainError) as info:
        make(district, name="另一个事项")
    assert info.value.field == "code" and "已被使用" in info.value.message


def test_conversion_changes_the_kind_and_keeps_date_and_document(district):
    item = make(district, name="社会团体成立登记")
    services.service_item_convert(by=district.legal, item=item, happened_on=dt.date(2017, 6, 1),
                                  document_number="赛政发〔2017〕45号")
    item.refresh_from_db()
    assert item.kind == ServiceItemKind.PUBLIC_SERVICE
    event = item.events.get(kind=ServiceItemEventKind.CONVERTED)
    assert (event.happened_on, event.document_number) == (dt.date(2017, 6, 1), "赛政发〔2017〕45号")
    assert Entry.objects.filter(action=Action.SERVICE_ITEM_CONVERTED, subject_id=str(item.public_id)).count() == 1


def test_a_service_item_cannot_be_converted(district):
    item = make(district, kind=ServiceItemKind.PUBLIC_SERVICE, name="就业登记")
    with pytest.raises(DomainError) as info:
        services.service_item_convert(by=district.legal, item=item, happened_on=DAY, document_number="X号")
    assert info.value.code == "already_service"
    # nor twice: the second conversion of a converted item is refused as well
    approval = make(district, code="SX-0002")
    services.service_item_convert(by=district.legal, item=approval, happened_on=DAY, document_number="1号")
    with pytest.raises(DomainError):
        services.service_item_convert(by=district.legal, item=approval, happened_on=DAY, document_number="2号")
    assert ServiceItemEvent.objects.filter(kind=ServiceItemEventKind.CONVERTED).count() == 1


@pytest.mark.parametrize("kwargs, code", [
    ({"document_number": "", "happened_on": DAY}, "document_required"),
    ({"document_number": "1号", "happened_on": dt.date(2016, 1, 1)}, "before_created"),
])
def test_conversion_needs_a_document_and_a_date_after_creation(district, kwargs, code):
    item = make(district)
    with pytest.raises(DomainError) as info:
        services.service_item_convert(by=district.legal, item=item, **kwargs)
    assert info.value.code == code
    item.refresh_from_db()
    assert item.kind == ServiceItemKind.APPROVAL


def test_delegation_taken_over_enters_the_catalogue_in_use(district):
    item = services.service_item_delegate(by=district.legal, kind=ServiceItemKind.APPROVAL, taken_over=True,
                                          happened_on=DAY, document_number="呼政发〔2017〕8号",
                                          code="XF-01", name="城市建筑垃圾处置核准", department=district.org_b)
    assert (item.delegated_from_city, item.delegation_taken_over, item.is_active) == (True, True, True)
    assert item.events.get().kind == ServiceItemEventKind.DELEGATED
    assert Entry.objects.get(subject_id=str(item.public_id)).action == Action.SERVICE_ITEM_DELEGATED


def test_delegation_not_taken_over_is_kept_out_of_use_with_its_reason(district):
    with pytest.raises(DomainError) as info:  # a refusal must say why
        services.service_item_delegate(by=district.legal, kind=ServiceItemKind.APPROVAL, taken_over=False,
                                       happened_on=DAY, document_number="呼政发〔2017〕8号", code="XF-02",
                                       name="燃气经营许可", department=district.org_b)
    assert info.value.field == "note"
    item = services.service_item_delegate(by=district.legal, kind=ServiceItemKind.APPROVAL, taken_over=False,
                                          happened_on=DAY, document_number="呼政发〔2017〕8号", code="XF-02",
                                          name="燃气经营许可", department=district.org_b, note="专业人员不足,暂由市级办理")
    assert (item.delegation_taken_over, item.is_active) == (False, False)
    assert item.events.get().kind == ServiceItemEventKind.NOT_TAKEN_OVER
    with pytest.raises(DomainError):  # it cannot quietly be switched into use
        services.service_item_update(by=district.legal, item=item, is_active=True)


def test_stats_count_as_the_seed_reports(district):
    for n in range(5):
        make(district, code=f"A-{n}", name=f"审批{n}")
    for n in range(3):
        item = make(district, code=f"C-{n}", name=f"转换{n}")
        services.service_item_convert(by=district.legal, item=item, happened_on=DAY, document_number="赛政发〔2017〕1号")
    make(district, code="S-0", kind=ServiceItemKind.PUBLIC_SERVICE, name="服务", department=district.org_b,
         resident_in_centre=False)
    for n, taken in enumerate([True, True, False]):
        services.service_item_delegate(by=district.legal, kind=ServiceItemKind.APPROVAL, taken_over=taken,
                                       happened_on=DAY, document_number="呼政发〔2017〕8号", code=f"D-{n}",
                                       name=f"下放{n}", department=district.org_a, note="" if taken else "不具备条件")
    stats = selectors.service_item_stats(user=district.legal)
    assert (stats.total, stats.approval, stats.public_service) == (11, 7, 4)
    assert (stats.converted, stats.delegated, stats.delegated_taken_over, stats.delegated_not_taken_over) == (
        3, 3, 2, 1)
    # resident departments: org_b's only item is not resident in the centre
    assert stats.resident_departments == 1
    assert [d.name for d in selectors.service_item_resident_departments(user=district.legal)] == [district.org_a.name]
    # a body administrator's figures are its own department's
    assert selectors.service_item_stats(user=district.admin_b).total == 1


def test_body_admin_writes_only_its_own_departments_items(district):
    own = make(district, by=district.admin_a, code="A-1")
    assert own.department == district.org_a
    with pytest.raises(PermissionDenied):
        make(district, by=district.admin_a, code="B-1", department=district.org_b)
    other = make(district, code="B-2", department=district.org_b)
    for call in (
        lambda: services.service_item_update(by=district.admin_a, item=other, place="改"),
        lambda: services.service_item_convert(by=district.admin_a, item=other, happened_on=DAY, document_number="1"),
        lambda: services.service_item_update(by=district.admin_a, item=own, department=district.org_b),
    ):
        with pytest.raises(PermissionDenied):
            call()
    with pytest.raises(PermissionDenied):  # an officer has no write role at all
        make(district, by=district.officer_a, code="A-2")
    assert set(ServiceItem.objects.values_list("code", flat=True)) == {"A-1", "B-2"}


def test_linked_power_item_must_belong_to_the_department(district):
    power = PowerItem.objects.create(code="XK-001", name="食品经营许可", category=PowerCategory.LICENSING,
                                     status=PowerItemStatus.PUBLISHED)
    power.departments.set([district.org_b])
    with pytest.raises(DomainError) as info:
        make(district, power_item=power)
    assert info.value.field == "power_item"
    assert make(district, power_item=power, department=district.org_b).power_item == power
