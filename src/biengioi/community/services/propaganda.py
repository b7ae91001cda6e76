"""Propaganda and legal education: record a session (form, page or spreadsheet), correct it, and
keep the province's list of topics.

A session names a commune, a form, at least one active topic of its province, and counts its
listeners and the materials handed out: none of them below zero, and the listeners no more than
the commune's population where the registry knows it. A spreadsheet is imported whole or not at
all, every bad row listed with its number, column and reason.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from biengioi.audit import services as audit
from biengioi.core import access, sheets
from biengioi.core.checks import choice, count, in_force, past_day, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, root_id, scoped
from biengioi.core.sheets import CellError, Column, FileRejected, ImportResult, Row
from biengioi.core.text import clean_text, unaccent
from biengioi.registry import selectors as registry
from biengioi.registry.models import AdminUnit, OrgUnit, UnitKind

from ..models import PropagandaForm, PropagandaImport, PropagandaSession, PropagandaTopic

MAX_LISTENERS = 100_000
MAX_MATERIALS = 1_000_000
MAX_TOPICS = 30
COUNTS = ("listeners", "leaflets", "calendars", "handbooks")
VIETNAMESE = "Tiếng Việt"
# the topics a province starts with (DOMAIN §3.6), added on request to an empty or partial list
USUAL_TOPICS = [
    "Luật Biên giới quốc gia",
    "Luật Biên phòng Việt Nam",
    "Các hiệp định, quy chế về biên giới",
    "Xuất cảnh, nhập cảnh",
    "Phòng, chống ma túy",
    "Phòng, chống mua bán người",
    "Chống khai thác thủy sản bất hợp pháp (IUU)",
    "Phong trào Toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới",
    "Nhận biết đường biên giới, mốc quốc giới",
]
_FIELDS = [
    "uuid",
    "version",
    "unit",
    "on",
    "commune",
    "village",
    "form",
    "listeners",
    "leaflets",
    "calendars",
    "handbooks",
    "other_materials",
    "language",
    "note",
    "source",
]
_EDITABLE = {
    "on",
    "commune_id",
    "village",
    "form",
    "topic_ids",
    *COUNTS,
    "other_materials",
    "language",
    "note",
}


def province_of(unit: OrgUnit) -> OrgUnit:
    return OrgUnit.objects.get(pk=root_id(unit.path))


def _unit_for_write(actor: Any, unit_id: Any) -> OrgUnit:
    unit = scoped(actor, OrgUnit.objects.exclude(kind=UnitKind.COMMUNE)).filter(pk=unit_id).first()
    if unit is None:
        raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="unit_id")
    return unit


def _commune(commune_id: Any) -> AdminUnit:
    if commune_id in (None, ""):
        raise DomainError(Code.REQUIRED, field="commune_id")
    return registry.commune(commune_id)


def _topics(province: OrgUnit, topic_ids: Any) -> list[PropagandaTopic]:
    ids = list(dict.fromkeys(topic_ids or []))
    if not ids:
        raise DomainError(Code.TOPICS_REQUIRED, field="topic_ids")
    if len(ids) > MAX_TOPICS:
        raise DomainError(Code.OUT_OF_RANGE, field="topic_ids", low=1, high=MAX_TOPICS)
    try:
        wanted = {int(i) for i in ids}
    except (TypeError, ValueError) as exc:
        raise DomainError(Code.REQUIRED, field="topic_ids") from exc
    found = {t.pk: t for t in PropagandaTopic.objects.filter(province=province, pk__in=wanted)}
    for pk in ids:
        topic = found.get(int(pk))
        if topic is None or not topic.active:
            raise DomainError(
                Code.TOPIC_UNKNOWN, field="topic_ids", topic=topic.name if topic else pk
            )
    return [found[int(pk)] for pk in ids]


def _apply(session: PropagandaSession, data: dict[str, Any]) -> list[PropagandaTopic] | None:
    """Set what `data` holds; returns the topics when they were sent."""
    if "on" in data:
        session.on = past_day(data["on"], "on")
    if "commune_id" in data:
        session.commune = _commune(data["commune_id"])
    if ("on" in data or "commune_id" in data) and session.commune_id and session.on:
        registry.commune(session.commune_id, on=session.on)  # the commune of the session's day
    if "form" in data:
        session.form = choice(data["form"], PropagandaForm, "form")
    for key in COUNTS:
        if key in data:
            high = MAX_LISTENERS if key == "listeners" else MAX_MATERIALS
            setattr(session, key, count(data[key], key, high))
    for key, length in (("village", 200), ("other_materials", 300)):
        if key in data:
            setattr(session, key, clean_text(data[key] or "", field=key, max_length=length))
    if "language" in data:
        session.language = (
            clean_text(data["language"] or "", field="language", max_length=100) or VIETNAMESE
        )
    if "note" in data:
        session.note = clean_text(data["note"] or "", field="note", max_length=4000, multiline=True)
    if "topic_ids" in data:
        return _topics(province_of(session.unit), data["topic_ids"])
    return None


def _check(session: PropagandaSession) -> None:
    population = session.commune.population
    if population is not None and session.listeners > population:
        raise DomainError(
            Code.MORE_LISTENERS_THAN_POPULATION,
            field="listeners",
            listeners=number_format(session.listeners, force_grouping=True),
            commune=session.commune.name,
            population=number_format(population, force_grouping=True),
        )


def _snapshot(session: PropagandaSession) -> dict[str, Any]:
    after = audit.snapshot(session, _FIELDS) or {}
    after["topics"] = sorted(session.topics.values_list("pk", flat=True))
    return after


def _create(
    actor: Any,
    unit: OrgUnit,
    data: dict[str, Any],
    client_id: uuid.UUID | None,
    source: PropagandaImport | None = None,
) -> PropagandaSession:
    session = PropagandaSession(
        uuid=client_id or uuid.uuid4(), unit=unit, created_by=actor, source=source
    )
    topics = _apply(session, {"topic_ids": [], **data})
    _check(session)
    in_force(unit, session.on, field="unit_id")
    session.save()
    session.topics.set(topics or [])
    audit.record(
        actor,
        "propaganda_session.create",
        session,
        scope_path=unit.path,
        after=_snapshot(session),
    )
    return session


def propaganda_session_create(
    *,
    actor: Any,
    unit_id: int,
    on: date,
    commune_id: int,
    form: str,
    topic_ids: list[int],
    client_id: uuid.UUID | None = None,
    **data: Any,
) -> tuple[PropagandaSession, bool]:
    """Record a session held by a unit in the actor's scope. Returns the session and whether it
    was made now (a `client_id` sent again returns the first)."""
    access.require(actor, "community.record")
    unknown = set(data) - _EDITABLE
    if unknown:
        raise TypeError(f"propaganda_session_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(PropagandaSession, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            unit = _unit_for_write(actor, unit_id)
            session = _create(
                actor,
                unit,
                {**data, "on": on, "commune_id": commune_id, "form": form, "topic_ids": topic_ids},
                client_id,
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(PropagandaSession, actor, client_id)):
            return earlier, False
        raise
    return session, True


def propaganda_session_update(
    *, actor: Any, session_id: int, version: int, **changes: Any
) -> PropagandaSession:
    """Correct a session. `version` is the one the user saw; if the session changed since,
    nothing is written and `Stale` carries it as it stands. Topics, when sent, replace the list."""
    access.require(actor, "community.record")
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"propaganda_session_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        session = get_scoped_or_404(
            actor,
            PropagandaSession.objects.select_for_update(of=("self",)).select_related(
                "unit", "commune"
            ),
            pk=session_id,
        )
        if session.version != version:
            raise Stale(session, version)
        before = _snapshot(session)
        topics = _apply(session, changes)
        _check(session)
        session.version += 1
        session.save()
        if topics is not None:
            session.topics.set(topics)
        audit.record(
            actor,
            "propaganda_session.update",
            session,
            scope_path=session.unit.path,
            before=before,
            after=_snapshot(session),
        )
    return session


# --- the province's topics -------------------------------------------------------------------


def _province(actor: Any) -> OrgUnit:
    unit = getattr(actor, "unit", None)
    if unit is None:
        raise DomainError(Code.UNIT_REQUIRED, field="unit_id")
    return province_of(unit)


def _topic_name(province: OrgUnit, name: Any, topic_id: int | None = None) -> str:
    name = clean_text(name or "", field="name", max_length=200, required=True)
    others = PropagandaTopic.objects.filter(province=province)
    if topic_id is not None:
        others = others.exclude(pk=topic_id)
    key = unaccent(name).casefold()
    if any(unaccent(t).casefold() == key for t in others.values_list("name", flat=True)):
        raise DomainError(Code.TOPIC_TAKEN, field="name", name=name)
    return name


def propaganda_topic_create(*, actor: Any, name: str, active: bool = True) -> PropagandaTopic:
    """Add a topic to the actor's province's list."""
    access.require(actor, "community.configure")
    province = _province(actor)
    with transaction.atomic():
        topic = PropagandaTopic.objects.create(
            province=province, name=_topic_name(province, name), active=bool(active)
        )
        audit.record(
            actor,
            "propaganda_topic.create",
            topic,
            scope_path=province.path,
            after={"name": topic.name, "active": topic.active},
        )
    return topic


def propaganda_topic_update(
    *, actor: Any, topic_id: int, version: int, name: str | None = None, active: bool | None = None
) -> PropagandaTopic:
    """Rename a topic or stop (or resume) using it; sessions already recorded keep it."""
    access.require(actor, "community.configure")
    with transaction.atomic():
        topic = get_scoped_or_404(
            actor,
            PropagandaTopic.objects.select_for_update(of=("self",)).select_related("province"),
            province_wide=True,
            pk=topic_id,
        )
        if topic.version != version:
            raise Stale(topic, version)
        before = {"name": topic.name, "active": topic.active}
        if name is not None:
            topic.name = _topic_name(topic.province, name, topic.pk)
        if active is not None:
            topic.active = bool(active)
        topic.version += 1
        topic.save()
        audit.record(
            actor,
            "propaganda_topic.update",
            topic,
            scope_path=topic.province.path,
            before=before,
            after={"name": topic.name, "active": topic.active},
        )
    return topic


def propaganda_topics_seed(*, actor: Any) -> int:
    """Add the usual topics the province's list lacks; returns how many were added."""
    access.require(actor, "community.configure")
    province = _province(actor)
    have = {
        unaccent(n).casefold()
        for n in PropagandaTopic.objects.filter(province=province).values_list("name", flat=True)
    }
    added = 0
    with transaction.atomic():
        for name in USUAL_TOPICS:
            if unaccent(name).casefold() not in have:
                propaganda_topic_create(actor=actor, name=name)
                added += 1
    return added


