"""Emulation movements and awards (thi đua, khen thưởng): a movement launched by a unit of the
actor's scope and read across its province, its yearly reviews, awards recorded under it (the
decision within the movement's period) or outside any movement, each recorded once per client
id, corrected with a version check, every bad input refused naming its field with nothing
written, and the line the reports quote ("N khen thưởng: X tập thể, Y cá nhân", by kind)."""

import uuid
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.community import emulation_selectors as selectors
from biengioi.community.models import Award, EmulationMovement, EmulationReview
from biengioi.community.services import (
    award_create,
    award_update,
    emulation_movement_create,
    emulation_movement_update,
    emulation_review_add,
    team_create,
)
from biengioi.core.errors import Code, DomainError, Stale

LAUNCHED = date(2017, 11, 13)
MOVEMENT = (
    "Toàn dân tham gia tự quản đường biên, mốc quốc giới và an ninh trật tự ở thôn, bản khu "
    "vực biên giới"
)


def _movement(world, actor=None, **fields):
    data = {
        "unit_id": world.tbt.pk,
        "name": MOVEMENT,
        "decision_number": "4440/QĐ-UBND",
        "decision_date": LAUNCHED,
        "decision_issuer": "UBND tỉnh",
        "starts_on": LAUNCHED,
        "ends_on": date(2025, 12, 31),
    }
    movement, _made = emulation_movement_create(actor=actor or world.bob, **{**data, **fields})
    return movement


def _award(world, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "kind": "certificate_of_merit",
        "conferred_by": "Chủ tịch UBND tỉnh",
        "recipient_kind": "individual",
        "recipient_name": "Ông Vàng A Chứ",
        "decision_number": "125/QĐ-UBND",
        "decision_date": date(2024, 3, 3),
    }
    award, _made = award_create(actor=actor or world.alice, **{**data, **fields})
    return award


@pytest.fixture
def team(world):
    team, _made = team_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="line_markers",
        name="Tổ tự quản thôn Nà Ngần",
        commune_id=world.admin_commune.pk,
        founded_on=date(2015, 6, 1),
    )
    return team


@pytest.fixture
def other_team(world):
    team, _made = team_create(
        actor=world.bob,
        unit_id=world.post2.pk,
        kind="line_markers",
        name="Tổ Lý Vạn",
        commune_id=world.admin_commune.pk,
        founded_on=date(2015, 6, 1),
    )
    return team


def _counts():
    return (
        EmulationMovement.objects.count(),
        Award.objects.count(),
        EmulationReview.objects.count(),
        AuditRecord.objects.count(),
    )


def _refused(field, code, call, *args, **kwargs):
    before = _counts()
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert _counts() == before
    return caught.value


# --- movements ---------------------------------------------------------------------------


def test_a_movement_is_launched_and_audited(world):
    movement = _movement(world, content="Tự quản đường biên, mốc quốc giới", note="BCĐ tỉnh")
    assert (movement.unit, movement.version, movement.ends_on) == (world.tbt, 1, date(2025, 12, 31))
    record = AuditRecord.objects.get(action="emulation_movement.create")
    assert record.after["decision_number"] == "4440/QĐ-UBND"
    assert record.scope_path == world.tbt.path


def test_a_movement_may_run_without_an_end(world):
    movement = _movement(world, ends_on=None)
    assert movement.ends_on is None


def test_a_client_id_sent_again_returns_the_first_movement(world):
    client_id = uuid.uuid4()
    first = _movement(world, client_id=client_id)
    again, made = emulation_movement_create(
        actor=world.bob,
        client_id=client_id,
        unit_id=world.tbt.pk,
        name="Khác",
        decision_number="1",
        decision_date=LAUNCHED,
        starts_on=LAUNCHED,
    )
    assert (made, again.pk, again.name) == (False, first.pk, MOVEMENT)
    assert EmulationMovement.objects.count() == 1
    assert AuditRecord.objects.filter(action="emulation_movement.create").count() == 1


