"""Who may act for a department in random inspection. The route table admits the roles; these checks bind the act
to the actor's own department (the system administrator acts for any)."""

from __future__ import annotations

from fazhi.accounts.enums import Role
from fazhi.core.errors import DomainError

PLAN_ROLES = frozenset({Role.BODY_ADMIN, Role.HEAD})
RECORD_ROLES = frozenset({Role.BODY_ADMIN, Role.HEAD, Role.OFFICER})
POOL_ROLES = frozenset({Role.LEGAL_OFFICE, Role.BODY_ADMIN})
ACKNOWLEDGE_ROLES = frozenset({Role.LEGAL_OFFICE})


def _admin(by) -> bool:
    return bool(getattr(by, "is_superuser", False)) or getattr(by, "role", None) == Role.SYSTEM_ADMIN


def _logged_in(by) -> None:
    if not getattr(by, "is_authenticated", False):
        raise DomainError("role_forbidden", "请先登录")


def check_may_plan(by, organisation_id: int) -> None:
    """Plans, implementing rules, tasks, draws, publication: the department's administrator or head."""
    _logged_in(by)
    if _admin(by):
        return
    if by.role not in PLAN_ROLES:
        raise DomainError("role_forbidden", "须由本部门执法单位管理员或负责人办理")
    if by.organisation_id != organisation_id:
        raise DomainError("role_forbidden", "只能办理本部门的抽查事务")


def check_may_record(by, organisation_id: int) -> None:
    """Notices, results, conflicts of interest: the department's staff."""
    _logged_in(by)
    if _admin(by):
        return
    if by.role not in RECORD_ROLES:
        raise DomainError("role_forbidden", "无权实施抽查检查")
    if by.organisation_id != organisation_id:
        raise DomainError("role_forbidden", "只能录入本部门的检查情况")


def check_may_keep_pool(by) -> None:
    """The shared object pool: the office or a department's administrator."""
    _logged_in(by)
    if _admin(by):
        return
    if by.role not in POOL_ROLES:
        raise DomainError("role_forbidden", "无权维护检查对象名录库")


def check_may_acknowledge(by) -> None:
    """Annual plans are acknowledged by the office (the level above the departments)."""
    _logged_in(by)
    if _admin(by):
        return
    if by.role not in ACKNOWLEDGE_ROLES:
        raise DomainError("role_forbidden", "年度抽查计划须由司法局(法制办)备案")
