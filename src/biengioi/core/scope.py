"""Unit scope: a user sees records of their own unit and of every unit under it.

Organisational units carry a materialised path ("/1/4/17/"); a unit's subtree is every unit
whose path starts with its own. Each scoped model names, in `SCOPE_PATH`, the lookup from itself
to that path (`"path"` on the unit, `"unit__path"` on a user, ...). Every selector starts from
`scoped(actor, queryset)`, and every single-object read goes through `get_scoped_or_404`, so
an object outside the caller's scope is indistinguishable from one that does not exist.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypeVar

from django.apps import apps
from django.db.models import Model, Q, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def scope_path(actor: Any) -> str | None:
    unit = getattr(actor, "unit", None)
    return getattr(unit, "path", None) or None


def province_path(actor: Any) -> str | None:
    """The path of the actor's province: the root of their unit's tree ("/1/")."""
    path = scope_path(actor)
    return "/" + path.split("/")[1] + "/" if path else None


def root_id(path: str) -> int:
    """The id of the unit at the root of a path: the province ("/1/4/17/" → 1)."""
    return int(path.strip("/").split("/")[0])


NOTHING = Q(pk__in=[])
"""A condition no row meets: the scope of an actor without a unit."""


def ancestors(path: str) -> list[str]:
    """The paths of the units above the one at `path`, nearest last ("/1/4/17/" → ["/1/",
    "/1/4/"])."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts))]


def within(
    actor: Any, lookup: str, *, province_wide: bool = False, with_ancestors: bool = False
) -> Q:
    """The condition "the unit at `lookup` (a path: "unit__path", "owner__path") is in the
    actor's scope": their unit's subtree, or their province with `province_wide`; with
    `with_ancestors`, also the units above the actor's own (a province's campaign is seen by its
    posts). Every read that scopes rows goes through here, so a change of the rule reaches all.
    """
    path = province_path(actor) if province_wide else scope_path(actor)
    if not path or not getattr(actor, "is_authenticated", False):
        return NOTHING
    condition = Q(**{f"{lookup}__startswith": path})
    if with_ancestors:
        condition |= Q(**{f"{lookup}__in": ancestors(path)})
    return condition


def scoped(actor: Any, queryset: QuerySet[M], *, province_wide: bool = False) -> QuerySet[M]:
    """The part of `queryset` the actor may see; nothing for an actor without a unit.

    `province_wide` widens reads of shared reference data (the border registry: lines,
    sections, markers, gates) to the actor's whole province; writes always use the subtree.
    """
    lookup = getattr(queryset.model, "SCOPE_PATH", None)
    if lookup is None:
        raise TypeError(f"{queryset.model.__name__} declares no SCOPE_PATH")
    condition = within(actor, lookup, province_wide=province_wide)
    return queryset.none() if condition is NOTHING else queryset.filter(condition)


def in_scope(actor: Any, path: str) -> bool:
    own = scope_path(actor)
    return bool(own) and path.startswith(own or "\0")


def get_scoped_or_404(
    actor: Any, queryset: QuerySet[M], *, province_wide: bool = False, **lookup: Any
) -> M:
    try:
        return scoped(actor, queryset, province_wide=province_wide).get(**lookup)
    except queryset.model.DoesNotExist as exc:  # type: ignore[attr-defined]
        raise Http404(queryset.model.__name__) from exc


def readable(actor: Any, refs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Model]:
    """The records named by (model label, id) that the actor may read, each by its own model's
    scope (`scoped`), with only their ids loaded; one query per kind of record, however many.

    For a shared record that carries what a scoped one wrote into it (a marker's status entry
    written by a patrol): the scoped record's text is shown only to those who may read it."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for label, pk in refs:
        wanted[label].add(pk)
    found: dict[tuple[str, int], Model] = {}
    for label, ids in wanted.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue  # a record of a kind no longer known: nobody reads it
        for row in scoped(actor, model._default_manager.filter(pk__in=ids).only("pk")):
            found[(label, row.pk)] = row
    return found
