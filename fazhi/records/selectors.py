from django.db.models import QuerySet

from fazhi.records.models import Entry


def entries_for_subject(*, subject_type: str, subject_id: str) -> QuerySet[Entry]:
    return Entry.objects.filter(subject_type=subject_type, subject_id=str(subject_id)).order_by("recorded_at", "seq")
