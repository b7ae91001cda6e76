"""One rule for the commune of an incident, a crime case and a rescue (registry.selectors.commune):
a commune that did not stand on the record's day (a merged commune of 01/07/2025 for a record of
June 2025) is refused naming the field and the days it stands for, by the service and over the
API alike, nothing written; a day it stood is accepted; an edit moving the record to a day before
the commune stood is refused too."""

from datetime import date

import pytest

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError
from biengioi.operations.models import CrimeCase, Incident, RescueOperation
from biengioi.operations.services import (
    crime_case_create,
    crime_case_update,
    incident_create,
    incident_update,
    rescue_create,
    rescue_update,
)
from biengioi.registry.models import AdminUnit, Marker

FORMED = date(2025, 7, 1)  # the commune's first day (the 2025 reform)
BEFORE, AFTER = date(2025, 6, 20), date(2025, 9, 1)


@pytest.fixture
def merged(world):
    """world.admin_commune as a commune formed on 01/07/2025."""
    AdminUnit.objects.filter(pk=world.admin_commune.pk).update(valid_from=FORMED)
    return world.admin_commune


def _incident(world, day, **fields):
    data = {
        "unit_id": world.post.pk,
        "kind": "encroachment",
        "title": "Phía bạn canh tác lấn sang đất Việt Nam",
        "lon": 106.601,
        "lat": 16.602,
        "detected_on": day,
        "detected_by": "Tổ tuần tra",
    }
    return incident_create(actor=world.alice, **{**data, **fields})[0]


def _case(world, day, **fields):
    data = {
        "unit_id": world.post.pk,
        "category": "drugs",
        "title": "Vận chuyển trái phép chất ma túy",
        "detected_on": day,
    }
    return crime_case_create(actor=world.alice, **{**data, **fields})[0]


def _rescue(world, day, **fields):
    data = {"unit_id": world.post.pk, "kind": "flood", "title": "Lũ quét", "started_on": day}
    return rescue_create(actor=world.alice, **{**data, **fields})[0]


# kind: (record it, correct it, its model, its day's field, its route, a body for the route)
PATHS = {
    "incident": (
        _incident,
        lambda world, obj, **changes: incident_update(
            actor=world.alice, incident_id=obj.pk, version=obj.version, **changes
        ),
        Incident,
        "detected_on",
        "/api/v1/incidents",
        {"kind": "encroachment", "title": "Lấn đất", "lon": "106.6003", "lat": "16.6004"}
        | {"detected_by": "Tổ tuần tra"},
    ),
    "crime": (
        _case,
        lambda world, obj, **changes: crime_case_update(
            actor=world.alice, case_id=obj.pk, version=obj.version, **changes
        ),
        CrimeCase,
        "detected_on",
        "/api/v1/crime-cases",
        {"category": "drugs", "title": "Vận chuyển ma túy", "persons": [], "seizures": []},
    ),
    "rescue": (
        _rescue,
        lambda world, obj, **changes: rescue_update(
            actor=world.alice, rescue_id=obj.pk, version=obj.version, **changes
        ),
        RescueOperation,
        "started_on",
        "/api/v1/rescue-operations",
        {"kind": "flood", "title": "Lũ quét"},
    ),
}


def _counts(model):
    return model.objects.count(), AuditRecord.objects.count()


@pytest.mark.parametrize("kind", PATHS)
def test_a_commune_not_standing_on_the_day_is_refused_by_the_service(world, merged, kind):
    record, correct, model, day_field, _url, _body = PATHS[kind]
    before = _counts(model)
    with pytest.raises(DomainError) as caught:
        record(world, BEFORE, commune_id=merged.pk)
    assert (caught.value.code, caught.value.field) == (Code.COMMUNE_NOT_IN_FORCE, "commune_id")
    assert "Xã Đàm Thủy" in caught.value.message and "20/06/2025" in caught.value.message
    assert "01/07/2025" in caught.value.message  # the days it stands for
    assert _counts(model) == before
    kept = record(world, AFTER, commune_id=merged.pk)  # a day it stood
    assert kept.commune == merged
    written = _counts(model)
    with pytest.raises(DomainError) as caught:  # moved to a day before it stood
        correct(world, kept, **{day_field: BEFORE})
    assert (caught.value.code, caught.value.field) == (Code.COMMUNE_NOT_IN_FORCE, "commune_id")
    assert _counts(model) == written
    kept.refresh_from_db()
    assert getattr(kept, day_field) == AFTER
    with pytest.raises(DomainError) as caught:  # no id at all: refused, not a server error
        record(world, AFTER, commune_id="abc")
    assert (caught.value.code, caught.value.field) == (Code.NOT_A_COMMUNE, "commune_id")


@pytest.mark.parametrize("kind", PATHS)
def test_the_api_refuses_it_with_422_naming_the_field(world, merged, as_user, kind):
    _record, _correct, model, day_field, url, body = PATHS[kind]
    api = as_user(world.alice)
    before = _counts(model)
    sent = {**body, "unit_id": world.post.pk, "commune_id": merged.pk}
    refused = api.post(url, {**sent, day_field: "2025-06-20"}, content_type="application/json")
    assert refused.status_code == 422, refused.content
    (error,) = refused.json()["errors"]
    assert error["field"] == "commune_id" and "Xã Đàm Thủy" in error["message"]
    assert _counts(model) == before
    made = api.post(url, {**sent, day_field: "2025-09-01"}, content_type="application/json")
    assert made.status_code == 201, made.content


def test_an_incident_takes_its_nearest_markers_commune_only_on_a_day_it_stood(world, merged):
    Marker.objects.filter(pk=world.marker.pk).update(commune=merged)
    assert _incident(world, AFTER).commune == merged
    assert _incident(world, BEFORE).commune is None  # not a commune formed after the incident
