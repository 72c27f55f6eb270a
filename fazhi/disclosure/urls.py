from django.urls import path

from fazhi.disclosure import views

app_name = "disclosure"

urlpatterns = [
    path("", views.home, name="home"),
    path("certificates/", views.certificate_verify, name="certificate_verify"),
    path("certificates/<str:number>/", views.certificate_qr, name="certificate_qr"),
]
