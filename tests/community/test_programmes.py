"""Social programmes (DOMAIN §3.10): the province's list of programmes kept by the secretariat
(seeded with the usual ones), the pupils and children a post supports under one (the least
personal data, a monthly sum never negative, an end no earlier than the start), and the
activities of programmes without named beneficiaries. Every bad input is refused naming its
field with nothing written; a beneficiary is seen by the supporting post and the units above it,
never by a sibling post or another province."""

import uuid
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.community import programmes_selectors as selectors
from biengioi.community.models import Programme, ProgrammeActivity, ProgrammeBeneficiary
from biengioi.community.services import (
    programme_activity_create,
    programme_activity_update,
    programme_beneficiary_create,
    programme_beneficiary_update,
    programme_create,
    programme_update,
    programmes_seed,
)
from biengioi.core.access import Role
from biengioi.core.errors import Code, DomainError, Stale
from tests.conftest import make_user

SINCE = date(2024, 9, 5)


@pytest.fixture
def progs(world):
    """The province's list seeded by Sam (secretariat): the school sponsorship and the clinics."""
    programmes_seed(actor=world.sam)
    return (
        Programme.objects.get(name="Nâng bước em tới trường"),
        Programme.objects.get(name="Phòng khám quân dân y"),
    )


@pytest.fixture
def dave(world):
    """A field officer of the Lý Vạn post, the sibling of Alice's Bản Giốc post."""
    return make_user("dave", Role.FIELD_OFFICER, world.post2)


def _pupil(world, progs, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "programme_id": progs[0].pk,
        "full_name": "Lò Thị Mai",
        "birth_year": 2014,
        "commune_id": world.admin_commune.pk,
        "monthly_vnd": 500_000,
        "since": SINCE,
    }
    pupil, _made = programme_beneficiary_create(actor=actor or world.alice, **{**data, **fields})
    return pupil


def _clinic(world, progs, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "programme_id": progs[1].pk,
        "on": date(2025, 8, 20),
        "content": "Khám bệnh, cấp thuốc miễn phí cho nhân dân bản Nà Ngần",
        "commune_id": world.admin_commune.pk,
        "people_served": 120,
        "spent_vnd": 15_000_000,
    }
    activity, _made = programme_activity_create(actor=actor or world.alice, **{**data, **fields})
    return activity


def _counts():
    return (
        Programme.objects.count(),
        ProgrammeBeneficiary.objects.count(),
        ProgrammeActivity.objects.count(),
        AuditRecord.objects.count(),
    )


def _refused(field, code, call, *args, **kwargs):
    before = _counts()
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert _counts() == before
    return caught.value


# --- the province's programmes ------------------------------------------------------------


def test_the_seed_adds_the_usual_programmes_once(world):
    assert programmes_seed(actor=world.sam) == 7
    assert programmes_seed(actor=world.sam) == 0
    names = set(Programme.objects.values_list("name", flat=True))
    assert {"Nâng bước em tới trường", "Con nuôi đồn Biên phòng"} <= names
    assert Programme.objects.get(name="Con nuôi đồn Biên phòng").kind == "foster"
    assert AuditRecord.objects.filter(action="programme.create").count() == 7


def test_the_list_is_the_provinces_and_kept_by_the_secretariat(world, progs):
    assert programmes_seed(actor=world.charlie) == 7  # the other province has its own list
    mine = selectors.programmes(actor=world.alice)
    assert mine.count() == 7
    assert all(p.province_id == world.tbt.pk for p in mine)
    with pytest.raises(PermissionDenied):
        programme_create(actor=world.alice, name="Chương trình của đồn", kind="other")
    _refused(
        "name",
        Code.PROGRAMME_TAKEN,
        programme_create,
        actor=world.sam,
        name="nang buoc em toi truong",
        kind="school",
    )
    _refused("kind", Code.REQUIRED, programme_create, actor=world.sam, name="Mới", kind="x")


