"""Who each sentence mentions, resolved against the known actors and what the article said before.

People come from the parse: runs of proper nouns, the entities the pipeline recognises, a
title before or in apposition to a name ("Prime Minister Shehbaz Sharif", "Peter Dutton, leader
of the coalition"). Parties and bodies come from proper-noun runs and entities holding a party or
government word. A title alone ("the Head of State") is the person who last held it in the
article, else the known actor holding that office on the article's date; "he" is the person
mentioned last; "the party" the party mentioned last."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from . import lexicon
from .types import Actor, name_on

PERSON, PARTY, BODY = "person", "party", "body"
_HONORIFICS = frozenset(
    "mr mrs ms dr sir sheikh sheikha madam dame lord comrade gen general h.e. mr. mrs. ms. dr.".split()
)
# Capitalised words that open sentences and lists but name nobody.
_NOT_NAMES = frozenset(
    "the a an this that these those it its he she they we i our his her their president minister chairman leader "
    "party government however also according meanwhile moreover in on at as and but if when after before while "
    "head state members member monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december there then today yesterday news agency "
    "ministry all both some many most speaking addressing day".split()
)
_NAME_TAGS = frozenset(("NNP", "NNPS"))
_COPULAS = frozenset("be is are was were 's been being".split())
_PARTICLES = frozenset("da de do dos das del della di van von der den al el bin ibn la le mac st".split())
# Words that make a run of capitalised words a thing, not a person's name.
_THING_WORDS = frozenset(
    "ministry agency party council committee bank company university association union office commission "
    "service department government parliament assembly court congress front alliance coalition bloc movement "
    "league rally program programme plan project fund scheme initiative act law bill day week house palace city "
    "region province district street square centre center institute foundation group corporation organisation "
    "organization forum summit conference federation republic kingdom state states nation nations army police "
    "news times post agency television tv radio".split()
)


@dataclass(eq=False)
class Entity:
    kind: str  # PERSON | PARTY | BODY
    display: str
    key: str | None = None  # a known actor's key
    titles: set[str] = field(default_factory=set)
    parties: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)

    @property
    def is_head(self) -> bool:
        """A head of state or government, a governor or a party leader: someone who gives orders."""
        return bool(self.titles & lexicon.HEADS) or (self.key or "").startswith("leader:")


@dataclass
class Mention:
    start: int  # token offsets in the sentence's Doc
    end: int
    text: str
    entity: Entity | None
    how: str  # "known" | "name" | "title" | "pronoun" | "ref"


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


def _is_subject(doc, mention: Mention) -> bool:
    """Whether a mention is the subject of a clause (its head noun is)."""
    return any(
        doc[i].dep_ in ("nsubj", "nsubjpass") or doc[i].dep_ == "poss" and doc[i].head.dep_ == "nsubj"
        for i in range(mention.start, mention.end)
    )


def _norm(text: str) -> str:
    text = text.replace("’", "'").strip()
    if text.endswith("'s"):
        text = text[:-2]
    return " ".join(text.lower().split())


class Discourse:
    """What the article has said so far: entities by surface form, the most recent ones."""

    def __init__(self, actors: Sequence[Actor], on: date | None, country: str | None):
        self.on, self.country = on, (country or "").lower()
        self.surfaces: dict[str, Entity] = {}
        self.known: list[Entity] = []
        self.recent: list[Entity] = []  # most recent last
        self.topic: Entity | None = None  # the person the last sentences were about (their subject)
        self.max_words = 4
        self.first_words: set[str] = set()  # of the surfaces of more than one word
        for actor in actors:
            kind = {"leader": PERSON, "party": PARTY}.get(actor.kind, BODY)
            entity = Entity(kind, name_on(actor, on), actor.key)
            entity.places = {actor.country.lower()} | {o.jurisdiction.lower() for o in actor.offices}
            for office in actor.offices:
                if office.held_on(on):
                    entity.titles.add(lexicon.title_of(office.title) or office.title.lower())
            self.known.append(entity)
            forms = [n.text for n in actor.names] + list(actor.aliases)
            if kind == PERSON:
                forms += [n.text.split()[-1] for n in actor.names if len(n.text.split()) > 1]
            for form in forms:
                self._add(form, entity, override=True)

    # --- surfaces and entities

    def _add(self, form: str, entity: Entity, override: bool = False) -> None:
        key = _norm(form)
        if key.startswith("the "):
            key = key[4:]
        if not key or key in _NOT_NAMES:
            return
        if override or key not in self.surfaces:
            self.surfaces[key] = entity
        self.max_words = max(self.max_words, min(8, len(key.split())))
        self.first_words.add(key.split(" ")[0].split("-")[0])  # as the tokenizer cuts "kassym-jomart"

    def introduce(self, kind: str, display: str) -> Entity:
        """The entity a name introduces: one seen before under that name or its last word, else a new one."""
        display = " ".join(display.split())
        words = display.split()
        while words and _norm(words[0]) in _HONORIFICS:
            words.pop(0)
        display = " ".join(words).removesuffix("’s").removesuffix("'s") or display
        found = self.surfaces.get(_norm(display))
        if found is None and kind == PERSON and len(words) == 1:
            found = self._variant(_norm(display))
        if found is None and kind == PERSON and len(words) > 1:
            last = self.surfaces.get(_norm(words[-1]))
            if last is not None and last.kind == PERSON:
                found = last  # "Modi" named in full at last, or a known leader's spelling variant
                if last.key is None and len(display) > len(last.display):
                    last.display = display
                self._add(display, last)
        if found is not None and found.kind == kind:
            return found
        entity = Entity(kind, display)
        self._add(display, entity)
        if kind == PERSON and len(words) > 1:
            self._add(words[-1], entity, override=True)
            for word in words[:-1]:  # "Lula", "Xi", "Keir": any capitalised part, unless taken
                if word[:1].isupper() and _norm(word) not in _PARTICLES:
                    self._add(word, entity)
        return entity

    def _variant(self, word: str) -> Entity | None:
        """A person named before under another spelling of the same surname ("Zelensky", "Zelenskyy")."""
        for form, entity in self.surfaces.items():
            if entity.kind == PERSON and " " not in form and len(form) >= 5 and abs(len(form) - len(word)) <= 2:
                if form[:5] == word[:5] and (form.startswith(word) or word.startswith(form)):
                    return entity
        return None

    def touch(self, entity: Entity | None) -> None:
        if entity is None:
            return
        if entity in self.recent:
            self.recent.remove(entity)
        self.recent.append(entity)
        del self.recent[:-30]

    def last(self, kind: str, head: bool = False) -> Entity | None:
        return next((e for e in reversed(self.recent) if e.kind == kind and (e.is_head or not head)), None)

    def principal(self) -> Entity | None:
        """Whose article it is, as far as read: the last head of state or government mentioned,
        else the last other head (a governor, a party leader), else the last person."""
        top = next((e for e in reversed(self.recent) if e.kind == PERSON and e.titles & lexicon.HEAD_TITLES), None)
        return top or self.last(PERSON, head=True) or self.last(PERSON)

    def by_title(self, title: str) -> Entity | None:
        if self.topic is not None and title in self.topic.titles:
            return self.topic
        for entity in reversed(self.recent):
            if entity.kind == PERSON and title in entity.titles:
                return entity
        holders = [e for e in self.known if e.kind == PERSON and title in e.titles]
        if self.country and len(holders) > 1:
            holders = [e for e in holders if self.country in e.places] or holders
        if len(holders) == 1:
            return holders[0]
        if title in lexicon.HEAD_TITLES or title in ("leader", "candidate"):
            # "The President instructed …" in an article that named its president without the title
            if self.topic is not None and not self.topic.titles & lexicon.HEAD_TITLES - {title}:
                return self.topic
            return next((e for e in reversed(self.recent) if e.kind == PERSON and not e.titles), None)
        return None

    # --- one sentence

    def read(self, doc) -> list[Mention]:
        """The mentions of a parsed sentence, resolved in reading order (and remembered)."""
        found: list[Mention] = []
        taken = [False] * len(doc)
        # Each token lower-cased with the space after it, as _norm would have the text.
        pieces = [t.lower_.replace("’", "'") + (" " if t.whitespace_ else "") for t in doc]
        found_here = self._known(doc, pieces) + self._names(doc) + self._descriptions(doc)
        for mention in (
            found_here + self._titles(doc, [p.strip().replace(".", "") for p in pieces]) + self._pronouns(doc)
        ):
            if any(taken[mention.start : mention.end]):
                continue
            for i in range(mention.start, mention.end):
                taken[i] = True
            found.append(mention)
        found.sort(key=lambda m: m.start)
        topic = self.topic
        for mention in found:
            if mention.how.startswith("title:"):
                mention.entity = self.by_title(mention.how[6:])
            elif mention.how == "pronoun":
                # "While speaking to X, he …": he is who the sentences before were about, not X.
                mention.entity = topic or self.last(PERSON)
            elif mention.how == "ref":
                mention.entity = self.last(PARTY)
            elif mention.how == "description":
                mention.entity = topic or self.principal()
            elif mention.how == "it":
                mention.entity = next((e for e in self.recent[-3:] if e.kind == PARTY), None)
            self.touch(mention.entity)
        for mention in found:
            if mention.entity is not None and mention.entity.kind == PERSON and _is_subject(doc, mention):
                self.topic = mention.entity
                break
        return found

    def _known(self, doc, pieces: list[str]) -> list[Mention]:
        """Names seen before or known, longest first, by runs of words (``pieces``: the tokens lower-cased,
        each with the space after it)."""
        out, i, n_tokens = [], 0, len(doc)
        while i < n_tokens:
            longest = min(self.max_words, n_tokens - i) if pieces[i].strip() in self.first_words else 1
            for n in range(longest, 0, -1):
                if n == 1 and not doc[i].text[:1].isupper():
                    continue
                form = _norm("".join(pieces[i : i + n]))
                entity = self.surfaces.get(form)
                if entity is not None:
                    out.append(Mention(i, i + n, doc[i : i + n].text, entity, "known"))
                    i += n
                    break
            else:
                i += 1
        return out

    def _names(self, doc) -> list[Mention]:
        """People, parties and bodies named by runs of proper nouns."""
        out = []
        i = 0
        while i < len(doc):
            if doc[i].tag_ not in _NAME_TAGS:
                i += 1
                continue
            j = i + 1
            while j < len(doc) and (
                doc[j].tag_ in _NAME_TAGS
                or doc[j].tag_ == "HYPH"
                and j + 1 < len(doc)
                and doc[j + 1].tag_ in _NAME_TAGS
            ):
                j += 1
            out.extend(self._run(doc, i, j))
            i = j
        out.extend(self._organisations(doc))
        return out

    def _run(self, doc, i: int, j: int) -> list[Mention]:
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
            elif lowered[n] in _HONORIFICS:
                honorific, k = True, i + n + 1
        before = self._title_before(doc, i)
        if before:
            titles.add(before[0])
            honorific = True
            if before[1] and j - k > 1:
                k += 1  # "President of Kazakhstan | Kassym-Jomart Tokayev": the first word is the place
        while k < j and doc[k].tag_ == "HYPH":
            k += 1
        if k >= j or lowered[k - i] in _NOT_NAMES or set(lowered[k - i :]) & _THING_WORDS:
            return []  # no name, or an organisation, a programme, a place: see _organisations
        name = doc[k:j]
        if not honorific:
            head = name.root
            speaker_place = head.dep_ in ("nsubj", "poss", "appos") or head.dep_ == "pobj" and head.head.lower_ == "by"
            if len(name) < 2 or not speaker_place or i > 0 and doc[i - 1].lower_ in ("the", "a", "an"):
                return []
        entity = self.introduce(PERSON, name.text)
        entity.titles |= titles | self._apposed_titles(doc, name)
        return [Mention(i, j, doc[i:j].text, entity, "name")]

    def _title_before(self, doc, i: int) -> tuple[str, bool] | None:
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

    def _apposed_titles(self, doc, name) -> set[str]:
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

    def _organisations(self, doc) -> list[Mention]:
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
                and (span.text.lower() in lexicon.PARTY_NAMES or self._is_party(span.text))
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
            entity = self.introduce(kind, text)
            out.append(Mention(span.start, span.end, span.text, entity, "name"))
            if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
                if doc[span.end + 1].text.isupper():
                    self._add(doc[span.end + 1].text, entity)
        for token in doc:  # "the ruling party": the party last named
            if token.lower_ == "party" and token.i > 0 and doc[token.i - 1].lower_ in ("the", "ruling", "our"):
                out.append(Mention(token.i - 1, token.i + 1, doc[token.i - 1 : token.i + 1].text, None, "ref"))
        return out

    def _is_party(self, text: str) -> bool:
        found = self.surfaces.get(_norm(text))
        return found is not None and found.kind == PARTY

    def _titles(self, doc, words: list[str]) -> list[Mention]:
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

    def _descriptions(self, doc) -> list[Mention]:
        """A person described, not named, as the subject: "The 61-year-old former senator and
        businesswoman has promised …": the person the article is about."""
        return [
            Mention(t.left_edge.i, t.i + 1, doc[t.left_edge.i : t.i + 1].text, None, "description")
            for t in doc
            if t.dep_ == "nsubj" and t.lower_ in lexicon.PERSON_NOUNS and t.tag_ in ("NN", "NNP")
        ]

    def _pronouns(self, doc) -> list[Mention]:
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
