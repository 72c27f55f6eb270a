"""Fixtures of the power-list tests: a small law library (a law in force, a repealed one) and item helpers."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.powers import services
from fazhi.powers.enums import LawLevel, LawStatus, PowerCategory
from fazhi.powers.models import Article, Law


@pytest.fixture
def library(db):
    """《中华人民共和国行政许可法》 (in force, articles 12, 42 with two paragraphs) and a repealed regulation."""
    licensing = Law.objects.create(title="中华人民共和国行政许可法", short_title="行政许可法", level=LawLevel.LAW,
                                   status=LawStatus.IN_FORCE, effective_on=dt.date(2019, 4, 23), version="2019年修正")
    a12 = Article.objects.create(law=licensing, number=12, label="第十二条", text="下列事项可以设定行政许可:……")
    a42 = Article.objects.create(law=licensing, number=42, label="第四十二条", text="除可以当场作出行政许可决定的外……",
                                 paragraphs=[{"text": "第一款", "items": []}, {"text": "第二款", "items": []}])
    penalty = Law.objects.create(title="中华人民共和国行政处罚法", short_title="行政处罚法", level=LawLevel.LAW,
                                 status=LawStatus.IN_FORCE, effective_on=dt.date(2021, 7, 15), version="2021年修订")
    p9 = Article.objects.create(law=penalty, number=9, label="第九条", text="行政处罚的种类:……")
    old = Law.objects.create(title="城市市容管理暂行办法", level=LawLevel.LOCAL_GOVERNMENT_RULE,
                             status=LawStatus.REPEALED, effective_on=dt.date(2001, 1, 1))
    o3 = Article.objects.create(law=old, number=3, label="第三条", text="已废止的条文")

    class Library:
        pass

    lib = Library()
    lib.licensing, lib.a12, lib.a42, lib.penalty, lib.p9, lib.old, lib.o3 = licensing, a12, a42, penalty, p9, old, o3
    return lib


def make_item(district, library, *, by=None, code="SCJG-XK-001", name="食品经营许可", category=PowerCategory.LICENSING,
              departments=None, **extra):
    kwargs = {"legal_bases": [(library.a12, None, None)],
              "responsibilities": [("accept", "依法受理申请"), ("decide", "作出许可决定")]}
    kwargs.update(extra)
    return services.power_item_create(by=by or district.legal, code=code, name=name, category=category,
                                      departments=departments or [district.org_a], **kwargs)


def publish(item, by, on=dt.date(2015, 6, 30), number="赛政发〔2015〕20号"):
    return services.power_item_publish(by=by, item=item, reason="公布权责清单", effective_on=on,
                                       document_number=number)
