"""The overview ("Tổng quan") shows the periodic report's own statistics for the reader's scope
and the chosen period, so the two never disagree; each card opens its list."""

import re
from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from biengioi.operations.services import incident_create, patrol_create
from biengioi.reports.periods import Period
from biengioi.reports.statistics import compute
from biengioi.web import dashboard

CELL = re.compile(
    r'data-testid="card-(?P<card>\w+)"|data-key="(?P<key>[\w:]+)" data-value="(?P<value>[-\d.]+)"'
)


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
        expected = {
            (card.key, line.key): line.figure.value
            for card in dashboard.cards(stats)
            for line in [card.main, *card.lines]
        }
        assert set(shown) == set(expected)
        for where, value in expected.items():
            assert float(shown[where]) == float(value), where
        assert shown[("patrols", "patrols")] == "3"
        assert shown[("patrols", "kind:unilateral")] == "2"
        assert shown[("incidents", "arisen")] == "1"


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
