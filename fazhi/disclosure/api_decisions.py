"""Open data (public, read-only): published penalty and no-penalty decisions (GB118 三(一)), paginated JSON. The
fields are those of fazhi.disclosure.decisions.PublicDecision — the masked public fields, their SHA-256 and the
ledger entry that recorded it, so anyone can check a downloaded decision against the published ledger heads.
Withdrawn decisions (XZCF-48) are listed with their number, dates and reason only."""

from __future__ import annotations

from dataclasses import asdict

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from fazhi.disclosure import decisions
from fazhi.enforcement.enums import PublicationStatus


class PublicDecisionSerializer(serializers.Serializer):
    public_id = serializers.UUIDField()
    status = serializers.ChoiceField(choices=PublicationStatus.choices, help_text="published 已公示 / withdrawn 已撤回")
    decision_number = serializers.CharField(help_text="决定书文号")
    title = serializers.CharField(required=False, help_text="案由")
    party_type = serializers.CharField(required=False, help_text="当事人类型")
    party_name = serializers.CharField(required=False, help_text="当事人(自然人只显示姓氏)")
    party_credit_code = serializers.CharField(required=False, help_text="统一社会信用代码(单位)")
    outcome = serializers.CharField(required=False)
    penalty_kinds = serializers.ListField(child=serializers.CharField(), required=False)
    fine_amount = serializers.CharField(required=False)
    confiscation_amount = serializers.CharField(required=False)
    no_penalty_reason = serializers.CharField(required=False)
    facts = serializers.CharField(required=False)
    penalty_and_basis = serializers.CharField(required=False)
    body = serializers.CharField(required=False, help_text="执法主体")
    decided_on = serializers.CharField(required=False)
    published_on = serializers.CharField()
    content_sha256 = serializers.CharField(required=False, help_text="公示内容(规范化 JSON)的 SHA-256")
    ledger_key = serializers.CharField(required=False)
    entry_seq = serializers.IntegerField(required=False, help_text="记录该摘要的账本条目序号")
    withdrawn_on = serializers.CharField(required=False)
    reason = serializers.CharField(required=False, help_text="撤回理由")


class DecisionFilters(serializers.Serializer):
    number = serializers.CharField(required=False, allow_blank=True, max_length=60, help_text="决定书文号包含")
    party = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="当事人包含")
    body = serializers.UUIDField(required=False, help_text="执法主体的公开标识")


def _row(publication) -> dict:
    shown = decisions.public_decision(publication)
    data = {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(shown).items()}
    data["status"] = publication.status
    return {k: (str(v) if hasattr(v, "isoformat") else v) for k, v in data.items()}


class _Rows:
    """A lazily sliced list of public rows over a queryset (the paginator slices, then each row is built)."""

    def __init__(self, queryset):
        self.queryset = queryset

    def __len__(self):
        return self.queryset.count()

    def count(self):
        return self.queryset.count()

    def __getitem__(self, item):
        return [_row(p) for p in self.queryset[item]] if isinstance(item, slice) else _row(self.queryset[item])


@extend_schema(parameters=[DecisionFilters], summary="行政处罚决定公示(开放数据)",
               description="已公示的处罚与不予处罚决定(只含公开字段);已撤回的只含文号、日期和理由。")
class OpenDecisionList(generics.ListAPIView):
    authentication_classes: list = []  # public data: no session, no CSRF, the same answer for everyone
    filter_backends: list = []
    serializer_class = PublicDecisionSerializer

    def get_queryset(self):
        params = DecisionFilters(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        filters = {k: str(v) for k, v in params.validated_data.items() if v not in (None, "")}
        return _Rows(decisions.decision_list(filters=filters).select_related("decision__case"))

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(page)
