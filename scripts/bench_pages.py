"""The heaviest page of the sample, for scripts/bench.py (part "pages").

    bench_pages.py heaviest PORT NAME VALUE   every page of the menu and a search, each loaded
                                              once in a fresh browser context (nothing cached)
                                              at 1366 px and at 390 px, as the signed-in session
                                              NAME=VALUE (scripts/bench_map.py cookie): bytes
                                              over the wire and requests, the heaviest per width

Prints one JSON object.
"""

import json
import shutil
import sys
from typing import Any

WIDTHS = {1366: 768, 390: 844}
SEARCH = "/search/?q=moc+222"


def _load(browser: Any, base: str, cookie: dict[str, str], path: str, width: int) -> dict:
    """One page loaded with an empty cache: the bytes (headers and bodies) of every request
    it made, until the network is idle and, on the map, every layer is drawn."""
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": WIDTHS[width]}, is_mobile=phone, has_touch=phone
    )
    context.add_cookies([{**cookie, "url": base}])
    page = context.new_page()
    sizes: list[int] = []

    def on_finished(request: Any) -> None:
        measured = request.sizes()
        sizes.append(measured["responseBodySize"] + measured["responseHeadersSize"])

    page.on("requestfinished", on_finished)
    page.goto(f"{base}{path}", wait_until="networkidle")
    if page.locator("#map").count():
        page.wait_for_selector("#map[data-loaded='1']", timeout=120_000)
    context.close()
    return {"path": path, "bytes": sum(sizes), "requests": len(sizes)}


def heaviest(port: int, name: str, value: str) -> dict[str, Any]:
    chromium = shutil.which("chromium")
    if chromium is None:
        return {"skipped": "chromium is not installed"}
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{port}"
    cookie = {"name": name, "value": value}
    answer: dict[str, Any] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        context = browser.new_context()
        context.add_cookies([{**cookie, "url": base}])
        home = context.new_page()
        home.goto(f"{base}/")
        menu = home.locator("nav.menu a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        context.close()
        pages = [*dict.fromkeys(menu), SEARCH]
        for width in WIDTHS:
            loads = [_load(browser, base, cookie, path, width) for path in pages]
            top = max(loads, key=lambda load: load["bytes"])
            answer[str(width)] = {**top, "pages": len(loads)}
        browser.close()
    return answer


def main() -> None:
    command, *args = sys.argv[1:]
    if command != "heaviest":
        sys.exit(__doc__)
    print(json.dumps(heaviest(int(args[0]), args[1], args[2])))


if __name__ == "__main__":
    main()
