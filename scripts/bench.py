"""Load-test a throw-away biengioi server on loopback and report latency, throughput and memory.

Sets up a fresh installation in a temporary directory (`biengioi demo --no-serve`), makes an API
token, starts `biengioi serve` (gunicorn) on a free port, then sends 2,000 requests from 8
keep-alive clients to /healthz and to an authenticated API list while sampling the server's
resident memory. Then seeds the installation to over 2,000 markers (scripts/bench_markers.py,
through the registry's service), measures the marker list and an identifier-prefix search the
same way, and times XLSX and CSV exports of 2,000 markers in a separate process. Last, records
BENCH_PATROLS (default 10,000) patrols with 10 marker inspections each through the operations
service (scripts/bench_patrols.py: records per second) and measures the patrol list and counts;
brings the incidents to BENCH_INCIDENTS (default 50,000; 500 through the service, timed, the rest
in bulk) and measures the overdue list and the incident counts.
Then the propaganda work (scripts/bench_propaganda.py): imports an XLSX of BENCH_IMPORT_ROWS
(default 10,000) sessions through the service (seconds, peak memory), brings the sessions to
20,000 and then to BENCH_EXPORT_ROWS (default 200,000) in bulk, and downloads the list as XLSX
and as CSV from the running server at each size: time to first byte, total seconds, bytes, and
the server's peak RSS while it streams (the same peak at 20,000 and at 200,000 rows means the
export runs in constant memory).
Then the periodic report (scripts/bench_report.py): BENCH_REPORT_RECORDS (default 100,000)
records spread over the modules in bulk, dated over the last two years, then the seconds, queries
and peak memory of computing the province's statistics for last year (target: under 5 s and
500 MB), with a few of the figures; then the seconds to draft the narrative and render the DOCX
and the XLSX annex, and the total with the statistics (target: under 5 s, 500 MB in all).
Then the compliance table of the reporting duties (scripts/bench_compliance.py): adds
BENCH_COMPLIANCE_UNITS (default 60) posts with 12 duties each and last year's submissions in
bulk, prints the queries of one table (the selector, the whole page) and measures the API and the
page for that year (BENCH_COMPLIANCE_REQUESTS requests each, default 200).
Then the reminder scheduler (scripts/bench_scheduler.py): BENCH_SCHEDULER_TASKS (default 10,000)
tasks coming due across 60 units with one user each, one scheduler run timed (notifications made,
e-mails through the locmem backend, queries), then a second run right after it (must make and
send nothing); then the same over as many unsent reports of the coordination regulations.
Then the situation map and the overview (scripts/bench_map.py), over the markers and incidents
seeded above and BENCH_MAP_CASES (default 10,000) crime cases and BENCH_MAP_RESCUES (default
2,000) rescues with a place, in bulk: each layer's features and bytes (plain, gzipped; the point
layers for this year and for the whole history), the 304 of an unchanged layer,
the layers and the overview page at 8 clients (BENCH_MAP_REQUESTS requests each, default 200),
and the map page's first load in headless Chromium (bytes over the wire, seconds to every layer
drawn; target under 1.5 MB).
Then the overview over the report's province-year (part "overview", scripts/bench_overview.py;
seeds the REPORT_RECORDS records unless the report part did): the page for that year computed
cold in process (the first request after any write; seconds and queries), cold at 8 clients
(BENCH_OVERVIEW_ROUNDS rounds, default 5, of 8 requests sent together right after a write),
then warm at 8 clients (BENCH_MAP_REQUESTS requests each) with its figures cached per server
process (target p99 under 300 ms).
The header search (part "search", right after "api", over the sample province): a mix of what
people type ("moc 222", "phu lang", "24", an incident's words, "ma tuy" ...) to
/api/v1/search?q= as the post's field officer, BENCH_SEARCH_REQUESTS requests (default 1,000)
from 8 clients, then each search alone (a tenth as many each); p50/p99 and requests per second
against the target (p99 under 50 ms); when the incidents part ran, the mix again over them.
Then, right after the API and before anything is seeded (part "pages", scripts/bench_pages.py):
the heaviest page of the sample at 1366 px and at 390 px, over the pages of the leader's menu
and a search, each loaded once with an empty cache in headless Chromium (bytes over the wire,
requests).
SQLite by default; set BENCH_DATABASE_URL to measure against PostgreSQL. BENCH_PARTS (default
"api,search,pages,markers,patrols,incidents,map,propaganda,report,overview,compliance,
scheduler"), or the parts named on the command line (`scripts/bench.py search`), picks the parts.
"""

