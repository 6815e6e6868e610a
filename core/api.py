"""What every API endpoint shares: pagination, the error body, permissions,
conditional GET, the draft rule, and the fast read path.

Serialisation is where DRF spends its time, so list and detail reads go through
``FastReadMixin``: the queryset is turned into ``.values()`` rows and each row
into a plain dict by ``row_reader``, compiled from the serializer's declared fields:
they are the one declaration of the response, for the OpenAPI schema and the fast
path alike (a test compares both).
"""

import hashlib
from urllib.parse import urlencode

import orjson
from django import forms
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django_filters.filters import ModelChoiceFilter, NumberFilter
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.plumbing import build_basic_type, build_parameter_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import exceptions, filters, pagination, parsers, permissions, renderers, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from core.middleware import client_ip
from core.prepared import PreparedQuerySet
from core.throttling import WindowThrottle
from core.translated import ORIGINAL_LANGUAGE, active_language, column

# --- errors ---------------------------------------------------------------


def _flatten_messages(detail):
    """The first human message of a (possibly nested) DRF error detail."""
    if isinstance(detail, dict):
        for value in detail.values():
            return _flatten_messages(value)
        return ""
    if isinstance(detail, list):
        return _flatten_messages(detail[0]) if detail else ""
    return str(detail)


def exception_handler(exc, context):
    """Every error has the same body::

        {"status": 400, "code": "invalid", "message": "party: Select a valid choice…",
         "errors": {"party": ["Select a valid choice…"]}}

    ``errors`` is present for validation errors only. A service's Django
    ``ValidationError`` becomes a 400 with the same shape."""
    # Imported here: rest_framework.views reads the throttle setting, which names this module.
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    body = {"status": response.status_code, "code": "error", "message": ""}
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {api_settings.NON_FIELD_ERRORS_KEY: exc.detail}
        body["code"] = "invalid"
        first_field = next(iter(errors), "")
        message = _flatten_messages(errors)
        body["message"] = f"{first_field}: {message}" if first_field and first_field != api_settings.NON_FIELD_ERRORS_KEY else message
        body["errors"] = errors
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        body["code"] = codes if isinstance(codes, str) else "error"
        body["message"] = _flatten_messages(exc.detail)
    response.data = body
    return response


# --- permissions ----------------------------------------------------------


def can_see_drafts(user, model):
    """Who sees unpublished items: anyone allowed to view the model in the admin
    (the Editors and Reviewers groups). Everyone else gets ``.public()``."""
    opts = model._meta
    return bool(user and user.is_authenticated and user.has_perm(f"{opts.app_label}.view_{opts.model_name}"))


class ModelPermissions(permissions.DjangoModelPermissionsOrAnonReadOnly):
    """Reads are open; writes need the model permission (add/change/delete)."""

    def has_permission(self, request, view):
        # A read needs no permission (``perms_map`` has none for it), so the view's queryset
        # is not built just to learn its model, as DRF does on every request.
        if request.method in permissions.SAFE_METHODS and not self.perms_map[request.method]:
            return bool(request.user)
        return super().has_permission(request, view)


class EditorsOnly(permissions.DjangoModelPermissions):
    """Reads need the model's view permission too: for data only editors see (candidates)."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


class AnonThrottle(WindowThrottle, AnonRateThrottle):
    """The anonymous throttle, counted in one round trip (core/throttling.py), reading its
    rate when asked rather than at import, so a changed setting (and a test) takes effect."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        # The client's address as the admin's lock-out takes it: X-Forwarded-For only from a
        # trusted proxy, read from the right (DRF's own reading trusts the client's left end).
        return client_ip(request)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a body nested deeper than Python's parser goes (``[[[[…``)
    refused as a parse error, a 400, like any malformed body."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(_("JSON parse error - the body is nested too deeply.")) from None


