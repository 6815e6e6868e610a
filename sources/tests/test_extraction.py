"""Text, title, date and language from documents; bytes that do not decode."""

from datetime import date
from pathlib import Path

import pytest

from sources.extraction import ExtractionError, decode, extract
from sources.fetching import fetch

WEB = Path(__file__).parent / "fixtures" / "web"
SEED = Path(__file__).resolve().parents[1] / "corpus" / "seed-trend-2022-01-28.txt"


def test_it_extracts_the_article_text_without_the_page_furniture():
    extracted = extract((WEB / "seed.html").read_bytes(), content_type="text/html", charset="utf-8")
    assert "Tokayev called on members of the Nur Otan party" in extracted.text
    assert "Most read" not in extracted.text and "All rights reserved" not in extracted.text
    assert extracted.title == "Tokayev sets out priorities for Nur Otan"
    assert extracted.published_on == date(2022, 1, 28)
    assert extracted.language == "en"


def test_it_keeps_one_paragraph_per_line_and_the_quotation_marks():
    text = extract((WEB / "seed.html").read_bytes(), content_type="text/html").text
    assert "\n“The Nur Otan party should be mainly engaged in ideological and personnel work" in text


def test_the_same_story_under_other_page_furniture_has_the_same_text():
    a = extract((WEB / "seed.html").read_bytes(), content_type="text/html").text
    b = extract((WEB / "seed-syndicated.html").read_bytes(), content_type="text/html").text
    assert a == b


def test_a_page_with_no_extractable_text_is_an_error():
    with pytest.raises(ExtractionError, match="no extractable text"):
        extract((WEB / "empty.html").read_bytes(), content_type="text/html")


def test_a_plain_text_file_is_taken_as_it_is_with_a_date_found_near_the_top():
    extracted = extract(SEED.read_bytes(), content_type="text/plain")
    assert extracted.text == SEED.read_text().strip()
    assert extracted.published_on == date(2022, 1, 28)


def test_an_empty_document_is_an_error():
    with pytest.raises(ExtractionError):
        extract(b"  \n ", content_type="text/plain")


def test_html_without_a_content_type_is_recognised_by_its_bytes():
    extracted = extract((WEB / "cabinet.html").read_bytes())
    assert extracted.text.startswith("Cabinet prepares")
    assert "<p>" not in extracted.text


def test_undecodable_bytes_do_not_stop_extraction(web):
    response = fetch(web.url("/undecodable"))
    extracted = extract(response.content, content_type=response.content_type, charset=response.charset)
    assert "called on the council to renovate the old caf" in extracted.text


@pytest.mark.parametrize(
    ("content", "charset", "expected"),
    [
        ("Déclaration du président".encode("cp1252"), None, "Déclaration du président"),
        ("Заявление президента Казахстана о партии Нур Отан".encode("cp1251"), None, "Заявление президента"),
        ("naïve".encode(), "no-such-charset", "naïve"),
        ("naïve".encode("latin-1"), "utf-8", "na"),
        (b"\xef\xbb\xbfwith a byte order mark", None, "with a byte order mark"),
    ],
)
def test_decode_never_fails_and_finds_the_charset(content, charset, expected):
    assert decode(content, charset=charset).startswith(expected)