# --- the spreadsheet import ------------------------------------------------------------------

COLUMNS = [
    Column("on", "Ngày", ("ngày, tháng",), required=True, width=12, number_format="dd/mm/yyyy"),
    Column("commune", "Xã, phường", ("xã", "mã xã"), required=True, width=24),
    Column("village", "Thôn, bản", ("thôn", "bản"), width=18),
    Column("form", "Hình thức", required=True, width=26),
    Column("topics", "Chủ đề", ("các chủ đề",), required=True, width=40),
    Column("listeners", "Số người nghe", ("người nghe",), required=True, width=12),
    Column("leaflets", "Tờ rơi", width=10, number_format="#,##0"),
    Column("calendars", "Lịch", width=10, number_format="#,##0"),
    Column("handbooks", "Sổ tay, tài liệu", width=12, number_format="#,##0"),
    Column("other_materials", "Tài liệu khác", width=20),
    Column("language", "Ngôn ngữ", width=14),
    Column("note", "Ghi chú", width=30),
]
_TEXT_COLUMNS = ("commune", "village", "form", "topics", "other_materials", "language", "note")
# a service's field -> the column that holds it
_COLUMN_OF = {"commune_id": "commune", "topic_ids": "topics"}
MAX_ROWS = 20_000


@dataclass
class PropagandaImportResult(ImportResult):
    """What an import did; `batch` is the record of the file (None when nothing was written),
    `made` is False when the same client id had already imported it."""

    batch: PropagandaImport | None = None
    made: bool = True


