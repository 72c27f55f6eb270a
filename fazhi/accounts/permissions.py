"""Route-level permission rules. The central table (config/route_permissions.py) maps every URL name to one."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.accounts.enums import Role


@dataclass(frozen=True)
class Rule:
    description: str

    def allows(self, user) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError


@dataclass(frozen=True)
class Public(Rule):
    description: str = "公开"

    def allows(self, user) -> bool:
        return True


@dataclass(frozen=True)
class LoggedIn(Rule):
    description: str = "已登录"

    def allows(self, user) -> bool:
        return bool(user.is_authenticated)


@dataclass(frozen=True)
class Roles(Rule):
    roles: frozenset = frozenset()

    def allows(self, user) -> bool:
        return bool(user.is_authenticated) and (user.is_superuser or user.role in self.roles)


@dataclass(frozen=True)
class StaffOnly(Rule):
    description: str = "Django 管理后台(仅超级管理员)"

    def allows(self, user) -> bool:
        return bool(user.is_authenticated) and user.is_staff


def roles(description: str, *allowed: Role) -> Roles:
    return Roles(description=description, roles=frozenset(allowed))


PUBLIC = Public()
LOGGED_IN = LoggedIn()
STAFF_ONLY = StaffOnly()
# Internal data of organisations: every role but the volunteer supervisor (who sees public data only).
INTERNAL = roles(
    "单位内部人员", Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE, Role.BODY_ADMIN, Role.OFFICER, Role.LEGAL_REVIEWER, Role.HEAD
)
MANAGE_ORGS = roles("管理单位与执法主体", Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE)
MANAGE_OFFICERS = roles("管理执法人员", Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE, Role.BODY_ADMIN)
MANAGE_CERTIFICATES = roles("管理执法证件", Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE)
MANAGE_SUPERVISORS = roles("管理义务监督员", Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE)
MANAGE_USERS = roles("管理账户", Role.SYSTEM_ADMIN)
# Roles that see resident ID numbers unmasked (within their scope).
SEES_FULL_ID_NUMBERS = frozenset({Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE, Role.BODY_ADMIN})


def sees_full_id_numbers(user) -> bool:
    return bool(user.is_authenticated) and (user.is_superuser or user.role in SEES_FULL_ID_NUMBERS)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class ReadWrite(Rule):
    """One route, two rules: reading (GET, HEAD, OPTIONS) needs `read`, writing needs `write`.

    Used by API collections where one URL both lists (GET) and creates (POST). The middleware lets a user
    through who satisfies either rule; fazhi.accounts.api.RouteTablePermission then checks the method's rule.
    """

    read: Rule = STAFF_ONLY
    write: Rule = STAFF_ONLY

    def allows(self, user) -> bool:
        return self.read.allows(user) or self.write.allows(user)

    def allows_method(self, user, method: str) -> bool:
        return (self.read if method.upper() in SAFE_METHODS else self.write).allows(user)


def read_write(description: str, read: Rule, write: Rule) -> ReadWrite:
    return ReadWrite(description=description, read=read, write=write)


# The working-day calendar and the region's deadline rules change every statutory date: the office decides them.
MANAGE_CALENDAR = roles("管理工作日历与期限规则", Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE)

# The power list, the law library and the service-item catalogue: the office for the district, a body administrator
# for its own department's items only (enforced by the powers services).
MANAGE_POWERS = roles("管理权责清单与政务服务事项", Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE, Role.BODY_ADMIN)

# The law library: importing a statute and recording its amendment or repeal (which flags the power items citing
# it) are the legal affairs office's acts for the whole district.
MANAGE_LAWS = roles("管理法律法规库", Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE)

# Enforcement cases (rules.md §1, §3). Officers handle their body's cases (filing included: the head signs the
# printed 立案审批表); the head decides, approves extensions and recusals; legal reviewers review major decisions
# (XZCF-58). Rows are scoped by the selectors; the services re-check who may do each step.
HANDLE_CASES = roles("办理执法案件", Role.SYSTEM_ADMIN, Role.BODY_ADMIN, Role.OFFICER, Role.HEAD)
APPROVE_CASES = roles("审批执法案件(作出决定、延长期限、回避决定)", Role.SYSTEM_ADMIN, Role.HEAD)
REVIEW_CASES = roles("重大执法决定法制审核", Role.SYSTEM_ADMIN, Role.LEGAL_REVIEWER, Role.LEGAL_OFFICE)
# Publishing decisions (GB118) and withdrawing them (XZCF-48): the body's staff and the office.
PUBLISH_DECISIONS = roles("执法决定公示与撤回", Role.SYSTEM_ADMIN, Role.BODY_ADMIN, Role.OFFICER, Role.HEAD,
                          Role.LEGAL_OFFICE)
# Enforcement settings: a body administrator for its own organisation's prefixes and catalogue (checked by the
# services), the office for all; hearing thresholds are the office's alone.
MANAGE_CASE_SETTINGS = roles("管理执法文书代字与重大执法决定目录", Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE, Role.BODY_ADMIN)
MANAGE_HEARING_THRESHOLDS = roles("管理听证较大数额标准", Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE)

# Double random, one public (rules.md §7). The object pool is shared by the district: the office and any department's
# administrator keep it. A department's administrator or head plans its inspections, makes tasks and draws (the
# services check the department); the office acknowledges annual plans; officers record notices and results.
MANAGE_OBJECT_POOL = roles("管理检查对象名录库", Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE, Role.BODY_ADMIN)
PLAN_INSPECTIONS = roles("编制抽查计划、任务与随机抽取", Role.SYSTEM_ADMIN, Role.BODY_ADMIN, Role.HEAD)
ACKNOWLEDGE_PLANS = roles("年度抽查计划备案", Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE)
RECORD_INSPECTIONS = roles("实施抽查检查、录入结果", Role.SYSTEM_ADMIN, Role.BODY_ADMIN, Role.HEAD, Role.OFFICER)
