"""Pages other sites may show in an ``<iframe>``: the embed cards, and nothing else.

Every other answer keeps the site's ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``."""

from functools import wraps

from csp.constants import HEADER
from csp.utils import build_policy
from django.conf import settings


def embeddable(view):
    """Let the sites ``EMBED_FRAME_ANCESTORS`` names frame ``view``'s pages; the rest of the CSP stays.

    django-csp builds the policy, as its ``csp_replace`` decorator would have it built, but here
    rather than in its middleware: the middleware sits outside the public-page cache, and a page
    served from the cache is a new response without the decorator's mark, so it would be sent
    with the site's ``'none'``. The header itself is kept with the cached page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response[HEADER] = build_policy(replace={"frame-ancestors": settings.EMBED_FRAME_ANCESTORS})
        response.xframe_options_exempt = True
        return response

    return wrapped
