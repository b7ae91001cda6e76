"""Regulations, duties and submissions in the API: a regulation created once per client id (201
then 200) and read back with its duties; one party, a due day out of range, a duty owed by a
unit that is no party, a period the duty does not expect and a day in the future each refused
naming its field with nothing written; stale edits answered 409; what a post owes and the
compliance table of a year with a late and a missing period."""

import uuid
from datetime import date, timedelta

from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.coordination.models import Duty, Regulation, Submission
from biengioi.coordination.rhythms import period_of
from tests.conftest import api_client


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def _regulation_body(world, **fields):
    return {
        "number": "12/QC-BCĐ",
        "signed_on": "2020-03-01",
        "title": "Quy chế phối hợp trong công tác biên giới",
        "valid_from": "2020-03-01",
        "party_unit_ids": [world.bg.pk, world.commune.pk],
        **fields,
    }


def _duty_body(world, **fields):
    return {
        "kind": "report",
        "title": "Báo cáo tháng",
        "rhythm": "monthly",
        "due_day": 5,
        "owner_unit_id": world.post.pk,
        **fields,
    }


def _counts():
    return (
        Regulation.objects.count(),
        Duty.objects.count(),
        Submission.objects.count(),
        AuditRecord.objects.count(),
    )


def _refused(response, field, before):
    assert response.status_code == 422, response.content
    assert [e["field"] for e in response.json()["errors"]] == [field], response.json()
    assert response.json()["errors"][0]["message"]
    assert _counts() == before


def _setup(world):
    sam = api_client(world.sam)
    regulation = _post(sam, "/api/v1/regulations", _regulation_body(world)).json()
    duty = _post(sam, f"/api/v1/regulations/{regulation['id']}/duties", _duty_body(world)).json()
    return sam, regulation, duty


