"""The situation map and the overview, for scripts/bench.py (part "map").

    bench_map.py cookie                 a signed-in session of the province's leader
    bench_map.py page PORT NAME VALUE   the map page's first load in headless Chromium: bytes over
                                        the wire, requests, and seconds to the layers drawn

Prints one JSON object.
"""

import json
import os
import shutil
import sys
import time
from typing import Any


def setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biengioi.settings")
    django.setup()


def cookie() -> dict[str, Any]:
    from django.conf import settings
    from django.test import Client

    from biengioi.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="lanhdao.tinh"))
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
    }


def page(port: int, name: str, value: str) -> dict[str, Any]:
    """Load /map/ once in a fresh browser (nothing cached) and wait for every layer drawn."""
    chromium = shutil.which("chromium")
    if chromium is None:
        return {"skipped": "chromium is not installed"}
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{port}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        context = browser.new_context()
        context.add_cookies([{"name": name, "value": value, "url": base}])
        page = context.new_page()
        sizes: list[int] = []
        outside: list[str] = []

        def on_finished(request: Any) -> None:
            if not request.url.startswith(base):
                outside.append(request.url)
            measured = request.sizes()
            sizes.append(measured["responseBodySize"] + measured["responseHeadersSize"])

        page.on("requestfinished", on_finished)
        began = time.perf_counter()
        page.goto(f"{base}/map/")
        page.wait_for_selector("#map[data-loaded='1']", timeout=120_000)
        drawn = time.perf_counter() - began
        markers = page.locator("#map path.marker").count()
        browser.close()
    return {
        "seconds": drawn,
        "bytes": sum(sizes),
        "requests": len(sizes),
        "outside": outside,
        "markers_drawn": markers,
    }


def main() -> None:
    setup()
    command, *args = sys.argv[1:]
    if command == "cookie":
        answer = cookie()
    elif command == "page":
        answer = page(int(args[0]), args[1], args[2])
    else:
        sys.exit(__doc__)
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
