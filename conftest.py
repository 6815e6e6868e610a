"""The fixed cast of the test suite and the rules for tests that need real services.

Tests marked ``postgres``, ``redis``, ``celery_worker`` or ``browser`` need the
real thing. Where it is missing they are skipped with the reason, unless
MANDATE_REQUIRE_SERVICES=1 (set by .ci/run), which turns the skip into a failure.
"""

import os
import shutil
from urllib.parse import urlparse

import pytest

from tests.services import missing_service

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _postgres_missing():
    from django.conf import settings

    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return "needs PostgreSQL: set DATABASE_URL=postgres://USER@HOST:5432/NAME (tests use test_NAME)"
    return None


def _redis_missing():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return "needs Redis: set REDIS_URL=redis://127.0.0.1:6379/N with a database number of the tests' own"
    database = urlparse(url).path.strip("/") or "0"
    if database == "0":
        return "REDIS_URL points at Redis database 0; tests flush their database, so give them their own number (e.g. /13)"
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        return f"Redis at REDIS_URL is unreachable: {error}"
    return None


def _browser_missing():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        return f"needs Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)"
    return None


_REQUIREMENTS = {
    "postgres": [_postgres_missing],
    "redis": [_redis_missing],
    "celery_worker": [_redis_missing],
    "browser": [_browser_missing],
}


def pytest_runtest_setup(item):
    for marker, checks in _REQUIREMENTS.items():
        if item.get_closest_marker(marker) is None:
            continue
        for check in checks:
            reason = check()
            if reason:
                missing_service(reason)


@pytest.fixture(autouse=True)
def _isolated_cache_and_eager_tasks(request):
    """Each test starts with an empty cache; tasks run in-process unless the test runs a real worker.

    Does nothing when pytest runs without Django (``-p no:django``), as the pure
    statement-finder tests may."""
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from django.core.cache import cache

    from config.celery import app

    cache.clear()
    eager = request.node.get_closest_marker("celery_worker") is None
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    yield
    app.conf.task_always_eager = previous


# --- the cast -------------------------------------------------------------


def _member_of(django_user_model, username, group_name):
    from django.apps import apps
    from django.contrib.auth.models import Group

    from core.roles import sync_groups

    if not Group.objects.filter(name=group_name).exists():
        # A transactional test before this one flushed the tables, and with them
        # the groups the data migration made: make them again, the same way.
        sync_groups(apps)
    user = django_user_model.objects.create_user(username=username, password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    """A member of the Editors group: enters and updates everything, cannot publish or delete history."""
    return _member_of(django_user_model, "edith", "Editors")


@pytest.fixture
def reviewer(db, django_user_model):
    """A member of the Reviewers group: an editor who may also publish and unpublish."""
    return _member_of(django_user_model, "rita", "Reviewers")


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(username="sam", password="pw-for-tests-only")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def reader(client):
    """An anonymous reader."""
    return client


@pytest.fixture(autouse=True)
def _english_after_each_test(request):
    """A request to a /ru/ or /kk/ page leaves its language active in the thread (LocaleMiddleware
    activates, nothing deactivates): each test starts, and ends, in English."""
    yield
    if request.config.pluginmanager.hasplugin("django"):
        from django.utils import translation

        translation.activate("en")

