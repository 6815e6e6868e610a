"""Open-data exports: every public promise and directive with its current
status, and the full status history, as CSV or JSON: the machinery, and the
history's export (the kinds declare theirs in their ``api`` modules).

The response is streamed: rows come from ``.values_list().iterator(chunk_size=…)``
and leave as text chunk by chunk, so memory stays flat however many rows there
are (a test measures it). Many-to-many columns cost one query per chunk.

Exports hold public data only, whoever asks: drafts stay in the admin.
An ``ExportSpec`` says what one export holds; ``config.api_urls`` wires them to URLs."""

import csv
import io
from itertools import islice

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from core.api import Links

from .api import m2m_pairs
from .models import Evidence, Kind, StatusUpdate

# Rows fetched from the database, and written out, at a time.
EXPORT_CHUNK_SIZE = 1000


class ExportSpec:
    """One export: its columns, the rows' query, and how a chunk of rows becomes
    output rows. ``links`` builds page URLs; ``today`` decides what is overdue."""

    name = ""
    columns = ()
    value_fields = ()

    def querysets(self):
        """The querysets whose rows make the export, one after the other."""
        raise NotImplementedError

    def rows(self, batch, links, today, source):
        """Output rows (tuples in ``columns`` order) for a chunk of value tuples."""
        raise NotImplementedError

    def iter_rows(self, links, today):
        for source, queryset in enumerate(self.querysets()):
            iterator = queryset.values_list(*self.value_fields).iterator(chunk_size=EXPORT_CHUNK_SIZE)
            while batch := list(islice(iterator, EXPORT_CHUNK_SIZE)):
                yield list(self.rows(batch, links, today, source))


def joined_slugs(model, field_name, ids):
    found = {pk: [] for pk in ids}
    for item_id, _related_id, slug in m2m_pairs(model, field_name, ids, "slug"):
        found[item_id].append(slug)
    return {pk: " ".join(slugs) for pk, slugs in found.items()}


class StatusHistoryExport(ExportSpec):
    """Every status update of every public item, promises and directives, from the one history."""

    name = "status-history"
    columns = ("kind", "item_id", "item_slug", "on", "old_status", "new_status", "explanation", "evidence",
               "recorded_at")
    value_fields = ("id", "item__kind", "item_id", "item__slug", "on", "old_status", "new_status", "explanation",
                    "created_at")

    def querysets(self):
        # Kinds in the order readers knew them: promises first, then directives.
        return [StatusUpdate.objects.public().of_kind(kind).order_by("item_id", "on", "pk") for kind in Kind.values]

    def rows(self, batch, links, today, source):
        evidence = {values[0]: [] for values in batch}
        for update_id, url, article_url in Evidence.objects.filter(update_id__in=list(evidence)).order_by(
            "pk"
        ).values_list("update_id", "url", "article__url"):
            evidence[update_id].append(url or article_url)
        for pk, kind, item_id, item_slug, on, old, new, explanation, created_at in batch:
            yield (kind, item_id, item_slug, on, old, new, explanation, " ".join(evidence[pk]), created_at)


# --- output formats ---------------------------------------------------------


class _Line:
    """A file-like object that hands back what the csv writer wrote."""

    def __init__(self):
        self.buffer = io.StringIO()

    def write(self, text):
        self.buffer.write(text)

    def take(self):
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text


def _csv_value(value):
    if value is True or value is False:
        return "true" if value else "false"
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def stream_csv(spec, links, today):
    out = _Line()
    writer = csv.writer(out)
    writer.writerow(spec.columns)
    yield out.take()
    for chunk in spec.iter_rows(links, today):
        writer.writerows([_csv_value(value) for value in row] for row in chunk)
        yield out.take()


def stream_json(spec, links, today):
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    columns = spec.columns
    yield "["
    separator = "\n"
    for chunk in spec.iter_rows(links, today):
        yield separator + ",\n".join(encoder.encode(dict(zip(columns, row, strict=True))) for row in chunk)
        separator = ",\n"
    yield "\n]\n"


FORMATS = {
    "csv": ("text/csv; charset=utf-8", stream_csv),
    "json": ("application/json", stream_json),
}


class AnyAccept(BaseContentNegotiation):
    """An export has one format, named in its URL, whatever the Accept header says."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None


def export_schema(spec, fmt):
    if fmt == "csv":
        content = {"type": "string", "description": "CSV with a header row: " + ", ".join(spec.columns)}
    else:
        content = {"type": "array", "items": {"type": "object", "properties": {c: {} for c in spec.columns}}}
    return extend_schema(
        summary=f"Export: {spec.name} ({fmt.upper()})",
        description="Every public row, streamed. Columns: " + ", ".join(spec.columns) + ".",
        responses={(200, FORMATS[fmt][0].split(";")[0]): OpenApiResponse(response=content)},
        operation_id=f"export_{spec.name.replace('-', '_')}_{fmt}",
    )


def export_view(spec, fmt):
    """An APIView (so throttling, CORS and the schema apply) streaming ``spec`` as ``fmt``."""
    content_type, stream = FORMATS[fmt]

    class ExportView(APIView):
        permission_classes = [AllowAny]
        content_negotiation_class = AnyAccept

        @export_schema(spec, fmt)
        def get(self, request):
            today = timezone.localdate()
            response = StreamingHttpResponse(stream(spec, Links(request), today), content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="mandate-{spec.name}.{fmt}"'
            return response

    ExportView.__name__ = ExportView.__qualname__ = f"Export{spec.name.title().replace('-', '')}{fmt.upper()}View"
    return ExportView.as_view()

