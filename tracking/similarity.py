"""Which existing items an ingested candidate may repeat: the same statement reported
by another outlet must become one item with several sources, not several items."""

import copy
import datetime
import re

from django.db.models import Q
from django.utils import timezone

from .services import candidate_day

# Words that carry no meaning of their own in a political statement; two reports
# of one directive share the rest ("review", "organizational", "structure").
_STOPWORDS = frozenset(
    """a an and are as at be been but by for from had has have he her his i in into is it its it's of on or our
    she that the their them they this those to was we were will with would shall should must also which who whom
    said says noted stated called president party members all other its than then there these about""".split()
)

# How far apart two reports of one statement may be dated, and how similar their words must be.
DUPLICATE_WINDOW_DAYS = 7
DUPLICATE_MIN_OVERLAP = 0.5

# The most rows of one candidate's narrowed queryset that are compared with it.
SIMILAR_MAX_ROWS = 500


def content_words(text):
    """The set of meaningful words of ``text``, case-folded, without stop words or short words."""
    words = re.findall(r"[^\W\d_]+", (text or "").casefold())
    return {w for w in words if len(w) > 2 and w not in _STOPWORDS}


def word_overlap(first, second):
    """Shared content words over the smaller set (0..1): a short headline that a
    long report repeats scores high, which Jaccard similarity would not."""
    a, b = content_words(first), content_words(second)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def candidate_text(candidate):
    return f"{candidate.sentence} {candidate.action}"


def duplicate_window(candidate):
    """The days within which an item may be a report of the same statement as ``candidate``
    (around its article's date, or, undated, the day it was found)."""
    day = candidate_day(candidate) or timezone.localdate(candidate.created_at)
    window = datetime.timedelta(days=DUPLICATE_WINDOW_DAYS)
    return day - window, day + window


def _most_similar(words, rows, *, words_of, limit):
    """Copies of ``rows`` whose words overlap ``words`` enough, most similar first, each with ``similarity``."""
    found = []
    for row in rows:
        other = words_of(row)
        score = len(words & other) / min(len(words), len(other)) if words and other else 0.0
        if score >= DUPLICATE_MIN_OVERLAP:
            row = copy.copy(row)  # one row may be scored against several candidates
            row.similarity = round(score, 2)
            found.append(row)
    found.sort(key=lambda row: row.similarity, reverse=True)
    return found[:limit]


def find_similar(queryset, text, *, texts_of, limit=5):
    """Rows of ``queryset`` whose text (``texts_of(row)``) overlaps ``text``, most similar first.

    Each row returned carries its score in ``similarity``. The queryset is
    already narrowed by actor and date, so this reads at most a few hundred rows."""
    rows = queryset[:SIMILAR_MAX_ROWS]
    return _most_similar(content_words(text), rows, words_of=lambda row: content_words(texts_of(row)), limit=limit)


def find_similar_many(candidates, queryset, *, narrowed, matches, texts_of, limit=5):
    """``find_similar`` for many candidates at once: ``{candidate.pk: rows}``, from one query.

    ``narrowed(candidate)`` is the Q of the rows a candidate is compared with (its
    ``find_similar`` queryset's filter); ``queryset`` is ordered as ``find_similar``
    reads, and ``matches(candidate, row)`` tells which of its rows are the candidate's
    own. Each candidate gets the same answer as from ``find_similar``."""
    if not candidates:
        return {}
    where = Q()
    for candidate in candidates:
        where |= narrowed(candidate)
    rows = list(queryset.filter(where))
    words = {}

    def words_of(row):
        if row.pk not in words:
            words[row.pk] = content_words(texts_of(row))
        return words[row.pk]

    found = {}
    for candidate in candidates:
        own = [row for row in rows if matches(candidate, row)][:SIMILAR_MAX_ROWS]
        found[candidate.pk] = _most_similar(content_words(candidate_text(candidate)), own, words_of=words_of, limit=limit)
    return found


class DuplicateFinder:
    """The items of one kind (``model``) that a candidate may repeat.

    Rows are read newest first by ``date_field`` with ``related`` joined; ``narrowed(candidate)``
    is the Q of the rows a candidate is compared with, ``matches(candidate, row)`` the same
    rule in Python (for a page of candidates read at once). An item's quote and its short
    statement are what is compared."""

    def __init__(self, model, date_field, *, narrowed, matches, related=()):
        self.model, self.date_field, self.related = model, date_field, related
        self.narrowed, self.matches = narrowed, matches

    def ordered(self):
        return self.model.objects.select_related(*self.related).order_by(f"-{self.date_field}", "-pk")

    @staticmethod
    def text(item):
        return f"{item.quote} {item}"

    def find(self, candidate, *, limit=5):
        """Items with words similar to the candidate's, most similar first."""
        rows = self.ordered().filter(self.narrowed(candidate))
        return find_similar(rows, candidate_text(candidate), texts_of=self.text, limit=limit)

    def find_many(self, candidates, *, limit=5):
        """``find`` for each of ``candidates`` (``{pk: items}``) in one query."""
        return find_similar_many(
            candidates, self.ordered(), narrowed=self.narrowed, matches=self.matches, texts_of=self.text, limit=limit
        )
