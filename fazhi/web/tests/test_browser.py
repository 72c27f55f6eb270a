"""Browser journeys (Playwright driving Debian's Chromium) against a live server, at desktop and phone widths:
log in → find an officer → revoke the certificate → verify it publicly as invalid.

Screenshots of every step land in /tmp/fazhi-shots/ (outside the repository) for a human to look at."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (scripts/ensure_chromium.sh installs it)", allow_module_level=True)

# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from fazhi.personnel.selectors import today  # noqa: E402
from fazhi.personnel.tests.factories import CertificateFactory, OfficerFactory  # noqa: E402

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/fazhi-shots")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# A Chinese browser: LocaleMiddleware would otherwise answer Playwright's default en-US with the English UI.
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}, "locale": "zh-CN"},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
              "device_scale_factor": 2, "locale": "zh-CN"},
}


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def shoot():
    SHOTS.mkdir(parents=True, exist_ok=True)

    def _shoot(page, name: str):
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    return _shoot


@pytest.fixture
def officers(district):
    """The officer to find, among colleagues of both bodies so that the filter has something to filter."""
    day = today()
    target = OfficerFactory(name="张卫国", organisation=district.org_a, phone="13912345678")
    cert = CertificateFactory(officer=target, number="15010520170001", valid_from=day - dt.timedelta(400),
                              valid_to=day + dt.timedelta(1500), categories=[district.market])
    for i, name in enumerate(["李娜", "王强", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周涛"]):
        colleague = OfficerFactory(name=name, organisation=district.org_a if i % 2 else district.org_b)
        CertificateFactory(officer=colleague, valid_from=day - dt.timedelta(2000),
                           valid_to=day + dt.timedelta(30 * (i - 2)),
                           categories=[district.market if i % 2 else district.urban])
    return target, cert


def log_in(page, base_url: str, username: str, password: str):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_find_officer_revoke_certificate_and_verify_publicly(browser, live_server, district, officers, shoot, size):
    target, cert = officers
    context = browser.new_context(**VIEWPORTS[size])
    page = context.new_page()
    page.set_default_timeout(15_000)

    # 1. log in as legal affairs office staff through the form
    log_in(page, live_server.url, district.legal.username, district.password)
    expect(page.get_by_role("heading", name="我的工作台")).to_be_visible()
    shoot(page, f"{size}-1-workbench")

    # 2. go to the officers through the navigation
    toggle = page.get_by_test_id("menu-toggle")
    if toggle.is_visible():  # phone width: the menu is folded behind a button
        toggle.click()
    page.get_by_role("link", name="执法人员", exact=True).first.click()
    expect(page.get_by_role("heading", name="执法人员", exact=True)).to_be_visible()
    expect(page.get_by_test_id("officer-link")).to_have_count(9)
    shoot(page, f"{size}-2-officer-list")

    # 3. find the officer by name with the filter (htmx, served locally, swaps the table)
    assert page.evaluate("typeof window.htmx") == "object"
    page.get_by_label("姓名/身份证号/证件编号").fill("张卫国")
    page.get_by_test_id("filter-submit").click()
    expect(page.get_by_test_id("officer-link")).to_have_count(1)
    expect(page.get_by_test_id("result-count")).to_contain_text("共 1 人")
    assert "q=" in page.url  # the filtered list has its own address (hx-push-url)
    shoot(page, f"{size}-3-officer-found")

    # 4. open the detail
    page.get_by_test_id("officer-link").click()
    expect(page.get_by_test_id("officer-name")).to_contain_text("张卫国")
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()
    shoot(page, f"{size}-4-officer-detail")

    # 5. revoke the current certificate with a reason
    page.locator(f'tr[data-number="{cert.number}"]').get_by_test_id("action-revoke").click()
    page.get_by_label("吊销原因").fill("违法实施行政处罚,情节严重")
    shoot(page, f"{size}-5a-revoke-form")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("certificate-status")).to_contain_text("吊销")
    expect(page.get_by_test_id("status-reason")).to_have_text("违法实施行政处罚,情节严重")
    expect(page.get_by_test_id("timeline")).to_contain_text("执法证件吊销")
    shoot(page, f"{size}-5-certificate-revoked")
    cert.refresh_from_db()
    assert cert.status == "revoked"

    # 6. the public, logged out, in a fresh browser context, checks the number
    public = browser.new_context(**VIEWPORTS[size])
    visitor = public.new_page()
    visitor.set_default_timeout(15_000)
    visitor.goto(f"{live_server.url}/public/")
    visitor.get_by_role("searchbox", name="证件编号").fill(cert.number)
    visitor.get_by_role("button", name="查验").click()
    verdict = visitor.get_by_test_id("verdict")
    expect(verdict).to_contain_text("无效")
    expect(verdict).to_contain_text("已吊销")
    expect(visitor.get_by_test_id("result-number")).to_have_text(cert.number)
    body = visitor.content()
    assert target.id_number not in body and target.phone not in body
    assert "违法实施行政处罚" not in body  # the reason is internal
    shoot(visitor, f"{size}-6-public-result")

    # the verdict box fits the phone: nothing forces the page wider than the viewport
    width = visitor.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[size]["viewport"]["width"]
    public.close()
    context.close()


def test_wrong_password_shows_the_chinese_error(browser, live_server, district, shoot):
    context = browser.new_context(**VIEWPORTS["phone"])
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server.url, district.legal.username, "Wrong-Password-9")
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(re.compile(r"[\u4e00-\u9fff]+"))
    expect(alert).to_contain_text("密码")
    assert page.url.startswith(f"{live_server.url}/accounts/login/")
    shoot(page, "phone-wrong-password")
    context.close()
