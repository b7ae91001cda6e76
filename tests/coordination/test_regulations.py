"""Coordination regulations, their duties and submissions: the province's regulation kept by the
secretariat at its root, duties owed by a party (or a unit under one) on a rhythm, submissions
sent by the owing unit's scope for a period the duty expects; timeliness derived (on time, late
by N days, missing, not yet due); the compliance table and the reminder list read in a few
queries. Every bad input is refused naming its field, with nothing written."""

import uuid
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.coordination import regulations_selectors as selectors
from biengioi.coordination.models import Duty, Regulation, Submission
from biengioi.coordination.rhythms import period_of
from biengioi.coordination.services import (
    duty_add,
    duty_update,
    regulation_create,
    regulation_update,
    submission_create,
    submission_update,
)
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.registry.models import UnitKind
from tests.conftest import make_unit

SIGNED = date(2020, 3, 1)


def _today() -> date:
    return timezone.localdate()


def _month(back: int) -> tuple[date, date]:
    """The first and last day of the month `back` months before this one."""
    first = _today().replace(day=1)
    for _ in range(back):
        first = (first - timedelta(days=1)).replace(day=1)
    period = period_of("monthly", 5, first)
    return period.start, period.end


def _regulation(world, actor=None, **fields):
    data = {
        "number": "12/QC-BCĐ",
        "signed_on": SIGNED,
        "title": "Quy chế phối hợp trong công tác biên giới",
        "valid_from": SIGNED,
        "party_unit_ids": [world.bg.pk, world.commune.pk],
    }
    regulation, _made = regulation_create(actor=actor or world.sam, **{**data, **fields})
    return regulation


def _duty(world, regulation, actor=None, **fields):
    data = {
        "kind": "report",
        "title": "Báo cáo tình hình biên giới hằng tháng",
        "rhythm": "monthly",
        "due_day": 5,
        "owner_unit_id": world.post.pk,
    }
    duty, _made = duty_add(
        actor=actor or world.sam, regulation_id=regulation.pk, **{**data, **fields}
    )
    return duty


def _submit(world, duty, start, on, actor=None, **fields):
    submission, _made = submission_create(
        actor=actor or world.alice, duty_id=duty.pk, period_start=start, submitted_on=on, **fields
    )
    return submission


def _counts():
    return (
        Regulation.objects.count(),
        Regulation.parties.through.objects.count(),
        Regulation.counterparts.through.objects.count(),
        Duty.objects.count(),
        Submission.objects.count(),
        AuditRecord.objects.count(),
    )


def _refused(code, field, call):
    before = _counts()
    with pytest.raises(DomainError) as refused:
        call()
    assert (refused.value.code, refused.value.field) == (code, field)
    assert refused.value.message  # a message in words, built from the code
    assert _counts() == before  # nothing written, not even an audit record


# --- regulations -------------------------------------------------------------------------


def test_the_secretariat_records_a_regulation_between_the_provinces_units(world):
    regulation = _regulation(world, counterpart_ids=[world.counterpart.pk])
    assert regulation.province == world.tbt
    assert set(regulation.parties.all()) == {world.bg, world.commune}
    assert list(regulation.counterparts.all()) == [world.counterpart]
    record = AuditRecord.objects.get(action="regulation.create")
    assert record.after["parties"] == sorted([world.bg.pk, world.commune.pk])
    assert record.scope_path == world.tbt.path


def test_a_regulation_sent_again_with_its_client_id_is_recorded_once(world):
    key = uuid.uuid4()
    first = _regulation(world, client_id=key)
    again, made = regulation_create(
        actor=world.sam,
        client_id=key,
        number="x",
        signed_on=SIGNED,
        title="x",
        valid_from=SIGNED,
        party_unit_ids=[world.bg.pk, world.commune.pk],
    )
    assert (again.pk, made) == (first.pk, False)
    assert Regulation.objects.count() == 1


