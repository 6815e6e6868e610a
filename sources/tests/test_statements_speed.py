"""The statement finder's faster sentence splitting gives pysbd's own sentences."""

from pathlib import Path

import pytest
from pysbd.languages import Language

from sources import statements

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
CORPUS = Path(__file__).parent.parent / "corpus"

TRICKY = [
    "Dr. Smith met Gen. Ivanov at 9 a.m. in St. Petersburg. No. 5 on the list was the U.S. envoy.",
    "The Ph.D. student said, e.g. in Jan. and Feb., the Gov. was away. Mr. Ortega agreed. i.e. nothing changed.",
    "He cited art. 5 and sec. 12 of the act (p. 4). Prof. Lee, Sr. vice-chair, left at 3 p.m. Then Inc. filings.",
    "1) Build schools. 2) Open clinics. a) First item b) second item. i. Roman one ii. Roman two.",
    "The ſt. minister and the \u212ang. of Dr. İzmir arrived. Gen. ıvanov spoke. Col. Ames did not.",
    "No period here but abbreviations no st gen dr mr",
    "“We will cut taxes,” the Pres. said. “Vs. the others, we deliver.” Mt. Everest vs. Mt. Fuji.",
]


def corpus_paragraphs():
    texts = [p.read_text() for p in sorted(ARTICLES.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))]
    return [line for text in texts for line in text.split("\n") if line.strip()] + TRICKY


@pytest.fixture
def stock_pysbd(monkeypatch):
    def use_stock():
        monkeypatch.setattr(statements, "_segmenter_lang", Language.get_language_code("en"))

    return use_stock


def test_sentences_are_split_exactly_as_pysbds_own_english_splits_them(monkeypatch, stock_pysbd):
    paragraphs = corpus_paragraphs()
    monkeypatch.setattr(statements, "_segmenter_lang", statements._english())
    fast = [statements._pysbd(p) for p in paragraphs]
    stock_pysbd()
    assert [statements._pysbd(p) for p in paragraphs] == fast
    assert sum(len(pieces) > 1 for pieces in fast) > 20  # the corpus does get split


def test_whole_articles_are_split_into_the_same_sentences(monkeypatch, stock_pysbd):
    texts = [p.read_text() for p in sorted(ARTICLES.glob("*.txt"))] + ["\n\n".join(TRICKY)]
    monkeypatch.setattr(statements, "_segmenter_lang", statements._english())
    fast = [statements.split_sentences(text) for text in texts]
    stock_pysbd()
    assert [statements.split_sentences(text) for text in texts] == fast
