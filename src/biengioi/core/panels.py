"""Panels another app adds to a record's page, without the page's app importing it.

A page names itself ("patrol") and draws `panels(page, request, record)` where it wants them;
an app that has something to show there registers a function in its AppConfig.ready():
`add("patrol", draw)`, where `draw(request, record)` returns the panel's HTML or "" (the geo
app's GPS tracks on a patrol's page: operations may not depend on geo).
"""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString

Draw = Callable[[HttpRequest, Any], str]
_PANELS: dict[str, list[Draw]] = defaultdict(list)


def add(page: str, draw: Draw) -> None:
    if draw not in _PANELS[page]:
        _PANELS[page].append(draw)


def panels(page: str, request: HttpRequest, record: Any) -> list[SafeString]:
    return [SafeString(html) for draw in _PANELS[page] if (html := draw(request, record))]
