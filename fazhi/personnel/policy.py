"""Which certificate policy applies to an organisation: the nearest one up its jurisdiction tree."""

from __future__ import annotations

from fazhi.orgs.models import Organisation
from fazhi.personnel.models import CertificatePolicy


def policy_for_organisation(organisation: Organisation) -> CertificatePolicy:
    jurisdiction = organisation.jurisdiction
    while jurisdiction is not None:
        policy = CertificatePolicy.objects.filter(jurisdiction=jurisdiction).first()
        if policy:
            return policy
        jurisdiction = jurisdiction.parent
    return CertificatePolicy(jurisdiction=organisation.jurisdiction)  # the model's defaults (NMG96), unsaved
