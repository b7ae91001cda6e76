from datetime import date

import pytest
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError
from biengioi.registry import selectors
from biengioi.registry.models import Gate, Sign
from biengioi.registry.services import (
    gate_create,
    gate_status_record,
    gate_update,
    sign_create,
    sign_status_record,
)


def _gate(world, **fields):
    data = {
        "line_id": world.line.pk,
        "name": "Cửa khẩu Bản Giốc (phía Lào)",
        "side": "neighbour",
        "kind": "main",
        "lon": 106.621,
        "lat": 16.612,
        "post_id": world.post.pk,
    }
    return gate_create(actor=world.erin, **{**data, **fields})


def test_a_gate_pair_links_both_ways_and_shows_on_the_list(world):
    partner = _gate(world, paired_with_id=world.gate.pk)
    world.gate.refresh_from_db()
    assert partner.paired_with_id == world.gate.pk and world.gate.paired_with_id == partner.pk
    names = {
        g.name: g.paired_with.name for g in selectors.gate_list(actor=world.alice) if g.paired_with
    }
    assert names == {
        "Cửa khẩu Bản Giốc": "Cửa khẩu Bản Giốc (phía Lào)",
        "Cửa khẩu Bản Giốc (phía Lào)": "Cửa khẩu Bản Giốc",
    }


def _refused(world, code, **fields):
    gates, records = Gate.objects.count(), AuditRecord.objects.count()
    with pytest.raises(DomainError) as err:
        _gate(world, **fields)
    assert (err.value.code, err.value.field) == (code, "paired_with_id")
    assert (Gate.objects.count(), AuditRecord.objects.count()) == (gates, records)


def test_a_gate_cannot_pair_with_a_gate_on_its_own_side(world):
    _refused(world, Code.GATE_PAIR_SAME_SIDE, side="vn", paired_with_id=world.gate.pk)


def test_a_gate_cannot_pair_with_a_gate_of_another_border(world):
    _refused(world, Code.GATE_PAIR_OTHER_BORDER, paired_with_id=world.tsn_gate.pk)


def test_a_gate_cannot_pair_with_itself(world):
    with pytest.raises(DomainError) as err:
        gate_update(actor=world.erin, gate_id=world.gate.pk, paired_with_id=world.gate.pk)
    assert err.value.code == Code.GATE_PAIR_SELF
    world.gate.refresh_from_db()
    assert world.gate.paired_with_id is None


def test_repairing_a_gate_frees_its_former_partner(world):
    first = _gate(world, paired_with_id=world.gate.pk)
    second = _gate(world, name="Lối thông quan hàng hóa (phía Lào)", kind="clearance_lane")
    gate_update(actor=world.erin, gate_id=world.gate.pk, paired_with_id=second.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.paired_with_id is None and second.paired_with_id == world.gate.pk


def test_a_gate_is_suspended_from_a_date_and_that_is_its_state(world):
    # the gate was opened today (the world's set-up); it is suspended later the same day
    gate_status_record(
        actor=world.alice,
        gate_id=world.gate.pk,
        status="suspended",
        on=timezone.localdate(),
        source="Thông báo 12/TB-UBND",
    )
    assert selectors.gate_get(actor=world.lee, gate_id=world.gate.pk).current_status == "suspended"
    with pytest.raises(DomainError) as err:
        gate_status_record(
            actor=world.alice, gate_id=world.gate.pk, status="damaged", on=date(2025, 9, 3)
        )
    assert err.value.field == "status"


def test_a_duplicate_sign_code_on_the_line_is_refused(world):
    before = Sign.objects.count()
    with pytest.raises(DomainError) as err:
        sign_create(
            actor=world.erin,
            line_id=world.line.pk,
            code="vđ-01",
            kind="border_area",
            lon=106.5,
            lat=16.5,
            post_id=world.post.pk,
        )
    assert (err.value.code, err.value.field) == (Code.SIGN_CODE_TAKEN, "code")
    assert Sign.objects.count() == before


def test_a_sign_outside_the_border_box_is_refused(world):
    with pytest.raises(DomainError) as err:
        sign_create(
            actor=world.erin,
            line_id=world.line.pk,
            code="VĐ-02",
            kind="border_belt",
            lon=111.0,
            lat=16.5,
            post_id=world.post.pk,
        )
    assert err.value.field == "lon"


def test_a_lost_sign_is_listed_as_lost(world):
    sign_status_record(
        actor=world.alice,
        sign_id=world.sign.pk,
        status="lost",
        on=timezone.localdate(),
        note="bị đổ do lũ",
    )
    signs = selectors.sign_list(actor=world.sam)
    assert [(s.code, s.current_status) for s in signs] == [("VĐ-01", "lost")]
