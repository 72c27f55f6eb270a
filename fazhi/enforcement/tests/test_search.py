"""Case text search (fazhi.enforcement.search): the same answers with the trigram index (three or more
characters) and without it (one or two), kept in sync when a row changes."""

from django.db import connection

from fazhi.enforcement import search
from fazhi.enforcement.models import Case
from fazhi.enforcement.selectors.cases import case_list
from fazhi.enforcement.tests import builders as b


def test_search_by_number_title_and_party_with_and_without_the_index(enf):
    first = b.filed(enf, party_name="呼和浩特市青城食品有限公司")
    second = b.lead(enf, party_name="张三", title="占道经营")
    b.lead(enf, party_name="赛罕区某某超市", title="销售过期食品")

    def found(q, user=enf.d.officer_a):
        return set(case_list(user=user, filters={"q": q}))

    assert found("青城食品") == {first}  # 4 characters: the index
    assert found("张三") == {second}  # 2 characters: LIKE
    assert found("占道经营") == {second}
    assert found(first.number) == {first}
    assert found("赛市监立") == {first}  # a part of the case number
    assert found("青城食品", user=enf.d.admin_b) == set()  # scoped as ever
    Case.objects.filter(pk=second.pk).update(party_name="呼和浩特市青城饮品店")
    assert found("青城饮品") == {second}  # the trigger kept the index in step
    with connection.cursor() as cursor:  # the index is in place on either database
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [search.FTS_TABLE])
        else:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", ["enf_case_party_trgm"])
        assert cursor.fetchone()
