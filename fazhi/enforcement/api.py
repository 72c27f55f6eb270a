"""REST API for enforcement cases: reads from the scoped selectors, writes through the services.

The list takes the same filters as the staff list. Registering a lead is a POST to the collection, a case decided
on the spot (简易程序, XZCF-51) a POST to /cases/summary/; filing and deciding are actions, refused with the rule id
when the statute blocks them (a passed legal review for a major case, XZCF-58, through the API as through the
screens). A natural person's ID number is masked unless the role needs it; a USCC never is. Related objects are named by their public ids, categories by their codes.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.accounts.permissions import sees_full_id_numbers
from fazhi.core.errors import DomainError
from fazhi.core.validators import mask_id_number
from fazhi.enforcement.enums import OPEN_STATUSES, CaseStatus, LeadSource, PartyType, Procedure
from fazhi.enforcement.forms import body_queryset, power_items_for
from fazhi.enforcement.models import Case
from fazhi.enforcement.selectors import cases as selectors
from fazhi.enforcement.services import cases as services
from fazhi.orgs import selectors as org_selectors
from fazhi.orgs.api import SelectorViewSet
from fazhi.orgs.models import EnforcementBody
from fazhi.personnel.selectors import officer_list, today
from fazhi.powers.models import PowerItem

# --- reading ----------------------------------------------------------------------------------------------


class CaseFilters(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="案号、案由或当事人名称包含")
    status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)
    procedure = serializers.ChoiceField(choices=Procedure.choices, required=False)
    body = serializers.UUIDField(required=False, help_text="执法主体的公开标识")
    lead_source = serializers.ChoiceField(choices=LeadSource.choices, required=False)
    category = serializers.CharField(required=False, allow_blank=True, max_length=30, help_text="执法类别代码")
    overdue = serializers.BooleanField(required=False, help_text="已超过决定期限且尚未决定(XZCF-60)")
    awaiting_review = serializers.BooleanField(required=False, help_text="有待审核的法制审核")
    due_within = serializers.IntegerField(required=False, min_value=0, max_value=3650,
                                          help_text="决定期限在N日内(尚未决定的案件)")
    received_from = serializers.DateField(required=False, help_text="案源登记日期起")
    received_to = serializers.DateField(required=False, help_text="案源登记日期止")


class CaseOfficerSerializer(serializers.Serializer):
    officer = serializers.UUIDField(source="officer.public_id")
    name = serializers.CharField(source="officer.name")
    role = serializers.CharField()
    certificate_number = serializers.CharField(source="certificate.number")
    assigned_on = serializers.DateField()
    active = serializers.BooleanField()


class CaseSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    body = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    category = serializers.SlugRelatedField(slug_field="code", read_only=True)
    procedure_display = serializers.CharField(source="get_procedure_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    lead_source_display = serializers.CharField(source="get_lead_source_display", read_only=True)
    party_id_number = serializers.SerializerMethodField()
    power_item = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ["id", "number", "title", "body", "body_name", "organisation", "procedure", "procedure_display",
                  "status", "status_display", "lead_source", "lead_source_display", "lead_received_on", "category",
                  "party_type", "party_name", "party_id_number", "power_item", "filed_on", "decision_due",
                  "overdue", "is_major", "outcome", "decided_on", "closed_on"]

    def get_party_id_number(self, obj) -> str:
        request = self.context.get("request")
        if obj.party_type == PartyType.PERSON and not (request is not None and sees_full_id_numbers(request.user)):
            return mask_id_number(obj.party_id_number)
        return obj.party_id_number

    def get_overdue(self, obj) -> bool:
        return bool(obj.decision_due and obj.status in OPEN_STATUSES and obj.decision_due < today())


class CaseDetailSerializer(CaseSerializer):
    legal_bases = serializers.SerializerMethodField()
    officers = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "lead_summary", "inspection_task_ref", "party_legal_representative",
                  "party_address", "party_phone", "legal_bases", "violation_on", "violation_continuing_until",
                  "grave_harm", "discovered_on", "facts", "major_reasons", "needs_collective_discussion",
                  "not_filed_reason", "officers"]

    def get_legal_bases(self, obj) -> list[str]:
        return [str(article) for article in obj.legal_bases.select_related("law")]

    @extend_schema_field(CaseOfficerSerializer(many=True))
    def get_officers(self, obj) -> list[dict]:
        return CaseOfficerSerializer(obj.case_officers.select_related("officer", "certificate"), many=True).data


class ClockSerializer(serializers.Serializer):
    rule_id = serializers.CharField()
    start = serializers.DateField()
    due = serializers.DateField()
    unit = serializers.CharField()
    unit_label = serializers.CharField()
    length = serializers.IntegerField()
    extension_total = serializers.IntegerField()
    paused_days = serializers.IntegerField()
    basis = serializers.CharField()
    trace = serializers.CharField(help_text="计算过程(中文)")
    steps = serializers.ListField(child=serializers.CharField())
    days_left = serializers.IntegerField(help_text="距决定期限的天数,负数为已超期")
    overdue = serializers.BooleanField()


# --- writing ----------------------------------------------------------------------------------------------


class ScopedSlugField(serializers.SlugRelatedField):
    """A related object named by its public id (or code), looked up only among those the user may choose."""

    def __init__(self, *args, choices_for, **kwargs):
        self.choices_for = choices_for
        kwargs.setdefault("queryset", kwargs.pop("model").objects.none())
        super().__init__(*args, **kwargs)

    def get_queryset(self):
        return self.choices_for(self.context)


def _user(context):
    return context["request"].user


class CaseLeadSerializer(serializers.Serializer):
    body = ScopedSlugField(slug_field="public_id", model=EnforcementBody, help_text="执法主体的公开标识",
                           choices_for=lambda ctx: body_queryset(_user(ctx)))
    category = serializers.SlugRelatedField(slug_field="code", queryset=org_selectors.category_list(),
                                            help_text="执法类别代码")
    title = serializers.CharField(max_length=200, help_text="案由")
    lead_source = serializers.ChoiceField(choices=LeadSource.choices)
    lead_received_on = serializers.DateField()
    lead_summary = serializers.CharField(help_text="线索内容")
    party_type = serializers.ChoiceField(choices=PartyType.choices)
    party_name = serializers.CharField(max_length=200)
    party_id_number = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    party_legal_representative = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    party_address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    party_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    inspection_task_ref = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")


class CaseFileSerializer(serializers.Serializer):
    filed_on = serializers.DateField()
    power_item = ScopedSlugField(slug_field="public_id", model=PowerItem,
                                 help_text="权力事项的公开标识(本主体所属单位已公布的行政处罚事项)",
                                 choices_for=lambda ctx: power_items_for(ctx["case"].body))
    legal_bases = serializers.ListField(child=serializers.CharField(max_length=200), allow_empty=False,
                                        help_text="法律依据,取所选权力事项的执法依据条文,如“食品安全法第一百二十四条”")
    officers = serializers.ListField(child=serializers.UUIDField(), allow_empty=False,
                                     help_text="执法人员的公开标识,第一位为主办人员(XZCF-42:两名以上)")
    discovered_on = serializers.DateField()
    violation_on = serializers.DateField(help_text="违法行为发生日期(XZCF-36 处罚时效)")
    violation_continuing_until = serializers.DateField(required=False, allow_null=True, default=None)
    grave_harm = serializers.BooleanField(required=False, default=False)
    facts = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs):
        item = attrs["power_item"]
        articles = {str(basis.article): basis.article
                    for basis in item.legal_bases.select_related("article__law")}
        unknown = [label for label in attrs["legal_bases"] if label not in articles]
        if unknown:
            raise serializers.ValidationError({"legal_bases": f"不是所选权力事项的执法依据:{'、'.join(unknown)}"})
        attrs["legal_bases"] = list({label: articles[label] for label in attrs["legal_bases"]}.values())
        # Officers are looked up among those the user may see; whether they may act on this case is XZCF-42,
        # decided by the service (so that its message and rule id reach the client).
        wanted = list(dict.fromkeys(attrs["officers"]))
        found = {o.public_id: o for o in officer_list(user=_user(self.context)).filter(public_id__in=wanted)}
        missing = [str(pid) for pid in wanted if pid not in found]
        if missing:
            raise serializers.ValidationError({"officers": f"找不到执法人员:{'、'.join(missing)}"})
        attrs["officers"] = [found[pid] for pid in wanted]
        return attrs


class CaseSummarySerializer(serializers.Serializer):
    """简易程序 (XZCF-51): decided and handed over on the spot. The amount limits, XZCF-42 and the certificates shown
    (XZCF-52) are the service's to decide, so that its message and rule id reach the client."""

    body = ScopedSlugField(slug_field="public_id", model=EnforcementBody, help_text="执法主体的公开标识",
                           choices_for=lambda ctx: body_queryset(_user(ctx)))
    category = serializers.SlugRelatedField(slug_field="code", queryset=org_selectors.category_list(),
                                            help_text="执法类别代码")
    power_item = serializers.UUIDField(help_text="权力事项的公开标识(本主体所属单位已公布的行政处罚事项)")
    legal_bases = serializers.ListField(child=serializers.CharField(max_length=200), allow_empty=False,
                                        help_text="法律依据,取所选权力事项的执法依据条文,如“食品安全法第一百二十四条”")
    officers = serializers.ListField(child=serializers.UUIDField(), allow_empty=False,
                                     help_text="在场执法人员的公开标识,第一位为主办人员(XZCF-42:两名以上)")
    certificates_shown = serializers.ListField(child=serializers.CharField(max_length=50), allow_empty=True,
                                               help_text="向当事人出示的执法证件编号(XZCF-52)")
    decided_on = serializers.DateField(required=False, help_text="处罚日期,不填为今日")
    place = serializers.CharField(max_length=200, help_text="地点")
    party_type = serializers.ChoiceField(choices=PartyType.choices)
    party_name = serializers.CharField(max_length=200)
    party_id_number = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    title = serializers.CharField(max_length=200, help_text="案由")
    facts = serializers.CharField(help_text="违法事实")
    penalty_kinds = serializers.ListField(child=serializers.CharField(max_length=30), allow_empty=False,
                                          help_text="处罚种类:warning(警告)、fine(罚款)")
    fine_amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, default=0,
                                           help_text="罚款金额(元);简易程序对公民200元以下、对法人或者其他组织3000元以下")

    def validate(self, attrs):
        body = attrs["body"]
        item = power_items_for(body).filter(public_id=attrs["power_item"]).first()
        if item is None:
            raise serializers.ValidationError({"power_item": "请选择本单位已公布的行政处罚事项"})
        attrs["power_item"] = item
        articles = {str(basis.article): basis.article
                    for basis in item.legal_bases.select_related("article__law")}
        unknown = [label for label in attrs["legal_bases"] if label not in articles]
        if unknown:
            raise serializers.ValidationError({"legal_bases": f"不是所选权力事项的执法依据:{'、'.join(unknown)}"})
        attrs["legal_bases"] = list({label: articles[label] for label in attrs["legal_bases"]}.values())
        wanted = list(dict.fromkeys(attrs["officers"]))
        found = {o.public_id: o for o in officer_list(user=_user(self.context)).filter(public_id__in=wanted)}
        missing = [str(pid) for pid in wanted if pid not in found]
        if missing:
            raise serializers.ValidationError({"officers": f"找不到执法人员:{'、'.join(missing)}"})
        attrs["officers"] = [found[pid] for pid in wanted]
        attrs["decided_on"] = attrs.get("decided_on") or today()
        return attrs


