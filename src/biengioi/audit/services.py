"""The audit trail: every service writes one record per use case, inside its transaction."""

import hashlib
import json
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext as _

from biengioi.core import requestid

from .models import AuditRecord

GENESIS = "0" * 64
_PG_LOCK_KEY = 0x62677564  # any constant: serialises appends to the chain on PostgreSQL
WRITTEN_KEPT = 20  # the objects of a request's first records kept for written_in_request()
# (the request's id, the objects its records are about): what a page's "Đã lưu …" names
_written: ContextVar[tuple[str, list[models.Model]] | None] = ContextVar(
    "biengioi_audit_written", default=None
)


def written_in_request() -> list[models.Model]:
    """The objects the records appended while serving the current request are about, in the
    order written (the first WRITTEN_KEPT): web.feedback names the record a page saved by them,
    so no view has to. Empty outside a request."""
    rid, state = requestid.current(), _written.get()
    return list(state[1]) if rid and state is not None and state[0] == rid else []


def _note_written(request_id: str, objects: list[models.Model]) -> None:
    if not request_id:
        return
    state = _written.get()
    if state is None or state[0] != request_id:
        state = (request_id, [])
        _written.set(state)
    state[1].extend(objects[: WRITTEN_KEPT - len(state[1])])


def snapshot(obj: models.Model | None, fields: list[str]) -> dict[str, Any] | None:
    """The listed fields of `obj` as plain JSON values (related objects by id)."""
    if obj is None:
        return None
    return _plain({f: getattr(obj, obj._meta.get_field(f).attname) for f in fields})  # type: ignore[union-attr]


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _content(rec: AuditRecord) -> bytes:
    data = {
        "seq": rec.seq,
        "at": rec.at.astimezone(UTC).isoformat(),
        "actor_id": rec.actor_id,
        "actor_username": rec.actor_username,
        "action": rec.action,
        "object_type": rec.object_type,
        "object_id": rec.object_id,
        "scope_path": rec.scope_path,
        "before": rec.before,
        "after": rec.after,
        "request_id": rec.request_id,
        "prev_hash": rec.prev_hash,
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def compute_hash(rec: AuditRecord) -> str:
    return hashlib.sha256(_content(rec)).hexdigest()


def record(
    actor: Any,
    action: str,
    obj: models.Model,
    *,
    scope_path: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditRecord:
    """Append one record to the chain; must run inside the caller's transaction."""
    return record_many(actor, action, [(obj, before, after)], scope_path=scope_path)[0]


def record_many(
    actor: Any,
    action: str,
    changes: Sequence[tuple[models.Model, dict[str, Any] | None, dict[str, Any] | None]],
    *,
    scope_path: str,
) -> list[AuditRecord]:
    """Append one record per (object, before, after) to the chain, in order, with one lock and
    one insert per thousand: what a file import of many rows writes. Must run inside the
    caller's transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record must be called inside the service's transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
    last = AuditRecord.objects.order_by("-seq").values("seq", "hash").first()
    seq, prev = (last["seq"], last["hash"]) if last else (0, GENESIS)
    user = actor if getattr(actor, "is_authenticated", False) else None
    at, request_id = timezone.now(), requestid.current() or ""
    records = []
    for obj, before, after in changes:
        seq += 1
        rec = AuditRecord(
            seq=seq,
            at=at,
            actor=user,
            actor_username=getattr(user, "username", "") or "",
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            scope_path=scope_path,
            before=_plain(before),
            after=_plain(after),
            request_id=request_id,
            prev_hash=prev,
        )
        rec.hash = prev = compute_hash(rec)
        records.append(rec)
    if len(records) == 1:
        records[0].save(force_insert=True)
    else:
        AuditRecord.objects.bulk_create(records, batch_size=1000)
    _note_written(request_id, [obj for obj, _before, _after in changes[:WRITTEN_KEPT]])
    return records


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    problem: str = ""
    seq: int | None = None


def verify() -> Verdict:
    """Walk the chain from the first record; name the first broken or missing link."""
    expected_seq, prev = 1, GENESIS
    checked = 0
    for rec in AuditRecord.objects.order_by("seq").iterator(chunk_size=2000):
        if rec.seq != expected_seq:
            problem = _("thiếu bản ghi #{seq} (bản ghi kế tiếp còn lại là #{next})")
            return Verdict(
                False, checked, problem.format(seq=expected_seq, next=rec.seq), expected_seq
            )
        if rec.prev_hash != prev:
            problem = _("bản ghi #{seq} không nối với bản ghi trước nó")
            return Verdict(False, checked, problem.format(seq=rec.seq), rec.seq)
        if compute_hash(rec) != rec.hash:
            problem = _("bản ghi #{seq} đã bị sửa: nội dung không còn khớp mã băm")
            return Verdict(False, checked, problem.format(seq=rec.seq), rec.seq)
        prev, expected_seq = rec.hash, expected_seq + 1
        checked += 1
    return Verdict(True, checked)
