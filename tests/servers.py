"""Real installations for tests that need a whole process: a throwaway database (of the kind
the suite runs on), the `biengioi` command, and a gunicorn server on a free loopback port."""

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import psycopg

BIENGIOI = [sys.executable, "-m", "biengioi.cli"]


def _admin_conninfo(url: str) -> str:
    cfg = dj_database_url.parse(url)
    return psycopg.conninfo.make_conninfo(
        host=cfg.get("HOST") or "127.0.0.1",
        port=cfg.get("PORT") or 5432,
        user=cfg.get("USER") or "postgres",
        password=cfg.get("PASSWORD") or None,
        dbname="postgres",
    )


@contextlib.contextmanager
def fresh_database(var_dir: Path) -> Iterator[str]:
    """A new, empty database of the suite's kind; dropped afterwards on PostgreSQL."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        yield f"sqlite:///{var_dir / 'biengioi.sqlite3'}"
        return
    name = f"biengioi_t_{secrets.token_hex(4)}"
    admin = _admin_conninfo(base)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass(frozen=True)
class Installation:
    """An installation made once for a test run (`tests.conftest.demo_installation`): its
    var directory (secret key, collected static files, the SQLite file) and its database."""

    var_dir: Path
    database_url: str


@contextlib.contextmanager
def copy_of(installation: Installation, var_dir: Path) -> Iterator[str]:
    """A copy of `installation` of its own, in `var_dir`: the same secret key (the audit
    chain's links are keyed by it) and the same data, without migrating and loading the sample
    again for every module; dropped afterwards on PostgreSQL."""
    shutil.copytree(installation.var_dir, var_dir, dirs_exist_ok=True)
    if not installation.database_url.startswith("postgres"):
        yield f"sqlite:///{var_dir / 'biengioi.sqlite3'}"
        return
    template = installation.database_url.rsplit("/", 1)[1]
    name = f"biengioi_t_{secrets.token_hex(4)}"
    admin = _admin_conninfo(installation.database_url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield installation.database_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def env_for(var_dir: Path, database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE")}
    env.update(BIENGIOI_VAR_DIR=str(var_dir), DATABASE_URL=database_url, **extra)
    return env


def run(
    env: dict[str, str], *args: str, stdin: str | None = None, check: bool = True
) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [*BIENGIOI, *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"biengioi {' '.join(args)}: {done.returncode}\n{done.stderr}")
    return done


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(env: dict[str, str], *, wait_healthy: bool = True) -> Iterator[str]:
    """`biengioi serve` on a free port; yields its base URL once /healthz answers."""
    port = free_port()
    log = open(Path(env["BIENGIOI_VAR_DIR"]) / "serve.log", "w+")  # noqa: SIM115
    proc = subprocess.Popen(
        [*BIENGIOI, "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise AssertionError(f"server exited: {log.read()}")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as resp:
                    if resp.status == 200 or not wait_healthy:
                        break
            except urllib.error.HTTPError:
                if not wait_healthy:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("server did not answer /healthz within 60 s")
            time.sleep(0.3)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()
