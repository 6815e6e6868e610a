"""Charts as inline SVG, rendered on the server: no script, no request to another host.

Each status has a colour *and* a fill pattern (and, in the legends beside the
charts, a symbol and its name), so a chart reads in greyscale and for readers
who do not tell colours apart. Each chart is an ``img`` with a title and a text
description that gives the same numbers."""

import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import Status
from .scorecards import STATUS_ORDER, STATUS_SYMBOLS

# colour, and the pattern drawn over it in a darker or lighter ink
STATUS_FILLS = {
    Status.FULFILLED: ("#1a7f37", "solid"),
    Status.PARTIALLY_FULFILLED: ("#7bc47f", "diagonal"),
    Status.IN_PROGRESS: ("#2f6fd0", "dots"),
    Status.STALLED: ("#d4a72c", "horizontal"),
    Status.NOT_FULFILLED: ("#c2301f", "cross"),
    Status.NOT_RATED: ("#b8bec6", "vertical"),
}

_PATTERN_SHAPES = {
    "solid": "",
    "diagonal": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#0b3d17" stroke-width="1.6"/>',
    "dots": '<circle cx="4" cy="4" r="1.6" fill="#ffffff"/>',
    "horizontal": '<path d="M0,4 h8" stroke="#5c4300" stroke-width="1.6"/>',
    "cross": '<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#ffffff" stroke-width="1.2"/>',
    "vertical": '<path d="M4,0 v8" stroke="#6b7280" stroke-width="1.2"/>',
}


def _defs(uid):
    patterns = []
    for status in STATUS_ORDER:
        colour, shape = STATUS_FILLS[status]
        patterns.append(
            f'<pattern id="{uid}-{status.value}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{colour}"/>{_PATTERN_SHAPES[shape]}</pattern>'
        )
    return "<defs>" + "".join(patterns) + "</defs>"


def _description(card):
    parts = [_("%(label)s: %(count)s") % {"label": row.label, "count": row.count} for row in card.rows() if row.count]
    return "; ".join(parts) or _("Nothing yet.")


def _open(uid, title, description, width, height):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{uid}-title {uid}-desc" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{uid}-title">{escape(title)}</title><desc id="{uid}-desc">{escape(description)}</desc>'
        + _defs(uid)
    )


def status_bar(card, *, title, uid):
    """One horizontal bar split by status, widths proportional to the counts."""
    width, height = 600, 36
    svg = [_open(uid, title, _description(card), width, height)]
    total = card.total
    if not total:
        svg.append(f'<rect width="{width}" height="{height}" fill="#eef0f3" stroke="#8a929c"/>')
    x = 0.0
    for row in card.rows():
        if not row.count:
            continue
        segment = width * row.count / total
        svg.append(
            f'<rect x="{x:.2f}" y="0" width="{segment:.2f}" height="{height}" fill="url(#{uid}-{row.status.value})" '
            f'stroke="#ffffff" stroke-width="1"><title>{escape(row.label)}: {row.count}</title></rect>'
        )
        x += segment
    svg.append("</svg>")
    return mark_safe("".join(svg))  # noqa: S308 — every text above is escaped


def status_history_chart(periods, *, title, uid):
    """Stacked columns: the items in each status at the end of each period."""
    width, height, bottom, left = 600, 240, 24, 36
    plot_height = height - bottom - 8
    description = " | ".join(f"{period.label}: {_description(period.scorecard)}" for period in periods)
    svg = [_open(uid, title, description, width, height)]
    top = max((period.scorecard.total for period in periods), default=0) or 1
    svg.append(
        f'<line x1="{left}" y1="{8 + plot_height}" x2="{width}" y2="{8 + plot_height}" stroke="#4b5563"/>'
        f'<text x="{left - 4}" y="14" text-anchor="end" font-size="11" fill="#1f2933">{top}</text>'
        f'<text x="{left - 4}" y="{8 + plot_height}" text-anchor="end" font-size="11" fill="#1f2933">0</text>'
    )
    slot = (width - left) / max(len(periods), 1)
    column = min(slot * 0.7, 60)
    for index, period in enumerate(periods):
        x = left + index * slot + (slot - column) / 2
        y = 8 + plot_height
        for row in period.scorecard.rows():
            if not row.count:
                continue
            bar = plot_height * row.count / top
            y -= bar
            svg.append(
                f'<rect x="{x:.2f}" y="{y:.2f}" width="{column:.2f}" height="{bar:.2f}" '
                f'fill="url(#{uid}-{row.status.value})" stroke="#ffffff" stroke-width="0.5">'
                f"<title>{escape(period.label)} — {escape(row.label)}: {row.count}</title></rect>"
            )
        svg.append(
            f'<text x="{x + column / 2:.2f}" y="{height - 6}" text-anchor="middle" font-size="11" '
            f'fill="#1f2933">{escape(period.label)}</text>'
        )
    svg.append("</svg>")
    return mark_safe("".join(svg))  # noqa: S308