def test_a_regulation_needs_two_parties(world):
    _refused(
        Code.REGULATION_TWO_PARTIES,
        "party_unit_ids",
        lambda: _regulation(world, party_unit_ids=[world.bg.pk]),
    )
    _refused(
        Code.REGULATION_TWO_PARTIES,
        "party_unit_ids",
        lambda: _regulation(world, party_unit_ids=[world.bg.pk, world.bg.pk]),
    )
    # a unit and a counterpart of the other side make two parties
    assert _regulation(world, party_unit_ids=[world.bg.pk], counterpart_ids=[world.counterpart.pk])


def test_a_party_of_another_province_is_refused(world):
    _refused(
        Code.UNIT_NOT_IN_SCOPE,
        "party_unit_ids",
        lambda: _regulation(world, party_unit_ids=[world.bg.pk, world.tsn_bg.pk]),
    )
    _refused(
        Code.COUNTERPART_NOT_IN_PROVINCE,
        "counterpart_ids",
        lambda: _regulation(world, counterpart_ids=[world.tsn_counterpart.pk]),
    )


def test_a_regulation_ending_before_it_starts_or_signed_in_the_future_is_refused(world):
    _refused(
        Code.VALID_TO_BEFORE_FROM,
        "valid_to",
        lambda: _regulation(world, valid_to=SIGNED - timedelta(days=1)),
    )
    _refused(
        Code.DATE_IN_FUTURE,
        "signed_on",
        lambda: _regulation(world, signed_on=_today() + timedelta(days=1)),
    )


def test_only_the_province_level_keeps_regulations(world):
    with pytest.raises(PermissionDenied):
        _regulation(world, actor=world.erin)  # unit staff: no coordination.configure
    with pytest.raises(PermissionDenied):
        _regulation(world, actor=world.alice)
    world.bob.unit = world.bg  # an administrator of the command, not of the province
    _refused(Code.NOT_PROVINCE_LEVEL, None, lambda: _regulation(world, actor=world.bob))


def test_every_unit_of_the_province_reads_the_regulation_and_no_other_province(world):
    regulation = _regulation(world)
    assert selectors.regulation_get(actor=world.alice, regulation_id=regulation.pk) == regulation
    assert list(selectors.regulation_list(actor=world.erin)) == [regulation]
    with pytest.raises(Http404):
        selectors.regulation_get(actor=world.charlie, regulation_id=regulation.pk)
    assert list(selectors.regulation_list(actor=world.charlie)) == []


def test_a_regulation_is_found_by_its_title_without_diacritics_and_by_its_validity(world):
    regulation = _regulation(world, valid_to=date(2030, 12, 31))
    assert list(selectors.regulation_list(actor=world.sam, q="quy che phoi hop")) == [regulation]
    assert list(selectors.regulation_list(actor=world.sam, q="khac")) == []
    assert list(selectors.regulation_list(actor=world.sam, active_on=date(2031, 1, 1))) == []
    assert list(selectors.regulation_list(actor=world.sam, active_on=date(2025, 1, 1))) == [
        regulation
    ]


def test_a_regulation_is_corrected_with_its_version(world):
    regulation = _regulation(world)
    changed = regulation_update(
        actor=world.sam, regulation_id=regulation.pk, version=1, title="Quy chế (sửa)"
    )
    assert (changed.title, changed.version) == ("Quy chế (sửa)", 2)
    before = _counts()
    with pytest.raises(Stale):
        regulation_update(actor=world.sam, regulation_id=regulation.pk, version=1, title="Cũ")
    assert _counts() == before


def test_a_party_owing_a_duty_stays_a_party(world):
    regulation = _regulation(world)
    _duty(world, regulation)  # owed by a post of the command
    _refused(
        Code.PARTY_OWES_DUTIES,
        "party_unit_ids",
        lambda: regulation_update(
            actor=world.sam,
            regulation_id=regulation.pk,
            version=1,
            party_unit_ids=[world.commune.pk, world.committee.pk],
        ),
    )


