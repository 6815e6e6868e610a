from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromisesConfig(AppConfig):
    name = "promises"
    # The breadcrumbs read "Home › Track promises › Promises", not "Promises › Promises".
    verbose_name = _("Track promises")
