"""Reads of the power and responsibility list (权责清单) and of posts (执法岗位), scoped to the user.

Scoping: the legal affairs office and the system administrator see every item; other internal roles see the items
whose implementing departments include an organisation they may see (fazhi.orgs.scoping), and the posts of the
bodies of those organisations. An item or post outside that scope is DoesNotExist (a 404 on screens).

Also here, because the form and the importer both read them: the parser of legal-basis citations
(“《中华人民共和国行政处罚法》第六十条第一款”) and its resolution to articles of the law library.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from fazhi.orgs.enums import OrganisationType
from fazhi.orgs.models import EnforcementBody, Organisation
from fazhi.orgs.scoping import organisation_ids_visible_to, scope_queryset
from fazhi.personnel.enums import OfficerStatus, StaffType
from fazhi.personnel.models import Officer
from fazhi.personnel.selectors import officers_certified_for
from fazhi.powers.enums import LawStatus, PowerCategory, PowerItemStatus, ResponsibilityStage
from fazhi.powers.models import (
    Article,
    Law,
    LegalBasis,
    Post,
    PowerItem,
    PowerItemVersion,
    ResponsibilityItem,
)

__all__ = [
    "SNAPSHOT_TEXT_FIELDS",
    "Citation",
    "CitationResolver",
    "basis_label",
    "cn_numeral",
    "cn_number",
    "citations_parse",
    "decomposition_indicators",
    "inspection_item_list",
    "ordered_departments",
    "power_item_get",
    "power_item_list",
    "power_item_snapshot",
    "power_item_stats",
    "power_item_versions",
    "power_list_diff",
    "post_get",
    "post_list",
    "responsibilities_format",
    "responsibilities_parse",
    "snapshot_changes",
    "snapshot_field_label",
    "version_in_force",
]

# Fields of a power item copied verbatim into every version's snapshot (besides code, name, category, parent,
# departments, legal bases and responsibilities).
SNAPSHOT_TEXT_FIELDS = (
    "accountability", "statutory_time_limit", "deadline_rule_id", "committed_time_limit", "fees", "fee_basis",
    "remedies", "flow_description", "is_inspection_item", "inspection_method", "inspection_object_scope",
)
_EXTRA_LABELS = {"parent": "上级事项", "departments": "实施部门", "legal_bases": "法律依据",
                 "responsibilities": "责任事项"}
# Internal keys of a snapshot that are not compared field by field (ids behind the labels that are compared).
_SNAPSHOT_INTERNAL = {"department_ids", "legal_basis_refs"}


def _today() -> dt.date:
    return timezone.localdate()


# --- Chinese numerals and citations --------------------------------------------------------------------------

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(text: str) -> int:
    """“六十”→60, “一百零三”→103, “十二”→12, “60”→60. ValueError for anything else."""
    text = (text or "").strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        raise ValueError(f"“{text}”不是数字")
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


def cn_numeral(number: int) -> str:
    """60 → “六十”, 103 → “一百零三”, 12 → “十二” (as statutes number their articles)."""
    if number <= 0:
        raise ValueError(number)
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    if number < 20:
        return "十" + (digits[number % 10] if number % 10 else "")
    if number < 100:
        return digits[number // 10] + "十" + (digits[number % 10] if number % 10 else "")
    if number < 1000:
        rest = number % 100
        head = digits[number // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + digits[rest]
        return head + (digits[rest // 10] + "十" + (digits[rest % 10] if rest % 10 else ""))
    return str(number)


@dataclass(frozen=True)
class Citation:
    """One cited article: the law's title as written, the article number, optionally paragraph (款) and item (项)."""

    law: str
    article: int
    paragraph: int | None = None
    item: int | None = None
    sub: int = 0  # 第十条之一: article 10, sub 1

    def __str__(self) -> str:
        return (f"《{self.law}》第{cn_numeral(self.article)}条" + (f"之{cn_numeral(self.sub)}" if self.sub else "")
                + (f"第{cn_numeral(self.paragraph)}款" if self.paragraph else "")
                + (f"第{cn_numeral(self.item)}项" if self.item else ""))