# DRF's pages for people style elements inline (the filters' button, the highlighted code);
# scripts stay 'self' only. The relaxation is these pages' alone, as the API docs' is theirs.
BROWSABLE_API_CSP = {"style-src": ["'unsafe-inline'"]}


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's browsable API, with its scoped Content-Security-Policy (``BROWSABLE_API_CSP``)."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_update = BROWSABLE_API_CSP  # read by django-csp's middleware
        return super().render(data, accepted_media_type, renderer_context)


# --- pagination -----------------------------------------------------------

CURSOR_PARAM = "cursor"


def _is_id(text):
    return text.lstrip("-").isascii() and text.lstrip("-").isdigit() and abs(int(text)) < 2**63


class PageOrCursorPagination(pagination.BasePagination):
    """Page numbers for browsing (``?page=2&page_size=100``); a cursor for walking
    everything (start with ``?cursor=`` and follow ``next``). The cursor walks in
    ``id`` order, which never changes under the walker's feet."""

    max_page_size = 200
    query_parameters = ("page", "page_size", CURSOR_PARAM)  # what the public cache keeps (core/cache.py)

    class _Pages(pagination.PageNumberPagination):
        page_size_query_param = "page_size"
        max_page_size = 200

    class _Cursor(pagination.CursorPagination):
        ordering = "id"
        page_size_query_param = "page_size"
        max_page_size = 200
        cursor_query_param = CURSOR_PARAM

        def get_ordering(self, request, queryset, view):
            return ("id",)

        def decode_cursor(self, request):
            # A cursor is ours only if it decodes and its position is an id; anything else
            # (edited by hand: "p=abc", "p=1e309") is the client's mistake, a 400, not a 500.
            try:
                cursor = super().decode_cursor(request)
            except exceptions.NotFound:
                cursor = False
            if cursor is False or (cursor and cursor.position is not None and not _is_id(cursor.position)):
                raise exceptions.ValidationError({CURSOR_PARAM: [_("This is not a cursor: start again with an "
                                                                   "empty cursor and follow “next”.")]})
            return cursor

    def __init__(self):
        self._delegate = None

    def _pick(self, request):
        self._delegate = self._Cursor() if CURSOR_PARAM in request.query_params else self._Pages()
        return self._delegate

    @staticmethod
    def slices(request):
        """Whether this request's page is a slice of the whole list (page numbers), not a
        filter on a position (a cursor): what ``core.prepared.PreparedQuerySet`` can give."""
        return CURSOR_PARAM not in request.query_params

    def paginate_queryset(self, queryset, request, view=None):
        return self._pick(request).paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        delegate = self._delegate
        if isinstance(delegate, pagination.CursorPagination):
            return Response({"count": None, "next": delegate.get_next_link(),
                             "previous": delegate.get_previous_link(), "results": data})
        return delegate.get_paginated_response(data)

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer", "nullable": True, "example": 123,
                          "description": "Number of matching items; null when walking with a cursor."},
                "next": {"type": "string", "nullable": True, "format": "uri",
                         "example": "https://mandate.example/api/v1/promises/?page=3"},
                "previous": {"type": "string", "nullable": True, "format": "uri",
                             "example": "https://mandate.example/api/v1/promises/?page=1"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {"name": "page", "required": False, "in": "query", "schema": {"type": "integer", "minimum": 1},
             "description": str(_("Page number, for browsing."))},
            {"name": "page_size", "required": False, "in": "query",
             "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
             "description": str(_("Items per page (default 50, at most 200)."))},
            {"name": CURSOR_PARAM, "required": False, "in": "query", "schema": {"type": "string"},
             "description": str(_("Walk every item in a stable order: start with an empty cursor and follow `next`."))},
        ]


# --- rendering --------------------------------------------------------------


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON renderer with orjson doing the encoding (about six times as fast on a page of
    50 expanded items: bench/api_profile.py). The bytes are DRF's: compact, UTF-8, dates and times
    as its encoder writes them (UTC as ``Z``), non-string keys as strings, U+2028 and U+2029
    escaped; what orjson does not know (lazy translations, decimals, sets) goes through DRF's
    encoder. Indented output (``Accept: application/json; indent=4``, the browsable API) and
    anything orjson refuses (an integer wider than 64 bits) are DRF's own rendering."""

    _default = renderers.JSONRenderer.encoder_class().default
    _options = orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if self.compact and not self.ensure_ascii and self.get_indent(accepted_media_type, renderer_context or {}) is None:
            try:
                content = orjson.dumps(data, default=self._default, option=self._options)
            except orjson.JSONEncodeError:
                pass
            else:
                return content.replace("\u2028".encode(), b"\\u2028").replace("\u2029".encode(), b"\\u2029")
        return super().render(data, accepted_media_type, renderer_context)


