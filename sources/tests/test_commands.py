"""The extract and ingest commands."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sources.models import Article, Candidate, Feed

SEED = Path(__file__).resolve().parents[1] / "corpus" / "seed-trend-2022-01-28.txt"
GOLD = json.loads(SEED.with_suffix(".json").read_text())


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_extract_prints_clean_json_on_an_empty_database_and_writes_nothing():
    out, err = run("extract", str(SEED), "--date", "2022-01-28", "--format", "json")
    statements = json.loads(out)["statements"]
    assert set(statements[0]) == {"kind", "quote", "speaker", "addressee", "confidence"}
    directives = [s for s in statements if s["kind"] == "directive"]
    assert len(directives) >= 9
    assert all(0 <= s["confidence"] <= 1 for s in statements)
    assert "Tokayev" in directives[0]["speaker"]
    assert "statements" in err  # progress went to stderr
    assert not Article.objects.exists() and not Candidate.objects.exists()


@pytest.mark.django_db
def test_extract_uses_the_actors_in_the_database(tokayev_and_nur_otan):
    out, _ = run("extract", str(SEED), "--format", "json")
    directives = [s for s in json.loads(out)["statements"] if s["kind"] == "directive"]
    assert sum(s["speaker"] == "Kassym-Jomart Tokayev" and s["addressee"] == "Nur Otan" for s in directives) >= 9


@pytest.mark.django_db
def test_extract_fetches_a_url_and_prints_text(web):
    out, _ = run("extract", web.url("/pages/seed.html"))
    assert "[directive" in out and "called on members of the Nur Otan party" in out
    assert not Article.objects.exists()


def test_extract_rejects_a_bad_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("extract", str(SEED), "--date", "28/01/2022")


@pytest.mark.django_db
def test_extract_reports_a_fetch_failure_as_an_error(web):
    with pytest.raises(CommandError, match="HTTP 404"):
        run("extract", web.url("/status/404"))


@pytest.mark.django_db
def test_ingest_a_file_creates_the_article_and_its_candidates_once(tokayev_and_nur_otan):
    tokayev, nur_otan = tokayev_and_nur_otan
    out, err = run("ingest", str(SEED))
    article = Article.objects.get()
    assert article.state == Article.State.DONE and article.published_on.isoformat() == "2022-01-28"
    assert article.candidates.filter(kind="directive", speaker=tokayev, addressee_party=nur_otan).count() >= 9
    assert "Articles: 1 new" in out and "Candidates created:" in out
    assert article.title == ""  # the first line is a dateline, not a title
    again, again_err = run("ingest", str(SEED))
    assert "Articles: 0 new, 1 already known" in again and "Candidates created: 0" in again
    assert f"already known: article {article.pk} (done)" in again_err
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_ingest_feeds_in_the_foreground_with_a_summary(web):
    out, err = run("ingest", "--feed", web.url("/pages/news.rss"), web.url("/pages/agency.atom"))
    assert Feed.objects.count() == 2 and Article.objects.count() == 2
    assert Article.objects.get(url=web.url("/pages/cabinet.html")).state == Article.State.DONE
    empty = Article.objects.get(url=web.url("/pages/empty.html"))
    assert empty.state == Article.State.FAILED and "no extractable text" in empty.error
    assert "Feeds: 2 polled, 0 failed." in out
    assert "Articles: 2 new, 1 with statements found, 0 duplicates, 1 failed." in out
    assert "[1/2]" in err


@pytest.mark.django_db
def test_ingest_a_url_that_fails_says_so(web):
    with pytest.raises(CommandError, match="Nothing could be ingested"):
        run("ingest", web.url("/pdf"))
    assert Article.objects.get().state == Article.State.FAILED
