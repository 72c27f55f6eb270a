"""Write a planned demo district through the services, so every act lands in the whole-process record.

Organisations, bodies, liaisons and supervisors go through the one-at-a-time services; officers with their
certificates, exams and training go through `personnel_bulk_load`, which writes rows in bulk and still appends one
record entry per act (docs/adr/0004)."""

from __future__ import annotations

import time
from collections import Counter

from django.db import transaction

from fazhi.orgs import services as orgs
from fazhi.orgs.models import Jurisdiction
from fazhi.personnel import services as personnel
from fazhi.personnel.enums import SupervisorStatus
from fazhi.web.demo import data
from fazhi.web.demo.plan import DistrictPlan


@transaction.atomic
def load_district(plan: DistrictPlan, *, by=None, progress=None) -> Counter:
    """Create the planned district in one transaction. Returns counts of what was created."""
    counts: Counter = Counter()
    started = time.monotonic()

    def step(label: str) -> None:
        if progress:
            progress(f"{label}({time.monotonic() - started:.1f}s)")

    jurisdictions: dict[str, Jurisdiction] = {}
    for code, name, level, parent in data.JURISDICTIONS:
        jurisdictions[code] = orgs.jurisdiction_ensure(code=code, name=name, level=level,
                                                       parent=jurisdictions.get(parent))
        counts["jurisdictions"] += 1
    categories = {code: orgs.category_ensure(code=code, name=name) for code, name in data.CATEGORIES}
    counts["categories"] = len(categories)
    personnel.certificate_policy_set(jurisdiction=jurisdictions["150000"], validity_years=6, review_cycle_years=3,
                                     issuing_authority="内蒙古自治区人民政府", renewal_window_months=3)
    counts["certificate_policies"] += 1

    organisations = {}
    for spec in plan.organisations:
        organisations[spec["key"]] = orgs.organisation_create(
            by=by, name=spec["name"], short_name=spec["short_name"], uscc=spec["uscc"], org_type=spec["org_type"],
            jurisdiction=jurisdictions[spec["jurisdiction"]],
            parent=organisations[spec["parent"]] if spec["parent"] else None,
            address=spec["address"], phone=spec["phone"], sort_order=spec["sort_order"],
        )
        counts["organisations"] += 1
    bodies = {}
    for spec in plan.bodies:
        org = organisations[spec["organisation"]]
        bodies[spec["key"]] = orgs.body_create(
            by=by, name=org.name, organisation=org, basis=spec["basis"],
            entrusting_body=bodies[spec["entrusting_body"]] if spec["entrusting_body"] else None,
            legal_basis_text=spec["legal_basis_text"],
            qualification_certificate_number=spec["qualification_certificate_number"],
            publication_batch=spec["publication_batch"], published_on=spec["published_on"],
            categories=[categories[c] for c in spec["categories"]],
        )
        counts["bodies"] += 1
    for key, liaison in plan.liaisons.items():
        orgs.liaison_set(by=by, organisation=organisations[key], **liaison)
        counts["liaisons"] += 1
    step("单位、执法主体、法制联络员")

    specs = []
    for o in plan.officers:
        spec = {
            "name": o.name, "gender": o.gender, "id_number": o.id_number, "organisation": organisations[o.org_key],
            "staff_type": o.staff_type, "post": o.post, "phone": o.phone,
            "exams": [{"exam_name": n, "taken_on": on, "score": score, "passed": passed}
                      for n, on, score, passed in o.exams],
            "trainings": [{"course": course, "organiser": organiser, "held_on": on, "hours": hours}
                          for course, organiser, on, hours in o.trainings],
            "certificates": [],
        }
        c = o.certificate
        if c is not None:
            cats = [categories[code] for code in c.categories]
            first = {"number": c.number, "categories": cats, "area": c.area, "valid_from": c.valid_from}
            spec["certificates"].append(first)
            current = first
            if c.renew_number:
                current = {"number": c.renew_number, "categories": cats, "area": c.area, "valid_from": c.renew_on,
                           "renews": 0}
                spec["certificates"].append(current)
            if c.status_change:
                current["status_change"] = c.status_change
            if c.reissue_number:
                spec["certificates"].append({"number": c.reissue_number, "categories": cats, "area": c.area,
                                             "valid_from": c.reissue_on})
        if o.leave:
            spec["left_on"], spec["left_reason"] = o.leave
        specs.append(spec)
    loaded = personnel.personnel_bulk_load(by=by, officers=specs)
    counts["officers"] = loaded["officers"]
    counts["officers_left"] = loaded["officers_left"]
    counts["certificates"] = loaded["certificates"]
    counts["trainings"] = loaded["trainings"]
    counts["exams_passed"] = sum(1 for o in plan.officers for e in o.exams if e[3])
    counts["exams_failed"] = sum(1 for o in plan.officers for e in o.exams if not e[3])
    step("执法人员、证件、培训、考试")

    for s in plan.supervisors:
        supervisor = personnel.supervisor_create(by=by, name=s.name, gender=s.gender, sector=s.sector,
                                                 term_start=s.term_start, term_end=s.term_end,
                                                 work_unit=s.work_unit, phone=s.phone)
        if s.ended:
            personnel.supervisor_update(by=by, supervisor=supervisor, status=SupervisorStatus.ENDED)
        counts["supervisors"] += 1
    step("义务监督员")
    return counts
