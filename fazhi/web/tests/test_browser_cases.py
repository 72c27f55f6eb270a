"""Browser journey (Playwright driving Debian's Chromium) of a penalty case from the lead to its publication:
an officer registers and files the case, notifies the party, drafts a decision that falls under the body's catalogue
of major decisions; the head sees the decision blocked by XZCF-58; a legal reviewer approves; the head decides;
the officer serves and publishes; the public finds the decision by its number and checks its digest.

Screenshots of every step land in /tmp/fazhi-shots/ (outside the repository)."""

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (scripts/ensure_chromium.sh installs it)", allow_module_level=True)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from fazhi.enforcement.models import Case, MajorCatalogueItem  # noqa: E402
from fazhi.enforcement.tests.conftest import enf  # noqa: E402,F401 - the enforcement world of body A
from fazhi.records.services import heads_publish  # noqa: E402

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/fazhi-shots")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
CONTEXT = {"viewport": {"width": 1280, "height": 800}, "locale": "zh-CN"}
D = dt.date


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"case-{name}.png"), full_page=True)


def log_in(browser, base, user, password):
    context = browser.new_context(**CONTEXT)
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="我的工作台")).to_be_visible()
    return context, page


def step(page, base, case, name, fields: dict, *, checks=(), submit=True):
    page.goto(f"{base}/cases/{case.public_id}/step/{name}/")
    for field, value in fields.items():
        page.locator(f"[name={field}]").fill(value)
    for selector in checks:
        page.locator(selector).check()
    if submit:
        page.get_by_test_id("submit").click()
        expect(page.get_by_test_id("case-title")).to_be_visible()


