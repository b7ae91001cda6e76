"""Marker work for scripts/bench.py, run inside a biengioi installation's environment.

    bench_markers.py seed           add main markers 1000 .. 2899 along the border line
    bench_markers.py export xlsx    time and size one XLSX export of the first 2,000 markers
    bench_markers.py export csv     the same as CSV

Needs the installation's BIENGIOI_VAR_DIR (and DATABASE_URL, if any) in the environment. Each
command prints one JSON object on stdout, which bench.py reads and formats.
"""

import csv
import io
import json
import os
import resource
import sys
import time
import tracemalloc
from datetime import date
from typing import Any

import django

FIRST, LAST = 1000, 2899  # identifiers of the seeded main markers, none taken by the demo
EXPORT_COUNT = 2000
MIB = 1024 * 1024


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biengioi.settings")
    django.setup()


def seed() -> dict[str, Any]:
    """Create the markers through the service, spread evenly over the line's sections."""
    from django.db import transaction
    from shapely.geometry import LineString

    from biengioi.registry.models import BorderLine, Marker
    from biengioi.registry.services import marker_create

    numbers = range(FIRST, LAST + 1)
    began = time.perf_counter()
    with transaction.atomic():
        line = BorderLine.objects.get()
        sections = list(line.sections.order_by("pk"))
        for index, section in enumerate(sections):
            share = numbers[
                index * len(numbers) // len(sections) : (index + 1) * len(numbers) // len(sections)
            ]
            path = LineString(section.geometry["coordinates"])
            for k, number in enumerate(share):
                point = path.interpolate((k + 0.5) / len(share), normalized=True)
                marker_create(
                    actor=None,
                    line_id=line.pk,
                    identifier=str(number),
                    kind="main",
                    lon=round(point.x, 7),
                    lat=round(point.y, 7),
                    post_id=section.post_id,
                    section_id=section.pk,
                    status="intact",
                    status_on=date(2025, 1, 1),
                )
    seconds = time.perf_counter() - began
    return {
        "created": len(numbers),
        "sections": len(sections),
        "seconds": seconds,
        "total": Marker.objects.count(),
    }


def export(fmt: str) -> dict[str, Any]:
    """One untraced, timed export (query included), then the same again traced.

    tracemalloc slows allocation-heavy code several-fold, so the timed run is the untraced one,
    and the RSS peak is read after it, before tracemalloc's own bookkeeping adds to it.
    """
    from openpyxl import load_workbook

    from biengioi.accounts.models import User
    from biengioi.registry.exports import markers_csv, markers_xlsx
    from biengioi.registry.selectors import marker_list

    write = {"xlsx": markers_xlsx, "csv": markers_csv}[fmt]
    user = User.objects.get(username="lanhdao.tinh")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux

    began = time.perf_counter()
    markers = list(marker_list(actor=user)[:EXPORT_COUNT])
    queried = time.perf_counter()
    data = write(markers)
    ended = time.perf_counter()
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    count = len(markers)
    del markers, data

    tracemalloc.start()
    traced_began = time.perf_counter()
    data = write(list(marker_list(actor=user)[:EXPORT_COUNT]))
    traced_seconds = time.perf_counter() - traced_began
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(data), read_only=True)
        rows = sum(1 for _row in book.active.iter_rows(values_only=True))
        book.close()
    else:
        rows = sum(1 for _row in csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    return {
        "format": fmt,
        "markers": count,
        "query_s": queried - began,
        "seconds": ended - began,
        "bytes": len(data),
        "traced_peak_mib": traced_peak / MIB,
        "traced_s": traced_seconds,
        "rss_before_mib": rss_before / MIB,
        "rss_peak_mib": rss_peak / MIB,
        "rows": rows,
    }


def main(argv: list[str]) -> int:
    if argv not in (["seed"], ["export", "xlsx"], ["export", "csv"]):
        print(__doc__, file=sys.stderr)
        return 2
    setup()
    print(json.dumps(seed() if argv[0] == "seed" else export(argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
