"""The power item life cycle, versions and "what changed between two dates", and the bad input of issue 4."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.powers import selectors, services
from fazhi.powers.enums import LawStatus, PowerItemStatus
from fazhi.powers.models import PowerItem
from fazhi.powers.tests.items_fixtures import make_item, publish
from fazhi.records.models import Entry

pytestmark = pytest.mark.django_db


def actions(item):
    return list(Entry.objects.filter(subject_id=str(item.public_id)).order_by("recorded_at", "seq")
                .values_list("action", flat=True))


def test_draft_is_created_with_parts_and_recorded_in_the_first_departments_ledger(district, library):
    item = make_item(district, library, departments=[district.org_a, district.org_b])
    assert item.status == PowerItemStatus.DRAFT and item.version == 0
    assert [d.name for d in selectors.ordered_departments(item)] == [district.org_a.name, district.org_b.name]
    assert item.legal_bases.get().article == library.a12
    assert list(item.responsibilities.values_list("stage", flat=True)) == ["accept", "decide"]
    entry = Entry.objects.get(subject_id=str(item.public_id))
    assert entry.action == "power_item.created" and entry.ledger.key == district.body_a.ledger_key


def test_editing_a_draft_is_recorded_as_a_change_with_old_and_new_values(district, library):
    item = make_item(district, library)
    services.power_item_update(by=district.legal, item=item, name="对未取得许可从事经营活动的处罚(修改)")
    entry = Entry.objects.filter(subject_id=str(item.public_id)).order_by("-seq").first()
    assert entry.action == "power_item.changed"
    assert entry.payload["changes"]["name"][1] == "对未取得许可从事经营活动的处罚(修改)"


def test_life_cycle_publish_adjust_abolish_writes_versions_and_entries(district, library):
    item = make_item(district, library)
    item = publish(item, district.legal)
    assert item.status == PowerItemStatus.PUBLISHED and item.version == 1
    item = services.power_item_adjust(by=district.legal, item=item, reason="法律修改", effective_on=dt.date(2016, 3, 1),
                                      document_number="赛政发〔2016〕5号", committed_time_limit="10个工作日",
                                      legal_bases=[(library.a12, None, None), (library.a42, 1, None)])
    item.refresh_from_db()
    assert item.status == PowerItemStatus.PUBLISHED and item.version == 2
    item = services.power_item_abolish(by=district.legal, item=item, reason="事项取消", effective_on=dt.date(2017, 5, 1),
                                       document_number="赛政发〔2017〕9号")
    assert item.status == PowerItemStatus.ABOLISHED
    versions = list(item.versions.order_by("version"))
    assert [(v.version, v.change) for v in versions] == [(1, "published"), (2, "adjusted"), (3, "abolished")]
    assert versions[1].snapshot["legal_bases"] == ["《中华人民共和国行政许可法》第十二条",
                                                   "《中华人民共和国行政许可法》第四十二条第一款"]
    assert versions[1].snapshot["committed_time_limit"] == "10个工作日"
    assert versions[1].snapshot["departments"] == [district.org_a.name]
    assert versions[1].snapshot["responsibilities"] == [["accept", "依法受理申请"], ["decide", "作出许可决定"]]
    assert versions[2].document_number == "赛政发〔2017〕9号" and versions[2].reason == "事项取消"
    assert actions(item) == ["power_item.created", "power_item.published", "power_item.adjusted",
                             "power_item.abolished"]


@pytest.mark.parametrize("step, kwargs, code", [
    ("publish", {"reason": ""}, "reason_required"),
    ("adjust", {"name": "新名称"}, "invalid_source"),       # a draft is edited, not adjusted
    ("abolish", {}, "invalid_source"),                        # only a published item is abolished
])
def test_workflow_guards_on_a_draft(district, library, step, kwargs, code):
    item = make_item(district, library)
    service = {"publish": services.power_item_publish, "adjust": services.power_item_adjust,
               "abolish": services.power_item_abolish}[step]
    payload = {"reason": "原因", "effective_on": dt.date(2016, 1, 1), **kwargs}
    with pytest.raises(DomainError) as exc:
        service(by=district.legal, item=item, **payload)
    assert exc.value.code == code
    item.refresh_from_db()
    assert item.status == PowerItemStatus.DRAFT and item.versions.count() == 0


def test_publishing_needs_a_legal_basis(district, library):
    item = make_item(district, library, legal_bases=[])
    with pytest.raises(DomainError) as exc:
        publish(item, district.legal)
    assert exc.value.code == "no_legal_basis"


def test_published_item_is_not_edited_as_a_draft_and_abolished_item_not_adjusted(district, library):
    item = publish(make_item(district, library), district.legal)
    with pytest.raises(DomainError) as exc:
        services.power_item_update(by=district.legal, item=item, name="改名")
    assert exc.value.code == "not_draft"
    item = services.power_item_abolish(by=district.legal, item=item, reason="取消", effective_on=dt.date(2016, 1, 1))
    with pytest.raises(DomainError) as exc:
        services.power_item_adjust(by=district.legal, item=item, reason="r", effective_on=dt.date(2016, 2, 1),
                                   name="x")
    assert exc.value.code == "invalid_source"


def test_adjustment_cannot_take_effect_before_the_current_version_nor_change_nothing(district, library):
    item = publish(make_item(district, library), district.legal, on=dt.date(2016, 1, 1))
    with pytest.raises(DomainError) as exc:
        services.power_item_adjust(by=district.legal, item=item, reason="r", effective_on=dt.date(2015, 12, 31),
                                   name="新名称")
    assert exc.value.code == "effective_before_current"
    with pytest.raises(DomainError) as exc:
        services.power_item_adjust(by=district.legal, item=item, reason="r", effective_on=dt.date(2016, 2, 1))
    assert exc.value.code == "no_change"
    item.refresh_from_db()
    assert item.name == "食品经营许可" and item.version == 1


def test_sub_item_must_be_abolished_before_its_parent(district, library):
    parent = publish(make_item(district, library), district.legal)
    publish(make_item(district, library, code="SCJG-XK-001-01", name="食品经营许可(新办)", parent=parent), district.legal)
    with pytest.raises(DomainError) as exc:
        services.power_item_abolish(by=district.legal, item=parent, reason="r", effective_on=dt.date(2016, 1, 1))
    assert exc.value.code == "has_live_sub_items"


# --- bad input -----------------------------------------------------------------------------------------------


def test_citing_a_repealed_law_is_refused_with_a_chinese_error(district, library):
    with pytest.raises(DomainError) as exc:
        make_item(district, library, legal_bases=[(library.o3, None, None)])
    assert exc.value.code == "repealed_law" and "已废止" in exc.value.message
    assert not PowerItem.objects.exists()


def test_a_category_outside_the_ten_is_refused(district, library):
    with pytest.raises(DomainError) as exc:
        make_item(district, library, category="行政指导")
    assert exc.value.code == "invalid_category" and "十类" in exc.value.message
    assert not PowerItem.objects.exists()


def test_a_duplicate_code_is_refused(district, library):
    make_item(district, library)
    with pytest.raises(DomainError) as exc:
        make_item(district, library, name="另一个事项")
    assert exc.value.code == "duplicate_code"
    assert PowerItem.objects.count() == 1


def test_a_department_that_does_not_exist_is_refused(district, library):
    from fazhi.orgs.models import Organisation

    with pytest.raises(DomainError) as exc:
        make_item(district, library, departments=[Organisation(name="不存在的局")])
    assert exc.value.code == "unknown_department"


def test_a_circular_sub_item_is_refused(district, library):
    a = make_item(district, library, code="A")
    b = make_item(district, library, code="B", parent=a)
    c = make_item(district, library, code="C", parent=b)
    with pytest.raises(DomainError) as exc:
        services.power_item_update(by=district.legal, item=a, parent=c)
    assert exc.value.code == "cycle"
    with pytest.raises(DomainError):
        services.power_item_update(by=district.legal, item=a, parent=a)
    a.refresh_from_db()
    assert a.parent is None


def test_deadline_rule_must_come_from_the_rule_table(district, library):
    with pytest.raises(DomainError) as exc:
        make_item(district, library, deadline_rule_id="XZXK-99")
    assert exc.value.code == "unknown_rule"
    assert make_item(district, library, deadline_rule_id="XZXK-42").deadline_rule_id == "XZXK-42"


def test_a_law_repealed_after_publication_blocks_adjustment_until_the_basis_is_changed(district, library):
    item = publish(make_item(district, library), district.legal)
    library.licensing.status = LawStatus.REPEALED
    library.licensing.save()
    with pytest.raises(DomainError) as exc:
        services.power_item_adjust(by=district.legal, item=item, reason="r", effective_on=dt.date(2016, 1, 1),
                                   name="新名称")
    assert exc.value.code == "repealed_law"
    services.power_item_adjust(by=district.legal, item=item, reason="依据变更", effective_on=dt.date(2016, 1, 1),
                               legal_bases=[(library.p9, None, None)])


# --- scoping -----------------------------------------------------------------------------------------------------


def test_body_admin_manages_only_its_own_departments_items(district, library):
    own = make_item(district, library, by=district.admin_a)
    other = make_item(district, library, code="CG-CF-001", name="城管处罚", departments=[district.org_b])
    with pytest.raises(DomainError) as exc:
        services.power_item_update(by=district.admin_a, item=other, name="改名")
    assert exc.value.code == "permission_denied"
    with pytest.raises(DomainError):
        make_item(district, library, by=district.admin_a, code="X-1", departments=[district.org_b])
    with pytest.raises(DomainError) as exc:
        services.power_item_publish(by=district.admin_a, item=other, reason="r", effective_on=dt.date(2016, 1, 1))
    assert exc.value.code == "permission_denied"
    publish(own, district.admin_a)
    assert list(selectors.power_item_list(user=district.admin_a)) == [own]
    assert set(selectors.power_item_list(user=district.legal)) == {own, other}
    with pytest.raises(PowerItem.DoesNotExist):
        selectors.power_item_get(user=district.admin_a, public_id=other.public_id)


# --- versions and the diff between two dates -----------------------------------------------------------------


@pytest.fixture
def history(district, library):
    """A published 2015-06-30; B published 2016-07-01 (added); A adjusted 2016-09-01; C published 2015-06-30 and
    abolished 2017-03-01 (removed)."""
    a = publish(make_item(district, library, code="A", name="甲事项"), district.legal)
    b = publish(make_item(district, library, code="B", name="乙事项", departments=[district.org_b]), district.legal,
                on=dt.date(2016, 7, 1))
    services.power_item_adjust(by=district.legal, item=a, reason="调整时限", effective_on=dt.date(2016, 9, 1),
                               document_number="赛政发〔2016〕30号", committed_time_limit="5个工作日")
    c = publish(make_item(district, library, code="C", name="丙事项"), district.legal)
    services.power_item_abolish(by=district.legal, item=c, reason="取消", effective_on=dt.date(2017, 3, 1))
    return a, b, c


def codes(rows):
    return [r["snapshot"]["code"] for r in rows]


def test_diff_between_two_dates(history):
    diff = selectors.power_list_diff(on_a=dt.date(2015, 12, 31), on_b=dt.date(2017, 12, 31))
    assert codes(diff["added"]) == ["B"]
    assert codes(diff["removed"]) == ["C"]
    assert codes(diff["changed"]) == ["A"]
    assert diff["changed"][0]["fields"] == [{"field": "committed_time_limit", "label": "承诺时限", "before": "",
                                             "after": "5个工作日"}]
    assert (diff["count_a"], diff["count_b"]) == (2, 2)
    assert diff["removed"][0]["abolished"].reason == "取消"


@pytest.mark.parametrize("on_b, added", [
    (dt.date(2016, 6, 30), []),       # the day before B takes effect
    (dt.date(2016, 7, 1), ["B"]),     # the day it takes effect
    (dt.date(2016, 7, 2), ["B"]),     # the day after
])
def test_diff_edges_of_an_effective_date(history, on_b, added):
    assert codes(selectors.power_list_diff(on_a=dt.date(2016, 1, 1), on_b=on_b)["added"]) == added


@pytest.mark.parametrize("on_b, removed", [
    (dt.date(2017, 2, 28), []), (dt.date(2017, 3, 1), ["C"]), (dt.date(2017, 3, 2), ["C"]),
])
def test_diff_edges_of_an_abolition(history, on_b, removed):
    assert codes(selectors.power_list_diff(on_a=dt.date(2016, 1, 1), on_b=on_b)["removed"]) == removed


def test_diff_before_the_first_publication_is_empty_and_department_narrows(history, district):
    diff = selectors.power_list_diff(on_a=dt.date(2014, 1, 1), on_b=dt.date(2015, 6, 29))
    assert diff["count_b"] == 0 and not diff["added"]
    diff = selectors.power_list_diff(on_a=dt.date(2015, 12, 31), on_b=dt.date(2017, 12, 31), department=district.org_b)
    assert codes(diff["added"]) == ["B"] and not diff["removed"] and not diff["changed"]


def test_stats_count_published_items_by_category_and_department(history, district):
    stats = selectors.power_item_stats()
    assert stats["total"] == 2
    assert {c["value"]: c["count"] for c in stats["categories"]}["licensing"] == 2
    assert {d["organisation"].name: d["total"] for d in stats["departments"]} == {district.org_a.name: 1,
                                                                                   district.org_b.name: 1}


def test_citations_parse_and_resolve(library):
    resolver = selectors.CitationResolver()
    bases, errors = resolver.resolve("《中华人民共和国行政许可法》第十二条、第四十二条第二款;《行政处罚法》第9条")
    assert errors == []
    assert [(a.pk, p) for a, p, _ in bases] == [(library.a12.pk, None), (library.a42.pk, 2), (library.p9.pk, None)]
    _, errors = resolver.resolve("《中华人民共和国行政许可法》第九十九条;《无此法》第一条;《城市市容管理暂行办法》第三条")
    assert errors == ["《中华人民共和国行政许可法》没有第九十九条", "法律法规库中没有《无此法》",
                      "《城市市容管理暂行办法》已废止,不能作为执法依据"]
    _, errors = resolver.resolve("行政许可法第十二条")
    assert errors and "无法识别" in errors[0]


# --- review flags (a cited law amended or repealed) ------------------------------------------------------------


def flag(district, library):
    """A published item citing 《行政许可法》第十二条, flagged by the law's amendment (through the services)."""
    item = publish(make_item(district, library), district.legal)
    result = services.law_status_change(by=district.legal, law=library.licensing, status=LawStatus.AMENDED,
                                        on=dt.date(2024, 1, 1), reason="修改决定")
    assert result["flagged"] == 1
    item.refresh_from_db()
    assert item.needs_review and "行政许可法" in item.review_reason
    return item


