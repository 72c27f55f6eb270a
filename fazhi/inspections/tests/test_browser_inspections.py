"""Browser journey of random inspection (Playwright driving Debian's Chromium against a live server):

1. the department's administrator (desktop) creates a task from the overview, draws it with two witnesses and sees
   the drawn objects, their teams and the seed on the task page;
2. an inspector drawn into a team, on a phone (390×844), finds the object under 我的检查 and records an item's
   result with a photo from the camera input — the connection drops on the way: the draft stays on the phone and
   the submit is held back until it is back;
3. the administrator publishes the drawn list, ends the task and publishes the results;
4. the public task page shows the result.

Screenshots land in /tmp/fazhi-shots/ (outside the repository)."""

import os
import struct
import zlib
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (scripts/ensure_chromium.sh installs it)", allow_module_level=True)

# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from fazhi.inspections.enums import ResultOutcome, TaskStatus  # noqa: E402
from fazhi.inspections.models import Draw, InspectionResult, InspectionTask, ResultPhoto  # noqa: E402
from fazhi.inspections.services.results import result_record  # noqa: E402
from fazhi.personnel.selectors import today  # noqa: E402

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/fazhi-shots")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
DESKTOP = {"viewport": {"width": 1280, "height": 800}, "locale": "zh-CN"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2,
         "locale": "zh-CN"}


