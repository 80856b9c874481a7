import os
import subprocess
import sys

import pytest


def _run(env_extra, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KOPIR_", "DJANGO_ALLOW_ASYNC"))}
    env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "kopir.manage", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = _run({"KOPIR_DATA_DIR": str(tmp_path), "KOPIR_SECRET_KEY": "s" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz",
                   "KOPIR_ALLOWED_HOSTS": "kopir.example.kz"}, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("env, message", [
    ({"KOPIR_DEBUG": "maybe"}, "KOPIR_DEBUG must be a boolean"),
    ({"KOPIR_SECRET_KEY": "short"}, "at least 50 characters"),
    ({"KOPIR_TASKS": "celery"}, "KOPIR_TASKS must be"),
])
def test_bad_settings_fail_closed(tmp_path, env, message):
    result = _run({"KOPIR_DATA_DIR": str(tmp_path), **env}, "check")
    assert result.returncode != 0
    assert message in result.stderr


def test_defaults_are_safe(tmp_path):
    result = _run({"KOPIR_DATA_DIR": str(tmp_path)}, "shell", "-c",
                  "from django.conf import settings as s; print(s.DEBUG, s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE'])")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False ['127.0.0.1', 'localhost'] django.db.backends.sqlite3"
    key_file = tmp_path / "secret_key"
    assert key_file.exists() and oct(key_file.stat().st_mode)[-3:] == "600"
