"""The overview's figures are computed once per state of the data even when many requests of a
server process ask for them together (leaders opening the page right after a write): the others
wait for that computation and read its result."""

import threading
from types import SimpleNamespace

from biengioi.reports.periods import Period
from biengioi.web import dashboard

READERS = 6


class WatchedCache:
    """A cache that lets a test wait until every reader has looked in it and missed."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}
        self.misses = 0
        self.changed = threading.Condition()

    def get(self, key: str) -> object:
        with self.changed:
            found = self.values.get(key)
            if found is None:
                self.misses += 1
                self.changed.notify_all()
            return found

    def set(self, key: str, value: object, _timeout: int) -> None:
        with self.changed:
            self.values[key] = value

    def wait_for_misses(self, count: int) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.misses >= count, timeout=30)


def _readers_together(monkeypatch) -> tuple[list[object], list[str]]:
    """READERS threads ask for the same figures while the first computation holds on until all
    of them have missed the cache: without the lock each would compute its own."""
    cache = WatchedCache()
    computed: list[str] = []
    monkeypatch.setattr(dashboard, "cache", cache)
    monkeypatch.setattr(dashboard, "_key", lambda actor, period, today: "overview:test")

    def compute(actor, unit_id, period, today):
        computed.append(threading.current_thread().name)
        # every reader has asked once before the lock (the first one twice)
        assert cache.wait_for_misses(READERS + 1), "the other readers never asked"
        return SimpleNamespace(figures=len(computed))

    monkeypatch.setattr(dashboard.report_statistics, "compute", compute)
    monkeypatch.setattr(dashboard.report_statistics, "monthly", lambda *a, **k: "months")
    actor = SimpleNamespace(unit_id=1)
    period = Period.year(2026)
    results: list[object] = [None] * READERS

    def read(n: int) -> None:
        results[n] = dashboard.figures(actor, period, period.end)

    threads = [threading.Thread(target=read, args=(n,), name=f"reader-{n}") for n in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, computed


def test_readers_asking_together_wait_for_one_computation(monkeypatch):
    results, computed = _readers_together(monkeypatch)
    assert len(computed) == 1
    assert all(r is results[0] for r in results)
    assert results[0][1] == "months"


def test_the_lock_of_a_key_is_dropped_when_nobody_holds_it(monkeypatch):
    _readers_together(monkeypatch)
    assert "overview:test" not in dashboard._locks
