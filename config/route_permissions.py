"""The central route-permission table (DESIGN.md mechanism 1).

Every URL name and API route maps to exactly one rule. RoutePermissionMiddleware refuses any route that is
missing here, and fazhi/accounts/tests/test_route_table.py fails when a route has no entry. Object-level scoping
(a body's staff never see another body's rows) is done by the selectors; this table decides who may open a route.
"""

from fazhi.accounts.permissions import (
    ACKNOWLEDGE_PLANS,
    APPROVE_CASES,
    HANDLE_CASES,
    INTERNAL,
    LOGGED_IN,
    MANAGE_CALENDAR,
    MANAGE_CASE_SETTINGS,
    MANAGE_CERTIFICATES,
    MANAGE_HEARING_THRESHOLDS,
    MANAGE_LAWS,
    MANAGE_OBJECT_POOL,
    MANAGE_OFFICERS,
    MANAGE_ORGS,
    MANAGE_POWERS,
    MANAGE_SUPERVISORS,
    PLAN_INSPECTIONS,
    PUBLIC,
    PUBLISH_DECISIONS,
    RECORD_INSPECTIONS,
    REVIEW_CASES,
    STAFF_ONLY,
    read_write,
)

ROUTES = {
    # --- platform -----------------------------------------------------------------------------------
    "healthz": PUBLIC,
    "set_language": PUBLIC,
    "admin:*": STAFF_ONLY,
    "web:workbench": LOGGED_IN,
    # --- accounts -----------------------------------------------------------------------------------
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,
    "accounts:password_change": LOGGED_IN,
    # --- orgs ---------------------------------------------------------------------------------------
    "orgs:organisation_list": INTERNAL,
    "orgs:organisation_detail": INTERNAL,
    "orgs:organisation_create": MANAGE_ORGS,
    "orgs:organisation_edit": MANAGE_ORGS,
    "orgs:liaison_set": MANAGE_ORGS,
    "orgs:body_list": INTERNAL,
    "orgs:body_detail": INTERNAL,
    "orgs:body_create": MANAGE_ORGS,
    "orgs:body_edit": MANAGE_ORGS,
    # --- personnel ----------------------------------------------------------------------------------
    # reads: every internal role (rows scoped by the selectors); writes: the MANAGE_* rules
    "personnel:officer_list": INTERNAL,
    "personnel:officer_export": INTERNAL,
    "personnel:officer_detail": INTERNAL,
    "personnel:officer_create": MANAGE_OFFICERS,
    "personnel:officer_edit": MANAGE_OFFICERS,
    "personnel:officer_leave": MANAGE_OFFICERS,
    "personnel:training_add": MANAGE_OFFICERS,
    "personnel:exam_add": MANAGE_CERTIFICATES,
    "personnel:certificate_list": INTERNAL,
    "personnel:certificate_export": INTERNAL,
    "personnel:certificate_detail": INTERNAL,
    "personnel:certificate_issue": MANAGE_CERTIFICATES,
    "personnel:certificate_renew": MANAGE_CERTIFICATES,
    "personnel:certificate_action": MANAGE_CERTIFICATES,
    "personnel:exam_list": INTERNAL,
    "personnel:exam_export": INTERNAL,
    "personnel:supervisor_list": INTERNAL,
    "personnel:supervisor_export": INTERNAL,
    "personnel:supervisor_create": MANAGE_SUPERVISORS,
    "personnel:supervisor_edit": MANAGE_SUPERVISORS,
    # --- powers: law library -----------------------------------------------------------------------
    # reads: every internal role (laws belong to no organisation); import and status changes: the office
    "powers:law_list": INTERNAL,
    "powers:law_export": INTERNAL,
    "powers:law_detail": INTERNAL,
    "powers:article_search": INTERNAL,
    "powers:law_import": MANAGE_LAWS,
    "powers:law_status": MANAGE_LAWS,
    # --- powers: power list, posts -----------------------------------------------------------------
    # reads: every internal role (rows scoped by powers.selectors.items); writes: MANAGE_POWERS, and a body
    # administrator only for items and posts of its own department (checked by powers.services.items)
    "powers:item_list": INTERNAL,
    "powers:item_export": INTERNAL,
    "powers:item_detail": INTERNAL,
    "powers:item_diff": INTERNAL,
    "powers:item_stats": INTERNAL,
    "powers:item_create": MANAGE_POWERS,
    "powers:item_edit": MANAGE_POWERS,
    "powers:item_publish": MANAGE_POWERS,
    "powers:item_adjust": MANAGE_POWERS,
    "powers:item_abolish": MANAGE_POWERS,
    "powers:item_review_confirm": MANAGE_POWERS,
    "powers:inspection_list": INTERNAL,
    "powers:inspection_export": INTERNAL,
    "powers:post_list": INTERNAL,
    "powers:decomposition": INTERNAL,
    "powers:post_create": MANAGE_POWERS,
    "powers:post_edit": MANAGE_POWERS,
    # --- powers: service items ---------------------------------------------------------------------
    # reads: every internal role (rows scoped by powers.selectors.catalogue); writes: MANAGE_POWERS, and a body
    # administrator only for its own department's items (checked by powers.services.catalogue)
    "powers:service_item_list": INTERNAL,
    "powers:service_item_export": INTERNAL,
    "powers:service_item_stats": INTERNAL,
    "powers:service_item_detail": INTERNAL,
    "powers:service_item_create": MANAGE_POWERS,
    "powers:service_item_edit": MANAGE_POWERS,
    "powers:service_item_convert": MANAGE_POWERS,
    "powers:service_item_delegate": MANAGE_POWERS,
    # --- imports (core) -----------------------------------------------------------------------------
    # Who may use which importer is decided per importer (its own rule, checked by the import services).
    "core:import_list": INTERNAL,
    "core:import_template": INTERNAL,
    "core:import_upload": INTERNAL,
    "core:import_detail": INTERNAL,
    "core:import_progress": INTERNAL,
    "core:import_commit": INTERNAL,
    # --- public (disclosure) ------------------------------------------------------------------------
    "disclosure:home": PUBLIC,
    "disclosure:certificate_verify": PUBLIC,
    "disclosure:certificate_qr": PUBLIC,
    "disclosure:power_item_list": PUBLIC,  # published power items only (fazhi.disclosure.powers)
    "disclosure:power_item_detail": PUBLIC,
    "disclosure:inspection_item_list": PUBLIC,
    "disclosure:service_guide_list": PUBLIC,  # service items in use only
    "disclosure:service_guide_detail": PUBLIC,
    "disclosure:decision_list": PUBLIC,  # published decisions: public fields only (fazhi.disclosure.decisions)
    "disclosure:decision_verify": PUBLIC,
    "disclosure:decision_detail": PUBLIC,
    "disclosure:decision_json": PUBLIC,
    "disclosure:body_list": PUBLIC,  # active bodies and their certified officers (fazhi.disclosure.bodies)
    "disclosure:body_detail": PUBLIC,
    "api:open-power-item-list": PUBLIC,  # open data: the same public fields as the public pages, read-only
    "api:open-power-item-csv": PUBLIC,
    "api:open-inspection-item-list": PUBLIC,
    "api:open-inspection-item-csv": PUBLIC,
    "api:open-service-guide-list": PUBLIC,
    "api:open-service-guide-csv": PUBLIC,
    "api:open-decision-list": PUBLIC,
    # --- records -----------------------------------------------------------------------------------
    "records:heads": PUBLIC,  # published ledger heads: public by design (docs/records.md)
    "records:timeline": INTERNAL,  # rows scoped by ledger visibility in records.selectors (404 otherwise)
    "api:ledger-head-list": PUBLIC,  # records: published ledger heads (read-only)
    # --- calendar (core): holiday table, deadline calculator, rule table ---------------------------
    "calendar:year_list": INTERNAL,
    "calendar:year_detail": INTERNAL,
    "calendar:year_edit": MANAGE_CALENDAR,
    "calendar:deadline": INTERNAL,
    "calendar:rule_list": INTERNAL,
    "calendar:rule_edit": MANAGE_CALENDAR,
    # --- enforcement: settings (document prefixes, major-decision catalogue, hearing thresholds) -------
    "enforcement:settings": INTERNAL,
    "enforcement:prefix_set": MANAGE_CASE_SETTINGS,
    "enforcement:catalogue_add": MANAGE_CASE_SETTINGS,
    "enforcement:catalogue_remove": MANAGE_CASE_SETTINGS,
    "enforcement:threshold_set": MANAGE_HEARING_THRESHOLDS,
    # --- enforcement: case list, detail, procedure steps (staff UI) ---------------------------------
    # reads: every internal role (rows scoped by enforcement.selectors.cases); writes: who handles cases
    "enforcement:case_list": INTERNAL,
    "enforcement:case_export": INTERNAL,
    "enforcement:case_detail": INTERNAL,
    "enforcement:case_create": HANDLE_CASES,
    "enforcement:case_file": HANDLE_CASES,
    "enforcement:summary_decide": HANDLE_CASES,  # 简易程序 (XZCF-51); the service re-checks the organisation
    # --- enforcement: evidence upload and field screens -----------------------------------------------
    # reads: every internal role (rows scoped by services.evidence's selectors, another body's evidence is a 404);
    # writes: HANDLE_CASES, and the service re-checks the case's own organisation and that the case is filed
    "enforcement:evidence_list": INTERNAL,
    "enforcement:evidence_detail": INTERNAL,
    "enforcement:evidence_download": INTERNAL,
    "enforcement:evidence_add": HANDLE_CASES,
    "enforcement:upload_create": HANDLE_CASES,
    "enforcement:upload_detail": HANDLE_CASES,  # an upload is its creator's only (services.evidence.upload_get)
    "enforcement:upload_finish": HANDLE_CASES,
    "enforcement:field_home": HANDLE_CASES,
    "enforcement:field_case_open": HANDLE_CASES,
    "enforcement:field_evidence": HANDLE_CASES,
    "enforcement:field_onsite": HANDLE_CASES,
    # --- enforcement: documents and case-file export -------------------------------------------------
    # reads of the case's own data (rows scoped by enforcement.selectors.cases); each download is recorded
    "enforcement:document_download": INTERNAL,
    "enforcement:case_file_download": INTERNAL,
    # --- enforcement: legal review -------------------------------------------------------------------
    # the queue and the review page: reviewers and the office (rows scoped; the review services re-check who may
    # decide); the procedure steps: who handles cases (the services refuse what only the head may do)
    "enforcement:review_queue": REVIEW_CASES,
    "enforcement:review_form": REVIEW_CASES,
    "enforcement:case_step": HANDLE_CASES,
    # --- enforcement: publication of decisions (staff side) -----------------------------------------
    "enforcement:publication_list": PUBLISH_DECISIONS,  # rows scoped by enforcement.selectors.publication
    "enforcement:publication_publish": PUBLISH_DECISIONS,  # the service re-checks the organisation
    "enforcement:publication_withdraw": PUBLISH_DECISIONS,
    "enforcement:publication_change": PUBLISH_DECISIONS,  # XZCF-48: record the change; the service re-checks
    # --- supervision -------------------------------------------------------------------------------
    "supervision:warning_list": INTERNAL,  # rows scoped by supervision.selectors.warnings_for
    "supervision:warning_export": INTERNAL,
    # --- API ----------------------------------------------------------------------------------------
    "api:token": PUBLIC,  # exchanging a password for a token; failures count towards the axes lockout
    "api:schema": LOGGED_IN,
    "api:docs": LOGGED_IN,
    "api:jurisdiction-list": INTERNAL,
    "api:jurisdiction-detail": INTERNAL,
    "api:category-list": INTERNAL,
    "api:category-detail": INTERNAL,
    "api:organisation-list": INTERNAL,
    "api:organisation-detail": INTERNAL,
    "api:body-list": INTERNAL,
    "api:body-detail": INTERNAL,
    "api:officer-list": read_write("查看/新增执法人员", read=INTERNAL, write=MANAGE_OFFICERS),
    "api:officer-detail": read_write("查看/修改执法人员", read=INTERNAL, write=MANAGE_OFFICERS),
    "api:certificate-list": read_write("查看/核发执法证件", read=INTERNAL, write=MANAGE_CERTIFICATES),
    "api:certificate-detail": INTERNAL,
    "api:certificate-revoke": MANAGE_CERTIFICATES,
    "api:certificate-suspend": MANAGE_CERTIFICATES,
    "api:certificate-reinstate": MANAGE_CERTIFICATES,
    "api:certificate-declare-lost": MANAGE_CERTIFICATES,
    # --- inspections: double random, one public (rules.md §7) --------------------------------------
    # reads: every internal role (rows scoped by the selectors); the services re-check the department
    "inspections:home": INTERNAL,
    "inspections:object_list": INTERNAL,
    "inspections:object_export": INTERNAL,
    "inspections:object_detail": INTERNAL,
    "inspections:object_create": MANAGE_OBJECT_POOL,
    "inspections:object_edit": MANAGE_OBJECT_POOL,
    "inspections:conflict_list": INTERNAL,
    "inspections:conflict_create": RECORD_INSPECTIONS,
    "inspections:conflict_withdraw": RECORD_INSPECTIONS,
    "inspections:inspector_pool": INTERNAL,
    "inspections:item_list": INTERNAL,
    "inspections:rules_list": INTERNAL,
    "inspections:rules_detail": INTERNAL,
    "inspections:rules_create": PLAN_INSPECTIONS,
    "inspections:rules_file": INTERNAL,
    "inspections:plan_list": INTERNAL,
    "inspections:plan_detail": INTERNAL,
    "inspections:plan_create": PLAN_INSPECTIONS,
    "inspections:plan_edit": PLAN_INSPECTIONS,
    "inspections:plan_submit": PLAN_INSPECTIONS,
    "inspections:plan_acknowledge": ACKNOWLEDGE_PLANS,
    "inspections:plan_return": ACKNOWLEDGE_PLANS,
    "inspections:task_list": INTERNAL,
    "inspections:task_export": INTERNAL,
    "inspections:task_detail": INTERNAL,
    "inspections:task_create": PLAN_INSPECTIONS,
    "inspections:task_edit": PLAN_INSPECTIONS,
    "inspections:task_draw": PLAN_INSPECTIONS,
    "inspections:task_redraw": PLAN_INSPECTIONS,
    "inspections:task_add_object": PLAN_INSPECTIONS,
    "inspections:task_publish_list": PLAN_INSPECTIONS,
    "inspections:task_notices": RECORD_INSPECTIONS,
    "inspections:task_end": PLAN_INSPECTIONS,
    "inspections:task_publish_results": PLAN_INSPECTIONS,
    "inspections:drawn_export": INTERNAL,
    "inspections:draw_detail": INTERNAL,
    "inspections:draw_snapshot": INTERNAL,
    "inspections:my_inspections": RECORD_INSPECTIONS,
    "inspections:drawn_object_detail": INTERNAL,
    "inspections:result_create": RECORD_INSPECTIONS,
    "inspections:result_photo": INTERNAL,
    "inspections:report": INTERNAL,
    "inspections:report_export": INTERNAL,
    # public portal: random inspection (rules.md §7 — plans, tasks, drawn objects, results, the draw's evidence)
    "disclosure:inspection_plan_list": PUBLIC,
    "disclosure:inspection_task_list": PUBLIC,
    "disclosure:inspection_task_detail": PUBLIC,
    "disclosure:inspection_result_search": PUBLIC,
    "disclosure:inspection_draw_detail": PUBLIC,
    "disclosure:inspection_draw_snapshot": PUBLIC,
    "disclosure:inspection_replay_script": PUBLIC,
    "api:open-inspection-result-list": PUBLIC,
    # --- API: enforcement --------------------------------------------------------------------------
    "api:case-list": read_write("查看/登记执法案件", read=INTERNAL, write=HANDLE_CASES),
    "api:case-detail": INTERNAL,
    "api:case-clock": INTERNAL,
    "api:case-file": HANDLE_CASES,
    "api:case-decide": APPROVE_CASES,
    "api:case-summary": HANDLE_CASES,
}

_UNUSED_YET = (APPROVE_CASES, HANDLE_CASES, PUBLISH_DECISIONS, REVIEW_CASES, INTERNAL, MANAGE_CERTIFICATES, MANAGE_OFFICERS, MANAGE_ORGS, MANAGE_SUPERVISORS)
