"""Numbers written into links must not be localised: with USE_THOUSAND_SEPARATOR a Vietnamese
page renders 8840 as "8.840", and a link `?unit_id=8.840` finds nothing. Ids pass 999 quickly on
PostgreSQL, so every number in a query string goes through `unlocalize`."""

import re
from pathlib import Path

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

import biengioi

TEMPLATES = Path(biengioi.__file__).parent

# `name={{ expr }}` inside a template: a query-string parameter filled from a variable.
PARAMETER = re.compile(r"[a-z_]+=\{\{\s*([^}|]+?)\s*(\|[^}]*)?\}\}")
NOT_NUMBERS = {"v", "k", "code", "next", "request.get_full_path", "client_id"}


def test_the_pager_links_to_page_1000_not_1_000():
    page = Paginator(range(2002), 2).get_page(1000)
    request = RequestFactory().get("/x/", {"status": "open", "page": "1000"})
    with translation.override("vi"):
        html = render_to_string("web/pager.html", {"page": page, "request": request})
    assert "page=999" in html and "page=1001" in html
    assert "page=1.0" not in html and "page=99." not in html


def test_no_template_writes_a_localised_number_into_a_link():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        for match in PARAMETER.finditer(path.read_text(encoding="utf-8")):
            expr, filters = match.group(1), match.group(2) or ""
            if expr in NOT_NUMBERS or any(
                f in filters for f in ("urlencode", "unlocalize", "stringformat", "date:")
            ):
                continue
            offenders.append(f"{path.relative_to(TEMPLATES)}: {match.group(0)}")
    assert offenders == []
