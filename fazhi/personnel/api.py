"""REST API for officers and certificates: reads from the scoped selectors, writes through the services.

Resident ID numbers are masked unless the user's role needs them (fazhi.accounts.permissions). Related objects
are named by their public ids; categories by their codes.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.accounts.permissions import sees_full_id_numbers
from fazhi.orgs import selectors as org_selectors
from fazhi.orgs.api import SelectorViewSet
from fazhi.orgs.models import Organisation
from fazhi.personnel import selectors, services
from fazhi.personnel.enums import CertificateStatus, Gender, OfficerStatus, StaffType
from fazhi.personnel.models import Certificate, Officer

# --- officers ---------------------------------------------------------------------------------------------


class OfficerFilters(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100,
                              help_text="姓名、岗位包含,或身份证号码、证件编号完全一致")
    organisation = serializers.UUIDField(required=False, help_text="所属单位的公开标识")
    status = serializers.ChoiceField(choices=OfficerStatus.choices, required=False)
    staff_type = serializers.ChoiceField(choices=StaffType.choices, required=False)
    expiring_within = serializers.IntegerField(required=False, min_value=0, max_value=3650,
                                               help_text="有效证件在N日内到期")
    no_valid_certificate = serializers.BooleanField(required=False, help_text="无有效证件")


class OfficerSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    id_number = serializers.SerializerMethodField()
    organisation = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    gender_display = serializers.CharField(source="get_gender_display", read_only=True)
    staff_type_display = serializers.CharField(source="get_staff_type_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    has_valid_certificate = serializers.BooleanField(read_only=True)
    certificates = serializers.SlugRelatedField(slug_field="public_id", many=True, read_only=True)

    class Meta:
        model = Officer
        fields = ["id", "name", "gender", "gender_display", "id_number", "organisation", "organisation_name",
                  "post", "staff_type", "staff_type_display", "phone", "status", "status_display", "left_on",
                  "left_reason", "has_valid_certificate", "certificates"]

    def get_id_number(self, obj) -> str:
        request = self.context.get("request")
        if request is not None and sees_full_id_numbers(request.user):
            return obj.id_number
        return obj.id_number_masked


class OfficerWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    gender = serializers.ChoiceField(choices=Gender.choices)
    id_number = serializers.CharField(max_length=18, help_text="18位居民身份证号码")
    organisation = serializers.SlugRelatedField(slug_field="public_id", queryset=Organisation.objects.none(),
                                                help_text="所属单位的公开标识")
    post = serializers.CharField(max_length=50, required=False, allow_blank=True)
    staff_type = serializers.ChoiceField(choices=StaffType.choices)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # Only organisations the user may see: a body cannot place an officer in another body.
            self.fields["organisation"].queryset = org_selectors.organisation_list(user=request.user)


@extend_schema_view(
    list=extend_schema(parameters=[OfficerFilters]),
    create=extend_schema(request=OfficerWriteSerializer, responses={201: OfficerSerializer}),
    update=extend_schema(request=OfficerWriteSerializer, responses=OfficerSerializer),
    partial_update=extend_schema(request=OfficerWriteSerializer, responses=OfficerSerializer),
)
class OfficerViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, SelectorViewSet):
    serializer_class = OfficerSerializer
    filter_serializer_class = OfficerFilters
    ordering_fields = ["name", "staff_type", "status", "created_at"]
    ordering = ["organisation__sort_order", "name"]

    def selector(self, *, user, filters):
        return selectors.officer_list(user=user, filters=filters)

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return OfficerWriteSerializer
        return OfficerSerializer

    def _read(self, officer: Officer) -> dict:
        return OfficerSerializer(selectors.officer_get(user=self.request.user, public_id=officer.public_id),
                                 context=self.get_serializer_context()).data

    def create(self, request, *args, **kwargs):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        officer = services.officer_create(by=request.user, **data.validated_data)
        return Response(self._read(officer), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        officer = self.get_object()
        data = self.get_serializer(data=request.data, partial=kwargs.pop("partial", False))
        data.is_valid(raise_exception=True)
        officer = services.officer_update(by=request.user, officer=officer, **data.validated_data)
        return Response(self._read(officer))


# --- certificates -----------------------------------------------------------------------------------------


class CertificateFilters(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="证件编号或持证人姓名包含")
    organisation = serializers.UUIDField(required=False, help_text="持证人所属单位的公开标识")
    status = serializers.ChoiceField(choices=CertificateStatus.choices, required=False,
                                     help_text="按实际状态:有效期已过的有效证件视为过期")
    expiring_within = serializers.IntegerField(required=False, min_value=0, max_value=3650,
                                               help_text="N日内到期的有效证件")
    category = serializers.CharField(required=False, allow_blank=True, max_length=30, help_text="执法类别代码")


class CertificateSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    officer = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    officer_name = serializers.CharField(source="officer.name", read_only=True)
    organisation = serializers.UUIDField(source="officer.organisation.public_id", read_only=True)
    organisation_name = serializers.CharField(source="officer.organisation.name", read_only=True)
    categories = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    effective_status = serializers.SerializerMethodField()
    effective_status_display = serializers.CharField(source="get_effective_status_display", read_only=True)
    replaces = serializers.SlugRelatedField(slug_field="public_id", read_only=True)

    class Meta:
        model = Certificate
        fields = ["id", "number", "officer", "officer_name", "organisation", "organisation_name",
                  "issuing_authority", "categories", "area", "valid_from", "valid_to", "status", "status_display",
                  "effective_status", "effective_status_display", "status_reason", "status_changed_on",
                  "last_reviewed_on", "replaces"]

    def get_effective_status(self, obj) -> str:
        return obj.effective_status(selectors.today())


class CertificateIssueSerializer(serializers.Serializer):
    officer = serializers.SlugRelatedField(slug_field="public_id", queryset=Officer.objects.none(),
                                           help_text="持证人的公开标识")
    number = serializers.CharField(max_length=30)
    categories = serializers.SlugRelatedField(slug_field="code", many=True, queryset=org_selectors.category_list(),
                                              help_text="执法类别代码")
    area = serializers.CharField(max_length=100)
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(required=False, help_text="不填则按本地区换证周期计算")
    issuing_authority = serializers.CharField(max_length=100, required=False, allow_blank=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["officer"].queryset = selectors.officer_list(user=request.user)


class CertificateActionSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, allow_blank=True, help_text="原因(必填)")
    on = serializers.DateField(required=False, help_text="生效日期,不填为今日")


_ACTION_SCHEMA = extend_schema(request=CertificateActionSerializer, responses=CertificateSerializer)


@extend_schema_view(
    list=extend_schema(parameters=[CertificateFilters]),
    create=extend_schema(request=CertificateIssueSerializer, responses={201: CertificateSerializer}),
)
class CertificateViewSet(mixins.CreateModelMixin, SelectorViewSet):
    serializer_class = CertificateSerializer
    filter_serializer_class = CertificateFilters
    ordering_fields = ["number", "valid_from", "valid_to", "status"]
    ordering = ["-valid_to", "number"]

    def selector(self, *, user, filters):
        return selectors.certificate_list(user=user, filters=filters)

    def get_serializer_class(self):
        if self.action == "create":
            return CertificateIssueSerializer
        if self.action in ("revoke", "suspend", "reinstate", "declare_lost"):
            return CertificateActionSerializer
        return CertificateSerializer

    def _read(self, certificate: Certificate) -> dict:
        return CertificateSerializer(selectors.certificate_get(user=self.request.user,
                                                               public_id=certificate.public_id),
                                     context=self.get_serializer_context()).data

    def create(self, request, *args, **kwargs):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        certificate = services.certificate_issue(by=request.user, **data.validated_data)
        return Response(self._read(certificate), status=status.HTTP_201_CREATED)

    def _transition(self, request, service):
        certificate = self.get_object()
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        certificate = service(by=request.user, certificate=certificate, reason=data.validated_data["reason"],
                              on=data.validated_data.get("on"))
        return Response(self._read(certificate))

    @_ACTION_SCHEMA
    @action(detail=True, methods=["post"])
    def revoke(self, request, public_id=None):
        """吊销证件 (XZCF-42): the holder can no longer act under it."""
        return self._transition(request, services.certificate_revoke)

    @_ACTION_SCHEMA
    @action(detail=True, methods=["post"])
    def suspend(self, request, public_id=None):
        """暂扣证件."""
        return self._transition(request, services.certificate_suspend)

    @_ACTION_SCHEMA
    @action(detail=True, methods=["post"])
    def reinstate(self, request, public_id=None):
        """恢复被暂扣的证件."""
        return self._transition(request, services.certificate_reinstate)

    @_ACTION_SCHEMA
    @action(detail=True, methods=["post"], url_path="declare-lost", url_name="declare-lost")
    def declare_lost(self, request, public_id=None):
        """证件遗失作废."""
        return self._transition(request, services.certificate_declare_lost)
