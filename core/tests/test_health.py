"""/healthz: what a load balancer asks before sending a node traffic."""

import os

import pytest
from django.urls import reverse

from core import health
from core.tests.test_cache_backend import unused_loopback_port


def _get(client):
    response = client.get(reverse("healthz"))
    assert response["Content-Type"] == "application/json"
    return response, response.json()


def test_the_embedded_site_is_healthy(db, reader, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.CELERY_BROKER_URL = "memory://"
    response, body = _get(reader)
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["broker"]["kind"] == "embedded"
    assert isinstance(body["checks"]["database"]["ms"], float)


def test_it_is_never_cached_a_failure_shows_on_the_next_request(db, reader, monkeypatch):
    assert _get(reader)[0].status_code == 200

    def database_down():
        raise ConnectionError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", database_down)
    response, body = _get(reader)
    assert response.status_code == 503
    assert body["status"] == "fail"
    assert body["failing"] == ["database"]
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["database"]["error"] == "ConnectionError: connection refused"
    assert "no-cache" in response["Cache-Control"]


def test_a_load_balancer_may_probe_over_plain_http_without_being_redirected(db, reader, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert reader.get("/healthz").status_code == 200
    assert reader.get("/").status_code == 301


@pytest.mark.redis
def test_with_redis_up_cache_and_broker_are_checked_against_it(db, reader, settings):
    assert settings.CELERY_BROKER_URL == os.environ["REDIS_URL"]
    response, body = _get(reader)
    assert response.status_code == 200
    assert body["checks"]["cache"]["ok"] is True
    assert body["checks"]["broker"] == {"ok": True, "kind": "redis", "ms": body["checks"]["broker"]["ms"]}


@pytest.fixture
def redis_unreachable(settings):
    url = f"redis://127.0.0.1:{unused_loopback_port()}/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache_backend.FailOpenRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.CELERY_BROKER_URL = url
    return settings


@pytest.mark.redis
def test_with_redis_unreachable_it_answers_503_naming_cache_and_broker(db, reader, redis_unreachable):
    response, body = _get(reader)
    assert response.status_code == 503
    assert body["status"] == "fail"
    assert body["failing"] == ["cache", "broker"]
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["broker"]["ok"] is False
    assert "ConnectionError" in body["checks"]["broker"]["error"]


@pytest.mark.redis
def test_an_operator_can_keep_nodes_in_rotation_through_a_redis_outage(db, reader, redis_unreachable):
    redis_unreachable.HEALTHZ_REQUIRED = ["database"]
    response, body = _get(reader)
    assert response.status_code == 200
    assert body["status"] == "ok"
    # Still reported, so a person looking sees it.
    assert body["checks"]["broker"]["ok"] is False
