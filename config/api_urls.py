"""REST API under /api/v1/ (namespace "api"). Every route here has an entry in config/route_permissions.py."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from fazhi.accounts.api_views import TokenView
from fazhi.disclosure import api_decisions, api_inspections, api_powers
from fazhi.enforcement.api import CaseViewSet
from fazhi.orgs.api import BodyViewSet, CategoryViewSet, JurisdictionViewSet, OrganisationViewSet
from fazhi.personnel.api import CertificateViewSet, OfficerViewSet
from fazhi.records.api import LedgerHeadListView

app_name = "api"

router = SimpleRouter()
router.register("jurisdictions", JurisdictionViewSet, basename="jurisdiction")
router.register("categories", CategoryViewSet, basename="category")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("bodies", BodyViewSet, basename="body")
router.register("officers", OfficerViewSet, basename="officer")
router.register("certificates", CertificateViewSet, basename="certificate")
router.register("cases", CaseViewSet, basename="case")

urlpatterns = [
    path("token/", TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    path("ledger-heads/", LedgerHeadListView.as_view(), name="ledger-head-list"),
    # open data (public, read-only): the power list, the random-inspection item list, the service guides
    path("open-data/power-items/", api_powers.OpenPowerItemList.as_view(), name="open-power-item-list"),
    path("open-data/power-items.csv", api_powers.OpenPowerItemCsv.as_view(), name="open-power-item-csv"),
    path("open-data/inspection-items/", api_powers.OpenInspectionItemList.as_view(),
         name="open-inspection-item-list"),
    path("open-data/inspection-items.csv", api_powers.OpenInspectionItemCsv.as_view(),
         name="open-inspection-item-csv"),
    path("open-data/service-guides/", api_powers.OpenServiceGuideList.as_view(), name="open-service-guide-list"),
    path("open-data/service-guides.csv", api_powers.OpenServiceGuideCsv.as_view(), name="open-service-guide-csv"),
    path("open-data/decisions/", api_decisions.OpenDecisionList.as_view(), name="open-decision-list"),
    path("open-data/inspection-results/", api_inspections.OpenInspectionResultList.as_view(),
         name="open-inspection-result-list"),
]
