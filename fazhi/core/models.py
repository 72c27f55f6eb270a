import uuid

from django.db import models


class TimeStampedModel(models.Model):
    """Base of every domain row: a public UUID (never an enumerable integer in URLs or the API) and timestamps."""

    public_id = models.UUIDField("公开标识", default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True
