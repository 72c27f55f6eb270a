"""Enforces the central route-permission table on every request. A route missing from it is refused."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseForbidden, JsonResponse
from django.utils.module_loading import import_string


def route_table() -> dict:
    return import_string(settings.FAZHI_ROUTE_TABLE)


def rule_for(view_name: str):
    table = route_table()
    if view_name in table:
        return table[view_name]
    namespace = view_name.split(":", 1)[0] + ":*" if ":" in view_name else None
    return table.get(namespace) if namespace else None


class RoutePermissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None:
            return None
        rule = rule_for(match.view_name)
        is_api = request.path.startswith("/api/")
        if rule is None:
            return self._deny(request, is_api, "该地址未登记权限规则")
        if rule.allows(request.user):
            return None
        if not request.user.is_authenticated and not is_api:
            return redirect_to_login(request.get_full_path())
        return self._deny(request, is_api, "无权访问")

    @staticmethod
    def _deny(request, is_api: bool, message: str):
        if is_api or not request.user.is_authenticated:
            status = 401 if not request.user.is_authenticated and is_api else 403
            # API token auth happens inside DRF, after middleware: let DRF authenticate tokens itself.
            if is_api and not request.user.is_authenticated and "HTTP_AUTHORIZATION" in request.META:
                return None
            return JsonResponse({"code": "forbidden", "message": message}, status=status)
        return HttpResponseForbidden(message)
