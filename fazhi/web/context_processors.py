from django.conf import settings

from fazhi.web.navigation import menu_for


def navigation(request):
    return {"nav_menu": menu_for(request.user), "region_name": settings.FAZHI_REGION_NAME}