def test_a_programme_is_stopped_with_a_version_check(world, progs):
    stopped = programme_update(actor=world.sam, programme_id=progs[0].pk, version=1, active=False)
    assert (stopped.active, stopped.version) == (False, 2)
    record = AuditRecord.objects.get(action="programme.update")
    assert (record.before["active"], record.after["active"]) == (True, False)
    with pytest.raises(Stale):
        programme_update(actor=world.sam, programme_id=progs[0].pk, version=1, name="X")
    with pytest.raises(Http404):
        programme_update(actor=world.charlie, programme_id=progs[0].pk, version=2, active=True)


# --- beneficiaries --------------------------------------------------------------------------


def test_a_pupil_is_recorded_once_and_audited(world, progs):
    client_id = uuid.uuid4()
    first = _pupil(world, progs, client_id=client_id, note="Gia đình khó khăn")
    again, made = programme_beneficiary_create(
        actor=world.alice,
        client_id=client_id,
        unit_id=world.post.pk,
        programme_id=progs[0].pk,
        full_name="Tên khác",
        birth_year=2013,
        since=SINCE,
        commune_id=world.admin_commune.pk,
    )
    assert made is False and again.pk == first.pk and again.full_name == "Lò Thị Mai"
    assert ProgrammeBeneficiary.objects.count() == 1
    record = AuditRecord.objects.get(action="programme_beneficiary.create")
    assert record.scope_path == world.post.path
    assert record.after["monthly_vnd"] == 500_000 and record.after["programme"] == progs[0].pk


def test_a_pupil_from_laos_names_a_place_and_country(world, progs):
    pupil = _pupil(
        world, progs, commune_id=None, place="Bản Densavan, Savannakhet", country_code="la"
    )
    assert pupil.country.code == "LA" and pupil.commune is None
    assert pupil.where == "Bản Densavan, Savannakhet (Lào)"


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"monthly_vnd": -1}, "monthly_vnd", Code.NEGATIVE),
        ({"until": SINCE - timedelta(days=1)}, "until", Code.ENDED_BEFORE_START),
        ({"birth_year": 2999}, "birth_year", Code.BIRTH_YEAR_IN_FUTURE),
        ({"birth_year": 1800}, "birth_year", Code.OUT_OF_RANGE),
        ({"birth_year": "hai nghìn"}, "birth_year", Code.REQUIRED),
        ({"full_name": "  "}, "full_name", Code.REQUIRED),
        ({"commune_id": None}, "commune_id", Code.REQUIRED),
        ({"commune_id": 999999}, "commune_id", Code.NOT_A_COMMUNE),
        ({"place": "Savannakhet"}, "place", Code.PLACE_ABROAD_ONLY),
        ({"country_code": "LA"}, "commune_id", Code.PLACE_COMMUNE_OR_ABROAD),
        ({"commune_id": None, "country_code": "LA"}, "place", Code.REQUIRED),
        (
            {"commune_id": None, "place": "X", "country_code": "ZZ"},
            "country_code",
            Code.COUNTRY_UNKNOWN,
        ),
        ({"end_reason": "graduated"}, "end_reason", Code.END_REASON_WITHOUT_UNTIL),
        ({"until": SINCE, "end_reason": "bored"}, "end_reason", Code.REQUIRED),
        ({"programme_id": 999999}, "programme_id", Code.PROGRAMME_UNKNOWN),
    ],
)
def test_bad_input_is_refused_naming_its_field(world, progs, fields, field, code):
    _refused(field, code, _pupil, world, progs, **fields)


def test_a_start_still_to_come_is_refused(world, progs):
    tomorrow = timezone.localdate() + timedelta(days=1)
    _refused("since", Code.DATE_IN_FUTURE, _pupil, world, progs, since=tomorrow)


def test_an_inactive_programme_is_refused(world, progs):
    programme_update(actor=world.sam, programme_id=progs[0].pk, version=1, active=False)
    error = _refused("programme_id", Code.PROGRAMME_UNKNOWN, _pupil, world, progs)
    assert "Nâng bước em tới trường" in error.message


