"""Find directives and promises in the text of an article.

A pure function, no Django and no database: text plus the known actors in,
statements out, so it can be tested and timed alone (see DESIGN.md, "Layers").

    find_statements(text, on=date(2022, 1, 28), actors=[...], country="Kazakhstan")

How it works, in four passes over the text, each linear in its length:

1. **Sentences.** The text is cut into paragraphs (lines; hard-wrapped lines are
   joined back), each paragraph into sentences by pysbd.  pysbd keeps a quotation of
   several sentences together and its cost grows with the square of the number of
   sentences it is given, so it is fed bounded windows (``_WINDOW`` chars) and the
   inside of each multi-sentence quotation is split again.  Every sentence is a pair
   of offsets into the original text, so every quote is verbatim.
2. **Mentions.** People, parties, bodies, titles ("the president") and pronouns are
   found in each sentence and resolved in reading order against the known actors
   (dated names, aliases, offices valid on ``on``) and against what the article
   said before (the most recent compatible mention).  With no actors at all, names
   come from the text: "President of Kazakhstan Kassym-Jomart Tokayev" introduces
   a person who is later "Tokayev", "the president" or "he"; "the Nur Otan party"
   introduces a party that is later "the party".
3. **Rules.** ``RULES`` is the one table of triggers: each rule has a name, a kind,
   a strength and a docstring.  The strongest rule that fires on a sentence and
   survives the filters (questions, negations, cognitive "necessary to understand",
   forecasts, no speaker) gives at most one statement for that sentence.
4. **Attribution.** The speaker is the subject of the trigger ("Tokayev called
   on"), else the attribution of the sentence ("..., added Tokayev", "he said
   that", "according to him"), else the attribution of the quotation the sentence
   belongs to; a quotation without attribution continues the previous one.  A quoted
   sentence interrupted by its attribution (“We will,” she said, “build …”) is read whole
   (``_rule_view``).  Unattributed orders right after a leader's directives, or after "X signed
   a decree / approved a list of instructions", are the issuer's (``_in_directive_run``); a
   "would" or a list right after a party's promise continues it (``_continued_promise``).  The
   impersonal "It was noted that …" of a readout is its chair's, and what "the Cabinet" orders at a
   meeting a leader chaired is that leader's (``_chair_of_subject``).

Confidence (documented in ``_confidence``): the rule's strength, plus 0.1 when the
speaker is resolved to a full name or a known actor, plus 0.05 when the addressee is
resolved, minus 0.15 when the speaker was only inferred from earlier sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

__all__ = ["Actor", "Name", "Office", "Statement", "find_statements", "name_on", "RULES", "split_sentences"]


# --------------------------------------------------------------------------- API types


@dataclass(frozen=True)
class Name:
    """A dated name of an actor. ``valid_to`` is exclusive: the day of the rename
    belongs to the new name (Nur Otan until 2022-03-01, Amanat from 2022-03-01)."""

    text: str
    valid_from: date | None = None
    valid_to: date | None = None  # exclusive

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)


@dataclass(frozen=True)
class Office:
    """An office held over an interval; ``end`` is inclusive (the last day in office)."""

    title: str  # "President", "Chairman", "Prime Minister"
    jurisdiction: str  # "Kazakhstan", "Nur Otan"
    start: date | None = None
    end: date | None = None  # inclusive

    def held_on(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        # ``end`` is the first day out of office, as in politics.models.Office.
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Actor:
    key: str  # opaque id from the caller, e.g. "leader:3", "party:1"
    kind: str  # "leader" | "party" | "body"
    names: tuple[Name, ...]
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    country: str = ""


@dataclass(frozen=True)
class Statement:
    kind: str  # "directive" | "promise"
    quote: str  # text[start:end] == quote
    start: int
    end: int
    speaker_text: str | None
    speaker: str | None
    speaker_key: str | None
    addressee_text: str | None
    addressee: str | None
    addressee_key: str | None
    confidence: float
    rule: str
    action: str


def name_on(actor: Actor, day: date | None) -> str:
    """The actor's name valid on ``day``; with no day (or none valid), the newest name."""
    if not actor.names:
        return actor.aliases[0] if actor.aliases else actor.key
    for name in actor.names:
        if day is not None and name.valid_on(day):
            return name.text
    return max(actor.names, key=lambda n: n.valid_from or date.min).text


# --------------------------------------------------------------------------- sentences

_WINDOW = 2000  # chars given to pysbd at once; its cost is quadratic in sentences
_QUOTE_OPEN = "“„«"
_QUOTE_CLOSE = "”»"
_segmenter_lang = None


_PERIOD = re.compile(r"\.")
# Characters that re.IGNORECASE matches with an ASCII letter although str.lower() does not map them to it.
_CASE_FOLD_ODDITIES = frozenset("İıſ\u212a")


def _english():
    """pysbd's English, with its abbreviation search skipping the abbreviations no period follows.

    For each of its ~190 abbreviations found in a text, even as a bare word ("no",
    "st", "gen"), pysbd runs two regular expressions and one more per occurrence, all
    to protect a period after it. Every replacement needs that period, and none adds
    one, so an abbreviation that no period follows in the text changes nothing and is
    skipped: the same sentences, in a third less time. Written against pysbd 0.3.4
    (pinned); sources/tests/test_statements_speed.py compares it with pysbd's own."""
    from pysbd.languages import Language

    english = Language.get_language_code("en")
    # Abbreviations without regex metacharacters: pysbd uses them as patterns, so only for
    # these is "found" the same as "the same letters, in any case".
    plain = frozenset(a.strip() for a in english.Abbreviation.ABBREVIATIONS if re.escape(a.strip()) == a.strip())
    longest = max(map(len, plain))

    class AbbreviationReplacer(english.AbbreviationReplacer):
        def search_for_abbreviations_in_string(self, text):
            if "." not in text:
                return text
            if not text.isascii() and _CASE_FOLD_ODDITIES.intersection(text):
                return super().search_for_abbreviations_in_string(text)
            lowered = text.lower()
            # What comes right before each period, as long as the longest abbreviation.
            periods = [m.start() for m in _PERIOD.finditer(lowered)]
            before = {lowered[max(0, i - k) : i] for i in periods for k in range(1, longest + 1)}
            for abbr in self.lang.Abbreviation.ABBREVIATIONS:
                stripped = abbr.strip()
                if stripped not in before if stripped in plain else stripped not in lowered:
                    continue
                # From here on, pysbd's loop body unchanged.
                abbrev_match = re.findall(rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE)
                if not abbrev_match:
                    continue
                next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
                char_array = re.findall(next_word_start, text)
                for ind, match in enumerate(abbrev_match):
                    text = self.scan_for_replacements(text, match, ind, char_array)
            return text

    return type("English", (english,), {"AbbreviationReplacer": AbbreviationReplacer})


def _pysbd(text: str) -> list[str]:
    global _segmenter_lang
    from pysbd.processor import Processor

    if _segmenter_lang is None:
        _segmenter_lang = _english()
    try:
        return [s for s in Processor(text, _segmenter_lang, char_span=False).process() or [] if s and s.strip()]
    except Exception:  # pysbd is a heuristic: any failure means "one sentence"
        return [text]


def _align(text: str, pieces: list[str], base: int, limit: int) -> list[tuple[int, int]]:
    """Offsets of pysbd's pieces in ``text[base:limit]``.

    pysbd may alter whitespace, so each piece is looked for near the cursor; if it is
    not found there, the cursor advances by the piece's count of non-space characters.
    """
    spans = []
    cur = base
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        i = text.find(piece, cur, min(limit, cur + len(piece) + 64))
        if i >= 0:
            start, end = i, i + len(piece)
        else:
            while cur < limit and text[cur].isspace():
                cur += 1
            start, need, end = cur, sum(1 for c in piece if not c.isspace()), cur
            while end < limit and need > 0:
                if not text[end].isspace():
                    need -= 1
                end += 1
        if end > start:
            spans.append((start, end))
            cur = end
    return spans


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Lines, with hard-wrapped lines joined back: a line that does not end a
    sentence, directly followed by a line that starts in lower case."""
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
        if adjacent and text[s].islower() and text[paras[-1][1] - 1] not in '.!?:;”"’)»':
            paras[-1][1] = e
        else:
            paras.append([s, e])
        prev_end = m.end()
    return [(s, e) for s, e in paras]


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        while pos < end and text[pos].isspace():
            pos += 1
        if pos >= end:
            break
        if end - pos <= _WINDOW:
            out.extend(_align(text, _pysbd(text[pos:end]), pos, end))
            break
        limit = pos + _WINDOW
        spans = _align(text, _pysbd(text[pos:limit]), pos, limit)
        if len(spans) >= 2:
            out.extend(spans[:-1])
            pos = spans[-1][0]  # the last piece may be cut by the window: redo it
        else:  # one enormous "sentence": cut it at a space
            cut = text.rfind(" ", pos + _WINDOW // 2, limit)
            cut = cut if cut > pos else limit
            out.append((pos, cut))
            pos = cut
    return out


def _quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) offsets of the quotation marks in a paragraph; an unclosed
    quotation runs to the end of the paragraph."""
    regions = []
    open_at = None
    straight = False
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


@dataclass
class _Sentence:
    start: int
    end: int
    para: int
    base: tuple[int, int]  # the pysbd sentence it was cut from
    region: tuple[int, int] | None = None  # the quotation it lies in, if any
    list_item: bool = False
    heading: bool = False  # a headline, byline or label line: never a statement
    label: str | None = None  # the speaker label of a transcript line ("ORTEGA:")
    para_start: int = 0


# A transcript line: "ORTEGA: Fix the roads." The label is the speaker of the rest of the line.
_LABEL = re.compile(r"(?P<label>[A-Z][A-Z.’'\- ]{0,30}[A-Z]|Q|A):\s+")
# In an interview (once a "Q:" line has been read), an answer may be labelled with the interviewee's
# name as written in the text: "Kovač: We will …".
_NAME_LABEL = re.compile(r"(?P<label>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?):\s+")
# A headline or byline: a short paragraph that does not end a sentence ("Labour unveils
# manifesto", "By Tom Reynolds, Political Correspondent").
_SENTENCE_END = '.!?:;”"’)»…'


