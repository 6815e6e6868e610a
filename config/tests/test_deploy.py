"""``manage.py check --deploy`` with production settings has nothing to say."""

import os
import secrets
import string
import subprocess
import sys

from django.conf import settings

MANAGE = str(settings.BASE_DIR / "manage.py")


def production_environment(**overrides):
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "MANDATE_"))}
    env.update(
        DEBUG="0",
        SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(50)),
        ALLOWED_HOSTS="mandate.example",
        DATABASE_URL="postgres://mandate:secret@db.internal:5432/mandate",
        REDIS_URL="redis://redis.internal:6379/0",
        CORRECTIONS_EMAIL="corrections@mandate.example",
        TRUSTED_PROXIES="10.0.0.2",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    env.update(overrides)
    return env


def check_deploy(**overrides):
    return subprocess.run(
        [sys.executable, MANAGE, "check", "--deploy", "--fail-level", "WARNING"],
        env=production_environment(**overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_would_complain_if_a_protection_were_turned_off():
    # The same run with HSTS off: proves the check above looks at the real settings.
    result = check_deploy(SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


def test_check_deploy_asks_for_the_address_readers_send_corrections_to():
    result = check_deploy(CORRECTIONS_EMAIL="")
    assert result.returncode != 0
    assert "mandate.W001" in result.stderr + result.stdout


def test_check_deploy_asks_which_proxy_to_trust_behind_the_tls_proxy():
    result = check_deploy(TRUSTED_PROXIES="")
    assert result.returncode != 0
    assert "core.W001" in result.stderr + result.stdout