def _text_cell(cells: dict[str, Any], key: str) -> str:
    """A text column's cell; a date there is a sign the columns were shifted or mistyped."""
    value = cells.get(key)
    if isinstance(value, datetime | date):
        raise CellError(
            key,
            _("Ô chứa một ngày ({value}) nhưng cột này phải là chữ.").format(
                value=value.strftime("%d/%m/%Y")
            ),
        )
    return sheets.text(value)


def _topic_cell(raw: str, topics: dict[str, PropagandaTopic]) -> list[PropagandaTopic]:
    found: list[PropagandaTopic] = []
    for part in raw.replace("\n", ";").split(";"):
        name = " ".join(part.split())
        if not name:
            continue
        topic = topics.get(unaccent(name).casefold())
        if topic is None:
            raise CellError(
                "topics",
                _("Chủ đề “{topic}” không có trong danh sách đang dùng của tỉnh.").format(
                    topic=name
                ),
            )
        if topic not in found:
            found.append(topic)
    if not found:
        raise CellError("topics", _("Chọn ít nhất một chủ đề tuyên truyền."))
    if len(found) > MAX_TOPICS:
        raise CellError("topics", _("Tối đa {high} chủ đề.").format(high=MAX_TOPICS))
    return found


def _row_data(
    row: Row, typed: bool, topics: dict[str, PropagandaTopic], communes: registry.CommuneFinder
) -> dict[str, Any]:
    """A row's cells as the fields of a session (the commune and the topics found already);
    a bad cell raises CellError."""
    cells = row.cells
    texts = {key: _text_cell(cells, key) for key in _TEXT_COLUMNS}
    on = sheets.day(cells.get("on"), "on", strict=typed)
    if on is None:
        raise CellError("on", _("Trường này là bắt buộc."))
    if not texts["commune"]:
        raise CellError("commune", _("Trường này là bắt buộc."))
    form = sheets.choice(texts["form"], "form", PropagandaForm)
    if form is None:
        raise CellError("form", _("Trường này là bắt buộc."))
    if cells.get("listeners") in (None, ""):
        raise CellError("listeners", _("Trường này là bắt buộc."))
    data: dict[str, Any] = {
        "on": on,
        "commune": communes.find(texts["commune"], on),
        "form": form,
        "topics": _topic_cell(texts["topics"], topics),
        "village": texts["village"],
        "other_materials": texts["other_materials"],
        "language": texts["language"],
        "note": texts["note"],
    }
    for key in COUNTS:
        data[key] = sheets.integer(cells.get(key), key) or 0
    return data


