"""Settings refuse bad values at start-up, naming the variable (config/settings.py)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

CLEAN = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"}}


def run_python(script, **env):
    """Run ``script`` in a fresh interpreter, in the project, with ``env`` over a clean environment."""
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR, env={**CLEAN, **env}, capture_output=True, text=True, timeout=60,
    )


def start_up(**env):
    """Import the settings in a fresh interpreter with ``env`` set; return (exit code, stderr)."""
    result = run_python("import config.settings", **env)
    return result.returncode, result.stderr


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DEBUG": "0", "ALLOWED_HOSTS": "mandate.example"}, "SECRET_KEY"),
        ({"DEBUG": "0", "SECRET_KEY": "short", "ALLOWED_HOSTS": "mandate.example"}, "SECRET_KEY"),
        ({"DEBUG": "0", "SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": "mysql://root@127.0.0.1/mandate"}, "DATABASE_URL"),
        ({"REDIS_URL": "http://127.0.0.1:6379/2"}, "REDIS_URL"),
        ({"TIME_ZONE": "Mars/Base"}, "TIME_ZONE"),
        ({"FETCH_MAX_BYTES": "abc"}, "FETCH_MAX_BYTES"),
        ({"FETCH_MAX_BYTES": "10"}, "FETCH_MAX_BYTES"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"FETCH_ALLOWED_NETWORKS": "10.1.2.3:99999"}, "FETCH_ALLOWED_NETWORKS"),
        ({"FETCH_TOTAL_TIMEOUT": "0"}, "FETCH_TOTAL_TIMEOUT"),
        ({"TRUSTED_PROXIES": "10.0.0.2,nginx"}, "TRUSTED_PROXIES"),
        ({"AXES_ADDRESS_FAILURE_LIMIT": "0"}, "AXES_ADDRESS_FAILURE_LIMIT"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(env, named):
    code, stderr = start_up(**env)
    assert code != 0
    assert "ImproperlyConfigured" in stderr and named in stderr.strip().splitlines()[-1]


def test_the_defaults_start_and_production_values_are_accepted():
    assert start_up() == (0, "")
    code, stderr = start_up(DEBUG="0", SECRET_KEY="k" * 50, ALLOWED_HOSTS="mandate.example",
                            DATABASE_URL="postgres://u@db:5432/mandate", REDIS_URL="redis://cache:6379/1")
    assert (code, stderr) == (0, "")


@pytest.mark.parametrize(("value", "kib"), [(None, "524288"), ("300", "307200"), ("0", "None")])
def test_the_workers_memory_bound_comes_from_the_environment(value, kib):
    """Celery replaces a pool process grown past WORKER_MAX_MEMORY_MB after its task (issue 13, finding 2)."""
    env = {} if value is None else {"WORKER_MAX_MEMORY_MB": value}
    result = run_python("from config.celery import app; print(app.conf.worker_max_memory_per_child)", **env)
    assert result.stdout.strip() == kib, result.stderr
