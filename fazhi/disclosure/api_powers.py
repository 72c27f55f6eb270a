"""Open data (public, read-only): the power list, the random-inspection item list and the service guides, as
paginated JSON and as streamed CSV. The fields are exactly those of the public dataclasses in
fazhi.disclosure.powers; the serializers below only describe them for the OpenAPI schema."""

from __future__ import annotations

import csv
import datetime as dt

from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.views import APIView

from fazhi.core.exports import content_disposition
from fazhi.disclosure import powers
from fazhi.powers.enums import PowerCategory, ServiceItemKind


class _ItemRefSerializer(serializers.Serializer):
    public_id = serializers.UUIDField()
    code = serializers.CharField()
    name = serializers.CharField()


class _LegalBasisSerializer(serializers.Serializer):
    law_title = serializers.CharField(help_text="法律法规名称(含版本)")
    article_label = serializers.CharField(help_text="条,如:第三十五条")
    paragraph = serializers.IntegerField(allow_null=True, help_text="款")
    item = serializers.IntegerField(allow_null=True, help_text="项")
    citation = serializers.CharField(help_text="引用,如:《中华人民共和国食品安全法》第三十五条第一款")
    text = serializers.CharField(help_text="条文")


class _ResponsibilitySerializer(serializers.Serializer):
    stage = serializers.CharField()
    stage_label = serializers.CharField(help_text="环节:受理、审查、决定、送达、执行、事后监管、其他")
    content = serializers.CharField()


class PublicPowerItemSerializer(serializers.Serializer):
    public_id = serializers.UUIDField()
    code = serializers.CharField(help_text="事项编码")
    name = serializers.CharField(help_text="事项名称")
    category = serializers.ChoiceField(choices=PowerCategory.choices)
    category_label = serializers.CharField(help_text="权力类别")
    departments = serializers.ListField(child=serializers.CharField(), help_text="实施部门")
    parent = _ItemRefSerializer(allow_null=True, help_text="上级事项")
    sub_items = _ItemRefSerializer(many=True, help_text="子项")
    legal_bases = _LegalBasisSerializer(many=True, help_text="执法依据及条文")
    responsibilities = _ResponsibilitySerializer(many=True, help_text="责任事项")
    accountability = serializers.CharField(help_text="追责情形")
    statutory_time_limit = serializers.CharField()
    committed_time_limit = serializers.CharField()
    fees = serializers.CharField()
    fee_basis = serializers.CharField()
    remedies = serializers.CharField(help_text="救济途径")
    flow_description = serializers.CharField(help_text="运行流程")
    is_inspection_item = serializers.BooleanField(help_text="列入随机抽查事项")
    inspection_method = serializers.CharField()
    inspection_object_scope = serializers.CharField()
    version = serializers.IntegerField()


class PublicInspectionItemSerializer(serializers.Serializer):
    public_id = serializers.UUIDField()
    code = serializers.CharField()
    name = serializers.CharField()
    category_label = serializers.CharField()
    departments = serializers.ListField(child=serializers.CharField())
    inspection_method = serializers.CharField(help_text="检查方式")
    inspection_object_scope = serializers.CharField(help_text="检查对象范围")
    legal_bases = serializers.ListField(child=serializers.CharField(), help_text="检查依据(引用)")


class PublicServiceGuideSerializer(serializers.Serializer):
    public_id = serializers.UUIDField()
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=ServiceItemKind.choices)
    kind_label = serializers.CharField()
    department = serializers.CharField(help_text="实施部门")
    requirements = serializers.CharField(help_text="办理条件")
    materials = serializers.CharField(help_text="申请材料")
    statutory_limit_days = serializers.IntegerField(allow_null=True, help_text="法定时限(工作日)")
    committed_limit_days = serializers.IntegerField(allow_null=True, help_text="承诺时限(工作日)")
    fees = serializers.CharField()
    place = serializers.CharField(help_text="办理地点")
    online = serializers.BooleanField(help_text="可网上受理")
    resident_in_centre = serializers.BooleanField(help_text="进驻政务服务中心")
    delegated_from_city = serializers.BooleanField(help_text="市级下放事项")
    power_item = _ItemRefSerializer(allow_null=True, help_text="对应权力事项(已公布的)")


class PowerFilters(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="事项名称或编码包含")
    department = serializers.UUIDField(required=False, help_text="实施部门的公开标识")
    category = serializers.ChoiceField(choices=PowerCategory.choices, required=False)


