from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    """Shared helpers (API and admin base classes, cache, logging, health) and the
    database start-up hooks. This app imports nothing of the project's other apps."""

    name = "core"
    verbose_name = "Mandate"

    def ready(self):
        from . import lockout  # noqa: F401 — registers the deploy check of TRUSTED_PROXIES
        from .database import install_retry_stale_plan

        connection_created.connect(install_retry_stale_plan, dispatch_uid="mandate.retry_stale_plan")
