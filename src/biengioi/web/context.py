from typing import Any

from django.http import HttpRequest

from .menu import menu_for


def menu(request: HttpRequest) -> dict[str, Any]:
    return {"menu": menu_for(getattr(request, "user", None), request.path)}
