from django.urls import path

from fazhi.orgs import views

app_name = "orgs"

urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("new/", views.organisation_create, name="organisation_create"),
    path("<uuid:public_id>/", views.organisation_detail, name="organisation_detail"),
    path("<uuid:public_id>/edit/", views.organisation_edit, name="organisation_edit"),
    path("<uuid:public_id>/liaison/", views.liaison_set, name="liaison_set"),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("bodies/<uuid:public_id>/", views.body_detail, name="body_detail"),
    path("bodies/<uuid:public_id>/edit/", views.body_edit, name="body_edit"),
]