# --- conditional GET ------------------------------------------------------


class ConditionalGetMixin:
    """ETag and Last-Modified on every successful read, and 304 when the client
    already has it.

    The ETag is a hash of the body, so it is exact whatever changed (a renamed
    party, a new status update). Last-Modified comes from ``last_modified()``
    when the view can say: the newest write to the tables it reads."""

    def last_modified(self, request):
        return None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != status.HTTP_200_OK:
            return response
        if getattr(response, "streaming", False):
            return response
        response.render()
        patch_vary_headers(response, ("Authorization", "Cookie"))
        etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        response["ETag"] = etag
        modified = self.last_modified(request)
        if modified is not None:
            response["Last-Modified"] = http_date(modified.timestamp())
        conditional = get_conditional_response(
            request, etag=etag, last_modified=int(modified.timestamp()) if modified else None, response=response
        )
        if conditional is not response:
            # Keep what a cache needs to reuse its copy.
            for header in ("Vary", "Access-Control-Allow-Origin"):
                if header in response:
                    conditional[header] = response[header]
        return conditional


# --- fast reads -----------------------------------------------------------


class Links:
    """Absolute API and page URLs built by string joining: ``reverse()`` once per
    route, not once per row."""

    def __init__(self, request):
        self.request = request
        self._roots = {}

    def api(self, basename, pk):
        return None if pk is None else f"{self.api_root(basename)}{pk}/"

    def page(self, route, slug):
        return f"{self.page_root(route)}{slug}/"

    def api_root(self, basename):
        """The absolute URL an item's id (and "/") is appended to, for the API route ``basename``."""
        root = self._roots.get(basename)
        if root is None:
            root = self._roots[basename] = self.request.build_absolute_uri(reverse(f"api:{basename}-list"))
        return root

    def page_root(self, route):
        """The absolute URL an item's slug (and "/") is appended to, for the page ``route``."""
        root = self._roots.get(route)
        if root is None:
            root = self._roots[route] = self.request.build_absolute_uri(reverse(route, kwargs={"slug": "-"}))[:-2]
        return root

    def absolute(self, path, **query):
        url = self.request.build_absolute_uri(path)
        return f"{url}?{urlencode(query)}" if query else url


EXPAND_PARAMETER_DOC = _("Comma-separated related items to include in full under `expanded`.")


def expand_parameter(choices):
    return OpenApiParameter(
        "expand", str, many=True, explode=False, enum=list(choices), description=str(EXPAND_PARAMETER_DOC)
    )


def requested_expansions(request, allowed):
    """The ``expand`` values asked for; an unknown one is a 400, like any unknown filter value."""
    raw = request.query_params.get("expand", "")
    asked = [part.strip() for part in raw.split(",") if part.strip()]
    unknown = [part for part in asked if part not in allowed]
    if unknown:
        raise exceptions.ValidationError(
            {"expand": [_("Unknown expansion “%(name)s”. Use one of: %(choices)s.")
                        % {"name": unknown[0], "choices": ", ".join(allowed)}]}
        )
    return set(asked)


