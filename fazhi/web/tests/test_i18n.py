"""The English translation: chosen with the language switch (a cookie), never from the browser's Accept-Language,
and complete — every message of the catalogue translated, none fuzzy, the compiled .mo in step with the .po
(docs/adr/0003-chinese-as-source-language.md)."""

import ast
import datetime as dt
import gettext
import re

import pytest
from django.conf import settings
from django.urls import reverse

from fazhi.personnel.selectors import today
from fazhi.personnel.tests.factories import CertificateFactory, OfficerFactory

CATALOGUE = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def assert_english(html: str, present: list[str], absent: list[str]):
    assert '<html lang="en"' in html
    for text in present:
        assert text in html, text
    for text in absent:
        assert text not in html, text


@pytest.fixture
def certified(district):
    """An officer of body A whose certificate ends in 30 days (an "expiring" badge on the officer list)."""
    officer = OfficerFactory(name="张伟", organisation=district.org_a)
    CertificateFactory(officer=officer, number="15010500001", categories=[district.market],
                       valid_from=today() - dt.timedelta(days=100), valid_to=today() + dt.timedelta(days=30))
    return officer


# --- English when the user picked it ---------------------------------------------------------------------------

def test_login_page_in_english(client, db):
    html = page(english(client).get(reverse("accounts:login")))
    assert_english(html, present=["Log in", "Username", "Password", "Certificate check"],
                   absent=["登录", "用户名", "密码", "证件查验"])


def test_the_language_switch_sets_the_cookie_and_the_next_page_is_english(client, db):
    login = reverse("accounts:login")
    response = client.post(reverse("set_language"), {"language": "en", "next": login})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = page(client.get(login))
    assert_english(html, present=["Log in", "Username"], absent=["用户名"])


def test_the_language_switch_offers_each_language_in_its_own_name(client, db):
    html = page(client.get(reverse("accounts:login")))
    assert '<option value="en" lang="en" >English</option>' in html
    assert "简体中文</option>" in html
    assert "英语" not in html


def test_workbench_in_english(district, certified, client_for):
    html = page(english(client_for(district.admin_a)).get(reverse("web:workbench")))
    assert_english(html,
                   present=["My workbench", "Officers on duty", "Certificates expiring within 90 days",
                            "Certificates expiring soon", "Log out", ">Officers<", ">Certificates<"],
                   absent=["我的工作台", "在岗执法人员", "即将到期的执法证件", "退出", "执法证件"])
    assert "15010500001" in html and "张伟" in html  # data is shown as entered, never translated


def test_officer_list_in_english(district, certified, client_for):
    html = page(english(client_for(district.admin_a)).get(reverse("personnel:officer_list")))
    assert_english(html,
                   present=["Search", "Reset", "Export to Excel", "1 person", "Current certificate",
                            "Expires in 30 days", "No valid certificate"],
                   absent=["查询", "重置", "导出Excel", "共 1 人", "当前证件", "日后到期", "无有效证件"])
    assert "张伟" in html


def test_public_certificate_check_in_english(client, certified):
    html = page(english(client).get(reverse("disclosure:certificate_verify"), {"number": "15010500001"}))
    assert_english(html,
                   present=["Certificate check", "✔ Valid", "Holder", "Enforcement categories", "Checked on:"],
                   absent=["执法证件查验", "持证人", "执法类别", "查验日期"])
    assert "张伟" in html


def test_public_certificate_check_in_english_for_an_unknown_number(client, db):
    html = page(english(client).get(reverse("disclosure:certificate_verify"), {"number": "99999999999"}))
    assert_english(html, present=["Certificate not found"], absent=["未找到该证件"])


# --- Chinese by default ----------------------------------------------------------------------------------------

def test_default_is_chinese_even_when_the_browser_asks_for_english(client, db):
    html = page(client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))
    assert '<html lang="zh-CN"' in html
    assert "用户名" in html and "密码" in html
    assert "Username" not in html and "Password" not in html


def test_staff_pages_default_to_chinese_for_an_english_browser(district, certified, client_for):
    html = page(client_for(district.admin_a).get(reverse("personnel:officer_list"),
                                                 HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))
    assert "查询" in html and "30日后到期" in html
    assert "Search" not in html and "Expires in" not in html


# --- The catalogue ---------------------------------------------------------------------------------------------

def read_po(path) -> list[dict]:
    """The entries of a PO file: msgctxt, msgid, msgid_plural, msgstr / msgstr[n] (as "msgstr[n]") and flags."""
    entries, entry, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line:
            if entry and "msgid" in entry:
                entries.append(entry)
            entry, key = None, None
            continue
        entry = entry if entry is not None else {"flags": set()}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    return entries


@pytest.fixture(scope="module")
def po_entries():
    entries = read_po(CATALOGUE / "django.po")
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == "" and "Language: en" in header["msgstr"]
    assert len(messages) > 300  # the whole UI, not a handful
    return messages


def translations(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def test_every_message_is_translated_and_none_is_fuzzy(po_entries):
    fuzzy = [e["msgid"] for e in po_entries if "fuzzy" in e["flags"]]
    untranslated = [e["msgid"] for e in po_entries if not all(translations(e))]
    plural_incomplete = [e["msgid"] for e in po_entries if "msgid_plural" in e and len(translations(e)) != 2]
    assert fuzzy == []
    assert untranslated == []
    assert plural_incomplete == []


def test_translations_keep_the_placeholders(po_entries):
    broken = [(e["msgid"], text) for e in po_entries for text in translations(e)
              if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(e["msgid"]))]
    assert broken == []


def test_the_compiled_catalogue_matches_the_po(po_entries):
    """The .mo carries exactly the .po's translations (compared by content: a git checkout does not keep the
    files' modification times, so "not older than" would say nothing on a fresh machine)."""
    with open(CATALOGUE / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for e in po_entries:
        context = e.get("msgctxt")
        if "msgid_plural" in e:
            got = [compiled.npgettext(context, e["msgid"], e["msgid_plural"], n) if context
                   else compiled.ngettext(e["msgid"], e["msgid_plural"], n) for n in (1, 2)]
            want = [e["msgstr[0]"], e["msgstr[1]"]]
        else:
            got = compiled.pgettext(context, e["msgid"]) if context else compiled.gettext(e["msgid"])
            want = e["msgstr"]
        if got != want:
            stale.append(e["msgid"])
    assert stale == []