def _is_heading(text: str, ps: int, pe: int) -> bool:
    words = len(text[ps:pe].split())
    if text.startswith("By ", ps) and words <= 10:
        return True
    return words <= 20 and text[pe - 1] not in _SENTENCE_END


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the sentences of ``text``."""
    return [(s.start, s.end) for s in _sentences(text)]


def _sentences(text: str) -> list[_Sentence]:
    out: list[_Sentence] = []
    interview = False
    for p, (ps, pe) in enumerate(_paragraphs(text)):
        regions = _quote_regions(text, ps, pe)
        is_item = bool(_LIST_ITEM.match(text, ps, pe))
        heading = not is_item and _is_heading(text, ps, pe)
        label = _LABEL.match(text, ps, pe)
        interview = interview or label is not None and label.group("label") == "Q"
        if label is None and interview:
            label = _NAME_LABEL.match(text, ps, pe)
        if label is not None:  # the whole line is the labelled speaker's words
            regions = [(label.end("label"), pe)]
        for bs, be in _split_paragraph(text, ps, pe):
            cuts = [bs]
            for rs, re_ in regions:
                if rs >= bs and re_ <= be and re_ - rs > 40:
                    inner = _align(text, _pysbd(text[rs + 1 : re_]), rs + 1, re_) if re_ - rs < 4 * _WINDOW else []
                    for s, _ in inner[1:]:
                        if s > cuts[-1]:
                            cuts.append(s)
            cuts.append(be)
            for s, e in zip(cuts, cuts[1:], strict=False):
                while e > s and text[e - 1].isspace():
                    e -= 1
                if e <= s:
                    continue
                # the (first) quotation the sentence overlaps; a sentence rarely holds two
                region = next((r for r in regions if r[0] < e and s <= r[1] and r[1] - r[0] > 1), None)
                out.append(_Sentence(s, e, p, (bs, be), region, is_item, heading, label and label.group("label"), ps))
    return out


# --------------------------------------------------------------------------- morphology
#
# Word families are written once, as lemmas, and inflected here, instead of listing
# "instruct|instructs|instructed|instructing" in every rule: ``_verb("instruct", "urge")``
# matches every form of both verbs, ``_noun("agency")`` "agency" and "agencies".

_IRREGULAR = {
    "tell": ("tell", "tells", "told", "telling"),
    "give": ("give", "gives", "gave", "given", "giving"),
    "set": ("set", "sets", "setting"),
    "swear": ("swear", "swears", "swore", "sworn", "swearing"),
    "undertake": ("undertake", "undertakes", "undertook", "undertaken", "undertaking"),
    "draw": ("draw", "draws", "drew", "drawn", "drawing"),
    "speak": ("speak", "speaks", "spoke", "spoken", "speaking"),
    "commit": ("commit", "commits", "committed", "committing"),
    "plan": ("plan", "plans", "planned", "planning"),
}


def _inflect(lemma: str) -> tuple[str, ...]:
    """The forms of a regular English verb: base, -s, -ed, -ing (with the usual e/y rules)."""
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        return lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    if lemma.endswith(("sh", "ch", "ss", "x")):
        return lemma, lemma + "es", lemma + "ed", lemma + "ing"
    return lemma, lemma + "s", lemma + "ed", lemma + "ing"


def _verb(*lemmas: str, forms: str = "all") -> str:
    """A regex alternation of the forms of ``lemmas``: ``forms`` is "all", "finite"
    (no -ing), "participle" (-ed/irregular past participle only) or "ing"."""
    out: set[str] = set()
    for lemma in lemmas:
        fs = _inflect(lemma)
        if forms == "finite":
            fs = tuple(f for f in fs if not f.endswith("ing") or f == lemma)
        elif forms == "participle":
            fs = tuple(f for f in fs[2:] if not f.endswith("ing"))
        elif forms == "ing":
            fs = tuple(f for f in fs if f.endswith("ing") and f != lemma)
        out.update(fs)
    return "(?:" + "|".join(sorted(out, key=len, reverse=True)) + ")"


def _noun(*lemmas: str) -> str:
    """Singular and plural of each noun lemma ("agency" -> agency|agencies)."""
    out = []
    for n in lemmas:
        if n.endswith("y") and n[-2:-1] not in "aeiou":
            out.append(n[:-1] + "(?:y|ies)")
        elif n.endswith(("s", "sh", "ch", "x")):
            out.append(n + "(?:es)?")
        else:
            out.append(n + "s?")
    return "(?i:" + "|".join(out) + ")"  # "Agency" in a name as well as "agency"


# Verbs by which a leader tells someone to do something ("X <verb> Y to do Z").
_ORDER_LEMMAS = (
    "instruct", "order", "direct", "task", "commission", "urge", "ask", "tell", "oblige", "entrust",
    "charge", "mandate", "require", "request", "recommend", "command", "empower", "authorise", "authorize",
    "assign",
)  # fmt: skip
# Verbs taking the ordered action as a clause or infinitive ("X <verb> that Y do Z", "X <verb> to review").
_PROPOSE_LEMMAS = ("instruct", "order", "demand", "direct", "propose", "suggest", "recommend", "request", "require")
# Verbs of commitment ("X <verb> to do Z").
_PLEDGE_LEMMAS = ("pledge", "promise", "vow", "undertake", "swear", "guarantee")
# Officials and organisations named by a common noun: the addressees of directives
# ("district heads", "each deputy", "the provincial water company").
_ROLE_NOUNS = _noun(
    "manager", "official", "head", "director", "officer", "governor", "mayor", "minister", "ministry",
    "department", "agency", "municipality", "council", "hospital", "school", "bank", "prefect", "khokim",
    "hokim", "akim", "akimat", "administration", "authority", "regulator", "inspector", "company", "employer",
    "operator", "utility", "office", "deputy", "member", "lawmaker", "legislator", "commissioner", "administrator",
    "chairperson", "chairman", "secretary", "branch", "faction", "committee", "commission", "service",
    "inspectorate", "police", "body", "delegate", "MP", "senator", "prosecutor", "judiciary", "board", "wing", "group",
    "insurer", "lender", "landlord", "supplier", "provider", "contractor", "retailer", "airline",
)  # fmt: skip
# Administrative units: the subject of an obligation stands for its administration ("every water
# district must report"), but after a verb they are places ("a single window in every region").
_UNIT_NOUNS = _noun("district", "region", "province", "county", "city", "municipality", "prefecture", "oblast")


# --------------------------------------------------------------------------- mentions

_CAP = r"[A-Z][\w’'\-]*"
_NAME_TOKEN = r"[A-Z][\w’'\-]*"
_TITLES = (
    r"President|Vice[- ]President|Prime\s+Minister|Deputy\s+Prime\s+Minister|Premier|Chancellor|"
    r"Chairman|Chairwoman|Chairperson|Chair|Secretary[- ]General|General\s+Secretary|Governor|Mayor|"
    r"Minister|PM|Speaker|King|Queen|Emir|Sultan|"
    r"Senator|Leader|leader|candidate|Candidate|chairman|chairwoman|Akim|akim|Treasurer|Secretary|"
    r"rival|opponent|challenger|"  # in an election story: "his opponent, Maeve Kinsella"
    r"(?:regional|provincial|interim|acting)\s+(?:president|governor|premier)"  # "Sardinia's regional president Paolo Serra"
)
_MULTIWORD_PLACES = (
    r"United\s+States(?:\s+of\s+America)?|United\s+Kingdom|South\s+Africa|New\s+Zealand|Czech\s+Republic|"
    r"Russian\s+Federation|United\s+Arab\s+Emirates|Sri\s+Lanka|South\s+Korea|North\s+Korea|"
    r"European\s+Commission|European\s+Council|Republic\s+of\s+" + _CAP
)
_PERSON_WITH_TITLE = re.compile(
    r"\b(?P<title>(?:(?:" + _CAP + r")\s+)?(?:" + _TITLES + r")(?:-(?:designate|elect))?)"  # "Prime Minister-designate"
    r"(?:\s+(?:for|in)\s+(?:the\s+)?[a-z]+(?:\s+[a-z]+)?)?"  # "candidate for governor Rachel Moore", "rival in the race, X"
    r"(?:\s+(?P<of>of)(?:\s+the)?)?(?:\s*,)?\s+(?P<rest>(?:(?:Mr|Ms|Mrs|Dr)\.?\s+|Sheikha?\s+|(?:"
    + _MULTIWORD_PLACES  # "President of the Republic of Azerbaijan Rauf Mammadli"
    + r")\s+)?"
    + _NAME_TOKEN
    + r"(?:\s+(?:"
    + _NAME_TOKEN
    + r"|de|van|von|bin|al|el|da|di|le|la)\b){0,6})"
)


_HONORIFIC_WORD = re.compile(r"(?:Mr|Ms|Mrs|Dr)\.?|Sheikha?|Senator|Governor|Mayor")


def _name_in_run(m: re.Match) -> tuple[int, int] | None:
    """The person's name in "President of the United States Joe Biden": after "of",
    the run holds the place and then the name, taken as its last two words."""
    toks = [t for t in re.finditer(r"\S+", m.string[m.start("rest") : m.end("rest")])]
    if toks and _HONORIFIC_WORD.fullmatch(toks[0].group()) and not m.group("of"):
        toks = toks[1:]  # "Prime Minister Sheikh Fahad Nasser Al-Hamad": three words of the name itself
    base = m.start("rest")
    if m.group("of"):
        if len(toks) < 2:
            return None
        keep = toks[-2:] if len(toks) >= 3 else toks[-1:]
    else:
        keep = toks[:3]
    return base + keep[0].start(), base + keep[-1].end()


_SPEECH = (
    r"said|says|noted|notes|added|adds|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underlined|underscored|"
    r"stated|states|declared|declares|told|tells|continued|remarked|explained|insisted|warned|announced|"
    r"announces|wrote|writes|pointed\s+out|recalled|concluded|urged|said\s+in\s+a\s+statement"
)
_TRIGGER_VERBS = (
    r"called|calls|instructed|instructs|ordered|orders|tasked|tasks|urged|urges|demanded|demands|directed|"
    r"pledged|pledges|promised|promises|vowed|vows|named|asked|asks|gave|set|committed|"
    r"stated|noted|stressed|emphasi[sz]ed|underlined|highlighted|pointed|spoke"
)
_BARE_NAME_BEFORE_VERB = re.compile(
    r"\b(?P<name>"
    + _NAME_TOKEN
    + r"(?:\s+"
    + _NAME_TOKEN
    + r"){1,2})(?=\s+(?:also\s+|then\s+|further\s+|has\s+|had\s+)?(?:"
    + _SPEECH
    + r"|"
    + _TRIGGER_VERBS
    + r"|leads|heads)\b)"
)
_BARE_NAME_AFTER_VERB = re.compile(
    r"\b(?:" + _SPEECH + r")\s+(?P<name>" + _NAME_TOKEN + r"(?:\s+" + _NAME_TOKEN + r"){1,2})\b"
)
_TITLE_REF = re.compile(
    r"\b(?:the|The)\s+(?:(?:country’s|country's|state’s|state's|(?!Government\b)" + _CAP + r")\s+)?"
    r"(?P<title>[Pp]resident|[Pp]rime\s+[Mm]inister|[Pp]remier|[Cc]hancellor|[Hh]ead\s+of\s+[Ss]tate|"
    r"[Hh]ead\s+of\s+[Gg]overnment|[Gg]overnment\s+[Ll]eader|PM|[Cc]hief\s+[Mm]inister|[Cc]hairman|[Cc]hairwoman|[Pp]arty\s+[Ll]eader|[Ll]eader|[Cc]andidate|"
    r"[Gg]overnor|[Mm]ayor|"
    r"King|Queen|Emir|Sultan)\b"
)
# A title given after the name: "Thabo Ndlovu, the South African president, said"
_APPOSITION = re.compile(
    r"\b(?P<name>"
    + _NAME_TOKEN
    + r"(?:\s+(?:(?:van|von|de|der|den|da|di|du|le|la|bin|al|el)\s+)?"
    + _NAME_TOKEN
    + r"){1,2}),\s+(?:(?:the|a|an|[\w]+[’']s)\s+)?(?:[\w’'\-]+\s+){0,3}?"
    r"(?P<title>president|prime\s+minister|premier|chancellor|governor|mayor|minister|leader|candidate|king|queen|"
    r"chairman|chairwoman)\b"
)
# "The governor of Central Java, Hendra Santoso, …": a title of a place, then the name in commas.
_TITLE_OF_PLACE = re.compile(
    r"\b(?:[Tt]he|[Aa])\s+(?P<title>(?:[a-z]+\s+)?(?:[Pp]resident|[Pp]rime\s+[Mm]inister|[Pp]remier|[Gg]overnor|[Mm]ayor|[Mm]inister|"
    r"[Cc]hancellor|[Ll]eader|[Cc]hairman|[Cc]hairwoman|[Cc]hairperson|[Aa]kim|[Ss]peaker))\s+(?:of|for)\s+(?:the\s+)?"
    r"(?P<place>" + _CAP + r"(?:\s+(?:of\s+|and\s+)?" + _CAP + r"){0,3}),\s+"
    r"(?P<name>"
    + _NAME_TOKEN
    + r"(?:\s+(?:(?:van|von|de|der|den|da|di|du|le|la|bin|al|el)\s+)?"
    + _NAME_TOKEN
    + r"){1,2})\s*[,;]"
)
# A description that stands for the person the article is about, as a pronoun does: "The 54-year-old former
# trade unionist, who leads …, also promised", "the veteran politician said". Only as a subject (before a
# comma or a verb of speech or commitment), so "the 34-year-old nurse suffered …" is left alone.
_EPITHET = re.compile(
    r"\b[Tt]he\s+(?:\d{2}-year-old|former|veteran|one-time)(?:\s+[a-z][\w\-]*){0,4}?"
    r"(?=\s*,|\s+(?:also\s+|has\s+|had\s+)?(?:" + _SPEECH + r"|" + _TRIGGER_VERBS + r")\b)"
)
# An election rival named after a description or "is": "His rival, the conservative historian Marek Zalewski,",
# "Her main challenger is Ousmane Ndiaye": a candidate.
_RIVAL_NAMED = re.compile(
    r"\b(?P<title>rival|opponent|challenger|leader)(?:\s+is|,\s+(?:(?:the|a|an)\s+)?(?:[\w\-]+\s+){0,3}?[\w\-]+)\s+"
    r"(?P<name>(?!(?:" + _TITLES + r")\b)" + _NAME_TOKEN + r"(?:\s+" + _NAME_TOKEN + r"){1,2})\b"
)
# A party's leader named in commas right after the title, the party named before: "whose leader, Giulia Pinna,",
# "The chair of the opposition New Union party, Tomas Vaitkus," (the mention is the name, so the party keeps its own).
_PARTY_LEADER_NAMED = re.compile(
    r"\b(?P<title>leader|chair|chairman|chairwoman)(?:\s+of\s+(?:the\s+)?(?:[a-z][a-z\-]*\s+){0,2}" + _CAP
    + r"(?:\s+" + _CAP + r"){0,3}\s+(?:party|alliance|coalition|bloc))?,\s+(?P<name>(?!(?:" + _TITLES + r")\b)"
    + _NAME_TOKEN + r"(?:\s+" + _NAME_TOKEN + r"){1,2}),"
)
_TITLE_WORD = re.compile(
    r"\b(?:president|prime\s+minister|premier|chancellor|minister|governor|mayor|leader|candidate|chairman|chairwoman)\b"
)
_HONORIFIC = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.?\s+(?P<name>" + _NAME_TOKEN + r")")
_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|He|She|His|Her)\b")
_PARTY_NAMED = re.compile(
    r"\b(?P<name>"
    + _CAP
    + r"(?:\s+"
    + _CAP
    + r"){0,3})\s+(?P<word>party|Party|coalition|alliance|bloc)\b(?!\s+(?:members?|leaders?|officials?)\b)"
)
# "the centre-left coalition Compromisso Portugal"
_BODY_AFTER_WORD = re.compile(
    r"\b(?:company|corporation|utility|operator|agency|authority|regulator|board)\s+(?P<name>(?!(?:of|for)\b)"
    + _CAP + r"(?:\s+" + _CAP + r"){0,3})"
)
_PARTY_AFTER_WORD = re.compile(r"\b(?:coalition|alliance|bloc)\s+(?P<name>" + _CAP + r"(?:\s+" + _CAP + r"){0,3})")
_PARTY_OF = re.compile(r"\b(?P<name>Party\s+of\s+(?:the\s+)?" + _CAP + r"(?:\s+" + _CAP + r"){0,2})")
_PARTY_REF = re.compile(
    r"\b(?:the|The|our|Our|its|their|this|This)\s+(?:ruling\s+|governing\s+|opposition\s+)?(?:party|alliance|coalition|bloc)\b(?!\s*[’']s\b)(?!\s+(?:members?|leaders?|board|branch(?:es)?|wing|group|committee|bodies)\b)"
    # a party's congress or convention speaks for it ("the congress pledged to …"); lower case only:
    # "Congress" is a legislature
    r"|\b(?:the|The|its|their)\s+(?:party\s+)?(?:congress|convention|conference)\b"
)
# Several parties at once: "the parties agreed to …", "Four Dutch parties presented …".
_PARTIES = re.compile(
    r"\b(?:[Tt]he|[Bb]oth|[Aa]ll|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|\d)\s+(?:(?:[A-Z][\w\-]*|coalition|governing|ruling|opposition)\s+){0,2}parties\b"
)
_BODY = re.compile(
    r"\b(?:the\s+|The\s+|all\s+|All\s+)?(?P<body>[Gg]overnment|[Cc]abinet(?:\s+of\s+[Mm]inisters)?|[Mm]inistries|"
    r"Ministry\s+of\s+" + _CAP + r"(?:,?\s+(?:and\s+)?" + _CAP + r"){0,3}|[Mm]inisters|akims|Akims|akimats|"
    r"[Rr]egional\s+administrations|[Ll]ocal\s+authorities|[Gg]overnors|[Pp]arliament|Majilis|Mazhilis|Senate|"
    r"[Ll]aw\s+enforcement\s+agencies|[Ss]tate\s+bodies|[Ss]ecurity\s+[Cc]ouncil|[Nn]ational\s+[Bb]ank|[Cc]entral\s+[Bb]ank|"
    # bare plurals only where they open a clause ("Councils must …"), not "public councils"
    r"(?:National\s+)?Treasury|Councils|Prefects|[Kk]hokims|[Hh]okims|[Ll]egislature|"
    # "the state" only as the subject of an obligation or commitment ("the state must be present")
    r"(?<=[Tt]he\s)state(?=\s+(?:must|should|will|would|shall|has\s+to|needs?\s+to)\b))\b"
)
# A modifier of a role noun ("regional", "water", "district"): not a verb in -ed, not a leader's title
# (so "the president urged members" is not an organisation); "the party faction" is the party.
_MODIFIER = (
    r"(?!(?:party|president|premier|chancellor|governor|mayor|leader|chairman|king|queen)\b)[a-z][a-z\-]+(?<!ed)\s+"
)
_AGENCY = re.compile(
    r"\b(?:the|The|every|Every|each|Each|all|All|our|Our|its|their|\w+[’']s)\s+(?P<body>(?:"
    + _MODIFIER
    + r"){0,2}(?:"
    + _ROLE_NOUNS
    + r"|governments|legislature|media)"
    # a named one: "the Department of Agriculture", "the Agency for Strategic Planning"
    + r"(?:\s+(?:of|for)\s+(?:the\s+)?"
    + _CAP
    + r"(?:,?\s+(?:and\s+)?"
    + _CAP
    + r"){0,3})?)\b"
)
# An office named without its holder: "the Interior Cabinet Secretary", "the finance minister",
# "Minister of Local Government" (never followed by a name: "Health Minister Oksana Lysenko" is a person).
_OFFICE = re.compile(
    r"\b(?:(?:the|The)\s+(?P<a>(?:[A-Z][a-z]+\s+){0,2}(?:Cabinet\s+Secretary|Secretary|Minister|Attorney[- ]General|Commissioner)"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?"
    + _CAP
    + r"(?:\s+(?:and\s+)?"
    + _CAP
    + r"){0,3})?|(?:[a-z]+\s+){1,2}(?:minister|secretary|commissioner))"
    r"|(?P<b>Minister\s+(?:of|for)\s+(?:the\s+)?" + _CAP + r"(?:\s+(?:and\s+)?" + _CAP + r"){0,3}))\b(?!\s+[A-Z])"
)
# A party named without the word "party": "Labour", "the Liberal Democrats", "the People's Progress Congress".
_PARTY_WORDS = re.compile(
    r"\b(?P<name>(?:(?!(?:The|A|An|In|On|At|By|For|But|And|Its|Their)\b)"
    + _CAP
    + r"\s+){1,3}(?:Congress|Alliance|Front|Movement|Coalition|League|Bloc)|"
    r"(?:Liberal\s+|Social\s+|Christian\s+)?(?:Democrats|Republicans|Conservatives|Socialists|Greens|Liberals|Tories)|Labour)\b"
    r"(?!\s+(?:[Pp]arty|members?|leaders?|government|MPs)\b)"
)
# "United States Congress", "European Movement": no party
_NOT_A_PARTY = re.compile(r"(?:United\s+(?:States|Nations|Kingdom|Arab)|European|Soviet|US|U\.S\.)\b")
_NOT_NAMES = set(
    "the a an this that these those it its he she they we i our his her president prime minister chairman "
    "leader party government besides however also according meanwhile moreover in on at as and but if "
    "when after before while head state members member mr ms mrs dr trend reuters monday tuesday "
    "wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december there then today yesterday last next news agency ministry all "
    "both some many most speaking addressing".split()
)
_TITLE_CANON = {
    "head of state": "president",
    "premier": "prime minister",
    "head of government": "prime minister",
    "government leader": "prime minister",
    "pm": "prime minister",
    "chairwoman": "chairman",
    "chairperson": "chairman",
    "chair": "chairman",
    "party leader": "leader",
    "rival": "candidate",
    "opponent": "candidate",
    "challenger": "candidate",
}


# What a chairman may chair besides a party: "the Cricket Board chairman" is not a leader.
_NOT_PARTY_CHAIRS = re.compile(
    r"(?:board|bank|company|corporation|club|federation|association|union|league|group|fund|exchange|authority)\s+"
    r"(?:chairman|chairwoman|chairperson|chair|governor)$"
)


def _canon_title(t: str) -> str:
    t = re.sub(r"\s+", " ", t.lower()).strip()
    if t in _TITLE_CANON:
        return _TITLE_CANON[t]
    if re.match(r"(?:first\s+)?deputy\s+prime\s+minister$", t):
        return "minister"  # a prime minister's deputy takes orders from the prime minister
    if _NOT_PARTY_CHAIRS.search(t):
        return "board chairman"
    t = re.sub(r"^(?:[a-z]+\s+)(?=president$|prime minister$|chancellor$|leader$|candidate$)", "", t) if " " in t else t
    for head in (
        "prime minister",
        "chief minister",
        "president",
        "chancellor",
        "chairman",
        "chairwoman",
        "leader",
        "candidate",
        "governor",
        "mayor",
        "minister",
        "premier",
        "speaker",
        "akim",
        "rival",
        "opponent",
        "challenger",
    ):
        if t.endswith(head) or t.startswith(head):
            t = head
            break
    return _TITLE_CANON.get(t, t)


# Words that name no party alone, though parties are called "National Party", "People's Front".
_PARTY_ADJECTIVES = {
    "national", "democratic", "people's", "people", "united", "new", "popular", "progressive", "civic", "social",
    "liberal", "republican", "independent", "free", "ruling", "opposition", "governing", "main", "first", "great",
}  # fmt: skip


def _party_short_forms(name: str) -> list[str]:
    """How an article calls a party after naming it once: "Forward Party" -> "Forward";
    "Progressive People's Congress" -> "PPC" (initials of three or more words)."""
    words = name.split()
    forms = []
    if len(words) >= 2 and words[-1] in ("Party", "party"):
        short = " ".join(words[:-1])
        if _norm(short) not in _PARTY_ADJECTIVES and _norm(short) not in _NOT_NAMES:
            forms.append(short)
    if len(words) >= 2 and words[-1] in ("Front", "Alliance", "Movement", "Coalition", "Bloc", "League"):
        forms.append(words[-1])  # "the Progressive Front" is then "the Front"
    initials = "".join(w[0] for w in words if w[:1].isupper())
    if len(initials) >= 3 and len(initials) == len([w for w in words if w.lower() not in ("of", "and", "the", "for")]):
        forms.append(initials)
    return forms


@dataclass
class _Entity:
    kind: str  # "person" | "party" | "body"
    display: str
    key: str | None = None
    titles: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    parties: set[str] = field(default_factory=set)  # "Lee Ji-hoon of the New Future Party"


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    entity: _Entity | None
    how: str  # "name" | "title" | "pronoun" | "ref" | "known"
    priority: int = 0


_NAMED_POSSESSIVE = re.compile(r"[A-Z]\w*[’']s\s+[A-Z]")
_BANK = re.compile(r"(?i:central|national|reserve)\s+[Bb]ank\b|\bBank\s+of\s+[A-Z]")
_POSSESSIVE_END = re.compile(r"[’']s$")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def _norm(s: str) -> str:
    # Called for every n-gram of every sentence (a few hundred thousand times for a
    # long feed) on a few thousand distinct strings: cached.
    s = _POSSESSIVE_END.sub("", s.strip())
    return _SPACES.sub(" ", s.replace("’", "'")).lower()


_TOKEN = re.compile(r"\w[\w’'\-]*")


class _Discourse:
    """What the article has said so far: entities by surface form, the most recent
    person and party, titles held."""

    def __init__(self, actors: Sequence[Actor], on: date | None, country: str | None):
        self.on, self.country = on, country
        self.surfaces: dict[str, _Entity] = {}
        self.first_words: set[str] = set()  # of the surfaces of more than one word, and more
        self.max_n = 4
        self.known: list[_Entity] = []
        self.recent: list[_Entity] = []  # most recent last
        self.last_party: _Entity | None = None
        # the addressee of each speaker's last directive: "He also called for …" goes to the same
        self.last_addressee: dict[str, tuple[str, _Entity | None]] = {}
        self.last_quote_speaker: tuple[str, _Entity | None] | None = None
        self.list_intro: dict | None = None
        self.interviewee: _Entity | None = None  # who answers the "A:" lines: the person introduced first
        self.interview_started = False
        self.last_office: _Entity | None = None  # "the health minister": who "told her that …" addresses
        # the speaker of a transcript ("The following is a transcript of the speech delivered by X"):
        # its unquoted sentences are X's words
        self.transcript: tuple[str, _Entity | None] | None = None
        # the number of the current sentence, and of the last one that gave a directive: a bare
        # "The government is to …" right after a leader's directives continues them
        self.sentence_no = 0
        self.last_directive_at = -10
        self.view = ""  # the text as the rules read it (see _rule_view)
        # who gave the directives of the current run: "The ministry shall …" after "X signed a decree" is X's
        self.issuer: _Entity | None = None
        # the same for promises: "VAT would be cut to zero" right after a party's promise is the party's
        self.promiser: tuple[str, _Entity | None] | None = None
        self.last_promise_at = -10
        self.chairs: dict[str, _Entity] = {}  # "cabinet" -> the one who chaired its meeting
        for actor in actors:
            kind = {"leader": "person", "party": "party"}.get(actor.kind, "body")
            ent = _Entity(kind, name_on(actor, on), actor.key)
            for office in actor.offices:
                if office.held_on(on):
                    ent.titles.add(_canon_title(office.title))
                    ent.places.add(office.jurisdiction.lower())
            if actor.country:
                ent.places.add(actor.country.lower())
            self.known.append(ent)
            forms = [n.text for n in actor.names] + list(actor.aliases)
            if kind == "person":
                forms += [n.text.split()[-1] for n in actor.names if len(n.text.split()) > 1]
            for form in forms:
                self._add_surface(form, ent, override=True)

    def _add_surface(self, form: str, ent: _Entity, override: bool = False) -> None:
        key = _norm(form)
        if key.startswith("the "):
            key = key[4:]
        if not key or key in _NOT_NAMES:
            return
        if override or key not in self.surfaces or self.surfaces[key].key is None and ent.key is not None:
            self.surfaces[key] = ent
            self.first_words.add(key.split(" ")[0])
        self.max_n = max(self.max_n, min(8, len(key.split())))

    def introduce(self, kind: str, display: str, title: str | None = None, place: str | None = None) -> _Entity:
        display = re.sub(r"\s+", " ", display).strip()
        display = _POSSESSIVE_END.sub("", re.sub(r"^(?:(?:Mr|Ms|Mrs|Dr)\.?|Sheikha?)\s+", "", display))
        ent = self.surfaces.get(_norm(display))
        if ent is None and kind == "person" and len(display.split()) > 1:
            last = self.surfaces.get(_norm(display.split()[-1]))
            if last is not None and last.kind == "person" and (last.key is not None or " " not in last.display):
                # a known leader named in full (a spelling variant of the first name), or one named so far
                # by the family name alone ("President Mammadli" in the headline, "Rauf Mammadli" below)
                ent = last
                if last.key is None:
                    last.display = display
                    self._add_surface(display, last)
        if ent is None or ent.kind != kind:
            ent = _Entity(kind, display)
            self._add_surface(display, ent)
            if kind == "person" and len(display.split()) > 1:
                self._add_surface(display.split()[-1], ent)
                # and the first word, never taking it from another: a family name comes first in
                # "Lee Ji-hoon", "Tran Minh Quang", "Orbán Viktor", who are then "Lee", "Tran"
                self._add_surface(display.split()[0], ent)
            if kind == "party":
                for form in _party_short_forms(display):
                    self._add_surface(form, ent)
        if title:
            ent.titles.add(_canon_title(title))
        if place:
            ent.places.add(place.lower())
        return ent

    def label_speaker(self, label: str) -> tuple[str, _Entity | None] | None:
        """The speaker of a transcript line: the person the label names ("ORTEGA:"); in an interview
        the "A:" lines are the interviewee's, the person the article named before the first question."""
        if label in ("Q", "A"):
            if not self.interview_started:
                self.interview_started, self.interviewee = True, self.last_person()
            ent = self.interviewee if label == "A" else None
            return (ent.display, ent) if ent is not None else None
        ent = self.surfaces.get(_norm(label))
        return (label, ent) if ent is not None and ent.kind == "person" else None

    def touch(self, ent: _Entity | None) -> None:
        if ent is None:
            return
        if ent in self.recent:
            self.recent.remove(ent)
        self.recent.append(ent)
        del self.recent[:-20]
        if ent.kind == "party":
            self.last_party = ent

    def last_person(self) -> _Entity | None:
        return next((e for e in reversed(self.recent) if e.kind == "person"), None)

    def by_title(self, title: str) -> _Entity | None:
        title = _canon_title(title)
        for ent in reversed(self.recent):
            if ent.kind == "person" and title in ent.titles:
                return ent
        holders = [e for e in self.known if e.kind == "person" and title in e.titles]
        if self.country and len(holders) > 1:
            holders = [e for e in holders if self.country.lower() in e.places] or holders
        return holders[0] if len(holders) == 1 else None  # ambiguous or unknown: unresolved

    def mentions(self, text: str, s: int, e: int) -> list[_Mention]:
        """Mentions in text[s:e], resolved in reading order."""
        raw: list[_Mention] = []
        # known actors and names seen before, by n-grams of words
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, s, e)]
        # joined[j]: how many words follow word j with only spaces between (words separated
        # by punctuation are not one name), counted once instead of for every n-gram.
        joined = [0] * len(toks)
        for j in range(len(toks) - 2, -1, -1):
            if not text[toks[j][1] : toks[j + 1][0]].strip():
                joined[j] = joined[j + 1] + 1
        i = 0
        while i < len(toks):
            hit = None
            # A surface of several words starts with this word (normalised as _norm does), or none does.
            longest = min(self.max_n, len(toks) - i, joined[i] + 1)
            if longest > 1 and toks[i][2].replace("’", "'").lower() not in self.first_words:
                longest = 1
            for n in range(longest, 0, -1):
                ts, te = toks[i][0], toks[i + n - 1][1]
                form = _norm(text[ts:te])
                ent = self.surfaces.get(form)
                if ent is not None and (n > 1 or text[ts].isupper()):
                    hit = (ts, te, ent)
                    break
            if hit:
                raw.append(_Mention(hit[0], hit[1], text[hit[0] : hit[1]], hit[2], "known", 3))
                i += n
            else:
                i += 1
        for m in _PERSON_WITH_TITLE.finditer(text, s, e):
            span = _name_in_run(m)
            if span is None:
                continue
            name = text[span[0] : span[1]]
            first = _norm(name.split()[0])
            if first in _NOT_NAMES or _norm(name) in _NOT_NAMES:
                continue
            place = text[m.start("rest") : span[0]].strip() if m.group("of") else ""
            raw.append(
                _Mention(
                    m.start(), span[1], text[m.start() : span[1]], None, "person:" + m.group("title") + "|" + place, 4
                )
            )
            raw[-1].name_span = span  # type: ignore[attr-defined]
        for m in _APPOSITION.finditer(text, s, e):
            if _norm(m.group("name").split()[0]) not in _NOT_NAMES:
                raw.append(
                    _Mention(m.start(), m.end("name"), m.group("name"), None, "person:" + m.group("title") + "|", 4)
                )
                raw[-1].name_span = m.span("name")  # type: ignore[attr-defined]
        for m in _RIVAL_NAMED.finditer(text, s, e):
            if _norm(m.group("name").split()[0]) not in _NOT_NAMES:
                raw.append(_Mention(m.start(), m.end("name"), m.group(), None, "person:" + m.group("title") + "|", 4))
                raw[-1].name_span = m.span("name")  # type: ignore[attr-defined]
        for m in _PARTY_LEADER_NAMED.finditer(text, s, e):
            if _norm(m.group("name").split()[0]) not in _NOT_NAMES:
                raw.append(_Mention(m.start("name"), m.end("name"), m.group("name"), None, "person:" + m.group("title") + "|", 4))
                raw[-1].name_span = m.span("name")  # type: ignore[attr-defined]
        for m in _TITLE_OF_PLACE.finditer(text, s, e):
            if _norm(m.group("name").split()[0]) not in _NOT_NAMES:
                title, place = m.group("title"), m.group("place")
                raw.append(_Mention(m.start(), m.end("name"), m.group(), None, "person:" + title + "|" + place, 4))
                raw[-1].name_span = m.span("name")  # type: ignore[attr-defined]
        for rx in (_BARE_NAME_BEFORE_VERB, _BARE_NAME_AFTER_VERB, _HONORIFIC):
            for m in rx.finditer(text, s, e):
                name = m.group("name")
                if _norm(name.split()[0]) in _NOT_NAMES or any(
                    _norm(w) in ("party", "government", "ministry") for w in name.split()
                ):
                    continue
                raw.append(_Mention(m.start("name"), m.end("name"), name, None, "person:|", 1))
                raw[-1].name_span = m.span("name")  # type: ignore[attr-defined]
        for m in _TITLE_REF.finditer(text, s, e):
            raw.append(_Mention(m.start(), m.end(), m.group(), None, "title:" + m.group("title"), 2))
        for m in _PRONOUN.finditer(text, s, e):
            raw.append(_Mention(m.start(), m.end(), m.group(), None, "pronoun", 0))
        for m in _EPITHET.finditer(text, s, e):
            raw.append(_Mention(m.start(), m.end(), m.group(), None, "epithet", 0))
        for m in _PARTY_NAMED.finditer(text, s, e):
            words = m.group("name").split()
            while words and _norm(words[0]) in _NOT_NAMES | {"ruling", "opposition", "governing"}:
                words.pop(0)
            if (
                len(words) > 1
                and re.search(r"[’']s$", words[0])
                and _norm(words[0]) not in ("people", "citizen", "worker")
            ):
                words.pop(0)  # "Romania's Reform Union party": the country is not in the name ("People's Party" is)
            if not words:
                continue
            name = " ".join(words) + (" Party" if m.group("word") == "Party" else "")
            raw.append(_Mention(m.start(), m.end(), m.group(), None, "party:" + name, 3))
        for m in _PARTY_WORDS.finditer(text, s, e):
            name = m.group("name")
            if not _NOT_A_PARTY.match(name):
                raw.append(_Mention(m.start(), m.end(), name, None, "party:" + name, 3))
        for m in _PARTY_AFTER_WORD.finditer(text, s, e):
            name = m.group("name")
            if _norm(name.split()[0]) not in _NOT_NAMES and not _TITLE_WORD.match(name.lower()):
                raw.append(_Mention(m.start("name"), m.end(), name, None, "party:" + name, 3))
        for m in _BODY_AFTER_WORD.finditer(text, s, e):
            name = m.group("name")
            if _norm(name.split()[0]) not in _NOT_NAMES:
                raw.append(_Mention(m.start("name"), m.end(), name, None, "named_body:" + name, 3))
        for m in _OFFICE.finditer(text, s, e):
            office = m.group("a") or m.group("b")
            if not re.match(r"(?i)(?:deputy\s+)?prime\b", office):
                raw.append(_Mention(m.start(), m.end(), m.group(), None, "office:" + office, 2))
        for m in _PARTY_OF.finditer(text, s, e):
            raw.append(_Mention(m.start(), m.end(), m.group(), None, "party:" + m.group("name"), 3))
        for m in _PARTY_REF.finditer(text, s, e):
            raw.append(_Mention(m.start(), m.end(), m.group(), None, "partyref", 1))
        for m in _PARTIES.finditer(text, s, e):
            raw.append(_Mention(m.start(), m.end(), m.group(), None, "party:" + _clean_org(m.group()), 3))
        for m in _AGENCY.finditer(text, s, e):
            # "People's Committees": a capitalised possessive before a capitalised noun is part of the name
            body = m.group() if _NAMED_POSSESSIVE.match(m.group()) else m.group("body")
            raw.append(_Mention(m.start(), m.end(), m.group(), None, "body:" + body, 2))
        for m in _BODY.finditer(text, s, e):
            raw.append(_Mention(m.start(), m.end(), m.group(), None, "body:" + m.group("body"), 2))
        # longest, then highest priority, wins an overlap
        raw.sort(key=lambda x: (x.start, -(x.end - x.start), -x.priority))
        kept: list[_Mention] = []
        for m in raw:
            if kept and m.start < kept[-1].end:
                k = kept[-1]
                if m.priority > k.priority and m.end >= k.end:
                    kept[-1] = m
                continue
            kept.append(m)
        for m in kept:
            self._resolve(m)
            if m.how == "name" and _kind(m) == "person" and "governor" in m.entity.titles:
                if _BANK.search(text, max(0, m.start - 400), m.start):  # "The central bank … Governor X"
                    m.entity.titles = (m.entity.titles - {"governor"}) | {"board chairman"}
        for person, party in zip(kept, kept[1:], strict=False):
            if _kind(person) == "person" and _kind(party) == "party" and _OF_PARTY.fullmatch(text, person.end, party.start):
                person.entity.parties.add(party.entity.display)
            elif _kind(person) == "person" and _kind(party) == "party" and _LEADS.fullmatch(text, person.end, party.start):
                person.entity.parties.add(party.entity.display)  # "Martina Kovač leads the opposition Social Alliance"
                person.entity.titles.add("leader")
        return kept

    def _resolve(self, m: _Mention) -> None:
        how = m.how
        if how == "known":
            ent = m.entity
        elif how.startswith("person:"):
            title, place = how[7:].split("|")
            ns, ne = m.name_span  # type: ignore[attr-defined]
            ent = self.introduce("person", m.text[ns - m.start : ne - m.start], title or None, place or None)
            m.how = "name"
        elif how.startswith("title:"):
            ent = self.by_title(how[6:])
            m.how = "title"
        elif how == "pronoun":
            ent = self.last_person()
        elif how == "epithet":  # as a pronoun, unless it names an office the person does not hold
            ent = self.last_person()
            office = _TITLE_WORD.search(m.text)
            if ent is not None and office is not None and _canon_title(office.group()) not in ent.titles:
                ent = None
            m.how = "pronoun"
        elif how.startswith("party:"):
            ent = self.introduce("party", how[6:])
            m.how = "name"
        elif how.startswith("named_body:"):
            ent = self.introduce("body", how[11:])
            m.how = "name"
        elif how.startswith("office:"):
            office = re.sub(r"\s+", " ", how[7:])
            ent = _Entity("person", office[:1].upper() + office[1:], titles={_canon_title(office)})
            m.how = "name"
            m.entity = self.last_office = ent
            return  # an office is not the "he" of the next sentence
        elif how == "partyref":
            ent = self.last_party
            m.how = "ref"
        elif how.startswith("body:"):
            body = re.sub(r"\s+", " ", how[5:])
            ent = self.surfaces.get(_norm(body))
            if ent is None or ent.kind != "body":
                ent = _Entity("body", body[:1].upper() + body[1:])
            m.how = "name"
        else:
            ent = None
        m.entity = ent
        self.touch(ent)


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class Rule:
    """One trigger. ``pattern`` is searched in the sentence; the group ``act`` marks
    where the ordered or promised action starts, ``obj`` (optional) the addressee.
    ``speaker`` says where the speaker comes from: "subject" (the words before the
    trigger, then the attribution), "attribution" (said/noted/according to, or the
    quotation's speaker), "context" (as attribution, else the last person named).
    ``addressee``: "object", "subject" (an organisation before the trigger: "the
    party should"), or "after" (the first organisation after the trigger, else the
    addressee of the previous directive)."""

    name: str
    kind: str
    strength: float
    pattern: re.Pattern
    speaker: str
    addressee: str
    doc: str
    reporting: bool = True  # a reporting verb: "did not instruct" negates it


