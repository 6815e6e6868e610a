from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliticsConfig(AppConfig):
    name = "politics"
    verbose_name = _("Leaders, parties and elections")
