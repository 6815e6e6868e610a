"""The known actors, as statement finding wants them: ``statements.Actor`` values
built from politics' leaders (names, aliases, dated offices) and parties (dated
names, aliases, abbreviation). Six queries whatever the number of rows, and
``current_actors()`` skips even those while nothing has changed."""

import re
import threading
import time

from django.db import connection

from politics.models import Leader, LeaderAlias, Office, Party, PartyAlias, PartyName

LEADER, PARTY = "leader", "party"


def actor_key(kind, pk):
    return f"{kind}:{pk}"


def parse_key(key):
    """``("leader", 3)`` from ``"leader:3"``; ``(None, None)`` for anything else."""
    kind, _, pk = (key or "").partition(":")
    if kind in (LEADER, PARTY) and pk.isdigit():
        return kind, int(pk)
    return None, None


def parties_named(text, actors):
    """``[(start, end, party id)]``: every party ``text`` names, under any of its names,
    aliases or its abbreviation, as whole words (an abbreviation in capitals only as such)."""
    found = []
    for actor in actors:
        kind, pk = parse_key(actor.key)
        if kind != PARTY:
            continue
        for name in {n.text for n in actor.names} | set(actor.aliases):
            flags = 0 if name.isupper() else re.IGNORECASE
            found += [(m.start(), m.end(), pk) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags)]
    return found


# How far from the speaker's name a party's name may stand to be the speaker's party
# ("Amanat party chairman Yerlan Koshanov", "Koshanov, the head of the Amanat party,").
SPEAKER_PARTY_REACH = 40


def speaker_party(sentence, speaker, *, actors, leader_key=None, on=None):
    """The id of the party a statement's speaker speaks for, or None: the party named
    beside the speaker in ``sentence``, else the one whose name is the jurisdiction of an
    office the speaker (a known leader, ``leader_key``) held on ``on`` ("Chairman, Nur Otan")."""
    at = sentence.find(speaker) if speaker else -1
    if at >= 0:
        end = at + len(speaker)
        near = sorted(
            (max(at - stop, start - end), pk)
            for start, stop, pk in parties_named(sentence, actors)
            if max(at - stop, start - end) <= SPEAKER_PARTY_REACH
        )
        if near:
            return near[0][1]
    leader = next((actor for actor in actors if actor.key == leader_key), None)
    if leader is not None:
        for office in leader.offices:
            if office.held_on(on):
                named = [pk for start, stop, pk in parties_named(office.jurisdiction, actors)
                         if (start, stop) == (0, len(office.jurisdiction))]
                if named:
                    return named[0]
    return None


def _leader_actor(leader, statements):
    return statements.Actor(
        key=actor_key(LEADER, leader.pk),
        kind=LEADER,
        names=(statements.Name(leader.full_name),),
        aliases=tuple(a.alias for a in leader.aliases.all()),
        offices=tuple(statements.Office(o.title, o.jurisdiction, o.start, o.end) for o in leader.offices.all()),
        country=leader.country,
    )


def _party_actor(party, statements):
    dated = [statements.Name(n.name, n.valid_from, n.valid_to) for n in party.names.all()]
    if not any(n.text == party.name and n.valid_to is None for n in dated):
        # The current name holds from the day the last dated name stopped being used.
        ends = [n.valid_to for n in dated if n.valid_to]
        dated.append(statements.Name(party.name, max(ends) if ends else None, None))
    aliases = [a.alias for a in party.aliases.all()]
    if party.abbreviation:
        aliases.append(party.abbreviation)
    return statements.Actor(
        key=actor_key(PARTY, party.pk), kind=PARTY, names=tuple(dated), aliases=tuple(aliases), country=party.country
    )


def known_actors():
    """Every leader and party as a ``statements.Actor``."""
    from sources import statements

    leaders = Leader.objects.prefetch_related("aliases", "offices")
    parties = Party.objects.prefetch_related("names", "aliases")
    return [_leader_actor(leader, statements) for leader in leaders] + [
        _party_actor(party, statements) for party in parties
    ]


# --- a per-process cache -------------------------------------------------------------
#
# Building the actors costs six queries; a worker finding statements in a thousand
# articles would run them a thousand times for the same answer. The cache is keyed
# by a fingerprint of the tables (row counts, highest ids, latest edits) that one
# query computes, and kept at most MAX_AGE seconds in case an alias is edited in
# place (the only change the fingerprint cannot see).

MAX_AGE = 300
_lock = threading.Lock()
_cached = {"fingerprint": None, "at": 0.0, "actors": None}


def _fingerprint_sql():
    columns = []
    for model in (Leader, LeaderAlias, Office, Party, PartyAlias, PartyName):
        table = connection.ops.quote_name(model._meta.db_table)
        columns += [f"(SELECT COUNT(*) FROM {table})", f"(SELECT MAX(id) FROM {table})"]
        if model in (Leader, Party):
            columns.append(f"(SELECT MAX(updated_at) FROM {table})")
        if model in (Office, PartyName):
            # They carry no timestamp of their own; their history does.
            history = connection.ops.quote_name(model.history.model._meta.db_table)
            columns.append(f"(SELECT MAX(history_id) FROM {history})")
    return "SELECT " + ", ".join(columns)


def _fingerprint():
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        return tuple(cursor.fetchone())


def current_actors():
    """``known_actors()``, rebuilt only when the politics tables have changed."""
    fingerprint = (connection.alias, _fingerprint())
    now = time.monotonic()
    with _lock:
        if _cached["fingerprint"] == fingerprint and now - _cached["at"] < MAX_AGE:
            return _cached["actors"]
    actors = known_actors()
    with _lock:
        _cached.update(fingerprint=fingerprint, at=now, actors=actors)
    return actors
