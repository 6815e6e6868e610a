"""sources.cleaning: what comes from outside made storable (issue 13, finding 4)."""

import pytest

from sources import cleaning


def test_text_drops_what_cannot_be_stored_and_keeps_lines_and_tabs():
    assert cleaning.text("a\x00b\x01c\x7fd\ud800e\tf\ng\r\n") == "abcde\tf\ng\r\n"
    assert cleaning.text("abcdef", max_length=3) == "abc"
    assert cleaning.text(None) == ""


@pytest.mark.parametrize("document", ["x&#0;y&#x1;z&#xD800;w&#1114112;", b"x&#0;y&#x1;z&#xD800;w&#1114112;"])
def test_markup_drops_references_to_what_cannot_be_stored(document):
    assert cleaning.markup(document) == ("xyzw" if isinstance(document, str) else b"xyzw")


def test_markup_keeps_other_references():
    assert cleaning.markup("caf&#233; &#x2014; &#10; &amp;") == "caf&#233; &#x2014; &#10; &amp;"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://news.example/a", "not an http"),
        ("http:///a", "not an http"),
        ("http://news.example/" + "x" * 1000, "longer than 1000"),
        ("http://news.example/a\x00b", "control character"),
        ("http://news.example/a b", "space"),
    ],
)
def test_web_url_refuses_what_cannot_be_an_article_url(url, reason):
    with pytest.raises(ValueError, match=reason):
        cleaning.web_url(url)
