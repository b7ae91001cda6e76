import json
import re
import sqlite3
import urllib.error
import urllib.request

import psycopg
import pytest

from tests.servers import copy_of, env_for, fresh_database, run, serving


def test_healthz_reports_the_database(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_cannot_be_reached(tmp_path):
    env = env_for(tmp_path, "postgres://postgres@127.0.0.1:1/nowhere")
    with serving(env, wait_healthy=False) as base:
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{base}/healthz", timeout=10)
        assert err.value.code == 503
        assert json.loads(err.value.read())["database"] == "unreachable"


def test_help_lists_every_verb(tmp_path):
    out = run(env_for(tmp_path, f"sqlite:///{tmp_path}/x.db"), "--help").stdout
    verbs = ("serve", "migrate", "createuser", "token", "audit", "backup", "restore", "demo")
    for verb in (*verbs, "report"):
        assert f"    {verb}" in out
    english = run(
        env_for(tmp_path, f"sqlite:///{tmp_path}/x.db", BIENGIOI_LANGUAGE="en"), "--help"
    ).stdout
    assert "create or update the database tables" in english


def audit_count(env) -> int:
    """The number of records `biengioi audit verify` found intact (it fails otherwise)."""
    out = run(env, "audit", "verify").stdout
    return int(re.search(r"toàn vẹn: (\d+) bản ghi", out)[1])


@pytest.fixture
def installation(tmp_path, demo_installation):
    with copy_of(demo_installation, tmp_path) as url:
        env = env_for(tmp_path, url)
        env["BASELINE"] = str(audit_count(env))
        yield env


def test_createuser_refuses_a_user_without_a_unit_and_writes_nothing(installation):
    done = run(
        installation,
        "createuser",
        "nobody",
        "--role",
        "leader",
        "--password-stdin",
        stdin="Mat-khau-du-dai-2025\n",
        check=False,
    )
    assert done.returncode == 2
    assert "unit_id" in done.stderr and "phải thuộc một đơn vị" in done.stderr
    assert audit_count(installation) == int(installation["BASELINE"])


def test_createuser_then_token_create_gives_a_working_token(installation):
    run(
        installation,
        "createuser",
        "hoa",
        "--unit",
        "MAU-BC-SNGV",
        "--role",
        "unit_staff",
        "--password-stdin",
        stdin="Mat-khau-du-dai-2025\n",
    )
    token = run(installation, "token", "create", "hoa", "--days", "3").stdout.strip()
    assert token.startswith("bg_")
    with serving(installation) as base:
        request = urllib.request.Request(
            f"{base}/api/v1/me", headers={"Authorization": f"Bearer {token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as resp:
            me = json.loads(resp.read())
    assert me["username"] == "hoa" and me["unit_name"] == "Sở Ngoại vụ"


def test_audit_verify_exits_non_zero_and_names_the_broken_link(installation, tmp_path):
    url = installation["DATABASE_URL"]
    if url.startswith("sqlite"):
        db = sqlite3.connect(tmp_path / "biengioi.sqlite3")
        db.execute("DROP TRIGGER audit_auditrecord_no_update")
        db.execute("UPDATE audit_auditrecord SET action = 'forged' WHERE seq = 7")
        db.commit()
        db.close()
    else:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as pg:
            pg.execute("ALTER TABLE audit_auditrecord DISABLE TRIGGER USER")
            pg.execute("UPDATE audit_auditrecord SET action = 'forged' WHERE seq = 7")
    done = run(installation, "audit", "verify", check=False)
    assert done.returncode == 1
    assert "bản ghi #7 đã bị sửa" in done.stderr


def coverage_counts(env) -> str:
    """What `biengioi coverage rebuild` counts from the GPS positions kept (tracks, visits,
    piece-months): the sample's tracks, in the partitioned table on PostgreSQL."""
    out = run(env, "coverage", "rebuild").stdout
    return re.search(r"từ (\d+) hành trình: (\d+) lượt qua mốc, (\d+) đoạn-tháng", out).groups()


def test_backup_and_restore_bring_back_the_data(installation, tmp_path):
    backup = tmp_path / "backup.bin"
    tracks = coverage_counts(installation)
    assert int(tracks[0]) >= 1  # the sample's GPS tracks go with the rest
    run(installation, "backup", str(backup))
    run(
        installation,
        "createuser",
        "later",
        "--unit",
        "MAU-BC",
        "--role",
        "leader",
        "--password-stdin",
        stdin="Mat-khau-du-dai-2025\n",
    )
    assert audit_count(installation) == int(installation["BASELINE"]) + 1
    run(installation, "restore", str(backup))
    assert audit_count(installation) == int(installation["BASELINE"])
    done = run(installation, "token", "create", "later", check=False)
    assert done.returncode == 2  # the user made after the backup is gone
    assert coverage_counts(installation) == tracks


def test_restore_refuses_a_file_that_is_not_a_backup(installation, tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a database at all" * 100)
    tracks = coverage_counts(installation)
    done = run(installation, "restore", str(junk), check=False)
    assert done.returncode == 2 and "lỗi" in done.stderr
    assert audit_count(installation) == int(installation["BASELINE"])
    assert coverage_counts(installation) == tracks  # nothing dropped, not even the partitions


def test_a_new_installation_gets_its_province_and_first_administrator(tmp_path):
    with fresh_database(tmp_path) as url:
        env = env_for(tmp_path, url)
        run(env, "migrate")
        run(env, "unit", "create", "QT", "Tỉnh Quảng Trị", "--kind", "province")
        bad = run(
            env,
            "unit",
            "create",
            "QT-DBP-X",
            "Đồn X",
            "--kind",
            "border_post",
            "--parent",
            "QT",
            check=False,
        )
        assert bad.returncode == 2 and "parent_id" in bad.stderr  # a post sits under the BG
        run(
            env,
            "createuser",
            "admin",
            "--unit",
            "QT",
            "--role",
            "administrator",
            "--password-stdin",
            stdin="Mat-khau-du-dai-2025\n",
        )
        assert audit_count(env) == 2


def test_demo_dates_the_sample_from_the_day_asked_and_refuses_a_day_it_cannot(tmp_path):
    with fresh_database(tmp_path) as url:
        env = env_for(tmp_path, url)
        for day, error in [
            ("2999-01-01", "--as-of: ngày mốc không được sau hôm nay"),
            ("2025-12-31", "--as-of: tỉnh mẫu được lập năm 2025"),
            ("31/03/2026", "“31/03/2026” không phải ngày dạng YYYY-MM-DD"),
        ]:
            refused = run(env, "demo", "--no-serve", "--as-of", day, check=False)
            assert refused.returncode == 2 and error in refused.stderr, refused.stderr
        tables = (
            "from django.db import connection; print(len(connection.introspection.table_names()))"
        )
        out = run(env, "manage", "shell", "-c", tables).stdout
        assert out.split()[-1] == "0"  # nothing made

        done = run(env, "demo", "--no-serve", "--as-of", "2026-03-31")
        assert "Số liệu mẫu tính đến ngày 31/03/2026" in done.stdout
        latest = (
            "from biengioi.operations.models import Incident, Patrol; "
            "from django.utils import timezone; "
            "print(timezone.localdate(Patrol.objects.latest('started_at').started_at), "
            "Incident.objects.latest('detected_on').detected_on)"
        )
        assert run(env, "manage", "shell", "-c", latest).stdout.split()[-2:] == [
            "2026-03-31",
            "2026-03-31",
        ]
