"""Private PostgreSQL and Redis instances for fault tests, and the processes the tests run: gunicorn and
the Celery worker (also the ingestion tests' worker, sources/tests/conftest.py).

The machine's shared PostgreSQL (5432) and Redis (6379) serve everyone's tests and
are never stopped; a test that stops or restarts a service starts its own here, on
an ephemeral loopback port, in a temporary directory removed afterwards.
PostgreSQL refuses to run as root, so under root (CI) its directory belongs to the
``postgres`` user and its commands run through ``runuser``.

A test that cannot find what it needs calls ``missing_service(reason)``: a skip, or a failure
under ``MANDATE_REQUIRE_SERVICES=1`` (CI), whatever the reason, so nothing is skipped in CI.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
REQUIRE_SERVICES = os.environ.get("MANDATE_REQUIRE_SERVICES", "").lower() in {"1", "true", "yes", "on"}
# Where system programs live whatever PATH says (runuser is in /usr/sbin, often not on a user's PATH).
SYSTEM_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"])


def missing_service(reason):
    """Skip the test for ``reason``, or fail it when MANDATE_REQUIRE_SERVICES is set."""
    if REQUIRE_SERVICES:
        pytest.fail(f"MANDATE_REQUIRE_SERVICES is set and this test {reason}", pytrace=False)
    pytest.skip(reason)


def program(name):
    """The path of the program ``name``, on PATH or in the system's directories; None when absent."""
    return shutil.which(name, path=SYSTEM_PATH)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, *, timeout=30, interval=0.1, message="condition"):
    """``condition()``'s first truthy value, polled every ``interval`` s; fails after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {message}")


def _stop(process, timeout=15):
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def postgres_missing():
    if not (PG_BIN / "initdb").exists():
        return f"needs PostgreSQL's server binaries in {PG_BIN} (apt-get install postgresql-15)"
    if os.geteuid() == 0 and not program("runuser"):
        return "running as root needs runuser to start PostgreSQL as the postgres user"
    return None


def redis_missing():
    return None if program("redis-server") else "needs redis-server (apt-get install redis-server)"


class PrivatePostgres:
    """A PostgreSQL cluster of its own: ``start()``, ``restart()`` (``pg_ctl restart -m fast``), ``stop()``."""

    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="mandate-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")

    def url(self, database="mandate"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args, check=True, timeout=60):
        command = [str(PG_BIN / args[0]), *map(str, args[1:])]
        if self._as_postgres:
            command = [program("runuser"), "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, timeout=timeout, capture_output=True, text=True)

    def start(self):
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8")
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.dir}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\njit = off\n"
            )
        self._pg_ctl("start")
        self.execute("CREATE DATABASE mandate")
        return self

    def _pg_ctl(self, action, *extra):
        self._run("pg_ctl", action, "-D", self.data, "-l", self.log, "-w", "-t", "30", *extra)

    def restart(self):
        """Fast restart: every client connection is terminated, the server is back when this returns."""
        self._pg_ctl("restart", "-m", "fast")

    def stop(self):
        if self.data.exists():
            self._run("pg_ctl", "stop", "-D", self.data, "-m", "immediate", "-w", "-t", "30", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)

    def execute(self, sql, database="postgres"):
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=5) as connection:
            cursor = connection.execute(sql)
            return cursor.fetchall() if cursor.description else None

    def backends(self, database="mandate"):
        """Client connections to ``database`` other than the one asking."""
        return self.execute(
            f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()"
        )[0][0]


class PrivateRedis:
    """``redis-server`` without persistence as a subprocess: ``stop()`` then ``start()`` is a Redis that lost
    everything, as a crashed one without persistence does."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def url(self, database=0):
        return f"redis://127.0.0.1:{self.port}/{database}"

    def start(self):
        self.process = subprocess.Popen(
            [
                program("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.ping, timeout=10, message="redis-server to answer")
        return self

    def ping(self):
        import redis

        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def stop(self):
        _stop(self.process)
        self.process = None

    def client(self, database=0):
        import redis

        return redis.Redis.from_url(self.url(database), socket_timeout=5)


def app_env(*, database_url, redis_url, **extra):
    """The environment of a web or worker process of the project, production-like, on loopback."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "fault-tests-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "BEHIND_TLS_PROXY": "0",
        "SECURE_HSTS_SECONDS": "0",
        "AXES_ENABLED": "0",
        "FETCH_ALLOWED_NETWORKS": "127.0.0.1/32",
        "FETCH_ALLOW_PRIVATE": "0",
        "FETCH_CONNECT_TIMEOUT": "2",
        "FETCH_READ_TIMEOUT": "2",
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "INFO",
    }
    env.pop("MANDATE_REQUIRE_SERVICES", None)
    env.update(extra)
    return env


def manage(env, *args, timeout=120):
    """``manage.py ARGS`` with ``env``; raises with the output when it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return result.stdout


class Gunicorn:
    """gunicorn with sync workers on a free loopback port, static files collected into a temporary root."""

    def __init__(self, env, log_dir, *, workers=2):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "STATIC_ROOT": str(Path(log_dir) / "static")}
        self.log_path = Path(log_dir) / f"gunicorn-{self.port}.log"
        self.workers = workers
        self.process = None

    def start(self):
        manage(self.env, "collectstatic", "--noinput", "-v0")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                "--timeout",
                "30",
                "--access-logfile",
                "-",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log_path.open("w"),
            stderr=subprocess.STDOUT,
        )
        wait_for(self._answers, timeout=30, interval=0.2, message="gunicorn to answer")
        self.pids = self.worker_pids()
        return self

    def _answers(self):
        if self.process.poll() is not None:
            raise AssertionError(f"gunicorn exited:\n{self.log_path.read_text()[-3000:]}")
        try:
            return self.get("/ping/")[0] == 200
        except OSError:
            return False

    def get(self, path, *, headers=None, timeout=10):
        """(status, body) of a GET; an HTTP error status is returned, not raised."""
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def worker_pids(self):
        """The pids of the master's workers (a restarted worker shows up as a new pid)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return sorted(int(pid) for pid in children.read_text().split()) if children.exists() else []

    def stop(self):
        _stop(self.process)

    def output(self):
        return self.log_path.read_text() if self.log_path.exists() else ""


class CeleryWorker:
    """``celery worker`` (the tests' app: short visibility timeout) in a subprocess, logging to
    ``log_dir/worker-NAME-RUN.log``; ``start()`` again after ``kill()`` or ``stop()`` is a new run."""

    def __init__(self, env, log_dir, *, name="w", queues="fetch,extract,default"):
        self.env = env
        self.log_dir = Path(log_dir)
        self.name = name
        self.queues = queues
        self.process = None
        self.runs = 0

    def start(self):
        self.runs += 1
        self.log = self.log_dir / f"worker-{self.name}-{self.runs}.log"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "sources.tests.worker_app",
                "worker",
                "-Q",
                self.queues,
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "info",
                "-n",
                f"{self.name}{self.runs}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        wait_for(lambda: "ready." in self.log.read_text() or self.process.poll() is not None, message="worker start")
        if self.process.poll() is not None:
            raise AssertionError(f"the worker exited at start:\n{self.log.read_text()[-3000:]}")
        return self

    def kill(self):
        """SIGKILL: no clean-up, no acknowledgement, as when a machine dies."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        _stop(self.process)

    def output(self):
        return "\n".join(p.read_text() for p in sorted(self.log_dir.glob(f"worker-{self.name}-*.log")))


def shared_test_database_url():
    """The URL of the test database, for a subprocess to share it; skips the test unless it is PostgreSQL."""
    from django.db import connection

    db = connection.settings_dict
    if not db["ENGINE"].endswith("postgresql"):
        missing_service("shares the test database with other processes, which needs PostgreSQL")
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def sender(broker_url):
    """A bare Celery client on ``broker_url`` that routes the project's tasks to their queues, as the
    project's app would: ``sender(url).send_task("sources.tasks.poll_feed", (feed_id,))``."""
    from celery import Celery

    from config import settings

    client = Celery("fault-test-client", broker=broker_url, set_as_current=False)
    client.conf.task_routes = settings.CELERY_TASK_ROUTES
    client.conf.broker_connection_retry_on_startup = True
    return client
