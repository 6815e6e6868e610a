"""The languages of the public pages: which one a reader gets, and the links to the others.

English pages have no prefix (``/promises/``), the others do (``/ru/promises/``). A page's
language is its URL's, so a link or a cached page always means one language. Only a reader
with no choice yet is sent from an English page to their browser's language (its
``Accept-Language``), and that first redirect remembers the choice in the language cookie; from
then on the cookie, which the switcher's links also set, decides — the header never again.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path, get_language_from_request, get_language_info, override
from django.views.decorators.cache import never_cache

READ_METHODS = frozenset({"GET", "HEAD"})
# What the switcher calls each language, in that language ("Қазақша" as Kazakh sites say it).
LOCAL_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


# The day formats the templates use, as each language writes them: Russian puts the month in the
# genitive ("8 марта 2024"), Kazakh writes the year first and the month in lower case
# ("2024 ж. 8 наурыз"). A format not listed here is used as it is.
DATE_PATTERNS = {
    "ru": {"j M Y": "j E Y", "j F Y": "j E Y"},
    "kk": {"j M Y": r"Y \ж. j E", "j F Y": r"Y \ж. j E"},
}


def local_date(day, display_format, language):
    """``day`` in ``display_format`` (the ``date`` filter's), as ``language`` writes it."""
    text = date_format(day, DATE_PATTERNS.get(language, {}).get(display_format, display_format))
    return text.lower() if language == "kk" else text


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def _remember(response, code):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class FirstVisitLanguageMiddleware:
    """Send a reader from an English page to the same page in their language.

    Their language is the cookie's when they have one, else (the first visit) their
    browser's, which the redirect then stores in the cookie. Pages in other languages, and
    what has no translated URL (the admin, the API, robots.txt), are served as asked.
    Sits after LocaleMiddleware and before the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in READ_METHODS or get_language_from_path(request.path_info):
            return self.get_response(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        first_visit = chosen not in language_codes()
        wanted = get_language_from_request(request) if first_visit else chosen
        if wanted != settings.LANGUAGE_CODE:
            path = request.get_full_path()
            target = translate_url(path, wanted)
            if target != path:
                response = HttpResponseRedirect(target)
                if first_visit:
                    _remember(response, wanted)
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        return response


@never_cache
def switch_language(request, code):
    """The switcher's plain link: remember ``code`` and go to the page ``next`` names, in it."""
    if code not in language_codes():
        code = settings.LANGUAGE_CODE
    page = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(page, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        page = "/"
    # translate_url resolves the page in its own language: /ru/… resolves only while Russian is on.
    with override(get_language_from_path(page) or settings.LANGUAGE_CODE):
        response = HttpResponseRedirect(translate_url(page, code))
    _remember(response, code)
    return response


def alternates(request):
    """This page in each language: ``[{code, name, path, url, current}]`` (the switcher, hreflang)."""
    path = request.path
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    links = []
    for code in language_codes():
        translated = translate_url(path, code)
        links.append(
            {
                "code": code,
                "name": LOCAL_NAMES.get(code) or get_language_info(code)["name_local"],
                "path": translated,
                "url": request.build_absolute_uri(translated),
                "current": code == current,
            }
        )
    return links
