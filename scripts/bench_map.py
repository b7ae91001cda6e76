"""The situation map and the overview, for scripts/bench.py (part "map").

    bench_map.py cookie                 a signed-in session of the province's leader
    bench_map.py places CASES RESCUES   bring the crime cases and rescues with a place to these
                                        numbers, in bulk, by the markers, over the last 3 years
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


def places(cases: int, rescues: int) -> dict[str, Any]:
    """Crime cases and rescues of the posts, each a few hundred metres from one of its markers,
    spread over the last three years (written in bulk: the services' checks are measured by
    the tests, the layers here)."""
    import random
    import uuid
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from biengioi.operations.models import CrimeCase, CrimeCategory, RescueKind, RescueOperation
    from biengioi.registry.models import Marker

    rng = random.Random(11)  # noqa: S311 (test data, not secrets)
    markers = list(Marker.objects.values_list("post_id", "lon", "lat"))
    today = timezone.localdate()

    def near() -> tuple[int, Decimal, Decimal]:
        post, lon, lat = rng.choice(markers)
        shift = Decimal(rng.randrange(-40, 41)) / 10000  # within about 450 m
        return post, lon + shift, lat + shift / 2

    def day() -> Any:
        return today - timedelta(days=rng.randrange(3 * 365))

    bulk_cases = []
    for n in range(max(0, cases - CrimeCase.objects.filter(lon__isnull=False).count())):
        post, lon, lat = near()
        bulk_cases.append(
            CrimeCase(
                uuid=uuid.uuid4(),
                unit_id=post,
                category=rng.choice(CrimeCategory.values),
                title=f"Vụ vi phạm nạp sẵn {n}",
                detected_on=day(),
                lon=lon,
                lat=lat,
            )
        )
    CrimeCase.objects.bulk_create(bulk_cases, batch_size=2000)
    bulk_rescues = []
    for n in range(max(0, rescues - RescueOperation.objects.filter(lon__isnull=False).count())):
        post, lon, lat = near()
        started = day()
        bulk_rescues.append(
            RescueOperation(
                uuid=uuid.uuid4(),
                unit_id=post,
                kind=rng.choice(RescueKind.values),
                title=f"Cứu hộ nạp sẵn {n}",
                started_on=started,
                ended_on=None if n % 10 == 0 else started + timedelta(days=rng.randrange(5)),
                lon=lon,
                lat=lat,
            )
        )
    RescueOperation.objects.bulk_create(bulk_rescues, batch_size=2000)
    return {
        "cases": CrimeCase.objects.filter(lon__isnull=False).count(),
        "rescues": RescueOperation.objects.filter(lon__isnull=False).count(),
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
        groups = page.locator("#map .cluster").count()
        browser.close()
    return {
        "seconds": drawn,
        "bytes": sum(sizes),
        "requests": len(sizes),
        "outside": outside,
        "markers_drawn": markers,
        "clusters_drawn": groups,
    }


def main() -> None:
    setup()
    command, *args = sys.argv[1:]
    if command == "cookie":
        answer = cookie()
    elif command == "places":
        answer = places(int(args[0]), int(args[1]))
    elif command == "page":
        answer = page(int(args[0]), args[1], args[2])
    else:
        sys.exit(__doc__)
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
