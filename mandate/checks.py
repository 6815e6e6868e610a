"""System checks of what the public pages promise readers."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def corrections_address(app_configs, **kwargs):
    """A tracker that publishes ratings tells readers where to send corrections (the About page)."""
    if settings.CORRECTIONS_EMAIL:
        return []
    return [
        Warning(
            "CORRECTIONS_EMAIL is not set: the About page gives readers no address for corrections.",
            hint="Set CORRECTIONS_EMAIL to the editors' address, e.g. corrections@mandate.example.",
            id="mandate.W001",
        )
    ]
