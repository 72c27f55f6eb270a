"""Law library services and search: import with preview, duplicates, the record, status changes that flag the
power items citing the law (and the warnings supervision puts on the workbench), keyword search."""

import datetime as dt
from pathlib import Path

import pytest
from django.db import connection

from fazhi.core.errors import DomainError
from fazhi.powers import law_search, selectors, services
from fazhi.powers.enums import LawLevel, LawStatus, PowerItemStatus
from fazhi.powers.models import Article, Law, LegalBasis, PowerItem
from fazhi.records.enums import Action
from fazhi.records.models import Entry
from fazhi.records.services import OFFICE_LEDGER_KEY

LAWS_DIR = Path(__file__).resolve().parents[1] / "data" / "laws"
PENALTY = (LAWS_DIR / "行政处罚法(2021-01-22).md").read_text(encoding="utf-8")
SMALL = "# 某某市容管理条例\n\n2020年5月1日 某某市人民代表大会常务委员会公告第1号公布\n\n<!-- INFO END -->\n\n" \
        "第一条 为了加强市容管理，制定本条例。\n\n第二条 违反本条例规定的，由城市管理部门责令改正。\n\n" \
        "第三条 本条例自2020年7月1日起施行。\n"


def office_entries(action):
    return Entry.objects.filter(ledger__key=OFFICE_LEDGER_KEY, action=action)


@pytest.fixture
def penalty_law(district):
    return services.law_import(by=district.legal, text=PENALTY)


def cite(article, *, code, departments, status=PowerItemStatus.PUBLISHED):
    item = PowerItem.objects.create(code=code, name=f"事项{code}", category="penalty", status=status)
    item.departments.set(departments)
    LegalBasis.objects.create(power_item=item, article=article)
    return item


# --- preview and import -------------------------------------------------------------------------------------


def test_preview_saves_nothing_and_shows_what_the_import_would_make(district):
    preview = services.law_preview(text=PENALTY)
    assert preview.ok and preview.article_count == 86
    assert [a.label for a in preview.first_articles] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert preview.metadata["level"] == LawLevel.LAW and preview.metadata["version"] == "2021年修订"
    assert Law.objects.count() == 0


def test_preview_warns_of_gaps_and_refuses_text_without_articles(district):
    gap = services.law_preview(text="# 甲规定\n第一条 一。\n第三条 三。", overrides={"level": LawLevel.DEPARTMENTAL_RULE})
    assert gap.ok and gap.warnings == ["条文编号不连续:第一条之后是第三条,缺少第二条"]
    empty = services.law_preview(text="只有一行标题")
    assert not empty.ok and any("未识别到任何条文" in e for e in empty.errors)
    with pytest.raises(DomainError, match="未识别到任何条文"):
        services.law_import(by=district.legal, text="只有一行标题", level=LawLevel.LAW)
    assert Law.objects.count() == 0


def test_import_creates_the_law_and_its_articles_and_records_it(district, penalty_law):
    law = penalty_law
    assert law.title == "中华人民共和国行政处罚法" and law.level == LawLevel.LAW
    assert law.issuing_body == "全国人民代表大会常务委员会" and law.promulgated_on == dt.date(2021, 1, 22)
    assert law.articles.count() == 86
    nine = law.articles.get(number=9)
    assert nine.label == "第九条" and nine.chapter == "第二章 行政处罚的种类和设定"
    assert len(nine.paragraphs[0]["items"]) == 6 and "（六）法律、行政法规规定的其他行政处罚。" in nine.text
    assert law.articles.get(number=42).section == "第一节 一般规定"
    entry = office_entries(Action.LAW_IMPORTED).get()
    assert entry.subject_id == str(law.public_id) and entry.payload["articles"] == 86
    assert entry.actor == district.legal


def test_overrides_win_over_the_history_lines(district):
    law = services.law_import(by=district.legal, text=SMALL, level=LawLevel.LOCAL_REGULATION,
                              issuing_body="某某市人民代表大会常务委员会", effective_on=dt.date(2020, 7, 1),
                              version="2020年公布", short_title="市容条例")
    assert (law.level, law.short_title, law.version) == (LawLevel.LOCAL_REGULATION, "市容条例", "2020年公布")
    assert law.promulgated_on == dt.date(2020, 5, 1)


