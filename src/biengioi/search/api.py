"""`GET /search?q=`: the header's search as JSON."""

from ninja import Query, Router, Schema
from pydantic import Field

from biengioi.core.api import AuthedRequest, In, perm
from biengioi.core.search import MAX_LENGTH

from . import selectors

router = Router(tags=["search"])


class SearchQuery(In):
    q: str = Field(
        ...,
        max_length=MAX_LENGTH,
        description="words or a marker's number, accents and case ignored: mốc 222, moc 24, "
        "phu lang",
    )


class HitOut(Schema):
    id: int
    label: str
    facts: list[str] = Field(description="the record's key facts, as the page shows them")
    url: str = Field(description="the record's page")


class GroupOut(Schema):
    kind: str = Field(description="marker, sign, gate, section, admin_unit, unit, incident, ...")
    label: str
    count: int = Field(description="how many of this kind the search finds")
    hits: list[HitOut] = Field(description=f"the first {selectors.LIMIT} of them")


class SearchOut(Schema):
    q: str
    groups: list[GroupOut] = Field(description="only the kinds with something found")


@router.get("/search", response=SearchOut, **perm(None))
def search(request: AuthedRequest, query: Query[SearchQuery]) -> dict:
    """Markers by number (with or without "mốc", a number's beginning: "24" finds 24, 240(1),
    241 ...), signs, gates, sections, administrative units and units by name, and the
    caller's incidents, crime cases, tasks, conferences, talks and documents by their words;
    accents and case ignored, in the caller's scope, grouped by kind. 422 naming `q` when it
    is longer than a search or holds no letter or digit."""
    groups = selectors.search(actor=request.auth, q=query.q)
    return {"q": query.q, "groups": groups}
