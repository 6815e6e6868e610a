"""What goes in and out of statement finding: actors with their dated names and offices, statements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
    """An office held over an interval; ``end`` is the first day out of office, as in politics.models.Office."""

    title: str  # "President", "Chairman", "Prime Minister"
    jurisdiction: str  # "Kazakhstan", "Nur Otan"
    start: date | None = None
    end: date | None = None

    def held_on(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
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
    speaker_text: str | None  # as the sentence says it ("He", "the Head of State")
    speaker: str | None  # who that is, by name
    speaker_key: str | None  # the known actor's key, if it is one
    addressee_text: str | None
    addressee: str | None
    addressee_key: str | None
    confidence: float  # the model's probability that the sentence carries a statement
    rule: str  # the features that weighed most for it, for the editor
    action: str  # what is ordered or promised, as the sentence words it


def name_on(actor: Actor, day: date | None) -> str:
    """The actor's name valid on ``day``; with no day (or none valid), the newest name."""
    if not actor.names:
        return actor.aliases[0] if actor.aliases else actor.key
    for name in actor.names:
        if day is not None and name.valid_on(day):
            return name.text
    return max(actor.names, key=lambda n: n.valid_from or date.min).text
