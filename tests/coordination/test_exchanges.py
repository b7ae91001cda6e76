"""Information exchanges: sent or received by a unit of the actor's scope with one party (a
counterpart facing the province's border, or another unit of the province), maybe about an
incident of the actor's scope; a reply expected by a day and recorded later, never dated before
the exchange. The list counts them per channel and shows those awaiting a reply past its day.
Every bad input is refused naming its field with nothing written."""

import uuid
from datetime import date, timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.coordination import exchanges_selectors as selectors
from biengioi.coordination.models import InfoExchange
from biengioi.coordination.services import exchange_create, exchange_update
from biengioi.core.errors import Code, DomainError, Stale
from tests.api.test_route_walk import _incident

ON = date(2025, 9, 5)


def _exchange(world, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "on": ON,
        "channel": "hotline",
        "direction": "sent",
        "counterpart_id": world.counterpart.pk,
        "subject": "Thông báo tình hình người qua lại trái phép",
    }
    exchange, _made = exchange_create(actor=actor or world.alice, **{**data, **fields})
    return exchange


def _counts():
    return InfoExchange.objects.count(), AuditRecord.objects.count()


def _refused(field, code, call, *args, **kwargs):
    before = _counts()
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert _counts() == before
    return caught.value


def test_an_exchange_about_an_incident_is_recorded_and_audited(world):
    incident = _incident(world.alice, world.post)
    exchange = _exchange(
        world,
        incident_id=incident.pk,
        summary="Đề nghị phía bạn phối hợp xác minh",
        reply_expected=True,
        reply_by=ON + timedelta(days=7),
    )
    assert (exchange.incident, exchange.counterpart, exchange.other_unit) == (
        incident,
        world.counterpart,
        None,
    )
    assert exchange.awaiting_reply
    record = AuditRecord.objects.get(action="exchange.create")
    assert record.after["incident"] == incident.pk and record.scope_path == world.post.path


def test_an_exchange_with_another_unit_of_the_province(world):
    exchange = _exchange(
        world, counterpart_id=None, other_unit_id=world.commune.pk, channel="letter"
    )
    assert exchange.party == world.commune.name


def test_a_client_id_sent_again_returns_the_first_exchange(world):
    key = uuid.uuid4()
    first = _exchange(world, client_id=key)
    again = _exchange(world, client_id=key, subject="Khác")
    assert (again.pk, again.subject) == (first.pk, first.subject)
    assert InfoExchange.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"channel": "pigeon"}, "channel", Code.REQUIRED),
        ({"direction": "both"}, "direction", Code.REQUIRED),
        ({"subject": " "}, "subject", Code.REQUIRED),
        ({"counterpart_id": None}, "counterpart_id", Code.EXCHANGE_ONE_PARTY),
        ({"other_unit_id": 1}, "other_unit_id", Code.EXCHANGE_ONE_PARTY),
        ({"reply_expected": True}, "reply_by", Code.REPLY_BY_REQUIRED),
        (
            {"reply_expected": True, "reply_by": ON - timedelta(days=1)},
            "reply_by",
            Code.REPLY_BY_BEFORE_EXCHANGE,
        ),
        ({"incident_id": 999999}, "incident_id", Code.INCIDENT_NOT_FOUND),
    ],
)
def test_bad_exchange_input_is_refused_naming_its_field(world, fields, field, code):
    _refused(field, code, _exchange, world, **fields)


def test_an_exchange_to_come_is_refused(world):
    _refused(
        "on", Code.DATE_IN_FUTURE, _exchange, world, on=timezone.localdate() + timedelta(days=1)
    )


def test_units_and_counterparts_outside_the_scope_are_refused(world):
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _exchange, world, unit_id=world.post2.pk)
    _refused(
        "counterpart_id",
        Code.COUNTERPART_NOT_IN_PROVINCE,
        _exchange,
        world,
        counterpart_id=world.tsn_counterpart.pk,
    )
    _refused(
        "other_unit_id",
        Code.UNIT_NOT_IN_SCOPE,
        _exchange,
        world,
        counterpart_id=None,
        other_unit_id=world.tsn_bg.pk,
    )
    _refused(
        "other_unit_id",
        Code.EXCHANGE_SELF,
        _exchange,
        world,
        counterpart_id=None,
        other_unit_id=world.post.pk,
    )