def test_a_movement_ending_before_it_starts_is_refused_naming_ends_on(world):
    error = _refused(
        "ends_on", Code.ENDED_BEFORE_START, _movement, world, ends_on=date(2017, 11, 12)
    )
    assert "13/11/2017" in error.message


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"name": " "}, "name", Code.REQUIRED),
        ({"name": "x" * 301}, "name", Code.TOO_LONG),
        ({"decision_number": ""}, "decision_number", Code.REQUIRED),
        ({"decision_issuer": "a\x00"}, "decision_issuer", Code.CONTROL_CHARACTERS),
        ({"decision_date": None}, "decision_date", Code.REQUIRED),
        ({"starts_on": "2017-11-13"}, "starts_on", Code.REQUIRED),
        ({"ends_on": "2025-12-31"}, "ends_on", Code.REQUIRED),
        ({"content": "a\x07"}, "content", Code.CONTROL_CHARACTERS),
        ({"unit_id": None}, "unit_id", Code.UNIT_NOT_IN_SCOPE),
    ],
)
def test_bad_movement_input_is_refused_naming_its_field(world, fields, field, code):
    _refused(field, code, _movement, world, **fields)


def test_a_movement_decided_in_the_future_is_refused(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    _refused("decision_date", Code.DATE_IN_FUTURE, _movement, world, decision_date=tomorrow)


def test_a_movement_of_a_unit_outside_the_scope_is_refused(world):
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _movement, world, actor=world.alice)
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _movement, world, unit_id=world.tsn.pk)


def test_a_movement_is_read_across_the_province_but_corrected_only_in_scope(world):
    movement = _movement(world)
    assert selectors.emulation_movement_get(actor=world.alice, movement_id=movement.pk)
    with pytest.raises(Http404):
        selectors.emulation_movement_get(actor=world.charlie, movement_id=movement.pk)
    with pytest.raises(Http404):
        emulation_movement_update(actor=world.alice, movement_id=movement.pk, version=1, note="x")


def test_a_movement_edit_is_versioned_and_a_stale_one_refused(world):
    movement = _movement(world)
    edited = emulation_movement_update(
        actor=world.bob, movement_id=movement.pk, version=1, ends_on=date(2030, 12, 31)
    )
    assert (edited.version, edited.ends_on) == (2, date(2030, 12, 31))
    record = AuditRecord.objects.get(action="emulation_movement.update")
    assert (record.before["ends_on"], record.after["ends_on"]) == ("2025-12-31", "2030-12-31")
    before = _counts()
    with pytest.raises(Stale):
        emulation_movement_update(actor=world.bob, movement_id=movement.pk, version=1, note="x")
    assert _counts() == before and EmulationMovement.objects.get().note == ""


def test_a_movement_period_cannot_leave_its_awards_outside(world):
    movement = _movement(world)
    _award(world, movement_id=movement.pk, decision_date=date(2024, 3, 3))
    error = _refused(
        "ends_on",
        Code.MOVEMENT_AWARDS_OUTSIDE,
        emulation_movement_update,
        actor=world.bob,
        movement_id=movement.pk,
        version=1,
        ends_on=date(2023, 12, 31),
    )
    assert "03/03/2024" in error.message
    _refused(
        "starts_on",
        Code.MOVEMENT_AWARDS_OUTSIDE,
        emulation_movement_update,
        actor=world.bob,
        movement_id=movement.pk,
        version=1,
        starts_on=date(2024, 6, 1),
    )
    assert EmulationMovement.objects.get().version == 1


# --- reviews -----------------------------------------------------------------------------


def test_a_yearly_review_is_recorded_once_a_year_within_the_movement(world):
    movement = _movement(world)
    review, made = emulation_review_add(
        actor=world.bob,
        movement_id=movement.pk,
        year=2023,
        held_on=date(2024, 1, 10),
        summary="Sơ kết năm 2023: 12 tập thể, 30 cá nhân được khen thưởng",
    )
    assert made and review.year == 2023
    assert AuditRecord.objects.get(action="emulation_review.add").after["year"] == 2023
    _refused(
        "year",
        Code.MOVEMENT_REVIEW_TWICE,
        emulation_review_add,
        actor=world.bob,
        movement_id=movement.pk,
        year=2023,
        held_on=date(2023, 12, 20),
        summary="Lần hai",
    )


@pytest.mark.parametrize(
    ("year", "held_on", "field", "code"),
    [
        (2017, date(2017, 11, 1), "held_on", Code.OUTSIDE_MOVEMENT),
        (2026, date(2026, 1, 5), "held_on", Code.OUTSIDE_MOVEMENT),
        (2021, date(2024, 1, 10), "year", Code.OUT_OF_RANGE),
        (2024, None, "held_on", Code.REQUIRED),
    ],
)
def test_a_bad_review_is_refused(world, year, held_on, field, code):
    movement = _movement(world)
    error = _refused(
        field,
        code,
        emulation_review_add,
        actor=world.bob,
        movement_id=movement.pk,
        year=year,
        held_on=held_on,
        summary="Sơ kết",
    )
    if code == Code.OUTSIDE_MOVEMENT:
        assert "13/11/2017 – 31/12/2025" in error.message