def _r(rx: str) -> re.Pattern:
    return re.compile(rx)


_OBJ = r"(?P<obj>[^.;:!?“”\"]{1,120}?)"
_ACT = r"(?P<act>[^\W\d_][\w’'\-]*)"
# An action, or nothing before the colon that ends a sentence introducing a list of them.
_ACT_OR_LIST = r"(?P<act>[^\W\d_][\w’'\-]*|(?=:\s*$))"
# Not after a determiner: "the order directs", "said he supported the order but wanted to see" use the noun.
_NOT_AFTER_DETERMINER = r"(?<!\ba )(?<!\ban )(?<!\b(?:the|The|his|her|its|our) )(?<!\b(?:this|that) )(?<!\btheir )"


def _as_verb(verbs: str) -> str:
    """``verbs`` (an alternation) used as a verb: not after a determiner. The lookbehinds are tried only
    where one of the verbs starts, so that they cost nothing elsewhere."""
    return r"\b(?=" + verbs + ")" + _NOT_AFTER_DETERMINER + verbs
# The modals of obligation in a clause reported after "that": "told the mayors that no family is to be left".
_DEONTIC = r"(?:must|shall|should|is\s+to|are\s+to|has\s+to|have\s+to|had\s+to)"
_MODAL = (
    r"(?P<modal>shouldn[’']t|should\s+not|should|mustn[’']t|must\s+not|must|shall|ought\s+to|needs\s+to|need\s+to|"
    r"has\s+to|have\s+to|will\s+have\s+to|is\s+to|are\s+to|is\s+obliged\s+to|are\s+obliged\s+to)"
)
_PROMISE_VERBS = (
    r"build|raise|increase|cut|reduce|lower|introduce|abolish|scrap|create|provide|ensure|guarantee|invest|fund|"
    r"double|halve|triple|restore|protect|expand|extend|freeze|ban|legali[sz]e|nationali[sz]e|privati[sz]e|reform|"
    r"deliver|hire|recruit|train|open|end|stop|fight|tackle|eliminate|eradicate|make|give|pay|return|bring|lift|"
    r"boost|support|strengthen|moderni[sz]e|renovate|repair|plant|connect|subsidi[sz]e|reinstate|repeal|replace|"
    r"set\s+up|establish|launch|offer|allow|cap|exempt|waive|write\s+off|fix|save|defend|secure|achieve|negotiate|"
    r"implement|adopt|pass|enact|equip|employ|slash|close|hold\s+a\s+referendum|not\s+raise|never\s+raise|"
    r"not\s+increase|not\s+cut|not\s+introduce|put|spend|add|upgrade|digiti[sz]e|digitali[sz]e|decentrali[sz]e|"
    r"simplify|index|compensate|clean\s+up|crack\s+down|root\s+out|revive|rebuild|free|welcome|cancel|scale\s+up|"
    r"cover|keep|maintain|remove|halt|resume|finance|reimburse|refund|bring\s+forward|not\s+hesitate\s+to\s+\w+|"
    r"sign|veto|appoint|protect|lift|not\s+allow|never\s+allow|not\s+touch|never\s+touch|not\s+sell|not\s+privati[sz]e|"
    r"finish|complete|send|file|submit|table|renegotiate|audit|publish|declare|govern|take\s+over|push\s+for|refuse|use"
)

