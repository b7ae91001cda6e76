from typing import Any

from django.http import HttpRequest

from .menu import entries_for


def menu(request: HttpRequest) -> dict[str, Any]:
    return {"menu": entries_for(getattr(request, "user", None))}
