"""The URL of an object's page, reversed once per URL name rather than once per link."""

import re
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# What Django's ``slug`` path converter accepts.
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_PLACEHOLDER = "0slug0"


@lru_cache(maxsize=64)
def _around_slug(viewname, urlconf, script_prefix, language):
    """The parts of ``viewname``'s URL before and after its slug (``script_prefix`` and ``language``
    are in the key because reverse() puts them in front: ``/ru/promises/…``)."""
    before, _, after = reverse(viewname, urlconf=urlconf, kwargs={"slug": _PLACEHOLDER}).partition(_PLACEHOLDER)
    return before, after


def slug_url(viewname, slug):
    """``reverse(viewname, kwargs={"slug": slug})`` at a fraction of the cost: a list page links to
    a hundred objects, and reverse() was a tenth of its time. A slug the URL would not
    accept still goes through reverse(), which refuses it."""
    if not _SLUG.fullmatch(slug or ""):
        return reverse(viewname, kwargs={"slug": slug})
    before, after = _around_slug(viewname, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language())
    return f"{before}{slug}{after}"
