"""Word documents from case data: each one's key texts and numbers, the hearing clause present or absent, refusal
before the data exists (nothing recorded), the same bytes for the same data, the record of a download, and the
download view's scope."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from fazhi.core.deadlines import zh_date
from fazhi.core.errors import DomainError
from fazhi.enforcement.documents import document_generate, document_render, documents_ready
from fazhi.enforcement.documents.layout import rmb_upper
from fazhi.enforcement.enums import DocumentKind
from fazhi.enforcement.services import cases as svc
from fazhi.enforcement.tests import builders as b
from fazhi.records.enums import Action
from fazhi.records.models import Entry

D = dt.date
K = DocumentKind


def text_of(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def with_hearing(enf):
    """A notice of a 20,000 yuan fine to a company (≥ the 10,000 threshold: hearing right, XZCF-63), a hearing
    requested and scheduled with the notice served 7 working days ahead (XZCF-64)."""
    case = b.notified(enf, fine=Decimal("20000"))
    svc.hearing_request(by=enf.d.officer_a, case=case, requested_on=D(2026, 9, 3))
    svc.hearing_schedule(by=enf.d.officer_a, case=case, notice_served_on=D(2026, 9, 4), hearing_on=D(2026, 9, 18),
                         place="赛罕区市场监督管理局听证室", presiding_officer=enf.presiding)
    case.refresh_from_db()
    return case


# --- each document -------------------------------------------------------------------------------------------------

def test_filing_approval(enf):
    case = b.filed(enf)
    rendered = document_render(case, K.FILING_APPROVAL)
    text = text_of(rendered.data)
    assert case.number == "赛市监立〔2026〕1号" and case.number in text
    for expected in ("立案审批表", "赛罕区市场监督管理局", case.title, case.party_name, "投诉举报",
                     "群众投诉该公司销售过期食品", "张明(主办)", "李华(协办)", enf.item.code, enf.item.name,
                     "《中华人民共和国食品安全法》第一百二十四条", case.filed_by.display_name, zh_date(case.filed_on)):
        assert expected in text, expected
    for co in case.case_officers.all():
        assert co.certificate.number in text
    assert rendered.filename == f"立案审批表-{case.number}.docx"


def test_layout_title_centred_number_right_fonts_east_asian(enf):
    case, decision = b.served(enf)
    doc = Document(io.BytesIO(document_render(case, K.PENALTY_DECISION).data))
    paragraphs = doc.paragraphs
    assert [p.text for p in paragraphs[:3]] == ["赛罕区市场监督管理局", "行政处罚决定书", decision.number]
    assert paragraphs[0].alignment == paragraphs[1].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert paragraphs[2].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert paragraphs[1].runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    body = next(p for p in paragraphs if "违法" in p.text and p.runs)
    assert body.runs[-1]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    # the signature: the body's name and the date in Chinese, right-aligned, at the end
    assert [p.text for p in paragraphs[-2:]] == ["赛罕区市场监督管理局", zh_date(decision.decided_on)]
    assert paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.top_margin.mm) == 37


def test_penalty_notice_without_hearing_right(enf):
    case = b.notified(enf)  # 5,000 yuan to a company: below the 10,000 threshold
    assert case.notice.hearing_right is False
    text = text_of(document_render(case, K.PENALTY_NOTICE).data)
    assert case.notice.number == "赛市监告〔2026〕1号" and case.notice.number in text
    for expected in ("行政处罚事先告知书", case.party_name, "当事人销售过期食品12箱", "第一百二十四条", "警告",
                     "罚款人民币5,000.00元(大写:伍仟元整)", "陈述、申辩", zh_date(D(2026, 9, 1))):
        assert expected in text, expected
    assert "听证" not in text


def test_penalty_notice_with_hearing_right_states_the_request_due_date(enf):
    case = b.notified(enf, fine=Decimal("20000"))
    notice = case.notice
    assert notice.hearing_right and notice.hearing_request_due == D(2026, 9, 9)  # served 09-02 + 5 WD
    text = text_of(document_render(case, K.PENALTY_NOTICE).data)
    assert "有权要求举行听证" in text and "五个工作日内,即2026年9月9日前" in text
    assert "罚款人民币20,000.00元(大写:贰万元整)" in text


def test_hearing_notice(enf):
    case = with_hearing(enf)
    hearing = case.hearing
    text = text_of(document_render(case, K.HEARING_NOTICE).data)
    assert hearing.number == "赛市监听〔2026〕1号"
    for expected in (hearing.number, "听证通知书", case.party_name, "2026年9月18日", "赛罕区市场监督管理局听证室",
                     "赵敏", "2026年9月3日", "申请回避", case.number):
        assert expected in text, expected


def test_penalty_decision(enf):
    case, decision = b.served(enf)
    text = text_of(document_render(case, K.PENALTY_DECISION).data)
    for expected in (decision.number, case.party_name, "统一社会信用代码", "赛罕区大学东街1号",
                     "当事人销售过期食品12箱,有现场笔录、照片为证", "罚款人民币5,000.00元(大写:伍仟元整)", "警告",
                     f"于{zh_date(decision.payment_due)}前缴纳罚款", "百分之三", "六十日", "六个月",
                     case.notice.number, zh_date(decision.decided_on)):
        assert expected in text, expected


def test_decision_before_service_gives_the_fifteen_days(enf):
    case, decision = b.decided(enf)
    assert decision.payment_due is None
    assert "自收到本决定书之日起十五日内缴纳罚款" in text_of(document_render(case, K.PENALTY_DECISION).data)


def test_no_penalty_decision(enf):
    case = b.filed(enf)
    b.draft(enf, case, outcome="no_penalty", no_penalty_reason="first_offence")
    decision = svc.case_decide(by=enf.d.head_a, case=case, decided_on=D(2026, 7, 1))
    case.refresh_from_db()
    rendered = document_render(case, K.PENALTY_DECISION)
    text = text_of(rendered.data)
    assert rendered.title == "不予行政处罚决定书" and decision.number in text
    assert "不予行政处罚" in text and "初次违法" in text and "罚款人民币" not in text


def test_service_receipt_lists_each_service(enf):
    case, decision = b.served(enf)
    text = text_of(document_render(case, K.SERVICE_RECEIPT).data)
    for expected in ("送达回证", case.notice.number, decision.number, "行政处罚事先告知书", "行政处罚决定书",
                     "直接送达", "当事人法定代表人", "2026年9月2日", "2026年9月21日", "受送达人签名或盖章"):
        assert expected in text, expected



def test_documents_do_not_depend_on_the_ui_language(enf):
    case, _decision = b.served(enf)
    chinese = {r.kind: r for r in documents_ready(case)}
    with translation.override("en"):
        english = {r.kind: r for r in documents_ready(case)}
    assert chinese.keys() == english.keys() and K.SERVICE_RECEIPT in chinese
    for kind, rendered in chinese.items():
        assert (english[kind].data, english[kind].title) == (rendered.data, rendered.title), kind

# --- not ready -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", [K.FILING_APPROVAL, K.PENALTY_NOTICE, K.HEARING_NOTICE, K.PENALTY_DECISION,
                                  K.SERVICE_RECEIPT])
def test_not_ready_on_a_lead_is_refused_and_nothing_recorded(enf, kind):
    case = b.lead(enf)
    before = Entry.objects.count()
    with pytest.raises(DomainError) as exc:
        document_generate(by=enf.d.officer_a, case=case, kind=kind)
    assert exc.value.code == "document_not_ready" and exc.value.message
    assert Entry.objects.count() == before


def test_decision_not_ready_while_only_notified_and_ready_list_follows_the_procedure(enf):
    case = b.notified(enf)
    with pytest.raises(DomainError, match="尚未作出处理决定"):
        document_render(case, K.PENALTY_DECISION)
    assert [r.kind for r in documents_ready(case)] == [K.FILING_APPROVAL, K.PENALTY_NOTICE, K.SERVICE_RECEIPT]


# --- same data, same bytes; the record -----------------------------------------------------------------------------

def test_same_data_gives_the_same_bytes(enf):
    case, _ = b.served(enf)
    first = document_render(case, K.PENALTY_DECISION).data
    case.refresh_from_db()
    assert document_render(case, K.PENALTY_DECISION).data == first
    doc = Document(io.BytesIO(first))
    assert doc.core_properties.created == dt.datetime(2026, 9, 20, tzinfo=dt.UTC)
    assert doc.core_properties.last_modified_by == "赛罕区市场监督管理局"
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert {info.date_time for info in zf.infolist()} == {(2026, 9, 20, 0, 0, 0)}


def test_generate_records_kind_number_and_digest(enf):
    case, decision = b.served(enf)
    filename, data = document_generate(by=enf.d.officer_a, case=case, kind=K.PENALTY_DECISION)
    entry = Entry.objects.filter(action=Action.CASE_DOCUMENT_GENERATED).get()
    assert entry.subject_id == str(case.public_id) and entry.ledger.key == enf.body.ledger_key
    assert entry.payload["kind"] == "penalty_decision" and entry.payload["number"] == decision.number
    assert entry.payload["sha256"] == hashlib.sha256(data).hexdigest() and entry.payload["size"] == len(data)
    assert filename == f"行政处罚决定书-{decision.number}.docx"


def test_generate_refuses_a_user_outside_the_case_scope(enf):
    case = b.filed(enf)
    with pytest.raises(DomainError) as exc:
        document_generate(by=enf.d.admin_b, case=case, kind=K.FILING_APPROVAL)
    assert exc.value.code == "permission_denied"


def test_rmb_upper():
    assert rmb_upper(Decimal("5000")) == "伍仟元整"
    assert rmb_upper(Decimal("20000")) == "贰万元整"
    assert rmb_upper(Decimal("1.05")) == "壹元零伍分"
    assert rmb_upper(Decimal("10005.5")) == "壹万零伍元伍角整"
    assert rmb_upper(Decimal("100010000")) == "壹亿零壹万元整"
    assert rmb_upper(Decimal("0.3")) == "叁角整"


# --- the download view ---------------------------------------------------------------------------------------------

def url(case, kind):
    return reverse("enforcement:document_download", kwargs={"public_id": case.public_id, "kind": kind})


def test_download_view(enf, client_for):
    case = b.filed(enf)
    response = client_for(enf.d.officer_a).get(url(case, K.FILING_APPROVAL))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert case.number in text_of(data)
    assert Entry.objects.filter(action=Action.CASE_DOCUMENT_GENERATED,
                                payload__sha256=hashlib.sha256(data).hexdigest()).exists()


def test_download_view_scoped_404_for_another_body(enf, client_for):
    case = b.filed(enf)
    before = Entry.objects.count()
    assert client_for(enf.d.admin_b).get(url(case, K.FILING_APPROVAL)).status_code == 404
    assert Entry.objects.count() == before


def test_download_view_not_ready_goes_back_with_the_reason(enf, client_for):
    case = b.filed(enf)
    response = client_for(enf.d.officer_a).get(url(case, K.PENALTY_DECISION), follow=False)
    assert response.status_code == 302
    assert response["Location"] == reverse("enforcement:case_detail", kwargs={"public_id": case.public_id})


def test_download_view_unknown_kind_404(enf, client_for):
    case = b.filed(enf)
    assert client_for(enf.d.officer_a).get(url(case, "no_such_document")).status_code == 404
