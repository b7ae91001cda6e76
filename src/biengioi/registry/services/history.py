"""Status histories (markers, signs, gates): the current status is the latest entry."""

from datetime import date
from typing import Any

from django.db import models
from django.utils import timezone

from biengioi.audit import services as audit
from biengioi.core.checks import choice
from biengioi.core.errors import Code, DomainError
from biengioi.core.text import clean_text


def status_append(
    actor: Any,
    owner: models.Model,
    *,
    entries: type[models.Model],
    owner_field: str,
    choices: type[models.TextChoices],
    status: str,
    on: date,
    source: str,
    note: str,
    action: str,
    scope_path: str,
    origin: models.Model | None = None,
) -> models.Model:
    """Append one dated finding to `owner`'s history; call inside the service's transaction.

    `origin` is the operational record that found it (a patrol, a repair), if any: the entry's
    source, note and recorder are then that record's, shown only to those who may read it."""
    status = choice(status, choices, "status")
    if on > timezone.localdate():
        raise DomainError(Code.DATE_IN_FUTURE, field="on")
    entry = entries._default_manager.create(
        **{
            owner_field: owner,
            "status": status,
            "on": on,
            "source": clean_text(source or "", field="source", max_length=200),
            "note": clean_text(note or "", field="note", multiline=True, max_length=4000),
            "recorded_by": actor if getattr(actor, "is_authenticated", False) else None,
            "origin": origin._meta.label_lower if origin is not None else "",
            "origin_id": origin.pk if origin is not None else None,
        }
    )
    audit.record(
        actor,
        action,
        entry,
        scope_path=scope_path,
        after=audit.snapshot(
            entry, [owner_field, "status", "on", "source", "note", "origin", "origin_id"]
        ),
    )
    return entry
