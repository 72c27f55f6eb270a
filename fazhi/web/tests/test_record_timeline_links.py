"""The personnel detail pages link to the subject's verified record timeline, scoped like the page itself."""

from django.db import transaction
from django.urls import reverse

from fazhi.personnel import services as personnel
from fazhi.personnel.enums import StaffType
from fazhi.personnel.tests.factories import make_id_number


def test_officer_page_links_to_its_verified_timeline(district, client_for):
    with transaction.atomic():
        officer = personnel.officer_create(by=district.admin_a, name="孙七", gender="M", id_number=make_id_number(7),
                                           organisation=district.org_a, staff_type=StaffType.CIVIL_SERVANT)
    page = client_for(district.admin_a).get(reverse("personnel:officer_detail", args=[officer.public_id]))
    link = reverse("records:timeline", args=["personnel.Officer", officer.public_id])
    assert link in page.content.decode()
    timeline = client_for(district.admin_a).get(link).content.decode()
    assert "执法人员创建" in timeline and 'data-testid="verified"' in timeline
    assert client_for(district.admin_b).get(link).status_code == 404
