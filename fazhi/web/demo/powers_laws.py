"""Demo: the law library — the 15 official texts of ../shared/domain/laws/ (a copy ships in
fazhi/powers/data/laws/ for a checkout without ../shared), imported through fazhi.powers.services.law_import with
the level, issuing body, document number, dates and status each really has. No statute text is made up.

Status as of the texts' own provisions: 《法规规章备案条例》(2001) was repealed on 2024-11-01 by article 26 of
《法规规章备案审查条例》, so it is loaded, then repealed with the later one as its successor (through
law_status_change, so the act is recorded). 《行政复议法实施条例》(2007) has been neither amended nor repealed and
stays in force, but the 2023 revision of the law it implements has applied since 2024-01-01: its history says so.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.db import transaction

from fazhi.powers import services
from fazhi.powers.enums import LawLevel, LawStatus
from fazhi.powers.models import Law

D = dt.date
NPCSC = "全国人民代表大会常务委员会"
STATE_COUNCIL = "国务院"

# file stem -> what the official record says of each text (the history lines in the texts agree where they have
# them; the rest is from the promulgation orders named in document_number).
LAWS = {
    "行政处罚法(2021-01-22)": dict(
        short_title="行政处罚法", level=LawLevel.LAW, issuing_body=NPCSC, document_number="主席令第七十号",
        promulgated_on=D(2021, 1, 22), effective_on=D(2021, 7, 15), version="2021年修订"),
    "行政许可法(2019-04-23)": dict(
        short_title="行政许可法", level=LawLevel.LAW, issuing_body=NPCSC, document_number="主席令第二十九号",
        promulgated_on=D(2019, 4, 23), effective_on=D(2019, 4, 23), version="2019年修正"),
    "行政强制法(2011-06-30)": dict(
        short_title="行政强制法", level=LawLevel.LAW, issuing_body=NPCSC, document_number="主席令第四十九号",
        promulgated_on=D(2011, 6, 30), effective_on=D(2012, 1, 1), version="2011年通过"),
    "行政复议法(2023-09-01)": dict(
        short_title="行政复议法", level=LawLevel.LAW, issuing_body=NPCSC, document_number="主席令第九号",
        promulgated_on=D(2023, 9, 1), effective_on=D(2024, 1, 1), version="2023年修订"),
    "行政诉讼法(2017-06-27)": dict(
        short_title="行政诉讼法", level=LawLevel.LAW, issuing_body=NPCSC, document_number="主席令第七十一号",
        promulgated_on=D(2017, 6, 27), effective_on=D(2017, 7, 1), version="2017年修正"),
    "行政复议法实施条例(2007-05-29)": dict(
        short_title="行政复议法实施条例", level=LawLevel.ADMINISTRATIVE_REGULATION, issuing_body=STATE_COUNCIL,
        document_number="国务院令第499号", promulgated_on=D(2007, 5, 29), effective_on=D(2007, 8, 1),
        version="2007年公布",
        history_note="注:2023年修订的《中华人民共和国行政复议法》自2024年1月1日起施行;本条例未被废止,"
                     "但与修订后的行政复议法不一致的规定不再适用,以行政复议法为准。"),
    "政府信息公开条例(2019-04-03)": dict(
        short_title="政府信息公开条例", level=LawLevel.ADMINISTRATIVE_REGULATION, issuing_body=STATE_COUNCIL,
        document_number="国务院令第711号", promulgated_on=D(2019, 4, 3), effective_on=D(2019, 5, 15),
        version="2019年修订"),
    "优化营商环境条例(2019-10-22)": dict(
        level=LawLevel.ADMINISTRATIVE_REGULATION, issuing_body=STATE_COUNCIL, document_number="国务院令第722号",
        promulgated_on=D(2019, 10, 22), effective_on=D(2020, 1, 1), version="2019年公布"),
    "企业信息公示暂行条例(2014-08-07)": dict(
        level=LawLevel.ADMINISTRATIVE_REGULATION, issuing_body=STATE_COUNCIL, document_number="国务院令第654号",
        promulgated_on=D(2014, 8, 7), effective_on=D(2014, 10, 1), version="2014年公布"),
    "重大行政决策程序暂行条例(2019-04-20)": dict(
        level=LawLevel.ADMINISTRATIVE_REGULATION, issuing_body=STATE_COUNCIL, document_number="国务院令第713号",
        promulgated_on=D(2019, 4, 20), effective_on=D(2019, 9, 1), version="2019年公布"),
    "规章制定程序条例(2017-12-22)": dict(
        level=LawLevel.ADMINISTRATIVE_REGULATION, issuing_body=STATE_COUNCIL, document_number="国务院令第695号",
        promulgated_on=D(2017, 12, 22), effective_on=D(2018, 5, 1), version="2017年修订",
        history_note="2017年12月22日 中华人民共和国国务院令第695号修订"),
    "法规规章备案审查条例(2024-08-30)": dict(
        level=LawLevel.ADMINISTRATIVE_REGULATION, issuing_body=STATE_COUNCIL, document_number="国务院令第789号",
        promulgated_on=D(2024, 8, 30), effective_on=D(2024, 11, 1), version="2024年公布"),
    "法规规章备案条例(2001-12-14)": dict(
        level=LawLevel.ADMINISTRATIVE_REGULATION, issuing_body=STATE_COUNCIL, document_number="国务院令第337号",
        promulgated_on=D(2001, 12, 14), effective_on=D(2002, 1, 1), version="2001年公布"),
    "市场监督管理行政处罚信息公示规定(2021-07-30)": dict(
        level=LawLevel.DEPARTMENTAL_RULE, issuing_body="国家市场监督管理总局", document_number="国家市场监督管理总局令第45号",
        promulgated_on=D(2021, 7, 30), effective_on=D(2021, 9, 1), version="2021年公布"),
    "最高人民法院关于适用《行政诉讼法》的解释(2018-02-06)": dict(
        short_title="行诉法解释", level=LawLevel.JUDICIAL_INTERPRETATION, issuing_body="最高人民法院",
        document_number="法释〔2018〕1号", promulgated_on=D(2018, 2, 6), effective_on=D(2018, 2, 8),
        version="2018年公布"),
}

# (repealed stem, successor stem, date, reason): repeals the texts themselves state.
REPEALS = [
    ("法规规章备案条例(2001-12-14)", "法规规章备案审查条例(2024-08-30)", D(2024, 11, 1),
     "《法规规章备案审查条例》(国务院令第789号)第二十六条:本条例自2024年11月1日起施行,"
     "《法规规章备案条例》同时废止"),
]


def laws_dir() -> Path:
    """../shared/domain/laws beside the checkout, else the copy inside the package."""
    shared = Path(settings.BASE_DIR).parent / "shared" / "domain" / "laws"
    if shared.is_dir() and any(shared.glob("*.md")):
        return shared
    return Path(__file__).resolve().parents[2] / "powers" / "data" / "laws"


@transaction.atomic
def load(*, by, today: dt.date) -> dict:
    """Import the 15 texts (skipping any already loaded) and apply the repeals dated on or before `today`.
    Returns counts."""
    folder = laws_dir()
    counts = {"laws": 0, "articles": 0, "skipped": 0, "repealed": 0, "flagged_items": 0}
    loaded: dict[str, Law] = {}
    for stem, meta in LAWS.items():
        path = folder / f"{stem}.md"
        text = path.read_text(encoding="utf-8")
        preview = services.law_preview(text=text, overrides=meta)
        existing = Law.objects.filter(title=preview.metadata["title"], version=meta["version"]).first()
        if existing is not None:
            loaded[stem] = existing
            counts["skipped"] += 1
            continue
        law = services.law_import(by=by, text=text, status=LawStatus.IN_FORCE, **meta)
        loaded[stem] = law
        counts["laws"] += 1
        counts["articles"] += law.articles.count()
    for stem, successor, on, reason in REPEALS:
        law = loaded[stem]
        if on <= today and law.status != LawStatus.REPEALED:
            result = services.law_status_change(by=by, law=law, status=LawStatus.REPEALED, on=on,
                                                superseded_by=loaded[successor], reason=reason)
            counts["repealed"] += 1
            counts["flagged_items"] += result["flagged"]
    return counts
