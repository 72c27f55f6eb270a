import json

from django.conf import settings
from django.db import models

from fazhi.records.enums import Action

GENESIS_HASH = "0" * 64


class CanonicalJSONEncoder(json.JSONEncoder):
    """Stores JSON in its canonical form (sorted keys, no white space, UTF-8), so that on SQLite the stored text
    of a payload is the very text that was hashed and the verifier need not parse and re-serialise it."""

    def __init__(self, **kwargs):
        kwargs.update(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        super().__init__(**kwargs)


class Ledger(models.Model):
    """One hash chain: one per enforcement body, plus one for the legal affairs office."""

    key = models.CharField("账本标识", max_length=80, unique=True)
    name = models.CharField("账本名称", max_length=200)
    head_seq = models.PositiveBigIntegerField("最新序号", default=0)
    head_hash = models.CharField("最新哈希", max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = verbose_name_plural = "记录账本"

    def __str__(self):
        return self.name


class Entry(models.Model):
    """An append-only entry: hash = SHA-256(prev_hash ‖ canonical JSON of the entry's fields)."""

    ledger = models.ForeignKey(Ledger, on_delete=models.PROTECT, related_name="entries")
    seq = models.PositiveBigIntegerField("序号")
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    actor_name = models.CharField("操作人", max_length=150)
    action = models.CharField("动作", max_length=60, choices=Action.choices)
    subject_type = models.CharField("对象类型", max_length=60)
    subject_id = models.CharField("对象标识", max_length=64, db_index=True)
    payload = models.JSONField("内容", default=dict, encoder=CanonicalJSONEncoder)
    # Attached files: [{"name", "sha256", "size", "stored"}] in the order given to append() (docs/records.md).
    files = models.JSONField("附件摘要", default=list, blank=True, encoder=CanonicalJSONEncoder)
    recorded_at = models.DateTimeField("时间")

    class Meta:
        verbose_name = verbose_name_plural = "记录条目"
        ordering = ["ledger_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["ledger", "seq"], name="records_entry_ledger_seq_uniq")]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="records_entry_subject_idx")]

    def __str__(self):
        return f"{self.ledger.key}#{self.seq} {self.action}"


class LedgerHeadPublication(models.Model):
    """A ledger's head (sequence + hash) as published on one day: a rewrite of the chain shows against it."""

    ledger = models.ForeignKey(Ledger, on_delete=models.PROTECT, related_name="publications")
    date = models.DateField("公布日期")
    seq = models.PositiveBigIntegerField("最新序号")
    hash = models.CharField("最新哈希", max_length=64)
    published_at = models.DateTimeField("公布时间")

    class Meta:
        verbose_name = verbose_name_plural = "账本头公布"
        ordering = ["-date", "ledger__key"]
        constraints = [
            models.UniqueConstraint(fields=["ledger", "date"], name="records_headpublication_ledger_date_uniq")
        ]

    def __str__(self):
        return f"{self.ledger.key} {self.date} #{self.seq}"
