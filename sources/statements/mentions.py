"""Who each sentence mentions: people, parties and bodies, found in the parse.

People come from runs of proper nouns with a title before or in apposition to the name ("Prime
Minister Shehbaz Sharif", "President of Kazakhstan Kassym-Jomart Tokayev", "Peter Dutton, leader of
the coalition"), or in a speaker's place (a subject, "X's", "by X"); parties and bodies from runs
holding a party or government word; a title alone, a pronoun, "the party" and a person described
but not named are mentions too. Each is resolved against the article so far (discourse.py)."""

from __future__ import annotations

from . import lexicon
from .discourse import BODY, HONORIFICS, NOT_NAMES, PARTY, PERSON, Discourse, Mention, norm

_NAME_TAGS = frozenset(("NNP", "NNPS"))
_COPULAS = frozenset("be is are was were 's been being".split())
# Words that make a run of capitalised words a thing, not a person's name.
_THING_WORDS = frozenset(
    "ministry agency party council committee bank company university association union office commission "
    "service department government parliament assembly court congress front alliance coalition bloc movement "
    "league rally program programme plan project fund scheme initiative act law bill day week house palace city "
    "region province district street square centre center institute foundation group corporation organisation "
    "organization forum summit conference federation republic kingdom state states nation nations army police "
    "news times post agency television tv radio".split()
)


def read(discourse: Discourse, doc) -> list[Mention]:
    """The mentions of a sentence, resolved in reading order against what the article said before."""
    found: list[Mention] = []
    taken = [False] * len(doc)
    # Each token lower-cased with the space after it, as _norm would have the text.
    pieces = [t.lower_.replace("’", "'") + (" " if t.whitespace_ else "") for t in doc]
    found_here = _known(discourse, doc, pieces) + _names(discourse, doc) + _descriptions(discourse, doc)
    for mention in (
        found_here + _titles(discourse, doc, [p.strip().replace(".", "") for p in pieces]) + _pronouns(discourse, doc)
    ):
        if any(taken[mention.start : mention.end]):
            continue
        for i in range(mention.start, mention.end):
            taken[i] = True
        found.append(mention)
    return discourse.resolve(doc, found)


def _proper_runs(doc):
    """Runs of capitalised proper nouns, joined by "of", "for", "and", "the" between them
    ("Agency for State Financial Control", "Ministry of Economic Development and Poverty Reduction")."""
    i = 0
    while i < len(doc):
        if doc[i].tag_ not in _NAME_TAGS:
            i += 1
            continue
        j = i + 1
        while j < len(doc):
            if (
                doc[j].tag_ in _NAME_TAGS
                or doc[j].tag_ == "HYPH"
                and j + 1 < len(doc)
                and doc[j + 1].tag_ in _NAME_TAGS
            ):
                j += 1
            elif (
                doc[j].lower_ in ("of", "for", "and", "the")
                and j + 1 < len(doc)
                and doc[j + 1].tag_ in _NAME_TAGS | {"DT"}
            ):
                j += 1
            else:
                break
        while j > i and doc[j - 1].tag_ not in _NAME_TAGS:
            j -= 1
        yield i, j
        i = j


def _known(discourse, doc, pieces: list[str]) -> list[Mention]:
    """Names seen before or known, longest first, by runs of words (``pieces``: the tokens lower-cased,
    each with the space after it)."""
    out, i, n_tokens = [], 0, len(doc)
    while i < n_tokens:
        longest = min(discourse.max_words, n_tokens - i) if pieces[i].strip() in discourse.first_words else 1
        for n in range(longest, 0, -1):
            if n == 1 and not doc[i].text[:1].isupper():
                continue
            form = norm("".join(pieces[i : i + n]))
            entity = discourse.surfaces.get(form)
            if entity is not None:
                out.append(Mention(i, i + n, doc[i : i + n].text, entity, "known"))
                i += n
                break
        else:
            i += 1
    return out


