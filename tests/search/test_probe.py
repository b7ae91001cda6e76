"""The header search asks first which kinds hold the words at all (one query), then reads only
those through their lists. These tests hold it to the plain way (every kind the caller may read
asked through its list) over the words of the sample province, for three roles, and hold the
kept SQL of a probe to the SQL Django composes for the same words."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from biengioi.accounts.models import User
from biengioi.coordination.models import Conference, Task
from biengioi.core import access
from biengioi.core.search import search_text, words
from biengioi.operations.models import Incident
from biengioi.search import selectors
from biengioi.search.selectors import KINDS, LIMIT, _composed, _probe

pytestmark = pytest.mark.django_db

ROLES = ("lanhdao.tinh", "canbo.phulang", "thuongtruc.bcd")
TYPED = [
    "moc 222",
    "24",
    "phu lang",
    "Phù Lãng",
    "cua khau",
    "tuần tra song phương",
    "ma túy",
    "đường mòn",
    "sat lo",
    "so ket",
    "D1",
    "xa",
    "bien gioi",
    "trai phep qua",
    "Đồn Biên phòng",
]


def _sample_words() -> list[str]:
    """A word of every few in the titles of the sample's incidents, tasks and conferences, and
    the first two words of each title: what people remember of a record."""
    titles = [
        *Incident.objects.values_list("title", flat=True),
        *Task.objects.values_list("title", flat=True),
        *Conference.objects.values_list("title", flat=True),
    ]
    found = sorted({w for t in titles for w in words(t)})
    pairs = sorted({" ".join(words(t)[:2]) for t in titles if len(words(t)) > 1})
    return found[::4] + pairs[::3]


def _plainly(actor, q: str) -> list[tuple[str, int, list[int]]]:
    """What the search finds asked the plain way: every kind the actor may read, through its
    list, counted in full."""
    text = search_text(q)
    found = []
    for kind in KINDS:
        if not access.can(actor, kind.permission):
            continue
        rows = kind.rows(actor, text)
        first = [r.pk for r in rows[:LIMIT]]
        if first:
            found.append((kind.key, rows.count(), first))
    return found


def _searched(actor, q: str) -> list[tuple[str, int, list[int]]]:
    return [(g.kind, g.count, [h.id for h in g.hits]) for g in selectors.search(actor=actor, q=q)]


@pytest.mark.parametrize("who", ROLES)
def test_the_search_finds_what_asking_every_list_finds(sample, who):
    actor = User.objects.get(username=who)
    queries = TYPED + _sample_words()
    assert len(queries) > 30
    for q in queries:
        assert _searched(actor, q) == _plainly(actor, q), (who, q)


def test_no_list_finds_a_row_its_probe_does_not(sample):
    """The probe of a kind may hold rows the caller cannot read, never fewer than the list."""
    leader = User.objects.get(username="lanhdao.tinh")
    for q in TYPED + _sample_words():
        text = search_text(q)
        for kind in KINDS:
            if kind.words is None:
                continue
            listed = set(kind.rows(leader, text).values_list("pk", flat=True))
            probed = set(kind.words(text).values_list("pk", flat=True))
            assert listed <= probed, (q, kind.key, listed - probed)


@pytest.mark.parametrize(
    "q",
    [
        "phu lang",
        "Phù Lãng",
        "24",
        "d1",
        "99001",
        "qzbx qzax",  # typed like the stand-ins, in the other order
        "b " * 40,  # more words than stand-ins
        "222(2)",  # not plain words: composed afresh
        "a_b",
    ],
)
def test_a_kept_probe_is_the_sql_django_composes(sample, q):
    text = search_text(q)
    for kind in KINDS:
        if kind.words is not None:
            assert _probe(kind, text) == _composed(kind, text), (q, kind.key)


def test_a_search_asks_once_which_kinds_hold_it_then_one_query_a_kind_found(sample):
    officer = User.objects.get(username="canbo.phulang")
    selectors.search(actor=officer, q="phu lang")  # the probes' SQL kept
    for q, kinds in (("ma tuy", 1), ("phu lang", 6), ("khong co gi nhu the nay", 0)):
        groups = selectors.search(actor=officer, q=q)
        assert len(groups) == kinds, (q, groups)
        with CaptureQueriesContext(connection) as captured:
            selectors.search(actor=officer, q=q)
        # one probe, the markers (asked by number whatever the probe says), each kind found
        assert len(captured.captured_queries) <= 2 + kinds, (
            q,
            [c["sql"][:80] for c in captured.captured_queries],
        )