def _replayed(earlier: PropagandaImport) -> PropagandaImportResult:
    ids = list(earlier.records.order_by("pk").values_list("pk", flat=True))
    return PropagandaImportResult(created=len(ids), ids=ids, batch=earlier, made=False)


def propaganda_import(
    *,
    actor: Any,
    unit_id: int,
    filename: str,
    content: bytes,
    client_id: uuid.UUID | None = None,
) -> PropagandaImportResult:
    """Import a file of sessions (XLSX or CSV, the columns of `COLUMNS`) held by `unit`: every
    row, or none and every bad row with its number, column and reason. A whole-file problem
    (format, header, merged cells) raises `FileRejected`."""
    access.require(actor, "community.record")
    if client_id is not None and (earlier := replay(PropagandaImport, actor, client_id)):
        return _replayed(earlier)
    unit = _unit_for_write(actor, unit_id)
    table = sheets.read(filename, content, COLUMNS, max_rows=MAX_ROWS)
    if not table.rows:
        raise FileRejected(_("Tệp không có dòng số liệu nào."))
    titles = {c.key: c.title for c in COLUMNS} | table.titles
    topics = {
        unaccent(" ".join(t.name.split())).casefold(): t
        for t in PropagandaTopic.objects.filter(province=province_of(unit), active=True)
    }
    communes = registry.CommuneFinder()

    def build(row: Row) -> tuple[PropagandaSession, list[PropagandaTopic]]:
        data = _row_data(row, table.typed, topics, communes)
        session = PropagandaSession(uuid=uuid.uuid4(), unit=unit, created_by=actor)
        chosen = data.pop("topics")
        session.commune = data.pop("commune")
        _apply(session, data)
        _check(session)
        return session, chosen

    built, errors = sheets.check_all(table.rows, build, titles=titles, fields=_COLUMN_OF)
    if errors:
        return PropagandaImportResult(errors=errors)
    try:
        with transaction.atomic():
            batch = PropagandaImport.objects.create(
                uuid=client_id or uuid.uuid4(),
                unit=unit,
                filename=filename[:200],
                rows=len(built),
                created_by=actor,
            )
            sessions = _bulk_create(actor, unit, batch, built)
            audit.record(
                actor,
                "propaganda.import",
                batch,
                scope_path=unit.path,
                after={"file": filename, "unit": unit.pk, "rows": len(sessions)},
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(PropagandaImport, actor, client_id)):
            return _replayed(earlier)
        raise
    ids = [s.pk for s in sessions]
    return PropagandaImportResult(created=len(ids), ids=ids, batch=batch)


