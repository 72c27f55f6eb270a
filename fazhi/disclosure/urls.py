from django.urls import path

from fazhi.disclosure import views, views_decisions, views_inspections, views_powers

app_name = "disclosure"

urlpatterns = [
    path("", views.home, name="home"),
    path("certificates/", views.certificate_verify, name="certificate_verify"),
    path("certificates/<str:number>/", views.certificate_qr, name="certificate_qr"),
    # the power list, the random-inspection item list and the service guides
    path("powers/", views_powers.power_item_list, name="power_item_list"),
    path("powers/<uuid:public_id>/", views_powers.power_item_detail, name="power_item_detail"),
    path("inspection-items/", views_powers.inspection_item_list, name="inspection_item_list"),
    path("service-guides/", views_powers.service_guide_list, name="service_guide_list"),
    path("service-guides/<uuid:public_id>/", views_powers.service_guide_detail, name="service_guide_detail"),
    # published decisions (事后公开) and their verification; enforcement bodies and officers (事前公开)
    path("decisions/", views_decisions.decision_list, name="decision_list"),
    path("decisions/verify/", views_decisions.decision_verify, name="decision_verify"),
    path("decisions/<uuid:public_id>.json", views_decisions.decision_json, name="decision_json"),
    path("decisions/<str:key>/", views_decisions.decision_detail, name="decision_detail"),
    path("bodies/", views_decisions.body_list, name="body_list"),
    path("bodies/<uuid:public_id>/", views_decisions.body_detail, name="body_detail"),
    # random inspection (双随机一公开): plans, tasks, drawn objects, results, each draw's evidence
    path("inspections/plans/", views_inspections.inspection_plan_list, name="inspection_plan_list"),
    path("inspections/tasks/", views_inspections.inspection_task_list, name="inspection_task_list"),
    path("inspections/tasks/<str:key>/", views_inspections.inspection_task_detail, name="inspection_task_detail"),
    path("inspections/results/", views_inspections.inspection_result_search, name="inspection_result_search"),
    path("inspections/draws/<uuid:public_id>/", views_inspections.inspection_draw_detail,
         name="inspection_draw_detail"),
    path("inspections/draws/<uuid:public_id>/snapshot.txt.gz", views_inspections.inspection_draw_snapshot,
         name="inspection_draw_snapshot"),
    path("inspections/replay_draw.py", views_inspections.inspection_replay_script, name="inspection_replay_script"),
]
