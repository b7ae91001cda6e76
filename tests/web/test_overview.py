"""The overview ("Tổng quan") shows the periodic report's own statistics for the reader's scope
and the chosen period, so the two never disagree; each card opens its list."""

import re
from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from biengioi.operations.services import incident_create, patrol_create, patrol_plan_set
from biengioi.registry.services import marker_status_record
from biengioi.reports.periods import Period
from biengioi.reports.statistics import compute, monthly
from biengioi.web import dashboard
from tests.coordination.test_regulations import _duty, _regulation, _submit

CELL = re.compile(
    r'data-testid="card-(?P<card>\w+)"|data-key="(?P<key>[\w:]+)" data-value="(?P<value>[-\d.]+)"'
)
LINK = re.compile(r'<a href="(?P<url>[^"]+)" data-line="(?P<key>[\w:]+)">')


def _shown(html: str) -> dict[tuple[str, str], str]:
    """Every figure the page shows, as (card, key) → the value written in its data-value."""
    shown, card = {}, ""
    for match in CELL.finditer(html):
        if match["card"]:
            card = match["card"]
        else:
            shown[(card, match["key"])] = match["value"]
    return shown


def _record(world, year: int) -> None:
    patrol_plan_set(
        actor=world.alice,
        unit_id=world.post.pk,
        year=year,
        month=3,
        planned={"unilateral": 4, "bilateral": 1},
        version=0,
    )
    for n, kind in enumerate(["unilateral", "unilateral", "bilateral"]):
        start = datetime(year, 3, 1 + n, 1, tzinfo=UTC)
        patrol_create(
            actor=world.alice,
            unit_id=world.post.pk,
            kind=kind,
            line_id=world.line.pk,
            started_at=start,
            ended_at=start + timedelta(hours=5),
            **(
                {"host_side": "vn", "counterpart_id": world.counterpart.pk}
                if kind == "bilateral"
                else {}
            ),
        )
    incident_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="other",
        title="Vụ việc thử",
        lon=106.61,
        lat=16.61,
        detected_on=date(year, 4, 2),
        detected_by="Tổ tuần tra",
    )


def test_the_overview_shows_the_reports_figures_for_the_scope_and_period(world, client):
    year = timezone.localdate().year - 1
    _record(world, year)
    for user in (world.lee, world.alice):
        client.force_login(user)
        page = client.get("/", {"period": str(year)})
        assert page.status_code == 200
        shown = _shown(page.content.decode())
        stats = compute(user, user.unit_id, Period.year(year))
        expected = {}
        for card in dashboard.cards(stats):
            for line in [card.main, *card.lines]:
                expected[(card.key, line.key)] = line.figure.value
                if line.planned is not None:
                    expected[(card.key, f"{line.key}:planned")] = line.planned.value
        assert set(shown) == set(expected)
        for where, value in expected.items():
            assert float(shown[where]) == float(value), where
        # and the cards read the report's own figures, not figures of their own
        assert shown[("patrols", "patrols")] == str(stats.patrols.total["patrols"].value) == "3"
        assert shown[("patrols", "patrols:planned")] == "5"
        assert shown[("patrols", "kind:unilateral")] == "2"
        assert shown[("patrols", "kind:unilateral:planned")] == "4"
        assert shown[("incidents", "arisen")] == "1"
        assert shown[("incidents", "outstanding")] == "1"
        assert shown[("crime", "cases")] == str(stats.crime.total["cases"].value)
        assert shown[("propaganda", "listeners")] == str(stats.propaganda.total["listeners"].value)
        level = stats.incidents.by["level"]["grassroots"]
        assert shown[("incidents", "open:grassroots")] == str(level["outstanding"].value) == "1"


def test_a_post_sees_only_its_own_figures(world, client):
    year = timezone.localdate().year - 1
    _record(world, year)
    from tests.conftest import make_user

    client.force_login(make_user("dan", "field_officer", world.post2))
    shown = _shown(client.get("/", {"period": str(year)}).content.decode())
    assert shown[("patrols", "patrols")] == "0" and shown[("incidents", "arisen")] == "0"


def test_every_card_opens_its_list_filtered_to_the_period(world, client):
    client.force_login(world.lee)
    year = timezone.localdate().year - 1
    html = client.get("/", {"period": str(year)}).content.decode()
    links = re.findall(r'<h2><a href="([^"]+)">', html)
    assert len(links) >= 7
    for link in links:
        url = link.replace("&amp;", "&")
        assert client.get(url).status_code == 200, url
    assert f"/patrols/?start={year}-01-01&amp;end={year}-12-31" in html
    assert f"/coordination/compliance/?year={year}&amp;part=year" in html
    half = client.get("/", {"period": f"{year}-H2"}).content.decode()
    assert f"/coordination/compliance/?year={year}&amp;part=h2" in half
    assert f"/patrols/?start={year}-07-01&amp;end={year}-12-31" in half


def test_an_unknown_period_falls_back_to_this_year(world, client):
    client.force_login(world.lee)
    page = client.get("/", {"period": "1066"})
    assert page.status_code == 200
    this_year = str(timezone.localdate().year)
    assert f'<option value="{this_year}" selected>' in page.content.decode()


