from django.urls import path

from fazhi.core import views

app_name = "core"

urlpatterns = [
    path("", views.import_list, name="import_list"),
    path("<slug:key>/template/", views.import_template, name="import_template"),
    path("<slug:key>/upload/", views.import_upload, name="import_upload"),
    path("jobs/<uuid:public_id>/", views.import_detail, name="import_detail"),
    path("jobs/<uuid:public_id>/progress/", views.import_progress, name="import_progress"),
    path("jobs/<uuid:public_id>/commit/", views.import_commit, name="import_commit"),
]
