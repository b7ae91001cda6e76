import pytest
from django.db import DatabaseError, connection, transaction

from biengioi.audit.models import AuditRecord
from biengioi.audit.services import GENESIS, compute_hash, verify
from biengioi.registry.services import unit_update


def _without_triggers(sql: str, params: list) -> None:
    """Tamper with the table the way an intruder with database access could."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditrecord DISABLE TRIGGER USER")
            cur.execute(sql, params)
            cur.execute("ALTER TABLE audit_auditrecord ENABLE TRIGGER USER")
        else:
            cur.execute("DROP TRIGGER audit_auditrecord_no_update")
            cur.execute("DROP TRIGGER audit_auditrecord_no_delete")
            cur.execute(sql, params)


def test_every_service_write_is_recorded_with_before_and_after(world):
    unit_update(actor=world.bob, unit_id=world.post.pk, name="Đồn Biên phòng Đàm Thủy")
    rec = AuditRecord.objects.order_by("-seq").first()
    assert rec.action == "unit.update"
    assert rec.actor == world.bob and rec.actor_username == "bob"
    assert rec.object_type == "registry.orgunit" and rec.object_id == str(world.post.pk)
    assert rec.before["name"] == "Đồn Biên phòng Bản Giốc"
    assert rec.after["name"] == "Đồn Biên phòng Đàm Thủy"
    assert rec.scope_path == world.post.path


def test_records_chain_each_to_the_one_before(world):
    records = list(AuditRecord.objects.order_by("seq"))
    assert records[0].prev_hash == GENESIS
    assert [r.seq for r in records] == list(range(1, len(records) + 1))
    for before, after in zip(records, records[1:], strict=False):
        assert after.prev_hash == before.hash
        assert compute_hash(after) == after.hash
    assert verify().ok and verify().checked == len(records)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditrecord SET action = 'x' WHERE seq = 1",
        "DELETE FROM audit_auditrecord WHERE seq = 1",
    ],
)
def test_the_database_refuses_to_change_or_remove_a_record(world, statement):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cur,
    ):
        cur.execute(statement)
    assert AuditRecord.objects.filter(seq=1).exclude(action="x").exists()


def test_verify_names_an_altered_record(world):
    _without_triggers("UPDATE audit_auditrecord SET after = %s WHERE seq = 3", ['{"name": "x"}'])
    verdict = verify()
    assert not verdict.ok
    assert verdict.seq == 3 and verdict.checked == 2
    assert "#3 đã bị sửa" in verdict.problem


def test_verify_names_a_missing_record(world):
    _without_triggers("DELETE FROM audit_auditrecord WHERE seq = 4", [])
    verdict = verify()
    assert not verdict.ok and verdict.seq == 4
    assert "thiếu bản ghi #4" in verdict.problem


def test_verify_names_a_record_rewritten_with_a_fresh_hash(world):
    """Recomputing the hash of an edited record still breaks the link from the next one."""
    rec = AuditRecord.objects.get(seq=2)
    rec.action = "unit.forged"
    _without_triggers(
        "UPDATE audit_auditrecord SET action = %s, hash = %s WHERE seq = 2",
        [rec.action, compute_hash(rec)],
    )
    verdict = verify()
    assert not verdict.ok and verdict.seq == 3
    assert "không nối với bản ghi trước" in verdict.problem
