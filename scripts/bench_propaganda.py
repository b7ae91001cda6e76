"""Propaganda work for scripts/bench.py, run inside a biengioi installation's environment.

    bench_propaganda.py import N    make an XLSX of N sessions of the Phù Lang post and import it
                                    through the service (all or nothing); time and peak memory
    bench_propaganda.py seed N      bring the sessions to N in all (bulk inserts, not the service:
                                    this only makes rows for the export to read)
    bench_propaganda.py cookie      a signed-in session of the post's officer, for HTTP requests

Needs the installation's BIENGIOI_VAR_DIR (and DATABASE_URL, if any) in the environment. Each
command prints one JSON object on stdout, which bench.py reads and formats.
"""

import io
import json
import os
import resource
import sys
import time
import uuid
from datetime import date, timedelta
from typing import Any

import django

MIB = 1024 * 1024
SPAN = 360  # days back from today over which sessions are spread
USER = "canbo.phulang"


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biengioi.settings")
    django.setup()


def rss_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _officer() -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.select_related("unit").get(username=USER)


def _places(user: Any) -> tuple[list[Any], list[str]]:
    """The communes of the post's province with room for 500 listeners, and topic names."""
    from django.db.models import Q

    from biengioi.community.models import PropagandaTopic
    from biengioi.community.services.propaganda import province_of
    from biengioi.registry.models import AdminLevel, AdminUnit

    first = date.today() - timedelta(days=SPAN)  # noqa: DTZ011 - a day in the sample's past
    communes = list(
        AdminUnit.objects.filter(level=AdminLevel.COMMUNE, valid_to__isnull=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=first))
        .filter(Q(population__isnull=True) | Q(population__gte=500))
        .order_by("code")[:12]
    )
    topics = list(
        PropagandaTopic.objects.filter(province=province_of(user.unit), active=True)
        .order_by("pk")
        .values_list("name", flat=True)
    )
    if not communes or not topics:
        sys.exit("the sample province has no communes or no topics: run `biengioi demo` first")
    return communes, topics


def make_xlsx(n: int, communes: list[Any], topics: list[str]) -> bytes:
    from django.utils import translation
    from openpyxl import Workbook

    from biengioi.community.models import PropagandaForm
    from biengioi.community.services.propaganda import COLUMNS

    with translation.override("vi"):
        forms = [str(label) for label in PropagandaForm.labels[:3]]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Buổi tuyên truyền")
    sheet.append([c.title for c in COLUMNS])
    first = date.today() - timedelta(days=SPAN)  # noqa: DTZ011 - a day in the sample's past
    for k in range(n):
        commune = communes[k % len(communes)]
        sheet.append(
            [
                first + timedelta(days=k % SPAN),
                commune.code,
                f"Bản {k % 40 + 1}",
                forms[k % len(forms)],
                "; ".join(topics[j % len(topics)] for j in range(k % 3 + 1)),
                20 + k % 300,
                k % 150,
                k % 40,
                k % 10,
                "",
                "Tiếng Việt",
                f"Dòng {k + 2}",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_file(n: int) -> dict[str, Any]:
    from biengioi.community.models import PropagandaSession
    from biengioi.community.services import propaganda_import

    user = _officer()
    communes, topics = _places(user)
    content = make_xlsx(n, communes, topics)
    rss_before = rss_peak_mib()
    began = time.perf_counter()
    result = propaganda_import(
        actor=user, unit_id=user.unit_id, filename="bench.xlsx", content=content
    )
    seconds = time.perf_counter() - began
    if result.errors:
        sys.exit(f"the import was refused: {result.errors[:3]}")
    return {
        "rows": n,
        "created": result.created,
        "bytes": len(content),
        "seconds": seconds,
        "rss_before_mib": rss_before,
        "rss_peak_mib": rss_peak_mib(),
        "total": PropagandaSession.objects.count(),
    }


def seed(total: int) -> dict[str, Any]:
    """Bulk-insert sessions (and their topics) until there are `total`."""
    from django.db import transaction

    from biengioi.community.models import PropagandaForm, PropagandaSession, PropagandaTopic

    user = _officer()
    communes, names = _places(user)
    topics = list(PropagandaTopic.objects.filter(name__in=names).order_by("pk"))
    Link = PropagandaSession.topics.through
    have = PropagandaSession.objects.count()
    began = time.perf_counter()
    first = date.today() - timedelta(days=SPAN)  # noqa: DTZ011
    forms = list(PropagandaForm.values)
    batch = 5000
    for start in range(have, total, batch):
        with transaction.atomic():
            rows = [
                PropagandaSession(
                    uuid=uuid.uuid4(),
                    unit_id=user.unit_id,
                    on=first + timedelta(days=k % SPAN),
                    commune=communes[k % len(communes)],
                    village=f"Bản {k % 40 + 1}",
                    form=forms[k % len(forms)],
                    listeners=20 + k % 300,
                    leaflets=k % 150,
                    calendars=k % 40,
                    handbooks=k % 10,
                    language="Tiếng Việt",
                    note=f"Buổi {k}",
                    created_by=user,
                )
                for k in range(start, min(start + batch, total))
            ]
            made = PropagandaSession.objects.bulk_create(rows)
            Link.objects.bulk_create(
                Link(propagandasession_id=s.pk, propagandatopic_id=topics[i % len(topics)].pk)
                for i, s in enumerate(made)
            )
    return {
        "created": max(0, total - have),
        "seconds": time.perf_counter() - began,
        "total": PropagandaSession.objects.count(),
    }


def cookie() -> dict[str, Any]:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(_officer())
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
    }


def main() -> None:
    setup()
    command, *args = sys.argv[1:]
    if command == "import":
        answer = import_file(int(args[0]))
    elif command == "seed":
        answer = seed(int(args[0]))
    elif command == "cookie":
        answer = cookie()
    else:
        sys.exit(__doc__)
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