def test_duplicate_title_and_version_is_refused_in_chinese(district, penalty_law):
    with pytest.raises(DomainError) as info:
        services.law_import(by=district.legal, text=PENALTY)
    assert info.value.code == "law_duplicate"
    assert "《中华人民共和国行政处罚法》(2021年修订)已在法律法规库中,不能重复导入" in info.value.message
    assert Law.objects.count() == 1 and office_entries(Action.LAW_IMPORTED).count() == 1
    other = services.law_import(by=district.legal, text=PENALTY, version="另一版本")
    assert other.articles.count() == 86


def test_import_needs_a_level_when_the_text_does_not_say(district):
    with pytest.raises(DomainError, match="请选择效力层级"):
        services.law_import(by=district.legal, text="# 某规定\n第一条 一。")


# --- status change ------------------------------------------------------------------------------------------


def test_amendment_flags_every_item_citing_the_law_records_each_and_warns_departments(district, penalty_law):
    art_9, art_51 = penalty_law.articles.get(number=9), penalty_law.articles.get(number=51)
    both = cite(art_9, code="P1", departments=[district.org_a, district.org_b])
    LegalBasis.objects.create(power_item=both, article=art_51)
    one = cite(art_51, code="P2", departments=[district.org_a])
    abolished = cite(art_9, code="P3", departments=[district.org_a], status=PowerItemStatus.ABOLISHED)
    other_law = services.law_import(by=district.legal, text=SMALL, level=LawLevel.LOCAL_REGULATION)
    untouched = cite(other_law.articles.get(number=2), code="P4", departments=[district.org_b])

    result = services.law_status_change(by=district.legal, law=penalty_law, status=LawStatus.AMENDED,
                                        on=dt.date(2024, 1, 1), reason="某某修改决定")
    assert result["flagged"] == 2
    for item in (both, one):
        item.refresh_from_db()
        assert item.needs_review and "《中华人民共和国行政处罚法》(2021年修订)已于2024年01月01日修改" in item.review_reason
    for item in (abolished, untouched):
        item.refresh_from_db()
        assert not item.needs_review
    penalty_law.refresh_from_db()
    assert penalty_law.status == LawStatus.AMENDED and penalty_law.status_changed_on == dt.date(2024, 1, 1)
    assert office_entries(Action.LAW_STATUS_CHANGED).get().payload["flagged_items"] == 2
    assert set(office_entries(Action.POWER_ITEM_FLAGGED).values_list("subject_id", flat=True)) == {
        str(both.public_id), str(one.public_id)}


def test_status_change_refusals(district, penalty_law):
    with pytest.raises(DomainError, match="已是“现行有效”"):
        services.law_status_change(by=district.legal, law=penalty_law, status=LawStatus.IN_FORCE,
                                   on=dt.date(2024, 1, 1), reason="x")
    with pytest.raises(DomainError, match="请填写变更原因"):
        services.law_status_change(by=district.legal, law=penalty_law, status=LawStatus.REPEALED,
                                   on=dt.date(2024, 1, 1), reason=" ")
    with pytest.raises(DomainError, match="不能指定本法规"):
        services.law_status_change(by=district.legal, law=penalty_law, status=LawStatus.AMENDED,
                                   on=dt.date(2024, 1, 1), superseded_by=penalty_law, reason="x")
    with pytest.raises(DomainError, match="不能早于公布日期"):
        services.law_status_change(by=district.legal, law=penalty_law, status=LawStatus.AMENDED,
                                   on=dt.date(2020, 1, 1), reason="x")
    penalty_law.refresh_from_db()
    assert penalty_law.status == LawStatus.IN_FORCE
    assert not office_entries(Action.LAW_STATUS_CHANGED).exists()


def test_superseded_by_points_to_the_new_version(district, penalty_law):
    new = services.law_import(by=district.legal, text=PENALTY, version="新版")
    services.law_status_change(by=district.legal, law=penalty_law, status=LawStatus.AMENDED, on=dt.date(2024, 1, 1),
                               superseded_by=new, reason="修订")
    penalty_law.refresh_from_db()
    assert penalty_law.superseded_by == new


