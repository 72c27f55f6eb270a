"""The API side of the central route table.

RoutePermissionMiddleware cannot see token users (DRF authenticates them after middleware), so it lets API
requests that carry an Authorization header through; this permission class, the DRF default, then applies the
same table with the DRF-authenticated user. A route missing from the table is refused here as well.
"""

from __future__ import annotations

# Only rest_framework.permissions here: DRF imports this module while loading its settings, and importing
# rest_framework.views from it would be circular.
from rest_framework.permissions import BasePermission

from fazhi.accounts.middleware import rule_for


class RouteTablePermission(BasePermission):
    message = "无权访问"

    def has_permission(self, request, view) -> bool:
        match = request.resolver_match
        if match is None:
            return False
        rule = rule_for(match.view_name)
        if rule is None:
            self.message = "该地址未登记权限规则"
            return False
        allows_method = getattr(rule, "allows_method", None)
        if allows_method is not None:
            return allows_method(request.user, request.method)
        return rule.allows(request.user)