class FastReadMixin:
    """List and retrieve from ``.values()`` rows.

    The read serializer declares ``value_fields`` (the columns to fetch) and
    ``rows_to_dicts(rows, context)`` (turns a page of rows into response items
    with a fixed number of extra queries for many-to-many and expansions)."""

    def read_serializer_class(self):
        return self.get_serializer_class()

    def requested_expand(self):
        return requested_expansions(self.request, getattr(self.read_serializer_class(), "expansions", ()))

    def read_rows(self, queryset):
        """``queryset`` as the ``.values()`` rows the read serializer takes: its ``value_fields``
        (a view that reads more, an annotation, says so here)."""
        return queryset.values(*self.read_serializer_class().value_fields)

    def list_shape(self):
        """Everything a list's rows depend on, as a hashable value, when the request asks for
        nothing else (no filter): the list is then ``shaped_rows(shape)``, its SQL built once per
        shape (core/prepared.py). None (the default): built from the request each time."""
        return None

    @classmethod
    def shaped_rows(cls, shape):
        """The ``.values()`` queryset of the list ``list_shape()`` described: the one the request
        would have built."""
        raise NotImplementedError

    def _represent(self, rows):
        context = self.get_serializer_context()
        context["links"] = Links(self.request)
        context["expand"] = self.requested_expand()
        return self.read_serializer_class().rows_to_dicts(list(rows), context)

    def list(self, request, *args, **kwargs):
        self.requested_expand()  # an unknown expansion is a 400 before any work
        slices = getattr(self.paginator, "slices", None)
        shape = self.list_shape() if slices is not None and slices(request) else None
        if shape is None:
            queryset = self.read_rows(self.filter_queryset(self.get_queryset()))
        else:
            queryset = PreparedQuerySet(type(self).shaped_rows, shape)
        page = self.paginate_queryset(queryset)
        if page is not None:
            return self.get_paginated_response(self._represent(page))
        return Response(self._represent(queryset))

    def retrieve(self, request, *args, **kwargs):
        lookup = {self.lookup_field: self.kwargs[self.lookup_url_kwarg or self.lookup_field]}
        rows = list(self.read_rows(self.get_queryset().filter(**lookup))[:1])
        if not rows:
            raise exceptions.NotFound()
        self.read_row = rows[0]
        return Response(self._represent(rows)[0])

def links_for(context):
    """The ``Links`` of this request, made once per response."""
    links = context.get("links")
    if links is None:
        links = context["links"] = Links(context["request"])
    return links


@extend_schema_field({"type": "string", "format": "uri"})
class ApiLinkField(serializers.Field):
    """The API URL of a related item, from its id: ``ApiLinkField("party", source="party_id")``
    (``allow_null=True`` when there may be none). ``basename=None``: the serializer's own
    items' (its ``basename``), for an item's ``url``."""

    def __init__(self, basename, **kwargs):
        self.basename = basename
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return links_for(self.context).api(self.basename or self.parent.basename, value)

    def row_reader(self, serializer_class, context):
        root, source = context["links"].api_root(self.basename or serializer_class.basename), self.source
        return lambda row: None if (pk := row[source]) is None else f"{root}{pk}/"


@extend_schema_field({"type": "string", "format": "uri"})
class PageLinkField(serializers.Field):
    """The public page of an item, from its slug: ``PageLinkField("party_detail", source="slug")``.
    ``route=None``: the serializer's own items' page (its ``page_route``)."""

    def __init__(self, route, **kwargs):
        self.route = route
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return links_for(self.context).page(self.route or self.parent.page_route, value)

    def row_reader(self, serializer_class, context):
        root, source = context["links"].page_root(self.route or serializer_class.page_route), self.source
        return lambda row: f"{root}{row[source]}/"