_DEADLINE = (
    r"(?:until|till)\s+[\w ,.]{1,30}?|(?:a|an|one|two|three|four|five|six|seven|ten|\d+)\s+(?:more\s+)?"
    r"(?:hours?|days?|weeks?|months?|years?)"
)
# Documents. What a leader signs gives directives ("the decree obliges …"); what parties publish or sign
# makes promises ("the agreement provides for …", "Under the pact, …"). "It" stands for the last one named.
_DIRECTIVE_DOC_NOUNS = r"decree|directive|order|resolution|instructions?|ordinance|circular|regulation|memo"
_PROMISE_DOC_NOUNS = r"manifesto|programme|program|platform|agreement|deal|pact|treaty"
_DOC_NOUN = re.compile(r"\b(?:" + _DIRECTIVE_DOC_NOUNS + "|" + _PROMISE_DOC_NOUNS + r")\b")


def _doc_subject(nouns: str) -> str:
    return (
        r"\b(?P<doc>(?:[Tt]he|[Tt]his|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+(?:[\w\-]+\s+){0,2}?(?:"
        + nouns
        + r")|It)\s+(?:also\s+|further\s+)?"
    )


def _third(*lemmas: str) -> str:
    """The third person singular of each verb: "provide" -> "provides"."""
    return "(?:" + "|".join(_inflect(lemma)[1] for lemma in lemmas) + ")"


# What a document does with its measures: "provides for", "envisages", or the measure itself ("freezes the age").
_PROVIDES = (
    r"provides\s+for|sets\s+out|calls\s+for|rules\s+out|"
    + _third(
        *"envisage envision foresee promise pledge commit include propose guarantee freeze raise cut abolish scrap "
        "introduce cap extend keep double halve ban restore create reduce lower increase".split()
    )
)
_IMPERATIVE_VERBS = (
    r"[Ff]ix|[Gg]et|[Ss]top|[Ss]tart|[Ff]inish|[Cc]omplete|[Ss]ubmit|[Pp]ublish|[Pp]repare|[Cc]lean|[Bb]uild|[Rr]epair|"
    r"[Rr]eopen|[Oo]pen|[Cc]lose|[Rr]emove|[Ii]nvestigate|[Hh]ire|[Dd]eploy|[Ee]vacuate|[Rr]elease|[Pp]rotect|[Rr]estore|"
    r"[Dd]eliver|[Ee]nsure|[Ee]nd|[Rr]aise|[Ll]ower|[Rr]educe|[Cc]ut|[Pp]ay|[Ss]end|[Ii]nvest|[Pp]unish|[Aa]rrest|[Bb]an|"
    r"[Ss]peed\s+up|[Cc]rack\s+down|[Mm]ove"
)

