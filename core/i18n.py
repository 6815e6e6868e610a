"""The languages of the public pages: which one a reader gets, and the links to the others.

English pages have no prefix (``/promises/``), the others do (``/ru/promises/``). A page's
language is its URL's, so a link or a cached page always means one language. Only a reader
with no choice yet is sent from an English page to their browser's language (its
``Accept-Language``), and that first redirect remembers the choice in the language cookie; from
then on the cookie, which the switcher's links also set, decides — the header never again.
The admin (unprefixed) speaks the editor's chosen language; the API the one a program asks for
(``?lang=``, ``Accept-Language``). Dates as each language writes them (``local_date``).
"""

import functools

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import get_urlconf, translate_url
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import (
    get_language,
    get_language_from_path,
    get_language_info,
    get_supported_language_variant,
    override,
)
from django.views.decorators.cache import never_cache

from core.cache import query_parameters

READ_METHODS = frozenset({"GET", "HEAD"})
API_PREFIX = "/api/"
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


ADMIN_PREFIX = "/admin/"


class ReaderLanguageMiddleware:
    """Which language a request is answered in, where the URL does not say it.

    - An English page: a reader with a language other than English is sent to the same page
      in it. Their language is the cookie's when they have one, else (the first visit) their
      browser's, which the redirect then stores in the cookie.
    - The admin (unprefixed, like the API): in the language the editor chose with the
      switcher (the cookie), else English.
    - The API: left to ``ApiLanguageMiddleware``. Pages in other languages, and what has no
      translated URL (robots.txt), are served as asked.

    Sits after LocaleMiddleware and before the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if path.startswith(ADMIN_PREFIX):
            if chosen not in language_codes():
                return self.get_response(request)
            with override(chosen):
                request.LANGUAGE_CODE = chosen
                response = self.get_response(request)
            response["Content-Language"] = chosen
            return response
        if request.method not in READ_METHODS or path.startswith(API_PREFIX) or get_language_from_path(path):
            return self.get_response(request)
        first_visit = chosen not in language_codes()
        wanted = header_language(request.META.get("HTTP_ACCEPT_LANGUAGE", "")) if first_visit else chosen
        if wanted != settings.LANGUAGE_CODE:
            full_path = request.get_full_path()
            target = translate_url(full_path, wanted)
            if target != full_path:
                response = HttpResponseRedirect(target)
                if first_visit:
                    _remember(response, wanted)
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        return response


@never_cache
@query_parameters("next")
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


@functools.lru_cache(maxsize=4096)
def _paths_in_each_language(path, active, urlconf):
    """``path`` (read while ``active`` is on, under ``urlconf``) in each language: one resolve and
    reverse a language, done once per page and process rather than on every request."""
    with override(active):
        return tuple((code, translate_url(path, code)) for code in language_codes())


def alternates(request):
    """This page in each language: ``[{code, name, path, url, current}]`` (the switcher, hreflang)."""
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    links = []
    for code, translated in _paths_in_each_language(
        request.path, get_language() or settings.LANGUAGE_CODE, get_urlconf() or settings.ROOT_URLCONF
    ):
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


LANGUAGE_PARAMETER = "lang"


class ApiLanguageMiddleware:
    """The API's language: ``?lang=ru`` when given, else the request's ``Accept-Language``, else
    English. Translated fields (titles, actions, explanations, names) come in it, with the
    original where nobody has translated them; the response says which in ``Content-Language``
    and varies by ``Accept-Language``, so a cache keeps one copy per language (``?lang=`` is in
    the URL). An unknown ``lang`` is a 400 that lists the known ones. After LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        asked = request.GET.get(LANGUAGE_PARAMETER)
        if asked is not None and asked not in language_codes():
            message = f"{LANGUAGE_PARAMETER}: “{asked[:20]}” is not a language of the site. Use one of: {', '.join(language_codes())}."
            return JsonResponse(
                {"status": 400, "code": "invalid", "message": message, "errors": {LANGUAGE_PARAMETER: [message]}},
                status=400,
            )
        language = asked or header_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
        request.LANGUAGE_CODE = language
        if language == get_language():
            response = self.get_response(request)  # already active: no switching there and back
        else:
            with override(language):
                response = self.get_response(request)
        response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language",))
        return response


def header_language(header):
    """The site's language an ``Accept-Language`` header prefers, or English. The header alone,
    not the cookie: a program's language should not depend on a browser's choice."""
    ranked = []
    for position, part in enumerate(header.split(",")[:20]):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag and tag != "*" and quality > 0:
            ranked.append((-quality, position, tag))
    for _quality, _position, tag in sorted(ranked):
        try:
            return get_supported_language_variant(tag)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def document_api_language(result, generator, request, public):
    """drf-spectacular post-processing hook: every read of the API takes ``?lang=`` and
    ``Accept-Language``, documented once here rather than on each view."""
    codes = language_codes()
    parameters = [
        {
            "in": "query",
            "name": LANGUAGE_PARAMETER,
            "required": False,
            "schema": {"type": "string", "enum": codes},
            "description": "The language of translated fields (titles, actions, explanations, names): "
            f"{', '.join(codes)}. Where an item has no translation, the English original is given. "
            "Overrides Accept-Language.",
        },
        {
            "in": "header",
            "name": "Accept-Language",
            "required": False,
            "schema": {"type": "string"},
            "description": "The language of translated fields when `lang` is not given (e.g. `kk, ru;q=0.8`); "
            "English by default. The response's Content-Language says which was used.",
        },
    ]
    for path in result.get("paths", {}).values():
        operation = path.get("get")
        if operation is not None:
            operation.setdefault("parameters", []).extend(parameters)
    return result
