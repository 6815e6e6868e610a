"""Fixtures of the ingestion tests: a misbehaving local web server and a real Celery worker."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .webserver import WebServer

ROOT = Path(__file__).resolve().parents[2]
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


def wait_for(condition, *, timeout=30, interval=0.1, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {message}")


class Worker:
    """``celery worker`` in a subprocess, on the test database and the tests' Redis database."""

    def __init__(self, env, log_dir):
        self.env = env
        self.log_dir = log_dir
        self.process = None
        self.runs = 0

    def start(self):
        self.runs += 1
        self.log = self.log_dir / f"worker-{self.runs}.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "sources.tests.worker_app", "worker",
             "-Q", "fetch,extract,default", "--pool=solo", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "-l", "info", "-n", f"test{self.runs}@%h"],
            cwd=ROOT, env=self.env, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
        )
        wait_for(lambda: "ready." in self.log.read_text() or self.process.poll() is not None, message="worker start")
        if self.process.poll() is not None:
            raise AssertionError(f"the worker exited at start:\n{self.log.read_text()[-3000:]}")
        return self

    def kill(self):
        """SIGKILL: no clean-up, no acknowledgement, as when a machine dies."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

    def output(self):
        return "\n".join(p.read_text() for p in sorted(self.log_dir.glob("worker-*.log")))


@pytest.fixture
def celery_worker(transactional_db, tmp_path, settings):
    """A real worker on the real Redis. Its queues are purged first; it is stopped after the test."""
    import redis
    from django.db import connection

    db = connection.settings_dict
    if not db["ENGINE"].endswith("postgresql"):
        pytest.skip("the worker shares the test database, which needs PostgreSQL")
    redis_url = os.environ["REDIS_URL"]
    redis.Redis.from_url(redis_url).flushdb()
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "FETCH_ALLOWED_NETWORKS": "127.0.0.1/32",
        "FETCH_ALLOW_PRIVATE": "0",
        **WORKER_TIMEOUTS,
        "PYTHONUNBUFFERED": "1",
    }
    worker = Worker(env, tmp_path)
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