def _bulk_create(
    actor: Any,
    unit: OrgUnit,
    batch: PropagandaImport,
    built: list[tuple[PropagandaSession, list[PropagandaTopic]]],
) -> list[PropagandaSession]:
    """Write checked sessions a thousand at a time, with their topics and one audit record
    each (as a session recorded by hand has)."""
    for session, _chosen in built:
        session.source = batch
    sessions = PropagandaSession.objects.bulk_create([s for s, _t in built], batch_size=1000)
    link = PropagandaSession.topics.through
    link.objects.bulk_create(
        [
            link(propagandasession_id=session.pk, propagandatopic_id=topic.pk)
            for session, (_s, chosen) in zip(sessions, built, strict=True)
            for topic in chosen
        ],
        batch_size=2000,
    )
    changes = []
    for session, (_s, chosen) in zip(sessions, built, strict=True):
        after = audit.snapshot(session, _FIELDS) or {}
        after["topics"] = sorted(t.pk for t in chosen)
        changes.append((session, None, after))
    audit.record_many(actor, "propaganda_session.create", changes, scope_path=unit.path)
    return sessions


def propaganda_template(*, actor: Any) -> bytes:
    """The XLSX to fill in: the header and one example row (topics of the actor's province)."""
    access.require(actor, "community.view")
    unit = getattr(actor, "unit", None)
    names = (
        list(
            PropagandaTopic.objects.filter(province=province_of(unit), active=True).values_list(
                "name", flat=True
            )[:2]
        )
        if unit is not None
        else []
    ) or USUAL_TOPICS[:2]
    example = {
        "on": timezone.localdate() - timedelta(days=1),
        "commune": "Xã Lao Bảo",
        "village": "Bản Ka Tăng",
        "form": str(PropagandaForm.MEETING.label),
        "topics": "; ".join(names),
        "listeners": 85,
        "leaflets": 120,
        "calendars": 40,
        "handbooks": 10,
        "other_materials": "",
        "language": "Tiếng Vân Kiều",
        "note": "",
    }
    return sheets.template_xlsx(COLUMNS, example, title=_("Buổi tuyên truyền"))