_NUM = r"[0-9零〇一二两三四五六七八九十百千]+"
_CITATION_TOKEN = re.compile(
    rf"《(?P<law>[^》]+)》|第(?P<article>{_NUM})条(?:之(?P<sub>{_NUM}))?(?:第(?P<paragraph>{_NUM})款)?(?:第(?P<item>{_NUM})项)?"
    rf"|(?P<sep>[;；。\n、,，和及与以]+|\s+)"
)


def citations_parse(text: str) -> list[Citation]:
    """Parse “《中华人民共和国行政处罚法》第六十条第一款;《…》第九条、第十条” into citations. An article without its
    own 《law》 belongs to the last law named. ValueError (Chinese) when the text does not read as citations."""
    text = (text or "").strip()
    citations: list[Citation] = []
    law = ""
    position = 0
    while position < len(text):
        match = _CITATION_TOKEN.match(text, position)
        if match is None:
            raise ValueError(f"无法识别“{text[position:position + 12]}”:法律依据应写作“《法律名称》第X条第X款”,"
                             "多项依据以分号分隔")
        position = match.end()
        if match["law"]:
            law = match["law"].strip()
        elif match["article"]:
            if not law:
                raise ValueError(f"“第{match['article']}条”前没有写明法律名称(《…》)")
            paragraph = cn_number(match["paragraph"]) if match["paragraph"] else None
            item = cn_number(match["item"]) if match["item"] else None
            citation = Citation(law=law, article=cn_number(match["article"]), paragraph=paragraph, item=item,
                                sub=cn_number(match["sub"]) if match["sub"] else 0)
            if citation not in citations:
                citations.append(citation)
    if law and not citations:
        raise ValueError(f"《{law}》后没有写明条文(第X条)")
    return citations


def _law_key(title: str) -> str:
    return title.strip().removeprefix("中华人民共和国")


class CitationResolver:
    """Resolves citations to articles of the law library; loads each law's articles once (for imports at scale).
    `resolve` returns (bases, errors): bases as (article, paragraph, item) triples, errors as Chinese messages —
    an unknown law or article, or a law that has been repealed (rules: a power without a valid basis is void)."""

    _STATUS_ORDER = {LawStatus.IN_FORCE: 0, LawStatus.AMENDED: 1, LawStatus.REPEALED: 2}

    def __init__(self):
        self._laws: dict[str, list[Law]] | None = None
        self._articles: dict[int, dict[int, Article]] = {}

    def _law_index(self) -> dict[str, list[Law]]:
        if self._laws is None:
            index: dict[str, list[Law]] = {}
            for law in Law.objects.only("pk", "title", "short_title", "status", "effective_on", "version"):
                for name in {law.title, law.short_title}:
                    if name:
                        index.setdefault(_law_key(name), []).append(law)
            for laws in index.values():
                laws.sort(key=lambda law: (self._STATUS_ORDER.get(law.status, 3),
                                           -(law.effective_on or dt.date.min).toordinal()))
            self._laws = index
        return self._laws

    def law_for(self, title: str) -> Law | None:
        """The version a citation means: the one in force, else an amended one, else (repealed) the latest."""
        laws = self._law_index().get(_law_key(title))
        return laws[0] if laws else None

    def _article(self, law: Law, number: int, sub: int = 0) -> Article | None:
        if law.pk not in self._articles:
            self._articles[law.pk] = {(a.number, getattr(a, "sub_number", 0)): a
                                      for a in Article.objects.filter(law=law).select_related("law")}
        return self._articles[law.pk].get((number, sub))

    def resolve_citations(self, citations: list[Citation]) -> tuple[list[tuple[Article, int | None, int | None]],
                                                                     list[str]]:
        bases, errors = [], []
        for citation in citations:
            law = self.law_for(citation.law)
            if law is None:
                errors.append(f"法律法规库中没有《{citation.law}》")
                continue
            if law.status == LawStatus.REPEALED:
                errors.append(f"《{law.title}》已废止,不能作为执法依据")
                continue
            article = self._article(law, citation.article, citation.sub)
            if article is None:
                errors.append(f"《{law.title}》没有第{cn_numeral(citation.article)}条"
                              + (f"之{cn_numeral(citation.sub)}" if citation.sub else ""))
                continue
            if citation.paragraph and article.paragraphs and citation.paragraph > len(article.paragraphs):
                errors.append(f"《{law.title}》{article.label}没有第{cn_numeral(citation.paragraph)}款")
                continue
            bases.append((article, citation.paragraph, citation.item))
        return bases, errors

    def resolve(self, text: str) -> tuple[list[tuple[Article, int | None, int | None]], list[str]]:
        try:
            citations = citations_parse(text)
        except ValueError as exc:
            return [], [str(exc)]
        return self.resolve_citations(citations)