# --- search -------------------------------------------------------------------------------------------------


def search(user, query, **filters):
    return list(selectors.article_search(user=user, query=query, filters=filters))


def test_search_index_matches_the_database(db):
    expected = "fts5" if connection.vendor == "sqlite" else "pg_trgm"
    assert law_search.install(connection) == expected
    if connection.vendor == "sqlite":
        assert law_search.fts_available()


def test_keyword_search_finds_articles_containing_every_term(district, penalty_law):
    hits = search(district.officer_a, "听证")
    assert hits and all("听证" in a.text for a in hits)
    assert {a.number for a in hits} >= {63, 64, 65}
    both = search(district.officer_a, "听证 罚款")
    assert both and all("听证" in a.text and "罚款" in a.text for a in both)
    assert len(both) < len(hits)
    assert search(district.officer_a, "不存在的词语组合") == []
    assert search(district.officer_a, "  ") == []


def test_long_and_short_terms_agree_with_a_plain_substring_scan(district, penalty_law):
    for query in ("行政处罚决定", "当事人", "罚", "公示", "行政机关 期限"):
        terms = query.split()
        expected = {a.pk for a in Article.objects.all() if all(t in a.text for t in terms)}
        assert {a.pk for a in search(district.officer_a, query)} == expected, query


def test_ranking_puts_denser_articles_and_title_matches_first(district, penalty_law):
    services.law_import(by=district.legal, text=SMALL, level=LawLevel.LOCAL_REGULATION)
    hits = search(district.officer_a, "听证")
    scores = [a.score for a in hits]
    assert scores == sorted(scores, reverse=True)
    assert hits[0].text.count("听证") >= 2
    # "市容" is in the title of the small law: its articles outrank nothing else here, but carry the bonus
    title_hit = search(district.officer_a, "市容管理")[0]
    assert title_hit.law.title == "某某市容管理条例" and title_hit.score > law_search.TITLE_BONUS


def test_search_filters_by_law_level_and_status(district, penalty_law):
    small = services.law_import(by=district.legal, text=SMALL, level=LawLevel.LOCAL_REGULATION)
    assert {a.law for a in search(district.officer_a, "本条例")} == {small}
    assert search(district.officer_a, "改正", level=LawLevel.LAW)
    assert {a.law for a in search(district.officer_a, "改正", law=str(small.public_id))} == {small}
    services.law_status_change(by=district.legal, law=small, status=LawStatus.REPEALED, on=dt.date(2024, 1, 1),
                               reason="废止")
    assert {a.law for a in search(district.officer_a, "改正", status=LawStatus.REPEALED)} == {small}


def test_index_follows_updates_and_deletes(district, penalty_law):
    article = penalty_law.articles.get(number=1)
    article.text = "一个独一无二的检索词组"
    article.save()
    assert [a.pk for a in search(district.officer_a, "独一无二的检索")] == [article.pk]
    penalty_law.articles.filter(number=1).delete()
    assert search(district.officer_a, "独一无二的检索") == []


def test_snippet_highlights_terms_and_escapes_html():
    text = "前文" * 40 + "<b>行政处罚</b>决定书应当载明处罚" + "后文" * 40
    out = law_search.snippet(text, "行政处罚 罚")
    assert "<mark>行政处罚</mark>" in out and "&lt;b&gt;" in out and "<b>" not in out
    assert out.startswith("…") and out.endswith("…")
    assert "<mark>罚</mark>" in out
    assert law_search.highlight("行政 复议", "行政 复议") == "<mark>行政</mark> <mark>复议</mark>"


def test_terms_are_deduplicated_and_bounded():
    assert law_search.terms_of("  听证，听证 行政处罚 ") == ["行政处罚", "听证"]
    assert len(law_search.terms_of(" ".join(f"词{i}" for i in range(20)))) == law_search.MAX_TERMS


def test_anonymous_and_unknown_users_read_nothing(district, penalty_law):
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.law_list(user=AnonymousUser()).exists()
    assert search(AnonymousUser(), "听证") == []