def test_a_review_in_the_future_and_one_without_summary_are_refused(world):
    movement = _movement(world, ends_on=None)
    tomorrow = timezone.localdate() + timedelta(days=1)
    _refused(
        "held_on",
        Code.DATE_IN_FUTURE,
        emulation_review_add,
        actor=world.bob,
        movement_id=movement.pk,
        year=tomorrow.year,
        held_on=tomorrow,
        summary="Sơ kết",
    )
    _refused(
        "summary",
        Code.REQUIRED,
        emulation_review_add,
        actor=world.bob,
        movement_id=movement.pk,
        year=2024,
        held_on=date(2024, 12, 20),
        summary=" ",
    )


# --- awards ------------------------------------------------------------------------------


def test_an_award_under_a_movement_is_recorded_and_audited(world):
    movement = _movement(world)
    award = _award(world, movement_id=movement.pk, amount_vnd="1200000", position="Trưởng thôn")
    assert (award.movement, award.unit, award.amount_vnd, award.version) == (
        movement,
        world.post,
        1_200_000,
        1,
    )
    record = AuditRecord.objects.get(action="award.create")
    assert record.after["movement"] == movement.pk and record.scope_path == world.post.path


def test_an_award_to_a_team_is_named_after_it(world, team):
    award = _award(world, recipient_kind="collective", recipient_name="", recipient_team_id=team.pk)
    assert (award.recipient_name, award.recipient_team) == (team.name, team)
    unit_award = _award(
        world, recipient_kind="collective", recipient_name="", recipient_unit_id=world.bg.pk
    )
    assert unit_award.recipient_name == world.bg.name


def test_a_collective_outside_the_system_is_named_in_free_text(world):
    award = _award(
        world,
        kind="on_the_spot",
        recipient_kind="collective",
        recipient_name="Nhân dân thôn Nà Pồ",
        recipient_place="xã Đàm Thủy",
    )
    assert award.recipient_unit is None and award.recipient_team is None


def test_a_client_id_sent_again_returns_the_first_award(world):
    client_id = uuid.uuid4()
    first = _award(world, client_id=client_id)
    again, made = award_create(
        actor=world.alice,
        client_id=client_id,
        unit_id=world.post.pk,
        kind="letter_of_merit",
        recipient_kind="individual",
        recipient_name="Khác",
        decision_number="1",
        decision_date=date(2024, 1, 1),
    )
    assert (made, again.pk, again.kind) == (False, first.pk, "certificate_of_merit")
    assert Award.objects.count() == 1
    _refused("id", Code.CLIENT_ID_TAKEN, _award, world, actor=world.erin, client_id=client_id)


@pytest.mark.parametrize(
    ("decision_date", "ends_on"),
    [(date(2017, 11, 12), date(2025, 12, 31)), (date(2025, 1, 2), date(2024, 12, 31))],
)
def test_an_award_decided_outside_its_movement_is_refused_naming_the_period(
    world, decision_date, ends_on
):
    movement = _movement(world, ends_on=ends_on)
    error = _refused(
        "decision_date",
        Code.OUTSIDE_MOVEMENT,
        _award,
        world,
        movement_id=movement.pk,
        decision_date=decision_date,
    )
    assert "13/11/2017" in error.message and ends_on.strftime("%d/%m/%Y") in error.message
    assert MOVEMENT in error.message