def legend_swatch(status, *, uid):
    """A small square in the status's colour and pattern, for the HTML legends beside the charts."""
    status = Status(status)
    colour, shape = STATUS_FILLS[status]
    return mark_safe(  # noqa: S308 — no user text
        f'<svg class="swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">'
        f'<defs><pattern id="{uid}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{colour}"/>{_PATTERN_SHAPES[shape]}</pattern></defs>'
        f'<rect width="16" height="16" fill="url(#{uid})"/></svg>'
    )


# Estimated widths (px) of characters in the badge's 11 px sans-serif, by kind: the SVG is drawn
# without a font at hand, so each text is then drawn at exactly its estimated width (``textLength``):
# a wrong estimate squeezes or spreads the words a little but never cuts them off.
_WIDE, _CAPITAL, _CYRILLIC, _LETTER, _SPACE, _MARK, _SYMBOL = 11.0, 7.8, 7.0, 6.4, 3.6, 4.4, 9.0
# The statuses' symbols are drawn as symbols, those Unicode calls punctuation ("‖", "?") included.
_STATUS_SYMBOL_CHARS = frozenset(STATUS_SYMBOLS.values())


def badge_text_width(text):
    """The estimated width of ``text`` in the badge, in px."""
    width = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            width += _WIDE
        elif char.isspace():
            width += _SPACE
        elif char.isupper():
            width += _CAPITAL
        elif char.isalnum():
            width += _CYRILLIC if "CYRILLIC" in unicodedata.name(char, "") else _LETTER
        elif unicodedata.category(char).startswith("S") or char in _STATUS_SYMBOL_CHARS:
            width += _SYMBOL
        else:
            width += _MARK
    return round(width, 1)


def status_badge(status, *, label, title):
    """A standalone SVG badge, ``[label][pattern] ✔ Fulfilled``: the status as a symbol, its name
    and its fill pattern (never colour alone), with ``title`` as its accessible name."""
    status = Status(status)
    colour, shape = STATUS_FILLS[status]
    text = f"{STATUS_SYMBOLS[status]} {status.label}"
    label_width, text_width = badge_text_width(label), badge_text_width(text)
    left = round(label_width + 12)
    right = round(text_width + 12)
    width = left + 20 + right
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" viewBox="0 0 {width} 20" '
        f'role="img" aria-labelledby="badge-title">'
        f'<title id="badge-title">{escape(title)}</title>'
        f'<defs><pattern id="badge-fill" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{colour}"/>{_PATTERN_SHAPES[shape]}</pattern></defs>'
        f'<rect width="{width}" height="20" rx="3" fill="#ffffff" stroke="#1f2933"/>'
        f'<path d="M3,0.5 H{left} V19.5 H3 A2.5,2.5 0 0 1 0.5,17 V3 A2.5,2.5 0 0 1 3,0.5 Z" fill="#1f2933"/>'
        f'<rect x="{left}" y="0.5" width="20" height="19" fill="url(#badge-fill)" stroke="#1f2933"/>'
        f'<g font-family="DejaVu Sans,Verdana,Geneva,sans-serif" font-size="11">'
        f'<text x="6" y="14" fill="#ffffff" textLength="{label_width}" lengthAdjust="spacingAndGlyphs">'
        f'{escape(label)}</text>'
        f'<text x="{left + 26}" y="14" fill="#1f2933" textLength="{text_width}" lengthAdjust="spacingAndGlyphs">'
        f'{escape(text)}</text></g></svg>'
    )
