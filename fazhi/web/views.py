from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from fazhi.web import selectors


def healthz(request):
    """Liveness and database status for load balancers and operators."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        db = {"status": "ok", "vendor": connection.vendor}
        code = 200
    except Exception as exc:  # noqa: BLE001 - any database failure is reported, not raised
        db = {"status": "error", "error": exc.__class__.__name__}
        code = 503
    return JsonResponse({"status": "ok" if code == 200 else "degraded", "database": db}, status=code)


def workbench(request):
    return render(request, "web/workbench.html", selectors.workbench_for(user=request.user))