class CaseDecideSerializer(serializers.Serializer):
    decided_on = serializers.DateField(required=False, help_text="决定日期,不填为今日")


# --- the viewset ------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(parameters=[CaseFilters]),
    retrieve=extend_schema(responses=CaseDetailSerializer),
    create=extend_schema(request=CaseLeadSerializer, responses={201: CaseDetailSerializer}),
)
class CaseViewSet(mixins.CreateModelMixin, SelectorViewSet):
    serializer_class = CaseSerializer
    filter_serializer_class = CaseFilters
    ordering_fields = ["lead_received_on", "decision_due", "number", "status"]
    ordering = ["-lead_received_on", "-id"]

    def selector(self, *, user, filters):
        if "body" in filters:
            filters = {**filters, "body": str(filters["body"])}
        return selectors.case_list(user=user, filters=filters)

    def get_object(self):
        """Another body's case, like a missing one, is a 404."""
        try:
            return selectors.case_get(user=self.request.user, public_id=self.kwargs["public_id"])
        except (ObjectDoesNotExist, ValidationError) as exc:
            raise Http404 from exc

    def get_serializer_class(self):
        return {"create": CaseLeadSerializer, "retrieve": CaseDetailSerializer, "file": CaseFileSerializer,
                "decide": CaseDecideSerializer, "summary": CaseSummarySerializer}.get(self.action, CaseSerializer)

    def _read(self, case: Case, code=status.HTTP_200_OK) -> Response:
        case = selectors.case_get(user=self.request.user, public_id=case.public_id)
        return Response(CaseDetailSerializer(case, context=self.get_serializer_context()).data, status=code)

    def create(self, request, *args, **kwargs):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.case_lead_register(by=request.user, **data.validated_data)
        return self._read(case, status.HTTP_201_CREATED)

    @extend_schema(request=CaseFileSerializer, responses=CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def file(self, request, public_id=None):
        """立案 (XZCF-42 two certified officers, XZCF-36 limitation, power item from the power list)."""
        case = self.get_object()
        data = CaseFileSerializer(data=request.data, context={**self.get_serializer_context(), "case": case})
        data.is_valid(raise_exception=True)
        case = services.case_file(by=request.user, case=case, **data.validated_data)
        return self._read(case)

    @extend_schema(request=CaseSummarySerializer, responses={201: CaseDetailSerializer})
    @action(detail=False, methods=["post"])
    def summary(self, request):
        """当场处罚 (简易程序): refused with the rule id over the XZCF-51 limits, with fewer than two certified
        officers (XZCF-42) or without the certificates shown (XZCF-52); nothing is created then."""
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.case_summary_decide(by=request.user, **data.validated_data)
        return self._read(case, status.HTTP_201_CREATED)

    @extend_schema(request=CaseDecideSerializer, responses=CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, public_id=None):
        """作出决定: refused with the rule id when a gate is not passed (XZCF-44/57/58/63/42/45)."""
        case = self.get_object()
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_decide(by=request.user, case=case, decided_on=data.validated_data.get("decided_on") or today())
        return self._read(case)

    @extend_schema(responses=ClockSerializer)
    @action(detail=True, methods=["get"])
    def clock(self, request, public_id=None):
        """The XZCF-60 decision deadline with pauses and extensions, and its trace in Chinese."""
        case = self.get_object()
        if not case.filed_on:
            return Response({"code": "not_filed", "message": "案件尚未立案,办案期限自立案之日起计算", "field": None,
                             "rule": "XZCF-60"}, status=status.HTTP_409_CONFLICT)
        try:
            due = selectors.case_clock(case, strict=True)
        except DomainError as exc:  # CAL-YEAR: the date falls in a year whose holiday schedule is not loaded
            return Response({"code": exc.code, "message": exc.message, "field": None, "rule": exc.rule},
                            status=status.HTTP_409_CONFLICT)
        day = today()
        return Response({**due.as_dict(), "days_left": due.days_left(day),
                         "overdue": case.status in OPEN_STATUSES and due.is_overdue(day)})