def basis_label(article: Article, paragraph: int | None = None, item: int | None = None) -> str:
    """“《中华人民共和国行政处罚法》第六十条第一款” — the citation as written in lists and imports."""
    sub = getattr(article, "sub_number", 0)
    return (f"《{article.law.title}》第{cn_numeral(article.number)}条" + (f"之{cn_numeral(sub)}" if sub else "")
            + (f"第{cn_numeral(paragraph)}款" if paragraph else "")
            + (f"第{cn_numeral(item)}项" if item else ""))


_STAGE_BY_LABEL = {str(label): value for value, label in ResponsibilityStage.choices}


def responsibilities_parse(text: str) -> list[tuple[str, str]]:
    """“受理:…|审查:…|决定:…” (or one per line) → [(stage, content)]. ValueError (Chinese) on an unknown stage."""
    result = []
    for part in re.split(r"[|｜\n]+", text or ""):
        part = part.strip()
        if not part:
            continue
        match = re.match(r"^([^:：]{1,10})[:：]\s*(.+)$", part, re.S)
        if match is None:
            raise ValueError(f"“{part[:15]}”应写作“环节:责任内容”,如“受理:…”")
        label, content = match[1].strip(), match[2].strip()
        if label not in _STAGE_BY_LABEL:
            raise ValueError(f"责任环节“{label}”无法识别,应为:" + "、".join(_STAGE_BY_LABEL))
        result.append((_STAGE_BY_LABEL[label], content))
    return result


def responsibilities_format(responsibilities) -> str:
    """The inverse of responsibilities_parse, from ResponsibilityItem rows or (stage, content) pairs."""
    parts = []
    for r in responsibilities:
        stage, content = (r.stage, r.content) if hasattr(r, "stage") else r
        parts.append(f"{ResponsibilityStage(stage).label}:{content}")
    return "|".join(parts)


# --- power items ---------------------------------------------------------------------------------------------


def _scope_items(qs: QuerySet[PowerItem], user) -> QuerySet[PowerItem]:
    visible = organisation_ids_visible_to(user)
    if visible is None:
        return qs
    through = PowerItem.departments.through
    return qs.filter(Exists(through.objects.filter(poweritem_id=OuterRef("pk"), organisation_id__in=visible)))


def _truthy(value) -> bool:
    return value in (True, "1", "true", "on", "yes")


def power_item_list(*, user, filters: dict | None = None) -> QuerySet[PowerItem]:
    """Items the user may see. Filters: q (code, name), category, department (organisation public id), status,
    is_inspection_item ("1"/"0"), needs_review (truthy)."""
    filters = filters or {}
    qs = _scope_items(PowerItem.objects.all(), user).select_related("parent").prefetch_related("departments")
    q = (filters.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(name__icontains=q))
    if filters.get("category"):
        qs = qs.filter(category=filters["category"])
    if filters.get("department"):
        through = PowerItem.departments.through
        qs = qs.filter(Exists(through.objects.filter(poweritem_id=OuterRef("pk"),
                                                     organisation__public_id=filters["department"])))
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("is_inspection_item") in ("1", "0", True, False):
        qs = qs.filter(is_inspection_item=filters["is_inspection_item"] in ("1", True))
    if _truthy(filters.get("needs_review")):
        qs = qs.filter(needs_review=True)
    return qs


