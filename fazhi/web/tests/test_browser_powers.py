"""Browser journey (Playwright driving Debian's Chromium) at desktop and phone widths: a citizen, without logging
in, goes from the public home page to the power list, finds an item by keyword, opens it and reads the text of
the article it is based on; then looks at the inspection item list and a service guide.

Screenshots land in /tmp/fazhi-shots/ (outside the repository) for a human to look at."""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (scripts/ensure_chromium.sh installs it)", allow_module_level=True)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from fazhi.powers import services  # noqa: E402
from fazhi.powers.enums import (  # noqa: E402
    LawLevel,
    PowerCategory,
    PowerItemStatus,
    ResponsibilityStage,
    ServiceItemKind,
)
from fazhi.powers.models import Article, Law, LegalBasis, PowerItem, ResponsibilityItem  # noqa: E402

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/fazhi-shots")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}, "locale": "zh-CN"},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
              "device_scale_factor": 2, "locale": "zh-CN"},
}
ARTICLE_TEXT = ("国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务,应当依法取得许可。"
                "但是,销售食用农产品和仅销售预包装食品的,不需要取得许可。")


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def power_list(district):
    law = Law.objects.create(title="中华人民共和国食品安全法", level=LawLevel.LAW, version="2021年修正")
    article = Article.objects.create(law=law, number=35, label="第三十五条", text=ARTICLE_TEXT)
    food = PowerItem.objects.create(code="150105-XK-0001", name="食品经营许可", category=PowerCategory.LICENSING,
                                    status=PowerItemStatus.PUBLISHED, version=1, statutory_time_limit="20个工作日",
                                    committed_time_limit="10个工作日", remedies="可依法申请行政复议或者提起行政诉讼")
    food.departments.set([district.org_a])
    LegalBasis.objects.create(power_item=food, article=article, paragraph=1)
    ResponsibilityItem.objects.create(power_item=food, stage=ResponsibilityStage.ACCEPT, sort_order=1,
                                      content="公示依法应当提交的材料;一次性告知补正材料;依法受理或不予受理")
    check = PowerItem.objects.create(code="150105-JC-0001", name="对食品经营者的监督检查", version=1,
                                     category=PowerCategory.INSPECTION, status=PowerItemStatus.PUBLISHED,
                                     is_inspection_item=True, inspection_method="双随机抽查、现场检查",
                                     inspection_object_scope="辖区内取得食品经营许可的经营者")
    check.departments.set([district.org_a])
    for n, (name, org) in enumerate([("城市建筑垃圾处置核准", district.org_b), ("对占道经营的处罚", district.org_b),
                                     ("药品零售企业经营许可", district.org_a)]):
        other = PowerItem.objects.create(code=f"150105-QT-{n:04d}", name=name, category=PowerCategory.LICENSING,
                                         status=PowerItemStatus.PUBLISHED, version=1)
        other.departments.set([org])
    services.service_item_create(by=district.legal, kind=ServiceItemKind.APPROVAL, code="150105-SP-0001",
                                 name="食品经营许可证核发", department=district.org_a, power_item=food,
                                 statutory_limit_days=20, committed_limit_days=10, online=True,
                                 place="赛罕区市民服务中心二楼市场监管窗口",
                                 requirements="具有与经营的食品品种、数量相适应的经营场所",
                                 materials="食品经营许可申请书\n营业执照复印件\n食品安全管理制度")
    return food


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_citizen_finds_a_power_item_and_reads_its_legal_basis(browser, live_server, power_list, size):
    context = browser.new_context(**VIEWPORTS[size])
    page = context.new_page()
    page.set_default_timeout(15_000)
    SHOTS.mkdir(parents=True, exist_ok=True)

    def shoot(name):
        page.screenshot(path=str(SHOTS / f"powers-{size}-{name}.png"), full_page=True)

    # 1. the public home page links to the power list (no login)
    page.goto(f"{live_server.url}/public/")
    shoot("1-home")
    page.get_by_test_id("home-power-list").click()
    expect(page.get_by_role("heading", name="权责清单", exact=True)).to_be_visible()
    expect(page.get_by_test_id("power-item-link")).to_have_count(5)

    # 2. search by keyword
    page.get_by_label("关键词").fill("食品经营许可")
    page.get_by_test_id("public-search").click()
    expect(page.get_by_test_id("power-item-link")).to_have_count(1)
    expect(page.get_by_test_id("result-count")).to_contain_text("共 1 项")
    shoot("2-search")

    # 3. open it and read the article text of its legal basis
    page.get_by_test_id("power-item-link").click()
    expect(page.get_by_test_id("power-item-name")).to_have_text("食品经营许可")
    expect(page.get_by_test_id("legal-basis")).to_contain_text("《中华人民共和国食品安全法》第三十五条第1款")
    expect(page.get_by_test_id("legal-basis-text")).to_have_text(ARTICLE_TEXT)
    expect(page.get_by_test_id("responsibilities")).to_contain_text("一次性告知补正材料")
    # on a phone nothing is wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[size]["viewport"]["width"]
    shoot("3-detail")

    # 4. the inspection item list and a service guide read as well
    page.goto(f"{live_server.url}/public/inspection-items/")
    expect(page.get_by_test_id("inspection-items")).to_contain_text("双随机抽查、现场检查")
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[size]["viewport"]["width"]
    shoot("4-inspection-items")
    page.goto(f"{live_server.url}/public/service-guides/")
    page.get_by_test_id("guide-link").first.click()
    expect(page.get_by_test_id("guide-materials")).to_contain_text("营业执照复印件")
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[size]["viewport"]["width"]
    shoot("5-service-guide")
    context.close()
