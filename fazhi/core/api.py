"""The API's one translation layer for domain errors: a problem response with code, message, field and rule."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from fazhi.core.errors import DomainError, PermissionDenied


def _validation_problem(exc: DjangoValidationError) -> dict:
    """A model's full_clean() error as a problem: the first message up front, every field's messages below."""
    if hasattr(exc, "error_dict"):
        errors = {field: [m for e in errs for m in e.messages] for field, errs in exc.error_dict.items()}
        field, messages = next(iter(errors.items()))
        field = None if field == "__all__" else field
        return {"code": "invalid", "message": "; ".join(messages), "field": field, "rule": None, "errors": errors}
    return {"code": "invalid", "message": "; ".join(exc.messages), "field": None, "rule": None}


def exception_handler(exc, context):
    if isinstance(exc, PermissionDenied):
        return Response(exc.as_dict(), status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        return Response(_validation_problem(exc), status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
