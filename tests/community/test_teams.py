"""Self-management teams under Directive 01/CT-TTg: a team with the markers it self-manages (in
its own commune only), its members, its activity log, its yearly review, and the table
"Phong trào Chỉ thị 01" the reports quote."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.http import Http404

from biengioi.audit.models import AuditRecord
from biengioi.community import teams_selectors as selectors
from biengioi.community.models import (
    SelfManagementTeam,
    TeamActivity,
    TeamMember,
    TeamReview,
)
from biengioi.community.services import (
    team_activity_add,
    team_create,
    team_member_add,
    team_member_update,
    team_review_add,
    team_update,
)
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.registry.models import Marker
from biengioi.registry.services import admin_unit_create, marker_create

FOUNDED = date(2015, 6, 1)


@pytest.fixture
def place(world):
    """Xã Đàm Thủy holds marker 600; a neighbouring commune holds marker 601."""
    Marker.objects.filter(pk=world.marker.pk).update(commune=world.admin_commune)
    other = admin_unit_create(
        actor=None,
        code="99002",
        name="Xã Lý Quốc",
        level="commune",
        parent_id=world.admin_commune.parent_id,
        valid_from=date(2025, 7, 1),
    )
    far = marker_create(
        actor=None,
        line_id=world.line.pk,
        identifier="601",
        kind="main",
        lon=106.61,
        lat=16.61,
        post_id=world.post2.pk,
        status="intact",
        status_on=date(2025, 1, 15),
    )
    Marker.objects.filter(pk=far.pk).update(commune=other)
    return other, far


def _team(world, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "kind": "line_markers",
        "name": "Tổ tự quản đường biên thôn Nà Ngần",
        "commune_id": world.admin_commune.pk,
        "founded_on": FOUNDED,
    }
    team, _made = team_create(actor=actor or world.alice, **{**data, **fields})
    return team


def _counts():
    return (
        SelfManagementTeam.objects.count(),
        SelfManagementTeam.markers.through.objects.count(),
        TeamMember.objects.count(),
        TeamActivity.objects.count(),
        TeamReview.objects.count(),
        AuditRecord.objects.count(),
    )


def _refused(field, code, call, *args, **kwargs):
    before = _counts()
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert _counts() == before
    return caught.value


def test_a_team_is_recorded_with_its_markers_and_audited(world, place):
    team = _team(
        world,
        marker_ids=[world.marker.pk],
        km_managed="3.5",
        village="Nà Ngần",
        funding_vnd="5000000",
        funding_source="Ngân sách xã",
    )

    assert list(team.markers.values_list("identifier", flat=True)) == ["600"]
    assert team.km_managed == Decimal("3.500") and team.version == 1
    record = AuditRecord.objects.get(action="team.create")
    assert record.after["markers"] == [world.marker.pk]
    assert record.scope_path == world.post.path


def test_a_marker_outside_the_teams_commune_is_refused_naming_marker_ids(world, place):
    _other, far = place
    error = _refused(
        "marker_ids",
        Code.MARKER_OTHER_COMMUNE,
        _team,
        world,
        marker_ids=[world.marker.pk, far.pk],
    )
    assert "601" in error.message and "Xã Lý Quốc" in error.message


def test_an_edit_cannot_add_a_marker_of_another_commune(world, place):
    _other, far = place
    team = _team(world, marker_ids=[world.marker.pk])
    _refused(
        "marker_ids",
        Code.MARKER_OTHER_COMMUNE,
        team_update,
        actor=world.alice,
        team_id=team.pk,
        version=1,
        marker_ids=[far.pk],
    )
    team.refresh_from_db()
    assert team.version == 1 and list(team.markers.all()) == [world.marker]


def test_moving_a_team_to_another_commune_keeps_no_marker_of_the_old_one(world, place):
    other, _far = place
    team = _team(world, marker_ids=[world.marker.pk])
    _refused(
        "marker_ids",
        Code.MARKER_OTHER_COMMUNE,
        team_update,
        actor=world.alice,
        team_id=team.pk,
        version=1,
        commune_id=other.pk,
    )


def test_a_marker_of_another_province_is_not_found(world, place):
    _refused("marker_ids", Code.MARKER_NOT_FOUND, _team, world, marker_ids=[world.tsn_marker.pk])


def test_a_team_in_something_not_a_commune_is_refused(world, place):
    province = world.admin_commune.parent_id
    _refused("commune_id", Code.NOT_A_COMMUNE, _team, world, commune_id=province)


def test_a_team_of_a_unit_out_of_scope_is_refused(world, place):
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _team, world, unit_id=world.tsn_bg.pk)


def test_negative_km_is_refused(world, place):
    _refused("km_managed", Code.NEGATIVE, _team, world, km_managed="-1")


def test_a_retried_create_returns_the_first_team(world, place):
    client_id = uuid.uuid4()
    first = _team(world, client_id=client_id)
    again, made = team_create(
        actor=world.alice,
        client_id=client_id,
        unit_id=world.post.pk,
        kind="line_markers",
        name="x",
        commune_id=world.admin_commune.pk,
        founded_on=FOUNDED,
    )
    assert (again.pk, made) == (first.pk, False)
    assert SelfManagementTeam.objects.count() == 1


def test_a_stale_edit_is_refused(world, place):
    team = _team(world)
    team_update(actor=world.alice, team_id=team.pk, version=1, leader="Giàng A Lử")
    with pytest.raises(Stale):
        team_update(actor=world.alice, team_id=team.pk, version=1, leader="Khác")
    team.refresh_from_db()
    assert (team.leader, team.version) == ("Giàng A Lử", 2)


def test_another_province_cannot_see_or_edit_the_team(world, place):
    team = _team(world)
    assert not selectors.team_list(actor=world.charlie).exists()
    with pytest.raises(Http404):
        team_update(actor=world.charlie, team_id=team.pk, version=1, leader="x")


def test_members_register_and_leave(world, place):
    team = _team(world)
    member, _ = team_member_add(
        actor=world.alice,
        team_id=team.pk,
        kind="household",
        name="Hộ ông Nông Văn Dũng",
        registered_on=FOUNDED,
    )
    team_member_update(actor=world.alice, member_id=member.pk, version=1, left_on=date(2024, 1, 1))
    member.refresh_from_db()
    assert member.left_on == date(2024, 1, 1) and member.version == 2


def test_a_member_registered_before_the_team_was_founded_is_refused(world, place):
    team = _team(world)
    _refused(
        "registered_on",
        Code.BEFORE_FOUNDED,
        team_member_add,
        actor=world.alice,
        team_id=team.pk,
        kind="individual",
        name="Lý Văn A",
        registered_on=date(2014, 1, 1),
    )


def test_a_member_leaving_before_registering_is_refused(world, place):
    team = _team(world)
    _refused(
        "left_on",
        Code.ENDED_BEFORE_START,
        team_member_add,
        actor=world.alice,
        team_id=team.pk,
        kind="individual",
        name="Lý Văn A",
        registered_on=date(2020, 1, 1),
        left_on=date(2019, 1, 1),
    )


def test_a_team_cannot_be_refounded_after_its_members_registered(world, place):
    team = _team(world)
    team_member_add(
        actor=world.alice, team_id=team.pk, kind="individual", name="A", registered_on=FOUNDED
    )
    _refused(
        "founded_on",
        Code.BEFORE_FOUNDED,
        team_update,
        actor=world.alice,
        team_id=team.pk,
        version=1,
        founded_on=date(2016, 1, 1),
    )


def test_activities_are_logged(world, place):
    team = _team(world)
    team_activity_add(
        actor=world.alice, team_id=team.pk, on=date(2025, 5, 10), summary="Phát quang mốc 600"
    )
    assert [a.summary for a in team.activities.all()] == ["Phát quang mốc 600"]
    _refused(
        "summary",
        Code.REQUIRED,
        team_activity_add,
        actor=world.alice,
        team_id=team.pk,
        on=date(2025, 5, 10),
        summary="  ",
    )


def test_a_team_is_reviewed_once_a_year_on_a_day_of_that_year(world, place):
    team = _team(world)
    team_review_add(
        actor=world.alice, team_id=team.pk, year=2025, held_on=date(2025, 3, 3), grade="good"
    )
    _refused(
        "year",
        Code.REVIEW_TWICE,
        team_review_add,
        actor=world.alice,
        team_id=team.pk,
        year=2025,
        held_on=date(2025, 3, 4),
        grade="excellent",
    )
    _refused(
        "held_on",
        Code.REVIEW_YEAR,
        team_review_add,
        actor=world.alice,
        team_id=team.pk,
        year=2024,
        held_on=date(2025, 3, 3),
        grade="good",
    )


def test_the_summary_counts_teams_members_km_and_markers(world, place):
    line = _team(world, marker_ids=[world.marker.pk], km_managed="3.5")
    _team(world, name="Tổ 2", marker_ids=[world.marker.pk], km_managed="1.25")
    village = _team(world, kind="village_security", name="Tổ an ninh thôn")
    for kind, name, team in [
        ("collective", "Chi đoàn thôn", line),
        ("household", "Hộ A", line),
        ("individual", "Ông B", village),
    ]:
        team_member_add(
            actor=world.alice, team_id=team.pk, kind=kind, name=name, registered_on=FOUNDED
        )
    gone, _ = team_member_add(
        actor=world.alice, team_id=line.pk, kind="individual", name="C", registered_on=FOUNDED
    )
    team_member_update(actor=world.alice, member_id=gone.pk, version=1, left_on=date(2024, 1, 1))

    summary = selectors.team_summary(selectors.team_list(actor=world.bob))

    assert [(r.kind, r.teams, r.members, r.km, r.markers) for r in summary.rows] == [
        ("line_markers", 2, 2, Decimal("4.750"), 1),
        ("village_security", 1, 1, Decimal("0.000"), 0),
    ]
    assert (summary.teams, summary.collectives, summary.households, summary.individuals) == (
        3,
        1,
        1,
        1,
    )
    assert (summary.km, summary.markers) == (Decimal("4.750"), 1)
    kinds = selectors.team_list(actor=world.bob, kind="village_security")
    assert list(kinds) == [village]


def test_the_list_query_count_stays_flat(world, place, django_assert_max_num_queries):
    for n in range(5):
        _team(world, name=f"Tổ {n}", marker_ids=[world.marker.pk])
    with django_assert_max_num_queries(2):
        rows = list(selectors.with_counts(selectors.team_list(actor=world.bob)))
    assert [r.marker_count for r in rows] == [1] * 5
