"""One search over the records a person works with: markers by number, the border's signs,
gates and sections, communes and units by name, and the caller's incidents, crime cases, tasks,
conferences, talks and documents by their words. Each kind is read through its app's own list
selector, so the search sees exactly what that list shows the caller; each gives its first few
rows and how many it found.

A search first asks, in one query, which kinds hold the words at all (`Kind.words`: the list's
text condition over every row of the kind, with no scope, no joins and no order: EXISTS over
the kept search columns and their indexes). Only those kinds are then read through their list,
one query each (its first rows with the count of all beside each row, a window). Most searches
find one or two kinds of twelve, and composing a list's scoped query costs Django several times
what running it costs the database, so the probe saves most of a search's time. It can only
skip a kind that would have found nothing: for each kind its condition is the list's own
(`tests/search/test_probe.py` checks that no list finds a row its probe does not)."""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, QuerySet, Window
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from biengioi.coordination import conferences_selectors as conferences
from biengioi.coordination import documents_selectors as documents
from biengioi.coordination import talks_selectors as talks
from biengioi.coordination.documents_views import owner_url
from biengioi.coordination.models import Conference, Document, Talks, Task
from biengioi.core import access
from biengioi.core.search import matching, search_text, words
from biengioi.operations import crime_selectors as crime
from biengioi.operations import selectors as operations
from biengioi.operations.models import CrimeCase, Incident
from biengioi.registry import selectors as registry
from biengioi.registry.models import (
    AdminUnit,
    BorderSection,
    Gate,
    MarkerStatusKind,
    OrgUnit,
    Sign,
)

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
    words: Callable[[str], QuerySet[Any]] | None
    """Every row of the kind that holds the words, whoever may read it: the text condition of
    `rows` alone. None: always read through `rows` (markers, found by their number's rules)."""


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
        None,
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
        lambda q: matching(Sign.objects.all(), q),
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
        lambda q: matching(Gate.objects.all(), q),
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
        lambda q: registry.sections_named(BorderSection.objects.all(), q),
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
        lambda q: registry.admin_units_named(AdminUnit.objects.all(), q),
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
        lambda q: registry.units_named(OrgUnit.objects.all(), q),
    ),
    Kind(
        "incident",
        _("Vụ việc biên giới"),
        "operations.view",
        lambda actor, q: operations.incident_list(actor=actor, q=q),
        _incident,
        lambda q: matching(Incident.objects.all(), q),
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
        lambda q: matching(CrimeCase.objects.all(), q),
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
        lambda q: matching(Task.objects.all(), q),
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
        lambda q: matching(Conference.objects.all(), q),
    ),
    Kind(
        "talks",
        _("Hội đàm"),
        talks.VIEW,
        lambda actor, q: talks.talks_list(actor=actor, q=q),
        _talks,
        lambda q: matching(Talks.objects.all(), q, *talks.WORDS),
    ),
    Kind(
        "document",
        _("Tài liệu"),
        documents.VIEW,
        lambda actor, q: documents.document_list(actor=actor, q=q),
        _document,
        lambda q: matching(Document.objects.all(), q),
    ),
]


def search(*, actor: Any, q: str) -> list[Group]:
    """The kinds of record that hold `q` for the actor, each with its first rows and its count;
    a kind the actor's role may not read is not asked, nor one that holds the words nowhere. An
    error naming `q` when it is no search (too long, or no letter or digit in it)."""
    text = search_text(q)
    asked = [kind for kind in KINDS if access.can(actor, kind.permission)]
    holding = _holding(asked, text)
    groups = []
    for kind in asked:
        if kind.key not in holding:
            continue
        first = list(kind.rows(actor, text).annotate(found=Window(Count("pk")))[:LIMIT])
        if first:
            hits = [kind.hit(r) for r in first]
            groups.append(Group(kind.key, str(kind.label), first[0].found, hits))
    return groups


def _holding(kinds: list[Kind], text: str) -> set[str]:
    """The keys of the kinds among `kinds` that hold the words of `text` in any row, whoever's
    (one query of one row: an EXISTS of each kind's text condition); a kind without one is
    always in."""
    holding = {kind.key for kind in kinds if kind.words is None}
    probed, probes, params = [], [], []
    for kind in kinds:
        if kind.words is None:
            continue
        probe = _probe(kind, text)
        if probe is None:  # a condition no row can meet: the kind holds nothing
            continue
        probed.append(kind.key)
        probes.append(f"EXISTS ({probe[0]})")
        params.extend(probe[1])
    if probes:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(probes)}", params)
            answers = cursor.fetchone()
        holding |= {key for key, yes in zip(probed, answers, strict=True) if yes}
    return holding


Probe = tuple[str, list[Any]] | None


def _probe(kind: Kind, text: str) -> Probe:
    """The SQL and parameters of the kind's text condition for `text` (None: no row can meet it).

    A kind's condition is the same SQL for every search of as many plain words, only the words
    differ; composing it is most of a probe's cost. So a search of plain words (letters and
    digits, one space between them: what people type) takes its SQL from `_shape`, made once
    per kind, vendor and number of words with stand-in words, and puts its own words in their
    place. Any other search is composed afresh."""
    found = words(text)
    if text != " ".join(text.split()) or len(found) != len(text.split()):
        return _composed(kind, text)
    if len(found) > len(STAND_INS) or any(not part.isalnum() for part in text.split()):
        return _composed(kind, text)
    shape = _shape(kind.key, connection.vendor, len(found))
    if shape is None:
        return None
    sql, params = shape
    whole = " ".join(STAND_INS[: len(found)])
    return sql, [_given(param, whole, text, found) for param in params]


STAND_INS = [f"qz{chr(ord('a') + i)}x" for i in range(26)]
"""Words no search holds, one for each word of a search of up to 26 words (core.search.MAX_LENGTH
allows 50 of one letter: a search of more words than stand-ins is composed afresh)."""


def _given(param: Any, whole: str, text: str, found: list[str]) -> Any:
    """A parameter of a shape with the search's own words in place of the stand-ins (in one
    pass, so that a word typed like a stand-in is never replaced again)."""
    if not isinstance(param, str):
        return param
    if param == whole:  # the search itself, as typed (a unit's code)
        return text
    return STAND_IN.sub(lambda m: found[STAND_INS.index(m.group())], param)


STAND_IN = re.compile("|".join(STAND_INS))


@functools.cache
def _shape(key: str, vendor: str, count: int) -> Probe:
    kind = next(kind for kind in KINDS if kind.key == key)
    return _composed(kind, " ".join(STAND_INS[:count]))


def _composed(kind: Kind, text: str) -> Probe:
    assert kind.words is not None
    try:
        sql, params = kind.words(text).values("pk")[:1].query.sql_with_params()
    except EmptyResultSet:
        return None
    return sql, list(params)
