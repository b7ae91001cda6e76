"""The `biengioi` command: set-up and operation of one installation.

Each verb is a thin shell over the services; `biengioi manage ...` reaches Django's own commands.
Messages are in Vietnamese; BIENGIOI_LANGUAGE=en switches them to English.
"""

import argparse
import contextlib
import getpass
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

Handler = Callable[[argparse.Namespace], int]
VERBS: dict[str, tuple[Any, Handler]] = {}
ROLES = ["field_officer", "unit_staff", "secretariat", "leader", "administrator"]
KINDS = [
    "province",
    "steering_committee",
    "foreign_affairs",
    "border_guard_command",
    "border_post",
    "commune",
    "agency",
]


def verb(name: str, help_text: Any) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        VERBS[name] = (help_text, fn)
        return fn

    return register


def _fail(message: str) -> int:
    print(_("lỗi: {message}").format(message=message), file=sys.stderr)
    return 2


def _field_error(exc: Any) -> int:
    return _fail(f"{exc.field}: {exc.message}")


def _call(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


@verb("migrate", gettext_lazy("tạo hoặc cập nhật các bảng cơ sở dữ liệu"))
def cmd_migrate(args: argparse.Namespace) -> int:
    _call("migrate", "--noinput", "-v", "1")
    return 0


def _embedded(args: argparse.Namespace, default: bool) -> bool:
    """Whether `serve`/`demo` runs the scheduler beside gunicorn: the flags, else
    BIENGIOI_SCHEDULER=embedded, else the verb's default."""
    from django.conf import settings

    if getattr(args, "scheduler", None) is not None:
        return bool(args.scheduler)
    if settings.SCHEDULER:
        return settings.SCHEDULER == "embedded"
    return default


@verb("serve", gettext_lazy("phục vụ ứng dụng bằng gunicorn trên 127.0.0.1:$PORT (mặc định 8000)"))
def cmd_serve(args: argparse.Namespace) -> int:
    return _serve(args, scheduler_default=False)


def _serve(args: argparse.Namespace, *, scheduler_default: bool) -> int:
    from django.conf import settings

    _call("collectstatic", "--noinput", "-v", "0")
    port = str(args.port or os.environ.get("PORT", "8000"))
    host = args.host or os.environ.get("HOST", "127.0.0.1")
    sqlite = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    workers = os.environ.get("WEB_CONCURRENCY", "2" if sqlite else str((os.cpu_count() or 1) * 2))
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "biengioi.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        workers,
        "--threads",
        os.environ.get("GUNICORN_THREADS", "4"),
        "--access-logfile",
        "-" if args.access_log else "/dev/null",
        "--forwarded-allow-ips",
        os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]
    print(
        _("biengioi: đang phục vụ tại http://{host}:{port}/").format(host=host, port=port),
        flush=True,
    )
    if _embedded(args, scheduler_default):
        return _serve_with_scheduler(argv)
    os.execv(sys.executable, argv)  # noqa: S606 - fixed argv, no shell
    return 0  # pragma: no cover - execv does not return


def _print_run(result: Any) -> None:
    line = _("{n} thông báo mới, {m} thư").format(n=result.created, m=result.emailed)
    if result.failed:
        line += "; " + _("việc lỗi: {jobs}").format(jobs=", ".join(result.failed))
    print(f"{_('biengioi: nhắc việc')}: {line}", flush=True)


def _stop_on_signals(stop: threading.Event, forward: Callable[[int], None] | None = None) -> None:
    def handle(signum: int, _frame: Any) -> None:
        if forward is not None:
            forward(signum)
        stop.set()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)


