"""One named demo account per role, created idempotently through the services."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from fazhi.accounts import services as accounts
from fazhi.accounts.enums import Role
from fazhi.accounts.models import User
from fazhi.orgs.models import Organisation
from fazhi.personnel import services as personnel
from fazhi.personnel.enums import CertificateStatus, OfficerStatus, StaffType, SupervisorStatus
from fazhi.personnel.models import Officer, VolunteerSupervisor

# The one demo password (docs/guide/README.md). It passes AUTH_PASSWORD_VALIDATORS: 16 characters, upper and
# lower case, digits and a symbol, not a common password, not like any demo user name.
DEMO_PASSWORD = "Fazhi#Saihan2017"

OFFICE = "赛罕区司法局"
BODY = "赛罕区市场监督管理局"

# role, username, full name (None: taken from the linked Officer / VolunteerSupervisor row), organisation, phone
DEMO_ACCOUNTS = [
    (Role.SYSTEM_ADMIN, "demo_admin", "赵志刚", OFFICE, "13947100217"),
    (Role.LEGAL_OFFICE, "demo_legal", "李慧敏", OFFICE, "13848012306"),
    (Role.BODY_ADMIN, "demo_body_admin", "王建军", BODY, "15047105528"),
    (Role.OFFICER, "demo_officer", None, BODY, ""),
    (Role.LEGAL_REVIEWER, "demo_reviewer", "刘晓燕", BODY, "18647130652"),
    (Role.HEAD, "demo_head", "张国华", BODY, "13904718801"),
    (Role.VOLUNTEER_SUPERVISOR, "demo_supervisor", None, None, ""),
]


class DemoDistrictMissing(Exception):
    pass


@dataclass
class DemoAccount:
    role: str
    username: str
    password: str
    name: str
    organisation: str
    created: bool


def _officer_for_account(organisation: Organisation) -> Officer:
    """An active officer of the body holding a certificate valid for at least another half year."""
    today = timezone.localdate()
    officer = (
        Officer.objects.filter(organisation=organisation, status=OfficerStatus.ACTIVE, user__isnull=True)
        .exclude(staff_type=StaffType.AUXILIARY)
        .filter(certificates__status=CertificateStatus.VALID, certificates__valid_from__lte=today,
                certificates__valid_to__gte=today + dt.timedelta(days=180))
        .order_by("pk")
        .first()
    )
    if officer is None:
        raise DemoDistrictMissing(f"{organisation.name}没有持有效证件且未关联账户的执法人员")
    return officer


def _supervisor_for_account() -> VolunteerSupervisor:
    supervisor = (VolunteerSupervisor.objects.filter(status=SupervisorStatus.ACTIVE, user__isnull=True)
                  .order_by("pk").first())
    if supervisor is None:
        raise DemoDistrictMissing("没有在任且未关联账户的义务监督员")
    return supervisor


@transaction.atomic
def ensure_demo_accounts() -> list[DemoAccount]:
    """Create each demo account that does not exist yet; existing accounts are left as they are."""
    orgs = {o.name: o for o in Organisation.objects.filter(name__in=[OFFICE, BODY])}
    if len(orgs) < 2:
        raise DemoDistrictMissing("尚未生成演示区:请先运行 python manage.py demo_district")
    result = []
    for role, username, full_name, org_name, phone in DEMO_ACCOUNTS:
        organisation = orgs.get(org_name)
        user = User.objects.filter(username=username).select_related("organisation").first()
        created = user is None
        if created:
            linked = None
            if role == Role.OFFICER:
                linked = _officer_for_account(organisation)
                full_name, phone = linked.name, linked.phone
            elif role == Role.VOLUNTEER_SUPERVISOR:
                linked = _supervisor_for_account()
                full_name, phone = linked.name, linked.phone
            user = accounts.user_create(
                by=None, username=username, password=DEMO_PASSWORD, full_name=full_name, role=role,
                organisation=organisation, phone=phone,
                is_staff=role == Role.SYSTEM_ADMIN, is_superuser=role == Role.SYSTEM_ADMIN,
            )
            if role == Role.OFFICER:
                personnel.officer_link_user(by=None, officer=linked, user=user)
            elif role == Role.VOLUNTEER_SUPERVISOR:
                personnel.supervisor_link_user(by=None, supervisor=linked, user=user)
            password = DEMO_PASSWORD
        else:
            password = DEMO_PASSWORD if user.check_password(DEMO_PASSWORD) else "(已修改,非演示密码)"
        result.append(DemoAccount(role=Role(user.role).label, username=user.username, password=password,
                                  name=user.display_name,
                                  organisation=user.organisation.name if user.organisation else "—",
                                  created=created))
    return result


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_accounts(rows: list[DemoAccount]) -> str:
    """A plain-text table that lines up in a terminal (CJK characters are two columns wide)."""
    header = ["角色", "用户名", "密码", "姓名", "单位"]
    table = [header] + [[r.role, r.username, r.password, r.name, r.organisation] for r in rows]
    widths = [max(_width(row[i]) for row in table) for i in range(len(header))]
    lines = ["  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "演示账户(登录地址 /accounts/login/):\n" + "\n".join(lines)
