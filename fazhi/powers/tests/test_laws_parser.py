"""The statute parser: the 15 official texts, numerals, paragraphs and items, headings, numbering warnings."""

import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.powers import law_parser
from fazhi.powers.law_parser import article_label, cn_to_int, int_to_cn, parse

LAWS_DIR = Path(__file__).resolve().parents[1] / "data" / "laws"
TEXTS = sorted(LAWS_DIR.glob("*.md"))


def test_the_fifteen_texts_ship_with_the_package():
    assert len(TEXTS) == 15


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_every_shared_text_parses_with_as_many_articles_as_grep_counts(path):
    text = path.read_text(encoding="utf-8")
    # the count `grep -c '^第.*条'` gives; in these texts no paragraph line starts with 第…条 (checked below)
    grep_count = sum(1 for line in text.splitlines() if re.match(r"^第.*条", line))
    parsed = parse(text)
    assert len(parsed.articles) == grep_count
    assert [a.number for a in parsed.articles] == list(range(1, grep_count + 1))
    assert parsed.warnings == []
    assert parsed.title and parsed.title in text.splitlines()[0]
    assert all(a.text for a in parsed.articles)


def test_chapters_sections_paragraphs_and_items_of_the_penalty_law():
    parsed = parse((LAWS_DIR / "行政处罚法(2021-01-22).md").read_text(encoding="utf-8"))
    assert parsed.title == "中华人民共和国行政处罚法"
    assert len(parsed.history) == 4 and parsed.history[-1].startswith("2021年1月22日")
    assert [c.heading for c in parsed.chapters][:2] == ["第一章 总则", "第二章 行政处罚的种类和设定"]
    nine = parsed.articles[8]
    assert nine.label == "第九条" and nine.chapter == "第二章 行政处罚的种类和设定"
    assert nine.paragraphs[0]["text"] == "行政处罚的种类："
    assert len(nine.paragraphs[0]["items"]) == 6 and nine.paragraphs[0]["items"][0].startswith("（一）警告")
    decisions = next(c for c in parsed.chapters if c.heading.startswith("第五章"))
    assert decisions.sections[:2] == ["第一节 一般规定", "第二节 简易程序"]
    assert parsed.articles[-1].label == "第八十六条"


def test_spaced_headings_are_read_as_words():
    parsed = parse((LAWS_DIR / "行政许可法(2019-04-23).md").read_text(encoding="utf-8"))
    assert parsed.chapters[0].heading == "第一章 总则"


def test_interpretation_keeps_its_preamble_and_enumerated_parts():
    parsed = parse((LAWS_DIR / "最高人民法院关于适用《行政诉讼法》的解释(2018-02-06).md").read_text(encoding="utf-8"))
    assert parsed.preamble.startswith("为正确适用")
    assert parsed.chapters[0].heading == "一、受案范围"
    assert len(parsed.chapters) == 13


@given(st.integers(min_value=1, max_value=law_parser.MAX_NUMBER))
def test_chinese_numerals_round_trip(n):
    assert cn_to_int(int_to_cn(n)) == n


def test_numerals_1_to_999_round_trip_exhaustively():
    assert all(cn_to_int(int_to_cn(n)) == n for n in range(1, 1000))


@pytest.mark.parametrize("n, cn", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (101, "一百零一"),
                                   (110, "一百一十"), (119, "一百一十九"), (200, "二百"), (1010, "一千零一十"),
                                   (1001, "一千零一"), (1260, "一千二百六十")])
def test_numerals_as_statutes_write_them(n, cn):
    assert int_to_cn(n) == cn
    assert cn_to_int(cn) == n


@pytest.mark.parametrize("bad", ["", "十十", "一二", "十百", "零", "甲"])
def test_not_numerals(bad):
    with pytest.raises(ValueError):
        cn_to_int(bad)


def test_plain_text_inserted_articles_gaps_and_references():
    text = "\n".join([
        "某某条例",
        "（2020年1月1日某某会议通过）",
        "目录",
        "第一章 总则",
        "第二章 附则",
        "第一章　总则",
        "第一条　为了规范管理，制定本条例。",
        "第二条为了说明没有空格的条文。",
        "第二十条规定的情形不是新的条文。",
        "第十条之一 插入的条文。",
        "第二章 附则",
        "第三条 下列事项适用本条例：",
        "(一)甲；",
        "(二)乙。",
        "前款规定以外的事项，另行规定。",
        "第五条 本条例自公布之日起施行。",
    ])
    parsed = parse(text)
    assert parsed.title == "某某条例"
    assert parsed.history == ["2020年1月1日某某会议通过"]
    assert [a.label for a in parsed.articles] == ["第一条", "第二条", "第十条之一", "第三条", "第五条"]
    assert parsed.articles[1].paragraphs[1]["text"].startswith("第二十条规定的情形")  # a reference, not an article
    assert (parsed.articles[2].number, parsed.articles[2].sub_number) == (10, 1)
    three = parsed.articles[3]
    assert three.paragraphs == [{"text": "下列事项适用本条例：", "items": ["(一)甲；", "(二)乙。"]},
                                {"text": "前款规定以外的事项，另行规定。", "items": []}]
    assert [c.heading for c in parsed.chapters] == ["第一章 总则", "第二章 附则"]  # the table of contents opened none
    assert any("未紧随第十条" in w for w in parsed.warnings)
    assert any("缺少第四条" in w for w in parsed.warnings)


def test_repeated_and_missing_articles_are_warned():
    parsed = parse("# 甲法\n第一条 一。\n第一条 再一。\n第二条 二。\n")
    assert "第一条重复出现" in parsed.warnings
    assert parse("# 乙法\n第二条 二。").warnings == ["第一个条文是第二条,不是第一条"]
    assert "未识别到任何条文(条文应以“第X条”开头)" in parse("# 丙法\n只有文字。").warnings


def test_metadata_guessed_from_history_and_last_article():
    parsed = parse((LAWS_DIR / "行政复议法(2023-09-01).md").read_text(encoding="utf-8"))
    guess = law_parser.guess_metadata(parsed)
    assert guess["level"] == "law" and guess["issuing_body"] == "全国人民代表大会常务委员会"
    assert guess["version"] == "2023年修订"
    assert str(guess["promulgated_on"]) == "2023-09-01" and str(guess["effective_on"]) == "2024-01-01"


def test_text_files_in_utf8_and_gb18030():
    text = "某条例\n第一条 为了规范。\n"
    assert law_parser.read_upload("a.txt", text.encode("gb18030")) == text
    assert law_parser.read_upload("a.txt", b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    with pytest.raises(ValueError, match="只支持"):
        law_parser.read_upload("a.pdf", b"%PDF")
    with pytest.raises(ValueError, match="docx"):
        law_parser.read_upload("a.docx", b"not a zip")


def test_docx_paragraphs_and_heading_styles():
    import docx

    document = docx.Document()
    document.add_paragraph("某某办法")
    document.add_heading("总 则", level=2)
    document.add_paragraph("第一条 为了规范。")
    document.add_paragraph("（一）第一项；")
    document.add_paragraph("第二条 本办法自公布之日起施行。")
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse(law_parser.read_upload("办法.docx", buffer.getvalue()))
    assert parsed.title == "某某办法"
    assert [a.label for a in parsed.articles] == ["第一条", "第二条"]
    assert parsed.articles[0].paragraphs[0]["items"] == ["（一）第一项；"]
    assert parsed.chapters[0].heading == "总则"


def test_labels():
    assert article_label(101) == "第一百零一条"
    assert article_label(10, 1) == "第十条之一"
