from django.urls import path

from fazhi.enforcement import (
    views_cases,
    views_documents,
    views_evidence,
    views_publication,
    views_review,
    views_settings,
    views_steps,
    views_summary,
)

app_name = "enforcement"

# One list per area; each area's views live in their own module.
case_patterns: list = [  # views_cases: list, detail, procedure steps
    path("", views_cases.case_list, name="case_list"),
    path("export/", views_cases.case_export, name="case_export"),
    path("new/", views_cases.case_create, name="case_create"),
    path("<uuid:public_id>/", views_cases.case_detail, name="case_detail"),
    path("<uuid:public_id>/file/", views_cases.case_file, name="case_file"),
]
evidence_patterns: list = [  # views_evidence: evidence, resumable upload, field screens
    path("field/", views_evidence.field_home, name="field_home"),
    path("field/open/", views_evidence.field_case_open, name="field_case_open"),
    path("<uuid:public_id>/field/evidence/", views_evidence.field_evidence, name="field_evidence"),
    path("<uuid:public_id>/field/onsite/", views_evidence.field_onsite, name="field_onsite"),
    path("<uuid:public_id>/evidence/", views_evidence.evidence_list, name="evidence_list"),
    path("<uuid:public_id>/evidence/add/", views_evidence.evidence_add, name="evidence_add"),
    path("<uuid:public_id>/uploads/", views_evidence.upload_create, name="upload_create"),
    path("uploads/<uuid:public_id>/", views_evidence.upload_detail, name="upload_detail"),
    path("uploads/<uuid:public_id>/finish/", views_evidence.upload_finish, name="upload_finish"),
    path("evidence/<uuid:public_id>/", views_evidence.evidence_detail, name="evidence_detail"),
    path("evidence/<uuid:public_id>/file/", views_evidence.evidence_download, name="evidence_download"),
]
document_patterns: list = [  # views_documents: Word documents, case-file archive
    path("<uuid:public_id>/documents/<slug:kind>/", views_documents.document_download, name="document_download"),
    path("<uuid:public_id>/archive/", views_documents.case_file_download, name="case_file_download"),
]
review_patterns: list = [  # views_review: the legal reviewers' queue and opinions; views_steps: procedure steps
    path("reviews/", views_review.review_queue, name="review_queue"),
    path("reviews/<uuid:public_id>/", views_review.review_form, name="review_form"),
    path("<uuid:public_id>/step/<slug:step>/", views_steps.case_step, name="case_step"),
]
publication_patterns: list = [  # views_publication: publishing and withdrawing decisions (staff side)
    path("publications/", views_publication.publication_list, name="publication_list"),
    path("publications/decisions/<uuid:public_id>/publish/", views_publication.publication_publish,
         name="publication_publish"),
    path("publications/<uuid:public_id>/withdraw/", views_publication.publication_withdraw,
         name="publication_withdraw"),
    path("publications/<uuid:public_id>/change/", views_publication.publication_change,
         name="publication_change"),
]

summary_patterns: list = [  # views_summary: the summary procedure (简易程序, XZCF-51) decided on the spot
    path("summary/new/", views_summary.summary_decide, name="summary_decide"),
]

settings_patterns: list = [  # views_settings: document prefixes, major-decision catalogue, hearing thresholds
    path("settings/", views_settings.settings_home, name="settings"),
    path("settings/prefix/", views_settings.prefix_set, name="prefix_set"),
    path("settings/catalogue/add/", views_settings.catalogue_add, name="catalogue_add"),
    path("settings/catalogue/<uuid:public_id>/remove/", views_settings.catalogue_remove, name="catalogue_remove"),
    path("settings/thresholds/", views_settings.threshold_set, name="threshold_set"),
]

urlpatterns = settings_patterns + summary_patterns + case_patterns + evidence_patterns + document_patterns + review_patterns + publication_patterns
