import os
import subprocess
import sys

from biengioi import settings as production


def test_passwords_are_hashed_with_argon2_in_production():
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_deployment_checks_pass_with_https_settings(tmp_path):
    env = {
        **os.environ,
        "BIENGIOI_HTTPS": "1",
        "BIENGIOI_VAR_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "bien-gioi.example.vn",
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
    }
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "biengioi.cli",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # the generated secret key is kept, private, under the var directory
    key = tmp_path / "secret_key"
    assert len(key.read_text()) >= 50
    assert oct(key.stat().st_mode & 0o777) == "0o600"


def test_a_web_worker_loads_every_view_as_it_starts_not_on_its_first_request(tmp_path):
    env = {**os.environ, "BIENGIOI_VAR_DIR": str(tmp_path)}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path}/x.db"
    code = "import sys, biengioi.wsgi; print('biengioi.community.propaganda_views' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "True", result.stderr
