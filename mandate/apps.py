from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MandateConfig(AppConfig):
    """The top app: what spans the others (home and actors' pages, feeds, sitemaps,
    the candidate review queue, the demo). It may import every other app; none imports it."""

    name = "mandate"
    verbose_name = _("Mandate")

    def ready(self):
        from . import checks  # noqa: F401 — registers the deploy checks
