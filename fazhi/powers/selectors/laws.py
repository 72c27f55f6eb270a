"""powers: reading the law library. Laws are the district's shared reference and belong to no organisation:
every internal user reads all of them (the route table decides who is internal)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from fazhi.powers import law_search
from fazhi.powers.models import Article, Law, LegalBasis

__all__ = ["ChapterView", "article_search", "law_chapters", "law_citing_items", "law_get", "law_list",
           "laws_for_choice"]


def _internal(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def law_list(*, user, filters: dict | None = None) -> QuerySet[Law]:
    """Laws with their article count. Filters: q (title, short title, issuing body, document number), level,
    status."""
    if not _internal(user):
        return Law.objects.none()
    qs = Law.objects.annotate(article_count=Count("articles"))
    filters = filters or {}
    if filters.get("q"):
        q = filters["q"].strip()
        qs = qs.filter(Q(title__contains=q) | Q(short_title__contains=q) | Q(issuing_body__contains=q)
                       | Q(document_number__contains=q))
    if filters.get("level"):
        qs = qs.filter(level=filters["level"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    return qs.select_related("superseded_by")


def law_get(*, user, public_id) -> Law:
    """One law; Law.DoesNotExist (a 404 for views) when there is none or the user may not read it."""
    if not _internal(user):
        raise Law.DoesNotExist
    return Law.objects.select_related("superseded_by").get(public_id=public_id)


def laws_for_choice(*, user, exclude: Law | None = None) -> QuerySet[Law]:
    qs = law_list(user=user).order_by("title", "-promulgated_on")
    return qs.exclude(pk=exclude.pk) if exclude is not None else qs


@dataclass
class ChapterView:
    heading: str
    articles: list = field(default_factory=list)


def law_chapters(*, law: Law) -> list[ChapterView]:
    """The law's articles in order, grouped by chapter (one group without a heading when it has no chapters);
    each article carries `section_start` when it opens a 节."""
    chapters: list[ChapterView] = []
    section = None
    for article in law.articles.order_by("number", "sub_number"):
        if not chapters or chapters[-1].heading != article.chapter:
            chapters.append(ChapterView(heading=article.chapter))
            section = None
        article.section_start = article.section if article.section and article.section != section else ""
        section = article.section
        chapters[-1].articles.append(article)
    return chapters


def law_citing_items(*, law: Law) -> QuerySet:
    """The legal bases that cite the law's articles, with their power items (for the law's page)."""
    return (LegalBasis.objects.filter(article__law=law)
            .select_related("power_item", "article").order_by("power_item__code", "article__number"))


def article_search(*, user, query: str, filters: dict | None = None) -> QuerySet[Article]:
    """Articles containing every term of `query`, best first (law_search), with their law. Filters: law (public
    id), level, status. An empty query finds nothing: search is by keyword."""
    if not _internal(user) or not law_search.terms_of(query):
        return Article.objects.none()
    qs = Article.objects.all()
    filters = filters or {}
    if filters.get("law"):
        qs = qs.filter(law__public_id=filters["law"])
    if filters.get("level"):
        qs = qs.filter(law__level=filters["level"])
    if filters.get("status"):
        qs = qs.filter(law__status=filters["status"])
    return law_search.apply(qs, query).select_related("law")
