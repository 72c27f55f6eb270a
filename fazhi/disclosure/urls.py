from django.urls import path

from fazhi.disclosure import views, views_powers

app_name = "disclosure"

urlpatterns = [
    path("", views.home, name="home"),
    path("certificates/", views.certificate_verify, name="certificate_verify"),
    path("certificates/<str:number>/", views.certificate_qr, name="certificate_qr"),
    # the power list, the random-inspection item list and the service guides
    path("powers/", views_powers.power_item_list, name="power_item_list"),
    path("powers/<uuid:public_id>/", views_powers.power_item_detail, name="power_item_detail"),
    path("inspection-items/", views_powers.inspection_item_list, name="inspection_item_list"),
    path("service-guides/", views_powers.service_guide_list, name="service_guide_list"),
    path("service-guides/<uuid:public_id>/", views_powers.service_guide_detail, name="service_guide_detail"),
]