def test_the_validity_keeps_every_submission_sent(world):
    regulation = _regulation(world)
    duty = _duty(world, regulation)
    start, end = _month(3)
    _submit(world, duty, start, end + timedelta(days=2))
    _refused(
        Code.VALIDITY_EXCLUDES_SUBMISSION,
        "valid_to",
        lambda: regulation_update(
            actor=world.sam,
            regulation_id=regulation.pk,
            version=1,
            valid_to=start - timedelta(days=1),
        ),
    )
    _refused(
        Code.VALIDITY_EXCLUDES_SUBMISSION,
        "valid_from",
        lambda: regulation_update(
            actor=world.sam,
            regulation_id=regulation.pk,
            version=1,
            valid_from=end + timedelta(days=1),
        ),
    )


# --- duties ------------------------------------------------------------------------------


def test_a_duty_is_owed_by_a_party_or_a_unit_under_one(world):
    regulation = _regulation(world)
    by_post = _duty(world, regulation)
    by_party = _duty(world, regulation, owner_unit_id=world.commune.pk, rhythm="quarterly")
    assert (by_post.owner, by_party.owner) == (world.post, world.commune)
    assert AuditRecord.objects.filter(action="duty.create").count() == 2


def test_a_duty_owed_by_a_unit_that_is_not_a_party_is_refused(world):
    regulation = _regulation(world)
    for unit in (world.committee, world.tbt, world.tsn_bg):
        _refused(
            Code.DUTY_OWNER_NOT_PARTY,
            "owner_unit_id",
            lambda unit=unit: _duty(world, regulation, owner_unit_id=unit.pk),
        )


def test_a_duty_without_a_rhythm_is_refused(world):
    regulation = _regulation(world)
    for rhythm in ("", None, "fortnightly"):
        _refused(
            Code.REQUIRED,
            "rhythm",
            lambda rhythm=rhythm: _duty(world, regulation, rhythm=rhythm),
        )


@pytest.mark.parametrize(
    ("rhythm", "due_day", "due_month", "field"),
    [
        ("weekly", 0, None, "due_day"),
        ("weekly", 8, None, "due_day"),
        ("monthly", 32, None, "due_day"),
        ("quarterly", 0, None, "due_day"),
        ("yearly", 15, 13, "due_month"),
    ],
)
def test_a_due_day_out_of_range_is_refused(world, rhythm, due_day, due_month, field):
    regulation = _regulation(world)
    _refused(
        Code.OUT_OF_RANGE,
        field,
        lambda: _duty(world, regulation, rhythm=rhythm, due_day=due_day, due_month=due_month),
    )


def test_a_yearly_duty_needs_its_month_and_only_it_has_one(world):
    regulation = _regulation(world)
    _refused(Code.REQUIRED, "due_month", lambda: _duty(world, regulation, rhythm="yearly"))
    _refused(
        Code.DUE_MONTH_ONLY_YEARLY,
        "due_month",
        lambda: _duty(world, regulation, rhythm="monthly", due_month=1),
    )
    assert _duty(world, regulation, rhythm="yearly", due_day=15, due_month=1).due_month == 1


def test_only_the_province_level_adds_duties(world):
    regulation = _regulation(world)
    with pytest.raises(PermissionDenied):
        _duty(world, regulation, actor=world.alice)
    with pytest.raises(Http404):
        _duty(world, regulation, actor=world.charlie)


def test_a_duty_keeps_its_rhythm_once_something_was_submitted(world):
    regulation = _regulation(world)
    duty = _duty(world, regulation)
    duty = duty_update(actor=world.sam, duty_id=duty.pk, version=1, rhythm="quarterly")
    assert duty.rhythm == "quarterly"
    duty = duty_update(actor=world.sam, duty_id=duty.pk, version=2, rhythm="monthly")
    start, end = _month(2)
    _submit(world, duty, start, end + timedelta(days=1))
    _refused(
        Code.RHYTHM_HAS_SUBMISSIONS,
        "rhythm",
        lambda: duty_update(actor=world.sam, duty_id=duty.pk, version=3, rhythm="quarterly"),
    )
    # its due day may move: what was on time is then judged against the new day
    assert duty_update(actor=world.sam, duty_id=duty.pk, version=3, due_day=20).due_day == 20


def test_a_rhythm_changed_under_a_due_day_it_does_not_take_is_refused(world):
    regulation = _regulation(world)
    duty = _duty(world, regulation, due_day=20)
    _refused(
        Code.OUT_OF_RANGE,
        "due_day",
        lambda: duty_update(actor=world.sam, duty_id=duty.pk, version=1, rhythm="weekly"),
    )