def test_adjustment_clears_the_review_flag_once_every_basis_cites_a_law_in_force(district, library):
    item = flag(district, library)
    services.power_item_adjust(by=district.legal, item=item, reason="时限调整", effective_on=dt.date(2024, 2, 1),
                               committed_time_limit="5个工作日")
    item.refresh_from_db()
    assert item.needs_review  # still cites the amended law
    services.power_item_adjust(by=district.legal, item=item, reason="依据更新", effective_on=dt.date(2024, 3, 1),
                               legal_bases=[(library.p9, None, None)])
    item.refresh_from_db()
    assert not item.needs_review and item.review_reason == ""
    entry = Entry.objects.filter(subject_id=str(item.public_id), action="power_item.adjusted").order_by("-seq").first()
    assert "行政许可法" in entry.payload["review_cleared"]


def test_review_confirm_clears_the_flag_with_a_reason_and_is_recorded(district, library):
    item = flag(district, library)
    with pytest.raises(DomainError) as exc:
        services.power_item_review_confirm(by=district.admin_b, item=item, reason="不影响")
    assert exc.value.code == "permission_denied"
    with pytest.raises(DomainError) as exc:
        services.power_item_review_confirm(by=district.admin_a, item=item, reason=" ")
    assert exc.value.code == "reason_required"
    item.refresh_from_db()
    assert item.needs_review
    services.power_item_review_confirm(by=district.admin_a, item=item, reason="修改未涉及第十二条")
    item.refresh_from_db()
    assert not item.needs_review and item.review_reason == ""
    entry = Entry.objects.filter(subject_id=str(item.public_id)).order_by("-recorded_at", "-seq").first()
    assert entry.action == "power_item.reviewed" and entry.ledger.key == district.body_a.ledger_key
    assert entry.payload["needs_review"] is False and entry.payload["reason"] == "修改未涉及第十二条"
    assert "行政许可法" in entry.payload["review_cleared"]
    assert item.versions.count() == 1  # no new version: the item did not change
    with pytest.raises(DomainError) as exc:
        services.power_item_review_confirm(by=district.admin_a, item=item, reason="再次确认")
    assert exc.value.code == "not_flagged"


