"""RSS and Atom feeds, read with feedparser, reduced to what ingestion needs."""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import normalize_url

from . import cleaning


class FeedError(Exception):
    """The feed cannot be read; ``str()`` is the reason recorded on the feed."""


@dataclass(frozen=True)
class Entry:
    url: str
    title: str = ""
    published_on: date | None = None


@dataclass
class ParsedFeed:
    title: str
    entries: list[Entry]
    skipped: list[str] = field(default_factory=list)  # why each refused entry was refused


def normalise_url(url):
    """One spelling per article URL: courlan's (lower-case scheme and host, tracking parameters
    dropped, the others sorted), without the fragment, with "/" for an empty path."""
    parts = urlsplit(normalize_url(url.strip()))
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def _entry_date(entry):
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                continue
    return None


def parse_feed(content, *, url=""):
    """Entries of an RSS/Atom document (bytes). A document that is not a feed raises ``FeedError``.

    feedparser is lenient and flags problems as "bozo": a feed with a small flaw
    but readable entries is kept; one with nothing readable is an error. Every field
    is made storable (``sources.cleaning``); an entry whose link cannot be stored is
    refused alone, with its reason in ``skipped``, and the others are kept.
    """
    import feedparser

    parsed = feedparser.parse(
        cleaning.markup(content), response_headers={"content-location": url} if url else None
    )
    looks_like_feed = bool(parsed.get("version")) or bool(parsed.entries)
    if parsed.bozo and not parsed.entries:
        reason = parsed.get("bozo_exception") or "not a feed"
        raise FeedError(f"malformed feed: {cleaning.text(str(reason))}")
    if not looks_like_feed:
        raise FeedError("not an RSS or Atom feed")
    entries, skipped, seen = [], [], set()
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link and entry.get("id", "").startswith(("http://", "https://")):
            link = entry["id"]
        if not link:
            continue
        try:
            link = cleaning.web_url(normalise_url(urljoin(url, link)))
        except ValueError as error:
            skipped.append(str(error))
            continue
        if link in seen:
            continue
        seen.add(link)
        title = cleaning.text((entry.get("title") or "").strip(), max_length=500)
        entries.append(Entry(url=link, title=title, published_on=_entry_date(entry)))
    title = cleaning.text((parsed.feed.get("title") or "").strip(), max_length=300)
    return ParsedFeed(title=title, entries=entries, skipped=skipped)
