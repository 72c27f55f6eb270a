"""Law library screens and their permissions."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.urls import reverse

from fazhi.powers import services
from fazhi.powers.enums import LawLevel, LawStatus
from fazhi.powers.models import Law, LegalBasis, PowerItem

LAWS_DIR = Path(__file__).resolve().parents[1] / "data" / "laws"
LICENSING = (LAWS_DIR / "行政许可法(2019-04-23).md").read_text(encoding="utf-8")


@pytest.fixture
def law(district):
    return services.law_import(by=district.legal, text=LICENSING)


def test_list_filters_sorts_and_exports(district, client_for, law):
    client = client_for(district.officer_a)
    page = client.get(reverse("powers:law_list"), {"level": LawLevel.LAW, "sort": "-article_count"})
    assert page.status_code == 200 and "中华人民共和国行政许可法" in page.content.decode()
    assert "导入法规" not in page.content.decode()  # an officer reads, never imports
    empty = client.get(reverse("powers:law_list"), {"status": LawStatus.REPEALED})
    assert "没有符合条件的法律法规" in empty.content.decode()
    export = client.get(reverse("powers:law_export"), {"q": "许可"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_detail_shows_chapters_and_article_anchors(district, client_for, law):
    body = client_for(district.officer_a).get(reverse("powers:law_detail", args=[law.public_id])).content.decode()
    assert 'id="art-60"' in body and "第六十条" in body
    assert "第一章 总则" in body and "第一节 申请与受理" in body
    assert client_for(district.officer_a).get(reverse("powers:law_detail", args=[
        "00000000-0000-0000-0000-000000000000"])).status_code == 404


def test_import_paste_preview_then_confirm(district, client_for):
    client = client_for(district.legal)
    assert client.get(reverse("powers:law_import")).status_code == 200
    preview = client.post(reverse("powers:law_import"), {"step": "preview", "text": LICENSING, "status": "in_force"})
    body = preview.content.decode()
    assert preview.status_code == 200 and 'data-testid="preview-article-count">83<' in body
    assert Law.objects.count() == 0
    form = preview.context["form"]
    data = {"step": "confirm", "status": "in_force",
            **{k: v for k, v in form.initial.items() if v is not None}}
    data["promulgated_on"] = str(form.initial["promulgated_on"])
    done = client.post(reverse("powers:law_import"), data)
    law = Law.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("powers:law_detail", args=[law.public_id])
    assert law.articles.count() == 83 and law.version == "2019年修正"
    again = client.post(reverse("powers:law_import"), data)
    assert again.status_code == 200 and "不能重复导入" in again.content.decode()
    assert Law.objects.count() == 1


def test_import_docx_upload_and_bad_files(district, client_for):
    import docx

    document = docx.Document()
    for line in ("某某办法", "第一条 为了规范。", "第二条 本办法自公布之日起施行。"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    buffer.name = "办法.docx"
    client = client_for(district.legal)
    page = client.post(reverse("powers:law_import"), {"step": "preview", "file": buffer, "status": "in_force",
                                                      "level": LawLevel.DEPARTMENTAL_RULE})
    assert 'data-testid="preview-article-count">2<' in page.content.decode()
    bad = io.BytesIO(b"not a docx")
    bad.name = "x.docx"
    page = client.post(reverse("powers:law_import"), {"step": "preview", "file": bad, "status": "in_force"})
    assert "无法读取该 Word 文件" in page.content.decode()
    nothing = client.post(reverse("powers:law_import"), {"step": "preview", "status": "in_force"})
    assert "请上传文件或粘贴法规全文" in nothing.content.decode()


def test_status_change_screen_flags_items(district, client_for, law):
    item = PowerItem.objects.create(code="X1", name="某许可", category="licensing", status="published")
    item.departments.add(district.org_a)
    LegalBasis.objects.create(power_item=item, article=law.articles.get(number=12))
    client = client_for(district.legal)
    url = reverse("powers:law_status", args=[law.public_id])
    assert "有 1 个权力事项引用本法规" in client.get(url).content.decode()
    missing = client.post(url, {"status": LawStatus.AMENDED, "on": "2024-01-01", "reason": ""})
    assert missing.status_code == 200 and "请填写变更依据" in missing.content.decode()
    done = client.post(url, {"status": LawStatus.AMENDED, "on": "2024-01-01", "reason": "修改决定"})
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.needs_review
    law.refresh_from_db()
    assert law.status == LawStatus.AMENDED and law.status_changed_on == dt.date(2024, 1, 1)


def test_article_search_screen_highlights_and_links_to_the_anchor(district, client_for, law):
    client = client_for(district.head_a)
    body = client.get(reverse("powers:article_search"), {"q": "听证"}).content.decode()
    assert "<mark>听证</mark>" in body and f"{law.public_id}/#art-46" in body
    short = client.get(reverse("powers:article_search"), {"q": "费"}).content.decode()
    assert "<mark>费</mark>" in short and "一两个字的关键词" in short
    assert "输入关键词" in client.get(reverse("powers:article_search")).content.decode()
    partial = client.get(reverse("powers:article_search"), {"q": "听证"}, HTTP_HX_REQUEST="true")
    assert partial.content.decode().lstrip().startswith("<section")


@pytest.mark.parametrize("name, args", [("powers:law_import", []), ("powers:law_status", ["law"])])
@pytest.mark.parametrize("who", ["admin_a", "officer_a", "head_a"])
def test_only_the_office_imports_and_changes_status(district, client_for, law, name, args, who):
    url = reverse(name, args=[law.public_id if a == "law" else a for a in args])
    assert client_for(getattr(district, who)).get(url).status_code == 403
    assert client_for(district.legal).get(url).status_code == 200


def test_volunteers_and_anonymous_cannot_read_the_library(district, client, client_for, law):
    assert client.get(reverse("powers:law_list")).status_code in (302, 403)
    assert client_for(district.volunteer).get(reverse("powers:article_search"), {"q": "听证"}).status_code == 403