def png(width: int = 48, height: int = 32) -> bytes:
    """A small valid PNG (a red rectangle), built with the standard library: what the camera input uploads."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xb2\x22\x22" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


FINDINGS = "从业人员健康证过期2份,已当场责令改正"


def log_in(page, base: str, username: str, password: str):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def shoot(page, name: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"inspections-{name}.png"), full_page=True)


def test_task_draw_result_on_a_phone_and_publication(live_server, insp):
    d = insp.d
    base = live_server.url
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)

        # 1. the administrator creates a task and draws it ------------------------------------------------------
        desk = browser.new_context(**DESKTOP)
        page = desk.new_page()
        page.set_default_timeout(15_000)
        log_in(page, base, d.admin_a.username, d.password)
        page.get_by_role("link", name="双随机一公开", exact=True).first.click()
        expect(page.get_by_test_id("stat-items")).to_contain_text("3")
        shoot(page, "1-home")
        page.get_by_test_id("task-create").click()
        page.get_by_label("任务名称").fill("食品经营者随机抽查(浏览器)")
        for item in insp.a_items[:2]:
            page.locator(f"[name=lead_items][value='{item.pk}']").check()
        for name, value in (("ratio_a", "0"), ("ratio_b", "0"), ("ratio_c", "0"), ("ratio_d", "4")):
            page.locator(f"[name={name}]").fill(value)
        shoot(page, "2-task-form")
        page.get_by_test_id("submit").click()
        expect(page.get_by_test_id("task-status")).to_have_text("待抽取")
        task = InspectionTask.objects.get()

        page.get_by_test_id("act-task_draw").click()
        page.get_by_test_id("submit").click()  # no witness: refused in Chinese, nothing drawn
        expect(page.get_by_test_id("error-witnesses")).to_contain_text("请填写至少一名见证人")
        assert not Draw.objects.exists()
        page.get_by_label("见证人").fill("见证人甲\n见证人乙")
        page.get_by_test_id("submit").click()
        expect(page.get_by_test_id("task-status")).to_have_text("检查中")
        draw = Draw.objects.get()
        expect(page.get_by_test_id("seed")).to_have_text(draw.seed)
        expect(page.get_by_test_id("witnesses")).to_have_text("见证人甲、见证人乙")
        expect(page.get_by_test_id("drawn-row")).to_have_count(2)
        expect(page.get_by_test_id("team").first).not_to_be_empty()
        expect(page.get_by_test_id("act-task_end-blocked")).to_contain_text("尚有4项检查结果未录入")
        shoot(page, "3-task-drawn")

        # 2. a drawn inspector records a result on a phone ------------------------------------------------------
        drawn = task.drawn_objects.filter(is_current=True).order_by("position").first()
        team = [m.officer for m in drawn.team.select_related("officer").order_by("id")]
        team[0].user = d.officer_a  # the account of the inspector drawn first into this object's team
        team[0].save(update_fields=["user"])
        phone = browser.new_context(**PHONE)
        mobile = phone.new_page()
        mobile.set_default_timeout(15_000)
        log_in(mobile, base, d.officer_a.username, d.password)
        mobile.goto(f"{base}/inspections/mine/")
        row = mobile.locator(f"[data-testid=my-row][data-uscc='{drawn.object.uscc}']")
        expect(row).to_contain_text(drawn.object.name)
        shoot(mobile, "4-phone-mine")
        row.get_by_test_id("my-open").click()
        expect(mobile.get_by_test_id("drawn-name")).to_have_text(drawn.object.name)
        mobile.locator(f"[data-testid=item-row][data-item='{insp.a_items[0].code}']").get_by_test_id("record").click()
        expect(mobile.get_by_test_id("result-item")).to_have_text(insp.a_items[0].name)
        assert mobile.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls sideways
        camera = mobile.locator("input[type=file][name=photos]")
        assert camera.get_attribute("accept") == "image/*" and camera.get_attribute("capture") == "environment"
        assert camera.get_attribute("multiple") is not None
        own = mobile.locator(f"[name=inspectors][value='{team[0].public_id}']")
        expect(own).to_be_checked()  # the user's own officer is ticked
        expect(mobile.locator("[data-case-title]")).to_be_hidden()  # only for a referral

        mobile.locator("[name=outcome]").select_option(ResultOutcome.CORRECTED.value)
        mobile.locator("[name=findings]").fill(FINDINGS)
        phone.set_offline(True)
        expect(mobile.get_by_test_id("offline-banner")).to_be_visible()
        mobile.get_by_test_id("submit").click()  # held back: nothing leaves the phone
        shoot(mobile, "5-phone-offline")
        assert not InspectionResult.objects.exists()
        phone.set_offline(False)
        mobile.reload()
        expect(mobile.locator("[name=findings]")).to_have_value(FINDINGS)  # the draft came back
        expect(mobile.locator("[name=outcome]")).to_have_value(ResultOutcome.CORRECTED.value)
        mobile.locator(f"[name=inspectors][value='{team[1].public_id}']").check()
        camera.set_input_files([{"name": "现场.png", "mimeType": "image/png", "buffer": png()}])
        shoot(mobile, "6-phone-result-form")
        mobile.get_by_test_id("submit").click()
        expect(mobile.get_by_test_id("outcome").first).to_have_text("发现问题,已责令改正")
        expect(mobile.get_by_test_id("photos").locator("img")).to_have_count(1)
        mobile.wait_for_function("document.querySelector('[data-testid=photos] img').naturalWidth === 48")  # served
        shoot(mobile, "7-phone-recorded")
        result = InspectionResult.objects.get()
        assert result.findings == FINDINGS and set(result.inspectors.all()) == set(team[:2])
        assert ResultPhoto.objects.filter(result=result).count() == 1
        phone.close()

        # the other results (recorded the same way; through the service here to keep the journey short)
        for other in task.drawn_objects.filter(is_current=True):
            members = [m.officer for m in other.team.select_related("officer")]
            for item in insp.a_items[:2]:
                if not InspectionResult.objects.filter(drawn_object=other, power_item=item).exists():
                    result_record(by=d.admin_a, drawn_object=other, power_item=item,
                                  outcome=ResultOutcome.NO_PROBLEM, inspected_on=today(), inspectors=members)

        # 3. the administrator publishes the list, ends the task and publishes the results -------------------------
        page.reload()
        page.get_by_test_id("act-task_publish_list").click()
        page.get_by_test_id("submit").click()
        expect(page.get_by_test_id("list-published")).to_have_text(f"{today():%Y-%m-%d}")
        page.get_by_test_id("act-task_end").click()
        page.get_by_test_id("submit").click()
        expect(page.get_by_test_id("task-status")).to_contain_text("检查结束")
        expect(page.get_by_test_id("publish-due")).not_to_be_empty()
        page.get_by_test_id("act-task_publish_results").click()
        page.get_by_test_id("submit").click()
        expect(page.get_by_test_id("task-status")).to_have_text("结果已公示")
        shoot(page, "8-task-published")
        task.refresh_from_db()
        assert task.status == TaskStatus.PUBLISHED
        desk.close()

        # 4. the public task page shows the result ------------------------------------------------------------------
        public = browser.new_context(**PHONE)
        visitor = public.new_page()
        visitor.set_default_timeout(15_000)
        visitor.goto(f"{base}/public/inspections/tasks/{task.public_id}/")
        expect(visitor.locator("body")).to_contain_text(drawn.object.name)
        expect(visitor.get_by_test_id("result-row").first).to_be_visible()
        expect(visitor.locator("body")).to_contain_text("发现问题,已责令改正")
        shoot(visitor, "9-public-task")
        public.close()
        browser.close()
