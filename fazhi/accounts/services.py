"""Every write to user accounts, recorded in the legal affairs office's ledger."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.accounts.enums import Role
from fazhi.accounts.models import User
from fazhi.core.errors import DomainError
from fazhi.records import services as records
from fazhi.records.enums import Action

OFFICE_LEDGER_NAME = "司法局(法制办)"


@transaction.atomic
def user_create(*, by, username: str, password: str, full_name: str, role: str, organisation=None,
                phone: str = "", is_staff: bool = False, is_superuser: bool = False) -> User:
    """Create an account. The password must pass AUTH_PASSWORD_VALIDATORS; every role but the volunteer
    supervisor belongs to an organisation (scoping is decided by it)."""
    username = (username or "").strip()
    if not username:
        raise DomainError("username_required", "请填写用户名", field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError("username_taken", f"用户名“{username}”已存在", field="username")
    if role not in Role.values:
        raise DomainError("unknown_role", f"未知角色:{role}", field="role")
    if role not in (Role.VOLUNTEER_SUPERVISOR, Role.SYSTEM_ADMIN) and organisation is None:
        raise DomainError("organisation_required", "该角色须属于一个单位", field="organisation")
    user = User(username=username, full_name=full_name.strip(), role=role, organisation=organisation,
                phone=phone.strip(), is_staff=is_staff, is_superuser=is_superuser)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError("weak_password", ";".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.full_clean()
    user.save()
    records.append(ledger_key=records.OFFICE_LEDGER_KEY, ledger_name=OFFICE_LEDGER_NAME, actor=by,
                   action=Action.USER_CREATED, subject_type=user._meta.label, subject_id=str(user.public_id),
                   payload={"username": user.username, "full_name": user.full_name, "role": role,
                            "organisation": str(organisation) if organisation else None,
                            "is_staff": is_staff, "is_superuser": is_superuser})
    return user
