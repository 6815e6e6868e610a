"""The site with its public pages under language prefixes (``/ru/…``), as i18n_patterns will serve
them: the embed tests check that badges, cards and oEmbed follow the language of the address."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from config import urls

urlpatterns = [
    *(pattern for pattern in urls.urlpatterns if getattr(pattern, "urlconf_name", None) != "config.public_urls"),
    *i18n_patterns(path("", include("config.public_urls")), prefix_default_language=False),
]
