"""The project's Celery app as the tests' worker runs it: a visibility timeout of
seconds instead of an hour, so that a task whose worker was killed is handed to
the next worker within the test (production keeps CELERY_VISIBILITY_TIMEOUT), and
retries a second or two apart instead of ten to six hundred. A retry's countdown
must stay below the visibility timeout, or Redis hands the waiting retry to a
worker a second time; production keeps 600 s below its 3600 s."""

import os

from celery.app.autoretry import add_autoretry_behaviour

from config.celery import app

app.conf.broker_transport_options = {
    "visibility_timeout": int(os.environ.get("TEST_VISIBILITY_TIMEOUT", "4")),
    # Look for unacknowledged tasks to restore every second, on every look.
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}

app.loader.import_default_modules()
for name in ("sources.tasks.poll_feed", "sources.tasks.fetch_article"):
    # The autoretry wrapper fixes its backoff when the task is declared; wrap again.
    task = app.tasks[name]
    task.run = task._orig_run
    del task._orig_run
    add_autoretry_behaviour(task, retry_backoff=1, retry_backoff_max=2)

# Test-only hang points for the fault tests (tests/faults): with TEST_HANG_AT=<step> the
# worker writes the file TEST_HANG_DIR/<step> when it reaches that point of a task and
# waits there (60 s at most) for the test to kill it.
_HANG_AT = os.environ.get("TEST_HANG_AT", "")


def _hang(step):
    from pathlib import Path

    Path(os.environ["TEST_HANG_DIR"], step).touch()
    import time

    time.sleep(60)


if _HANG_AT == "find_statements":
    # Inside article_find_statements: after the article was read, before any candidate is written.
    import sources.statements

    _find = sources.statements.find_statements

    def _hanging_find(*args, **kwargs):
        _hang("find_statements")
        return _find(*args, **kwargs)

    sources.statements.find_statements = _hanging_find
elif _HANG_AT == "poll_feeds":
    # Mid fan-out: after the first poll_feed was enqueued, before the others.
    poll_feed = app.tasks["sources.tasks.poll_feed"]
    _delay = poll_feed.delay

    def _hanging_delay(*args, **kwargs):
        result = _delay(*args, **kwargs)
        _hang("poll_feeds")
        return result

    poll_feed.delay = _hanging_delay
