"""Paragraphs and sentences, with what a reader sees around each: a list and its lead-in,
a quotation, a headline, a transcript label.

Paragraphs are lines (hard-wrapped lines are joined back); each paragraph is tokenised by
the pipeline's own tokenizer and cut into sentences by spaCy's rule-based sentencizer, so
the tokens parsed later are the tokens cut here and every quote is ``text[start:end]``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SENTENCE_END = '.!?:;”"’)»…'
_QUOTE_OPEN = "“„«"
_QUOTE_CLOSE = "”»"
# A bullet or a number opening a list item: "— Close the border.", "2) To allocate …".
_LIST_ITEM = re.compile(r"\s*(?:[-–—•*▪●]|\d{1,2}[.)])\s+\S")
# A transcript or interview line: "Q: …", "ORTEGA: …", "A: …".
_LABEL = re.compile(r"(?P<label>[A-Z][A-Z.’'\- ]{0,30}[A-Z]|Q|A):\s+")
_sentencizer = None


def _sentencize(doc):
    global _sentencizer
    if _sentencizer is None:
        from spacy.pipeline import Sentencizer

        _sentencizer = Sentencizer()
    return _sentencizer(doc)


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int
    index: int  # among the article's sentences
    first_in_paragraph: bool
    heading: bool = False  # a headline, byline or label line: never a statement
    list_item: bool = False
    lead_in: int | None = None  # the sentence that introduces the list this item belongs to
    quoted: bool = False  # most of it lies inside quotation marks
    quote_opened_before: bool = False  # it continues a quotation opened in an earlier sentence
    label: str | None = None  # "Q", "A" or a speaker's name labelling the line
    tokens: object = None  # the sentence as a spaCy Doc, parsed or only tokenised
    parsed: bool = False
    extra: dict = field(default_factory=dict)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Lines, with hard-wrapped lines joined back: a line that does not end a sentence,
    directly followed by a line that starts in lower case."""
    paras: list[list[int]] = []
    prev_end = -2  # end of the previous non-blank line
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s == e:
            prev_end = -2
            continue
        adjacent = paras and prev_end == m.start() - 1
        if adjacent and text[s].islower() and text[paras[-1][1] - 1] not in _SENTENCE_END:
            paras[-1][1] = e
        else:
            paras.append([s, e])
        prev_end = m.end()
    return [(s, e) for s, e in paras]


def _quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) offsets of the quotations in a paragraph; an unclosed one runs to its end."""
    regions, open_at, straight = [], None, False
    for i in range(start, end):
        c = text[i]
        if c in _QUOTE_OPEN and open_at is None:
            open_at, straight = i, False
        elif c in _QUOTE_CLOSE and open_at is not None and not straight:
            regions.append((open_at, i))
            open_at = None
        elif c == '"':
            if open_at is None:
                open_at, straight = i, True
            elif straight:
                regions.append((open_at, i))
                open_at = None
    if open_at is not None:
        regions.append((open_at, end))
    return regions


def _is_heading(text: str, start: int, end: int) -> bool:
    words = len(text[start:end].split())
    if text.startswith("By ", start) and words <= 10:
        return True
    return words <= 20 and text[end - 1] not in _SENTENCE_END


MAX_TOKENS = 150  # a longer "sentence" (a run-on list, a table flattened to text) is parsed in pieces


def _cuts(doc) -> list[tuple[int, int]]:
    """Token spans of the sentences; a piece that starts in lower case or with a digit
    continues the sentence before it ("No. 2 of 2022", "(who spoke.) said"). No span is longer
    than MAX_TOKENS: the parser's time and memory grow with a sentence's length."""
    spans: list[list[int]] = []
    for sent in doc.sents:
        first = sent[0].text[:1]
        if spans and (first.islower() or first.isdigit()) and not doc[sent.start - 1].text.endswith(":"):
            spans[-1][1] = sent.end
        else:
            spans.append([sent.start, sent.end])
    out = []
    for s, e in spans:
        out += [(k, min(k + MAX_TOKENS, e)) for k in range(s, e, MAX_TOKENS)]
    return out


def split(text: str, nlp) -> list[Sentence]:
    """The sentences of ``text``, each with its tokens (a Doc of its own, not yet parsed)."""
    out: list[Sentence] = []
    lead_in: int | None = None  # the lead-in of the list being read
    bulleted = False  # whether that list's items carry bullets
    quote_open = False  # a quotation left open at the end of the previous paragraph
    for p, (ps, pe) in enumerate(paragraphs(text)):
        bullet = bool(_LIST_ITEM.match(text, ps, pe))
        heading = not bullet and _is_heading(text, ps, pe)
        if lead_in is not None and not bullet:
            # Without bullets, the short paragraphs after a lead-in are its items ("Close the border.").
            if bulleted or heading or len(text[ps:pe].split()) > 40:
                lead_in = None
        item = lead_in is not None
        label = _LABEL.match(text, ps, pe)
        regions = [(label.end("label"), pe)] if label else _quote_regions(text, ps, pe)
        # A quotation that runs on over paragraphs opens each of them again and closes only at the end.
        continued = quote_open and text[ps] in _QUOTE_OPEN + '"'
        doc = _sentencize(nlp.make_doc(text[ps:pe]))
        cuts = _cuts(doc)
        for k, (ts, te) in enumerate(cuts):
            s, e = ps + doc[ts].idx, ps + doc[te - 1].idx + len(doc[te - 1].text)
            inside = sum(min(e, r1 + 1) - max(s, r0) for r0, r1 in regions if r0 < e and r1 >= s)
            out.append(
                Sentence(
                    start=s,
                    end=e,
                    paragraph=p,
                    index=len(out),
                    first_in_paragraph=k == 0,
                    heading=heading,
                    list_item=item or bullet,
                    lead_in=lead_in if item else None,
                    quoted=inside * 2 > e - s,
                    quote_opened_before=any(r0 < s <= r1 for r0, r1 in regions) or (continued and k > 0),
                    label=label.group("label") if label else None,
                    tokens=doc[ts:te].as_doc(),
                )
            )
        if text[pe - 1] == ":" and not heading:
            lead_in, bulleted = out[-1].index, False  # a paragraph ending in a colon opens a list
        elif item and bullet:
            bulleted = True
        quote_open = bool(regions) and regions[-1][1] == pe and label is None
    return out