def test_a_regulation_is_created_once_and_read_back_with_its_duties(world):
    sam = api_client(world.sam)
    body = _regulation_body(world, id=str(uuid.uuid4()))
    first = _post(sam, "/api/v1/regulations", body)
    again = _post(sam, "/api/v1/regulations", body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert Regulation.objects.count() == 1
    regulation_id = first.json()["id"]
    duty = _post(sam, f"/api/v1/regulations/{regulation_id}/duties", _duty_body(world))
    assert duty.status_code == 201, duty.content
    read = api_client(world.alice).get(f"/api/v1/regulations/{regulation_id}").json()
    assert [p["id"] for p in read["parties"]] == sorted([world.bg.pk, world.commune.pk])
    assert [(d["title"], d["owner_unit_id"], d["due_day"]) for d in read["duties"]] == [
        ("Báo cáo tháng", world.post.pk, 5)
    ]
    listed = api_client(world.erin).get("/api/v1/regulations?q=phoi hop").json()
    assert listed["count"] == 1


def test_a_regulation_with_a_counterpart_unit_is_listed_and_read_with_its_country(world):
    sam = api_client(world.sam)
    body = _regulation_body(world, counterpart_ids=[world.counterpart.pk])
    created = _post(sam, "/api/v1/regulations", body)
    assert created.status_code == 201, created.content
    expected = [
        {"id": world.counterpart.pk, "name": "Đại đội Biên phòng 963", "country_code": "LA"}
    ]
    assert created.json()["counterparts"] == expected
    listed = sam.get("/api/v1/regulations")
    assert listed.status_code == 200, listed.content
    assert listed.json()["items"][0]["counterparts"] == expected
    read = sam.get(f"/api/v1/regulations/{created.json()['id']}")
    assert read.json()["counterparts"] == expected


def test_bad_regulations_and_duties_are_refused_naming_the_field(world):
    sam = api_client(world.sam)
    before = _counts()
    _refused(
        _post(sam, "/api/v1/regulations", _regulation_body(world, party_unit_ids=[world.bg.pk])),
        "party_unit_ids",
        before,
    )
    regulation = _post(sam, "/api/v1/regulations", _regulation_body(world)).json()
    url = f"/api/v1/regulations/{regulation['id']}/duties"
    before = _counts()
    _refused(_post(sam, url, _duty_body(world, due_day=32)), "due_day", before)
    _refused(_post(sam, url, _duty_body(world, rhythm="weekly", due_day=8)), "due_day", before)
    _refused(
        _post(sam, url, _duty_body(world, owner_unit_id=world.committee.pk)),
        "owner_unit_id",
        before,
    )  # noqa: E501
    body = _duty_body(world)
    del body["rhythm"]
    _refused(_post(sam, url, body), "rhythm", before)
    alice = api_client(world.alice)
    before = _counts()  # (her token is audited)
    forbidden = _post(alice, url, _duty_body(world))
    assert forbidden.status_code == 403 and _counts() == before


def test_a_submission_for_a_period_the_duty_does_not_expect_or_in_the_future_is_refused(world):
    _sam, _regulation, duty = _setup(world)
    alice = api_client(world.alice)
    url = f"/api/v1/duties/{duty['id']}/submissions"
    today = timezone.localdate()
    before = _counts()
    body = {"period_start": "2019-01-01", "submitted_on": "2019-02-01"}  # before it was in force
    _refused(_post(alice, url, body), "period_start", before)
    body = {"period_start": "2024-01-02", "submitted_on": "2024-02-01"}  # not a month's start
    _refused(_post(alice, url, body), "period_start", before)
    body = {
        "period_start": today.replace(day=1).isoformat(),
        "submitted_on": (today + timedelta(days=1)).isoformat(),
    }
    _refused(_post(alice, url, body), "submitted_on", before)
    body = {"period_start": "2024-01-01", "submitted_on": "2024-02-01", "figures": {"": 1}}
    _refused(_post(alice, url, body), "figures", before)


def test_a_submission_is_sent_once_and_corrected_with_its_version(world):
    _sam, _regulation, duty = _setup(world)
    alice = api_client(world.alice)
    url = f"/api/v1/duties/{duty['id']}/submissions"
    body = {
        "id": str(uuid.uuid4()),
        "period_start": "2024-01-01",
        "period_end": "2024-01-31",
        "submitted_on": "2024-02-08",
        "reference": "Báo cáo số 3/BC-ĐBP",
        "figures": {"Số lượt tuần tra": 12},
    }
    first, again = _post(alice, url, body), _post(alice, url, body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["figures"] == {"Số lượt tuần tra": 12}
    second = _post(alice, url, {**body, "id": str(uuid.uuid4())})
    assert second.status_code == 422
    assert second.json()["errors"][0]["field"] == "period_start"
    sid = first.json()["id"]
    surl = f"/api/v1/submissions/{sid}"
    fixed = alice.patch(surl, {"version": 1, "submitted_on": "2024-02-05"}, "application/json")
    assert fixed.status_code == 200 and fixed.json()["version"] == 2
    stale = alice.patch(surl, {"version": 1, "note": "x"}, "application/json")
    assert stale.status_code == 409 and stale.json()["current"]["submitted_on"] == "2024-02-05"
    assert api_client(world.charlie).get(surl).status_code == 404
    listed = api_client(world.erin).get(f"/api/v1/submissions?duty_id={duty['id']}").json()
    assert [s["id"] for s in listed["items"]] == [sid]


def test_the_compliance_table_and_what_a_post_owes(world):
    sam, regulation, duty = _setup(world)
    alice = api_client(world.alice)
    year = timezone.localdate().year - 1
    january = period_of("monthly", 5, date(year, 1, 1))
    february = period_of("monthly", 5, date(year, 2, 1))
    late_on = february.due_on + timedelta(days=3)
    url = f"/api/v1/duties/{duty['id']}/submissions"
    assert (
        _post(
            alice, url, {"period_start": str(january.start), "submitted_on": str(january.due_on)}
        ).status_code
        == 201
    )  # noqa: E501
    assert (
        _post(
            alice, url, {"period_start": str(february.start), "submitted_on": str(late_on)}
        ).status_code
        == 201
    )  # noqa: E501
    table = sam.get(f"/api/v1/compliance?year={year}&cells=all").json()
    (unit,) = table["units"]
    cells = unit["duties"][0]["cells"]
    problems = sam.get(f"/api/v1/compliance?year={year}").json()["units"][0]["duties"][0]
    assert [c["status"] for c in problems["cells"]] == ["late"] + ["missing"] * 10
    assert (problems["on_time"], problems["late"], problems["missing"]) == (1, 1, 10)
    assert [(c["status"], c["label"]) for c in cells[:3]] == [
        ("on_time", "Đúng hạn"),
        ("late", "Chậm 3 ngày"),
        ("missing", "Chưa nộp"),
    ]
    assert (unit["counted"], unit["on_time"], unit["late"], unit["missing"]) == (12, 1, 1, 10)
    assert unit["share_on_time"] == 1 / 12
    quarter = sam.get(f"/api/v1/compliance?year={year}&part=q1").json()
    assert quarter["total"]["counted"] == 3 and quarter["first"] == f"{year}-01-01"
    owed = alice.get("/api/v1/duties/owed").json()
    assert owed["overdue"] and all(c["status"] == "missing" for c in owed["overdue"])
    assert api_client(world.charlie).get(f"/api/v1/compliance?year={year}").json()["units"] == []