# --- effective dates: entered on the effective day, never ahead of it ---------------------------------------


def test_publish_adjust_and_abolish_refuse_an_effective_date_after_today(district, library):
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    item = make_item(district, library)
    with pytest.raises(DomainError) as exc:
        publish(item, district.legal, on=tomorrow)
    assert exc.value.code == "effective_in_future" and "生效之日录入" in exc.value.message
    item.refresh_from_db()
    assert item.status == PowerItemStatus.DRAFT and item.versions.count() == 0
    item = publish(item, district.legal, on=today - dt.timedelta(days=30))
    with pytest.raises(DomainError) as exc:
        services.power_item_adjust(by=district.legal, item=item, reason="r", effective_on=tomorrow, name="新名称")
    assert exc.value.code == "effective_in_future"
    item.refresh_from_db()
    assert item.name == "食品经营许可" and item.version == 1
    with pytest.raises(DomainError) as exc:
        services.power_item_abolish(by=district.legal, item=item, reason="r", effective_on=tomorrow)
    assert exc.value.code == "effective_in_future"
    item.refresh_from_db()
    assert item.status == PowerItemStatus.PUBLISHED
    services.power_item_adjust(by=district.legal, item=item, reason="r", effective_on=today, name="新名称")
    assert services.power_item_abolish(by=district.legal, item=item, reason="r",
                                       effective_on=today).status == PowerItemStatus.ABOLISHED


