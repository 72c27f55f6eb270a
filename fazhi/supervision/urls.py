from django.urls import path

from fazhi.supervision import views

app_name = "supervision"

urlpatterns = [
    path("warnings/", views.warning_list, name="warning_list"),
    path("warnings/export/", views.warning_export, name="warning_export"),
]