# --- submissions -------------------------------------------------------------------------


def test_the_owing_post_submits_for_a_period_and_a_replay_records_it_once(world):
    regulation = _regulation(world)
    duty = _duty(world, regulation)
    start, end = _month(2)
    key = uuid.uuid4()
    first = _submit(
        world,
        duty,
        start,
        end + timedelta(days=3),
        client_id=key,
        reference="Báo cáo số 15/BC-ĐBP",
        figures={"Số lượt tuần tra": 12, " Số vụ việc ": "3", "Kinh phí (triệu)": 1.5},
    )
    assert (first.period_start, first.period_end) == (start, end)
    assert first.figures == {"Số lượt tuần tra": 12, "Số vụ việc": 3, "Kinh phí (triệu)": 1.5}
    again, made = submission_create(
        actor=world.alice,
        duty_id=duty.pk,
        period_start=start,
        submitted_on=end + timedelta(days=3),
        client_id=key,
    )
    assert (again.pk, made) == (first.pk, False)
    assert AuditRecord.objects.filter(action="submission.create").count() == 1


def test_a_second_submission_for_the_same_period_is_refused(world):
    regulation = _regulation(world)
    duty = _duty(world, regulation)
    start, end = _month(2)
    _submit(world, duty, start, end + timedelta(days=3))
    _refused(
        Code.SUBMISSION_EXISTS,
        "period_start",
        lambda: _submit(world, duty, start, end + timedelta(days=4), actor=world.erin),
    )


def test_a_submission_in_the_future_is_refused(world):
    regulation = _regulation(world)
    duty = _duty(world, regulation)
    start, _end = _month(0)
    _refused(
        Code.DATE_IN_FUTURE,
        "submitted_on",
        lambda: _submit(world, duty, start, _today() + timedelta(days=1)),
    )


def test_a_submission_before_its_period_begins_is_refused(world):
    regulation = _regulation(world)
    duty = _duty(world, regulation)
    start, _end = _month(1)
    _refused(
        Code.SUBMITTED_BEFORE_PERIOD,
        "submitted_on",
        lambda: _submit(world, duty, start, start - timedelta(days=1)),
    )


def test_a_submission_for_a_period_the_duty_does_not_expect_is_refused(world):
    regulation = _regulation(world, valid_from=_month(3)[0])
    duty = _duty(world, regulation)
    start, end = _month(1)
    # not the start of one of its months
    _refused(
        Code.PERIOD_NOT_OF_DUTY,
        "period_start",
        lambda: _submit(world, duty, start + timedelta(days=1), _today()),
    )
    # a quarter is not a period of a monthly duty
    _refused(
        Code.PERIOD_NOT_OF_DUTY,
        "period_end",
        lambda: _submit(world, duty, start, _today(), period_end=end + timedelta(days=31)),
    )
    # a month before the regulation was in force
    before, _ = _month(5)
    _refused(
        Code.PERIOD_NOT_OF_DUTY,
        "period_start",
        lambda: _submit(world, duty, before, _today()),
    )


def test_only_the_owing_units_scope_submits(world):
    regulation = _regulation(world)
    duty = _duty(world, regulation, owner_unit_id=world.post2.pk)
    start, end = _month(1)
    _refused(
        Code.NOT_DUTY_OWNER,
        "duty_id",
        lambda: _submit(world, duty, start, end + timedelta(days=1), actor=world.alice),
    )
    with pytest.raises(PermissionDenied):  # a leader reads, does not record
        _submit(world, duty, start, end + timedelta(days=1), actor=world.lee)
    with pytest.raises(Http404):
        _submit(world, duty, start, end + timedelta(days=1), actor=world.charlie)
    # the command above the post may send it for the post
    assert _submit(world, duty, start, end + timedelta(days=1), actor=world.erin)