def test_an_exchange_about_an_incident_out_of_scope_is_refused(world):
    other_post = _incident(world.erin, world.post2)
    other_province = _incident(world.charlie, world.tsn_bg)
    for incident in (other_post, other_province):
        error = _refused(
            "incident_id", Code.INCIDENT_NOT_FOUND, _exchange, world, incident_id=incident.pk
        )
        assert str(incident.pk) in error.message


def test_the_reply_is_recorded_later_never_before_the_exchange(world):
    exchange = _exchange(world, reply_expected=True, reply_by=ON + timedelta(days=3))
    error = _refused(
        "replied_on",
        Code.REPLY_BEFORE_EXCHANGE,
        exchange_update,
        actor=world.alice,
        exchange_id=exchange.pk,
        version=1,
        replied_on=ON - timedelta(days=1),
    )
    assert "05/09/2025" in error.message
    _refused(
        "replied_on",
        Code.DATE_IN_FUTURE,
        exchange_update,
        actor=world.alice,
        exchange_id=exchange.pk,
        version=1,
        replied_on=timezone.localdate() + timedelta(days=1),
    )
    replied = exchange_update(
        actor=world.alice,
        exchange_id=exchange.pk,
        version=1,
        replied_on=ON + timedelta(days=2),
        reply_summary="Phía bạn đã xác minh, trao trả 2 người",
    )
    assert (replied.version, replied.awaiting_reply) == (2, False)
    with pytest.raises(Stale):
        exchange_update(actor=world.alice, exchange_id=exchange.pk, version=1, subject="X")


def test_switching_the_party_to_a_unit_drops_the_counterpart(world):
    exchange = _exchange(world)
    edited = exchange_update(
        actor=world.alice, exchange_id=exchange.pk, version=1, other_unit_id=world.commune.pk
    )
    assert (edited.counterpart, edited.other_unit) == (None, world.commune)


def test_the_list_filters_and_counts_per_channel_and_awaiting_reply(world):
    today = timezone.localdate()
    _exchange(world)
    _exchange(world, channel="letter", reply_expected=True, reply_by=ON + timedelta(days=1))
    _exchange(
        world,
        channel="message",
        on=today,
        reply_expected=True,
        reply_by=today + timedelta(days=5),
    )
    _exchange(world, actor=world.erin, unit_id=world.bg.pk, channel="meeting", direction="received")
    rows = selectors.exchange_list(actor=world.erin)
    counts = selectors.exchange_counts(rows)
    assert counts == {
        "total": 4,
        "meeting": 1,
        "letter": 1,
        "hotline": 1,
        "message": 1,
        "awaiting": 2,
        "overdue": 1,
    }
    assert selectors.exchange_list(actor=world.alice).count() == 3
    assert selectors.exchange_list(actor=world.erin, reply="overdue").get().channel == "letter"
    assert selectors.exchange_list(actor=world.erin, reply="awaiting").count() == 2
    assert selectors.exchange_list(actor=world.erin, channel="hotline").count() == 1
    assert selectors.exchange_list(actor=world.erin, direction="received").count() == 1
    assert selectors.exchange_list(actor=world.erin, unit_id=world.post.pk).count() == 3
    assert selectors.exchange_list(actor=world.erin, date_from=ON, date_to=ON).count() == 3
    assert (
        selectors.exchange_list(actor=world.erin, counterpart_id=world.counterpart.pk).count() == 4
    )


def test_an_exchange_outside_the_scope_is_not_found(world):
    exchange = _exchange(world, actor=world.erin, unit_id=world.post2.pk)
    with pytest.raises(Http404):
        selectors.exchange_get(actor=world.alice, exchange_id=exchange.pk)
    with pytest.raises(Http404):
        exchange_update(actor=world.alice, exchange_id=exchange.pk, version=1, subject="X")