def _serve_with_scheduler(argv: list[str]) -> int:
    """gunicorn as a child (the same command `serve` would exec) and the scheduler loop here;
    SIGTERM/SIGINT go on to gunicorn, and this process exits with its code."""
    from django.conf import settings

    from biengioi.notifications.scheduler import loop

    child = subprocess.Popen(argv)  # noqa: S603 - fixed argv, no shell
    stop = threading.Event()

    def forward(signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            child.send_signal(signum)

    _stop_on_signals(stop, forward)

    def watch() -> None:  # gunicorn gone by itself: stop the scheduler too
        child.wait()
        stop.set()

    threading.Thread(target=watch, daemon=True).start()
    print(
        _("biengioi: nhắc việc chạy kèm, mỗi {s} giây").format(
            s=f"{settings.SCHEDULER_INTERVAL:g}"
        ),
        flush=True,
    )
    loop(settings.SCHEDULER_INTERVAL, stop, on_run=_print_run)
    code = child.wait()
    return code if code >= 0 else 128 - code


@verb(
    "scheduler",
    gettext_lazy(
        "chạy các việc nhắc hạn: `--once` một lần rồi thoát; không có thì lặp mỗi "
        "--interval giây (mặc định $BIENGIOI_SCHEDULER_INTERVAL hoặc 300) đến khi bị dừng"
    ),
)
def cmd_scheduler(args: argparse.Namespace) -> int:
    from django.conf import settings

    from biengioi.notifications.scheduler import loop, run_once

    if args.once:
        result = run_once()
        _print_run(result)
        return 1 if result.failed else 0
    interval = args.interval if args.interval is not None else settings.SCHEDULER_INTERVAL
    if interval <= 0:
        return _fail(_("--interval phải lớn hơn 0"))
    stop = threading.Event()
    _stop_on_signals(stop)
    print(_("biengioi: nhắc việc mỗi {s} giây").format(s=f"{interval:g}"), flush=True)
    loop(interval, stop, on_run=_print_run)
    print(_("biengioi: nhắc việc đã dừng"), flush=True)
    return 0


@verb("unit", gettext_lazy("`unit create MÃ TÊN --kind LOẠI [--parent MÃ]`: thêm một đơn vị"))
def cmd_unit(args: argparse.Namespace) -> int:
    from biengioi.core.errors import DomainError
    from biengioi.registry.models import OrgUnit
    from biengioi.registry.services import unit_create

    parent = None
    if args.parent:
        parent = OrgUnit.objects.filter(code=args.parent.upper()).first()
        if parent is None:
            return _fail(_("parent: không có đơn vị mã “{code}”").format(code=args.parent))
    try:
        unit = unit_create(
            actor=None,
            code=args.code,
            name=args.name,
            kind=args.kind,
            parent_id=parent.pk if parent else None,
        )
    except DomainError as exc:
        return _field_error(exc)
    print(
        _("đã tạo đơn vị {code}: {name} ({kind})").format(
            code=unit.code, name=unit.name, kind=unit.get_kind_display()
        )
    )
    return 0


@verb(
    "import-units",
    gettext_lazy(
        "nạp 34 tỉnh, thành phố và các xã, phường hiện hành từ gói "
        "vietnam-provinces; `--csv TỆP` nạp đơn vị lịch sử"
    ),
)
def cmd_import_units(args: argparse.Namespace) -> int:
    from biengioi.accounts.models import User
    from biengioi.registry.imports import FileRejected, admin_units_import_csv
    from biengioi.registry.services import admin_units_load_package

    if not args.csv:
        provinces, communes = admin_units_load_package()
        print(
            _("đã nạp {p} tỉnh, thành phố và {c} xã, phường, đặc khu").format(
                p=provinces, c=communes
            )
        )
        return 0
    actor = User.objects.filter(username=(args.as_user or "").lower()).first()
    if actor is None:
        return _fail(_("--as: cần tên đăng nhập của một quản trị viên"))
    try:
        result = admin_units_import_csv(actor=actor, content=Path(args.csv).read_bytes())
    except (FileRejected, OSError) as exc:
        return _fail(getattr(exc, "message", str(exc)))
    for error in result.errors:
        print(
            _("dòng {row}, cột {field}: {message}").format(
                row=error.row, field=error.field, message=error.message
            ),
            file=sys.stderr,
        )
    if not result.ok:
        return _fail(_("không nạp đơn vị nào"))
    print(_("đã nạp {n} đơn vị hành chính").format(n=result.created))
    return 0


@verb(
    "createuser",
    gettext_lazy(
        "mở tài khoản trong một đơn vị (mật khẩu nhập khi được hỏi hoặc qua --password-stdin)"
    ),
)
def cmd_createuser(args: argparse.Namespace) -> int:
    from biengioi.accounts.services import user_create
    from biengioi.core.errors import DomainError
    from biengioi.registry.models import OrgUnit

    unit = OrgUnit.objects.filter(code=args.unit.upper()).first() if args.unit else None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(_("Mật khẩu: "))
    try:
        user = user_create(
            actor=None,
            username=args.username,
            password=password,
            unit_id=unit.pk if unit else None,
            role=args.role,
            full_name=args.full_name or "",
            email=args.email or "",
        )
    except DomainError as exc:
        return _field_error(exc)
    print(
        _("đã tạo người dùng {username} ({role}, {unit})").format(
            username=user.username, role=user.get_role_display(), unit=user.unit.name
        )
    )
    return 0


@verb(
    "token",
    gettext_lazy(
        "mã truy cập API: `token create TÊN_ĐĂNG_NHẬP [--name N] [--days D]`, `token revoke SỐ`"
    ),
)
def cmd_token(args: argparse.Namespace) -> int:
    from django.http import Http404

    from biengioi.accounts.models import User
    from biengioi.accounts.services import token_create, token_revoke
    from biengioi.core.errors import DomainError

    if args.action == "create":
        user = User.objects.filter(username=(args.target or "").lower()).first()
        if user is None:
            return _fail(_("không có người dùng “{username}”").format(username=args.target))
        try:
            token, plain = token_create(actor=None, user=user, name=args.name, days=args.days)
        except DomainError as exc:
            return _field_error(exc)
        print(plain)
        print(
            _("# hết hạn {date}; mã chỉ hiển thị một lần").format(
                date=f"{token.expires_at:%d/%m/%Y}"
            ),
            file=sys.stderr,
        )
        return 0
    try:
        token = token_revoke(actor=None, token_id=int(args.target))
    except (ValueError, Http404, DomainError):
        return _fail(_("không có mã truy cập còn hiệu lực với số này"))
    print(_("đã thu hồi mã {prefix}").format(prefix=token.prefix))
    return 0


@verb(
    "audit",
    gettext_lazy(
        "`audit verify`: kiểm tra chuỗi băm của nhật ký hệ thống; mã thoát khác 0 nếu bị phá vỡ"
    ),
)
def cmd_audit(args: argparse.Namespace) -> int:
    from biengioi.audit.services import verify

    verdict = verify()
    if verdict.ok:
        print(_("nhật ký toàn vẹn: {count} bản ghi").format(count=verdict.checked))
        return 0
    print(
        _("nhật ký BỊ PHÁ VỠ sau {count} bản ghi đúng: {problem}").format(
            count=verdict.checked, problem=verdict.problem
        ),
        file=sys.stderr,
    )
    return 1


def _db() -> dict[str, Any]:
    from django.conf import settings

    return dict(settings.DATABASES["default"])


def _sqlite_copy(src: sqlite3.Connection, dst_path: Path) -> None:
    """Copy a whole SQLite database page by page (the online backup API: safe while serving)."""
    dst = sqlite3.connect(dst_path)
    try:
        with dst:
            src.backup(dst)
    finally:
        src.close()
        dst.close()


def _pg(db: dict[str, Any], tool: str) -> tuple[list[str], dict[str, str]]:
    found = shutil.which(tool)
    if not found:
        raise SystemExit(
            _("lỗi: cần công cụ {tool} của PostgreSQL (gói postgresql-client)").format(tool=tool)
        )
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    argv = [
        found,
        "-h",
        str(db.get("HOST") or "127.0.0.1"),
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        str(db.get("USER") or "postgres"),
    ]
    return argv, env


# Partitioned tables (the GPS positions) are dropped whole before the dump's own statements:
# `pg_restore --clean` would drop each partition's inherited key first, which PostgreSQL refuses.
DROP_PARTITIONED = """
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relkind = 'p' AND n.nspname = 'public' LOOP
    EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', t.relname);
  END LOOP;
END $$;
"""


def _pg_restore(db: dict[str, Any], src_path: Path) -> str:
    """Replace the database's contents with a `pg_dump -Fc` file in one transaction: the
    dump's script (`pg_restore --clean --if-exists`, written to a pipe) run by psql after
    DROP_PARTITIONED, stopping at the first error, which undoes everything (a dump that cannot
    be read to its end kills psql before its commit). The error, or ""."""
    import tempfile

    restore = shutil.which("pg_restore")
    if not restore:
        raise SystemExit(
            _("lỗi: cần công cụ {tool} của PostgreSQL (gói postgresql-client)").format(
                tool="pg_restore"
            )
        )
    psql, env = _pg(db, "psql")
    command = [*psql, "-d", db["NAME"], "-q", "-X", "--single-transaction"]
    command += ["-v", "ON_ERROR_STOP=1", "-f", "-"]
    with tempfile.TemporaryFile() as psql_err, tempfile.TemporaryFile() as restore_err:
        runner = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=psql_err, env=env
        )
        assert runner.stdin is not None
        runner.stdin.write(DROP_PARTITIONED.encode())
        runner.stdin.flush()
        script = subprocess.Popen(
            [restore, "--clean", "--if-exists", "--no-owner", "-f", "-", str(src_path)],
            stdout=runner.stdin,
            stderr=restore_err,
            env=env,
        )
        script.wait()
        if script.returncode:  # a dump cut short: psql is killed before it can commit
            runner.kill()
        else:
            runner.stdin.close()
        runner.wait()
        if script.returncode or runner.returncode:
            restore_err.seek(0)
            psql_err.seek(0)
            return (restore_err.read() + psql_err.read()).decode(errors="replace").strip()
    return ""


