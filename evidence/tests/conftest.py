from sources.tests.conftest import celery_worker, web  # noqa: F401 — the real worker and the local web server