def test_the_overview_is_computed_again_after_any_write(
    world, client, django_assert_max_num_queries
):
    year = timezone.localdate().year - 1
    client.force_login(world.lee)
    client.get("/", {"period": str(year)})
    with django_assert_max_num_queries(12):  # the figures come from the cache
        again = _shown(client.get("/", {"period": str(year)}).content.decode())
    assert again[("patrols", "patrols")] == "0"
    _record(world, year)
    after = _shown(client.get("/", {"period": str(year)}).content.decode())
    assert after[("patrols", "patrols")] == "3" and after[("incidents", "arisen")] == "1"


def test_the_months_add_up_to_the_periods_figures(world):
    year = timezone.localdate().year - 1
    _record(world, year)
    monthly_report = _duty(world, _regulation(world))  # due on the 5th of the next month
    _submit(world, monthly_report, date(year, 3, 1), date(year, 4, 3))  # on time
    _submit(world, monthly_report, date(year, 4, 1), date(year, 5, 20))  # late
    period = Period.year(year)
    stats = compute(world.lee, world.lee.unit_id, period)
    months = monthly(world.lee, world.lee.unit_id, period)
    assert len(months.months) == 12
    patrols, incidents = months.series["patrols"], months.series["incidents"]
    for kind, row in stats.patrols.by["kind"].items():
        assert sum(patrols[f"done:{kind}"]) == row["patrols"].value, kind
        assert sum(patrols[f"planned:{kind}"]) == row["planned"].value, kind
    assert patrols["done:unilateral"][2] == 2 and patrols["planned:unilateral"][2] == 4
    for kind, row in stats.incidents.by["kind"].items():
        assert sum(incidents[f"arisen:{kind}"]) == row["arisen"].value, kind
    assert sum(incidents["resolved"]) == stats.incidents.total["resolved"].value
    assert incidents["outstanding"][-1] == stats.incidents.total["outstanding"].value == 1
    compliance = months.series["compliance"]
    assert stats.compliance is not None
    for name in ("on_time", "late", "missing"):
        assert sum(compliance[name]) == stats.compliance.total[name].value, name
    assert compliance["on_time"][2] == 1 and compliance["late"][3] == 1
    assert sum(compliance["missing"]) == 10


def test_the_charts_tables_show_the_months_in_the_interfaces_format(world, client):
    year = timezone.localdate().year - 1
    _record(world, year)
    client.force_login(world.lee)
    html = client.get("/", {"period": str(year)}).content.decode()
    assert 'id="overview-charts"' in html and "uPlot.iife.min.js" in html
    assert f'<th scope="row">03/{year}</th>' in html
    for chart in ("patrols", "incidents", "compliance"):
        assert f'data-testid="chart-{chart}"' in html
    client.cookies["django_language"] = "en"
    english = client.get("/", {"period": str(year)}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<th scope="row">Mar {year}</th>' in english


def _count(html: str, marker: str) -> int:
    """The first number a list page's count line shows after `marker` (1.234 → 1234)."""
    found = re.search(marker + r"[^>]*>\s*(?:<[^>]+>\s*)*([\d.]+)", html)
    assert found, marker
    return int(found[1].replace(".", ""))


def test_each_cards_link_opens_a_list_showing_the_same_count(world, client):
    today = timezone.localdate()
    this_year = today.year
    day = max(date(this_year, 1, 1), today - timedelta(days=1))
    start = datetime(day.year, day.month, day.day, 1, tzinfo=UTC)
    patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=start,
        ended_at=start + timedelta(hours=2),
    )
    incident_create(  # long open: overdue at the grassroots
        actor=world.alice,
        unit_id=world.post.pk,
        kind="other",
        title="Vụ việc cũ",
        lon=106.61,
        lat=16.61,
        detected_on=today - timedelta(days=400),
        detected_by="Tổ tuần tra",
    )
    marker_status_record(
        actor=world.alice, marker_id=world.marker.pk, status="damaged", on=day, source="Kiểm tra"
    )
    client.force_login(world.lee)
    html = client.get("/", {"period": str(this_year)}).content.decode()
    shown = _shown(html)
    links = {m["key"]: m["url"].replace("&amp;", "&") for m in LINK.finditer(html)}
    lists = {  # where each kind of list writes its count
        "/patrols/": r'<p class="count"',
        "/incidents/": r'data-testid="incident-counts"',
        "/markers/": r'<span class="count"',
        "/repairs/": r'data-testid="repair-counts"',
    }
    checked = []
    for (card, key), value in shown.items():
        url = links.get(f"{card}:{key}")
        if url is None or key.endswith(":planned"):
            continue
        marker = next((m for path, m in lists.items() if path in url), None)
        assert marker, url
        page = client.get(url)
        assert page.status_code == 200, url
        assert _count(page.content.decode(), marker) == int(float(value)), (card, key, url)
        checked.append(key)
    assert {
        "kind:unilateral",
        "overdue",
        "open:grassroots",
        "status:damaged",
        "repairs_open",
    } <= set(checked)
    assert shown[("incidents", "overdue:grassroots")] == "1"
    assert shown[("markers", "not_intact")] == "1"
    cards = dict(re.findall(r'data-testid="card-(\w+)">\s*<h2><a href="([^"]+)"', html))
    for card, marker, key in (
        ("patrols", lists["/patrols/"], "patrols"),
        ("incidents", lists["/incidents/"], "outstanding"),
        ("markers", lists["/markers/"], "not_intact"),
    ):
        page = client.get(cards[card].replace("&amp;", "&")).content.decode()
        assert _count(page, marker) == int(shown[(card, key)]), card
