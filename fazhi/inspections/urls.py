from django.urls import path

from fazhi.inspections import views, views_objects, views_plans, views_reports, views_results, views_tasks

app_name = "inspections"

# One list per area; each area's views live in their own module.
overview_patterns: list = [  # views: 一单两库一细则 of the department
    path("", views.home, name="home"),
    path("items/", views.item_list, name="item_list"),
    path("inspectors/", views.inspector_pool, name="inspector_pool"),
    path("rules/", views.rules_list, name="rules_list"),
    path("rules/new/", views.rules_create, name="rules_create"),
    path("rules/<uuid:public_id>/", views.rules_detail, name="rules_detail"),
    path("rules/<uuid:public_id>/file/", views.rules_file, name="rules_file"),
]
object_patterns: list = [  # views_objects: the object pool and conflicts of interest
    path("objects/", views_objects.object_list, name="object_list"),
    path("objects/export/", views_objects.object_export, name="object_export"),
    path("objects/new/", views_objects.object_create, name="object_create"),
    path("objects/<uuid:public_id>/", views_objects.object_detail, name="object_detail"),
    path("objects/<uuid:public_id>/edit/", views_objects.object_edit, name="object_edit"),
    path("conflicts/", views_objects.conflict_list, name="conflict_list"),
    path("conflicts/new/", views_objects.conflict_create, name="conflict_create"),
    path("conflicts/<uuid:public_id>/withdraw/", views_objects.conflict_withdraw, name="conflict_withdraw"),
]
plan_patterns: list = [  # views_plans: annual plans
    path("plans/", views_plans.plan_list, name="plan_list"),
    path("plans/new/", views_plans.plan_create, name="plan_create"),
    path("plans/<uuid:public_id>/", views_plans.plan_detail, name="plan_detail"),
    path("plans/<uuid:public_id>/edit/", views_plans.plan_edit, name="plan_edit"),
    path("plans/<uuid:public_id>/submit/", views_plans.plan_submit, name="plan_submit"),
    path("plans/<uuid:public_id>/acknowledge/", views_plans.plan_acknowledge, name="plan_acknowledge"),
    path("plans/<uuid:public_id>/return/", views_plans.plan_return, name="plan_return"),
]
task_patterns: list = [  # views_tasks: tasks, draws, publication
    path("tasks/", views_tasks.task_list, name="task_list"),
    path("tasks/export/", views_tasks.task_export, name="task_export"),
    path("tasks/new/", views_tasks.task_create, name="task_create"),
    path("tasks/<uuid:public_id>/", views_tasks.task_detail, name="task_detail"),
    path("tasks/<uuid:public_id>/edit/", views_tasks.task_edit, name="task_edit"),
    path("tasks/<uuid:public_id>/draw/", views_tasks.task_draw, name="task_draw"),
    path("tasks/<uuid:public_id>/redraw/", views_tasks.task_redraw, name="task_redraw"),
    path("tasks/<uuid:public_id>/add-object/", views_tasks.task_add_object, name="task_add_object"),
    path("tasks/<uuid:public_id>/publish-list/", views_tasks.task_publish_list, name="task_publish_list"),
    path("tasks/<uuid:public_id>/notices/", views_tasks.task_notices, name="task_notices"),
    path("tasks/<uuid:public_id>/end/", views_tasks.task_end, name="task_end"),
    path("tasks/<uuid:public_id>/publish-results/", views_tasks.task_publish_results, name="task_publish_results"),
    path("tasks/<uuid:public_id>/drawn/export/", views_tasks.drawn_export, name="drawn_export"),
    path("draws/<uuid:public_id>/", views_tasks.draw_detail, name="draw_detail"),
    path("draws/<uuid:public_id>/snapshot/", views_tasks.draw_snapshot, name="draw_snapshot"),
]
result_patterns: list = [  # views_results: the inspector's phone screens
    path("mine/", views_results.my_inspections, name="my_inspections"),
    path("drawn/<uuid:public_id>/", views_results.drawn_object_detail, name="drawn_object_detail"),
    path("drawn/<uuid:public_id>/result/", views_results.result_create, name="result_create"),
    path("photos/<int:pk>/", views_results.result_photo, name="result_photo"),
]
report_patterns: list = [  # views_reports (helper E): monthly reports
    path("reports/", views_reports.report, name="report"),
    path("reports/export/", views_reports.report_export, name="report_export"),
]

urlpatterns = overview_patterns + object_patterns + plan_patterns + task_patterns + result_patterns + report_patterns
