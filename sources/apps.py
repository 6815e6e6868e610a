from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = _("Ingestion")

    def ready(self):
        from django.conf import settings

        from sources import statements

        statements.configure(settings.NLP_MODEL)  # loaded on first use, not now