def power_item_get(*, user, public_id) -> PowerItem:
    return (_scope_items(PowerItem.objects.all(), user).select_related("parent")
            .prefetch_related("departments", "sub_items",
                              Prefetch("legal_bases", queryset=LegalBasis.objects.select_related("article__law")),
                              Prefetch("responsibilities", queryset=ResponsibilityItem.objects.all()))
            .get(public_id=public_id))


def power_item_versions(*, item: PowerItem) -> QuerySet[PowerItemVersion]:
    return item.versions.select_related("created_by").order_by("-version")


def ordered_departments(item: PowerItem) -> list[Organisation]:
    """The departments in the order they were given (the first one owns the item's record)."""
    through = PowerItem.departments.through
    ids = list(through.objects.filter(poweritem_id=item.pk).order_by("pk").values_list("organisation_id", flat=True))
    by_id = {o.pk: o for o in Organisation.objects.filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


def power_item_snapshot(item: PowerItem) -> dict:
    """The full content of an item as a version keeps it: every field, the parent's code, the departments, the
    legal bases (labels and article ids), the responsibility items."""
    departments = ordered_departments(item)
    bases = list(item.legal_bases.select_related("article__law").order_by("pk"))
    snapshot = {
        "code": item.code,
        "name": item.name,
        "category": item.category,
        "parent": item.parent.code if item.parent_id else "",
        "departments": [d.name for d in departments],
        "department_ids": [d.pk for d in departments],
        "legal_bases": [basis_label(b.article, b.paragraph, b.item) for b in bases],
        "legal_basis_refs": [[b.article_id, b.paragraph, b.item] for b in bases],
        "responsibilities": [[r.stage, r.content] for r in item.responsibilities.order_by("sort_order", "pk")],
    }
    for field in SNAPSHOT_TEXT_FIELDS:
        snapshot[field] = getattr(item, field)
    return snapshot


def snapshot_field_label(field: str) -> str:
    if field in _EXTRA_LABELS:
        return _EXTRA_LABELS[field]
    return str(PowerItem._meta.get_field(field).verbose_name)


def _display(field: str, value):
    if field == "category":
        return PowerCategory(value).label if value in PowerCategory.values else value
    if field == "responsibilities":
        return responsibilities_format([tuple(r) for r in value])
    if isinstance(value, list):
        return "、".join(str(v) for v in value) if field == "departments" else ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def snapshot_changes(before: dict, after: dict) -> list[dict]:
    """Field-level differences between two snapshots: [{field, label, before, after}] (display values)."""
    changes = []
    keys = [k for k in after if k not in _SNAPSHOT_INTERNAL]
    keys += [k for k in before if k not in after and k not in _SNAPSHOT_INTERNAL]
    for key in keys:
        old, new = before.get(key), after.get(key)
        if old != new:
            changes.append({"field": key, "label": snapshot_field_label(key), "before": _display(key, old),
                            "after": _display(key, new)})
    return changes


def version_in_force(*, item: PowerItem, on: dt.date) -> PowerItemVersion | None:
    """The version of `item` in force on `on`: the latest one effective on or before that day (None before the
    first publication). An "abolished" version in force means the item is not in the list that day."""
    return (item.versions.filter(effective_on__lte=on).order_by("-effective_on", "-version").first())


def _versions_in_force(on: dt.date, item_ids=None) -> dict[int, PowerItemVersion]:
    qs = PowerItemVersion.objects.filter(effective_on__lte=on).order_by("power_item_id", "effective_on", "version")
    if item_ids is not None:
        qs = qs.filter(power_item_id__in=item_ids)
    result: dict[int, PowerItemVersion] = {}
    for version in qs.only("pk", "power_item_id", "version", "change", "snapshot", "effective_on",
                           "document_number", "reason").iterator(chunk_size=2000):
        result[version.power_item_id] = version  # ordered: the last one seen is the one in force
    return result


def _in_list(version: PowerItemVersion | None) -> bool:
    return version is not None and version.change != "abolished"


def power_list_diff(*, on_a: dt.date, on_b: dt.date, department: Organisation | None = None, user=None) -> dict:
    """What changed in the published list between two dates, from the versions in force on each date:
    `added` (in the list on on_b, not on on_a), `removed` (in the list on on_a, abolished or not yet there on
    on_b), `changed` (in both, with field-level differences). A version takes effect on its effective date
    (in force on that day, not the day before). `department` narrows to items that department implements on
    either date; `user` to the departments the user may see. Also `count_a`, `count_b`."""
    at_a, at_b = _versions_in_force(on_a), _versions_in_force(on_b)
    visible = organisation_ids_visible_to(user) if user is not None else None

    def concerns(*versions) -> bool:
        ids = set()
        for v in versions:
            if v is not None:
                ids.update(v.snapshot.get("department_ids") or [])
        if department is not None and department.pk not in ids:
            return False
        return visible is None or bool(ids & visible)

    added, removed, changed = [], [], []
    count_a = count_b = 0
    public_ids = dict(PowerItem.objects.filter(pk__in=set(at_a) | set(at_b)).values_list("pk", "public_id"))
    for item_id in sorted(set(at_a) | set(at_b), key=lambda i: (at_b.get(i) or at_a.get(i)).snapshot["code"]):
        a, b = at_a.get(item_id), at_b.get(item_id)
        if not concerns(a if _in_list(a) else None, b if _in_list(b) else None):
            continue
        in_a, in_b = _in_list(a), _in_list(b)
        count_a += in_a
        count_b += in_b
        row = {"public_id": public_ids.get(item_id), "version_a": a, "version_b": b}
        if in_b and not in_a:
            added.append({**row, "snapshot": b.snapshot, "category": _display("category", b.snapshot["category"])})
        elif in_a and not in_b:
            removed.append({**row, "snapshot": a.snapshot, "category": _display("category", a.snapshot["category"]),
                            "abolished": b if b is not None and b.change == "abolished" else None})
        elif in_a and in_b and a.pk != b.pk:
            fields = snapshot_changes(a.snapshot, b.snapshot)
            if fields:
                changed.append({**row, "snapshot": b.snapshot, "fields": fields})
    return {"on_a": on_a, "on_b": on_b, "added": added, "removed": removed, "changed": changed,
            "count_a": count_a, "count_b": count_b}


def power_item_stats(*, user=None) -> dict:
    """Counts of published items by category and by department, as the seed reports them (“3,003 items in 10
    categories across 30 departments and 5 vertically managed units”). An item implemented by several departments
    counts once in the total and once for each department."""
    items = PowerItem.objects.filter(status=PowerItemStatus.PUBLISHED)
    if user is not None:
        items = _scope_items(items, user)
    by_category = dict(items.values_list("category").annotate(n=Count("pk")).values_list("category", "n"))
    categories = [{"value": value, "label": label, "count": by_category.get(value, 0)}
                  for value, label in PowerCategory.choices]
    through = PowerItem.departments.through
    rows = through.objects.filter(poweritem__in=items).values_list("organisation_id", "poweritem__category")
    per_department: dict[int, Counter] = {}
    for organisation_id, category in rows:
        per_department.setdefault(organisation_id, Counter())[category] += 1
    organisations = Organisation.objects.filter(pk__in=per_department).order_by("sort_order", "name")
    departments = []
    for organisation in organisations:
        counts = per_department[organisation.pk]
        departments.append({"organisation": organisation, "vertical": organisation.org_type == OrganisationType.VERTICAL,
                            "total": sum(counts.values()),
                            "by_category": [counts.get(value, 0) for value in PowerCategory.values]})
    vertical = sum(1 for d in departments if d["vertical"])
    return {"total": items.count(), "categories": categories,
            "category_count": sum(1 for c in categories if c["count"]), "departments": departments,
            "department_count": len(departments) - vertical, "vertical_count": vertical,
            "inspection_items": items.filter(is_inspection_item=True).count()}


def inspection_item_list(*, user, filters: dict | None = None) -> QuerySet[PowerItem]:
    """The random-inspection item list (随机抽查事项清单): published items marked as inspection items, with their
    method and object scope. Filters: department (organisation public id), q."""
    filters = {k: v for k, v in (filters or {}).items() if k in ("department", "q")}
    return (power_item_list(user=user, filters=filters)
            .filter(status=PowerItemStatus.PUBLISHED, is_inspection_item=True)
            .prefetch_related(Prefetch("legal_bases", queryset=LegalBasis.objects.select_related("article__law"))))


# --- posts and responsibility decomposition --------------------------------------------------------------------


def post_list(*, user, filters: dict | None = None) -> QuerySet[Post]:
    """Posts of the bodies the user may see. Filters: body (public id), q (post name)."""
    filters = filters or {}
    qs = (scope_queryset(Post.objects.all(), user, org_field="body__organisation").select_related("body")
          .annotate(item_count=Count("power_items", distinct=True), officer_count=Count("officers", distinct=True)))
    if filters.get("body"):
        qs = qs.filter(body__public_id=filters["body"])
    if (filters.get("q") or "").strip():
        qs = qs.filter(name__icontains=filters["q"].strip())
    return qs


def post_get(*, user, public_id) -> Post:
    return (scope_queryset(Post.objects.all(), user, org_field="body__organisation").select_related("body")
            .prefetch_related("power_items", "officers").get(public_id=public_id))


def _rate(numerator: int, denominator: int) -> float | None:
    return round(100.0 * numerator / denominator, 1) if denominator else None


def decomposition_indicators(*, user, on: dt.date | None = None, body: EnforcementBody | None = None) -> dict:
    """Responsibility decomposition per body, and for the district (the bodies the user may see):
    * items: published items implemented by the body's organisation; `items_without_post`: those held by no post
      of the body;
    * `posts_without_certified`: posts with no officer certified on `on` (active, not auxiliary, a certificate
      valid that day — fazhi.personnel.selectors.officers_certified_for, XZCF-42);
    * officers: active officers of the organisation who are not auxiliary staff; `officers_without_post`: those in
      no post of the body;
    * `staffing_rate` (post-staffing rate, 岗位配备率): posts with a certified officer ÷ posts, in per cent;
      `item_coverage_rate`: items with a post ÷ items; `officer_assignment_rate`: officers in a post ÷ officers.
    """
    on = on or _today()
    bodies = scope_queryset(EnforcementBody.objects.all(), user).select_related("organisation").order_by(
        "organisation__sort_order", "name")
    if body is not None:
        bodies = bodies.filter(pk=body.pk)
    through = PowerItem.departments.through
    rows = []
    totals = Counter()
    for b in bodies:
        item_ids = set(through.objects.filter(organisation_id=b.organisation_id,
                                              poweritem__status=PowerItemStatus.PUBLISHED)
                       .values_list("poweritem_id", flat=True))
        posts = list(Post.objects.filter(body=b).prefetch_related("officers"))
        held = set(Post.power_items.through.objects.filter(post__body=b).values_list("poweritem_id", flat=True))
        certified = set(officers_certified_for(b, on=on).values_list("pk", flat=True))
        officers = set(Officer.objects.filter(organisation_id=b.organisation_id, status=OfficerStatus.ACTIVE)
                       .exclude(staff_type=StaffType.AUXILIARY).values_list("pk", flat=True))
        in_post = {o.pk for p in posts for o in p.officers.all()}
        without_certified = [p for p in posts if not any(o.pk in certified for o in p.officers.all())]
        row = {
            "body": b, "items": len(item_ids), "items_without_post": len(item_ids - held),
            "posts": len(posts), "posts_without_certified": len(without_certified),
            "posts_without_certified_names": [p.name for p in without_certified],
            "officers": len(officers), "officers_without_post": len(officers - in_post),
        }
        _rates(row)
        rows.append(row)
        for key in ("items", "items_without_post", "posts", "posts_without_certified", "officers",
                    "officers_without_post"):
            totals[key] += row[key]
    district = dict(totals)
    _rates(district)
    return {"on": on, "bodies": rows, "district": district}


def _rates(row: dict) -> None:
    row["staffing_rate"] = _rate(row.get("posts", 0) - row.get("posts_without_certified", 0), row.get("posts", 0))
    row["item_coverage_rate"] = _rate(row.get("items", 0) - row.get("items_without_post", 0), row.get("items", 0))
    row["officer_assignment_rate"] = _rate(row.get("officers", 0) - row.get("officers_without_post", 0),
                                           row.get("officers", 0))
