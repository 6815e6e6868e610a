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
