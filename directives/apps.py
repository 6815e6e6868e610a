from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "directives"
    # The breadcrumbs read "Home › Track directives › Directives", not "Directives › Directives".
    verbose_name = _("Track directives")