def _names(discourse, doc) -> list[Mention]:
    """People, parties and bodies named by runs of proper nouns."""
    out = []
    i = 0
    while i < len(doc):
        if doc[i].tag_ not in _NAME_TAGS:
            i += 1
            continue
        j = i + 1
        while j < len(doc) and (
            doc[j].tag_ in _NAME_TAGS or doc[j].tag_ == "HYPH" and j + 1 < len(doc) and doc[j + 1].tag_ in _NAME_TAGS
        ):
            j += 1
        out.extend(_run(discourse, doc, i, j))
        i = j
    out.extend(_organisations(discourse, doc))
    return out


def _run(discourse, doc, i: int, j: int) -> list[Mention]:
    """A run of proper nouns naming a person: titles and honorifics first or anywhere before the
    name ("Sindh Chief Minister Murad Ali Shah"), a place after "Title of" ("President of
    Kazakhstan Kassym-Jomart Tokayev"); a run that ends in a title is an office, not a person.
    Without a title, a name of two words or more is a person where a speaker stands (a
    subject, "X's", "by X"), and not after "the"."""
    lowered = [t.lower_.rstrip(".") for t in doc[i:j]]
    titles, honorific, k = set(), False, i
    for n in range(j - i):
        two = lexicon.title_of(" ".join(lowered[n : n + 2])) if n + 1 < j - i else None
        one = lexicon.title_of(lowered[n])
        if two or one:
            titles.add(two or one)
            honorific, k = True, i + n + (2 if two else 1)
        elif lowered[n] in HONORIFICS:
            honorific, k = True, i + n + 1
    before = _title_before(discourse, doc, i)
    if before:
        titles.add(before[0])
        honorific = True
        if before[1] and j - k > 1:
            k += 1  # "President of Kazakhstan | Kassym-Jomart Tokayev": the first word is the place
    while k < j and doc[k].tag_ == "HYPH":
        k += 1
    if k >= j or lowered[k - i] in NOT_NAMES or set(lowered[k - i :]) & _THING_WORDS:
        return []  # no name, or an organisation, a programme, a place: see _organisations
    name = doc[k:j]
    if not honorific:
        head = name.root
        speaker_place = head.dep_ in ("nsubj", "poss", "appos") or head.dep_ == "pobj" and head.head.lower_ == "by"
        if len(name) < 2 or not speaker_place or i > 0 and doc[i - 1].lower_ in ("the", "a", "an"):
            return []
    entity = discourse.introduce(PERSON, name.text)
    entity.titles |= titles | _apposed_titles(discourse, doc, name)
    return [Mention(i, j, doc[i:j].text, entity, "name")]


def _title_before(discourse, doc, i: int) -> tuple[str, bool] | None:
    """A title just before a name, in any case ("president Wiliam Ruto"), or before "of" and a
    place ("President of the Republic of Azerbaijan Ilham Aliyev"): (title, after "of")."""
    k = i - 1
    if k >= 0:
        title = lexicon.title_of(doc[k].text) or (k >= 1 and lexicon.title_of(doc[k - 1 : k + 1].text))
        if title:
            return title, False
    if k >= 1 and lexicon.title_of(doc[k - 1 : i + 1].text):  # "Head of | State Kassym-Jomart Tokayev"
        return lexicon.title_of(doc[k - 1 : i + 1].text), True
    if k >= 1 and doc[k].lower_ == "of":
        for m in range(k - 1, max(-1, k - 7), -1):
            title = lexicon.title_of(doc[m].text) or (m >= 1 and lexicon.title_of(doc[m - 1 : m + 1].text))
            if title:
                return title, True
            if doc[m].lower_ not in ("of", "the") and doc[m].tag_ not in _NAME_TAGS:
                break
    return None


def _apposed_titles(discourse, doc, name) -> set[str]:
    """Titles in apposition: "Peter Dutton, leader of the coalition", "the Minister of Health, Alexei Tsoi"."""
    titles = set()
    head = name.root
    for other in [*head.children, head.head] if head.dep_ == "appos" else list(head.children):
        if other.dep_ == "appos" or head.dep_ == "appos":
            for words in (other.text, " ".join(t.text for t in other.lefts) + " " + other.text):
                title = lexicon.title_of(words.split()[-1]) or lexicon.title_of(" ".join(words.split()[-2:]))
                if title:
                    titles.add(title)
    return titles


