"""PostgreSQL restarts (``pg_ctl restart -m fast``: every connection is cut) under a running gunicorn
(sync workers, persistent connections) and a running Celery worker, on a private cluster.

The contract: no request fails after the restart and neither process is restarted. Each
web worker keeps its connection between requests (CONN_MAX_AGE) and, with
CONN_HEALTH_CHECKS, checks it at its first query of a request; the dead connection fails
that check and is replaced before the request uses it. The worker does the same per task
(Celery's Django fix-up closes unusable connections around each task), so a task enqueued
after the restart completes.
"""

import pytest

from tests.services import (
    CeleryWorker,
    Gunicorn,
    PrivatePostgres,
    PrivateRedis,
    app_env,
    manage,
    missing_service,
    postgres_missing,
    redis_missing,
    sender,
    wait_for,
)

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.celery_worker]

PAGES = ["/", "/promises/", "/promises/bridge/", "/api/v1/promises/", "/api/v1/promises/?status=not_rated"]


@pytest.fixture
def cluster(tmp_path):
    reason = postgres_missing() or redis_missing()
    if reason:
        missing_service(reason)
    postgres, redis = PrivatePostgres(), PrivateRedis()
    try:
        postgres.start()
        redis.start()
        env = app_env(
            database_url=postgres.url(), redis_url=redis.url(), PUBLIC_PAGE_CACHE="0", TEST_HANG_DIR=str(tmp_path)
        )
        manage(env, "migrate", "--noinput", "-v0")
        yield postgres, redis, env
    finally:
        redis.stop()
        postgres.stop()


def shell(env, code):
    return manage(env, "shell", "-c", code).strip().splitlines()[-1:]


def add_article(env, url):
    return int(shell(env, f"from sources.models import Article; print(Article.objects.create(url={url!r}).pk)")[0])


def article_state(postgres, pk):
    return postgres.execute(f"SELECT state FROM sources_article WHERE id = {int(pk)}", "mandate")[0][0]


def test_postgres_restarting_under_gunicorn_and_a_worker_fails_no_request_and_no_task(cluster, web, tmp_path):
    postgres, redis, env = cluster
    shell(env, "from promises.tests.factories import PromiseFactory; PromiseFactory(slug='bridge', title='A bridge')")
    site = Gunicorn(env, tmp_path, workers=2).start()
    worker = CeleryWorker(env, tmp_path).start()
    client = sender(redis.url())
    try:
        for _ in range(5):
            assert [site.get(page)[0] for page in PAGES] == [200] * len(PAGES)
        before = add_article(env, web.url("/gen/1"))
        client.send_task("sources.tasks.fetch_article", (before,))
        wait_for(lambda: article_state(postgres, before) == "done", message="the task before the restart")
        # Connections kept between requests and tasks, which the restart cuts.
        assert postgres.backends() >= 1, postgres.execute("SELECT datname, state, query FROM pg_stat_activity")

        postgres.restart()

        statuses = [site.get(page)[0] for _ in range(5) for page in PAGES]
        assert statuses == [200] * len(statuses), site.output()[-3000:]
        assert b"A bridge" in site.get("/promises/bridge/")[1]
        after = add_article(env, web.url("/gen/2"))
        client.send_task("sources.tasks.fetch_article", (after,))
        wait_for(lambda: article_state(postgres, after) == "done", message=f"the task after\n{worker.output()[-3000:]}")
        assert web.hits["/gen/2"] == 1

        # Neither the web workers nor the Celery worker were restarted.
        assert site.worker_pids() == site.pids and worker.alive() and worker.runs == 1
    finally:
        client.close()
        worker.stop()
        site.stop()
