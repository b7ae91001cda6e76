"""The scheduler as a process: `biengioi scheduler --once` (twice at the same moment, then again:
each notification made once in all), the worker loop stopping cleanly on SIGTERM, and the scheduler
embedded beside gunicorn in `biengioi serve`, passing SIGTERM on and exiting with its code."""

import contextlib
import os
import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.servers import BIENGIOI, copy_of, env_for, free_port, run

RUN_LINE = re.compile(r"(\d+) thông báo mới, (\d+) thư")


@pytest.fixture(scope="module")
def installation(tmp_path_factory, demo_installation):
    """The demo province (its overdue task and the Phù Lang post's missing report remind)."""
    var = tmp_path_factory.mktemp("scheduler")
    with copy_of(demo_installation, var) as url:
        yield env_for(var, url, BIENGIOI_LANGUAGE="vi")


def _made(output: str) -> int:
    return sum(int(m.group(1)) for m in RUN_LINE.finditer(output))


def test_once_at_the_same_moment_twice_makes_each_notification_once(installation):
    procs = [
        subprocess.Popen(
            [*BIENGIOI, "scheduler", "--once"],
            env=installation,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    made = _made(outputs[0][0] + outputs[1][0])
    stored = run(
        installation,
        "manage",
        "shell",
        "-c",
        "from biengioi.notifications.models import Notification as N; print(N.objects.count())",
    ).stdout
    # the two runs together made what is stored, not twice as much: each (recipient, key) once
    assert made >= 2 and int(stored.split()[-1]) == made  # the overdue task, the missing report
    again = run(installation, "scheduler", "--once").stdout
    assert RUN_LINE.search(again).groups() == ("0", "0")


def _lines_until(proc: subprocess.Popen, count: int, timeout: float = 90) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while sum(1 for x in lines if RUN_LINE.search(x)) < count:
        assert time.monotonic() < deadline, lines
        line = proc.stdout.readline()
        assert line, f"exited early: {lines}"
        lines.append(line)
    return lines


def test_the_worker_loops_and_stops_cleanly_on_sigterm(installation):
    proc = subprocess.Popen(
        [*BIENGIOI, "scheduler", "--interval", "0.2"],
        env=installation,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _lines_until(proc, 2)  # it ran, then ran again after the interval
        proc.send_signal(signal.SIGTERM)
        rest, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert rest.strip().endswith("nhắc việc đã dừng")


def test_serve_runs_the_scheduler_beside_gunicorn_and_passes_sigterm_on(installation):
    port = free_port()
    env = {**installation, "BIENGIOI_SCHEDULER": "embedded", "BIENGIOI_SCHEDULER_INTERVAL": "0.5"}
    proc = subprocess.Popen(
        [*BIENGIOI, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        _lines_until(proc, 2)
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not answer"
                time.sleep(0.3)
        os.kill(proc.pid, signal.SIGTERM)  # the parent only: it must pass it on
        proc.communicate(timeout=60)
        assert proc.returncode == 0
        time.sleep(0.5)
        with pytest.raises(ProcessLookupError):  # gunicorn and its workers are gone too
            os.killpg(proc.pid, 0)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def test_serve_without_the_scheduler_still_replaces_itself_with_gunicorn(installation, tmp_path):
    port = free_port()
    env = {**installation, "BIENGIOI_SCHEDULER": ""}
    log = Path(tmp_path) / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*BIENGIOI, "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.3)
        cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes().split(b"\0")
        assert b"gunicorn" in cmdline  # exec'd: the same pid is gunicorn's master
        assert "nhắc việc" not in log.read_text()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