def _organisations(discourse, doc) -> list[Mention]:
    """Parties and bodies: runs of proper nouns (joined by "of", "for", "and") holding a party or
    government word ("the Labour Party", "the Ministry of Economic Development and Poverty
    Reduction"); a name before "party" or "government" ("Ak zhol party", "a Labor government");
    their abbreviation in brackets ("(ANC)") is theirs from then on."""
    out, seen = [], set()
    for start, end in _proper_runs(doc):
        span = doc[start:end]
        lowered = {t.lower_ for t in span}
        nxt = doc[end] if end < len(doc) else None
        if lowered & lexicon.PARTY_WORDS - {"union", "league", "movement"}:
            kind = PARTY
        elif nxt is not None and nxt.lower_ in ("party", "coalition", "alliance", "bloc"):
            kind, span = PARTY, doc[start : end + 1]
        elif (
            nxt is not None
            and nxt.lower_ == "government"
            and (span.text.lower() in lexicon.PARTY_NAMES or _is_party(discourse, span.text))
        ):
            kind = PARTY  # "a Labor government" is the party's
        elif lowered & lexicon.GOVERNMENT_WORDS:
            kind = BODY
        else:
            continue
        seen.update(range(span.start, span.end))
        text = span.text.removeprefix("the ").removeprefix("The ")
        if text.lower() in lexicon.PARTY_WORDS | lexicon.GOVERNMENT_WORDS:
            if kind == PARTY:  # "The Party will …": the party named before
                out.append(Mention(span.start, span.end, span.text, None, "ref"))
            continue
        entity = discourse.introduce(kind, text)
        out.append(Mention(span.start, span.end, span.text, entity, "name"))
        if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
            if doc[span.end + 1].text.isupper():
                discourse._add(doc[span.end + 1].text, entity)
    for token in doc:  # "the ruling party": the party last named
        if token.lower_ == "party" and token.i > 0 and doc[token.i - 1].lower_ in ("the", "ruling", "our"):
            out.append(Mention(token.i - 1, token.i + 1, doc[token.i - 1 : token.i + 1].text, None, "ref"))
    return out


def _is_party(discourse, text: str) -> bool:
    found = discourse.surfaces.get(norm(text))
    return found is not None and found.kind == PARTY


def _titles(discourse, doc, words: list[str]) -> list[Mention]:
    """A title standing for a person: "the President", "the Head of State", "the prime minister"."""
    out = []
    for i in range(len(doc)):
        if words[i] not in lexicon.TITLE_WORDS:
            continue
        for n in (3, 2, 1):
            title = lexicon.TITLES.get(" ".join(words[i : i + n])) if i + n <= len(doc) else None
            if title is None:
                continue
            after = doc[i + n] if i + n < len(doc) else None
            if after is not None and after.tag_ in _NAME_TAGS and after.lower_ != "of":
                break  # a title before a name belongs to the name
            if after is not None and after.lower_ == "of" and title not in ("president", "prime minister"):
                break  # "the minister of health": an office, not a person the article named
            out.append(Mention(i, i + n, doc[i : i + n].text, None, "title:" + title))
            break
    return out


def _descriptions(discourse, doc) -> list[Mention]:
    """A person described, not named, as the subject: "The 61-year-old former senator and
    businesswoman has promised …": the person the article is about."""
    return [
        Mention(t.left_edge.i, t.i + 1, doc[t.left_edge.i : t.i + 1].text, None, "description")
        for t in doc
        if t.dep_ == "nsubj" and t.lower_ in lexicon.PERSON_NOUNS and t.tag_ in ("NN", "NNP")
    ]


def _pronouns(discourse, doc) -> list[Mention]:
    out = [Mention(t.i, t.i + 1, t.text, None, "pronoun") for t in doc if t.lower_ in lexicon.THIRD_PERSON]
    # "It will push to raise the minimum wage", "Its platform pledges …": the party just named
    out += [
        Mention(t.i, t.i + 1, t.text, None, "it")
        for t in doc
        if t.lower_ == "its"
        and t.dep_ == "poss"
        or t.lower_ == "it"
        and t.dep_ == "nsubj"
        and t.head.tag_.startswith("VB")
        and t.head.lower_ not in _COPULAS
    ]
    return out
