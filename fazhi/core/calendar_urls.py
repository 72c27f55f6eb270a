from django.urls import path

from fazhi.core import calendar_views as views

app_name = "calendar"

urlpatterns = [
    path("", views.year_list, name="year_list"),
    path("years/<int:year>/", views.year_detail, name="year_detail"),
    path("years/edit/", views.year_edit, name="year_edit"),
    path("deadline/", views.deadline_calculator, name="deadline"),
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/<str:rule_id>/", views.rule_edit, name="rule_edit"),
]
