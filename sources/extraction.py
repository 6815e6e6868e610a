"""Text, title, date and language from a fetched document.

HTML goes through trafilatura (main text without navigation, comments or
boilerplate; one paragraph per line, which is what statement finding expects);
plain text is taken as it is. Bytes are decoded by the declared charset, then the
page's own ``<meta charset>``, then UTF-8, then charset detection, and as a last
resort UTF-8 with replacement characters: undecodable bytes never stop ingestion.
Characters that cannot be stored (NUL, other control characters, lone surrogates, raw
or as character references) are dropped on the way in (``sources.cleaning``).
"""

import codecs
import re
from dataclasses import dataclass
from datetime import date

from . import cleaning
from .dates import dateline_date, is_dateline, read_date

HTML, TEXT = "html", "text"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?""", re.I)
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Below this many words the "text" is a menu or a cookie notice, not an article
# (trafilatura's fallbacks return whatever text a page has).
MIN_WORDS = 20
_LOOKS_LIKE_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|p|div|article)[\s>]", re.I)


class ExtractionError(Exception):
    """Nothing usable in the document; ``str()`` is the reason recorded on the article."""


@dataclass
class Extracted:
    text: str
    title: str = ""
    published_on: date | None = None
    language: str = ""
    canonical_url: str = ""
    site_name: str = ""  # the outlet's name, as the page gives it


def _codec(name):
    try:
        return codecs.lookup(name).name
    except (LookupError, TypeError):
        return None


def decode(content, *, charset=None, html=False):
    """``content`` as storable text, whatever its bytes: never raises."""
    return cleaning.text(_decode(content, charset=charset, html=html))


def _decode(content, *, charset, html):
    candidates = [charset]
    if html:
        match = _META_CHARSET.search(content[:4096])
        if match:
            candidates.append(match.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for name in candidates:
        codec = name and _codec(name)
        if not codec:
            continue
        try:
            return content.decode(codec).lstrip("\ufeff")
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        return content.decode(best.encoding, errors="replace").lstrip("\ufeff")
    return content.decode("utf-8", errors="replace").lstrip("\ufeff")


def kind_of(content, content_type=""):
    """HTML or plain text, from the content type or, without one, from the bytes."""
    if content_type in ("text/html", "application/xhtml+xml"):
        return HTML
    if content_type == "text/plain":
        return TEXT
    return HTML if _LOOKS_LIKE_HTML.search(content[:4096]) else TEXT


def _parse_date(value):
    """The first ISO date in ``value`` (trafilatura's date)."""
    match = _ISO_DATE.search(value or "")
    return read_date(match.group(0)) if match else None


def _title(line):
    """A plain-text document's first line, when it is a title: short, not a dateline
    (" date 2022-01-28 BAKU, Azerbaijan, Jan. 28" is none), not a sentence."""
    line = line.strip()
    if not line or len(line) > 200 or is_dateline(line) or line.endswith((".", "!", "?")):
        return ""
    return line


def extract_html(markup, *, url=None):
    """Main text and metadata of an HTML page (``markup`` is text)."""
    import trafilatura

    document = trafilatura.bare_extraction(
        markup, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = (document.text or "").strip() if document is not None else ""
    if len(text.split()) < MIN_WORDS:
        raise ExtractionError("no extractable text in the page")
    lang = _HTML_LANG.search(markup[:4096])
    return Extracted(
        text=text,
        title=(document.title or "").strip()[:500],
        published_on=_parse_date(document.date) or dateline_date(text),
        language=(document.language or (lang.group(1) if lang else "")).lower()[:10],
        canonical_url=document.url or "",
        site_name=(document.sitename or "").strip()[:200],
    )


def extract_text(text):
    """A plain-text document: its first line is the title when it is one; its dateline, its date."""
    text = text.strip()
    if not text:
        raise ExtractionError("the document is empty")
    return Extracted(text=text, title=_title(text.split("\n", 1)[0]), published_on=dateline_date(text))


def extract(content, *, content_type="", charset=None, url=None):
    """Text and metadata from raw bytes, HTML or plain text."""
    if kind_of(content, content_type) == HTML:
        return extract_html(cleaning.markup(decode(content, charset=charset, html=True)), url=url)
    return extract_text(decode(content, charset=charset))