RULES: tuple[Rule, ...] = (
    Rule(
        "called_on",
        "directive",
        0.85,
        _r(r"\bcall(?:s|ed|ing)?\s+(?:up)?on\s+" + _OBJ + r"\s+(?:to|not\s+to)\s+" + _ACT),
        "subject",
        "object",
        "“X called on Y to do Z”: a leader addresses a party or body directly.",
    ),
    Rule(
        "instructed_object",
        "directive",
        0.85,
        _r(
            _as_verb(_verb(*_ORDER_LEMMAS))
            + r"\s+"
            + _OBJ
            + r"\s+(?:(?:to|not\s+to|with)\s+|(?P<that>that)\s+(?:(?:I|we)\s+(?:want|expect)\s+|[^.;:!?“”\"]{0,80}?\b"
            + _DEONTIC
            + r"\s+(?:not\s+)?(?:be\s+)?))"
            + _ACT
        ),
        "subject",
        "object",
        "“X instructed/ordered/tasked/urged/asked/mandated Y to do Z”, also “I am directing Y to”, "
        "“signed an order directing Y to”, “told every mayor that no family is to be left …”, “told the minister that I want every ER staffed …” "
        "(an organisation or official told that something must be done, or what the speaker wants done).",
    ),
    Rule(
        "gave_deadline",
        "directive",
        0.85,
        _r(r"\b(?:gave|give|gives|given)\s+" + _OBJ + r"\s+(?:" + _DEADLINE + r")\s+to\s+" + _ACT),
        "subject",
        "object",
        "“X gave the councils until Friday / a week to do Z”.",
    ),
    Rule(
        "set_target",
        "directive",
        0.8,
        _r(r"\bset\s+" + _OBJ + r"\s+(?:a|the)\s+(?:[\w\-]+\s+)?(?:target|task|goal|deadline)\s+(?:of|to)\s+" + _ACT),
        "subject",
        "object",
        "“X set the government a target of connecting …”, “set the ministry the task to …”.",
    ),
    Rule(
        "want_object",
        "directive",
        0.8,
        _r(
            r"\b(?:(?:I|[Ww]e)\s+(?:want|expect|need|would\s+like|am\s+asking|are\s+asking|ask|urge|call\s+on|instruct|direct|order)|"
            r"wants|wanted|expects|would\s+like)\s+" + _OBJ + r"\s+to\s+" + _ACT
        ),
        "subject",
        "object",
        "“I want the Ministry of Health to set up …” in a leader's words, “Tanaka wants the ministry to …”; "
        "the object must be an organisation or official.",
        reporting=False,
    ),
    Rule(
        "document_mandates",
        "directive",
        0.75,
        _r(
            _doc_subject(_DIRECTIVE_DOC_NOUNS)
            + r"(?:"
            + _third("mandate", "require", "oblige", "order", "instruct", "direct", "tell", "task", "charge", "give")
            + r"|provides\s+for|envisages|calls\s+on)\s+(?:that\s+)?"
            + _ACT
        ),
        "context",
        "after",
        "“The order also mandates that …”, “The decree obliges …”, “It also tasks …”: the leader who signed "
        "it (the last one named) is the speaker.",
        reporting=False,
    ),
    Rule(
        "imperative",
        "directive",
        0.7,
        _r(
            r"\b(?P<act>"
            + _IMPERATIVE_VERBS
            + r")\s+(?:the|a|an|all|every|our|your|people|this|these|those|it|them|[a-z]+s)\b"
        ),
        "attribution",
        "after",
        "“Fix the roads.”: a quoted sentence of a leader that starts with an order verb.",
        reporting=False,
    ),
    Rule(
        "instructed",
        "directive",
        0.8,
        _r(_as_verb(_verb(*_PROPOSE_LEMMAS, forms="finite")) + r"\s+(?:to|that)\s+" + _ACT),
        "subject",
        "after",
        "“the president instructed to review …”, “demanded that akims …”, “proposed to introduce …”, "
        "“proposed that the party set up …” (any verb of the propose/demand family); the addressee "
        "is the first organisation after the trigger, or the previous directive's addressee.",
    ),
    Rule(
        "ordered_noun",
        "directive",
        0.75,
        _r(
            _as_verb(_verb("instruct", "order", "demand", "commission", forms="finite"))
            + r"\s+(?P<act>(?:an?|the)\s+[\w’'\-]+)"
        ),
        "subject",
        "after",
        "“X ordered an investigation / the closure of …”, “used the address to order an audit”.",
    ),
    Rule(
        "called_for",
        "directive",
        0.8,
        _r(r"\bcall(?:s|ed)?\s+for\s+" + _ACT),
        "subject",
        "after",
        "“X called for a radical update of …”.",
    ),
    Rule(
        "gave_instructions",
        "directive",
        0.8,
        _r(
            r"\b(?:gave|give|gives|issued|issues|set|sets)\s+(?:a\s+number\s+of\s+|several\s+|a\s+series\s+of\s+|a\s+|an\s+|the\s+|specific\s+)?"
            r"(?:following\s+)?(?:instructions?|orders?|directives?|directions?|tasks?|assignments?)\s*(?:to\s+"
            + _OBJ
            + r"\s+)?(?:to|on|for|of)?\s*"
            + _ACT_OR_LIST
        ),
        "subject",
        "object",
        "“X gave instructions / set the task to …”; “issued the following directions:” opens a list of them.",
    ),
    Rule(
        "named_task",
        "directive",
        0.8,
        _r(
            r"\b(?:named|identified|defined|designated|called)\s+(?P<act>[^.;!?]{3,300}?)\s+as\s+(?:the|a|one\s+of\s+the|his|her)\s+"
            r"(?:(?:first|main|key|primary|top|priority|most\s+important|important|urgent|paramount|central)\s+)?"
            r"(?:task|tasks|priority|priorities|goal|objective)\b"
        ),
        "subject",
        "after",
        "“X named the strengthening of … as the first task”.",
    ),
    Rule(
        "importance",
        "directive",
        0.75,
        _r(
            # any finite verb (by its ending, or drew/spoke/gave/made), an optional "(particular) attention"
            # and preposition, then the deontic noun: "pointed to the need to", "drew attention to the need to",
            # "spoke about the importance of", "stressed the necessity of"
            r"\b(?!(?:questioned|doubted|denied|rejected|disputed|dismissed|challenged)\b)(?:[a-z]+(?:ed|es)|drew|spoke|gave|made|put)"
            r"\s+(?:also\s+)?(?:(?:special\s+|particular\s+|great\s+)?(?:attention|emphasis|priority)\s+)?(?:to\s+|on\s+|at\s+|of\s+|about\s+)?"
            r"(?:the\s+|also\s+the\s+)(?:[a-z]+\s+)?(?:importance|need|necessity|urgency|expediency|advisability)\s+(?:to|of|for)\s+"
            + _ACT
        ),
        "subject",
        "after",
        "“X stated/stressed the importance to/of …”, “X pointed to / drew attention to the need to …”: "
        "a verb of the speaker, then a deontic noun (need, necessity, importance, urgency) and the action.",
    ),
    Rule(
        "necessary",
        "directive",
        0.7,
        _r(
            r"\b(?:[Ii]t\s+is|[Ii]t[’']s|[Ii]t\s+was|[Ii]t\s+will\s+be|is|was)\s+(?:also\s+|therefore\s+|now\s+|absolutely\s+|extremely\s+)?"
            r"(?:necessary|needed|essential|imperative|vital|crucial|important)\s+(?:for\s+"
            + _OBJ
            + r"\s+)?to\s+"
            + _ACT
        ),
        "attribution",
        "object",
        "“It is necessary to fill …, added Tokayev”; never “necessary to understand/know/note …”.",
        reporting=False,
    ),
    Rule(
        "modal",
        "directive",
        0.7,
        _r(
            r"(?:\s|^)"
            + _MODAL
            + r"(?:,[^,.;:!?“”\"]{1,40},)?\s+(?:also\s+|not\s+|be\s+|now\s+|mainly\s+|primarily\s+|first\s+of\s+all\s+|immediately\s+)*"
            + _ACT
        ),
        "attribution",
        "subject",
        "“the party should/must/will have to …” said by a leader; the subject must be a party, body or official "
        "(“The Ministry shall, within two months, identify …”), else the one addressed (“…,” he said, addressing the "
        "Government), else, for an item of a task list (“First, inflation must …”), the addressee of the list.",
        reporting=False,
    ),
    Rule(
        "passive",
        "directive",
        0.75,
        _r(
            r"\b(?:was|were|has\s+been|have\s+been|had\s+been|is|are|been)\s+(?:also\s+|again\s+)?(?:"
            + _verb(*_ORDER_LEMMAS, forms="participle")
            + r"|called\s+upon)\s+(?:to|with)\s+"
            + _ACT
        ),
        "context",
        "subject",
        "“The government was instructed/tasked/requested to …” (any verb of the order family): the speaker "
        "is the agent (“by X”) or the leader the article is about.",
    ),
    Rule(
        "given_until",
        "directive",
        0.75,
        _r(
            r"\b(?:has|have|had|(?:was|were|has\s+been|have\s+been|had\s+been)\s+given)\s+(?:"
            + _DEADLINE
            + r")\s+to\s+"
            + _ACT
        ),
        "attribution",
        "subject",
        "“City departments have until the end of the month to submit …”, “the regulator was given 30 days to …”: "
        "a deadline set for an organisation, in a leader's words or in a run of the leader's directives.",
        reporting=False,
    ),
    Rule(
        "instructions_given",
        "directive",
        0.75,
        _r(
            r"\b(?:[Ii]nstructions?|[Oo]rders?|[Tt]asks?|[Aa]ssignments?|[Dd]irectives?)\s+(?:were|was|have\s+been|has\s+been|had\s+been)\s+"
            r"(?:also\s+)?(?:given|issued|sent)(?:\s+to\s+(?:" + _OBJ + r"\s+(?:to|on)\s+)?|\s*(?=:\s*$))" + _ACT_OR_LIST
        ),
        "context",
        "object",
        "“Instructions were given to the agency to prepare …” (or with no one named: “… given to open …”): the "
        "nominal passive of an order; the speaker is the leader the article is about. “The following instructions "
        "were issued:” opens a list of them.",
    ),
    Rule(
        "pledged",
        "promise",
        0.85,
        _r(
            r"\b(?P<verb>"
            + _verb(*_PLEDGE_LEMMAS, "agree")
            + r"|commit(?:s|ted|ting)?\s+(?:itself|himself|herself|themselves))"
            r"(?:\s+(?:again|also|repeatedly|publicly|solemnly|firmly))?"
            # an adverbial between the verb and "to": "promised in its manifesto to", "vowed on Saturday to"
            r"(?:,?\s+(?:on|in|at|during|before|after|over|throughout|through|via)\s+(?:[\w’'\-]+\s+){0,4}?[\w’'\-]+,?)?"
            r"\s+(?:voters\s+|citizens\s+|people\s+|the\s+public\s+|residents\s+|you\s+)?"
            r"(?:(?:not|never)\s+to\s+|to\s+|that\s+|(?:this|one\s+thing)\s*:\s*)"
            + _ACT
        ),
        "subject",
        "none",
        "“X pledged/promised/vowed (in its manifesto) to …”, “opened by promising to …”, “I promise you this: …” by a party or "
        "candidate (not “a promise to”); “we pledge to …” in their quoted words; “the parties agreed to …” (parties only); "
        "“the manifesto promises to …” (the party of the article).",
    ),
    Rule(
        "committed_to",
        "promise",
        0.8,
        _r(
            r"\bcommit(?:s|ted|ting)?\s+(?:itself\s+|himself\s+|herself\s+|themselves\s+|"
            r"(?:the|a|an|its|their)\s+(?:[\w\-]+\s+){0,2}?(?:government|cabinet|coalition|alliance|party|administration)\s+)?"
            r"to\s+(?P<act>[a-z]+ing)\b"
        ),
        "subject",
        "none",
        "“X has committed to restoring …”, “the party is committed to building …”, “an agreement that "
        "commits the new government to cutting …”.",
    ),
    Rule(
        "intends",
        "promise",
        0.7,
        _r(
            r"\b"
            + _verb("plan", "aim", "intend", "seek", forms="finite")
            + r"\s+to\s+(?:also\s+)?(?P<act>"
            + _PROMISE_VERBS
            + r")\b"
        ),
        "subject",
        "none",
        "“It plans to freeze …”, “aims to halve …”: a stated intention counts as a promise only when the "
        "subject is a party or a candidate and the action is a policy verb (a government's or company's plans are news).",
    ),
    Rule(
        "will_promise",
        "promise",
        0.7,
        _r(
            r"(?P<subj>\b[\w\-]+)(?:\s+(?:will|shall|would|(?:are|is|am)\s+going\s+to|(?:are|is|am)(?=\s+not\s+going\s+to\b))|"
            r"[’'](?:ll|m\s+going\s+to|re\s+going\s+to))\s+"
            r"(?:also\s+|immediately\s+|definitely\s+|certainly\s+|personally\s+|first\s+)?(?P<act>(?:not\s+going\s+to\s+)?(?:"
            + _PROMISE_VERBS
            + r")|(?:have|get)(?=\s+(?:a|an|free|access)\s))\b"
        ),
        "promise",
        "none",
        "“we will build …” in a party's or candidate's quoted words, “the party will cut …”, "
        "“X said it would raise …”, “every village will have a clinic” in a run of a party's promises; only policy "
        "verbs (never “will rise”, “will take place”).",
        reporting=False,
    ),
    Rule(
        "will_be_done",
        "promise",
        0.7,
        _r(
            r"\b(?:will|shall|would)\s+(?:also\s+|now\s+|finally\s+)?be\s+(?P<act>cut|reduced|raised|increased|abolished|"
            r"scrapped|built|sold|capped|introduced|frozen|lowered|doubled|halved|extended|expanded|restored|created|hired|recruited|"
            r"paid|guaranteed|exempt(?:ed)?|made\s+free|protected|banned|legali[sz]ed|moderni[sz]ed|renovated|repaired)\b"
        ),
        "promise",
        "none",
        "“Electricity bills will be cut by …” in a leader's or party's quoted words, or reported "
        "(“X said taxes would be cut”); never in plain reporting.",
        reporting=False,
    ),
    Rule(
        "rate_will_change",
        "promise",
        0.7,
        _r(
            r"\b(?P<thing>(?:[Ii]ncome\s+|[Cc]orporate\s+|[Pp]roperty\s+|[Ss]ales\s+|[Ff]uel\s+)?(?:tax(?:es)?|VAT|dut(?:y|ies)|lev(?:y|ies)|fees?|"
            r"tariffs?|fares?)|[Pp]ensions?|[Mm]inimum\s+wage|(?:[Cc]hild\s+)?[Bb]enefits?|[Aa]llowances?)\b"
            r"[^,;:.!?“”\"]{0,80}?\b(?:will|shall|would)\s+(?:also\s+|now\s+)?"
            r"(?P<act>fall|drop|go\s+down|come\s+down|rise|go\s+up|increase)\s+(?:to|by|from)\b"
        ),
        "promise",
        "none",
        "“Income tax for people on low pay will fall to 10 percent”, “pensions will rise by …” in a leader's or "
        "party's words (quoted, or reported with “said”): a charge that falls or a payment that rises.",
        reporting=False,
    ),
    Rule(
        "under_own_government",
        "promise",
        0.7,
        _r(
            r"\b(?:will|would|shall)\s+(?:not\s+|never\s+)?(?P<act>[a-z]+)\b[^.;:!?“”\"]{0,60}?\b(?:under|while)\s+(?:"
            r"(?:my|our)\s+(?:[\w\-]+\s+)?(?:government|administration|presidency|leadership|watch)|"
            r"(?:a|any)\s+(?:[\w\-]+\s+)?(?:government|administration)\s+(?:(?:I|we)\s+(?:lead|head)|led\s+by\s+(?:me|us)))\b"
        ),
        "promise",
        "none",
        "“The pension age will not rise under a government I lead”, “… under my presidency”: what a leader or "
        "candidate says will (not) happen under their own government, in their quoted words only.",
        reporting=False,
    ),
    Rule(
        "if_elected",
        "promise",
        0.7,
        _r(
            r"(?<=[“\"])\s*(?:If|Once|When)\s+(?:(?:I\s+am|I[’']m|we\s+are|we[’']re)\s+)?(?:elected|(?:we|I)\s+win)\b"
            r"[^.;:!?“”\"]{0,40}?,\s+[^.;:!?“”\"]{0,60}?\b(?:will|shall|[’']ll)\s+(?:not\s+|never\s+)?(?P<act>[a-z]+)\b"
        ),
        "promise",
        "none",
        "“If elected, our senators will not go home until …”, “Once we win, we will …”: a quoted sentence of a "
        "candidate or party that opens with its election.",
        reporting=False,
    ),
    Rule(
        "is_promised",
        "promise",
        0.7,
        _r(r"\b(?:is|are)\s+(?:also\s+)?promised\s+(?P<act>(?:an?|the|free|new|more|\d)[\w\-]*)\b"),
        "promise",
        "none",
        "“Every district hospital is promised a 24-hour emergency unit”: a measure in the present passive, only "
        "as the continuation of a party's promises (a manifesto summary), never alone.",
        reporting=False,
    ),
    Rule(
        "document_provides",
        "promise",
        0.75,
        _r(_doc_subject(_PROMISE_DOC_NOUNS) + r"(?P<act>" + _PROVIDES + r")\b"),
        "promise",
        "none",
        "“The agreement provides for …”, “It envisages …”, “The manifesto freezes …”: a party's or a coalition's "
        "document states a measure; the party the article is about is the speaker.",
        reporting=False,
    ),
    Rule(
        "document_frame",
        "promise",
        0.7,
        _r(
            r"\b(?:[Uu]nder|[Pp]er|[Aa]ccording\s+to|[Ii]n\s+line\s+with|[Pp]ursuant\s+to)\s+(?:the|this|that|their|its)\s+"
            r"(?:[\w\-]+\s+){0,2}?(?P<doc>" + _PROMISE_DOC_NOUNS + r")\b[^.;:!?“”\"]{0,150}?"
            r"\b(?:will|would|shall|is\s+to|are\s+to|must)\s+(?:also\s+|not\s+|now\s+)?(?:be\s+)?" + _ACT
        ),
        "promise",
        "none",
        "“Under the pact, defence spending is to reach …”, “Under the deal, the government will …”: what a "
        "party's or a coalition's document says will happen.",
        reporting=False,
    ),
    Rule(
        "programme_item",
        "promise",
        0.75,
        _r(r"\s*(?:[-–—•*▪●]|\d{1,2}[.)])\s+(?P<act>\w)"),
        "list",
        "none",
        "An item of a list under a programme/manifesto heading (“Our programme:”, “We promise:”), "
        "or under a directive ending in a colon (it then inherits that directive).",
        reporting=False,
    ),
)

_LIST_ITEM = re.compile(r"\s*(?:[-–—•*▪●]|\d{1,2}[.)])\s+\S")
_PROMISE_HEADING = re.compile(
    r"(?i)\b(?:programme|program|manifesto|platform|pledges?|promises?|commitments?|if\s+elected|"
    r"we\s+will|we\s+promise|we\s+pledge|we\s+commit|our\s+plan|our\s+priorities|will\s+deliver|(?:[\w]+-point\s+)?plan|agenda)\b"
)
_COGNITIVE = re.compile(
    r"(?i)^(?:understand|know|note|remember|realize|realise|recogni[sz]e|admit|say|emphasi[sz]e|stress|mention|"
    r"acknowledge|point|underline|see|think|bear|keep|recall|add|clarify|explain|state|ask|answer|say|learn|believe|"
    r"admit|accept|agree|be|have|consider)\b"
)
_NEGATION_BEFORE = re.compile(
    r"(?i)\b(?:not|never|no\s+longer|n[’']t|refused\s+to|declined\s+to|denied|failed\s+to|could|might|may|would|will|"
    r"if|whether|to|reportedly|allegedly|rumou?red)\s+(?:\w+\s+)?(?:\w+\s+)?$"
)
# An order verb in the passive: "was tasked with", "were instructed to".
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|is|are|being)\s+(?:also\s+|again\s+)?$")
# "used her address to order …", "took the opportunity to urge …": the "to" of a purpose, not of a wish.
_PURPOSE = re.compile(
    r"\b(?:used|uses|took\s+the\s+(?:opportunity|occasion|chance)|moved|went\s+on)\s+(?!to\b)[^.;:“”\"]{0,80}?\bto\s+"
    r"(?:\w+ly\s+)?$"
)
# Already done or only reported as a past fact: "had urged" (past perfect), "Last year, …",
# "In 2019 the party promised …", "in January 2020" (a year before the article's). "Last week"
# and "last month" are the news itself (a directive given last week is reported now), so not.
_PAST_PERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+|also\s+|earlier\s+|already\s+)?$")
_PAST_TIME = re.compile(
    r"\b(?:[Ll]ast\s+(?:year|spring|summer|autumn|fall|winter|decade)|(?:years?|decades?)\s+(?:ago|later)|"
    r"[Pp]reviously|[Ii]n\s+the\s+past|[Ff]ormerly|[Aa]t\s+the\s+time|[Bb]ack\s+then|"
    # a year before the article's: "in 2019", "since May 2019", "the 1996 provincial election"
    r"(?:(?:[Ii]n|[Ss]ince)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?|[Tt]he\s+(?=(?:19|20)\d\d\s+(?:[a-z]+\s+)?"
    r"(?:elections?|campaign|vote|race|polls)\b))(?P<year>(?:19|20)\d\d))\b"
)
# "said she had", "told reporters that he had": a reporting verb right before a past perfect.
_BACKSHIFT = re.compile(
    r"\b(?:said|told\s+[\w ]{1,30}?|added|explained|confirmed|announced)\s+(?:that\s+)?(?:he|she|they|it|we|I|the\s+\w+)\s+$"
)
# A denial reported before the trigger: "denied that she had ordered", "rejected claims that …".
_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|rejected|rejects|dismissed|dismisses|refuted|refutes)\b(?:\s+(?:claims|reports|allegations|suggestions|rumou?rs))?\s+(?:that\b|\w+ing\b)"
)
# "should have acted": a reproach about the past, not an order.
_COUNTERFACTUAL = re.compile(r"(?:should|must|ought\s+to|could|would)\s+(?:not\s+)?have\s+\w+(?:ed|en|ne|lt|wn)\b")
# Titles of people who give directives or make promises; an economist, a resident, a senator
# or a festival director does not (when no actor is known, the title is all there is to go on).
_LEADER_TITLES = {
    "president", "vice president", "prime minister", "premier", "chancellor", "chairman", "governor", "mayor",
    "minister", "secretary", "king", "queen", "emir", "sultan", "leader", "candidate", "akim", "khokim",
    "speaker", "secretary-general", "general secretary", "head of state", "treasurer", "chief minister",
}  # fmt: skip
_FORECAST = re.compile(r"(?i)\b(?:expected|likely|probably|forecast|predicted|projected|analysts?|could|might)\b")
_ATTRIBUTION_AFTER = re.compile(r"(?:^|[,“”\"—–-])\s*(?:also\s+|then\s+|further\s+)?(?:" + _SPEECH + r")\b")
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")
# "X said (that) it would …", "X told a rally in Halifax that she would …", "X said a Labour government would …"
_REPORTED_THAT = re.compile(
    r"\b(?:" + _SPEECH + r"|pledged|promised|vowed|assured|confirmed)\b(?:\s+[^.;:“”\"]{0,60}?\s+that|\s+that)?"
    r"\s+(?:(?:a|an|the|his|her|its|their|our|[A-Z][\w’'\-]*)\s+){0,3}$"
)
# Words that open no action after "to": "assigned officers to the unit" names a place.
_NOT_AN_ACTION = re.compile(
    r"(?i:the|a|an|this|that|these|those|his|her|their|its|our|my|your|each|every|all|some|any|no|such)"
)
# A finite verb of another clause inside the object of an order verb: "told the House the Government
# would introduce a bill … to limit …" reports a promise; its "to" is not the order's.
_CLAUSE_IN_OBJECT = re.compile(r"\b(?:would|will|should|must|shall|could|might|can)\b")
# Heads of state and of government: only a head of state gives them orders (a president instructs
# the prime minister; an opposition leader who "asks the Prime Minister to …" is making a demand).
_HEADS = {"president", "prime minister", "chancellor", "king", "queen", "emir", "sultan"}
_HEADS_OF_STATE = {"president", "king", "queen", "emir", "sultan"}


