from django.urls import path  # noqa: F401

app_name = "enforcement"

# One list per area; each area's views live in their own module.
case_patterns: list = []  # views_cases: list, detail, procedure steps
evidence_patterns: list = []  # views_evidence: evidence, resumable upload, field screens
document_patterns: list = []  # views_documents: Word documents, case-file archive
review_patterns: list = []  # views_review: the legal reviewers' queue and opinions
publication_patterns: list = []  # views_publication: publishing and withdrawing decisions (staff side)

urlpatterns = case_patterns + evidence_patterns + document_patterns + review_patterns + publication_patterns
