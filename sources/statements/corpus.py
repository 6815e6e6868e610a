"""Annotated articles: reading them, labelling their sentences, scoring what was found in them.

Three sources share one format (see ``../shared/corpus/dev/README.md``): the development
corpus of real news (one JSON file per article, read where it lies, never copied into the
project), the seed article, and the fixtures the team wrote (a ``.txt`` and a ``.json``).

Matching, as the corpus README defines it: a statement found matches a gold item when its
quote and the gold quote (or one of its ``alts``) overlap — one contains the other, or they
share at least 60 % of the shorter one's words — and the kinds agree. The speaker is right
when the gold speaker's surname (or the party's name) is in the speaker found."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

KINDS = ("directive", "promise")
_WORD = re.compile(r"\w+")


@dataclass
class Article:
    name: str
    text: str
    on: date | None
    gold: list[dict]
    either: list[str] = field(default_factory=list)
    not_: list[str] = field(default_factory=list)
    country: str | None = None
    origin: str = "dev"  # "dev" | "seed" | "fixture"


def _date(value) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def read_json_article(path: Path, origin: str = "dev") -> Article:
    data = json.loads(path.read_text(encoding="utf-8"))
    text = data.get("text")
    if text is None:  # a fixture: the text beside it
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
    return Article(
        name=path.stem,
        text=text,
        on=_date(data.get("published") or data.get("on")),
        gold=list(data.get("gold", [])),
        either=list(data.get("either", [])),
        not_=list(data.get("not", [])),
        country=data.get("country"),
        origin=origin,
    )


def read_folder(folder: Path, origin: str) -> list[Article]:
    """Every annotated article in ``folder`` and its subfolders, in name order."""
    paths = sorted(p for p in Path(folder).rglob("*.json") if p.parent.name != "web")
    return [read_json_article(p, origin) for p in paths if origin == "dev" or p.with_suffix(".txt").exists()]


def words(text: str) -> list[str]:
    return _WORD.findall(text.replace("’", "'").casefold())


def overlap(found: str, gold: str) -> bool:
    """One contains the other, or they share at least 60 % of the shorter one's words."""
    a, b = words(found), words(gold)
    if not a or not b:
        return False
    ja, jb = " ".join(a), " ".join(b)
    if ja in jb or jb in ja:
        return True
    sa, sb = set(a), set(b)
    return len(sa & sb) / min(len(sa), len(sb)) >= 0.6


def gold_kind(article: Article, quote: str) -> str | None:
    """The kind of the gold item a sentence states; "either" for a sentence that may go either way; None."""
    for item in article.gold:
        if any(overlap(quote, q) for q in [item["quote"], *item.get("alts", [])]):
            return item["kind"]
    if any(overlap(quote, e) for e in article.either):
        return "either"
    return None


def speaker_right(gold_speaker: str, found: str | None) -> bool:
    """The gold speaker's surname, or the party's name, is in the speaker found."""
    if not found:
        return False
    found = found.casefold()
    for part in re.split(r"\s+and\s+|;", gold_speaker):
        m = re.match(r"\s*(.*?)\s*(?:\((.*)\))?\s*$", part)
        person, party = m.group(1), m.group(2)
        keys = [person.split()[-1]] if person.split() else []
        keys += [person] + ([party] if party else [])
        if any(k.casefold() in found for k in keys if k):
            return True
    return False


@dataclass
class Tally:
    found: int = 0  # statements returned, those that match only an "either" sentence left out
    right: int = 0  # of those, matching a gold item of the same kind
    gold: int = 0
    gold_found: int = 0
    speakers_right: int = 0
    untyped_right: int = 0
    false_positives: list = field(default_factory=list)
    missed: list = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("found", "right", "gold", "gold_found", "speakers_right", "untyped_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.false_positives += other.false_positives
        self.missed += other.missed

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.right if self.right else 1.0

    def line(self) -> str:
        return (
            f"precision {self.precision:.2f}  recall {self.recall:.2f}  typed F1 {self.f1:.2f}  "
            f"speaker {self.speaker_accuracy:.2f}  ({self.right}/{self.found} found right, "
            f"{self.gold_found}/{self.gold} gold found)"
        )


def score(article: Article, found: list) -> Tally:
    """How the statements found in one article (objects with ``kind``, ``quote``, ``speaker``) score.

    A statement is right when it matches a gold item of its kind; it finds every gold item of its
    kind it matches (a sentence may state two); one that matches only an "either" sentence is
    neither right nor wrong, and left out of the count."""
    tally = Tally(gold=len(article.gold))
    hit: set[int] = set()
    for statement in found:
        typed, untyped = [], []
        for i, item in enumerate(article.gold):
            if any(overlap(statement.quote, q) for q in [item["quote"], *item.get("alts", [])]):
                untyped.append(i)
                if item["kind"] == statement.kind:
                    typed.append(i)
        if typed:
            tally.found += 1
            tally.right += 1
            tally.untyped_right += 1
            hit.update(typed)
            tally.speakers_right += speaker_right(article.gold[typed[0]]["speaker"], statement.speaker)
        elif not untyped and any(overlap(statement.quote, e) for e in article.either):
            continue  # neither right nor wrong
        else:
            tally.found += 1
            tally.untyped_right += bool(untyped)
            tally.false_positives.append((article.name, statement))
    tally.gold_found = len(hit)
    tally.missed = [(article.name, item) for i, item in enumerate(article.gold) if i not in hit]
    return tally
