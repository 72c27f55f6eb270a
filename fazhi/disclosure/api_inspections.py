"""Open data (public, read-only): published random-inspection results (双随机一公开, rules.md §7), paginated JSON.
The fields are those of fazhi.disclosure.inspections.PublicResult — one row per inspected object and item of a
task whose results are published; nothing of a task before its results are published."""

from __future__ import annotations

from dataclasses import asdict

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from fazhi.disclosure import inspections
from fazhi.enforcement.enums import zh
from fazhi.inspections.enums import ResultOutcome


class PublicInspectorSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="检查人员姓名")
    certificate_number = serializers.CharField(help_text="执法证件编号")


class PublicInspectionResultSerializer(serializers.Serializer):
    public_id = serializers.UUIDField()
    task_public_id = serializers.UUIDField(help_text="抽查任务的公开标识")
    task_number = serializers.CharField(help_text="抽查任务编号")
    task_title = serializers.CharField(help_text="抽查任务名称")
    object_name = serializers.CharField(help_text="检查对象名称")
    uscc = serializers.CharField(help_text="统一社会信用代码")
    organisation = serializers.CharField(help_text="检查部门")
    item_code = serializers.CharField(help_text="抽查事项编码")
    item_name = serializers.CharField(help_text="抽查事项名称")
    outcome = serializers.CharField(help_text="检查结果代码:" + ";".join(f"{value} {zh(label)}"
                                                                   for value, label in ResultOutcome.choices))
    outcome_label = serializers.CharField(help_text="检查结果")
    inspected_on = serializers.DateField(help_text="检查日期")
    inspectors = PublicInspectorSerializer(many=True)
    published_on = serializers.DateField(allow_null=True, help_text="结果公示日期")


class ResultFilters(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100,
                              help_text="检查对象名称包含,或统一社会信用代码开头")
    department = serializers.UUIDField(required=False, help_text="检查部门的公开标识")
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100, help_text="任务年度")
    task = serializers.UUIDField(required=False, help_text="抽查任务的公开标识")


def _row(result) -> dict:
    data = asdict(inspections.public_result(result))
    data["inspectors"] = [dict(p) for p in data["inspectors"]]
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


class _Rows:
    """A lazily sliced list of public rows over a queryset (the paginator slices, then each row is built)."""

    def __init__(self, queryset):
        self.queryset = queryset

    def __len__(self):
        return self.queryset.count()

    def count(self):
        return self.queryset.count()

    def __getitem__(self, item):
        return [_row(r) for r in self.queryset[item]] if isinstance(item, slice) else _row(self.queryset[item])


@extend_schema(parameters=[ResultFilters], summary="随机抽查结果公示(开放数据)",
               description="已公示的“双随机”抽查结果:每个检查对象、每个抽查事项一行(只含公开字段)。"
                           "结果尚未公示的任务不出现。")
class OpenInspectionResultList(generics.ListAPIView):
    authentication_classes: list = []  # public data: no session, no CSRF, the same answer for everyone
    filter_backends: list = []
    serializer_class = PublicInspectionResultSerializer

    def get_queryset(self):
        params = ResultFilters(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        filters = {k: str(v) for k, v in params.validated_data.items() if v not in (None, "")}
        return _Rows(inspections.result_search(filters=filters))

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(page)