def test_penalty_case_from_lead_to_publication_with_a_blocked_decision(browser, live_server, enf):  # noqa: F811
    d, base = enf.d, live_server.url
    MajorCatalogueItem.objects.create(body=enf.body, title="罚款数额在五千元以上的", min_fine=Decimal("5000"),
                                      published_on=D(2026, 1, 5))

    # --- the officer: register the lead, file the case --------------------------------------------------------
    ctx, page = log_in(browser, base, d.officer_a, d.password)
    page.goto(f"{base}/cases/new/")
    page.locator("[name=body]").select_option(str(enf.body.public_id))
    page.locator("[name=category]").select_option("market")
    page.locator("[name=title]").fill("销售超过保质期的食品")
    page.locator("[name=lead_source]").select_option("complaint")
    page.locator("[name=lead_received_on]").fill("2026-11-02")
    page.locator("[name=lead_summary]").fill("群众投诉某超市销售过期牛奶")
    page.locator("[name=party_type]").select_option("legal_person")
    page.locator("[name=party_name]").fill("呼和浩特市某某超市有限公司")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("case-status")).to_have_text("案源登记")
    case = Case.objects.get(title="销售超过保质期的食品")
    shot(page, "1-lead")

    page.get_by_test_id("step-file-form").click()
    page.locator("[name=filed_on]").fill("2026-11-02")
    page.locator("[name=power_item]").select_option(str(enf.item.public_id))
    page.locator("[name=legal_bases]").first.check()
    page.locator("[name=lead_officer]").select_option(str(enf.o1.public_id))
    page.locator(f"[name=assistants][value='{enf.o2.public_id}']").check()
    page.locator("[name=discovered_on]").fill("2026-11-02")
    page.locator("[name=violation_on]").fill("2026-10-30")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("case-status")).to_have_text("调查取证")
    expect(page.get_by_test_id("case-title")).to_contain_text("赛市监立〔2026〕1号")
    shot(page, "2-filed")

    # --- notice, waiver, draft ------------------------------------------------------------------------------
    step(page, base, case, "notice_issue", {"issued_on": "2026-11-10", "fine_amount": "8000",
                                            "confiscation_amount": "0", "facts": "当事人销售过期牛奶36盒",
                                            "reasons_and_basis": "依据《中华人民共和国食品安全法》第一百二十四条"},
         checks=["[name=penalty_kinds][value=warning]", "[name=penalty_kinds][value=fine]"])
    step(page, base, case, "notice_serve", {"served_on": "2026-11-10", "recipient": "当事人法定代表人"})
    step(page, base, case, "statement_record", {"on": "2026-11-11"}, checks=["[name=waived]"])
    page.goto(f"{base}/cases/{case.public_id}/step/draft_save/")
    page.locator("[name=outcome][value=penalty]").check()
    for kind in ("warning", "fine"):
        page.locator(f"[name=penalty_kinds][value={kind}]").check()
    for name, value in {"fine_amount": "8000", "confiscation_amount": "0",
                        "facts_and_evidence": "当事人销售过期牛奶36盒,有现场笔录、照片为证",
                        "penalty_and_basis": "依据《中华人民共和国食品安全法》第一百二十四条,给予警告并处罚款8000元",
                        "compliance": "自收到本决定书之日起十五日内缴纳罚款",
                        "remedies": "可在六十日内申请行政复议或者六个月内提起行政诉讼"}.items():
        page.locator(f"[name={name}]").fill(value)
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("major")).to_be_visible()  # the catalogue made it a major case
    ctx.close()

    # --- the head: the decision is blocked before the legal review (XZCF-58) --------------------------------
    ctx, page = log_in(browser, base, d.head_a, d.password)
    page.goto(f"{base}/cases/{case.public_id}/")
    blocked = page.get_by_test_id("step-decide-blocked")
    expect(blocked).to_contain_text("XZCF-58")
    shot(page, "3-decision-blocked")
    page.goto(f"{base}/cases/{case.public_id}/step/decide/")
    expect(page.get_by_test_id("step-blocked")).to_contain_text("法制审核")
    case.refresh_from_db()
    assert case.status == "notified"
    ctx.close()

    # --- the officer asks for the review; the reviewer approves --------------------------------------------
    ctx, page = log_in(browser, base, d.officer_a, d.password)
    step(page, base, case, "review_request", {"requested_on": "2026-11-12"})
    ctx.close()
    ctx, page = log_in(browser, base, d.reviewer_a, d.password)
    page.goto(f"{base}/cases/reviews/")
    expect(page.locator("body")).to_contain_text("赛市监立〔2026〕1号")
    page.get_by_test_id("review-open").first.click()
    for checkbox in page.locator("input[type=checkbox][name$=_ok]").all():
        checkbox.check()
    page.locator("[name=opinion]").fill("事实清楚,证据确凿,程序合法,适用依据正确,裁量适当")
    page.locator("[name=decided_on]").fill("2026-11-13")
    shot(page, "4-review")
    page.get_by_test_id("approve").click()
    ctx.close()

    # --- the head decides; the officer serves and publishes -------------------------------------------------
    ctx, page = log_in(browser, base, d.head_a, d.password)
    step(page, base, case, "decide", {"decided_on": "2026-11-16"})
    expect(page.get_by_test_id("decision-number")).to_have_text("赛市监罚〔2026〕1号")
    ctx.close()
    ctx, page = log_in(browser, base, d.officer_a, d.password)
    step(page, base, case, "decision_serve", {"served_on": "2026-11-17", "recipient": "当事人法定代表人"})
    page.get_by_test_id("publish").click()
    page.locator("[name=published_on]").fill("2026-11-18")
    page.get_by_test_id("publish").click()
    shot(page, "5-published")
    ctx.close()

    # --- the public: find the decision by its number, check its digest against the published head ----------
    heads_publish()
    context = browser.new_context(**CONTEXT)
    page = context.new_page()
    page.goto(f"{base}/public/decisions/?q=赛市监罚〔2026〕1号")
    page.get_by_role("link", name="赛市监罚〔2026〕1号").first.click()
    expect(page.locator("body")).to_contain_text("呼和浩特市某某超市有限公司")
    expect(page.locator("body")).to_contain_text("8000")
    page.get_by_test_id("verify-link").click()
    shot(page, "6-public-verify")
    expect(page.get_by_test_id("verification")).to_have_class("verify-result ok")
    for check in ("check-digest", "check-entry", "check-head"):
        expect(page.get_by_test_id(check)).to_contain_text("✔")
    context.close()
