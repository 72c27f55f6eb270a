"""The API's one translation layer for domain errors: a problem response with code, message, field and rule."""

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from fazhi.core.errors import DomainError, PermissionDenied


def exception_handler(exc, context):
    if isinstance(exc, PermissionDenied):
        return Response(exc.as_dict(), status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