@pytest.mark.parametrize(
    "figures",
    [
        {"": 1},
        {"Số vụ": "nhiều"},
        {"Số vụ": True},
        {"Số vụ": 10**15},
        {"Số vụ": 1, "số vụ": 2},
        {f"Mục {i}": i for i in range(51)},
        [1, 2],
    ],
)
def test_figures_that_are_not_named_numbers_are_refused(world, figures):
    regulation = _regulation(world)
    duty = _duty(world, regulation)
    start, end = _month(1)
    _refused(
        Code.FIGURES_INVALID,
        "figures",
        lambda: _submit(world, duty, start, end + timedelta(days=1), figures=figures),
    )


def test_a_submission_is_corrected_with_its_version(world):
    regulation = _regulation(world)
    duty = _duty(world, regulation)
    start, end = _month(2)
    submission = _submit(world, duty, start, end + timedelta(days=9))
    changed = submission_update(
        actor=world.alice,
        submission_id=submission.pk,
        version=1,
        submitted_on=end + timedelta(days=2),
        figures={"Số lượt": 4},
    )
    assert (changed.version, changed.figures) == (2, {"Số lượt": 4})
    before = _counts()
    with pytest.raises(Stale):
        submission_update(actor=world.alice, submission_id=submission.pk, version=1, note="x")
    with pytest.raises(Http404):  # another post does not reach it
        submission_update(actor=world.charlie, submission_id=submission.pk, version=2, note="x")
    assert _counts() == before


# --- timeliness, compliance, what a unit owes, reminders ---------------------------------


def test_each_period_is_on_time_late_missing_or_not_yet_due(world):
    regulation = _regulation(world, valid_from=_month(4)[0])
    duty = _duty(world, regulation, due_day=5)
    months = [_month(n) for n in (4, 3, 2, 1, 0)]
    due = [period_of("monthly", 5, m[0]).due_on for m in months]
    _submit(world, duty, months[0][0], due[0])  # on its due day
    _submit(world, duty, months[1][0], due[1] + timedelta(days=3))  # three days late
    # months[2]: nothing (missing); months[3]: due on the 5th of this month (missing or not
    # yet due, by today); months[4]: this month, not yet due
    table = selectors.compliance(
        actor=world.sam, first=months[0][0], last=months[4][1], today=_today()
    )
    (unit,) = table.units
    cells = unit.duties[0].cells
    assert [c.status for c in cells[:3]] == ["on_time", "late", "missing"]
    assert cells[1].late_days == 3 and cells[1].label == "Chậm 3 ngày"
    assert cells[2].label == "Chưa nộp"
    assert cells[3].status == ("missing" if due[3] < _today() else "not_due")
    assert cells[4].status == "not_due" and cells[4].label == "Chưa đến hạn"
    assert unit.unit == world.post
    assert unit.on_time == 1 and unit.late == 1
    assert unit.share_on_time == pytest.approx(1 / unit.counted)


def test_the_compliance_table_shows_only_the_actors_scope(world):
    regulation = _regulation(world, valid_from=date(2021, 1, 1))
    _duty(world, regulation)
    _duty(world, regulation, owner_unit_id=world.post2.pk)
    _duty(world, regulation, owner_unit_id=world.commune.pk, rhythm="quarterly")
    first, last = selectors.compliance_range(2022, "h1")
    assert (first, last) == (date(2022, 1, 1), date(2022, 6, 30))
    province = selectors.compliance(actor=world.sam, first=first, last=last)
    assert [u.unit for u in province.units] == sorted(
        [world.post, world.post2, world.commune], key=lambda u: u.path
    )
    assert province.total.missing == 6 + 6 + 2 and province.total.share_on_time == 0
    post = selectors.compliance(actor=world.alice, first=first, last=last)
    assert [u.unit for u in post.units] == [world.post]
    assert selectors.compliance(actor=world.charlie, first=first, last=last).units == []


