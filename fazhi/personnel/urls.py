from django.urls import path

from fazhi.personnel import views

app_name = "personnel"

urlpatterns = [
    path("officers/", views.officer_list, name="officer_list"),
    path("officers/export/", views.officer_export, name="officer_export"),
    path("officers/new/", views.officer_create, name="officer_create"),
    path("officers/<uuid:public_id>/", views.officer_detail, name="officer_detail"),
    path("officers/<uuid:public_id>/edit/", views.officer_edit, name="officer_edit"),
    path("officers/<uuid:public_id>/leave/", views.officer_leave, name="officer_leave"),
    path("officers/<uuid:public_id>/trainings/new/", views.training_add, name="training_add"),
    path("officers/<uuid:public_id>/exams/new/", views.exam_add, name="exam_add"),
    path("officers/<uuid:public_id>/certificates/new/", views.certificate_issue, name="certificate_issue"),
    path("certificates/", views.certificate_list, name="certificate_list"),
    path("certificates/export/", views.certificate_export, name="certificate_export"),
    path("certificates/<uuid:public_id>/", views.certificate_detail, name="certificate_detail"),
    path("certificates/<uuid:public_id>/renew/", views.certificate_renew, name="certificate_renew"),
    path("certificates/<uuid:public_id>/<slug:action>/", views.certificate_action, name="certificate_action"),
    path("exams/", views.exam_list, name="exam_list"),
    path("exams/export/", views.exam_export, name="exam_export"),
    path("supervisors/export/", views.supervisor_export, name="supervisor_export"),
    path("supervisors/", views.supervisor_list, name="supervisor_list"),
    path("supervisors/new/", views.supervisor_create, name="supervisor_create"),
    path("supervisors/<uuid:public_id>/edit/", views.supervisor_edit, name="supervisor_edit"),
]
