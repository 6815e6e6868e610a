"""The project's Celery app as the tests' worker runs it: a visibility timeout of
seconds instead of an hour, so that a task whose worker was killed is handed to
the next worker within the test (production keeps CELERY_VISIBILITY_TIMEOUT)."""

import os

from config.celery import app

app.conf.broker_transport_options = {
    "visibility_timeout": int(os.environ.get("TEST_VISIBILITY_TIMEOUT", "4")),
    # Look for unacknowledged tasks to restore every second, on every look.
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
