"""The known actors, as statement finding wants them: ``statements.Actor`` values
built from politics' leaders (names, aliases, dated offices) and parties (dated
names, aliases, abbreviation). Six queries whatever the number of rows."""

from datetime import timedelta

from politics.models import Leader, Party

LEADER, PARTY = "leader", "party"


def actor_key(kind, pk):
    return f"{kind}:{pk}"


def parse_key(key):
    """``("leader", 3)`` from ``"leader:3"``; ``(None, None)`` for anything else."""
    kind, _, pk = (key or "").partition(":")
    if kind in (LEADER, PARTY) and pk.isdigit():
        return kind, int(pk)
    return None, None


def _leader_actor(leader, statements):
    return statements.Actor(
        key=actor_key(LEADER, leader.pk),
        kind=LEADER,
        names=(statements.Name(leader.full_name),),
        aliases=tuple(a.alias for a in leader.aliases.all()),
        # politics stores the first day out of office; statements wants the last day in it.
        offices=tuple(
            statements.Office(o.title, o.jurisdiction, o.start, o.end - timedelta(days=1) if o.end else None)
            for o in leader.offices.all()
        ),
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