import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BIENGIOI = str(Path(sys.executable).parent / "biengioi")
MARKERS_SCRIPT = str(Path(__file__).resolve().parent / "bench_markers.py")
PATROLS_SCRIPT = str(Path(__file__).resolve().parent / "bench_patrols.py")
PROPAGANDA_SCRIPT = str(Path(__file__).resolve().parent / "bench_propaganda.py")
REPORT_SCRIPT = str(Path(__file__).resolve().parent / "bench_report.py")
REPORT_RECORDS = int(os.environ.get("BENCH_REPORT_RECORDS", "100000"))
COMPLIANCE_SCRIPT = str(Path(__file__).resolve().parent / "bench_compliance.py")
COMPLIANCE_UNITS = int(os.environ.get("BENCH_COMPLIANCE_UNITS", "60"))
COMPLIANCE_REQUESTS = int(os.environ.get("BENCH_COMPLIANCE_REQUESTS", "200"))
SCHEDULER_SCRIPT = str(Path(__file__).resolve().parent / "bench_scheduler.py")
MAP_SCRIPT = str(Path(__file__).resolve().parent / "bench_map.py")
PAGES_SCRIPT = str(Path(__file__).resolve().parent / "bench_pages.py")
OVERVIEW_SCRIPT = str(Path(__file__).resolve().parent / "bench_overview.py")
OVERVIEW_ROUNDS = int(os.environ.get("BENCH_OVERVIEW_ROUNDS", "5"))
MAP_REQUESTS = int(os.environ.get("BENCH_MAP_REQUESTS", "200"))
MAP_CASES = int(os.environ.get("BENCH_MAP_CASES", "10000"))
MAP_RESCUES = int(os.environ.get("BENCH_MAP_RESCUES", "2000"))
SCHEDULER_TASKS = int(os.environ.get("BENCH_SCHEDULER_TASKS", "10000"))
IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "10000"))
EXPORT_SESSIONS = int(os.environ.get("BENCH_EXPORT_ROWS", "200000"))
PARTS = set(
    os.environ.get(
        "BENCH_PARTS",
        "api,search,pages,markers,patrols,incidents,map,propaganda,report,overview,compliance,scheduler",
    ).split(",")
)
SEARCH_REQUESTS = int(os.environ.get("BENCH_SEARCH_REQUESTS", "1000"))
SEARCH_TARGET_MS = 50.0  # p99 of the header search at CLIENTS clients (issue 23)
# what a post's officer types into the header: markers by number with and without "mốc", a
# number's beginning, a place, the words of an incident, a crime case, a task, a conference
SEARCHES = [
    "moc 222",
    "mốc 222",
    "24",
    "phu lang",
    "Phù Lãng",
    "sat lo",
    "ma tuy",
    "phat nuong",
    "hoi nghi so ket",
    "cua khau",
]
PATROLS = int(os.environ.get("BENCH_PATROLS", "10000"))
INCIDENTS = int(os.environ.get("BENCH_INCIDENTS", "50000"))
REQUESTS, CLIENTS, WARMUP, TIMEOUT = 2000, 8, 50, 10.0
# a loaded machine may take over 30 s to boot the workers
START_SECONDS = float(os.environ.get("BENCH_START_SECONDS", "90"))
EXPORT_ROWS = 2001  # a header and 2,000 markers
NAME = 34  # width of the endpoint column
HEADER = (
    f"{'endpoint':<{NAME}} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8}"
)


@dataclass
class Result:
    latencies: list[float]  # seconds, one per measured request
    errors: int  # non-200 answers, time-outs and broken connections
    seconds: float  # wall time of the measured phase

    def p99_ms(self) -> float:
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[98] * 1000

    def line(self, name: str) -> str:
        cuts = statistics.quantiles(self.latencies, n=100, method="inclusive")
        n, p50, p99 = len(self.latencies), cuts[49] * 1000, cuts[98] * 1000
        return (
            f"{name:<{NAME}} {n:>8} {self.errors:>6} {p50:>8.2f} {p99:>8.2f} "
            f"{n / self.seconds:>8.0f}"
        )


