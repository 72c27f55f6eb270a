"""Public, read-only API of published ledger heads (anyone may compare a chain against them)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from fazhi.records import selectors
from fazhi.records.models import LedgerHeadPublication


class LedgerHeadPublicationSerializer(serializers.ModelSerializer):
    ledger = serializers.CharField(source="ledger.key", help_text="账本标识(body:<执法主体 UUID> 或 office)")
    ledger_name = serializers.CharField(source="ledger.name")

    class Meta:
        model = LedgerHeadPublication
        fields = ["ledger", "ledger_name", "date", "seq", "hash", "published_at"]


class DateFilterSerializer(serializers.Serializer):
    date = serializers.DateField(required=False)


@extend_schema(parameters=[OpenApiParameter("date", OpenApiTypes.DATE, description="只列出该日公布的账本头")])
class LedgerHeadListView(generics.ListAPIView):
    """Every ledger's published heads, newest day first."""

    serializer_class = LedgerHeadPublicationSerializer
    filter_backends: list = []

    def get_queryset(self):
        params = DateFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return selectors.head_publications(on=params.validated_data.get("date"))
