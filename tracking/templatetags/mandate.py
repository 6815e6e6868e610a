"""Template helpers of the public pages: status badges, scorecards and charts, canonical URLs."""

import datetime
import functools
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language

from core.i18n import local_date
from tracking import charts
from tracking.models import Status
from tracking.scorecards import STATUS_SYMBOLS

register = template.Library()


def _chart_id(context):
    """A fresh id per chart of the page, the same on every rendering (so the page's ETag is stable)."""
    request = context["request"]
    request.chart_count = getattr(request, "chart_count", 0) + 1
    return f"chart{request.chart_count}"


# Badges and dates are pure functions of their value and the active language, and a page
# shows dozens of the same few: each is built once per process (≈10 µs saved a call).
@register.simple_tag
def status_badge(status):
    """The status as a symbol and its name: never colour alone."""
    return _badge(Status(status or Status.NOT_RATED), get_language())


@functools.lru_cache(maxsize=64)
def _badge(status, language):
    return format_html(
        '<span class="status status--{}"><span class="status__symbol" aria-hidden="true">{}</span> {}</span>',
        status.value,
        STATUS_SYMBOLS[status],
        status.label,
    )


@register.simple_tag
def time_element(day, display_format):
    """``<time datetime="2022-01-28">28 Jan 2022</time>`` for a date (``display_format`` as the
    ``date`` filter's), or nothing."""
    if not day:
        return ""
    if isinstance(day, datetime.datetime):
        day = (timezone.localtime(day) if timezone.is_aware(day) else day).date()
    return _time_element(day, display_format, get_language())


@functools.lru_cache(maxsize=4096)
def _time_element(day, display_format, language):
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), local_date(day, display_format, language))


@register.inclusion_tag("includes/scorecard.html", takes_context=True)
def scorecard_block(context, card, title, list_url="", note=""):
    """A meter of statuses with its legend, whose entries link to the list filtered by that status;
    ``note`` says what the total counts when it is not everything ("5 match the other filters").
    Nothing is drawn for no items: an empty grey bar reads as a status."""
    uid = _chart_id(context)
    rows = [
        {"row": row, "swatch": charts.legend_swatch(row.status, uid=f"{uid}-sw-{row.status.value}")}
        for row in card.rows()
    ]
    return {
        "card": card,
        "title": title,
        "rows": rows,
        "list_url": list_url,
        "note": note,
        "chart": charts.status_bar(card, title=title, uid=uid) if card.total else "",
    }


@register.simple_tag(takes_context=True)
def history_chart(context, periods, title):
    return charts.status_history_chart(periods, title=title, uid=_chart_id(context))


@register.simple_tag(takes_context=True)
def canonical_url(context, keep_query=False):
    """The page's absolute URL; lists keep their non-empty filters so a shared state stays shareable."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    if keep_query:
        query = request.GET.copy()
        for key in list(query):
            values = [value for value in query.getlist(key) if value]
            if values:
                query.setlist(key, values)
            else:
                del query[key]
        if query:
            url += "?" + query.urlencode()
    return url


@register.simple_tag
def site_name():
    return settings.SITE_NAME


@register.filter
def overdue(item):
    """Past its deadline and not fulfilled, today."""
    return item.is_overdue(timezone.localdate())


@register.filter
def kind(item):
    """ "Promise" or "Directive"."""
    return capfirst(item._meta.verbose_name)


@register.filter
def name_on(party, day):
    """The name ``party`` went by on ``day``."""
    return party.name_on(day)


@register.filter
def web_url(url):
    """``url`` if it is an http(s) address, else "": a stored ``javascript:`` URL never becomes a link."""
    url = (url or "").strip()
    return url if urlsplit(url).scheme.lower() in {"http", "https"} else ""
