"""The coverage reminder, a scheduler job registered in `GeoConfig.ready`.

For each border post of a province that records GPS tracks, the markers no track came near in
the last COVERAGE_DAYS days (default 90): once a month, a notification to the post's users
naming how many and the longest gone; and to the province's secretariat when one of them has
gone twice as long (or was never reached though the province has recorded tracks for that long).
A province that records no track gets nothing: coverage there is the patrol records' business
(the markers due for inspection).
"""

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Max, Min
from django.urls import reverse
from django.utils.translation import gettext as _

from biengioi.accounts.models import User
from biengioi.core.access import Role
from biengioi.notifications.scheduler import Reminder
from biengioi.registry.models import Marker

from .coverage import day_start
from .models import MarkerVisit, Track


def coverage_reminders(today: date) -> list[Reminder]:
    days = settings.COVERAGE_DAYS
    since, long_since = (
        day_start(today - timedelta(days=days)),
        day_start(today - timedelta(days=2 * days)),
    )
    first = dict(
        Track.objects.values_list("patrol__line__province_id")
        .annotate(first=Min("started_at"))
        .values_list("patrol__line__province_id", "first")
    )
    if not first:
        return []
    last = dict(MarkerVisit.objects.values_list("marker_id").annotate(last=Max("time")))
    gone: dict[int, list[datetime | None]] = defaultdict(list)  # post -> last visits of its markers
    posts: dict[int, tuple[str, str, int]] = {}
    rows = Marker.objects.filter(line__province_id__in=list(first), post__isnull=False)
    for pk, province, post, path, name in rows.values_list(
        "pk", "line__province_id", "post_id", "post__path", "post__name"
    ):
        seen = last.get(pk)
        if seen is None or seen < since:
            gone[post].append(seen)
            posts[post] = (path, name, province)
    if not gone:
        return []
    members: dict[int, list[int]] = defaultdict(list)
    for user_id, unit_id in User.objects.filter(unit_id__in=list(gone), is_active=True).values_list(
        "pk", "unit_id"
    ):
        members[unit_id].append(user_id)
    secretariat: dict[str, list[int]] = defaultdict(list)
    for user_id, path in User.objects.filter(role=Role.SECRETARIAT, is_active=True).values_list(
        "pk", "unit__path"
    ):
        secretariat["/" + path.split("/")[1] + "/"].append(user_id)
    month = f"{today:%Y-%m}"
    out = []
    for post, visits in sorted(gone.items()):
        path, name, province = posts[post]
        link = f"{reverse('geo:coverage')}?post_id={post}&days={days}"
        title = _("{post}: {n} mốc chưa có tuần tra đi qua trong {days} ngày").format(
            post=name, n=len(visits), days=days
        )
        never = sum(1 for v in visits if v is None)
        body = _("Trong đó {never} mốc chưa có hành trình GPS nào đi qua.").format(never=never)
        if members[post]:
            out.append(Reminder(members[post], f"coverage:{post}:{month}", title, body, link))
        long_gone = any(
            (v is None and first[province] < long_since) or (v is not None and v < long_since)
            for v in visits
        )
        province_path = "/" + path.split("/")[1] + "/"
        if long_gone and secretariat[province_path]:
            out.append(
                Reminder(
                    secretariat[province_path],
                    f"coverage-long:{post}:{month}",
                    _("Quá lâu: {title}").format(title=title),
                    body,
                    link,
                )
            )
    return out