def _may_direct(speaker: _Entity | None, addressee: tuple[str, _Entity | None] | None) -> bool:
    if speaker is None or addressee is None:
        return True
    text, ent = addressee
    if ent is not None:
        titles = ent.titles if ent.kind == "person" else set()
    else:  # an unresolved title: "asked the Prime Minister to …"
        ref = _TITLE_REF.fullmatch(text.strip())
        titles = {_canon_title(ref.group("title"))} if ref is not None else set()
    return not titles & _HEADS or bool(speaker.titles & _HEADS_OF_STATE)


# Who heads a government, a region or a city, and so speaks for it: "Government will …" in their words is theirs.
_EXECUTIVES = _HEADS | {"governor", "mayor", "chief minister", "akim", "khokim"}
# Nothing, "the" or "this" before the subject, at the start of the quotation or of the sentence.
_BARE_SUBJECT = re.compile(r"(?:^|[“\"]|[.;:]\s)\s*(?:[Tt]he\s+|[Tt]his\s+)?$")
_GOVERNMENT_WORDS = {"government", "administration", "state", "ministers", "party", "cabinet"}
_GOVERNMENT_WORDS |= {"city", "council", "county", "municipality", "province"}  # a mayor's or governor's


# "…, the head of state said, addressing the Government and the regional governors"
_ADDRESSING = re.compile(r"\b(?:addressing|told|telling)\s+")
# An item of a list of tasks given as sentences: "First, inflation must be brought down …"
_ORDINAL = re.compile(
    r"\s*(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Finally|Lastly)(?:ly)?,\s"
)
# The impersonal voice of a meeting's readout: "It was noted that the banks must …" is the chair's.
_IMPERSONAL = re.compile(
    r"\s*(?:[A-Z][^,;:]{0,40},\s*)?[Ii]t\s+was\s+(?:also\s+)?(?:noted|stressed|emphasi[sz]ed|underlined|underscored|"
    r"pointed\s+out|stated|indicated)\s+that\b"
)
# "X chaired the Cabinet's weekly meeting", "presided over a meeting of the Government": what that body
# then orders ("The Cabinet assigned the housing authority to …") the chair orders.
_CHAIRED = re.compile(
    r"\b(?:chaired|chairs|presided\s+over|presides\s+over)\s+(?:the\s+|an?\s+)?(?:[\w\-]+\s+){0,3}?(?:(?:meeting|session)\s+of\s+the\s+)?"
    r"(?P<body>Cabinet|Government|Council\s+of\s+Ministers)\b"
)


def _chair_of_subject(text: str, mentions: list[_Mention], s: int, at: int, disc: _Discourse):
    """The chair of the body that is the subject of an order verb, if the article named one."""
    body = next((x for x in reversed(mentions) if x.end <= at and _kind(x) == "body"), None)
    if body is None or body.start < s or text[body.end : at].strip(" ,").lower() not in ("", "also", "further"):
        return None
    chair = disc.chairs.get(_norm(body.entity.display))
    return (chair.display, chair) if chair is not None else None


# --------------------------------------------------------------------------- finding


# An attribution inside a quoted sentence: “We will,” she said, “build …” (the quotation goes on in lower case).
_SPLIT_QUOTE = re.compile(
    r"(?:,[”\"](?<=\w,[”\"])|[”\"](?<=\w[”\"]))\s+[^“”\"\n]{1,120}?\b(?:" + _SPEECH + r"|asked|replied)\b[^“”\"\n]{0,120}?,\s*[“\"](?=\s*[a-z])"
)


def _rule_view(text: str) -> str:
    """The text the rules read: ``text`` with the attributions that interrupt a quoted sentence blanked
    out (same length, so offsets hold), so that “We will,” she said, “build …” reads “We will build …”."""
    return _SPLIT_QUOTE.sub(lambda m: " " * len(m.group()), text) if "," in text else text


def find_statements(
    text: str, *, on: date | None = None, actors: Sequence[Actor] = (), country: str | None = None
) -> list[Statement]:
    """Directives and promises in ``text``, in reading order, at most one per sentence."""
    if not text:
        return []
    disc = _Discourse(actors, on, country)
    disc.view = _rule_view(text)
    sentences = _sentences(text)
    region_speaker: dict[tuple[int, int], tuple[str, _Entity | None] | None] = {}
    out: list[Statement] = []
    prev_region = None
    groups: list[list[_Sentence]] = []
    for sent in sentences:  # the pieces of one pysbd sentence (a quotation cut in sentences) go together
        if groups and groups[-1][0].base == sent.base:
            groups[-1].append(sent)
        else:
            groups.append([sent])
    for group in groups:
        found_mentions = [disc.mentions(text, sent.start, sent.end) for sent in group]
        for sent in group:
            if sent.region is None and disc.transcript is not None and sent.label is None and not sent.heading:
                sent.region = (sent.start - 1, sent.end + 1)  # a transcript's line is its speaker's quotation
                region_speaker[sent.region] = disc.transcript
            if sent.region is None or sent.region in region_speaker:
                continue
            # the attribution may sit in any piece of the group: “A. B,” Tokayev said.
            found = _attribution(text, sent, [m for ms in found_mentions for m in ms], outside_only=True, disc=disc)
            if sent.label is not None:  # a transcript line: its label is the speaker, never the previous one
                found = disc.label_speaker(sent.label)
            elif found is None and prev_region is not None:
                found = region_speaker.get(prev_region)  # a continuation quotation
            region_speaker[sent.region] = found
            prev_region = sent.region
        for sent, mentions in zip(group, found_mentions, strict=True):
            if not sent.list_item:
                disc.list_intro = None  # a list ends at the first paragraph that is not an item
            quote_speaker = region_speaker.get(sent.region) if sent.region is not None else None
            if not (_FIELD.match(text, sent.start) and sent.end - sent.start < 100 or sent.heading):
                disc.sentence_no += 1  # "Deadline: June 1." between the items of a decree does not end their run
            st = _statement(text, sent, mentions, quote_speaker, disc)
            if disc.transcript is None and sent.region is None:
                disc.transcript = _transcript_of(text, sent, mentions)
            if st is None:
                _open_directive_run(text, sent, mentions, disc)
            else:
                out.append(st)
                who = _speaker_entity(st, disc)
                if st.kind == "directive":
                    disc.last_directive_at, disc.issuer = disc.sentence_no, who
                elif st.speaker_text is not None:
                    disc.last_promise_at, disc.promiser = disc.sentence_no, (st.speaker_text, who)
                if st.kind == "directive" and st.addressee:
                    ent = next((m.entity for m in mentions if m.entity and m.entity.display == st.addressee), None)
                    disc.last_addressee[st.speaker or ""] = (
                        st.addressee_text or st.addressee,
                        ent or _Entity("body", st.addressee, st.addressee_key),
                    )
    return out


# "The following is a transcript of the speech delivered by X", "Below is the full text of X's address".
_TRANSCRIPT = re.compile(
    r"\b(?:[Ff]ollowing|[Bb]elow|[Hh]ere)\s+is\s+(?:a|an|the)\s+(?:full\s+|edited\s+|official\s+|complete\s+)?"
    r"(?:transcript|text)\s+of\s+[^.;:!?“”\"]{0,80}?\b(?:speech|remarks|address|statement)\b"
)


def _transcript_of(text: str, sent: _Sentence, mentions: list[_Mention]) -> tuple[str, _Entity | None] | None:
    """The speaker of the transcript a sentence introduces: the person it names (by or before "speech")."""
    m = _TRANSCRIPT.search(text, sent.start, sent.end)
    if m is None:
        return None
    person = next((x for x in mentions if x.start >= m.start() and _kind(x) == "person" and x.how != "pronoun"), None)
    return (person.entity.display, person.entity) if person is not None else None


# A field of a document reproduced in the text: "Responsible: Prime Minister …", "Deadline: June 1, 2026."
_FIELD = re.compile(r"[A-Z][a-z]+(?:\s+[a-z]+)?:\s")
# "X signed a decree", "X has approved a list of instructions": the orders that follow are X's.
_ISSUES_DOCUMENT = re.compile(
    r"\b(?:signed|approved|issued|published|adopted)\s+(?:a|an|the|his|her)\s+(?:[\w\-]+\s+){0,3}?(?:"
    + _DIRECTIVE_DOC_NOUNS
    + r")\b"
)


def _open_directive_run(text: str, sent: _Sentence, mentions: list[_Mention], disc: _Discourse) -> None:
    """A leader who signs or approves a decree or a list of instructions opens a run of directives
    (see _in_directive_run) whose issuer is that leader, though the sentence itself orders nothing."""
    m = _ISSUES_DOCUMENT.search(text, sent.start, sent.end)
    subj = _subject(text, sent, mentions, m.start()) if m is not None else None
    if subj is not None and subj.entity is not None and _political(subj.text, subj.entity):
        disc.last_directive_at, disc.issuer = disc.sentence_no, subj.entity
    chaired = _CHAIRED.search(text, sent.start, sent.end)
    chair = _subject(text, sent, mentions, chaired.start()) if chaired is not None else None
    if chair is not None and chair.entity is not None and _political(chair.text, chair.entity):
        disc.chairs[_norm(chaired.group("body"))] = chair.entity


def _in_quote(sent: _Sentence, i: int) -> bool:
    r = sent.region
    return r is not None and r[0] < i < r[1]


def _attribution(
    text: str,
    sent: _Sentence,
    mentions: list[_Mention],
    *,
    outside_only: bool,
    disc: _Discourse,
    before: int | None = None,
) -> tuple[str, _Entity | None] | None:
    """The speaker named by "X said", "said X", "according to X", "X said that"."""
    people = [m for m in mentions if m.entity is None or m.entity.kind == "person"]
    people = [
        m
        for m in people
        if m.how in ("name", "title", "pronoun", "known") and (m.entity is None or m.entity.kind == "person")
    ]
    if outside_only:
        people = [m for m in people if not _in_quote(sent, m.start)]
    if before is not None:
        people = [m for m in people if m.start < before]
    if not people:
        return None
    opening = sent.region[0] if sent.region is not None else -1
    for m in people:
        if m.end <= opening and _INTRODUCES_QUOTE.fullmatch(text, m.end, opening):
            return (m.text, m.entity)  # "Dostal, speaking in Ostrava: “…”"
        after = text[m.end : min(sent.base[1], m.end + 40)]
        if re.match(
            r"[’']?\s*(?:,\s*)?(?:also\s+|then\s+|further\s+|has\s+|had\s+|once\s+again\s+)?(?:" + _SPEECH + r")\b",
            after,
        ):
            return (m.text, m.entity)
        pre = text[max(sent.base[0], m.start - 40) : m.start]
        # "said Tokayev." but not "said the governor should …" (there the mention is the reported subject)
        ends_clause = re.match(r"\s*(?:[,.;:!?”\"’)]|$|(?:on|in|at|during|after|before|when|while|who)\b)", after)
        if (
            ends_clause
            and re.search(r"(?:" + _SPEECH + r")\s+(?:also\s+)?$", pre)
            or _ACCORDING.search(pre[-16:] if len(pre) >= 16 else pre)
        ):
            return (m.text, m.entity)
    return None


# Between a speaker and the quotation a colon opens: "Dostal: “", "Dostal, speaking at the meeting: “".
_INTRODUCES_QUOTE = re.compile(r"(?:,[^“”\"\n:]{0,80})?:\s*")
_ASIDE = re.compile(r",\s*(?:who|which|whose|whom|the|a|an|also|a\s+former|currently)\b[^,;“”\"]{0,150},")


def _asides(text: str, s: int, at: int) -> list[tuple[int, int]]:
    """Spans of relative clauses and appositions (", who leads the party,") before ``at``."""
    return [m.span() for m in _ASIDE.finditer(text, s, at)]


def _subject(text: str, sent: _Sentence, mentions: list[_Mention], at: int) -> _Mention | None:
    """The person nearest before ``at`` in the same clause (no quotation mark between)."""
    best = None
    asides = _asides(text, sent.start, at)
    for m in mentions:
        if m.end > at:
            break
        if any(a <= m.start < b for a, b in asides):
            continue  # "Mwila, who leads the party, vowed": the party is not the subject
        between = text[m.end : at]
        if "“" in between or "”" in between or '"' in between or ";" in between:
            continue
        if m.entity is None or m.entity.kind == "person":
            if m.how in ("name", "title", "pronoun", "known"):
                best = m
    if best is not None and _FIRST_PERSON.search(text, best.end, at):
        return None  # "I told the minister … and I've asked …": the speaker's own words
    return best