def run_cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([BIENGIOI, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"biengioi {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def run_markers(env: dict[str, str], *args: str, script: str = MARKERS_SCRIPT) -> dict[str, Any]:
    """Run a helper script (bench_markers.py, bench_patrols.py) in the installation's
    environment; its JSON answer."""
    done = subprocess.run([sys.executable, script, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        name = Path(script).name
        sys.exit(f"{name} {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(port: int, server: subprocess.Popen, timeout: float = START_SECONDS) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        try:
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return True
        except (OSError, http.client.HTTPException):
            pass
        finally:
            conn.close()
        time.sleep(0.2)
    return False


def process_tree(root: int) -> list[int]:
    """The root pid and all its descendants, found through the ppid field of /proc/*/stat."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        parents[int(stat.parent.name)] = int(fields[1])
    tree, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, ppid in parents.items() if ppid in frontier]
        tree += frontier
    return tree


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemorySampler(threading.Thread):
    """Every 50 ms, the RSS summed over the server's processes; keeps the peaks."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.stop = root, threading.Event()
        self.peak_sum = self.peak_one = self.processes = 0

    def run(self) -> None:
        while not self.stop.wait(0.05):
            sizes = [rss_kib(pid) for pid in process_tree(self.root)]
            self.peak_sum = max(self.peak_sum, sum(sizes))
            self.peak_one = max(self.peak_one, max(sizes))
            self.processes = max(self.processes, len(sizes))


def measure(
    port: int,
    path: str | list[str],
    headers: dict[str, str],
    requests: int = REQUESTS,
    ok: tuple[int, ...] = (200,),
) -> Result:
    """`requests` requests from CLIENTS threads, each on its own keep-alive connection; a list
    of paths is a mix, each client going through it from its own place."""
    paths = [path] if isinstance(path, str) else path
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    errors = [0] * CLIENTS
    start = threading.Barrier(CLIENTS + 1, timeout=120)

    def client(k: int) -> None:
        warmup = WARMUP // CLIENTS + (k < WARMUP % CLIENTS)
        count = requests // CLIENTS + (k < requests % CLIENTS)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        for i in range(warmup + count):
            if i == warmup:
                start.wait()
                # gunicorn closes a connection idle for over 2 s (its keep-alive), which a client
                # that finished its warm-up early may have been at the barrier: start afresh, or
                # its first request fails on the closed connection and counts as an error
                conn.close()
            began = time.perf_counter()
            try:
                conn.request("GET", paths[(k + i) % len(paths)], headers=headers)
                response = conn.getresponse()
                response.read()
                good = response.status in ok
            except (OSError, http.client.HTTPException):
                conn.close()  # the next request reconnects
                good = False
            if i >= warmup:
                latencies[k].append(time.perf_counter() - began)
                errors[k] += not good
        conn.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    return Result([x for per in latencies for x in per], sum(errors), seconds)


def measure_all(
    port: int,
    server: subprocess.Popen,
    paths: dict[str, tuple[str | list[str], dict[str, str]]],
    requests: int = REQUESTS,
    ok: tuple[int, ...] = (200,),
) -> dict[str, Result]:
    """Measure each (path, headers) in turn; print the table and the server's peak memory."""
    sampler = MemorySampler(server.pid)
    sampler.start()
    rows = {
        name: measure(port, path, headers, requests, ok) for name, (path, headers) in paths.items()
    }
    sampler.stop.set()
    sampler.join()
    print(HEADER)
    for name, result in rows.items():
        print(result.line(name))
    print(
        f"peak RSS: {sampler.peak_sum / 1024:.1f} MiB summed over {sampler.processes} "
        f"server processes; largest process {sampler.peak_one / 1024:.1f} MiB"
    )
    return rows


def export_line(e: dict[str, Any]) -> str:
    return (
        f"export {e['format']:<4} {e['markers']:,} markers: {e['seconds']:.2f} s "
        f"(query {e['query_s']:.2f} s), {e['bytes']:,} bytes; "
        f"peak Python allocations {e['traced_peak_mib']:.1f} MiB (tracemalloc, separate "
        f"run: {e['traced_s']:.2f} s), process peak RSS {e['rss_peak_mib']:.1f} MiB "
        f"({e['rss_before_mib']:.1f} MiB before the export)"
    )


def match_count(port: int, path: str, headers: dict[str, str]) -> int | None:
    """The `count` of one API list page: how many records the measured query matched."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        return json.loads(body)["count"] if response.status == 200 else None
    except (OSError, http.client.HTTPException, ValueError, KeyError):
        return None
    finally:
        conn.close()


def download(port: int, server: subprocess.Popen, path: str, cookie: str) -> dict[str, Any]:
    """GET one export from the server, reading it as it comes: time to the first byte of the
    body, total seconds, bytes, rows (CSV lines, or XLSX <row> elements), the server's peak
    RSS (largest process) meanwhile and that process's RSS before."""
    before = max(rss_kib(pid) for pid in process_tree(server.pid))
    sampler = MemorySampler(server.pid)
    sampler.start()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    began = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    first_byte = None
    size = 0
    with tempfile.TemporaryFile() as body:
        while chunk := response.read1(256 * 1024):
            if first_byte is None:
                first_byte = time.perf_counter() - began
            size += len(chunk)
            body.write(chunk)
        seconds = time.perf_counter() - began
        sampler.stop.set()
        sampler.join()
        conn.close()
        body.seek(0)
        rows = count_rows(body, path.split("?")[0].endswith(".xlsx"))
    return {
        "status": response.status,
        "first_byte_s": first_byte or seconds,
        "seconds": seconds,
        "bytes": size,
        "rows": rows,
        "peak_mib": sampler.peak_one / 1024,
        "before_mib": before / 1024,
    }


def count_rows(body: Any, xlsx: bool) -> int:
    """Rows in a downloaded file, header included, read in pieces (never the whole file)."""
    import zipfile

    if not xlsx:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: body.read(1 << 20), b""))
    with zipfile.ZipFile(body) as book, book.open("xl/worksheets/sheet1.xml") as sheet:
        count, tail = 0, b""
        for chunk in iter(lambda: sheet.read(1 << 20), b""):
            count += (tail + chunk).count(b"</row>")
            tail = chunk[-5:]
        return count


def download_line(fmt: str, sessions: int, e: dict[str, Any]) -> str:
    return (
        f"export {fmt:<4} {sessions:>7,} sessions over HTTP: first byte {e['first_byte_s']:.3f} s, "
        f"total {e['seconds']:.1f} s, {e['bytes'] / 1024 / 1024:,.1f} MiB, {e['rows']:,} rows "
        f"read back; server peak RSS {e['peak_mib']:.1f} MiB (largest process; "
        f"{e['before_mib']:.1f} MiB before)"
    )


def bench_propaganda(env: dict[str, str], port: int, server: subprocess.Popen) -> list[str]:
    """Import, then exports at 20,000 and EXPORT_SESSIONS rows; returns what failed."""
    failed = []
    done = run_markers(env, "import", str(IMPORT_ROWS), script=PROPAGANDA_SCRIPT)
    print(
        f"import of an XLSX of {done['rows']:,} propaganda sessions ({done['bytes']:,} bytes) "
        f"through the service: {done['seconds']:.2f} s = {done['rows'] / done['seconds']:,.0f} "
        f"rows/s; process peak RSS {done['rss_peak_mib']:.1f} MiB ({done['rss_before_mib']:.1f} "
        f"MiB with the file made, before the import); {done['created']:,} sessions made"
    )
    if done["created"] != IMPORT_ROWS:
        failed.append("import")
    login = run_markers(env, "cookie", script=PROPAGANDA_SCRIPT)
    cookie = f"{login['name']}={login['value']}"
    for total in sorted({min(20_000, EXPORT_SESSIONS), EXPORT_SESSIONS}):
        seeded = run_markers(env, "seed", str(total), script=PROPAGANDA_SCRIPT)
        print(
            f"sessions: {seeded['created']:,} added in bulk in {seeded['seconds']:.1f} s; "
            f"{seeded['total']:,} in all"
        )
        for fmt in ("xlsx", "csv"):
            got = download(port, server, f"/propaganda/export.{fmt}?start=01/01/2000", cookie)
            print(download_line(fmt, seeded["total"], got))
            if got["status"] != 200 or got["rows"] != seeded["total"] + 1:
                failed.append(f"export {fmt} of {seeded['total']:,}")
    return failed


def bench_report(env: dict[str, str]) -> list[str]:
    """Seed REPORT_RECORDS records, then compute a province-year's statistics; returns what
    missed its target."""
    seeded = run_markers(env, "seed", str(REPORT_RECORDS), script=REPORT_SCRIPT)
    print(
        f"report: {seeded['created']:,} records added in bulk over {seeded['year'] - 1} and "
        f"{seeded['year']} in {seeded['seconds']:.1f} s"
    )
    done = run_markers(env, "compute", script=REPORT_SCRIPT)
    print(
        f"statistics of the province for {done['period']} (with the year before): "
        f"{done['seconds']:.2f} s, {done['queries']} queries; peak Python allocations "
        f"{done['traced_peak_mib']:.1f} MiB (tracemalloc, separate run), process peak RSS "
        f"{done['rss_peak_mib']:.1f} MiB ({done['rss_before_mib']:.1f} MiB before)"
    )
    for name, text in done["figures"].items():
        print(f"  {name}: {text}")
    print(
        f"report files: narrative drafted in {done['draft_seconds']:.2f} s, DOCX rendered in "
        f"{done['docx_seconds']:.2f} s ({done['docx_bytes']:,} bytes), XLSX annex in "
        f"{done['xlsx_seconds']:.2f} s ({done['xlsx_bytes']:,} bytes); statistics, draft and "
        f"files {done['total_seconds']:.2f} s in all; process peak RSS "
        f"{done['rss_peak_after_files_mib']:.1f} MiB"
    )
    missed = []
    if done["seconds"] > 5:
        missed.append(f"statistics took {done['seconds']:.1f} s (target 5 s)")
    if done["total_seconds"] > 5:
        missed.append(
            f"statistics, draft and files took {done['total_seconds']:.1f} s (target 5 s)"
        )
    if done["rss_peak_after_files_mib"] > 500:
        missed.append(
            f"report peak RSS {done['rss_peak_after_files_mib']:.0f} MiB (target 500 MiB)"
        )
    return missed


def bench_overview(env: dict[str, str], port: int, server: subprocess.Popen, seed: bool) -> dict:
    """The overview of the report's province-year: cold in process, then warm at 8 clients."""
    if seed:
        seeded = run_markers(env, "seed", str(REPORT_RECORDS), script=REPORT_SCRIPT)
        print(f"overview: {seeded['created']:,} records added in bulk in {seeded['seconds']:.1f} s")
    year = int(time.strftime("%Y")) - 1  # the seeded province-year (bench_report.py)
    cold = run_markers(env, "cold", str(year), "5", script=OVERVIEW_SCRIPT)
    print(
        f"overview {year} cold (figures computed, in process, 5 runs): p50 "
        f"{cold['p50'] * 1000:.0f} ms, max {cold['max'] * 1000:.0f} ms, {cold['queries']} "
        f"queries, {cold['bytes']:,} bytes; then cached: {cold['warm'] * 1000:.0f} ms"
    )
    login = run_markers(env, "cookie", script=MAP_SCRIPT)
    session = {"Cookie": f"{login['name']}={login['value']}"}
    path = f"/?period={year}"
    # cold at 8 clients: after a write, 8 clients ask at once and every server process computes
    # the figures afresh; OVERVIEW_ROUNDS rounds, a write before each
    latencies: list[float] = []
    for _ in range(OVERVIEW_ROUNDS):
        run_markers(env, "touch", str(year), script=OVERVIEW_SCRIPT)
        latencies += at_once(port, path, session)
    latencies.sort()
    print(
        f"overview {year} cold at {CLIENTS} clients ({OVERVIEW_ROUNDS} rounds after a write): "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p99 {latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000:.0f} ms, "
        f"max {latencies[-1] * 1000:.0f} ms"
    )
    return measure_all(
        port, server, {f"GET {path} (overview, warm)": (path, session)}, MAP_REQUESTS
    )


def at_once(port: int, path: str, headers: dict[str, str]) -> list[float]:
    """CLIENTS requests of `path` sent together; the seconds each took."""
    took: list[float] = []
    start = threading.Barrier(CLIENTS)

    def one() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        start.wait()
        began = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        took.append(time.perf_counter() - began)
        conn.close()

    threads = [threading.Thread(target=one) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return took


def bench_compliance(env: dict[str, str], port: int, server: subprocess.Popen) -> dict:
    """Seed the duties and a year of submissions; print the queries of one table; measure the
    API and the page of that year."""
    seeded = run_markers(env, "seed", str(COMPLIANCE_UNITS), "12", script=COMPLIANCE_SCRIPT)
    print(
        f"compliance: {seeded['units']} posts, {seeded['duties']:,} duties, "
        f"{seeded['submissions']:,} submissions of {seeded['year']} added in bulk in "
        f"{seeded['seconds']:.1f} s"
    )
    year = seeded["year"]
    counted = run_markers(env, "queries", str(year), script=COMPLIANCE_SCRIPT)
    print(
        f"compliance table {year}: {counted['units']} units, {counted['cells']:,} periods; "
        f"selector {counted['selector_queries']} queries, {counted['selector_seconds'] * 1000:.0f}"
        f" ms; whole page {counted['page_queries']} queries, "
        f"{counted['page_seconds'] * 1000:.0f} ms (the first, loading templates and catalogs: "
        f"{counted['page_first_seconds'] * 1000:.0f} ms), {counted['page_bytes']:,} bytes, HTTP "
        f"{counted['page_status']} (in process)"
    )
    token = run_cli(env, "token", "create", "thuongtruc.bcd", "--name", "bench").splitlines()[0]
    login = run_markers(env, "cookie", script=COMPLIANCE_SCRIPT)
    paths = {
        f"GET /api/v1/compliance?year={year}": (
            f"/api/v1/compliance?year={year}",
            {"Authorization": f"Bearer {token}"},
        ),
        f"GET /coordination/compliance/ {year}": (
            f"/coordination/compliance/?year={year}&part=year",
            {"Cookie": f"{login['name']}={login['value']}"},
        ),
    }
    return measure_all(port, server, paths, COMPLIANCE_REQUESTS)


def layer_bytes(port: int, path: str, headers: dict[str, str]) -> tuple[int, int, str, int]:
    """A layer's size plain and gzipped, its ETag, and the status of asking again with it."""
    sizes, etag = [], ""
    for encoding in ("identity", "gzip"):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", path, headers={**headers, "Accept-Encoding": encoding})
        response = conn.getresponse()
        sizes.append(len(response.read()))
        etag = response.getheader("ETag") or ""
        conn.close()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={**headers, "If-None-Match": etag})
    again = conn.getresponse()
    again.read()
    conn.close()
    return sizes[0], sizes[1], etag, again.status


def bench_map(env: dict[str, str], port: int, server: subprocess.Popen) -> dict:
    """The map's layers as the province's leader (plain, gzipped, and the 304 of an unchanged
    layer), the overview page at 8 clients, and the map page's first load in Chromium."""
    token = run_cli(env, "token", "create", "lanhdao.tinh", "--name", "bench").splitlines()[0]
    login = run_markers(env, "cookie", script=MAP_SCRIPT)
    auth = {"Authorization": f"Bearer {token}"}
    session = {"Cookie": f"{login['name']}={login['value']}"}
    seeded = run_markers(env, "places", str(MAP_CASES), str(MAP_RESCUES), script=MAP_SCRIPT)
    print(f"map: {seeded['cases']:,} crime cases and {seeded['rescues']:,} rescues with a place")
    # the page asks for this year's points; the whole history is measured once, not at load
    this_year = f"start={time.strftime('%Y')}-01-01"
    layers = ["countries", "sections", "markers", "signs", "gates", "posts", "repairs"]
    for layer in ("incidents", "handovers", "crime", "rescues"):
        layers += [f"{layer}?{this_year}", layer]
    whole = {"incidents", "handovers", "crime", "rescues"}  # measured once, not at 8 clients
    paths: dict[str, tuple[str, dict[str, str]]] = {}
    for layer in layers:
        path = f"/api/v1/map/{layer}"
        began = time.perf_counter()
        features = match_features(port, path, auth)
        seconds = time.perf_counter() - began
        plain, zipped, etag, status = layer_bytes(port, path, auth)
        print(
            f"map layer {layer}: {features:,} features in {seconds:.2f} s, {plain:,} bytes, "
            f"{zipped:,} gzipped; asked again with its ETag: HTTP {status}"
        )
        if layer not in whole:
            paths[f"GET {path}"] = (path, {**auth, "Accept-Encoding": "gzip"})
        if layer in ("markers", "posts", f"crime?{this_year}"):
            paths[f"GET {path} (304)"] = (path, {**auth, "If-None-Match": etag})
    paths["GET / (overview, this year)"] = ("/", session)
    rows = measure_all(port, server, paths, MAP_REQUESTS, ok=(200, 304))
    first = run_markers(env, "page", str(port), login["name"], login["value"], script=MAP_SCRIPT)
    if "skipped" in first:
        print(f"map page first load: skipped ({first['skipped']})")
    else:
        print(
            f"map page first load in Chromium: {first['bytes']:,} bytes over "
            f"{first['requests']} requests, layers drawn in {first['seconds']:.2f} s, "
            f"{first['markers_drawn']:,} markers drawn, {first['clusters_drawn']:,} groups of "
            f"crowded points; requests off the server: "
            f"{len(first['outside'])}"
        )
    return rows


def bench_pages(env: dict[str, str], port: int) -> None:
    """The heaviest page of the sample as the province's leader, at each width."""
    login = run_markers(env, "cookie", script=MAP_SCRIPT)
    found = run_markers(
        env, "heaviest", str(port), login["name"], login["value"], script=PAGES_SCRIPT
    )
    if "skipped" in found:
        print(f"heaviest page: skipped ({found['skipped']})")
        return
    for width, top in found.items():
        print(
            f"heaviest page at {width} px: {top['path']}, {top['bytes']:,} bytes over "
            f"{top['requests']} requests (of {top['pages']} pages, cache empty)"
        )


def match_features(port: int, path: str, headers: dict[str, str]) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers=headers)
    body = json.loads(conn.getresponse().read())
    conn.close()
    return len(body["features"])


def bench_scheduler(env: dict[str, str]) -> list[str]:
    """One scheduler run over SCHEDULER_TASKS tasks coming due, then a second one; then the same
    over as many reports the regulations expect and nobody sent. Each second run must make and
    send nothing."""
    failed = []
    for mode, what in (("run", "tasks coming due"), ("reports", "reports due or overdue, unsent")):
        done = run_markers(env, mode, str(SCHEDULER_TASKS), script=SCHEDULER_SCRIPT)
        first, second = done["first"], done["second"]
        count = done.get("tasks", done.get("reports"))
        print(
            f"scheduler over {count:,} {what} in {done['units']} units: first run "
            f"{first['seconds']:.2f} s, {first['created']:,} notifications, {first['emailed']:,} "
            f"e-mails ({first['outbox']:,} in the locmem outbox), {first['queries']:,} queries; "
            f"second run {second['seconds']:.2f} s, {second['created']:,} notifications, "
            f"{second['emailed']:,} e-mails, {second['queries']:,} queries; "
            f"peak RSS {done['peak_rss_mib']:.1f} MiB"
        )
        if second["created"] or second["outbox"] or first["failed"]:
            failed.append(f"scheduler {mode} (the second run made or sent something, or failed)")
    return failed


def search_hits(port: int, path: str, headers: dict[str, str]) -> str:
    """What one header search found: its groups' counts ("marker 3, incident 1"), or why not."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            return f"HTTP {response.status}"
        groups = json.loads(body)["groups"]
        return ", ".join(f"{g['kind']} {g['count']}" for g in groups) or "nothing"
    except (OSError, http.client.HTTPException, ValueError, KeyError) as error:
        return f"failed ({error})"
    finally:
        conn.close()


def bench_search(
    port: int, server: subprocess.Popen, headers: dict[str, str], over: str, alone: bool = True
) -> tuple[dict[str, Result], list[str]]:
    """The header search at CLIENTS clients: the mix of SEARCHES, then (if `alone`) each search
    by itself; what each finds, and the p99 of the mix against the target."""
    paths = {q: "/api/v1/search?q=" + urllib.parse.quote(q) for q in SEARCHES}
    mix = f"GET /api/v1/search (mix of {len(SEARCHES)})"
    print(f"header search over {over}, {CLIENTS} clients:")
    rows = measure_all(port, server, {mix: (list(paths.values()), headers)}, SEARCH_REQUESTS)
    if alone:
        each = {f"  q={q}": (path, headers) for q, path in paths.items()}
        rows |= measure_all(port, server, each, max(CLIENTS, SEARCH_REQUESTS // len(SEARCHES)))
    for q, path in paths.items():
        print(f"  found for {q!r}: {search_hits(port, path, headers)}")
    p99 = rows[mix].p99_ms()
    met = p99 < SEARCH_TARGET_MS
    print(
        f"header search target p99 < {SEARCH_TARGET_MS:.0f} ms at {CLIENTS} clients over {over}: "
        f"{'met' if met else 'NOT met'} (p99 {p99:.1f} ms)"
    )
    return rows, [] if met else [f"search over {over} (p99 {p99:.1f} ms)"]


def stop_group(server: subprocess.Popen) -> None:
    """Terminate the server's whole process group (gunicorn master and workers)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def main() -> int:
    global PARTS
    if len(sys.argv) > 1:
        PARTS = {part for arg in sys.argv[1:] for part in arg.split(",")}
    print("Note: this machine is shared and noisy; compare figures as ratios within one run.")
    var_dir = tempfile.mkdtemp(prefix="biengioi-bench-")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["BIENGIOI_VAR_DIR"] = var_dir
    if os.environ.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    print(f"database: {'PostgreSQL' if 'DATABASE_URL' in env else 'SQLite'}")
    server: subprocess.Popen | None = None
    try:
        run_cli(env, "demo", "--no-serve")
        token = run_cli(env, "token", "create", "canbo.phulang", "--name", "bench").splitlines()[0]
        port = free_port()
        log = Path(var_dir) / "server.log"
        with log.open("wb") as out:  # the server keeps its own copy of the descriptor
            server = subprocess.Popen(
                [BIENGIOI, "serve", "--port", str(port)],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        if not wait_healthy(port, server):
            print(f"server did not come up on port {port}; its output:", file=sys.stderr)
            print(log.read_text(errors="replace")[-4000:], file=sys.stderr)
            return 2
        auth = {"Authorization": f"Bearer {token}"}
        rows: dict[str, Result] = {}
        exports: list[dict[str, Any]] = []
        failed: list[str] = []
        if "api" in PARTS:
            rows |= measure_all(
                port,
                server,
                {
                    "GET /healthz": ("/healthz", {}),
                    "GET /api/v1/units?size=50": ("/api/v1/units?size=50", auth),
                },
            )

        if "search" in PARTS:
            measured, missed = bench_search(port, server, auth, "the sample province")
            rows |= measured
            failed += missed
        if "pages" in PARTS:
            bench_pages(env, port)

        if "markers" in PARTS:
            seeded = run_markers(env, "seed")
            print(
                f"seeding: {seeded['created']:,} markers over {seeded['sections']} sections in "
                f"{seeded['seconds']:.1f} s; {seeded['total']:,} markers in all"
            )
            marker_paths = {
                "GET /api/v1/markers?size=50": ("/api/v1/markers?size=50", auth),
                "GET /api/v1/markers?q=222&size=50": ("/api/v1/markers?q=222&size=50", auth),
            }
            rows |= measure_all(port, server, marker_paths)
            counts = [f"{name} {match_count(port, *args)}" for name, args in marker_paths.items()]
            print(f"markers matched (API count): {'; '.join(counts)}")

            exports = [run_markers(env, "export", fmt) for fmt in ("xlsx", "csv")]
            for export in exports:
                print(export_line(export))
            print(f"XLSX read back with openpyxl (read_only): {exports[0]['rows']:,} rows")

        if "patrols" in PARTS:
            made = run_markers(env, "create", str(PATROLS), script=PATROLS_SCRIPT)
            records = made["patrols"] + made["inspections"]
            print(
                f"patrols through the service: {made['patrols']:,} patrols with "
                f"{made['inspections']:,} inspections in {made['seconds']:.1f} s = "
                f"{made['patrols'] / made['seconds']:,.0f} patrols/s, "
                f"{records / made['seconds']:,.0f} records/s; "
                f"peak RSS {made['peak_rss_mib']:.1f} MiB; {made['total_patrols']:,} patrols, "
                f"{made['total_inspections']:,} inspections in all"
            )
            rows |= measure_all(
                port,
                server,
                {
                    "GET /api/v1/patrols?size=50": ("/api/v1/patrols?size=50", auth),
                    "GET /api/v1/patrols/counts?start=2024-01-01": (
                        "/api/v1/patrols/counts?start=2024-01-01",
                        auth,
                    ),
                },
            )

        if "incidents" in PARTS:
            seeded = run_markers(env, "incidents", str(INCIDENTS), script=PATROLS_SCRIPT)
            print(
                f"incidents: {seeded['service']:,} through the service in "
                f"{seeded['seconds']:.1f} s = {seeded['service'] / seeded['seconds']:,.0f} "
                "incidents/s (each placed against "
                f"the nearest marker and line); {seeded['bulk']:,} more in bulk; "
                f"{seeded['total']:,} in all, {seeded['open']:,} open"
            )
            incident_paths = {
                "GET /api/v1/incidents/overdue?size=50": (
                    "/api/v1/incidents/overdue?size=50",
                    auth,
                ),
                "GET /api/v1/incidents/counts": ("/api/v1/incidents/counts", auth),
            }
            rows |= measure_all(port, server, incident_paths)
            overdue = match_count(port, *incident_paths["GET /api/v1/incidents/overdue?size=50"])
            print(f"overdue incidents matched (API count): {overdue}")
            if "search" in PARTS:
                over = f"{seeded['total']:,} incidents"
                measured, missed = bench_search(port, server, auth, over, alone=False)
                rows |= {f"{name} ({over})": result for name, result in measured.items()}
                failed += missed

        if "map" in PARTS:
            rows |= bench_map(env, port, server)

        if "propaganda" in PARTS:
            failed += bench_propaganda(env, port, server)

        if "report" in PARTS:
            failed += bench_report(env)
        if "overview" in PARTS:
            rows |= bench_overview(env, port, server, seed="report" not in PARTS)
        if "compliance" in PARTS:
            rows |= bench_compliance(env, port, server)
        if "scheduler" in PARTS:
            failed += bench_scheduler(env)

        status = 0
        if failed:
            print(f"parts failed: {', '.join(failed)}", file=sys.stderr)
            status = 1
        erring = [name for name, r in rows.items() if r.errors > 0.01 * len(r.latencies)]
        if erring:
            print(f"more than 1% errors: {', '.join(erring)}", file=sys.stderr)
            status = 1
        short = [e["format"] for e in exports if e["rows"] != EXPORT_ROWS]
        if short:
            print(f"export without {EXPORT_ROWS:,} rows: {', '.join(short)}", file=sys.stderr)
            status = 1
        return status
    finally:
        if server is not None:
            stop_group(server)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
