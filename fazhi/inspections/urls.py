from django.urls import path  # noqa: F401 - filled in by the staff screens

app_name = "inspections"

urlpatterns: list = []