class InspectionFilters(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    department = serializers.UUIDField(required=False, help_text="实施部门的公开标识")


class GuideFilters(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    department = serializers.UUIDField(required=False, help_text="实施部门的公开标识")
    kind = serializers.ChoiceField(choices=ServiceItemKind.choices, required=False)
    online = serializers.ChoiceField(choices=[("1", "可网上受理"), ("0", "不可网上受理")], required=False)


def _filters(serializer_class, request) -> dict:
    params = serializer_class(data=request.query_params)
    params.is_valid(raise_exception=True)
    return {k: (str(v) if k == "department" else v) for k, v in params.validated_data.items()
            if v not in (None, "")}


# --- JSON -----------------------------------------------------------------------------------------------------


class _OpenList(generics.ListAPIView):
    """A public, read-only, paginated list of public dataclasses."""

    authentication_classes: list = []  # public data: no session, no CSRF, the same answer for everyone
    filter_backends: list = []
    filter_serializer_class: type[serializers.Serializer]

    def rows(self, filters: dict):  # pragma: no cover - overridden
        raise NotImplementedError

    def get_queryset(self):
        return self.rows(_filters(self.filter_serializer_class, self.request))


@extend_schema(parameters=[PowerFilters], summary="权责清单(开放数据)",
               description="已公布的权力事项及其执法依据条文、责任事项。只含公开字段。")
class OpenPowerItemList(_OpenList):
    serializer_class = PublicPowerItemSerializer
    filter_serializer_class = PowerFilters

    def rows(self, filters):
        return powers.power_item_records(filters=filters)


@extend_schema(parameters=[InspectionFilters], summary="随机抽查事项清单(开放数据)")
class OpenInspectionItemList(_OpenList):
    serializer_class = PublicInspectionItemSerializer
    filter_serializer_class = InspectionFilters

    def rows(self, filters):
        return powers.inspection_item_list(filters=filters)


@extend_schema(parameters=[GuideFilters], summary="办事指南(开放数据)", description="在用政务服务事项的办事指南。")
class OpenServiceGuideList(_OpenList):
    serializer_class = PublicServiceGuideSerializer
    filter_serializer_class = GuideFilters

    def rows(self, filters):
        return powers.service_guide_list(filters=filters)


# --- CSV ------------------------------------------------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


def csv_cell(value) -> str:
    """One public value as CSV text: lists joined by line breaks, references by their code, booleans true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, powers.PublicItemRef):
        return value.code
    if isinstance(value, powers.PublicLegalBasis):
        return f"{value.citation}:{value.text}"
    if isinstance(value, powers.PublicResponsibility):
        return f"{value.stage_label}:{value.content}"
    if isinstance(value, (tuple, list)):
        return "\n".join(csv_cell(v) for v in value)
    if isinstance(value, (dt.date, int)):
        return str(value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text  # no formula injection when opened in Excel


def _csv_response(shape, rows, name: str) -> StreamingHttpResponse:
    fields = powers.public_field_names(shape)
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(fields)  # BOM: Excel opens UTF-8 CSV with Chinese intact
        for row in rows:
            yield writer.writerow([csv_cell(getattr(row, f)) for f in fields])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"{name}_{timezone.localdate():%Y%m%d}.csv")
    return response


_CSV = {(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="UTF-8 CSV(带BOM),首行为字段名")}


class _OpenCsv(APIView):
    authentication_classes: list = []  # public data, read-only


class OpenPowerItemCsv(_OpenCsv):
    @extend_schema(parameters=[PowerFilters], responses=_CSV, summary="权责清单(CSV)")
    def get(self, request):
        rows = powers.power_item_records(filters=_filters(PowerFilters, request))
        return _csv_response(powers.PublicPowerItem, rows, "权责清单")


class OpenInspectionItemCsv(_OpenCsv):
    @extend_schema(parameters=[InspectionFilters], responses=_CSV, summary="随机抽查事项清单(CSV)")
    def get(self, request):
        rows = powers.inspection_item_list(filters=_filters(InspectionFilters, request))
        return _csv_response(powers.PublicInspectionItem, rows, "随机抽查事项清单")


class OpenServiceGuideCsv(_OpenCsv):
    @extend_schema(parameters=[GuideFilters], responses=_CSV, summary="办事指南(CSV)")
    def get(self, request):
        rows = powers.service_guide_list(filters=_filters(GuideFilters, request))
        return _csv_response(powers.PublicServiceGuide, rows, "办事指南")
