"""REST API for jurisdictions, categories, organisations and enforcement bodies (read-only, scoped).

Every queryset comes from fazhi.orgs.selectors; query parameters are validated, then passed to the selector
under the same names the web lists use.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.filters import OrderingFilter

from fazhi.orgs import selectors
from fazhi.orgs.enums import BodyBasis, BodyStatus, OrganisationType
from fazhi.orgs.models import EnforcementBody, EnforcementCategory, Jurisdiction, LegalLiaison, Organisation

UUID_REGEX = r"[0-9a-fA-F-]{36}"


def clean_filters(serializer_class, request) -> dict:
    """The list's query parameters, validated (a bad value answers 400), without the empty ones."""
    params = serializer_class(data=request.query_params)
    params.is_valid(raise_exception=True)
    return {k: v for k, v in params.validated_data.items() if not (v is None or v == "" or v is False)}


class SelectorViewSet(viewsets.ReadOnlyModelViewSet):
    """A viewset whose rows come from a scoped selector; filters are that selector's own parameters."""

    lookup_field = "public_id"
    lookup_value_regex = UUID_REGEX
    filter_backends = [OrderingFilter]
    filter_serializer_class: type[serializers.Serializer] | None = None

    def selector(self, *, user, filters: dict):  # pragma: no cover - overridden
        raise NotImplementedError

    def get_queryset(self):
        filters = {}
        if self.action == "list" and self.filter_serializer_class is not None:
            filters = clean_filters(self.filter_serializer_class, self.request)
        return self.selector(user=self.request.user, filters=filters)


# --- jurisdictions and categories ------------------------------------------------------------------------

class JurisdictionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Jurisdiction
        fields = ["id", "code", "name", "level", "level_display", "parent"]


class JurisdictionViewSet(SelectorViewSet):
    serializer_class = JurisdictionSerializer
    ordering_fields = ["code", "name"]
    ordering = ["code"]

    def selector(self, *, user, filters):
        return selectors.jurisdiction_list()


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = EnforcementCategory
        fields = ["code", "name"]


class CategoryViewSet(SelectorViewSet):
    serializer_class = CategorySerializer
    lookup_field = "code"
    lookup_value_regex = r"[\w-]+"
    ordering_fields = ["code", "name"]
    ordering = ["code"]

    def selector(self, *, user, filters):
        return selectors.category_list()


# --- organisations ----------------------------------------------------------------------------------------

class LiaisonSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalLiaison
        fields = ["name", "post", "phone", "full_time"]


class OrganisationFilters(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="名称或简称包含")
    org_type = serializers.ChoiceField(choices=OrganisationType.choices, required=False)
    jurisdiction = serializers.UUIDField(required=False, help_text="行政区划的公开标识")


class OrganisationSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    org_type_display = serializers.CharField(source="get_org_type_display", read_only=True)
    jurisdiction = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    legal_liaison = serializers.SerializerMethodField()
    officer_count = serializers.IntegerField(read_only=True)
    body_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "uscc", "org_type", "org_type_display", "jurisdiction", "parent",
                  "address", "phone", "is_active", "legal_liaison", "officer_count", "body_count"]

    @extend_schema_field(LiaisonSerializer(allow_null=True))
    def get_legal_liaison(self, obj):
        try:
            return LiaisonSerializer(obj.legal_liaison).data
        except LegalLiaison.DoesNotExist:
            return None


@extend_schema_view(list=extend_schema(parameters=[OrganisationFilters]))
class OrganisationViewSet(SelectorViewSet):
    serializer_class = OrganisationSerializer
    filter_serializer_class = OrganisationFilters
    ordering_fields = ["name", "sort_order", "org_type", "officer_count", "body_count"]
    ordering = ["sort_order", "name"]

    def selector(self, *, user, filters):
        return selectors.organisation_list(user=user, filters=filters)


# --- enforcement bodies -----------------------------------------------------------------------------------

class BodyFilters(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="名称包含")
    basis = serializers.ChoiceField(choices=BodyBasis.choices, required=False)
    status = serializers.ChoiceField(choices=BodyStatus.choices, required=False)
    publication_batch = serializers.IntegerField(required=False, min_value=1, max_value=999)
    organisation = serializers.UUIDField(required=False, help_text="所属单位的公开标识")


class BodySerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    entrusting_body = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    basis_display = serializers.CharField(source="get_basis_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    categories = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = EnforcementBody
        fields = ["id", "name", "organisation", "organisation_name", "basis", "basis_display", "entrusting_body",
                  "legal_basis_text", "qualification_certificate_number", "publication_batch", "published_on",
                  "status", "status_display", "categories"]


@extend_schema_view(list=extend_schema(parameters=[BodyFilters]))
class BodyViewSet(SelectorViewSet):
    serializer_class = BodySerializer
    filter_serializer_class = BodyFilters
    ordering_fields = ["name", "publication_batch", "published_on", "status", "basis"]
    ordering = ["organisation__sort_order", "name"]

    def selector(self, *, user, filters):
        return selectors.body_list(user=user, filters=filters)
