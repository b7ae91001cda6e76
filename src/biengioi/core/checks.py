"""Small input checks shared by the services; each names the field it refuses."""

from typing import Any

from django.db import models

from biengioi.core.errors import Code, DomainError


def require(data: dict[str, Any], *fields: str) -> None:
    """Refuse the first of `fields` that is missing or empty."""
    for name in fields:
        if data.get(name) in (None, ""):
            raise DomainError(Code.REQUIRED, field=name)


def choice(value: Any, choices: type[models.TextChoices], field: str) -> str:
    """`value` if it is one of `choices`, else an error naming `field`."""
    if value not in choices.values:
        raise DomainError(Code.REQUIRED, field=field)
    return str(value)
