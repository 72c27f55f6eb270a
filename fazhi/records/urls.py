from django.urls import path

from fazhi.records import views

app_name = "records"

urlpatterns = [
    path("heads/", views.heads, name="heads"),
    path("timeline/<str:subject_type>/<uuid:subject_id>/", views.timeline, name="timeline"),
]