def test_another_provinces_programme_is_refused(world, progs):
    programmes_seed(actor=world.charlie)
    theirs = Programme.objects.exclude(province=world.tbt).first()
    _refused("programme_id", Code.PROGRAMME_UNKNOWN, _pupil, world, progs, programme_id=theirs.pk)


def test_a_unit_out_of_scope_is_refused(world, progs, dave):
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _pupil, world, progs, unit_id=world.post2.pk)
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _pupil, world, progs, unit_id=world.tsn_bg.pk)
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _pupil, world, progs, unit_id=world.commune.pk)


def test_a_leader_only_reads(world, progs):
    with pytest.raises(PermissionDenied):
        _pupil(world, progs, actor=world.lee)
    assert ProgrammeBeneficiary.objects.count() == 0


def test_support_ends_with_a_reason_and_a_stale_edit_is_refused(world, progs):
    pupil = _pupil(world, progs)
    ended = programme_beneficiary_update(
        actor=world.alice,
        beneficiary_id=pupil.pk,
        version=1,
        until=date(2025, 6, 30),
        end_reason="graduated",
    )
    assert (ended.version, ended.end_reason) == (2, "graduated")
    record = AuditRecord.objects.get(action="programme_beneficiary.update")
    assert record.before["until"] is None and record.after["until"] == "2025-06-30"
    before = _counts()
    with pytest.raises(Stale):
        programme_beneficiary_update(
            actor=world.alice, beneficiary_id=pupil.pk, version=1, monthly_vnd=0
        )
    assert _counts() == before
    _refused(
        "until",
        Code.ENDED_BEFORE_START,
        programme_beneficiary_update,
        actor=world.alice,
        beneficiary_id=pupil.pk,
        version=2,
        until=date(2020, 1, 1),
    )
    pupil.refresh_from_db()
    assert (pupil.version, pupil.until) == (2, date(2025, 6, 30))


def test_a_beneficiary_keeps_a_programme_stopped_since(world, progs):
    pupil = _pupil(world, progs)
    programme_update(actor=world.sam, programme_id=progs[0].pk, version=1, active=False)
    edited = programme_beneficiary_update(
        actor=world.alice,
        beneficiary_id=pupil.pk,
        version=1,
        programme_id=progs[0].pk,
        monthly_vnd=600_000,
    )
    assert edited.monthly_vnd == 600_000


# --- who sees a beneficiary -----------------------------------------------------------------


def test_a_beneficiary_is_seen_by_the_post_and_those_above_only(world, progs, dave):
    pupil = _pupil(world, progs)
    for above in (world.alice, world.erin, world.sam, world.bob):
        assert list(selectors.beneficiary_list(actor=above)) == [pupil]
        assert selectors.beneficiary_get(actor=above, beneficiary_id=pupil.pk) == pupil
    for other in (dave, world.charlie):
        assert not selectors.beneficiary_list(actor=other).exists()
        with pytest.raises(Http404):
            selectors.beneficiary_get(actor=other, beneficiary_id=pupil.pk)
        assert selectors.beneficiary_counts(selectors.beneficiary_list(actor=other)) == []
    with pytest.raises(Http404):
        programme_beneficiary_update(actor=dave, beneficiary_id=pupil.pk, version=1, monthly_vnd=0)


def test_the_totals_and_counts_per_programme(world, progs, dave):
    foster = Programme.objects.get(name="Con nuôi đồn Biên phòng")
    _pupil(world, progs)
    _pupil(world, progs, full_name="Vàng A Páo", until=date(2025, 5, 31), end_reason="graduated")
    _pupil(world, progs, full_name="Hà Văn Tùng", programme_id=foster.pk, monthly_vnd=1_000_000)
    _pupil(world, progs, actor=dave, unit_id=world.post2.pk, full_name="Lý Thị Hoa")
    alice_rows = selectors.beneficiary_list(actor=world.alice)
    assert selectors.beneficiary_totals(alice_rows) == {
        "beneficiaries": 3,
        "monthly_vnd": 2_000_000,
    }
    on_day = selectors.beneficiary_list(actor=world.alice, on=date(2025, 9, 1))
    assert selectors.beneficiary_totals(on_day)["beneficiaries"] == 2
    assert selectors.beneficiary_counts(alice_rows) == [
        {
            "programme_id": foster.pk,
            "programme__name": foster.name,
            "beneficiaries": 1,
            "monthly_vnd": 1_000_000,
        },
        {
            "programme_id": progs[0].pk,
            "programme__name": progs[0].name,
            "beneficiaries": 2,
            "monthly_vnd": 1_000_000,
        },
    ]
    command = selectors.beneficiary_list(actor=world.erin)
    assert selectors.beneficiary_totals(command)["beneficiaries"] == 4
    by_post = selectors.beneficiary_list(actor=world.erin, unit_id=world.post2.pk)
    assert [b.full_name for b in by_post] == ["Lý Thị Hoa"]
    assert not selectors.beneficiary_list(actor=world.alice, unit_id=world.post2.pk).exists()


