import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models

from fazhi.accounts.enums import Role


class User(AbstractUser):
    """A person who logs in. Belongs to one organisation and holds one role."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField("姓名", max_length=50, blank=True)
    role = models.CharField("角色", max_length=30, choices=Role.choices, default=Role.OFFICER)
    organisation = models.ForeignKey("orgs.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="users", verbose_name="所属单位")
    phone = models.CharField("手机号", max_length=20, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "账户"

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def __str__(self):
        return self.display_name