@verb(
    "backup",
    gettext_lazy(
        "sao lưu cơ sở dữ liệu ra tệp (SQLite: sao lưu trực tuyến; PostgreSQL: pg_dump -Fc)"
    ),
)
def cmd_backup(args: argparse.Namespace) -> int:
    db = _db()
    out = Path(args.file).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    if db["ENGINE"].endswith("sqlite3"):
        _sqlite_copy(sqlite3.connect(db["NAME"]), out)
    else:
        argv, env = _pg(db, "pg_dump")
        done = subprocess.run(
            [*argv, "-Fc", "-f", str(out), db["NAME"]], env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            return _fail(done.stderr.strip())
    print(_("đã sao lưu: {path} ({size} byte)").format(path=out, size=out.stat().st_size))
    return 0


@verb("restore", gettext_lazy("thay cơ sở dữ liệu bằng một bản sao lưu của `biengioi backup`"))
def cmd_restore(args: argparse.Namespace) -> int:
    db = _db()
    src_path = Path(args.file).resolve()
    if not src_path.exists():
        return _fail(_("không có tệp {path}").format(path=src_path))
    if db["ENGINE"].endswith("sqlite3"):
        try:
            src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            return _fail(
                _("{path} không phải bản sao lưu SQLite: {reason}").format(
                    path=src_path, reason=exc
                )
            )
        _sqlite_copy(src, Path(db["NAME"]))
    else:
        failed = _pg_restore(db, src_path)
        if failed:
            return _fail(
                _("pg_restore không khôi phục được {path}; dữ liệu giữ nguyên.\n{reason}").format(
                    path=src_path, reason=failed
                )
            )
    print(_("đã khôi phục từ {path}").format(path=src_path))
    return 0


@verb(
    "import-track",
    gettext_lazy(
        "nạp hành trình GPS của một đợt tuần tra: `import-track MÃ_ĐỢT TỆP --as TÊN_ĐĂNG_NHẬP "
        "[--mode foot|vehicle|boat]` (GPX, GeoJSON, CSV hoặc KML)"
    ),
)
def cmd_import_track(args: argparse.Namespace) -> int:
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from biengioi.accounts.models import User
    from biengioi.core.errors import DomainError
    from biengioi.geo.services import track_import
    from biengioi.geo.tracks import Drop

    actor = User.objects.filter(username=(args.as_user or "").lower(), is_active=True).first()
    if actor is None:
        return _fail(_("--as: cần tên đăng nhập của người ghi đợt tuần tra"))
    try:
        content = Path(args.file).read_bytes()
    except OSError as exc:
        return _fail(str(exc))
    try:
        track, made = track_import(
            actor=actor,
            patrol_id=args.patrol,
            name=Path(args.file).name,
            content=content,
            mode=args.mode,
        )
    except DomainError as exc:
        return _field_error(exc)
    except (Http404, PermissionDenied):
        return _fail(
            _("{username} không ghi được đợt tuần tra số {patrol}").format(
                username=args.as_user, patrol=args.patrol
            )
        )
    if not made:
        print(_("tệp này đã được nạp cho đợt tuần tra số {patrol}").format(patrol=args.patrol))
    print(
        _(
            "đã nạp {kept} điểm của {received} ({km} km, {hours} giờ, đi qua {markers} mốc) "
            "cho đợt tuần tra số {patrol}"
        ).format(
            kept=track.kept,
            received=track.received,
            km=track.km,
            hours=f"{track.hours:.1f}",
            markers=track.markers_passed.count(),
            patrol=args.patrol,
        )
    )
    for reason, count in sorted(track.dropped.items()):
        print(_("  bỏ {count} điểm: {reason}").format(count=count, reason=Drop(reason).label))
    return 0


@verb(
    "coverage",
    gettext_lazy(
        "`coverage rebuild`: tính lại độ phủ tuần tra (mốc có tuần tra đi qua, đoạn 1 km theo "
        "tháng) từ mọi điểm hành trình GPS đã lưu"
    ),
)
def cmd_coverage(args: argparse.Namespace) -> int:
    import time

    from biengioi.geo.coverage import rebuild

    started = time.perf_counter()
    tracks, visits, months = rebuild()
    print(
        _(
            "đã tính lại độ phủ từ {tracks} hành trình: {visits} lượt qua mốc, {months} đoạn-tháng "
            "({seconds:.1f} giây)"
        ).format(tracks=tracks, visits=visits, months=months, seconds=time.perf_counter() - started)
    )
    return 0


@verb(
    "report",
    gettext_lazy(
        "lập dự thảo báo cáo định kỳ ra tệp: `report --scope MÃ_ĐƠN_VỊ --period 2025 "
        "--format docx|xlsx|pdf --out TỆP [--as TÊN_ĐĂNG_NHẬP]` (không ban hành)"
    ),
)
def cmd_report(args: argparse.Namespace) -> int:
    from types import SimpleNamespace

    from django.core.exceptions import PermissionDenied
    from django.http import Http404
    from django.utils import timezone

    from biengioi.accounts.models import User
    from biengioi.core.scope import root_id
    from biengioi.registry.models import OrgUnit
    from biengioi.reports.annex import render_annex
    from biengioi.reports.document import render_docx
    from biengioi.reports.narrative import annex_tables, build_document, default_meta, draft
    from biengioi.reports.pdf import PdfUnavailable, to_pdf
    from biengioi.reports.periods import PeriodError, parse
    from biengioi.reports.statistics import compute

    fmt = (args.format or "").lower()
    if fmt not in ("docx", "xlsx", "pdf"):
        return _fail(
            _("định dạng “{format}” không có; chọn docx, xlsx hoặc pdf").format(format=args.format)
        )
    unit = OrgUnit.objects.filter(code=args.scope.upper()).first()
    if unit is None:
        return _fail(_("không có đơn vị mã “{code}”").format(code=args.scope))
    try:
        period = parse(args.period)
    except PeriodError:
        return _fail(
            _(
                "không hiểu kỳ báo cáo “{period}”: ghi 2025, 2025-H1, 2025-Q3 hoặc "
                "2025-01-01..2025-03-31"
            ).format(period=args.period)
        )
    actor: Any
    if args.as_user:
        actor = User.objects.filter(username=args.as_user.lower(), is_active=True).first()
        if actor is None:
            return _fail(_("không có người dùng “{username}”").format(username=args.as_user))
    else:  # the server's operator: sees the whole province of the unit
        province = OrgUnit.objects.get(pk=root_id(unit.path))
        actor = SimpleNamespace(pk=None, role="administrator", unit=province, is_authenticated=True)
    try:
        stats = compute(actor, unit.pk, period)
    except (Http404, PermissionDenied):
        return _fail(
            _("{username} không được lập báo cáo của đơn vị “{code}”").format(
                username=args.as_user, code=unit.code
            )
        )
    meta = default_meta(unit, period, timezone.localdate())
    if fmt == "xlsx":
        content = render_annex(annex_tables(stats, meta))
    else:
        content = render_docx(build_document(stats, draft(stats, unit=unit, period=period), meta))
        if fmt == "pdf":
            try:
                content = to_pdf(content)
            except PdfUnavailable as error:
                return _fail(error.message)
    Path(args.out).write_bytes(content)
    print(
        _("đã ghi {file} ({size} byte): dự thảo báo cáo {period} của {unit}, chưa ban hành").format(
            file=args.out, size=len(content), period=period.display, unit=unit.name
        )
    )
    return 0


def load_sample(day: date) -> tuple[Any, list[tuple[str, str, str]]]:
    """Load what is missing of the sample province, its records dated before `day` so that the
    day's month, half-year and year, and the year before, all have records; returns the province
    and the demo logins. Records already there keep their days."""
    from django.db import transaction

    from biengioi.accounts.sample import create_demo_users
    from biengioi.community.sample import (
        load_sample_emulation,
        load_sample_programmes,
        load_sample_propaganda,
        load_sample_teams,
        load_sample_training,
        load_sample_twinning,
    )
    from biengioi.coordination.sample import (
        load_sample_budget,
        load_sample_conferences,
        load_sample_regulations,
        load_sample_talks,
    )
    from biengioi.geo.sample import load_sample_tracks
    from biengioi.operations.gate_sample import load_sample_gate_traffic
    from biengioi.operations.sample import (
        load_sample_crime,
        load_sample_handovers,
        load_sample_incidents,
        load_sample_patrols,
        load_sample_repairs,
        load_sample_rescues,
    )
    from biengioi.registry.models import AdminUnit
    from biengioi.registry.sample import load_sample_province
    from biengioi.registry.services import admin_units_load_package
    from biengioi.reports.sample import load_sample_reports

    with transaction.atomic():
        if not AdminUnit.objects.exists():
            admin_units_load_package()
        province = load_sample_province(day)
        logins = create_demo_users()
        for load in (
            load_sample_patrols,
            load_sample_incidents,
            load_sample_crime,
            load_sample_repairs,
            load_sample_handovers,
            load_sample_rescues,
            load_sample_tracks,  # after the patrols: their GPS tracks
            load_sample_gate_traffic,
            load_sample_teams,
            load_sample_training,
            load_sample_propaganda,
            load_sample_programmes,
            load_sample_twinning,
            load_sample_emulation,
            load_sample_conferences,
            load_sample_talks,
            load_sample_regulations,
            load_sample_budget,
            load_sample_reports,  # last: drafted from every sample record above
        ):
            load(day)
    return province, logins


@verb(
    "demo",
    gettext_lazy("cập nhật bảng, nạp tỉnh mẫu, tạo mỗi vai trò một người dùng thử, rồi phục vụ"),
)
def cmd_demo(args: argparse.Namespace) -> int:
    from django.utils import timezone

    from biengioi.accounts.sample import DEMO_PASSWORD
    from biengioi.registry.sample import EARLIEST_DAY

    today = timezone.localdate()
    day = args.as_of or today
    if day > today:
        return _fail(
            _("--as-of: ngày mốc không được sau hôm nay ({today})").format(
                today=f"{today:%d/%m/%Y}"
            )
        )
    if day < EARLIEST_DAY:
        return _fail(
            _("--as-of: tỉnh mẫu được lập năm 2025, ngày mốc không được trước {day}").format(
                day=f"{EARLIEST_DAY:%d/%m/%Y}"
            )
        )
    _call("migrate", "--noinput", "-v", "0")
    province, logins = load_sample(day)
    print("\n" + _("Dữ liệu mẫu: {name}").format(name=province.name))
    print(_("Số liệu mẫu tính đến ngày {day}").format(day=f"{day:%d/%m/%Y}"))
    print(_("Tài khoản dùng thử (mật khẩu: {password}):").format(password=DEMO_PASSWORD))
    for username, role, unit in logins:
        print(f"  {username:<16} {role:<26} {unit}")
    print(
        _("Tài khoản quản trị sẽ được yêu cầu cài xác thực hai lớp (TOTP) khi đăng nhập lần đầu.")
        + "\n"
    )
    if args.no_serve:
        return 0
    return _serve(args, scheduler_default=True)


@verb(
    "manage", gettext_lazy("chạy một lệnh quản trị của Django (`biengioi manage check --deploy`)")
)
def cmd_manage(args: argparse.Namespace) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["biengioi manage", *args.rest])
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("“{text}” không phải ngày dạng YYYY-MM-DD").format(text=text)
        ) from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="biengioi",
        description=_(
            "biengioi — hệ thống thông tin công tác biên giới. Cấu hình lấy từ biến "
            "môi trường: xem README."
        ),
    )
    sub = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    for name, (help_text, _fn) in VERBS.items():
        p = sub.add_parser(name, help=str(help_text), description=str(help_text))
        if name in ("serve", "demo"):
            p.add_argument("--port", type=int, help=_("cổng (mặc định $PORT hoặc 8000)"))
            p.add_argument("--host", help=_("địa chỉ lắng nghe (mặc định 127.0.0.1)"))
            p.add_argument("--access-log", action="store_true", help=_("ghi nhật ký mọi yêu cầu"))
        if name in ("serve", "demo"):
            p.add_argument(
                "--scheduler",
                action=argparse.BooleanOptionalAction,
                default=None,
                help=_(
                    "chạy kèm việc nhắc hạn (mặc định: có với demo; với serve khi "
                    "BIENGIOI_SCHEDULER=embedded)"
                ),
            )
        if name == "demo":
            p.add_argument("--no-serve", action="store_true", help=_("chỉ cài đặt, không phục vụ"))
            p.add_argument(
                "--as-of",
                type=_day,
                metavar="YYYY-MM-DD",
                help=_(
                    "ngày mốc của dữ liệu mẫu (mặc định hôm nay): các bản ghi được ghi ngày "
                    "trước ngày này"
                ),
            )
        if name == "scheduler":
            p.add_argument("--once", action="store_true", help=_("chạy một lần rồi thoát"))
            p.add_argument(
                "--interval",
                type=float,
                help=_("số giây giữa hai lần chạy (mặc định 300)"),
            )
        if name == "unit":
            p.add_argument("action", choices=["create"])
            p.add_argument("code", help=_("mã ngắn, duy nhất, ví dụ QT hoặc QT-DBP-LAOBAO"))
            p.add_argument("name", help=_("tên đầy đủ"))
            p.add_argument("--kind", required=True, choices=KINDS)
            p.add_argument("--parent", help=_("mã của đơn vị cấp trên"))
        if name == "coverage":
            p.add_argument("action", choices=["rebuild"])
        if name == "import-track":
            p.add_argument("patrol", type=int, help=_("số của đợt tuần tra"))
            p.add_argument("file", help=_("tệp GPX, GeoJSON, CSV (lon, lat, time) hoặc KML"))
            p.add_argument("--as", dest="as_user", help=_("tên đăng nhập của người ghi"))
            p.add_argument(
                "--mode",
                default="foot",
                choices=["foot", "vehicle", "boat"],
                help=_("cách di chuyển (giới hạn tốc độ để lọc điểm sai)"),
            )
        if name == "import-units":
            p.add_argument("--csv", help=_("tệp CSV đơn vị lịch sử (xem docs/operations.md)"))
            p.add_argument(
                "--as",
                dest="as_user",
                help=_("tên đăng nhập của quản trị viên thực hiện (bắt buộc với --csv)"),
            )
        if name == "createuser":
            p.add_argument("username")
            p.add_argument("--unit", help=_("mã đơn vị của người dùng, ví dụ MAU-BC-BDBP"))
            p.add_argument("--role", required=True, choices=ROLES)
            p.add_argument("--full-name")
            p.add_argument("--email")
            p.add_argument(
                "--password-stdin",
                action="store_true",
                help=_("đọc mật khẩu từ dòng đầu của đầu vào chuẩn"),
            )
        if name == "token":
            p.add_argument("action", choices=["create", "revoke"])
            p.add_argument("target", help=_("tên đăng nhập (create) hoặc số của mã (revoke)"))
            p.add_argument("--name", default="script", help=_("mã dùng để làm gì"))
            p.add_argument("--days", type=int, help=_("số ngày hiệu lực (mặc định 90)"))
        if name == "audit":
            p.add_argument("action", choices=["verify"])
        if name == "report":
            p.add_argument("--scope", required=True, help=_("mã đơn vị, ví dụ MAU-BC"))
            p.add_argument(
                "--period",
                required=True,
                help=_("kỳ: 2025, 2025-H1, 2025-Q3, 2025-01-01..2025-03-31"),
            )
            p.add_argument("--format", default="docx", help=_("docx (mặc định), xlsx hoặc pdf"))
            p.add_argument("--out", required=True, help=_("tệp ghi ra"))
            p.add_argument(
                "--as", dest="as_user", help=_("lập với quyền và phạm vi của người dùng này")
            )
        if name in ("backup", "restore"):
            p.add_argument("file", help=_("tệp sao lưu"))
        if name == "manage":
            p.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biengioi.settings")
    import django
    from django.conf import settings
    from django.utils import translation

    django.setup()
    translation.activate(os.environ.get("BIENGIOI_LANGUAGE") or settings.LANGUAGE_CODE)
    args = build_parser().parse_args(argv)
    return VERBS[args.verb][1](args)


if __name__ == "__main__":
    sys.exit(main())
