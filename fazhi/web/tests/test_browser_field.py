"""Browser journey on a phone (390×844, Playwright driving Debian's Chromium): an officer on site writes an on-site
record; the connection drops — the banner says the draft is kept on the phone and a submit is held back; after a
reload the draft comes back; back online, the record is saved with the certificates shown (XZCF-52).

Screenshots land in /tmp/fazhi-shots/ (outside the repository)."""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (scripts/ensure_chromium.sh installs it)", allow_module_level=True)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from fazhi.enforcement.models import OnSiteRecord  # noqa: E402
from fazhi.enforcement.tests import builders as b  # noqa: E402
from fazhi.enforcement.tests.conftest import enf  # noqa: E402,F401 - the enforcement world of body A

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/fazhi-shots")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2,
         "locale": "zh-CN"}


def test_onsite_record_on_a_phone_keeps_its_draft_through_a_dropped_connection(live_server, enf):  # noqa: F811
    case = b.filed(enf)
    enf.o1.user = enf.d.officer_a
    enf.o1.save()
    base = live_server.url
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(**PHONE)
        page = context.new_page()
        page.goto(f"{base}/accounts/login/")
        page.get_by_label("用户名").fill(enf.d.officer_a.username)
        page.get_by_label("密码").fill(enf.d.password)
        page.get_by_role("button", name="登录").click()
        page.goto(f"{base}/cases/field/")
        expect(page.locator("body")).to_contain_text(case.number)
        page.goto(f"{base}/cases/{case.public_id}/field/onsite/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls sideways

        page.locator("[name=place]").fill("赛罕区大学东街1号某超市")
        page.locator("[name=party_present]").fill("店长王某")
        page.locator("[name=content]").fill("经现场检查,货架上有超过保质期的牛奶36盒。")
        context.set_offline(True)
        expect(page.get_by_test_id("offline-banner")).to_be_visible()
        page.get_by_test_id("submit").click()  # held back: nothing leaves the phone
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "field-offline.png"), full_page=True)
        assert not OnSiteRecord.objects.exists()

        context.set_offline(False)
        page.reload()
        expect(page.locator("[name=content]")).to_have_value("经现场检查,货架上有超过保质期的牛奶36盒。")
        expect(page.locator("[name=place]")).to_have_value("赛罕区大学东街1号某超市")
        for officer in (enf.o1, enf.o2):
            page.locator(f"[name=officers][value='{officer.pk}']").check()
            page.locator(f"[name=certificates_shown][value='{officer.certificates.first().number}']").check()
        page.get_by_test_id("submit").click()
        page.wait_for_load_state()
        record = OnSiteRecord.objects.get()
        assert record.place == "赛罕区大学东街1号某超市" and len(record.certificates_shown) == 2
        context.close()
        browser.close()
