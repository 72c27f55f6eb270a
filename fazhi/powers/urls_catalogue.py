"""Staff screens of the service-item catalogue (政务服务事项), under the "powers" namespace."""

from django.urls import path

from fazhi.powers import views_catalogue as views

urlpatterns = [
    path("service-items/", views.service_item_list, name="service_item_list"),
    path("service-items/export/", views.service_item_export, name="service_item_export"),
    path("service-items/stats/", views.service_item_stats, name="service_item_stats"),
    path("service-items/new/", views.service_item_create, name="service_item_create"),
    path("service-items/delegated/new/", views.service_item_delegate, name="service_item_delegate"),
    path("service-items/<uuid:public_id>/", views.service_item_detail, name="service_item_detail"),
    path("service-items/<uuid:public_id>/edit/", views.service_item_edit, name="service_item_edit"),
    path("service-items/<uuid:public_id>/convert/", views.service_item_convert, name="service_item_convert"),
]
