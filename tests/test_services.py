"""The rule for tests that need a service: skipped where it is missing, failed instead under
MANDATE_REQUIRE_SERVICES=1, whatever the reason it is missing (issue 13, finding 13)."""

import os
import subprocess
import sys

import pytest

from tests import services


def test_postgres_and_redis_are_found_without_the_system_directories_on_path(monkeypatch):
    """runuser lives in /usr/sbin, which a user's PATH often lacks: the restart test skipped then."""
    monkeypatch.setenv("PATH", "/nowhere")
    reason = services.postgres_missing()
    assert reason is None or "runuser" not in reason
    assert services.redis_missing() is None or not services.program("redis-server")


@pytest.mark.parametrize(("required", "outcome"), [(True, pytest.fail.Exception), (False, pytest.skip.Exception)])
def test_a_missing_service_fails_the_test_when_services_are_required(monkeypatch, required, outcome):
    monkeypatch.setattr(services, "REQUIRE_SERVICES", required)
    with pytest.raises(outcome, match="needs the moon"):
        services.missing_service("needs the moon")


def test_the_postgres_restart_test_fails_rather_than_skips_without_postgres_when_services_are_required():
    env = {**os.environ, "MANDATE_REQUIRE_SERVICES": "1", "PG_BIN": "/nowhere"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/faults/test_postgres_restart.py"],
        cwd=services.ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    summary = result.stdout.strip().splitlines()[-1]
    # A failure in the fixture's set-up is reported as an error: either way, not a skip.
    assert ("1 failed" in summary or "1 error" in summary) and "skipped" not in summary, result.stdout[-2000:]
    assert "PostgreSQL" in result.stdout
