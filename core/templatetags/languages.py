"""The page in each language: the switcher's links and the hreflang alternates (core/i18n.py)."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.i18n import alternates
from core.translated import in_language as in_language_of

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    request = context.get("request")
    return alternates(request) if request is not None else []


@register.simple_tag
def in_language(obj, field=None, linebreaks=False):
    """``field`` of ``obj`` in the page's language; where nobody has translated it yet, the
    original marked as such: ``<span lang="en">…</span> <span class="in-original">(in English)</span>``.
    Without ``field``, the item's heading (its title or action, capitalised)."""
    if obj is None:
        return ""
    heading = field is None
    field = field or getattr(obj, "title_field", None)
    text, language = in_language_of(obj, field)
    if heading:
        text = capfirst(text)
    html = linebreaksbr(text, autoescape=True) if linebreaks else conditional_escape(text)
    if language == get_language() or not text:
        return html
    return format_html(
        '<span lang="{}">{}</span> <span class="in-original">{}</span>', language, html, _("(in English)")
    )


@register.filter
def translated(obj, field):
    """``field`` of ``obj`` in the page's language, the original where it has no translation (unmarked:
    for names, which readers know in either)."""
    return in_language_of(obj, field)[0]
