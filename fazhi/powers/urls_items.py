"""URLs of the power and responsibility list and of posts (route rules: config/route_permissions.py,
section "powers: power list, posts")."""

from django.urls import path

from fazhi.powers import views_items as views

urlpatterns = [
    path("items/", views.item_list, name="item_list"),
    path("items/export/", views.item_export, name="item_export"),
    path("items/new/", views.item_create, name="item_create"),
    path("items/diff/", views.item_diff, name="item_diff"),
    path("items/stats/", views.item_stats, name="item_stats"),
    path("items/<uuid:public_id>/", views.item_detail, name="item_detail"),
    path("items/<uuid:public_id>/edit/", views.item_edit, name="item_edit"),
    path("items/<uuid:public_id>/publish/", views.item_publish, name="item_publish"),
    path("items/<uuid:public_id>/adjust/", views.item_adjust, name="item_adjust"),
    path("items/<uuid:public_id>/abolish/", views.item_abolish, name="item_abolish"),
    path("items/<uuid:public_id>/review/", views.item_review_confirm, name="item_review_confirm"),
    path("inspection-items/", views.inspection_list, name="inspection_list"),
    path("inspection-items/export/", views.inspection_export, name="inspection_export"),
    path("posts/", views.post_list, name="post_list"),
    path("posts/new/", views.post_create, name="post_create"),
    path("posts/<uuid:public_id>/edit/", views.post_edit, name="post_edit"),
    path("posts/decomposition/", views.decomposition, name="decomposition"),
]