_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e)\b(?![’'.-])|\b(?:I|[Ww]e)[’'](?:ve|d|ll|m|re)\b")


def _org_in(mentions: list[_Mention], s: int, e: int, disc: _Discourse, *, first: bool = True) -> _Mention | None:
    cands = [
        m
        for m in mentions
        if s <= m.start and m.end <= e and m.entity is not None and m.entity.kind in ("party", "body")
    ]
    cands += (
        [
            m
            for m in mentions
            if s <= m.start and m.end <= e and m.entity is not None and m.entity.kind == "person" and m.how != "pronoun"
        ]
        if not cands
        else []
    )
    if not cands:
        return None
    return cands[0] if first else cands[-1]


def _statement(
    text: str, sent: _Sentence, mentions: list[_Mention], quote_speaker, disc: _Discourse
) -> Statement | None:
    s, e = sent.start, sent.end
    body = text[s:e]
    stripped = body.rstrip(' ”"’»)')
    if sent.heading:
        if len(body.split()) <= 6 and _PROMISE_HEADING.search(body):  # a subhead: "Key pledges", "Our plan"
            disc.list_intro = {"kind": "promise", "who": disc.last_party or disc.last_person(), "who_text": None}
        return None
    if stripped.endswith("?"):
        return None
    if sent.list_item:
        return _list_item(text, sent, mentions, disc)
    best = None
    for rule in RULES:
        if rule.speaker == "list":
            continue
        for m in rule.pattern.finditer(disc.view, s, e):
            res = _apply(rule, m, text, sent, mentions, quote_speaker, disc)
            if res is not None and (best is None or res.confidence > best.confidence):
                best = res
            if res is not None:
                break
    if best is not None and text[s:e].rstrip(' ”"').endswith(":"):
        disc.list_intro = {"kind": best.kind, "speaker": best, "rule": best.rule}
        if len(best.action) < 3:
            return None
    elif best is not None and best.kind == "promise" and (_PROMISE_HEADING.search(body) or _kind_of(best, disc) == "party"):
        # a list right after a party's promise, or a programme's, spells it out: "The party says it would
        # build …" and then "- Rents capped at inflation"
        disc.list_intro = {"kind": best.kind, "speaker": best, "rule": best.rule}
    elif text[s:e].rstrip().endswith(":") and _PROMISE_HEADING.search(text, sent.para_start, e):
        # "The card lists the commitments in order. The first three read:" (the paragraph announces them)
        party = _org_in(mentions, s, e, disc) or None
        who = party.entity if party else (disc.last_party or disc.last_person())
        disc.list_intro = {"kind": "promise", "who": who, "who_text": party.text if party else None}
    return best


def _speaker_entity(st: Statement, disc: _Discourse) -> _Entity | None:
    """The entity that made a statement just found (the most recent one of that name)."""
    return next((x for x in reversed(disc.recent) if x.display == st.speaker), None)


def _kind_of(st: Statement, disc: _Discourse) -> str | None:
    """The kind of the statement's speaker: "person", "party" or "body" (None when unresolved)."""
    ent = _speaker_entity(st, disc)
    return ent.kind if ent is not None else None


def _list_item(text: str, sent: _Sentence, mentions: list[_Mention], disc: _Discourse) -> Statement | None:
    intro = disc.list_intro
    if intro is None:
        return None
    m = RULES[-1].pattern.match(text, sent.start, sent.end)
    if m is None:
        return None
    act_start = m.start("act")
    action = _action(text, act_start, sent.end)
    if len(action.split()) < 2:
        return None
    span_s, span_e = act_start, sent.end
    if "speaker" in intro:
        head: Statement = intro["speaker"]
        addressee = (head.addressee_text, head.addressee, head.addressee_key)
        if head.kind == "directive":  # "- The Ministry of Finance shall transfer …": the item's own addressee
            addressee = _item_addressee(text, act_start, sent.end, mentions) or addressee
        return Statement(
            head.kind,
            text[span_s:span_e],
            span_s,
            span_e,
            head.speaker_text,
            head.speaker,
            head.speaker_key,
            *addressee,
            round(max(0.0, head.confidence - 0.05), 2),
            "list_item:" + head.rule,
            action,
        )
    who: _Entity | None = intro.get("who")
    conf = _confidence(
        0.75, who is not None and (who.key is not None or who.kind == "party" or " " in who.display), False, False
    )
    return Statement(
        "promise",
        text[span_s:span_e],
        span_s,
        span_e,
        intro.get("who_text") or (who.display if who else None),
        who.display if who else None,
        who.key if who else None,
        None,
        None,
        None,
        conf,
        "programme_item",
        action,
    )


_ITEM_MODAL = re.compile(r"\s" + _MODAL + r"\s")


def _item_addressee(text: str, s: int, e: int, mentions: list[_Mention]) -> tuple[str, str, str | None] | None:
    """The organisation or official that is the subject of an obligation in a list item: "The Ministry of
    Finance shall …", "Governors of aimags shall …" (the longer of the named body and the noun phrase)."""
    modal = _ITEM_MODAL.search(text, s, min(e, s + 200))
    if modal is None:
        return None
    at = modal.start()
    org = _org_in(mentions, s, at, None)  # type: ignore[arg-type]
    np = _subject_np(text, s, at)
    if np is not None and (org is None or np.start <= org.start and np.end > org.end):
        org = np
    if org is None or org.entity is None or org.entity.kind == "party":
        return None
    return org.text, org.entity.display, org.entity.key


def _confidence(strength: float, speaker_resolved: bool, addressee_resolved: bool, inferred: bool) -> float:
    """Strength of the trigger, +0.1 for a resolved speaker (known actor or full name),
    +0.05 for a resolved addressee, -0.15 when the speaker is only inferred from
    earlier sentences; clamped to [0, 1]."""
    c = strength + (0.1 if speaker_resolved else 0) + (0.05 if addressee_resolved else 0) - (0.15 if inferred else 0)
    return round(min(1.0, max(0.0, c)), 2)


_TRAILING_ATTRIBUTION = re.compile(
    r"(?:,\s*|\s+[—–-]\s+|[”\"]\s*)(?:[^,”\"]{0,60}?\b(?:"
    + _SPEECH
    + r"|reports?|reported|writes)\b[^,]{0,120}|according\s+to\s+[^,]{0,120})$"
)


def _action(text: str, s: int, e: int) -> str:
    a = text[s:e].strip()
    a = _TRAILING_ATTRIBUTION.sub("", a) if len(a) < 4000 else a
    a = a.strip(' ,.;:“”"’')
    if len(a) > 200:
        cut = a.rfind(" ", 0, 200)
        a = a[: cut if cut > 0 else 200] + "…"
    return a


def _apply(
    rule: Rule, m: re.Match, text: str, sent: _Sentence, mentions: list[_Mention], quote_speaker, disc: _Discourse
) -> Statement | None:
    s, e = sent.start, sent.end
    at = m.start()
    # filters ------------------------------------------------------------
    if rule.reporting and _NEGATION_BEFORE.search(text[max(s, at - 40) : at]) and not _PURPOSE.search(text, s, at):
        return None
    if _done_or_denied(text, s, at, m.end(), disc.on):
        return None
    act = m.group("act")
    if _NOT_AN_ACTION.fullmatch(act) and text.endswith("to ", 0, m.start("act")):
        return None  # "assigned two officers to the unit": a place, not an order
    if m.groupdict().get("obj") and _CLAUSE_IN_OBJECT.search(m.group("obj")):
        return None  # "told reporters the government would … to": the "to" belongs to another clause
    if rule.name == "instructed_object" and _PASSIVE_BEFORE.search(text, max(s, at - 30), at):
        return None  # "X was tasked with setting up a task force to stop …": the passive rule reads it
    if rule.name in ("pledged", "committed_to", "intends") and not _verb_position(text, s, at, mentions):
        return None  # "a bunch of promises that", "the promised reforms": a noun, not a pledge
    if rule.name == "imperative" and not (
        _in_quote(sent, at) and not text[max(s, sent.region[0] + 1) : at].strip(' “"„«')
    ):
        return None  # an order verb opening a quoted sentence, nothing else
    if m.groupdict().get("doc") == "It" and _last_document_kind(text, s) != rule.kind:
        return None  # "It envisages …" after a manifesto; not after a company's plan
    if rule.name == "modal" and _COUNTERFACTUAL.match(text, m.start("modal")):
        return None
    if rule.name == "necessary" and _COGNITIVE.match(act):
        return None
    if rule.name in ("modal",) and _COGNITIVE.match(act) and act.lower() not in ("be", "have"):
        return None
    quoted = _in_quote(sent, at)
    inferred = False
    addressee: tuple[str, _Entity | None] | None = None
    if rule.kind == "promise":
        speaker = _promise_speaker(rule, m, text, sent, mentions, quote_speaker, quoted, disc)
        if speaker is None:
            return None
        sp_text, sp_ent = speaker
    else:
        # speaker ----------------------------------------------------------
        speaker: tuple[str, _Entity | None] | None = None
        if rule.speaker == "subject":  # in a quotation, a third-person subject first ("the mayor told …")
            subj = _subject(text, sent, mentions, at)
            if subj is not None and (not quoted or _in_quote(sent, subj.start)):
                speaker = (subj.text, subj.entity)
        if speaker is None:
            speaker = quote_speaker if quoted else _attribution(text, sent, mentions, outside_only=True, disc=disc)
        if speaker is None and rule.speaker == "subject":  # "The Cabinet assigned …" at a meeting X chaired
            speaker = _chair_of_subject(text, mentions, s, at, disc)
        if speaker is None and (
            rule.speaker == "context"
            or rule.speaker == "attribution"
            and not quoted
            and (_IMPERSONAL.match(text, s, e) is not None or _in_directive_run(text, sent, disc))
        ):
            in_run = disc.issuer is not None and disc.sentence_no - disc.last_directive_at <= 2
            ent = disc.issuer if in_run else disc.last_person()
            if rule.speaker == "attribution" and any(x.entity is ent for x in mentions):
                ent = None  # "… and the governor should campaign for it": about the leader, not by her
            if ent is not None:
                speaker, inferred = (ent.display, ent), True
        if speaker is None:
            return None
        sp_text, sp_ent = speaker
        if sp_ent is not None and sp_ent.kind != "person":
            return None  # a party, body or outlet does not issue directives
        if sp_ent is None and sp_text.lower() in ("he", "she", "him", "her", "his"):
            return None
        if not _political(sp_text, sp_ent):
            return None
        # addressee ----------------------------------------------------------
        if rule.addressee == "object" and "obj" in m.groupdict() and m.group("obj"):
            org = _org_in(mentions, m.start("obj"), m.end("obj"), disc)
            if org is not None:
                addressee = (org.text, org.entity)
            elif m.group("obj") in ("him", "her") and disc.last_office is not None:
                addressee = (m.group("obj"), disc.last_office)  # "he told her that …": the official named last
            elif rule.name in ("necessary", "want_object") or m.groupdict().get("that"):
                return None  # "told reporters that …": only an organisation or official is ordered
            else:
                addressee = (m.group("obj"), None)
        elif rule.addressee == "subject":
            clause_start = s
            for c in re.finditer(r"\bthat\b|[;:“\"]|\b[Tt]herefore\b|\b(?:" + _SPEECH + r")\b", text[s:at]):
                clause_start = s + c.end()
            org = _org_in(mentions, clause_start, at, disc)
            if org is None or org.entity is None:
                org = _subject_np(text, clause_start, at)
            if org is None or org.entity is None:
                # "“Prices must not grow …,” the head of state said, addressing the Government"
                to = _ADDRESSING.search(text, at, e)
                org = _org_in(mentions, to.end(), e, disc) if to is not None else None
                org = org if _kind(org) in ("party", "body") else None
            if org is None and _ORDINAL.match(text, s) and sp_ent is not None and sp_ent.display in disc.last_addressee:
                org = _Mention(s, s, *disc.last_addressee[sp_ent.display], "name")  # "First, inflation must …"
            if org is None or org.entity is None:
                return None
            if org.entity.kind == "person" and org.entity is sp_ent:
                return None
            addressee = (org.text, org.entity)
        if addressee is None:
            # from the start of the action: in "demanded that akims oversee …" the addressee opens it
            org = _org_in(mentions, m.start("act"), e, disc)
            if org is not None and org.entity is not None and org.entity.kind in ("party", "body"):
                addressee = (org.text, org.entity)
            elif (sp_ent.display if sp_ent else sp_text) in disc.last_addressee:
                addressee = disc.last_addressee[sp_ent.display if sp_ent else sp_text]
            elif disc.last_party is not None:
                addressee = ("the party", disc.last_party)
        if not _may_direct(sp_ent, addressee):
            return None
    # the statement ------------------------------------------------------
    qs, qe = s, e
    if sent.region is not None:
        rs, re_ = sent.region
        if rs < at < re_ and disc.view[s:e] == text[s:e]:  # a split quotation is quoted whole
            qs, qe = max(s, rs + 1), min(e, re_)
    while qs < qe and text[qs] in ' “"„«':
        qs += 1
    while qe > qs and text[qe - 1] in ' ,”"»':
        qe -= 1
    if qs == sent.para_start:  # "NAIROBI, Kenya (Wire) — " is the dateline, not the statement
        d = _DATELINE.match(text, qs, qe)
        qs = d.end() if d is not None and d.end() < at else qs
    if qe <= qs:
        return None
    action = _action(text, m.start("act"), min(e, qe if qe > m.start("act") else e))
    sp_resolved = sp_ent is not None and (sp_ent.key is not None or len(sp_ent.display.split()) > 1)
    ad_ent = addressee[1] if addressee else None
    conf = _confidence(rule.strength, sp_resolved, ad_ent is not None, inferred)
    return Statement(
        kind=rule.kind,
        quote=text[qs:qe],
        start=qs,
        end=qe,
        speaker_text=sp_text,
        speaker=sp_ent.display if sp_ent else (sp_text if _looks_like_name(sp_text) else None),
        speaker_key=sp_ent.key if sp_ent else None,
        addressee_text=addressee[0] if addressee else None,
        addressee=ad_ent.display if ad_ent else (_clean_org(addressee[0]) if addressee else None),
        addressee_key=ad_ent.key if ad_ent else None,
        confidence=conf,
        rule=rule.name,
        action=action,
    )


# Words right before a verb of commitment: a pronoun subject, an auxiliary ("the party is committed to …"), an adverb.
_PRE_VERB = set(
    "he she it they we i who which that has have had is are was were also and publicly repeatedly again "
    "already then once solemnly firmly personally today yesterday".split()
)


def _promise_speaker(
    rule: Rule,
    m: re.Match,
    text: str,
    sent: _Sentence,
    mentions: list[_Mention],
    quote_speaker,
    quoted: bool,
    disc: _Discourse,
) -> tuple[str, _Entity | None] | None:
    """Who promises: the party or person before "pledged"; for "will": the party
    that is the subject, or the quotation's speaker for "we/I will", or the reporter
    of "said it would" when that is a party or a person."""
    found = _promiser(rule, m, text, sent, mentions, quote_speaker, quoted, disc)
    return found if found is not None and _political(*found) else None


def _promiser(
    rule: Rule,
    m: re.Match,
    text: str,
    sent: _Sentence,
    mentions: list[_Mention],
    quote_speaker,
    quoted: bool,
    disc: _Discourse,
) -> tuple[str, _Entity | None] | None:
    s, at = sent.start, m.start()
    if rule.name in ("under_own_government", "if_elected"):
        return quote_speaker if quoted else None
    if rule.name == "is_promised":
        return None if quoted else _continued_promise(text, sent, disc)
    if rule.name in ("document_provides", "document_frame"):
        if not _PARTY_DOCUMENT.search(text, max(0, s - 2000), m.end()):
            return None  # "Under the agreement, Gazprom will supply …": a contract, not a coalition's pact
        return _party_of_clause(text, s, m.end("doc"), disc)
    if rule.name in ("pledged", "committed_to", "intends"):
        if quoted:  # "We pledge to …" in a party's or candidate's words
            return quote_speaker if re.search(r"\b(?:[Ww]e|I)\s+(?:\w+\s+)?$", text[s:at]) else None
        subj = _nearest_actor(text, mentions, s, at)
        if subj is None:
            return _party_of_clause(text, s, at, disc)
        weak = rule.name == "intends" or (m.groupdict().get("verb") or "").startswith("agree")
        if weak and not (subj.entity.kind == "party" or "candidate" in subj.entity.titles):
            return None  # "the minister plans to …", "the president agreed to …": not a campaign promise
        return (subj.text, subj.entity)
    if _FORECAST.search(text[max(s, at - 60) : m.end()]):
        return None
    if rule.name in ("will_be_done", "rate_will_change"):
        if rule.name == "rate_will_change" and (m.group("thing").lower() in _PAYMENTS) != (m.group("act") in _UPWARD):
            return None  # a charge that rises or a payment that falls is news, not a promise
        if quoted:
            return quote_speaker
        said = next(reversed(list(re.finditer(r"\b(?:" + _SPEECH + r")\b", text[s:at]))), None)
        subj_m = _nearest_actor(text, mentions, s, s + said.start() + 1) if said is not None else None
        if subj_m is not None:
            return (subj_m.text, subj_m.entity)
        return _reporter_after(text, mentions, m.end(), sent.end) or _continued_promise(text, sent, disc)
    subj, subj_at = m.group("subj").lower(), at
    led = _LED_BY.search(text, max(s, at - 60), m.end("subj"))
    if led is not None:  # "a government led by him would …": the government is the subject
        subj, subj_at = led.group("gov").lower(), led.start("gov")
    if quoted:  # "we will …", "our government will …", "the first law we pass will …" in the speaker's own words
        own = subj in ("we", "i") or _OWN_SUBJECT.search(text, max(s, at - 60), m.end("subj")) is not None
        own = own or _NO_ONE.search(text, max(s, at - 40), m.start("subj")) is not None  # "No family will pay …"
        if subj in _GOVERNMENT_WORDS and not own and quote_speaker is not None and quote_speaker[1] is not None:
            # "A New Future government would …" said by one of that party
            party = next((x for x in mentions if 0 < subj_at - x.end <= 1 and _kind(x) == "party"), None)
            own = party is not None and party.entity.display in quote_speaker[1].parties
            # "Government will deliver …", "the city will …" said by the one who heads it
            heads_it = bool(quote_speaker[1].titles & _EXECUTIVES)
            own = own or heads_it and _BARE_SUBJECT.search(text, s, subj_at) is not None
        return quote_speaker if own and quote_speaker is not None else None
    at = subj_at
    # the subject's own mention; "a government led by the alliance" is a government, not the alliance
    org = None if led else next((x for x in mentions if x.end == m.end("subj") and x.entity is not None), None)
    if subj in _GOVERNMENT_WORDS and _REPORTED_THAT.search(text, s, at) is None:
        # "A Forward government would …" (unreported): the party's government; reported ("X said
        # a Labour government would …"), the reporter is the speaker, below
        org = next((x for x in mentions if 0 < m.start("subj") - x.end <= 1 and x.entity is not None), org)
    if subj == "and":  # "X said President Y had delivered … and would complete …": Y's
        subj_m = _nearest_actor(text, mentions, s, at)
        return (subj_m.text, subj_m.entity) if subj_m is not None else None
    if org is not None and (org.entity.kind == "party" or "candidate" in org.entity.titles):
        if re.search(r"\b(?:polls?|surveys?|expected|likely|predict\w*|forecast\w*|suggest\w*)\b", text[s:at], re.I):
            return None
        return (org.text, org.entity)
    if subj in ("it", "they", "he", "she", "we") or subj in _GOVERNMENT_WORDS:
        # only reported: "X said it would …", "X told MPs that the government would …"
        rep = _REPORTED_THAT.search(text, s, at)
        if rep is None:  # "Under the deal, the new government will …": the parties of the deal
            frame = _DOCUMENT_FRAME.match(text, s, at)
            if frame is not None and not _gives_directives(frame.group("doc")) and subj in _GOVERNMENT_WORDS:
                return _party_of_clause(text, s, at, disc)
            # "The state will compensate …, Dostal pledged": the reporter comes after a clause that opens
            # the sentence (not "Asked how she would pay for it, X said …")
            if frame is None and _SENTENCE_OPENING.fullmatch(text, s, at):
                return _reporter_after(text, mentions, m.end(), sent.end) or _continued_promise(text, sent, disc)
            return None
        subj_m = _nearest_actor(text, mentions, s, rep.start() + 1)
        return (subj_m.text, subj_m.entity) if subj_m is not None else None
    if _OUR.search(text, max(s, at - 30), at) or _EVERY.fullmatch(text, s, at):
        # "On day one, our senators will file …", "Every village will have …" after a party's promises
        return _continued_promise(text, sent, disc)
    return None


_NO_ONE = re.compile(r"(?:^|[“\"])\s*(?:No|Every|Each)\s+(?:[\w\-]+\s+)?$")
_OUR = re.compile(r"\b[Oo]ur\s+(?:[\w\-]+\s+)?$")
_EVERY = re.compile(r"(?:Every|Each|All)\s+(?:[\w\-]+\s+){0,2}")


# "a government led by him would …", "an administration headed by us will …"
_LED_BY = re.compile(
    r"\b(?P<gov>government|administration|cabinet|coalition)\s+(?:led|headed|formed|run)\s+by\s+(?:[\w’'\-]+\s+){0,2}[\w’'\-]+$"
)
# A subject that is the speaker's own: "our (new) government", "the first law we pass", "a government led by us".
_OWN_SUBJECT = re.compile(
    r"(?:\b(?:[Oo]ur|[Mm]y|[Tt]his)\s+(?:[\w\-]+\s+){0,2}(?:government|administration|cabinet|party|ministers|city|council)"
    r"|\b(?:we|I)\s+[a-z]+|\bby\s+(?:us|me))$"
)
# The words before the subject of a sentence's first clause: a live blog's time, a determiner, two modifiers.
_SENTENCE_OPENING = re.compile(
    r"(?:\d{1,2}[:.]\d{2}\s+)?(?:(?:The|A|An|Our|This|Its|Their|Every|All)\s+(?:[a-z][\w\-]*\s+){0,2})?"
)
_PAYMENTS = {"pension", "pensions", "minimum wage", "benefit", "benefits", "child benefit", "child benefits"}
_PAYMENTS |= {"allowance", "allowances"}
_UPWARD = {"rise", "go up", "increase"}
# A person reporting the clause from behind it: "…, Dostal pledged at a press conference", "…, said Lund".
_REPORTER_VERB = re.compile(r"\s+(?:also\s+)?(?:" + _SPEECH + r"|pledged|promised|vowed|assured)\b")


def _continued_promise(text: str, sent: _Sentence, disc: _Discourse) -> tuple[str, _Entity | None] | None:
    """The promiser of an unattributed "It would also scrap …", "VAT would be cut to zero" right after
    a promise (within two sentences, as a summary of a manifesto goes on), unless someone else speaks."""
    if disc.promiser is None or disc.sentence_no - disc.last_promise_at > 2:
        return None
    return None if _ANY_REPORTER.search(text, sent.start, sent.end) else disc.promiser


def _reporter_after(text: str, mentions: list[_Mention], after: int, end: int) -> tuple[str, _Entity | None] | None:
    for x in mentions:
        if x.start < after or x.start >= end or _kind(x) != "person" or x.how == "pronoun":
            continue
        if "," not in text[after : x.start] and "—" not in text[after : x.start]:
            continue
        if _REPORTER_VERB.match(text, x.end) or re.search(r"\b(?:" + _SPEECH + r")\s+$", text[max(after, x.start - 30) : x.start]):
            return (x.text, x.entity)
    return None


# A document of parties: a manifesto or programme, or an agreement the article calls a coalition's or parties'.
_PARTY_DOCUMENT = re.compile(r"\b(?:manifesto|programme|program|platform|coalition|parties)\b")
_PROMISE_DOC = re.compile(r"(?i)\b(?:manifesto|programme|program|platform|agreement|deal|pact|resolution|document)\b")


def _party_of_clause(text: str, s: int, at: int, disc: _Discourse) -> tuple[str, _Entity | None] | None:
    """The party behind a commitment whose subject is not an actor: "It plans to …", "They
    vowed to …" (the party the article is about), "The manifesto promises to …", "Under the
    deal, …" (a party's document)."""
    party = disc.last_party
    if party is None:
        return None
    before = text[s:at]
    if re.fullmatch(r"\s*(?:It|They)(?:\s+(?:also|now))?\s*", before) or _PROMISE_DOC.search(before):
        return (party.display, party)
    return None


# Officials and organisations named by a common noun: the subject of "Municipal managers who
# fail … must be held accountable", "Under the decree, regional khokims are required to …".
_SUBJECT_NP = re.compile(
    r"(?:^|,)\s*(?P<np>(?:[Tt]he\s+|[Aa]ll\s+|[Ee]very\s+|[Ee]ach\s+|[Oo]ur\s+)?(?:[A-Za-z][\w\-’']*\s+){0,3}?(?:"
    + _ROLE_NOUNS
    + "|"
    + _UNIT_NOUNS
    + ")"
    + r"(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Za-z][\w\-’']*\s+){0,4}?[\w\-’']+)?)\b(?:\s+(?:who|that|which)\b[^,;:]*)?\s*$"
)


def _subject_np(text: str, start: int, at: int) -> _Mention | None:
    start = max(start, at - 300)  # bounded: a subject is a few words, and time stays linear
    np = _SUBJECT_NP.search(text[start:at])  # a slice, so that ``^`` is the clause start
    if np is None:
        return None
    return _Mention(
        start + np.start("np"),
        start + np.end("np"),
        np.group("np"),
        _Entity("body", _clean_org(np.group("np"))),
        "name",
    )


# The opening of a sentence that reports the content of a signed document: "Under the decree, …",
# "Per the directive, …", "In accordance with the resolution, …".
_DOCUMENT_FRAME = re.compile(
    r"\s*(?:[Uu]nder|[Pp]er|[Aa]ccording\s+to|[Ii]n\s+accordance\s+with|[Ii]n\s+line\s+with|[Pp]ursuant\s+to|[Bb]y)\s+"
    r"(?:the|this|that|his|her|its|a)\s+(?:[\w\-]+\s+){0,2}?(?P<doc>"
    + _DIRECTIVE_DOC_NOUNS
    + "|"
    + _PROMISE_DOC_NOUNS
    + r"|document|plan)\b"
)
_ANY_REPORTER = re.compile(
    r"\b(?:" + _SPEECH + r"|argued?|argues|believes?|believed|thinks?|thought|says|claimed|suggested)\b"
)


def _gives_directives(doc: str) -> bool:
    """Does a document of this name give directives (a decree, an order), rather than make promises?"""
    return re.fullmatch(_DIRECTIVE_DOC_NOUNS, doc) is not None


def _last_document_kind(text: str, before: int) -> str | None:
    """The kind of statement the last document named before ``before`` makes: a decree gives
    directives, a manifesto or an agreement makes promises."""
    named = _DOC_NOUN.findall(text, max(0, before - 1000), before)
    if not named:
        return None
    return "directive" if _gives_directives(named[-1]) else "promise"


_DOCUMENT_SAYS = re.compile(
    r"\b(?:according\s+to\s+(?:the|this|that|his|her|an?)\s+(?:[\w\-]+\s+){0,2}?(?P<doc>"
    + _DIRECTIVE_DOC_NOUNS
    + "|"
    + _PROMISE_DOC_NOUNS
    + r")|(?:the|this|that|his|her)\s+(?P<doc2>"
    + _DIRECTIVE_DOC_NOUNS
    + "|"
    + _PROMISE_DOC_NOUNS
    + r")\s+(?:says|said|states|stated|reads))\b"
)


def _in_directive_run(text: str, sent: _Sentence, disc: _Discourse) -> bool:
    """May an unattributed obligation ("the ministry shall …", "the government is to …") be the
    leader's? Yes when the sentence reports a decree ("Under the decree, …") or follows, within
    two sentences, a directive the article has just reported (a summary of an address or a decree
    lists its orders one after another without repeating who gave them)."""
    frame = _DOCUMENT_FRAME.match(text, sent.start, sent.end)
    if frame is not None:  # "Under the decree, …"; "According to the document, …" is the last one named
        doc = frame.group("doc")
        if doc in ("document", "plan"):
            return _last_document_kind(text, sent.start) == "directive"
        return _gives_directives(doc)
    says = _DOCUMENT_SAYS.search(text, sent.start, sent.end)
    if says is not None:  # "…, the decree says", "…, according to the order"
        return _gives_directives(says.group("doc") or says.group("doc2"))
    if _ANY_REPORTER.search(text, sent.start, sent.end):
        return False  # "Analysts said the government should …": someone else is speaking
    return disc.sentence_no - disc.last_directive_at <= 2


def _political(text: str, ent: _Entity | None) -> bool:
    """Can this speaker give a directive or make a promise? A party, a known actor, a person
    with a leader's title, or an unresolved title ("the King", "the president")."""
    if ent is None:
        return bool(_TITLE_REF.search(text))
    if ent.kind == "party" or ent.key is not None:
        return True
    return ent.kind == "person" and bool(ent.titles & _LEADER_TITLES)


def _done_or_denied(text: str, s: int, at: int, end: int, on: date | None) -> bool:
    """A trigger in the past perfect, after a past time ("Last year, …", "In 2019 …") or after a
    denial ("denied that he had ordered …"): reported, not made. The past perfect of reported
    speech ("Lund said she had asked the regulator to …") is only the tense shifted back: news."""
    perfect = _PAST_PERFECT.search(text, max(s, at - 30), at)
    if perfect is not None and not _BACKSHIFT.search(text, max(s, perfect.start() - 60), perfect.start()):
        return True
    if _DENIAL.search(text, s, at):
        return True
    for t in _PAST_TIME.finditer(text, s, end):
        year = t.group("year")
        if year is None or (on is not None and int(year) < on.year):
            return True
    return False


def _clean_org(t: str) -> str:
    """ "the National Treasury" -> "National Treasury", "regional administrations" -> "Regional administrations"."""
    t = re.sub(r"^(?:the|The|all|All|every|Every|its|his|her|their)\s+", "", re.sub(r"\s+", " ", t.strip()))
    return t[:1].upper() + t[1:]


_DATELINE = re.compile(
    r"[A-ZÀ-Þ][A-ZÀ-Þ .'’\-]{2,40}(?:,[^—–\n]{1,40}?)?\s*(?:\([^)\n]{1,40}\)\s*)?[—–]\s+"
    r"|\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\s*[—–-]?\s+(?=[A-Z“\"])"  # a live blog's time: "16:40 Prime Minister …"
)
_NOT_ADDRESSEES = {"visitors", "people", "residents", "citizens", "customers", "passengers", "fans", "tourists"}


def _kind(m: _Mention | None) -> str | None:
    return m.entity.kind if m is not None and m.entity is not None else None


def _nearest_actor(text: str, mentions: list[_Mention], s: int, at: int) -> _Mention | None:
    """The nearest person or party before ``at`` (pronouns resolved), not across a quotation,
    not inside an aside, unless the aside is the only place an actor is named: in "Ghana's
    main opposition party, the Progressive People's Congress, promised" it names the subject."""
    best = apposed = None
    asides = _asides(text, s, at)
    for x in mentions:
        if x.end > at:
            break
        if x.entity is not None and x.entity.kind in ("person", "party"):
            # "…, whose leader, Giulia Pinna, vowed": the title is in the aside, the name after it
            at_name = getattr(x, "name_span", (x.start,))[0]
            aside = next(((a, b) for a, b in asides if a <= x.start < b and a <= at_name < b), None)
            if aside is None:
                best = x
            elif re.match(r",\s*(?:the|a|an)\b", text[aside[0] : aside[1]]) and not _TRAILING_TIME.sub(
                "", text[aside[1] : at]
            ).strip(" ,"):
                apposed = x  # an apposition right before the verb
    best = best or apposed
    if best is not None and best.entity.kind == "party":
        prev = next((x for x in reversed(mentions) if x.end <= best.start and x.start >= s), None)
        if _kind(prev) == "person" and best.entity.display in prev.entity.parties:
            best = prev  # "Lee Ji-hoon of the opposition New Future Party vowed": the person vowed
    if best is not None and any(c in text[best.end : at] for c in '“”";'):
        return None
    return best


# Between a person and the party named after them: "Lee Ji-hoon of the opposition ", "Park, from the ruling ".
_OF_PARTY = re.compile(r",?\s+(?:of|from)\s+(?:the\s+|his\s+|her\s+)?(?:[a-z][a-z\-]*\s+){0,2}")
# Between a person and the party they lead: "Kovač leads the opposition ", "X, who heads the ruling "
_LEADS = re.compile(r"\s+(?:also\s+)?(?:leads|heads)\s+(?:the\s+|his\s+|her\s+)?(?:[a-z][a-z\-]*\s+){0,2}")


def _verb_position(text: str, s: int, at: int, mentions: list[_Mention]) -> bool:
    """Is the word at ``at`` a verb? True after a subject (a mention or a pronoun) or
    an auxiliary; "a promise to", "of promises that" are nouns."""
    before = _TRAILING_TIME.sub("", text[max(s, at - 200) : at]).rstrip(" ,")
    before_end = max(s, at - 200) + len(before)
    if any(m.end == before_end for m in mentions):
        return True
    aside = next((a for a in _asides(text, max(s, at - 200), at) if a[1] >= before_end), None)
    if aside is not None:  # "Lee, a former governor of Gyeonggi province, also committed to …"
        subject_end = len(text[: aside[0]].rstrip(" ,"))
        if any(m.end == subject_end for m in mentions):
            return True
    w = re.search(r"([\w’']+)$", before)
    if w is not None and text[at : at + 20].split(" ", 1)[0].endswith("ing"):
        # a participle clause: "opened by promising to …", "after vowing to …", "…, promising to …"
        return w.group(1).lower() in ("by", "after", "while", "before", "when", "and") or text[s:at].rstrip().endswith(
            ","
        )
    # after a subject, or a party's document ("the manifesto promises to …")
    return bool(w) and (w.group(1).lower() in _PRE_VERB or bool(_PROMISE_DOC.fullmatch(w.group(1))))


# A time adjunct between a subject and its verb: "the party, on Saturday, promised", "X last week vowed".
_TRAILING_TIME = re.compile(
    r"(?:,?\s*(?:on\s+[A-Z][a-z]+day|(?:last|this|earlier\s+this|on)\s+(?:week|month|weekend|[A-Z][a-z]+)|"
    r"today|yesterday|tonight|earlier|again|also|now|once\s+more)\s*,?)+\s*$"
)


def _looks_like_name(t: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){1,3}", t)) and _norm(t.split()[0]) not in _NOT_NAMES
