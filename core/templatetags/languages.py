"""The page in each language: the switcher's links and the hreflang alternates (core/i18n.py)."""

from django import template

from core.i18n import alternates

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    request = context.get("request")
    return alternates(request) if request is not None else []
