from django.urls import path

from fazhi.powers import views_laws

urlpatterns = [
    path("laws/", views_laws.law_list, name="law_list"),
    path("laws/export/", views_laws.law_export, name="law_export"),
    path("laws/import/", views_laws.law_import, name="law_import"),
    path("laws/articles/", views_laws.article_search, name="article_search"),
    path("laws/<uuid:public_id>/", views_laws.law_detail, name="law_detail"),
    path("laws/<uuid:public_id>/status/", views_laws.law_status, name="law_status"),
]