def _row_plan(serializer_class, language):
    """``(source code of a factory of row readers, the fields read by their own reader)``
    for ``serializer_class``'s declared fields, made once per class and language (see
    ``row_reader``). A translated field reads its column in ``language``, else the original
    (as ``core.translated.from_row``), the language decided once, not per row and field."""
    plans = serializer_class.__dict__.get("_row_plans")
    if plans is None:
        plans = serializer_class._row_plans = {}
    plan = plans.get(language)
    if plan is None:
        entries, readers = [], []
        for name, field in serializer_class._declared_fields.items():
            if field.write_only:
                continue
            if hasattr(field, "row_reader"):
                entries.append(f"{name!r}: read{len(readers)}(row)")
                readers.append(field)
            elif getattr(field, "in_language", False):
                translated = "" if language == ORIGINAL_LANGUAGE else f"row.get({column(name, language)!r}) or "
                entries.append(f"{name!r}: {translated}row[{name!r}]")
            elif isinstance(field, serializers.BaseSerializer):
                if field.required:
                    entries.append(f"{name!r}: None")
            else:
                entries.append(f"{name!r}: row[{(field.source or name)!r}]")
        arguments = ", ".join(f"read{index}" for index in range(len(readers)))
        code = f"def make({arguments}):\n    return lambda row: {{{', '.join(entries)}}}\n"
        namespace = {}
        exec(compile(code, f"<row reader of {serializer_class.__qualname__}>", "exec"), namespace)  # noqa: S102
        plan = plans[language] = (namespace["make"], readers)
    return plan


def row_reader(serializer_class, context):
    """A function from one ``.values()`` row to the dict of ``serializer_class``'s declared
    fields, in their order: the fields are the one declaration of the response (schema and
    fast path alike). A field is read from the row's column of its ``source`` (its name
    unless given), or by its own ``row_reader(serializer_class, context)`` (links, computed
    values). Nested serializers are filled by the caller for a whole page at once
    (``rows_to_dicts``): a required one is ``None`` in its place meanwhile, an optional one
    (``required=False``, e.g. ``expanded``) is left for the caller to add when asked for.

    The reader is one dict display compiled from the declared fields once per class (a loop
    over the fields for every row cost 40 % more), so it is as fast as one written by hand."""
    make, readers = _row_plan(serializer_class, active_language())
    return make(*(field.row_reader(serializer_class, context) for field in readers))


class LookupByIdMixin:
    """Items are addressed by id; anything but a plausible id is a 404 (not a
    database overflow on an absurd number)."""

    lookup_value_regex = r"[0-9]{1,18}"


class StrictOrderingFilter(filters.OrderingFilter):
    """``?ordering=`` with a 400 for a field that cannot be sorted on (DRF ignores
    it silently), and ``id`` appended so equal values keep a stable order across pages."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params:
            fields = [param.strip() for param in params.split(",") if param.strip()]
            valid = {name for name, _label in self.get_valid_fields(queryset, view, {"request": request})}
            unknown = [term for term in fields if term.lstrip("-") not in valid]
            if unknown:
                raise exceptions.ValidationError(
                    {self.ordering_param: [_("Cannot sort by “%(name)s”. Use one of: %(choices)s.")
                                           % {"name": unknown[0], "choices": ", ".join(sorted(valid))}]}
                )
            return [*fields, "id"]
        return self.get_default_ordering(view)


class IdFilter(NumberFilter):
    """A row's id: a whole number the database can hold. ``1.5`` or ``-1.8e308`` is refused
    with a 400 naming the parameter, not passed on to overflow the database's integer."""

    field_class = forms.IntegerField
    LARGEST = 2**63 - 1

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", self.LARGEST)
        super().__init__(*args, **kwargs)

    def get_max_validator(self):
        return None  # the field's max_value is the bound


class SlugFilterExtension(DjangoFilterExtension):
    """The shared FilterSets pick parties, leaders, elections, programmes and topics
    by slug, often through a queryset method: document them as strings; ids as bounded
    integers."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        if isinstance(filter_field, ModelChoiceFilter) and filter_field.extra.get("to_field_name") == "slug":
            return [
                build_parameter_type(
                    name=field_name,
                    required=False,
                    location=OpenApiParameter.QUERY,
                    description=str(_("%(label)s, by slug") % {"label": filter_field.label}),
                    schema=build_basic_type(OpenApiTypes.STR),
                )
            ]
        if isinstance(filter_field, IdFilter):
            return [
                build_parameter_type(
                    name=field_name,
                    required=False,
                    location=OpenApiParameter.QUERY,
                    description=str(filter_field.label),
                    schema={**build_basic_type(OpenApiTypes.INT64), "minimum": 1, "maximum": IdFilter.LARGEST},
                )
            ]
        return super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)