def test_a_period_belongs_to_the_table_of_the_range_where_it_ends(world):
    regulation = _regulation(world, valid_from=date(2021, 1, 1), valid_to=date(2022, 3, 31))
    _duty(world, regulation, rhythm="yearly", due_day=15, due_month=1)
    _duty(world, regulation, rhythm="weekly", due_day=1)
    table = selectors.compliance(actor=world.sam, first=date(2022, 1, 1), last=date(2022, 12, 31))
    yearly, weekly = table.units[0].duties
    assert [c.period.start for c in yearly.cells] == [date(2022, 1, 1)]
    # the week of 27/12/2021 – 02/01/2022 ends in 2022; the last week overlapping 31/03/2022
    assert weekly.cells[0].period.start == date(2021, 12, 27)
    assert weekly.cells[-1].period.end == date(2022, 4, 3)
    assert len(weekly.cells) == 14


def _many_units(world, regulation, n):
    for i in range(n):
        unit = make_unit(f"TBT-DBP-X{i}", f"Đồn {i}", UnitKind.BORDER_POST, world.bg)
        duty = _duty(world, regulation, owner_unit_id=unit.pk)
        start, end = _month(2)
        _submit(world, duty, start, end + timedelta(days=i % 9), actor=world.sam)


def test_the_compliance_query_count_does_not_grow_with_units(world, django_assert_num_queries):
    regulation = _regulation(world, valid_from=date(2021, 1, 1))
    _many_units(world, regulation, 3)
    with django_assert_num_queries(2):
        small = selectors.compliance(actor=world.sam, first=date(2021, 1, 1), last=_today())
    _many_units(world, regulation, 0)
    for i in range(10):
        unit = make_unit(f"TBT-DBP-Z{i}", f"Đồn Z{i}", UnitKind.BORDER_POST, world.bg)
        _duty(world, regulation, owner_unit_id=unit.pk)
    with django_assert_num_queries(2):
        big = selectors.compliance(actor=world.sam, first=date(2021, 1, 1), last=_today())
    assert len(big.units) == len(small.units) + 10


def test_what_a_post_owes_overdue_upcoming_and_submitted(world):
    regulation = _regulation(world, valid_from=_month(3)[0])
    duty = _duty(world, regulation, due_day=28)
    other = _duty(world, regulation, owner_unit_id=world.post2.pk)
    months = [_month(n) for n in (3, 2, 1, 0)]
    _submit(world, duty, months[0][0], months[0][1] + timedelta(days=1))
    owed = selectors.owed(actor=world.alice)
    assert {c.duty for c in owed.overdue + owed.upcoming + owed.submitted} == {duty}
    assert [c.period.start for c in owed.submitted] == [months[0][0]]
    # each due on the 28th of the month after: two months ago's has passed, last month's may
    overdue = [m[0] for m in months[1:3] if period_of("monthly", 28, m[0]).due_on < _today()]
    assert [c.period.start for c in owed.overdue] == overdue
    assert overdue[0] == months[1][0]
    assert months[3][0] in [c.period.start for c in owed.upcoming]  # this month's, running
    province = selectors.owed(actor=world.sam)
    assert other in {c.duty for c in province.overdue}


def test_due_submissions_lists_what_a_reminder_should_chase(world, django_assert_num_queries):
    regulation = _regulation(world, valid_from=date(2021, 1, 1))
    monthly = _duty(world, regulation, due_day=10)
    yearly = _duty(
        world, regulation, owner_unit_id=world.commune.pk, rhythm="yearly", due_day=20, due_month=1
    )
    on = date(2025, 1, 15)
    _submit(world, monthly, date(2024, 11, 1), date(2024, 12, 5))
    with django_assert_num_queries(2):
        rows = selectors.due_submissions(on, 10, lookback_days=60)
    # due 10/12 (the November one, submitted), 10/01 (December's, missing): only the missing one;
    # the year 2024 is due 20/01/2025, within the ten days ahead
    assert [(r.duty, r.period.start, r.due_on, r.submitted) for r in rows] == [
        (monthly, date(2024, 12, 1), date(2025, 1, 10), False),
        (yearly, date(2024, 1, 1), date(2025, 1, 20), False),
    ]
    assert rows[0].unit == world.post and rows[1].unit == world.commune
    everything = selectors.due_submissions(on, 10, lookback_days=60, include_submitted=True)
    assert [(r.period.start, r.submitted) for r in everything][0] == (date(2024, 11, 1), True)
