"""Which tracked items an article may be evidence for: TF-IDF similarity (scikit-learn) between
the article's sentences and each item's words, among the items that share an actor or a topic
with the article.

An item is described by its title or action, its quote, its topics and its actors' names (the
party under every dated name and alias, the leader, the addressees). An article is a candidate
source for an item when it names one of the item's actors or topics; its score for the item is
the cosine similarity between the item and the article's most similar sentence, which is the
sentence shown to the editor. No hand-made weights: one standard ranking, and two cut-offs.

The names choose the candidates; the similarity measures what the sentence says about the item.
So the names (of actors and topics) are masked, in the items and in the sentences, before the
similarity: else a sentence that merely names a party, a leader or a ministry's topic ("Prime
Minister Varga met farmers", "The Ministry of Energy has a new minister") scored against every
item whose quote names them too, and articles that report on none of them came out with suggestions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Two cut-offs, chosen on the team's annotated set (bench/evidence.py reports the articles written
# after they were chosen apart): a suggestion is kept when its best sentence is at least this
# similar to the item ...
MIN_SCORE = 0.2
# ... and at least this share of the article's best suggestion (an article reports on one or two
# items; the others it names come far behind).
RELATIVE = 0.5
TOP = 10  # suggestions kept per article at the most


@dataclass(frozen=True)
class ItemText:
    pk: int
    words: str  # title or action, quote, topics
    names: tuple[str, ...] = ()  # the actors' and topics' names, as they may appear in an article


@dataclass
class Match:
    item: int
    score: float
    start: int
    end: int


@dataclass
class Index:
    """The vectorised items, built once and reused for every article (rebuilt when items change)."""

    items: list[ItemText]
    vectorizer: object = None
    matrix: object = None
    by_name: dict = field(default_factory=dict)  # lower-cased name -> item positions
    name_pattern: object = None

    @classmethod
    def build(cls, items: list[ItemText]) -> Index:
        from sklearn.feature_extraction.text import TfidfVectorizer

        index = cls(items)
        if not items:
            return index
        for position, item in enumerate(items):
            for name in item.names:
                if len(name) >= 3:
                    index.by_name.setdefault(name.lower(), []).append(position)
        index.name_pattern = _any_of(index.by_name)
        index.vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2), min_df=1)
        index.matrix = index.vectorizer.fit_transform([index.mask(item.words) for item in items])
        return index

    def mask(self, text: str) -> str:
        """``text`` with the names blanked out, each character by a space (offsets stay)."""
        if self.name_pattern is None:
            return text
        return self.name_pattern.sub(lambda found: " " * len(found.group()), text)

    def match(self, text: str, sentences: list[tuple[int, int]]) -> list[Match]:
        """The items the article may be evidence for, best first, each with its best sentence."""
        if not self.items or not sentences or self.name_pattern is None:
            return []
        named = {p for m in self.name_pattern.finditer(text) for p in self.by_name.get(m.group().lower(), ())}
        if not named:
            return []
        candidates = sorted(named)
        masked = self.mask(text)
        vectors = self.vectorizer.transform([masked[s:e] for s, e in sentences])
        similarity = (vectors @ self.matrix[candidates].T).toarray()  # sentences x candidates
        best_sentence = similarity.argmax(axis=0)
        out = []
        for column, position in enumerate(candidates):
            row = best_sentence[column]
            score = float(similarity[row, column])
            if score >= MIN_SCORE:
                start, end = sentences[row]
                out.append(Match(self.items[position].pk, round(score, 4), start, end))
        out.sort(key=lambda m: (-m.score, m.item))
        return [m for m in out if m.score >= RELATIVE * out[0].score][:TOP]


def _any_of(names) -> re.Pattern | None:
    """One pattern for whole-word, case-blind occurrences of any of ``names``, the longest where
    several start at one place. Written as a trie ("okafor|okoro" as "ok(?:afor|oro)"): a plain
    alternation of a tracker's thousands of names tries each of them at every word of a text, and
    masking the items took longer than vectorising them."""
    trie: dict = {}
    for name in names:
        node = trie
        for char in name.lower():
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here
    if not trie:
        return None
    return re.compile(r"\b" + _trie_pattern(trie) + r"\b", re.IGNORECASE)


def _trie_pattern(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    if len(branches) == 1 and not ends:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if ends else "")
