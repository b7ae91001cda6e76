"""Training courses (tập huấn, bồi dưỡng): a course organised by a unit of the actor's scope,
with the teams it trained (each one the actor sees), recorded once per client id, corrected with
a version check, every bad input refused naming its field, and the totals the reports quote
("4 lớp tập huấn cho 238 tổ tự quản": a team two courses trained counts once)."""

import uuid
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.community import training_selectors as selectors
from biengioi.community.models import TrainingCourse
from biengioi.community.services import (
    team_create,
    training_course_create,
    training_course_update,
)
from biengioi.core.errors import Code, DomainError, Stale

START = date(2025, 6, 10)


def _team(world, actor, unit, name):
    team, _made = team_create(
        actor=actor,
        unit_id=unit.pk,
        kind="line_markers",
        name=name,
        commune_id=world.admin_commune.pk,
        founded_on=date(2015, 6, 1),
    )
    return team


@pytest.fixture
def teams(world):
    """Two teams of the Bản Giốc post (Alice's) and one of the Lý Vạn post (not Alice's)."""
    return (
        _team(world, world.alice, world.post, "Tổ Nà Ngần"),
        _team(world, world.alice, world.post, "Tổ Khuổi Lừa"),
        _team(world, world.bob, world.post2, "Tổ Lý Vạn"),
    )


def _course(world, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "title": "Tập huấn nghiệp vụ cho tổ tự quản đường biên",
        "starts_on": START,
        "ends_on": START + timedelta(days=1),
    }
    course, _made = training_course_create(actor=actor or world.alice, **{**data, **fields})
    return course


def _counts():
    return (
        TrainingCourse.objects.count(),
        TrainingCourse.teams.through.objects.count(),
        AuditRecord.objects.count(),
    )


def _refused(field, code, call, *args, **kwargs):
    before = _counts()
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert _counts() == before
    return caught.value


def test_a_course_is_recorded_with_its_teams_and_audited(world, teams):
    course = _course(
        world,
        team_ids=[teams[0].pk, teams[1].pk, teams[0].pk],
        place="Hội trường UBND xã",
        participants=64,
        people_trained=60,
        note="Giảng viên của Bộ Chỉ huy",
    )

    assert sorted(course.teams.values_list("pk", flat=True)) == [teams[0].pk, teams[1].pk]
    assert (course.participants, course.people_trained, course.version) == (64, 60, 1)
    record = AuditRecord.objects.get(action="training_course.create")
    assert record.after["teams"] == sorted([teams[0].pk, teams[1].pk])
    assert record.scope_path == world.post.path


def test_a_client_id_sent_again_returns_the_first_course(world, teams):
    client_id = uuid.uuid4()
    first, made = training_course_create(
        actor=world.alice,
        client_id=client_id,
        unit_id=world.post.pk,
        title="Lớp A",
        starts_on=START,
        ends_on=START,
        team_ids=[teams[0].pk],
    )
    again, made_again = training_course_create(
        actor=world.alice,
        client_id=client_id,
        unit_id=world.post.pk,
        title="Lớp A (gửi lại)",
        starts_on=START,
        ends_on=START,
    )
    assert (made, made_again) == (True, False)
    assert again.pk == first.pk and again.title == "Lớp A"
    assert TrainingCourse.objects.count() == 1
    assert AuditRecord.objects.filter(action="training_course.create").count() == 1


def test_someone_elses_client_id_is_refused(world, teams):
    client_id = uuid.uuid4()
    _course(world, client_id=client_id)
    _refused("id", Code.CLIENT_ID_TAKEN, _course, world, actor=world.erin, client_id=client_id)


def test_a_course_ending_before_it_starts_is_refused_naming_ends_on(world, teams):
    error = _refused(
        "ends_on", Code.ENDED_BEFORE_START, _course, world, ends_on=START - timedelta(days=1)
    )
    assert "10/06/2025" in error.message


@pytest.mark.parametrize("field", ["starts_on", "ends_on"])
def test_a_day_still_to_come_is_refused(world, teams, field):
    tomorrow = timezone.localdate() + timedelta(days=1)
    days = {"starts_on": START, "ends_on": tomorrow}
    if field == "starts_on":
        days = {"starts_on": tomorrow, "ends_on": tomorrow}
    _refused(field, Code.DATE_IN_FUTURE, _course, world, **days)


@pytest.mark.parametrize("field", ["participants", "people_trained"])
def test_a_negative_count_is_refused(world, teams, field):
    _refused(field, Code.OUT_OF_RANGE, _course, world, **{field: -1})


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"title": "  "}, "title", Code.REQUIRED),
        ({"title": "x" * 201}, "title", Code.TOO_LONG),
        ({"place": "x" * 201}, "place", Code.TOO_LONG),
        ({"participants": 2.5}, "participants", Code.REQUIRED),
        ({"people_trained": "nhiều"}, "people_trained", Code.REQUIRED),
        ({"starts_on": None}, "starts_on", Code.REQUIRED),
        ({"ends_on": "2025-06-10"}, "ends_on", Code.REQUIRED),
        ({"note": "a\x00b"}, "note", Code.CONTROL_CHARACTERS),
    ],
)
def test_bad_input_is_refused_naming_its_field(world, teams, fields, field, code):
    _refused(field, code, _course, world, **fields)


def test_a_unit_outside_the_scope_is_refused(world, teams):
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _course, world, unit_id=world.post2.pk)
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _course, world, unit_id=world.tsn_bg.pk)


