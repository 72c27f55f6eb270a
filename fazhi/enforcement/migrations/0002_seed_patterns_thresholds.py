"""Number patterns for the enforcement documents and the district's default hearing thresholds (XZCF-63).

Thresholds: 较大数额 ≥2,000 yuan for a natural person, ≥10,000 yuan for an organisation (rules.md XZCF-63/64 [sec]);
administrators change them per category on the admin screen."""

from decimal import Decimal

from django.db import migrations

PATTERNS = [
    ("case", "{prefix}立〔{year}〕{seq}号", "行政处罚案件立案编号(案号)"),
    ("penalty_notice", "{prefix}告〔{year}〕{seq}号", "行政处罚事先告知书"),
    ("hearing_notice", "{prefix}听〔{year}〕{seq}号", "听证通知书"),
    ("penalty_decision", "{prefix}罚〔{year}〕{seq}号", "行政处罚决定书"),
    ("no_penalty_decision", "{prefix}不罚〔{year}〕{seq}号", "不予行政处罚决定书"),
]

THRESHOLDS = [
    ("person", Decimal("2000"), Decimal("2000")),
    ("legal_person", Decimal("10000"), Decimal("10000")),
    ("other_organisation", Decimal("10000"), Decimal("10000")),
]


def seed(apps, schema_editor):
    NumberPattern = apps.get_model("core", "NumberPattern")
    for kind, pattern, description in PATTERNS:
        NumberPattern.objects.get_or_create(kind=kind, defaults={"pattern": pattern, "description": description})
    HearingThreshold = apps.get_model("enforcement", "HearingThreshold")
    for party_type, fine, confiscation in THRESHOLDS:
        HearingThreshold.objects.get_or_create(
            category=None, party_type=party_type,
            defaults={"min_fine": fine, "min_confiscation": confiscation,
                      "basis": "《中华人民共和国行政处罚法》第六十三条;本区较大数额标准"})


def unseed(apps, schema_editor):
    apps.get_model("core", "NumberPattern").objects.filter(kind__in=[k for k, _p, _d in PATTERNS]).delete()
    apps.get_model("enforcement", "HearingThreshold").objects.filter(category=None).delete()


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0001_initial"), ("core", "0004_numbering")]
    operations = [migrations.RunPython(seed, unseed)]
