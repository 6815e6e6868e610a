"""What an article has said so far: the people, parties and bodies it has named, under every
name it used, and who the story is about. Mentions (mentions.py) are resolved against it in
reading order: a title alone ("the Head of State") is the person who last held it in the article,
else the known actor holding that office on the article's date; "he" is the person the story is
about; "the party" the party named last."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from . import lexicon
from .types import Actor, name_on

PERSON, PARTY, BODY = "person", "party", "body"
HONORIFICS = frozenset(
    "mr mrs ms dr sir sheikh sheikha madam dame lord comrade gen general h.e. mr. mrs. ms. dr.".split()
)
# Capitalised words that open sentences and lists but name nobody.
NOT_NAMES = frozenset(
    "the a an this that these those it its he she they we i our his her their president minister chairman leader "
    "party government however also according meanwhile moreover in on at as and but if when after before while "
    "head state members member monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december there then today yesterday news agency "
    "ministry all both some many most speaking addressing day".split()
)
_PARTICLES = frozenset("da de do dos das del della di van von der den al el bin ibn la le mac st".split())


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


def is_subject(doc, mention: Mention) -> bool:
    """Whether a mention is the subject of a clause (its head noun is)."""
    return any(
        doc[i].dep_ in ("nsubj", "nsubjpass") or doc[i].dep_ == "poss" and doc[i].head.dep_ == "nsubj"
        for i in range(mention.start, mention.end)
    )


def norm(text: str) -> str:
    """A name as surfaces are keyed: lower case, one space, no possessive."""
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
        key = norm(form)
        if key.startswith("the "):
            key = key[4:]
        if not key or key in NOT_NAMES:
            return
        if override or key not in self.surfaces:
            self.surfaces[key] = entity
        self.max_words = max(self.max_words, min(8, len(key.split())))
        self.first_words.add(key.split(" ")[0].split("-")[0])  # as the tokenizer cuts "kassym-jomart"

    def introduce(self, kind: str, display: str) -> Entity:
        """The entity a name introduces: one seen before under that name or its last word, else a new one."""
        display = " ".join(display.split())
        words = display.split()
        while words and norm(words[0]) in HONORIFICS:
            words.pop(0)
        display = " ".join(words).removesuffix("’s").removesuffix("'s") or display
        found = self.surfaces.get(norm(display))
        if found is None and kind == PERSON and len(words) == 1:
            found = self._variant(norm(display))
        if found is None and kind == PERSON and len(words) > 1:
            last = self.surfaces.get(norm(words[-1]))
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
                if word[:1].isupper() and norm(word) not in _PARTICLES:
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

    def resolve(self, doc, found: list[Mention]) -> list[Mention]:
        """Resolve a sentence's mentions in reading order, and remember them."""
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
            if mention.entity is not None and mention.entity.kind == PERSON and is_subject(doc, mention):
                self.topic = mention.entity
                break
        return found