# --- activities -----------------------------------------------------------------------------


def test_a_clinic_is_recorded_once_corrected_and_audited(world, progs):
    client_id = uuid.uuid4()
    first = _clinic(world, progs, client_id=client_id)
    again = _clinic(world, progs, client_id=client_id, people_served=5)
    assert again.pk == first.pk and ProgrammeActivity.objects.count() == 1
    edited = programme_activity_update(
        actor=world.alice, activity_id=first.pk, version=1, people_served=130
    )
    assert (edited.version, edited.people_served) == (2, 130)
    record = AuditRecord.objects.get(action="programme_activity.update")
    assert (record.before["people_served"], record.after["people_served"]) == (120, 130)
    with pytest.raises(Stale):
        programme_activity_update(actor=world.alice, activity_id=first.pk, version=1, place="X")
    totals = selectors.activity_totals(selectors.activity_list(actor=world.erin))
    assert totals == {"activities": 1, "people_served": 130, "spent_vnd": 15_000_000}


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"spent_vnd": -5}, "spent_vnd", Code.NEGATIVE),
        ({"people_served": -1}, "people_served", Code.OUT_OF_RANGE),
        ({"on": date(2999, 1, 1)}, "on", Code.DATE_IN_FUTURE),
        ({"content": ""}, "content", Code.REQUIRED),
        ({"commune_id": 999999}, "commune_id", Code.NOT_A_COMMUNE),
        ({"unit_id": 999999}, "unit_id", Code.UNIT_NOT_IN_SCOPE),
        ({"programme_id": None}, "programme_id", Code.REQUIRED),
    ],
)
def test_a_bad_activity_is_refused_naming_its_field(world, progs, fields, field, code):
    _refused(field, code, _clinic, world, progs, **fields)


def test_activities_are_seen_by_the_unit_and_those_above(world, progs, dave):
    activity = _clinic(world, progs)
    assert list(selectors.activity_list(actor=world.erin)) == [activity]
    assert not selectors.activity_list(actor=dave).exists()
    with pytest.raises(Http404):
        selectors.activity_get(actor=dave, activity_id=activity.pk)


def test_an_activity_names_a_commune_that_stood_on_its_day(world, progs):
    """The one rule of a commune (registry.selectors.commune): Xã Đàm Thủy of the 2025 reform
    is not the commune of a clinic of June 2025; moving a clinic of August there is refused."""
    from biengioi.registry.models import AdminUnit

    AdminUnit.objects.filter(pk=world.admin_commune.pk).update(valid_from=date(2025, 7, 1))
    error = _refused(
        "commune_id", Code.COMMUNE_NOT_IN_FORCE, _clinic, world, progs, on=date(2025, 6, 20)
    )
    assert "Xã Đàm Thủy" in error.message and "20/06/2025" in error.message
    clinic = _clinic(world, progs)  # 20/08/2025: it stood
    assert clinic.commune == world.admin_commune
    _refused(
        "commune_id",
        Code.COMMUNE_NOT_IN_FORCE,
        programme_activity_update,
        actor=world.alice,
        activity_id=clinic.pk,
        version=clinic.version,
        on=date(2025, 6, 20),
    )
