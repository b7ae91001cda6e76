"""Retried create requests never create duplicates (the Idempotency-Key header)."""

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest
from django.http.request import RawPostDataException
from ninja import Status

from .errors import Code, DomainError
from .models import IdempotencyKey

M = TypeVar("M", bound=models.Model)
HEADER = "Idempotency-Key"


def _request_hash(request: HttpRequest) -> str:
    """What makes two requests "the same": the body, or for a multipart upload (whose body was
    streamed to the parser, not kept) its fields and its files' bytes."""
    try:
        return hashlib.sha256(request.body or b"").hexdigest()
    except RawPostDataException:
        digest = hashlib.sha256()
        for key in sorted(request.POST):
            digest.update(f"{key}={request.POST.getlist(key)}\n".encode())
        for key in sorted(request.FILES):
            for upload in request.FILES.getlist(key):
                digest.update(f"{key}:{upload.name}:{upload.size}\n".encode())
                for chunk in upload.chunks():
                    digest.update(chunk)
                upload.seek(0)
        return digest.hexdigest()


def once(
    request: HttpRequest, user_id: int, create: Callable[[], M], model: type[M]
) -> tuple[M, bool]:
    """Run `create` once per (user, key); a retry returns what the first run made.

    Returns the object and whether it was created now. Without the header, `create` just runs.
    """
    key = (request.headers.get(HEADER) or "").strip()[:128]
    if not key:
        return create(), True
    digest = _request_hash(request)

    def replay() -> tuple[M, bool] | None:
        done = IdempotencyKey.objects.filter(user_id=user_id, key=key).first()
        if done is None:
            return None
        if done.request_hash != digest:
            raise DomainError(Code.IDEMPOTENCY_KEY_REUSED, field=HEADER)
        return model._default_manager.get(pk=done.object_id), False

    if (earlier := replay()) is not None:
        return earlier
    try:
        with transaction.atomic():
            obj = create()
            IdempotencyKey.objects.create(
                user_id=user_id,
                key=key,
                request_hash=digest,
                content_type=ContentType.objects.get_for_model(model),
                object_id=str(obj.pk),
            )
        return obj, True
    except IntegrityError:
        # A concurrent twin committed first; its work stands and ours was rolled back.
        if (earlier := replay()) is not None:
            return earlier
        raise


def created(request: Any, model: type[M], make: Callable[[], tuple[M, bool]]) -> Status:
    """The answer to an API create: `make` runs the use case (which replays a client-made id
    itself) once per Idempotency-Key; 201 with the record made now, 200 with the first one
    when the request is a retry, by its key or by its client id."""
    made = True

    def create() -> M:
        nonlocal made
        obj, made = make()
        return obj

    obj, first = once(request, request.auth.pk, create, model)
    return Status(201 if first and made else 200, obj)
