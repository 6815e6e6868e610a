"""Scorecards: how many items are in each status, and how that changed over time.

Each function costs a fixed number of queries whatever the number of rows: one
aggregate for a scorecard, two for a history with the scorecard of today."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from .models import Evidence, Status, StatusUpdate

# The order readers scan a meter in: the good news first, the unrated last.
STATUS_ORDER = (
    Status.FULFILLED,
    Status.PARTIALLY_FULFILLED,
    Status.IN_PROGRESS,
    Status.STALLED,
    Status.NOT_FULFILLED,
    Status.NOT_RATED,
)

# A status is never told by colour alone: each has a symbol and a fill pattern too.
STATUS_SYMBOLS = {
    Status.FULFILLED: "✔",
    Status.PARTIALLY_FULFILLED: "◑",
    Status.IN_PROGRESS: "➜",
    Status.STALLED: "‖",
    Status.NOT_FULFILLED: "✘",
    Status.NOT_RATED: "?",
}

STATUS_MEANINGS = {
    Status.NOT_RATED: _("We have recorded the statement but not yet found evidence to rate it."),
    Status.IN_PROGRESS: _("There is evidence of concrete steps: a bill introduced, money allocated, work begun."),
    Status.STALLED: _("Work began or was announced, but nothing has moved for a long time, or it was shelved."),
    Status.PARTIALLY_FULFILLED: _("Part of what was promised or ordered was done, but less than all of it."),
    Status.FULFILLED: _("What was promised or ordered was done, as the evidence shows."),
    Status.NOT_FULFILLED: _("It was abandoned, voted down or the deadline passed without it being done."),
}


@dataclass(frozen=True)
class StatusCount:
    status: Status
    count: int
    total: int

    @property
    def label(self):
        return self.status.label

    @property
    def symbol(self):
        return STATUS_SYMBOLS[self.status]

    @property
    def percent(self):
        return round(100 * self.count / self.total) if self.total else 0


@dataclass(frozen=True)
class Scorecard:
    counts: dict  # status value -> count

    @property
    def total(self):
        return sum(self.counts.values())

    def rows(self):
        total = self.total
        return [StatusCount(status, self.counts.get(status.value, 0), total) for status in STATUS_ORDER]

    def count(self, status):
        return self.counts.get(Status(status).value, 0)


def scorecards_by_kind(queryset):
    """``{kind: Scorecard}`` for tracked items of every kind (``TrackedItem`` rows), in one aggregate query."""
    counts = {}
    for row in queryset.order_by().values("kind", "current_status").annotate(n=Count("*")):
        counts.setdefault(row["kind"], {})[row["current_status"]] = row["n"]
    return {kind: Scorecard(found) for kind, found in counts.items()}


def scorecard(queryset):
    """The number of items of ``queryset`` in each status, in one aggregate query."""
    # DISTINCT only where a join may repeat an item (it costs a sort). COUNT(*) otherwise: PostgreSQL
    # counts it from the (is_published, current_status) index alone, COUNT(id) reads every row (3x slower).
    count = Count("pk", distinct=True) if queryset.query.distinct else Count("*")
    # A kind's items filtered on the parent's columns only are counted on the parent alone.
    parent = queryset.on_parent_table() if hasattr(queryset, "on_parent_table") else None
    queryset = queryset if parent is None else parent
    rows = queryset.order_by().values("current_status").annotate(n=count)
    return Scorecard({row["current_status"]: row["n"] for row in rows})


@dataclass(frozen=True)
class Period:
    label: str
    scorecard: Scorecard


def status_history(queryset, date_field, *, today=None, periods=8):
    """How many items of ``queryset`` were in each status at the end of each year: two queries."""
    return status_summary(queryset, date_field, today=today, periods=periods)[1]


def status_summary(queryset, date_field, *, today=None, periods=8):
    """The scorecard of ``queryset`` now and at the end of each of the last ``periods`` years,
    from two queries: the items, then their status updates in date order.

    An item counts from ``date_field`` (when it was made or issued) and is in the
    status of its newest update on or before the year's end."""
    return status_summaries({None: (queryset, date_field)}, today=today, periods=periods)[None]


def status_summaries(sets, *, today=None, periods=8):
    """``status_summary`` of several sets of items at once (``{name: (queryset, date_field)}``,
    say an actor's promises and directives): ``{name: (scorecard, history)}``, from one query
    per set and one read of the status history for all of them."""
    today = today or datetime.date.today()
    read = {}
    for name, (queryset, date_field) in sets.items():
        items, now = {}, {}
        for pk, start, status in queryset.order_by().values_list("pk", date_field, "current_status"):
            items[pk] = start
            now[status] = now.get(status, 0) + 1
        read[name] = (items, now)
    ids = [pk for items, _now in read.values() for pk in items]
    # The ids just read, not the items' filters again (each a join of a kind's table and the parent's).
    updates = (
        list(StatusUpdate.objects.filter(item_id__in=ids).order_by("on", "pk").values_list("item_id", "on", "new_status"))
        if ids else []
    )
    return {name: _summary(items, now, updates, today, periods) for name, (items, now) in read.items()}


def _summary(items, now, updates, today, periods):
    """The scorecard and yearly history of ``items`` (pk → start day), given every update in date order."""
    if not items:
        return Scorecard(now), []
    first = min((day for day in items.values() if day), default=today).year
    years = list(range(max(first, today.year - periods + 1), today.year + 1))
    current = {}
    result = []
    pending = iter(updates)
    update = next(pending, None)
    for year in years:
        year_end = datetime.date(year, 12, 31)
        while update is not None and update[1] <= year_end:
            current[update[0]] = update[2]  # other sets' items too: only this set's are counted
            update = next(pending, None)
        counts = {}
        for pk, start in items.items():
            if start is None or start <= year_end:
                status = current.get(pk, Status.NOT_RATED.value)
                counts[status] = counts.get(status, 0) + 1
        result.append(Period(str(year), Scorecard(counts)))
    return Scorecard(now), result


def recent_changes(updates, limit):
    """The newest of ``updates`` (a queryset of status updates of any kind), each with its
    item as the promise or directive it is, and their evidence.

    Two queries: the updates with their items, then the evidence of all of them."""
    evidence = Evidence.objects.with_article().order_by("pk")
    found = list(
        updates.select_related("item__promise", "item__directive")
        .prefetch_related(Prefetch("evidence", queryset=evidence))
        .order_by("-on", "-pk")[:limit]
    )
    for update in found:
        update.item = update.item.specific()
    return found