def test_bulk_publish_refuses_an_effective_date_after_today(district, library):
    spec = {"code": "B-1", "name": "批量事项", "category": "licensing", "departments": [district.org_a],
            "legal_bases": [(library.a12, None, None)],
            "publish": {"reason": "公布", "effective_on": timezone.localdate() + dt.timedelta(days=1)}}
    with pytest.raises(DomainError) as exc:
        services.power_items_bulk_create(by=district.legal, items=[spec])
    assert exc.value.code == "effective_in_future"
    assert not PowerItem.objects.exists()


# --- the lead department --------------------------------------------------------------------------------------


def test_body_admin_creates_a_joint_item_only_when_its_organisation_leads(district, library):
    with pytest.raises(DomainError) as exc:
        make_item(district, library, by=district.admin_a, code="J-1", departments=[district.org_b, district.org_a])
    assert exc.value.code == "permission_denied"
    assert not PowerItem.objects.exists() and not Entry.objects.exists()
    item = make_item(district, library, by=district.admin_a, code="J-1", departments=[district.org_a, district.org_b])
    assert Entry.objects.get(subject_id=str(item.public_id)).ledger.key == district.body_a.ledger_key
    # nor may it hand the lead (and the record) to another body by reordering the departments
    with pytest.raises(DomainError) as exc:
        services.power_item_update(by=district.admin_a, item=item, departments=[district.org_b, district.org_a])
    assert exc.value.code == "permission_denied"
    assert [d.pk for d in selectors.ordered_departments(item)] == [district.org_a.pk, district.org_b.pk]