def test_an_award_outside_an_open_movement_names_its_start(world):
    movement = _movement(world, ends_on=None)
    error = _refused(
        "decision_date",
        Code.OUTSIDE_MOVEMENT,
        _award,
        world,
        movement_id=movement.pk,
        decision_date=date(2016, 1, 1),
    )
    assert "từ 13/11/2017" in error.message


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"recipient_name": ""}, "recipient_name", Code.RECIPIENT_NAME_REQUIRED),
        (
            {"recipient_kind": "collective", "recipient_name": ""},
            "recipient_name",
            Code.RECIPIENT_NAME_REQUIRED,
        ),
        (
            {"recipient_kind": "collective", "recipient_name": "Đồn", "position": "Đồn trưởng"},
            "position",
            Code.POSITION_ONLY_INDIVIDUAL,
        ),
        ({"kind": "foreign_decoration"}, "country", Code.COUNTRY_REQUIRED),
        ({"country": "Campuchia"}, "country", Code.COUNTRY_ONLY_FOREIGN),
        ({"kind": "medal"}, "kind", Code.REQUIRED),
        ({"recipient_kind": "household"}, "recipient_kind", Code.REQUIRED),
        ({"decision_number": " "}, "decision_number", Code.REQUIRED),
        ({"decision_date": None}, "decision_date", Code.REQUIRED),
        ({"amount_vnd": "-1"}, "amount_vnd", Code.NEGATIVE),
        ({"amount_vnd": "nhiều"}, "amount_vnd", Code.REQUIRED),
        ({"reason": "a\x00"}, "reason", Code.CONTROL_CHARACTERS),
        ({"recipient_name": "x" * 201}, "recipient_name", Code.TOO_LONG),
        ({"movement_id": 999_999}, "movement_id", Code.MOVEMENT_NOT_FOUND),
        ({"unit_id": 999_999}, "unit_id", Code.UNIT_NOT_IN_SCOPE),
        ({"recipient_unit_id": 999_999}, "recipient_unit_id", Code.UNIT_NOT_IN_SCOPE),
        ({"recipient_team_id": 999_999}, "recipient_team_id", Code.TEAM_NOT_IN_SCOPE),
    ],
)
def test_bad_award_input_is_refused_naming_its_field(world, fields, field, code):
    _refused(field, code, _award, world, **fields)


def test_an_award_decided_in_the_future_is_refused(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    _refused("decision_date", Code.DATE_IN_FUTURE, _award, world, decision_date=tomorrow)


def test_a_foreign_decoration_names_its_country(world):
    award = _award(
        world,
        kind="foreign_decoration",
        conferred_by="Quốc vương Campuchia",
        country="Vương quốc Campuchia",
        recipient_kind="collective",
        recipient_name="",
        recipient_unit_id=world.post.pk,
    )
    assert (award.country, award.recipient_name) == ("Vương quốc Campuchia", world.post.name)


def test_outside_references_are_refused(world, team, other_team):
    elsewhere = _movement(world, actor=world.charlie, unit_id=world.tsn.pk)
    _refused("movement_id", Code.MOVEMENT_NOT_FOUND, _award, world, movement_id=elsewhere.pk)
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _award, world, unit_id=world.post2.pk)
    _refused(
        "recipient_unit_id", Code.UNIT_NOT_IN_SCOPE, _award, world, recipient_unit_id=world.tsn.pk
    )
    _refused(
        "recipient_team_id",
        Code.TEAM_NOT_IN_SCOPE,
        _award,
        world,
        recipient_kind="collective",
        recipient_team_id=other_team.pk,
    )
    _refused(
        "recipient_team_id",
        Code.RECIPIENT_ONE_OF,
        _award,
        world,
        recipient_kind="collective",
        recipient_unit_id=world.post.pk,
        recipient_team_id=team.pk,
    )


def test_an_award_edit_is_versioned_checked_and_a_stale_one_refused(world):
    movement = _movement(world)
    award = _award(world)
    edited = award_update(
        actor=world.alice, award_id=award.pk, version=1, movement_id=movement.pk, amount_vnd=500000
    )
    assert (edited.version, edited.movement, edited.amount_vnd) == (2, movement, 500000)
    record = AuditRecord.objects.get(action="award.update")
    assert (record.before["movement"], record.after["movement"]) == (None, movement.pk)
    _refused(
        "decision_date",
        Code.OUTSIDE_MOVEMENT,
        award_update,
        actor=world.alice,
        award_id=award.pk,
        version=2,
        decision_date=date(2026, 1, 1) if timezone.localdate().year > 2025 else date(2016, 1, 1),
    )
    _refused(
        "country",
        Code.COUNTRY_REQUIRED,
        award_update,
        actor=world.alice,
        award_id=award.pk,
        version=2,
        kind="foreign_decoration",
    )
    with pytest.raises(Stale):
        award_update(actor=world.alice, award_id=award.pk, version=1, reason="cũ")
    award.refresh_from_db()
    assert (award.version, award.reason, award.kind) == (2, "", "certificate_of_merit")


def test_an_edit_keeps_a_team_the_editor_does_not_see(world, other_team):
    """Bob (the province) records an award of the Bản Giốc post to a team of Lý Vạn; Alice
    corrects the award and the team stays."""
    award = _award(
        world,
        actor=world.bob,
        recipient_kind="collective",
        recipient_name="",
        recipient_team_id=other_team.pk,
    )
    award_update(
        actor=world.alice,
        award_id=award.pk,
        version=1,
        recipient_team_id=other_team.pk,
        reason="Tuần tra",
    )
    award.refresh_from_db()
    assert (award.recipient_team, award.version) == (other_team, 2)


