"""Crime and violations: cases with persons and seizures, how each was dealt with, the table the
reports quote, and the special operations and peak campaigns cases count towards."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.http import Http404
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.operations import crime_selectors as selectors
from biengioi.operations.models import CasePerson, CrimeCase, Seizure
from biengioi.operations.services import (
    crime_case_create,
    crime_case_update,
    crime_operation_create,
    crime_operation_update,
)

DETECTED = date(2025, 9, 1)
HEROIN = {"item": "Heroin", "quantity": "2", "unit": "banh"}


def _case(world, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "category": "drugs",
        "title": "Bắt quả tang vận chuyển trái phép chất ma túy",
        "detected_on": DETECTED,
    }
    case, _made = crime_case_create(actor=actor or world.alice, **{**data, **fields})
    return case


def _counts():
    return (
        CrimeCase.objects.count(),
        CasePerson.objects.count(),
        Seizure.objects.count(),
        AuditRecord.objects.count(),
    )


def _refused(world, field, code, **fields):
    before = _counts()
    with pytest.raises(DomainError) as caught:
        _case(world, **fields)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert _counts() == before
    return caught.value


def test_a_case_is_recorded_with_its_persons_and_seizures_and_audited(world):
    case = _case(
        world,
        place="Đường mòn gần mốc 600",
        persons=[
            {"full_name": "Hồ Văn A", "birth_year": 1990, "sex": "male", "wanted": True},
            {"full_name": "Lò Thị B", "sex": "female", "nationality": "la"},
        ],
        seizures=[
            HEROIN,
            {"item": "ma túy tổng hợp", "quantity": "3,5".replace(",", "."), "unit": "kg"},
        ],
    )

    assert [p.nationality for p in case.persons.all()] == ["VN", "LA"]
    assert [(s.quantity, s.unit) for s in case.seizures.all()] == [
        (Decimal("2.000"), "banh"),
        (Decimal("3.500"), "kg"),
    ]
    assert case.handling == "pending" and case.version == 1
    record = AuditRecord.objects.get(action="crime_case.create")
    assert record.after["seizures"][0] == {"item": "Heroin", "quantity": "2.000", "unit": "banh"}
    assert record.after["persons"][0]["wanted"] is True


@pytest.mark.parametrize(
    ("seizure", "field", "code"),
    [
        ({**HEROIN, "quantity": "-1"}, "seizures.1.quantity", Code.NOT_POSITIVE),
        ({**HEROIN, "quantity": "0"}, "seizures.1.quantity", Code.NOT_POSITIVE),
        ({**HEROIN, "unit": ""}, "seizures.1.unit", Code.SEIZURE_UNIT_REQUIRED),
        ({"item": "heroin", "quantity": "1"}, "seizures.1.unit", Code.SEIZURE_UNIT_REQUIRED),
        ({**HEROIN, "unit": "tấn"}, "seizures.1.unit", Code.REQUIRED),
        ({**HEROIN, "quantity": None}, "seizures.1.quantity", Code.REQUIRED),
        ({**HEROIN, "value_vnd": "-5"}, "seizures.1.value_vnd", Code.NEGATIVE),
        ({**HEROIN, "item": " "}, "seizures.1.item", Code.REQUIRED),
    ],
)
def test_a_bad_seizure_is_refused_by_its_row_and_field_and_nothing_is_written(
    world, seizure, field, code
):
    _refused(world, field, code, seizures=[HEROIN, seizure])


def test_bad_cases_are_refused_naming_the_field(world):
    future = timezone.localdate() + timedelta(days=1)
    _refused(world, "detected_on", Code.DATE_IN_FUTURE, detected_on=future)
    _refused(world, "unit_id", Code.UNIT_NOT_IN_SCOPE, unit_id=world.post2.pk)
    _refused(world, "category", Code.REQUIRED, category="theft")
    _refused(world, "title", Code.REQUIRED, title="  ")
    _refused(
        world,
        "fine_vnd",
        Code.FINE_WITHOUT_SANCTION,
        handling="prosecuted",
        handled_on=DETECTED,
        fine_vnd=1000000,
    )
    _refused(
        world,
        "fine_vnd",
        Code.NEGATIVE,
        handling="sanctioned",
        handled_on=DETECTED,
        fine_vnd=-1,
    )
    _refused(world, "handled_on", Code.REQUIRED, handling="sanctioned")
    _refused(world, "handled_on", Code.PENDING_HANDLED_ON, handled_on=DETECTED)
    error = _refused(
        world,
        "handled_on",
        Code.HANDLED_BEFORE_DETECTION,
        handling="prosecuted",
        handled_on=DETECTED - timedelta(days=1),
    )
    assert "01/09/2025" in error.message
    person = {"full_name": "Hồ Văn A", "sex": "male"}
    _refused(
        world,
        "persons.0.nationality",
        Code.NATIONALITY_CODE,
        persons=[{**person, "nationality": "Lào"}],
    )
    _refused(
        world, "persons.0.birth_year", Code.OUT_OF_RANGE, persons=[{**person, "birth_year": 2026}]
    )
    _refused(world, "persons.1.sex", Code.REQUIRED, persons=[person, {"full_name": "B"}])


def test_a_retried_create_makes_one_case_and_a_client_id_is_never_shared(world):
    client_id = uuid.uuid4()
    first, made = crime_case_create(
        actor=world.alice,
        client_id=client_id,
        unit_id=world.post.pk,
        category="smuggling",
        title="Vận chuyển hàng lậu",
        detected_on=DETECTED,
        seizures=[{"item": "thuốc lá điếu", "quantity": "500", "unit": "item"}],
    )
    again, made_again = crime_case_create(
        actor=world.alice,
        client_id=client_id,
        unit_id=world.post.pk,
        category="smuggling",
        title="Vận chuyển hàng lậu",
        detected_on=DETECTED,
    )
    assert (made, made_again, again.pk) == (True, False, first.pk)
    assert Seizure.objects.count() == 1
    with pytest.raises(DomainError) as caught:
        crime_case_create(
            actor=world.erin,
            client_id=client_id,
            unit_id=world.post.pk,
            category="smuggling",
            title="x",
            detected_on=DETECTED,
        )
    assert caught.value.code == Code.CLIENT_ID_TAKEN


def test_dealing_with_a_case_is_an_edit_on_its_version(world):
    case = _case(world, seizures=[HEROIN], persons=[{"full_name": "Hồ Văn A", "sex": "male"}])
    handled = crime_case_update(
        actor=world.alice,
        case_id=case.pk,
        version=1,
        handling="sanctioned",
        handled_on=DETECTED + timedelta(days=3),
        decision="12/QĐ-XPHC",
        fine_vnd="7500000",
    )
    assert (handled.version, handled.fine_vnd) == (2, Decimal(7500000))
    assert handled.persons.count() == 1  # lists not sent are kept

    with pytest.raises(Stale) as stale:
        crime_case_update(actor=world.alice, case_id=case.pk, version=1, title="Cũ")
    assert stale.value.current.version == 2

    before = _counts()
    with pytest.raises(DomainError) as caught:
        crime_case_update(
            actor=world.alice,
            case_id=case.pk,
            version=2,
            persons=[],
            seizures=[{**HEROIN, "quantity": "-2"}],
        )
    assert caught.value.field == "seizures.0.quantity"
    assert _counts() == before  # the persons were not dropped either
    assert CrimeCase.objects.get().version == 2

    replaced = crime_case_update(
        actor=world.alice, case_id=case.pk, version=2, seizures=[{**HEROIN, "quantity": "3"}]
    )
    assert [s.quantity for s in replaced.seizures.all()] == [Decimal(3)]
    update = AuditRecord.objects.filter(action="crime_case.update").first()
    assert update.before["seizures"][0]["quantity"] == "2.000"
    assert update.after["seizures"][0]["quantity"] == "3.000"


def test_a_user_sees_and_edits_only_cases_in_scope(world):
    case = _case(world)
    with pytest.raises(Http404):
        selectors.crime_case_get(actor=world.charlie, case_id=case.pk)
    with pytest.raises(Http404):
        crime_case_update(actor=world.charlie, case_id=case.pk, version=1, title="x")
    assert list(selectors.crime_case_list(actor=world.erin)) == [case]
    assert list(selectors.crime_case_list(actor=world.charlie)) == []


def test_the_table_by_category_adds_up_like_with_like(world):
    _case(
        world,
        persons=[
            {"full_name": "A", "sex": "male", "wanted": True},
            {"full_name": "B", "sex": "female"},
        ],
        seizures=[HEROIN, {"item": "ma túy tổng hợp", "quantity": "1.5", "unit": "kg"}],
        handling="prosecuted",
        handled_on=DETECTED,
    )
    _case(
        world,
        persons=[{"full_name": "C", "sex": "male"}],
        seizures=[{"item": "heroin", "quantity": "1", "unit": "banh"}],
    )
    _case(
        world,
        category="smuggling",
        title="Hàng lậu",
        persons=[{"full_name": "D", "sex": "male"}],
        handling="sanctioned",
        handled_on=DETECTED,
        fine_vnd=5000000,
    )
    _case(
        world,
        category="smuggling",
        title="Hàng lậu 2",
        handling="sanctioned",
        handled_on=DETECTED,
        fine_vnd=2500000,
    )
    _case(world, unit_id=world.post2.pk, actor=world.erin, title="Đồn khác")

    rows = selectors.crime_table(selectors.crime_case_list(actor=world.alice))
    drugs, smuggling, total = rows
    assert (drugs.category, drugs.cases, drugs.persons, drugs.wanted) == ("drugs", 2, 3, 1)
    assert (drugs.prosecuted, drugs.pending) == (1, 1)
    assert [(q, u.value, i.casefold()) for q, u, i in drugs.seized] == [
        (Decimal("3.000"), "banh", "heroin"),  # "Heroin" and "heroin" counted together
        (Decimal("1.500"), "kg", "ma túy tổng hợp"),
    ]
    assert (smuggling.cases, smuggling.sanctioned, smuggling.fines) == (2, 2, Decimal(7500000))
    assert (total.category, total.cases, total.persons, total.fines) == ("", 4, 4, 7500000)
    whole = selectors.crime_table(selectors.crime_case_list(actor=world.erin))
    assert whole[-1].cases == 5
    only_drugs = selectors.crime_case_list(
        actor=world.erin, category="drugs", unit_id=world.post.pk
    )
    assert only_drugs.count() == 2


def test_a_case_counts_towards_an_operation_of_its_unit_or_above_within_its_period(world):
    campaign, _ = crime_operation_create(
        actor=world.erin,
        unit_id=world.bg.pk,
        kind="peak",
        name="Cao điểm trấn áp tội phạm ma túy",
        started_on=DETECTED - timedelta(days=10),
        ended_on=DETECTED + timedelta(days=10),
        category="drugs",
    )
    other, _ = crime_operation_create(
        actor=world.erin,
        unit_id=world.post2.pk,
        kind="special",
        name="Chuyên án 01LV",
        started_on=DETECTED - timedelta(days=30),
    )
    case = _case(world, operation_id=campaign.pk)  # the province's campaign covers the post
    assert case.operation == campaign
    error = _refused(world, "operation_id", Code.OPERATION_OTHER_UNIT, operation_id=other.pk)
    assert "Chuyên án 01LV" in error.message
    _refused(
        world,
        "detected_on",
        Code.OUTSIDE_OPERATION,
        operation_id=campaign.pk,
        detected_on=DETECTED + timedelta(days=11),
    )
    seen = selectors.operation_list(actor=world.alice)
    assert [o.pk for o in seen] == [campaign.pk]  # the other post's operation is not the post's
    assert seen[0].case_count == 1
    assert selectors.operation_get(actor=world.alice, operation_id=campaign.pk) == campaign
    with pytest.raises(Http404):
        selectors.operation_get(actor=world.charlie, operation_id=campaign.pk)

    with pytest.raises(DomainError) as caught:
        crime_operation_update(
            actor=world.erin,
            operation_id=campaign.pk,
            version=1,
            ended_on=DETECTED - timedelta(days=1),
        )
    assert (caught.value.field, caught.value.code) == ("ended_on", Code.OUTSIDE_OPERATION)
    with pytest.raises(DomainError) as caught:
        crime_operation_update(
            actor=world.erin,
            operation_id=campaign.pk,
            version=1,
            ended_on=DETECTED - timedelta(days=11),
        )
    assert (caught.value.field, caught.value.code) == ("ended_on", Code.ENDS_BEFORE_START)
    closed = crime_operation_update(
        actor=world.erin, operation_id=campaign.pk, version=1, result="Bắt 1 vụ", ended_on=DETECTED
    )
    assert closed.version == 2
    with pytest.raises(Http404):  # the post may not edit the province's campaign
        crime_operation_update(actor=world.alice, operation_id=campaign.pk, version=2, name="x")


def _json(client, method, url, body=None, **headers):
    return getattr(client, method)(url, data=body, content_type="application/json", **headers)


def _body(world, **fields):
    return {
        "unit_id": world.post.pk,
        "category": "drugs",
        "title": "Bắt giữ đối tượng vận chuyển ma túy",
        "detected_on": "2025-09-01",
        "persons": [{"full_name": "Hồ Văn A", "sex": "male", "birth_year": 1990}],
        "seizures": [{"item": "heroin", "quantity": "2", "unit": "banh"}],
        **fields,
    }


def test_the_api_records_a_case_once_refuses_bad_seizures_and_answers_409(world, as_user):
    api = as_user(world.alice)
    body = _body(world, id=str(uuid.uuid4()))
    first = _json(api, "post", "/api/v1/crime-cases", body)
    assert first.status_code == 201, first.content
    made = first.json()
    assert made["seizures"] == [
        {"item": "heroin", "quantity": "2.000", "unit": "banh", "value_vnd": None}
    ]
    assert _json(api, "post", "/api/v1/crime-cases", body).status_code == 200
    keyed = {"HTTP_IDEMPOTENCY_KEY": "crime-1"}
    assert _json(api, "post", "/api/v1/crime-cases", _body(world), **keyed).status_code == 201
    assert _json(api, "post", "/api/v1/crime-cases", _body(world), **keyed).status_code == 200
    assert CrimeCase.objects.count() == 2

    negative = _json(
        api,
        "post",
        "/api/v1/crime-cases",
        _body(world, seizures=[{"item": "heroin", "quantity": "-2", "unit": "banh"}]),
    )
    assert negative.status_code == 422
    assert negative.json()["errors"][0]["field"] == "seizures.0.quantity"
    no_unit = _json(
        api,
        "post",
        "/api/v1/crime-cases",
        _body(world, seizures=[{"item": "heroin", "quantity": "2"}]),
    )
    assert no_unit.status_code == 422
    assert no_unit.json()["errors"][0]["field"].endswith("unit")
    assert CrimeCase.objects.count() == 2

    url = f"/api/v1/crime-cases/{made['id']}"
    handled = {
        "version": 1,
        "handling": "sanctioned",
        "handled_on": "2025-09-03",
        "fine_vnd": "7500000",
    }
    assert _json(api, "patch", url, handled).status_code == 200
    stale = _json(api, "patch", url, {"version": 1, "title": "Cũ"})
    assert stale.status_code == 409
    assert stale.json()["current"]["fine_vnd"] == "7500000"

    table = api.get("/api/v1/crime-cases/table").json()
    assert [row["category"] for row in table] == ["drugs", None]
    assert table[0]["seized"] == [{"quantity": "4.000", "unit": "banh", "item": "heroin"}]
    assert (table[-1]["cases"], table[-1]["sanctioned"], table[-1]["fines_vnd"]) == (
        2,
        1,
        "7500000",
    )


def test_the_api_opens_and_closes_an_operation(world, as_user):
    api = as_user(world.erin)
    body = {
        "unit_id": world.bg.pk,
        "kind": "peak",
        "name": "Cao điểm Tết",
        "started_on": "2025-01-01",
        "category": None,
    }
    made = _json(api, "post", "/api/v1/crime-operations", body)
    assert made.status_code == 201, made.content
    url = f"/api/v1/crime-operations/{made.json()['id']}"
    backwards = _json(api, "patch", url, {"version": 1, "ended_on": "2024-12-01"})
    assert backwards.status_code == 422
    assert backwards.json()["errors"][0]["field"] == "ended_on"
    assert _json(api, "patch", url, {"version": 1, "ended_on": "2025-02-28"}).status_code == 200
    assert _json(api, "patch", url, {"version": 1, "name": "x"}).status_code == 409
    listed = as_user(world.alice).get("/api/v1/crime-operations", {"status": "ended"}).json()
    assert [o["name"] for o in listed["items"]] == ["Cao điểm Tết"]
