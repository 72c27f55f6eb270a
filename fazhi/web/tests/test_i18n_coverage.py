"""Every literal {% translate "…" %} in the templates has an entry in the English catalogue, so a string added
without re-running makemessages fails here rather than showing Chinese in the English UI."""

import re
from pathlib import Path

from django.conf import settings

TRANSLATE_RE = re.compile(r"""{%\s*(?:translate|trans)\s+(["'])(.+?)\1(?:\s+context\s+(["'])(.+?)\3)?[^%]*%}""")


def catalogue_ids(po_text: str) -> set[tuple[str, str]]:
    ids, context = set(), ""
    for block in po_text.split("\n\n"):
        context_match = re.search(r'^msgctxt "(.*)"$', block, re.M)
        context = context_match.group(1) if context_match else ""
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if match:
            msgid = "".join(re.findall(r'"(.*)"', match.group(1)))
            ids.add((context, msgid.replace('\\"', '"')))
    return ids


def test_every_template_translate_tag_is_in_the_english_catalogue():
    po = (settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    known = catalogue_ids(po)
    missing = []
    for template in Path(settings.BASE_DIR, "fazhi").rglob("templates/**/*.html"):
        for match in TRANSLATE_RE.finditer(template.read_text(encoding="utf-8")):
            # makemessages writes a template's "%" as "%%" (and Django looks it up so at run time)
            key = (match.group(4) or "", match.group(2).replace("%", "%%"))
            if key not in known:
                missing.append(f"{template.relative_to(settings.BASE_DIR)}: {key[1]}")
    assert not missing, "run makemessages -l en and translate:\n" + "\n".join(missing)