def test_body_admin_edits_and_publishes_a_joint_item_only_when_its_organisation_leads(district, library):
    item = make_item(district, library, code="J-2", departments=[district.org_b, district.org_a])
    with pytest.raises(DomainError) as exc:
        services.power_item_update(by=district.admin_a, item=item, name="改名")
    assert exc.value.code == "permission_denied"
    with pytest.raises(DomainError) as exc:
        publish(item, district.admin_a)
    assert exc.value.code == "permission_denied"
    item.refresh_from_db()
    assert item.name == "食品经营许可" and item.status == PowerItemStatus.DRAFT
    services.power_item_update(by=district.admin_b, item=item, name="改名")
    item = publish(item, district.admin_b)
    with pytest.raises(DomainError) as exc:
        services.power_item_adjust(by=district.admin_a, item=item, reason="r", effective_on=dt.date(2016, 1, 1),
                                   name="再改名")
    assert exc.value.code == "permission_denied"


# --- abolition takes the row lock before checking the sub-items ------------------------------------------------


def test_abolish_locks_the_item_before_checking_its_sub_items(district, library):
    parent = publish(make_item(district, library), district.legal)
    table = PowerItem._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        services.power_item_abolish(by=district.legal, item=parent, reason="r", effective_on=dt.date(2016, 1, 1))
    sqls = [q["sql"] for q in queries.captured_queries]
    lock = next(i for i, sql in enumerate(sqls) if sql.lstrip().upper().startswith("SELECT")
                and f'FROM "{table}"' in sql and f'"{table}"."id" = {parent.pk}' in sql)
    children = next(i for i, sql in enumerate(sqls) if f'"{table}"."parent_id" = {parent.pk}' in sql)
    assert lock < children
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in sqls[lock]
