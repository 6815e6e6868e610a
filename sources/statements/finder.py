"""find_statements: text in, attributed statements out, in four passes.

1. Sentences (sentences.py): paragraphs, sentences, lists and their lead-ins, quotations.
2. Parse and mentions (pipeline.py, mentions.py): each sentence is parsed, and the people,
   parties and bodies it names are resolved in reading order.
3. Attribution and features (attribution.py, features.py): for each sentence, its anchor, its
   speaker and addressee, and the features the model reads.
4. Decision (model.py): the model's probability that the sentence carries a directive or a
   promise, and which; sentences at or above the threshold are returned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from . import attribution, features, lexicon, mentions, model, pipeline, sentences
from .discourse import Discourse, Mention
from .types import Actor, Statement


@dataclass
class Reading:
    """One sentence as the model reads it."""

    sentence: sentences.Sentence
    mentions: list[Mention]
    anchor: attribution.Anchor | None
    speaker: attribution.Party | None
    addressee: attribution.Party | None
    features: dict[str, float]


def read(
    text: str, *, on: date | None = None, actors: Sequence[Actor] = (), country: str | None = None
) -> list[Reading]:
    """Every sentence that could carry a statement (headlines excluded), with its features."""
    nlp = pipeline.nlp()
    found = sentences.split(text, nlp)
    # Parse what can carry a statement (a trigger word, a modal, a list item) and the article's
    # lead; the other sentences are only read for the names the article already knows.
    parsed = [s for s in found if s.heading or s.list_item or s.index < 2 or lexicon.may_carry_statement(s.tokens)]
    for sentence, doc in zip(parsed, nlp.pipe((s.tokens for s in parsed), batch_size=64), strict=True):
        sentence.tokens, sentence.parsed = doc, True
    discourse = Discourse(actors, on, country)
    found_mentions, reporters, principals, cues = [], [], [], []
    for sentence in found:
        doc = sentence.tokens
        found_mentions.append(mentions.read(discourse, doc))
        reporters.append(attribution.reporter(doc, found_mentions[-1]))
        principals.append(discourse.principal())
        cues.append(features.cues(doc, found_mentions[-1]))
    quote_speakers = _quote_speakers(found, reporters)
    # Before the article names anyone, its sentences are the person it names first's.
    principals = [p or discourse.principal() for p in principals]
    article = features.article_features(cues)
    readings, speakers, anchors, addressees = [], {}, {}, {}
    for i, sentence in enumerate(found):
        if sentence.heading or not sentence.parsed:
            continue
        doc = sentence.tokens
        anchor = attribution.anchor_of(doc)
        quoted = sentence.quoted or sentence.quote_opened_before
        speaker = attribution.speaker(
            doc,
            found_mentions[i],
            anchor,
            quote_speaker=quote_speakers[i] if quoted else None,
            principal=principals[i],
            reported=reporters[i],
        )
        lead = speakers.get(sentence.lead_in)
        if lead is not None and (speaker is None or speaker.how == "context"):
            speaker = attribution.Party(lead.text, lead.entity, "list")  # a list's items are its lead-in's
        speakers[i] = speaker
        addressee = attribution.addressee(doc, found_mentions[i], anchor, speaker.entity if speaker else None)
        anchors[i], addressees[i] = anchor, addressee
        f = features.sentence_features(doc, found_mentions[i], anchor, quoted)
        inherited = anchors.get(sentence.lead_in)
        if inherited is not None and inherited.kind != "root" and (anchor is None or anchor.kind in ("root", "modal")):
            # "The Government was instructed as follows: - To allocate funds …": an item completes its
            # lead-in's order or pledge, so it is read as that sentence's anchor with the item for action.
            features.anchor_features(inherited, found_mentions[sentence.lead_in], f)
            f["a:inherited"] = 1
            addressee = addressee or addressees.get(sentence.lead_in)
        f.update(features.attribution_features(speaker, addressee, anchor))
        lead = cues[sentence.lead_in] if sentence.lead_in is not None else None
        f.update(features.context_features(f, cues[i - 1] if i else None, lead, article))
        readings.append(Reading(sentence, found_mentions[i], anchor, speaker, addressee, f))
    return readings


def _quote_speakers(found: list[sentences.Sentence], reporters: list) -> list:
    """For each sentence, who speaks the quotation it may be in: whom its paragraph reports,
    else the speaker of the quotation before (a quotation may run over paragraphs)."""
    by_paragraph: dict[int, attribution.Party] = {}
    for sentence, reporter in zip(found, reporters, strict=True):
        if reporter is not None and sentence.paragraph not in by_paragraph:
            by_paragraph[sentence.paragraph] = reporter
    out, last = [], None
    for sentence in found:
        current = by_paragraph.get(
            sentence.paragraph, last if sentence.quote_opened_before or sentence.quoted else None
        )
        out.append(current)
        last = current or last
    return out


def find_statements(
    text: str,
    *,
    on: date | None = None,
    actors: Sequence[Actor] = (),
    country: str | None = None,
    min_confidence: float | None = None,
) -> list[Statement]:
    """The directives and promises in ``text``, in reading order.

    ``on`` is the article's date (titles and party names resolve as they were that day),
    ``actors`` the known leaders and parties, ``country`` where the article is from.
    ``min_confidence`` defaults to the model's threshold (see the weights' card)."""
    if not text or not text.strip():
        return []
    weights = model.current()
    floor = weights.threshold if min_confidence is None else min_confidence
    out = []
    readings = read(text, on=on, actors=actors, country=country)
    last_addressee: dict[int, attribution.Party] = {}  # by speaker: "He also called for …" goes to the same
    for reading, (kind, confidence, reasons) in zip(
        readings, weights.decide([r.features for r in readings]), strict=True
    ):
        if kind is None or confidence < floor or vetoed(reading):
            continue
        speaker = id(reading.speaker.entity) if reading.speaker and reading.speaker.entity else None
        if kind == "directive" and speaker is not None:
            if reading.addressee is None:
                reading.addressee = last_addressee.get(speaker)
            elif reading.addressee.entity is not None or speaker not in last_addressee:
                last_addressee[speaker] = reading.addressee
        out.append(_statement(text, reading, kind, confidence, reasons, on))
    return out


def vetoed(reading: Reading) -> bool:
    """What is never a statement, whatever the model says (the corpora hold too few to learn it):
    a question, and an order or pledge that the sentence negates or denies."""
    return "question" in reading.features or attribution.negated_trigger(reading.anchor)


def _statement(text: str, reading: Reading, kind: str, confidence: float, reasons: str, on) -> Statement:
    s = reading.sentence
    speaker, addressee = reading.speaker, reading.addressee
    return Statement(
        kind=kind,
        quote=text[s.start : s.end],
        start=s.start,
        end=s.end,
        speaker_text=speaker.text if speaker else None,
        speaker=speaker.entity.display if speaker and speaker.entity else None,
        speaker_key=speaker.entity.key if speaker and speaker.entity else None,
        addressee_text=addressee.text if addressee and kind == "directive" else None,
        addressee=addressee.entity.display if addressee and addressee.entity and kind == "directive" else None,
        addressee_key=addressee.entity.key if addressee and addressee.entity and kind == "directive" else None,
        confidence=round(confidence, 4),
        rule=reasons,
        action=attribution.action(reading.anchor)[:300],
    )
