"""What comes from outside (feeds, pages, files) made storable, one function per kind of field.

PostgreSQL refuses a NUL anywhere in a text column, a string with a lone surrogate cannot be
encoded for it, and a URL column has a length. A feed or a page may carry any of these, spelt
raw or as a character reference (``&#0;``): one such field must cost that field or that entry,
never the poll or the article. The parsers' outputs go through here (``sources.feeds``,
``sources.extraction``), so what reaches the database is already clean.
"""

import re
from urllib.parse import urlsplit

# Article.url and Feed.url.
URL_MAX_LENGTH = 1000

# C0 controls but tab, newline and carriage return; DEL; lone surrogates. None is text a
# reader could see, and NUL and the surrogates cannot be stored.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_REFERENCE = r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?"
_REFERENCE_TEXT = re.compile(_REFERENCE)
_REFERENCE_BYTES = re.compile(_REFERENCE.encode())


def text(value, *, max_length=None):
    """``value`` without the characters that cannot be stored or shown, cut to ``max_length``."""
    value = _UNSTORABLE.sub("", value or "")
    return value[:max_length] if max_length is not None else value


def _storable(code):
    return code <= 0x10FFFF and not _UNSTORABLE.match(chr(code))


def _keep_storable_reference(match):
    hexadecimal, decimal = match.group(1), match.group(2)
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    return match.group(0) if _storable(code) else match.group(0)[:0]


def markup(document):
    """An HTML or XML document (text or bytes) without references to characters ``text()`` drops
    (``&#0;``, ``&#x1;``, ``&#xD800;``): parsers turn them into exactly those characters, or
    fail on them (feedparser raises on a surrogate, lxml gives up the page at ``&#1;``)."""
    pattern = _REFERENCE_BYTES if isinstance(document, bytes) else _REFERENCE_TEXT
    return pattern.sub(_keep_storable_reference, document)


def web_url(value):
    """``value`` if it is an http(s) URL with a host that fits the URL columns; else ``ValueError``
    with the reason."""
    parts = urlsplit(value)  # may raise ValueError itself ("Invalid IPv6 URL")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {value[:200]!r}")
    if len(value) > URL_MAX_LENGTH:
        raise ValueError(f"URL longer than {URL_MAX_LENGTH} characters: {value[:100]!r}…")
    if _UNSTORABLE.search(value) or any(c.isspace() for c in value):
        raise ValueError(f"URL with a control character or a space: {text(value)[:200]!r}")
    return value
