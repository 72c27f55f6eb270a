"""Document numbering (DESIGN.md mechanism 5): one counter per (scope, kind, year), a pattern per kind and a
prefix per scope. Imported by fazhi.core.models so Django sees them; the engine is fazhi.core.numbering."""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError
from django.db import models

# The placeholders a NumberPattern may use (str.format syntax, so "{seq:04d}" pads with zeros):
#   {prefix}  the scope's prefix for the kind (NumberPrefix), e.g. 赛市监罚
#   {year}    the year of the sequence, e.g. 2026
#   {seq}     the number within (scope, kind, year), starting at 1 — required in every pattern
#   {kind}    the kind's code, e.g. penalty_decision
PLACEHOLDERS = frozenset({"prefix", "year", "seq", "kind"})


def pattern_fields(pattern: str) -> set[str]:
    """The placeholder names of `pattern`; ValueError when it is not a valid format string."""
    names = set()
    for _literal, name, _spec, _conversion in string.Formatter().parse(pattern):
        if name is not None:
            names.add(name)
    return names


def validate_pattern(pattern: str) -> None:
    try:
        names = pattern_fields(pattern)
    except ValueError as exc:
        raise ValidationError(f"编号格式无效:{exc}") from exc
    unknown = names - PLACEHOLDERS
    if unknown:
        raise ValidationError(f"编号格式含未知占位符:{'、'.join(sorted(unknown))}(可用:{{prefix}} {{year}} {{seq}} {{kind}})")
    if "seq" not in names:
        raise ValidationError("编号格式必须包含{seq}(序号)")


class NumberPattern(models.Model):
    """How numbers of one kind read, e.g. kind "penalty_decision", pattern "{prefix}〔{year}〕{seq}号"."""

    kind = models.CharField("编号种类", max_length=40, unique=True)
    pattern = models.CharField("编号格式", max_length=100, validators=[validate_pattern],
                               help_text="占位符:{prefix}单位代字 {year}年份 {seq}序号(可写{seq:04d}补零) {kind}种类")
    description = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "编号格式"
        ordering = ["kind"]

    def __str__(self):
        return f"{self.kind}: {self.pattern}"


class NumberPrefix(models.Model):
    """A scope's prefix (代字) for one kind, or for every kind when `kind` is empty, e.g. 赛市监罚."""

    scope = models.CharField("编号主体", max_length=64, help_text="单位公开标识或其他主体键")
    kind = models.CharField("编号种类", max_length=40, blank=True, help_text="留空表示该主体的所有种类")
    prefix = models.CharField("代字", max_length=40)

    class Meta:
        verbose_name = verbose_name_plural = "编号代字"
        ordering = ["scope", "kind"]
        constraints = [models.UniqueConstraint(fields=["scope", "kind"], name="core_numberprefix_unique")]

    def __str__(self):
        return f"{self.scope}/{self.kind or '*'}: {self.prefix}"


class NumberSequence(models.Model):
    """The last number issued for (scope, kind, year). Only fazhi.core.numbering.number_next writes it, under a
    row lock inside the caller's transaction, so a rolled-back transaction gives its number back."""

    scope = models.CharField("编号主体", max_length=64)
    kind = models.CharField("编号种类", max_length=40)
    year = models.PositiveSmallIntegerField("年份")
    last = models.PositiveIntegerField("已用至", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "编号序列"
        ordering = ["scope", "kind", "-year"]
        constraints = [models.UniqueConstraint(fields=["scope", "kind", "year"], name="core_numbersequence_unique")]

    def __str__(self):
        return f"{self.scope}/{self.kind}/{self.year}: {self.last}"
