"""Template helpers for the pages that offer an embed: the oEmbed discovery link and the share section."""

from django import template

from mandate.embeds import embed_for, oembed_discovery_url
from tracking import charts

register = template.Library()


@register.simple_tag(takes_context=True)
def embed_of(context, obj):
    """``{% embed_of item as embed %}``: the URLs and snippets that show ``obj`` on another site."""
    return embed_for(context["request"], obj)


@register.simple_tag(takes_context=True)
def oembed_url(context, embed):
    return oembed_discovery_url(context["request"], embed.page_url)


@register.simple_tag
def status_swatch(status):
    """The status's fill pattern as a small square (one per card, so one id)."""
    return charts.legend_swatch(status, uid="card-swatch")
