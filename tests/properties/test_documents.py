"""Feeds and pages as ingestion gets them from the web: arbitrary bytes, generated RSS and Atom full of
hostile values, deeply nested and enormous HTML. Nothing crashes: a feed is read or refused with a
``FeedError``, a page gives its text or an ``ExtractionError``, each with a reason worth recording.
(The statement finder's properties are in sources/tests/test_statements.py.)"""

from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sources.extraction import ExtractionError, extract
from sources.feeds import FeedError, parse_feed

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:feedparser")
HYPOTHESIS = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
SENTENCE = "President Lina Vos instructed the government to build a school in every district by the end of the year. "

hostile_text = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=200),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "]]>",
            "&amp;&lt;&#0;&#xD800;",
            "\u202e\u200b\ufeff",
            "\x00\x01\x1f",
            "javascript:alert(1)",
            "A" * 20_000,
            "%s%n{0}",
            "' OR 1=1 --",
        ]
    ),
)
links = st.one_of(
    st.sampled_from(
        [
            "https://news.example/a",
            "http://news.example/b?utm_source=x&id=1#top",
            "/relative/path",
            "javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "mailto:x@example.org",
            "ftp://example.org/f",
            "https://[::1]/",
            "http://",
            "https://news.example/" + "x" * 3000,
            "",
        ]
    ),
    hostile_text,
)


def rss(title, items):
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><pubDate>{escape(d)}</pubDate></item>"
        for t, link, d in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>{entries}</channel></rss>'


def atom(title, items):
    entries = "".join(
        f'<entry><title>{escape(t)}</title><link href="{escape(link, {chr(34): "&quot;"})}"/><id>{escape(link)}</id>'
        f"<updated>{escape(d)}</updated></entry>"
        for t, link, d in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(title)}</title>{entries}</feed>'


def _clean_xml(text):
    # XML 1.0 cannot carry these characters at all, escaped or not.
    return "".join(
        c for c in text if c in "\t\n\r" or ("\x20" <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd") or c > "\uffff"
    )


items = st.lists(
    st.tuples(
        hostile_text.map(_clean_xml),
        links.map(_clean_xml),
        st.sampled_from(
            [
                "Fri, 28 Jan 2022 10:00:00 GMT",
                "2022-01-28T10:00:00Z",
                "2022-02-30",
                "yesterday",
                "",
                "Mon, 99 Foo 99999 99:99:99 +9999",
            ]
        ),
    ),
    max_size=12,
)


def check_feed(content, url=""):
    try:
        parsed = parse_feed(content, url=url)
    except FeedError as error:
        assert str(error).strip(), "a FeedError carries its reason"
        return None
    for entry in parsed.entries:
        assert entry.url.startswith(("http://", "https://")) and "#" not in entry.url
        assert len(entry.title) <= 500
    assert len({entry.url for entry in parsed.entries}) == len(parsed.entries)
    assert len(parsed.title) <= 300
    return parsed


@HYPOTHESIS
@given(st.binary(max_size=2000))
def test_any_bytes_are_a_feed_or_a_feed_error(content):
    check_feed(content)


@HYPOTHESIS
@given(
    st.sampled_from([rss, atom]),
    hostile_text.map(_clean_xml),
    items,
    st.sampled_from(["", "https://news.example/feed"]),
)
def test_generated_rss_and_atom_with_hostile_values_give_only_web_links_once_each(make, title, entries, url):
    check_feed(make(title, entries).encode("utf-8"), url=url)


@HYPOTHESIS
@given(st.sampled_from([rss, atom]), st.lists(st.integers(0, 30), min_size=1, max_size=20))
def test_every_distinct_web_link_of_a_well_formed_feed_is_an_entry(make, numbers):
    feed = make("News", [(f"Item {n}", f"https://news.example/{n}", "") for n in numbers])
    parsed = check_feed(feed.encode())
    assert [e.url for e in parsed.entries] == [f"https://news.example/{n}" for n in dict.fromkeys(numbers)]


@HYPOTHESIS
@given(
    st.binary(max_size=3000),
    st.sampled_from(["", "text/html", "text/plain", "application/xhtml+xml"]),
    st.sampled_from([None, "utf-8", "latin-1", "shift_jis", "utf-16", "no-such-charset"]),
)
def test_any_bytes_are_a_text_or_an_extraction_error(content, content_type, charset):
    try:
        extracted = extract(content, content_type=content_type, charset=charset)
    except ExtractionError as error:
        assert str(error).strip()
    else:
        assert extracted.text.strip() and len(extracted.title) <= 500


@HYPOTHESIS
@given(st.lists(hostile_text, min_size=1, max_size=20), st.sampled_from(["div", "p", "article", "table", "span"]))
def test_html_with_hostile_text_is_extracted_or_refused(paragraphs, tag):
    body = "".join(f"<{tag}>{escape(p)}</{tag}>" for p in paragraphs)
    content = f"<html><head><title>{escape(paragraphs[0][:100])}</title></head><body><article>{body}<p>{SENTENCE * 3}</p></article></body></html>"
    try:
        extracted = extract(content.encode("utf-8", "surrogatepass"), content_type="text/html")
    except ExtractionError as error:
        assert str(error).strip()
    else:
        assert extracted.text.strip()


def extract_or_error(markup):
    try:
        return extract(markup.encode(), content_type="text/html")
    except ExtractionError as error:
        assert str(error) == "no extractable text in the page"
        return None


def test_ten_thousand_nested_divs_do_not_crash_the_extraction():
    # Past the HTML parser's depth limit the text is out of reach: a clear error, not a crash.
    extract_or_error(
        "<html><body>" + "<div>" * 10_000 + f"<p>{SENTENCE * 3}</p>" + "</div>" * 10_000 + "</body></html>"
    )
    extract_or_error("<html><body>" + "<div><span>" * 50_000 + SENTENCE)  # never closed


def test_a_page_as_large_as_a_fetch_may_be_is_extracted():
    paragraphs = "".join(f"<p>Paragraph {n}: {SENTENCE}</p>" for n in range(40_000))  # about 4.6 MB
    extracted = extract_or_error(f"<html><body><article>{paragraphs}</article></body></html>")
    assert extracted is not None and "Paragraph 39999" in extracted.text


def test_an_enormous_sentence_is_extracted():
    extracted = extract_or_error(f"<html><body><article><p>{'and the schools ' * 200_000}.</p></article></body></html>")
    assert extracted is not None and len(extracted.text) > 1_000_000


def test_a_feed_of_ten_thousand_entries_and_one_nested_ten_thousand_deep():
    parsed = check_feed(rss("Big", [(f"Item {n}", f"https://news.example/{n}", "") for n in range(10_000)]).encode())
    assert len(parsed.entries) == 10_000
    check_feed(
        b'<?xml version="1.0"?><rss version="2.0"><channel>' + b"<x>" * 10_000 + b"</x>" * 10_000 + b"</channel></rss>"
    )
