from django.apps import AppConfig
from django.db.backends.signals import connection_created


class SiteConfig(AppConfig):
    """The project's own start-up hooks (the package holds settings, URLs and shared plumbing)."""

    name = "config"
    label = "site"
    verbose_name = "Mandate"

    def ready(self):
        from .database import install_retry_stale_plan

        connection_created.connect(install_retry_stale_plan, dispatch_uid="mandate.retry_stale_plan")