def test_a_team_outside_the_scope_is_refused_naming_team_ids(world, teams):
    error = _refused(
        "team_ids",
        Code.TEAM_NOT_IN_SCOPE,
        _course,
        world,
        team_ids=[teams[0].pk, teams[2].pk],
    )
    assert str(teams[2].pk) in error.message
    _refused("team_ids", Code.TEAM_NOT_IN_SCOPE, _course, world, team_ids=[999_999])
    _refused("team_ids", Code.TEAM_NOT_IN_SCOPE, _course, world, team_ids=[True])


def test_an_edit_is_versioned_and_a_stale_one_refused(world, teams):
    course = _course(world, team_ids=[teams[0].pk])
    edited = training_course_update(
        actor=world.alice,
        course_id=course.pk,
        version=1,
        participants=70,
        team_ids=[teams[1].pk],
    )
    assert edited.version == 2 and edited.participants == 70
    assert list(edited.teams.values_list("pk", flat=True)) == [teams[1].pk]
    record = AuditRecord.objects.get(action="training_course.update")
    assert record.before["teams"] == [teams[0].pk] and record.after["participants"] == 70
    before = _counts()
    with pytest.raises(Stale) as stale:
        training_course_update(actor=world.alice, course_id=course.pk, version=1, title="Cũ")
    assert stale.value.current.version == 2
    assert TrainingCourse.objects.get().title == course.title and _counts() == before


def test_an_edit_keeps_the_teams_when_none_are_sent_and_checks_the_days(world, teams):
    course = _course(world, team_ids=[teams[0].pk])
    training_course_update(actor=world.alice, course_id=course.pk, version=1, place="Thôn A")
    assert list(course.teams.values_list("pk", flat=True)) == [teams[0].pk]
    _refused(
        "ends_on",
        Code.ENDED_BEFORE_START,
        training_course_update,
        actor=world.alice,
        course_id=course.pk,
        version=2,
        starts_on=START + timedelta(days=5),
    )
    _refused(
        "team_ids",
        Code.TEAM_NOT_IN_SCOPE,
        training_course_update,
        actor=world.alice,
        course_id=course.pk,
        version=2,
        team_ids=[teams[2].pk],
    )
    assert TrainingCourse.objects.get().version == 2


def test_an_edit_may_keep_a_team_the_editor_does_not_see(world, teams):
    """Bob (the province) names a team of Lý Vạn on a course of Bản Giốc; Alice corrects the
    course and keeps it."""
    course = _course(world, actor=world.bob, team_ids=[teams[0].pk, teams[2].pk])
    training_course_update(
        actor=world.alice, course_id=course.pk, version=1, team_ids=[teams[2].pk, teams[1].pk]
    )
    assert sorted(course.teams.values_list("pk", flat=True)) == [teams[1].pk, teams[2].pk]


def test_a_course_outside_the_scope_is_not_found(world, teams):
    course = _course(world, actor=world.bob, unit_id=world.post2.pk)
    with pytest.raises(Http404):
        training_course_update(actor=world.alice, course_id=course.pk, version=1, title="X")
    with pytest.raises(Http404):
        selectors.training_course_get(actor=world.alice, course_id=course.pk)
    with pytest.raises(Http404):
        selectors.training_course_get(actor=world.charlie, course_id=course.pk)


def test_totals_count_each_team_once(world, teams):
    _course(world, team_ids=[teams[0].pk, teams[1].pk], participants=40, people_trained=38)
    _course(
        world,
        starts_on=date(2025, 9, 1),
        ends_on=date(2025, 9, 1),
        team_ids=[teams[1].pk],
        participants=20,
        people_trained=20,
    )
    _course(world, actor=world.bob, unit_id=world.post2.pk, team_ids=[teams[2].pk], participants=7)

    bob = selectors.training_totals(selectors.training_course_list(actor=world.bob))
    assert bob == {"courses": 3, "participants": 67, "people_trained": 58, "teams": 3}
    alice = selectors.training_totals(selectors.training_course_list(actor=world.alice))
    assert alice == {"courses": 2, "participants": 60, "people_trained": 58, "teams": 2}
    june = selectors.training_course_list(
        actor=world.bob, start=date(2025, 6, 1), end=date(2025, 6, 30)
    )
    assert selectors.training_totals(june) == {
        "courses": 2,
        "participants": 47,
        "people_trained": 38,
        "teams": 3,
    }
    lyvan = selectors.training_course_list(actor=world.bob, unit_id=world.post2.pk)
    assert selectors.training_totals(lyvan) == {
        "courses": 1,
        "participants": 7,
        "people_trained": 0,
        "teams": 1,
    }
    by_team = selectors.training_course_list(actor=world.bob, team_id=teams[1].pk)
    assert selectors.training_totals(by_team)["courses"] == 2
    assert selectors.training_totals(selectors.training_course_list(actor=world.charlie)) == {
        "courses": 0,
        "participants": 0,
        "people_trained": 0,
        "teams": 0,
    }


def test_a_team_lists_the_courses_it_attended(world, teams):
    first = _course(world, team_ids=[teams[0].pk])
    second = _course(world, starts_on=date(2025, 9, 1), ends_on=date(2025, 9, 1))
    second.teams.add(teams[0])
    _course(world, team_ids=[teams[1].pk])
    listed = list(selectors.team_courses(actor=world.alice, team=teams[0]))
    assert listed == [second, first]


def test_a_reader_cannot_record(world, teams):
    with pytest.raises(PermissionDenied):
        _course(world, actor=world.lee)
