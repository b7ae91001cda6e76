"""The `biengioi` command: set-up and operation of one installation.

Each verb is a thin shell over the services; `biengioi manage ...` reaches Django's own commands.
"""

import argparse
import getpass
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

VERBS: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {}


def verb(name: str, help_text: str) -> Callable[[Callable[[argparse.Namespace], int]], Callable]:
    def register(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        VERBS[name] = (help_text, fn)
        return fn

    return register


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biengioi.settings")
    import django

    django.setup()


def _call(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


@verb("migrate", "create or update the database tables")
def cmd_migrate(args: argparse.Namespace) -> int:
    _setup()
    _call("migrate", "--noinput", "-v", "1")
    return 0


@verb("serve", "serve the application with gunicorn on 127.0.0.1:$PORT (default 8000)")
def cmd_serve(args: argparse.Namespace) -> int:
    _setup()
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
    print(f"biengioi: serving on http://{host}:{port}/", flush=True)
    os.execv(sys.executable, argv)  # noqa: S606 - fixed argv, no shell
    return 0  # pragma: no cover - execv does not return


@verb("unit", "`unit create CODE NAME --kind KIND [--parent CODE]`: add an organisational unit")
def cmd_unit(args: argparse.Namespace) -> int:
    _setup()
    from biengioi.core.errors import DomainError
    from biengioi.registry.models import OrgUnit
    from biengioi.registry.services import unit_create

    parent = None
    if args.parent:
        parent = OrgUnit.objects.filter(code=args.parent.upper()).first()
        if parent is None:
            print(f"lỗi: parent: không có đơn vị mã {args.parent!r}", file=sys.stderr)
            return 2
    try:
        unit = unit_create(
            actor=None,
            code=args.code,
            name=args.name,
            kind=args.kind,
            parent_id=parent.pk if parent else None,
        )
    except DomainError as exc:
        print(f"lỗi: {exc.field}: {exc.message}", file=sys.stderr)
        return 2
    print(f"đã tạo đơn vị {unit.code}: {unit.name} ({unit.get_kind_display()})")
    return 0


@verb("createuser", "open an account in a unit (password from a prompt or --password-stdin)")
def cmd_createuser(args: argparse.Namespace) -> int:
    _setup()
    from biengioi.accounts.services import user_create
    from biengioi.core.errors import DomainError
    from biengioi.registry.models import OrgUnit

    unit = OrgUnit.objects.filter(code=(args.unit or "").upper()).first() if args.unit else None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mật khẩu: ")
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
        print(f"lỗi: {exc.field}: {exc.message}", file=sys.stderr)
        return 2
    print(f"đã tạo người dùng {user.username} ({user.get_role_display()}, {user.unit.name})")
    return 0


@verb("token", "API tokens: `token create USERNAME [--name N] [--days D]`, `token revoke ID`")
def cmd_token(args: argparse.Namespace) -> int:
    _setup()
    from django.http import Http404

    from biengioi.accounts.models import User
    from biengioi.accounts.services import token_create, token_revoke
    from biengioi.core.errors import DomainError

    if args.action == "create":
        user = User.objects.filter(username=(args.target or "").lower()).first()
        if user is None:
            print(f"lỗi: không có người dùng {args.target!r}", file=sys.stderr)
            return 2
        try:
            token, plain = token_create(actor=None, user=user, name=args.name, days=args.days)
        except DomainError as exc:
            print(f"lỗi: {exc.field}: {exc.message}", file=sys.stderr)
            return 2
        print(plain)
        print(f"# hết hạn {token.expires_at:%d/%m/%Y}; mã chỉ hiển thị một lần", file=sys.stderr)
        return 0
    try:
        token = token_revoke(actor=None, token_id=int(args.target))
    except (ValueError, Http404, DomainError):
        print("lỗi: không có mã truy cập còn hiệu lực với số này", file=sys.stderr)
        return 2
    print(f"đã thu hồi mã {token.prefix}")
    return 0


@verb("audit", "`audit verify`: check the audit trail's hash chain; non-zero exit if broken")
def cmd_audit(args: argparse.Namespace) -> int:
    _setup()
    from biengioi.audit.services import verify

    verdict = verify()
    if verdict.ok:
        print(f"audit trail intact: {verdict.checked} records")
        return 0
    print(
        f"audit trail BROKEN after {verdict.checked} good records: {verdict.problem}",
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


def _pg_env(db: dict) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    conn = [
        "-h",
        str(db.get("HOST") or "127.0.0.1"),
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        str(db.get("USER") or "postgres"),
    ]
    return conn, env


@verb("backup", "copy the database to a file (SQLite online backup; PostgreSQL pg_dump -Fc)")
def cmd_backup(args: argparse.Namespace) -> int:
    _setup()
    db = _db()
    out = Path(args.file).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    if db["ENGINE"].endswith("sqlite3"):
        _sqlite_copy(sqlite3.connect(db["NAME"]), out)
    else:
        conn, env = _pg_env(db)
        subprocess.run(
            [_tool("pg_dump"), *conn, "-Fc", "-f", str(out), db["NAME"]], check=True, env=env
        )
    print(f"backup written: {out} ({out.stat().st_size} bytes)")
    return 0


@verb("restore", "replace the database with a backup file made by `biengioi backup`")
def cmd_restore(args: argparse.Namespace) -> int:
    _setup()
    db = _db()
    src_path = Path(args.file).resolve()
    if not src_path.exists():
        print(f"lỗi: không có tệp {src_path}", file=sys.stderr)
        return 2
    if db["ENGINE"].endswith("sqlite3"):
        try:
            src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            print(f"lỗi: {src_path} không phải bản sao lưu SQLite: {exc}", file=sys.stderr)
            return 2
        _sqlite_copy(src, Path(db["NAME"]))
    else:
        conn, env = _pg_env(db)
        argv = [
            _tool("pg_restore"),
            *conn,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "-d",
            db["NAME"],
            str(src_path),
        ]
        done = subprocess.run(argv, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            print(
                f"lỗi: pg_restore không khôi phục được {src_path}; dữ liệu giữ nguyên.\n"
                f"{done.stderr.strip()}",
                file=sys.stderr,
            )
            return 2
    print(f"restored from {src_path}")
    return 0


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"lỗi: cần công cụ {name} của PostgreSQL (gói postgresql-client)")
    return found


@verb("demo", "migrate, load the sample province, create one demo user per role, then serve")
def cmd_demo(args: argparse.Namespace) -> int:
    _setup()
    from django.db import transaction

    from biengioi.accounts.sample import DEMO_PASSWORD, create_demo_users
    from biengioi.registry.sample import load_sample_province

    _call("migrate", "--noinput", "-v", "0")
    with transaction.atomic():
        province = load_sample_province()
        logins = create_demo_users()
    print(f"\nDữ liệu mẫu / sample data: {province.name}")
    print(f"Tài khoản dùng thử / demo logins (mật khẩu / password: {DEMO_PASSWORD}):")
    for username, role, unit in logins:
        print(f"  {username:<16} {role:<26} {unit}")
    print("Tài khoản quản trị sẽ được yêu cầu cài xác thực hai lớp (TOTP) khi đăng nhập lần đầu.\n")
    if args.no_serve:
        return 0
    return cmd_serve(args)


@verb("manage", "run one of Django's management commands (`biengioi manage check --deploy`)")
def cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biengioi.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["biengioi manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="biengioi",
        description="biengioi — hệ thống thông tin công tác biên giới (border-work information "
        "system). Configuration comes from the environment: see README.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    for name, (help_text, _fn) in VERBS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name in ("serve", "demo"):
            p.add_argument("--port", type=int, help="port (default $PORT or 8000)")
            p.add_argument("--host", help="address to bind (default 127.0.0.1)")
            p.add_argument("--access-log", action="store_true", help="log every request")
        if name == "demo":
            p.add_argument("--no-serve", action="store_true", help="set up only, do not serve")
        if name == "unit":
            p.add_argument("action", choices=["create"])
            p.add_argument("code", help="short unique code, e.g. QT or QT-DBP-LAOBAO")
            p.add_argument("name", help="full Vietnamese name")
            p.add_argument(
                "--kind",
                required=True,
                choices=[
                    "province",
                    "steering_committee",
                    "foreign_affairs",
                    "border_guard_command",
                    "border_post",
                    "commune",
                    "agency",
                ],
            )
            p.add_argument("--parent", help="code of the unit it belongs to")
        if name == "createuser":
            p.add_argument("username")
            p.add_argument("--unit", help="code of the user's unit, e.g. MAU-QT-BDBP")
            p.add_argument(
                "--role",
                required=True,
                choices=["field_officer", "unit_staff", "secretariat", "leader", "administrator"],
            )
            p.add_argument("--full-name")
            p.add_argument("--email")
            p.add_argument(
                "--password-stdin",
                action="store_true",
                help="read the password from the first line of standard input",
            )
        if name == "token":
            p.add_argument("action", choices=["create", "revoke"])
            p.add_argument("target", help="USERNAME for create, token id for revoke")
            p.add_argument("--name", default="script", help="what the token is for")
            p.add_argument("--days", type=int, help="validity in days (default 90)")
        if name == "audit":
            p.add_argument("action", choices=["verify"])
        if name in ("backup", "restore"):
            p.add_argument("file", help="backup file")
        if name == "manage":
            p.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return VERBS[args.verb][1](args)


if __name__ == "__main__":
    sys.exit(main())
