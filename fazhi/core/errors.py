"""Domain errors: a code, a Chinese message, the field it concerns and the statutory rule id behind it.

Services raise these; views and the API translate them in one place (fazhi.core.api, fazhi.web.forms helpers).
"""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, code: str, message: str, *, field: str | None = None, rule: str | None = None):
        self.code = code
        self.message = message
        self.field = field
        self.rule = rule
        super().__init__(self.display)

    @property
    def display(self) -> str:
        return f"{self.message}({self.rule})" if self.rule else self.message

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "field": self.field, "rule": self.rule}


class PermissionDenied(DomainError):
    def __init__(self, message: str = "无权执行此操作", *, code: str = "permission_denied"):
        super().__init__(code, message)
