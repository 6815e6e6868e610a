"""Fixtures of the ingestion tests: a misbehaving local web server and a real Celery worker."""

import os

import pytest

from tests.services import CeleryWorker, shared_test_database_url

from .webserver import WebServer

WORKER_TIMEOUTS = {"FETCH_CONNECT_TIMEOUT": "1", "FETCH_READ_TIMEOUT": "1"}


@pytest.fixture
def web(settings):
    """The local web server, reachable through the address guard (127.0.0.1 only), with 1 s timeouts."""
    server = WebServer().start()
    settings.FETCH_ALLOW_PRIVATE = False
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.FETCH_CONNECT_TIMEOUT = 1
    settings.FETCH_READ_TIMEOUT = 1
    yield server
    server.stop()


@pytest.fixture
def celery_worker(transactional_db, tmp_path, settings):
    """A real worker on the real Redis. Its queues are purged first; it is stopped after the test."""
    import redis

    database_url = shared_test_database_url()
    redis_url = os.environ["REDIS_URL"]
    redis.Redis.from_url(redis_url).flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "FETCH_ALLOWED_NETWORKS": "127.0.0.1/32",
        "FETCH_ALLOW_PRIVATE": "0",
        **WORKER_TIMEOUTS,
        "PYTHONUNBUFFERED": "1",
    }
    worker = CeleryWorker(env, tmp_path, name="test")
    worker.start()
    yield worker
    worker.stop()
    redis.Redis.from_url(redis_url).flushdb()


@pytest.fixture
def tokayev_and_nur_otan(db):
    """The seed article's actors as an editor would enter them."""
    import datetime

    from politics.tests.factories import (
        LeaderAliasFactory,
        LeaderFactory,
        OfficeFactory,
        PartyFactory,
        PartyNameFactory,
    )

    tokayev = LeaderFactory(full_name="Kassym-Jomart Tokayev", slug="tokayev")
    LeaderAliasFactory(leader=tokayev, alias="Tokayev")
    LeaderAliasFactory(leader=tokayev, alias="the Head of State")
    OfficeFactory(leader=tokayev, title="President", jurisdiction="Kazakhstan", start=datetime.date(2019, 6, 12))
    OfficeFactory(
        leader=tokayev, title="Chairman", jurisdiction="Nur Otan",
        start=datetime.date(2022, 1, 28), end=datetime.date(2022, 4, 26),
    )
    party = PartyFactory(name="Amanat", slug="amanat")
    PartyNameFactory(party=party, name="Nur Otan", valid_from=None, valid_to=datetime.date(2022, 3, 1))
    return tokayev, party
