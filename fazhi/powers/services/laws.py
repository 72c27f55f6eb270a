"""powers: the law library — import a statute from its text (with a preview first) and change its status.

Laws are the district's shared reference: they belong to no organisation, so their acts are recorded in the
office ledger (fazhi.records.services.OFFICE_LEDGER_KEY). When a law is amended or repealed, every power item
citing one of its articles is flagged for review, each flag is recorded, and after the commit the supervision app
is told (fazhi.powers.signals.power_items_flagged) so that a warning appears on the departments' workbench.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.powers import law_parser
from fazhi.powers.enums import LawLevel, LawStatus, PowerItemStatus
from fazhi.powers.models import Article, Law, LegalBasis, PowerItem
from fazhi.powers.signals import power_items_flagged
from fazhi.records import services as records
from fazhi.records.enums import Action

__all__ = ["LawPreview", "law_import", "law_preview", "law_status_change", "law_text_from_upload",
           "MAX_LAW_TEXT_CHARS"]

OFFICE_LEDGER_NAME = "司法局(法制办)"
MAX_LAW_TEXT_CHARS = 2_000_000  # the longest codes (民法典, ~1,260 articles) are about a tenth of this
PREVIEW_ARTICLES = 5
METADATA_FIELDS = ("title", "short_title", "level", "issuing_body", "document_number", "promulgated_on",
                   "effective_on", "status", "version")
STATUS_VERB = {LawStatus.AMENDED: "修改", LawStatus.REPEALED: "废止", LawStatus.IN_FORCE: "恢复为现行有效"}


@dataclass
class LawPreview:
    """What the import would create, shown before anything is saved."""

    parsed: law_parser.ParsedLaw
    metadata: dict  # the values the import would use: guessed from the history lines, then the overrides
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def article_count(self) -> int:
        return len(self.parsed.articles)

    @property
    def first_articles(self) -> list[law_parser.ParsedArticle]:
        return self.parsed.articles[:PREVIEW_ARTICLES]

    @property
    def ok(self) -> bool:
        return not self.errors


def law_text_from_upload(*, name: str, data: bytes) -> str:
    """The text of an uploaded .docx/.txt/.md statute. DomainError (Chinese) when it cannot be read."""
    try:
        return law_parser.read_upload(name, data)
    except ValueError as exc:
        raise DomainError("law_file_unreadable", str(exc), field="file") from exc


def _metadata(parsed: law_parser.ParsedLaw, overrides: dict) -> dict:
    values = {"title": parsed.title, "status": LawStatus.IN_FORCE} | law_parser.guess_metadata(parsed)
    values |= {k: v for k, v in overrides.items() if k in METADATA_FIELDS and v not in (None, "")}
    for key in METADATA_FIELDS:
        values.setdefault(key, None if key.endswith("_on") else "")
    values["title"] = (values["title"] or "").strip()
    values["version"] = (values["version"] or "").strip()
    return values


def _problems(parsed: law_parser.ParsedLaw, values: dict, text: str) -> list[str]:
    errors = []
    if not text.strip():
        errors.append("没有法规文本")
    elif len(text) > MAX_LAW_TEXT_CHARS:
        errors.append(f"文本过长(超过{MAX_LAW_TEXT_CHARS:,}字),请确认只包含一部法规")
    if not parsed.articles:
        errors.append("未识别到任何条文,条文应以“第X条”开头(如“第一条 为了……”)")
    if not values["title"]:
        errors.append("请填写法规名称")
    elif len(values["title"]) > Law._meta.get_field("title").max_length:
        errors.append("法规名称过长")
    if values["level"] not in LawLevel.values:
        errors.append("请选择效力层级")
    if values["status"] not in LawStatus.values:
        errors.append("时效性无效")
    if values["title"] and Law.objects.filter(title=values["title"], version=values["version"]).exists():
        errors.append(_duplicate_message(values["title"], values["version"]))
    if any(len(a.chapter) > 200 or len(a.section) > 200 for a in parsed.articles):
        errors.append("章节标题过长(超过200字),请检查文本格式")
    return errors


def _duplicate_message(title: str, version: str) -> str:
    which = f"《{title}》({version})" if version else f"《{title}》(未注明版本)"
    return f"{which}已在法律法规库中,不能重复导入;如为新版本,请填写不同的版本名称"


def law_preview(*, text: str, overrides: dict | None = None) -> LawPreview:
    """Parse `text` without saving: chapters, article count, the first articles, warnings (gaps in numbering,
    text before the first article) and the errors that would refuse the import (no articles, no title or level,
    a duplicate title and version)."""
    text = text or ""
    parsed = law_parser.parse(text[:MAX_LAW_TEXT_CHARS + 1])
    values = _metadata(parsed, overrides or {})
    return LawPreview(parsed=parsed, metadata=values, warnings=list(parsed.warnings),
                      errors=_problems(parsed, values, text))


@transaction.atomic
def law_import(*, by, text: str, title: str = "", short_title: str = "", level: str = "", issuing_body: str = "",
               document_number: str = "", promulgated_on: dt.date | None = None,
               effective_on: dt.date | None = None, status: str = "", version: str = "",
               status_changed_on: dt.date | None = None, history_note: str = "") -> Law:
    """Create a law and its articles from the official text (law_parser). Values given here override what the
    history lines say. Refused, with nothing saved, for the errors `law_preview` lists; a duplicate title and
    version is refused even when two imports race (the unique constraint). `history_note` is appended to the
    history lines (e.g. how the law stands towards a later one). Records LAW_IMPORTED."""
    overrides = {"title": title, "short_title": short_title, "level": level, "issuing_body": issuing_body,
                 "document_number": document_number, "promulgated_on": promulgated_on,
                 "effective_on": effective_on, "status": status, "version": version}
    preview = law_preview(text=text, overrides=overrides)
    if preview.errors:
        duplicate = any("不能重复导入" in e for e in preview.errors)
        raise DomainError("law_duplicate" if duplicate else "law_text_invalid", ";".join(preview.errors),
                          field="title" if duplicate else None)
    values, parsed = preview.metadata, preview.parsed
    law = Law(title=values["title"], short_title=values["short_title"] or "", level=values["level"],
              issuing_body=values["issuing_body"] or "", document_number=values["document_number"] or "",
              promulgated_on=values["promulgated_on"], effective_on=values["effective_on"],
              status=values["status"], version=values["version"],
              history="\n".join([*parsed.history, *([history_note.strip()] if history_note.strip() else [])]),
              preamble=parsed.preamble,
              status_changed_on=status_changed_on if values["status"] != LawStatus.IN_FORCE else None)
    law.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            law.save()
    except IntegrityError as exc:  # the unique constraint: another import of the same law won the race
        raise DomainError("law_duplicate", _duplicate_message(law.title, law.version), field="title") from exc
    Article.objects.bulk_create(
        [Article(law=law, number=a.number, sub_number=a.sub_number, label=a.label, chapter=a.chapter,
                 section=a.section, text=a.text, paragraphs=a.paragraphs) for a in parsed.articles],
        batch_size=1000)
    records.append(
        ledger_key=records.OFFICE_LEDGER_KEY, ledger_name=OFFICE_LEDGER_NAME, actor=by, action=Action.LAW_IMPORTED,
        subject_type=Law._meta.label, subject_id=str(law.public_id),
        payload={"title": law.title, "version": law.version, "level": law.level, "status": law.status,
                 "articles": len(parsed.articles), "warnings": preview.warnings,
                 "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()},
    )
    return law


def _review_reason(law: Law, status: str, on: dt.date, superseded_by: Law | None) -> str:
    reason = f"所依据的《{law.title}》{f'({law.version})' if law.version else ''}已于{on:%Y年%m月%d日}"
    reason += STATUS_VERB.get(status, "变更")
    if superseded_by is not None:
        reason += f",现行版本为{superseded_by}"
    return (reason + ",请复核执法依据")[:PowerItem._meta.get_field("review_reason").max_length]


@transaction.atomic
def law_status_change(*, by, law: Law, status: str, on: dt.date, superseded_by: Law | None = None,
                      reason: str) -> dict:
    """Mark a law amended or repealed (or in force again) as of `on`, optionally pointing to the version that
    supersedes it. When it is amended or repealed, every power item that cites one of its articles and is not
    abolished is flagged needs_review with the reason; each flag is recorded (POWER_ITEM_FLAGGED) and, after the
    commit, power_items_flagged is sent so the departments get a warning. Returns {"law", "flagged"}."""
    if status not in LawStatus.values:
        raise DomainError("law_status_invalid", "时效性无效", field="status")
    if not (reason or "").strip():
        raise DomainError("law_status_reason_required", "请填写变更原因(如修改决定或废止决定的名称、文号)",
                          field="reason")
    law = Law.objects.select_for_update().get(pk=law.pk)
    if status == law.status:
        raise DomainError("law_status_unchanged", f"该法规已是“{law.get_status_display()}”", field="status")
    if superseded_by is not None:
        if superseded_by.pk == law.pk:
            raise DomainError("law_superseded_by_self", "不能指定本法规为其替代版本", field="superseded_by")
        if status == LawStatus.IN_FORCE:
            raise DomainError("law_superseded_in_force", "现行有效的法规不应有替代版本", field="superseded_by")
    if law.promulgated_on and on < law.promulgated_on:
        raise DomainError("law_status_before_promulgation", "变更日期不能早于公布日期", field="on")
    previous = law.status
    law.status = status
    law.status_changed_on = on
    law.superseded_by = superseded_by if status != LawStatus.IN_FORCE else None
    law.full_clean(validate_unique=False)
    law.save(update_fields=["status", "status_changed_on", "superseded_by", "updated_at"])
    flagged: list[PowerItem] = []
    if status in (LawStatus.AMENDED, LawStatus.REPEALED):
        review_reason = _review_reason(law, status, on, superseded_by)
        citing = LegalBasis.objects.filter(article__law=law).values("power_item_id")
        flagged = list(PowerItem.objects.select_for_update().filter(pk__in=citing)
                       .exclude(status=PowerItemStatus.ABOLISHED).order_by("code"))
        if flagged:
            PowerItem.objects.filter(pk__in=[item.pk for item in flagged]).update(
                needs_review=True, review_reason=review_reason, updated_at=timezone.now())
    records.append(
        ledger_key=records.OFFICE_LEDGER_KEY, ledger_name=OFFICE_LEDGER_NAME, actor=by,
        action=Action.LAW_STATUS_CHANGED, subject_type=Law._meta.label, subject_id=str(law.public_id),
        payload={"title": law.title, "version": law.version, "from": previous, "to": status, "on": on,
                 "superseded_by": str(superseded_by.public_id) if superseded_by else None,
                 "reason": reason.strip(), "flagged_items": len(flagged)},
    )
    if flagged:
        records.append_many(
            ledger_key=records.OFFICE_LEDGER_KEY, ledger_name=OFFICE_LEDGER_NAME, actor=by,
            items=[{"action": Action.POWER_ITEM_FLAGGED, "subject_type": PowerItem._meta.label,
                    "subject_id": str(item.public_id),
                    "payload": {"code": item.code, "name": item.name, "law": str(law.public_id),
                                "reason": review_reason}} for item in flagged])
        item_ids = [item.pk for item in flagged]
        transaction.on_commit(lambda: power_items_flagged.send(sender=Law, item_ids=item_ids, on=on))
    return {"law": law, "flagged": len(flagged)}
