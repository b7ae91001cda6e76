"""One search over the records a person works with: markers by number, the border's signs,
gates and sections, communes and units by name, and the caller's incidents, crime cases, tasks,
conferences, talks and documents by their words. Each kind is read through its app's own list
selector, so the search sees exactly what that list shows the caller; each gives its first few
rows and how many it found, in two queries whatever the number of records."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from biengioi.coordination import conferences_selectors as conferences
from biengioi.coordination import documents_selectors as documents
from biengioi.coordination import talks_selectors as talks
from biengioi.coordination.documents_views import owner_url
from biengioi.core import access
from biengioi.core.search import search_text
from biengioi.operations import crime_selectors as crime
from biengioi.operations import selectors as operations
from biengioi.registry import selectors as registry
from biengioi.registry.models import MarkerStatusKind

LIMIT = 5  # rows of each kind a search shows; the count says how many more there are


@dataclass
class Hit:
    id: int
    label: str
    facts: list[str]
    url: str


@dataclass
class Group:
    kind: str
    label: str
    count: int
    hits: list[Hit] = field(default_factory=list)


@dataclass(frozen=True)
class Kind:
    key: str
    label: Any
    permission: str
    rows: Callable[[Any, str], QuerySet[Any]]
    hit: Callable[[Any], Hit]


def _day(value: Any) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _name(unit: Any) -> str:
    return unit.name if unit is not None else ""


def _facts(*values: Any) -> list[str]:
    return [str(v) for v in values if v not in (None, "")]


def _marker(m: Any) -> Hit:
    status = MarkerStatusKind(m.current_status).label if m.current_status else ""
    return Hit(
        m.pk,
        gettext("Mốc %(identifier)s") % {"identifier": m.identifier},
        _facts(m.line.country.name, m.get_kind_display(), status, _name(m.post)),
        reverse("registry:marker", args=[m.pk]),
    )


def _incident(i: Any) -> Hit:
    state = gettext("Đã kết thúc") if i.closed_on else gettext("Đang xử lý")
    return Hit(
        i.pk,
        i.title,
        _facts(_day(i.detected_on), i.get_kind_display(), state, _name(i.unit)),
        reverse("operations:incident", args=[i.pk]),
    )


def _talks(t: Any) -> Hit:
    label = gettext("Hội đàm với %(name)s ngày %(day)s") % {
        "name": t.counterpart.name,
        "day": _day(t.held_on),
    }
    return Hit(
        t.pk,
        label,
        _facts(t.get_level_display(), t.place, _name(t.unit)),
        reverse("coordination:talks", args=[t.pk]),
    )


def _document(d: Any) -> Hit:
    return Hit(
        d.pk,
        d.name,
        _facts(_day(d.created_at), d.get_kind_display(), _name(d.unit)),
        owner_url(d),
    )


KINDS = [
    Kind(
        "marker",
        _("Mốc quốc giới"),
        "registry.view",
        lambda actor, q: registry.marker_list(actor=actor, q=q),
        _marker,
    ),
    Kind(
        "sign",
        _("Biển báo"),
        "registry.view",
        lambda actor, q: registry.sign_list(actor=actor, q=q),
        lambda s: Hit(
            s.pk,
            s.code,
            _facts(s.get_kind_display(), _name(s.post)),
            reverse("registry:sign", args=[s.pk]),
        ),
    ),
    Kind(
        "gate",
        _("Cửa khẩu"),
        "registry.view",
        lambda actor, q: registry.gate_list(actor=actor, q=q),
        lambda g: Hit(
            g.pk,
            g.name,
            _facts(g.get_kind_display(), g.get_side_display(), _name(g.post)),
            reverse("registry:gate", args=[g.pk]),
        ),
    ),
    Kind(
        "section",
        _("Đoạn biên giới"),
        "registry.view",
        lambda actor, q: registry.section_list(actor=actor, q=q),
        lambda s: Hit(
            s.pk,
            f"{s.code} · {s.name}",
            _facts(
                _name(s.post),
                ngettext("%(n)s mốc", "%(n)s mốc", s.marker_count) % {"n": s.marker_count},
            ),
            reverse("registry:section", args=[s.pk]),
        ),
    ),
    Kind(
        "admin_unit",
        _("Đơn vị hành chính"),
        "registry.view",
        lambda actor, q: registry.admin_unit_list(actor=actor, q=q),
        lambda a: Hit(
            a.pk,
            a.name,
            _facts(a.get_level_display(), a.code, _name(a.parent)),
            reverse("registry:admin_unit", args=[a.pk]),
        ),
    ),
    Kind(
        "unit",
        _("Đơn vị"),
        "unit.view",
        lambda actor, q: registry.unit_list(actor=actor, q=q),
        lambda u: Hit(
            u.pk,
            u.name,
            _facts(u.get_kind_display(), u.code, _name(u.parent)),
            reverse("web:unit", args=[u.pk]),
        ),
    ),
    Kind(
        "incident",
        _("Vụ việc biên giới"),
        "operations.view",
        lambda actor, q: operations.incident_list(actor=actor, q=q),
        _incident,
    ),
    Kind(
        "crime_case",
        _("Vụ án, vụ việc"),
        "operations.view",
        lambda actor, q: crime.crime_case_list(actor=actor, q=q),
        lambda c: Hit(
            c.pk,
            c.title,
            _facts(_day(c.detected_on), c.get_category_display(), _name(c.unit)),
            reverse("operations:crime_case", args=[c.pk]),
        ),
    ),
    Kind(
        "task",
        _("Nhiệm vụ"),
        conferences.VIEW,
        lambda actor, q: conferences.task_list(actor=actor, q=q),
        lambda t: Hit(
            t.pk,
            t.title,
            _facts(
                gettext("hạn %(day)s") % {"day": _day(t.deadline)},
                t.get_status_display(),
                _name(t.unit),
            ),
            reverse("coordination:task", args=[t.pk]),
        ),
    ),
    Kind(
        "conference",
        _("Hội nghị"),
        conferences.VIEW,
        lambda actor, q: conferences.conference_list(actor=actor, q=q),
        lambda c: Hit(
            c.pk,
            c.title,
            _facts(_day(c.held_on), c.get_kind_display(), _name(c.unit)),
            reverse("coordination:conference", args=[c.pk]),
        ),
    ),
    Kind(
        "talks",
        _("Hội đàm"),
        talks.VIEW,
        lambda actor, q: talks.talks_list(actor=actor, q=q),
        _talks,
    ),
    Kind(
        "document",
        _("Tài liệu"),
        documents.VIEW,
        lambda actor, q: documents.document_list(actor=actor, q=q),
        _document,
    ),
]


def search(*, actor: Any, q: str) -> list[Group]:
    """The kinds of record that hold `q` for the actor, each with its first rows and its count;
    a kind the actor's role may not read is not asked. An error naming `q` when it is no
    search (too long, or no letter or digit in it)."""
    text = search_text(q)
    groups = []
    for kind in KINDS:
        if not access.can(actor, kind.permission):
            continue
        rows = kind.rows(actor, text)
        first = list(rows[:LIMIT])
        count = len(first) if len(first) < LIMIT else rows.count()
        if first:
            groups.append(Group(kind.key, str(kind.label), count, [kind.hit(r) for r in first]))
    return groups
