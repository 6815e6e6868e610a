"""The site's error answers: on API routes, the API's one error body; elsewhere, Django's pages.

DRF answers the errors its views raise (``core.api.exception_handler``); these handlers
answer the rest: what Django itself refuses before a view runs (a bad request, an unknown
route) and what fails inside one (a server error), so that an API client never parses an
HTML page. And the middleware that refuses, as a bad request, input no page can use."""

from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/"


def is_api(request):
    return request.path.startswith(API_PREFIX)


def error_body(status, code, message):
    """The API's error body (README, API): ``{"status", "code", "message"}``."""
    return JsonResponse({"status": status, "code": code, "message": message}, status=status)


def bad_request(request, exception, template_name=defaults.ERROR_400_TEMPLATE_NAME):
    # Our own refusals (BadRequest) say what was wrong; Django's SuspiciousOperations say nothing.
    message = str(exception) if type(exception) is BadRequest else ""
    if is_api(request):
        return error_body(400, "bad_request", message or _("Bad request."))
    try:
        return render(request, template_name, {"message": message}, status=400)
    except Exception:  # a page that cannot be drawn (a broken template, the database down): Django's plain one
        return defaults.bad_request(request, exception, template_name)


def page_not_found(request, exception, template_name=defaults.ERROR_404_TEMPLATE_NAME):
    if is_api(request):
        return error_body(404, "not_found", _("Not found."))
    return defaults.page_not_found(request, exception, template_name)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    if is_api(request):
        return error_body(500, "server_error", _("The server failed to answer; the error is logged."))
    return defaults.server_error(request, template_name)


class RefuseNulMiddleware:
    """A NUL character in the query string is a 400: no page reads one, and PostgreSQL
    refuses it in a query (a search for it was a 500). Forms and the API's fields
    already refuse it in bodies (Django's ``ProhibitNullCharactersValidator``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            raise BadRequest(_("The address contains a NUL character (%00)."))
        return self.get_response(request)
