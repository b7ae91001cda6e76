from django.contrib.contenttypes.models import ContentType
from django.db import models


class IdempotencyKey(models.Model):
    """A create request already carried out under a client's Idempotency-Key header.

    A retry with the same key and the same body gets the object made the first time instead of
    a second one; the same key with another body is refused.
    """

    user_id = models.BigIntegerField()
    key = models.CharField(max_length=128)
    request_hash = models.CharField(max_length=64)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user_id", "key"], name="idempotency_key_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"