def test_an_award_outside_the_scope_is_not_found(world):
    award = _award(world, actor=world.bob, unit_id=world.post2.pk)
    with pytest.raises(Http404):
        award_update(actor=world.alice, award_id=award.pk, version=1, reason="x")
    with pytest.raises(Http404):
        selectors.award_get(actor=world.alice, award_id=award.pk)
    with pytest.raises(Http404):
        selectors.award_get(actor=world.charlie, award_id=award.pk)


def test_a_reader_cannot_record(world):
    with pytest.raises(PermissionDenied):
        _movement(world, actor=world.lee)
    with pytest.raises(PermissionDenied):
        _award(world, actor=world.lee)


# --- reads -------------------------------------------------------------------------------


def test_totals_count_collectives_and_individuals_by_kind(world, team):
    movement = _movement(world)
    _award(world, movement_id=movement.pk, amount_vnd=1_000_000)
    _award(world, movement_id=movement.pk, kind="letter_of_merit", recipient_name="Bà Nông Thị Mai")
    _award(
        world,
        movement_id=movement.pk,
        recipient_kind="collective",
        recipient_name="",
        recipient_team_id=team.pk,
        amount_vnd=3_000_000,
    )
    _award(
        world, kind="emulation_flag", recipient_kind="collective", decision_date=date(2019, 1, 5)
    )
    _award(world, actor=world.bob, unit_id=world.post2.pk, kind="on_the_spot")

    alice = selectors.award_totals(selectors.award_list(actor=world.alice))
    assert (alice["awards"], alice["collective"], alice["individual"]) == (4, 2, 2)
    assert alice["amount_vnd"] == 4_000_000
    assert [
        (k["kind"], k["awards"], k["collective"], k["individual"]) for k in alice["by_kind"]
    ] == [
        ("emulation_flag", 1, 1, 0),
        ("certificate_of_merit", 2, 1, 1),
        ("letter_of_merit", 1, 0, 1),
    ]
    bob = selectors.award_totals(selectors.award_list(actor=world.bob))
    assert bob["awards"] == 5 and bob["by_kind"][-1]["kind"] == "on_the_spot"
    under = selectors.award_list(actor=world.bob, movement_id=movement.pk)
    assert selectors.award_totals(under)["awards"] == 3
    individuals = selectors.award_list(
        actor=world.bob, recipient_kind="individual", kind="letter_of_merit"
    )
    assert [a.recipient_name for a in individuals] == ["Bà Nông Thị Mai"]
    old = selectors.award_list(actor=world.bob, start=date(2019, 1, 1), end=date(2019, 12, 31))
    assert [a.kind for a in old] == ["emulation_flag"]
    by_team = selectors.award_list(actor=world.bob, team_id=team.pk)
    assert by_team.count() == 1
    lyvan = selectors.award_list(actor=world.bob, unit_id=world.post2.pk)
    assert lyvan.count() == 1
    assert selectors.award_totals(selectors.award_list(actor=world.charlie))["awards"] == 0


def test_the_movement_list_filters_and_counts_the_awards_one_sees(world):
    provincial = _movement(world)
    post_movement = _movement(
        world,
        actor=world.alice,
        unit_id=world.post.pk,
        name="Thi đua nước rút",
        starts_on=date(2024, 1, 1),
        ends_on=date(2024, 6, 30),
    )
    _award(world, movement_id=provincial.pk)
    _award(world, actor=world.bob, unit_id=world.post2.pk, movement_id=provincial.pk)
    _movement(world, actor=world.charlie, unit_id=world.tsn.pk)

    bob = {m.pk: m.award_count for m in selectors.emulation_movement_list(actor=world.bob)}
    assert bob == {provincial.pk: 2, post_movement.pk: 0}
    alice = {m.pk: m.award_count for m in selectors.emulation_movement_list(actor=world.alice)}
    assert alice == {provincial.pk: 1, post_movement.pk: 0}
    on_day = selectors.emulation_movement_list(actor=world.bob, active_on=date(2025, 1, 1))
    assert [m.pk for m in on_day] == [provincial.pk]
    by_post = selectors.emulation_movement_list(actor=world.bob, unit_id=world.post.pk)
    assert [m.pk for m in by_post] == [post_movement.pk]
