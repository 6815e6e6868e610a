"""The team's annotated set for evidence suggestion (fixtures/evidence_set.json): loading it into the
database, and scoring what was suggested against it (precision@3, recall@10)."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

SET = Path(__file__).parent / "fixtures" / "evidence_set.json"


@dataclass
class Loaded:
    items: dict[int, object] = field(default_factory=dict)  # the set's item id -> TrackedItem
    articles: dict[str, object] = field(default_factory=dict)  # the set's article id -> Article
    relevant: dict[str, set[int]] = field(default_factory=dict)  # article id -> TrackedItem pks
    heldout: set[str] = field(default_factory=set)  # articles written after the cut-offs were chosen


def load(prefix: str = "evset") -> Loaded:
    """Create the set's leaders, parties, topics, published items and fetched articles."""
    from directives.models import Directive
    from politics.models import Leader, LeaderAlias, Party, PartyAlias, PartyName, Topic
    from promises.models import Promise
    from sources.models import Article, Outlet, content_hash

    data = json.loads(SET.read_text(encoding="utf-8"))
    leaders, parties, topics, loaded = {}, {}, {}, Loaded()
    for row in data["leaders"]:
        leader = Leader.objects.create(full_name=row["full_name"], slug=f"{prefix}-{row['key']}", country="Norland")
        LeaderAlias.objects.bulk_create([LeaderAlias(leader=leader, alias=a) for a in row["aliases"]])
        leaders[row["key"]] = leader
    for row in data["parties"]:
        party = Party.objects.create(
            name=row["name"], slug=f"{prefix}-{row['key']}", country="Norland", abbreviation=row["abbreviation"]
        )
        PartyName.objects.bulk_create([PartyName(party=party, name=n, valid_to=datetime.date(2025, 1, 1)) for n in row["former"]])
        PartyAlias.objects.bulk_create([PartyAlias(party=party, alias=row["abbreviation"])])
        parties[row["key"]] = party
    for row in data["items"]:
        topic = topics.get(row["topic"]) or Topic.objects.get_or_create(
            slug=f"{prefix}-{slugify(row['topic'])}", defaults={"name": f"{row['topic']}"}
        )[0]
        topics[row["topic"]] = topic
        slug = f"{prefix}-{row['id']}"
        if row["kind"] == "promise":
            item = Promise.objects.create(
                slug=slug, title=row["title"], quote=row["quote"], party=parties.get(row.get("party")),
                leader=leaders.get(row.get("leader")), made_on=datetime.date(2025, 5, 1), is_published=True,
            )
        else:
            item = Directive.objects.create(
                slug=slug, action=row["title"], quote=row["quote"], issuer=leaders[row["issuer"]],
                other_addressees=row.get("addressees", ""), issued_on=datetime.date(2026, 1, 15), is_published=True,
            )
            if row.get("addressed_party"):
                item.addressed_parties.add(parties[row["addressed_party"]])
        item.topics.add(topic)
        loaded.items[row["id"]] = item
    for row in data["articles"]:
        outlet, _ = Outlet.objects.get_or_create(domain=f"{slugify(row['outlet'])}.example", defaults={"name": row["outlet"]})
        loaded.articles[row["id"]] = Article.objects.create(
            url=f"https://{outlet.domain}/{prefix}/{row['id']}", title=row["title"], outlet=outlet, text=row["text"],
            content_hash=content_hash(row["text"] + prefix), published_on=datetime.date.fromisoformat(row["date"]),
            state=Article.State.DONE,
        )
        loaded.relevant[row["id"]] = {loaded.items[i].pk for i in row["evidence_for"]}
        if row.get("heldout"):
            loaded.heldout.add(row["id"])
    return loaded


@dataclass
class Score:
    shown: int = 0  # suggestions in the top 3 of every article
    shown_right: int = 0
    relevant: int = 0  # (article, item) pairs of the set
    found: int = 0  # of those, in the article's top 10

    @property
    def precision_at_3(self) -> float:
        return self.shown_right / self.shown if self.shown else 1.0

    @property
    def recall_at_10(self) -> float:
        return self.found / self.relevant if self.relevant else 1.0


def score(loaded: Loaded, suggested: dict[str, list[int]], keys=None) -> Score:
    """``suggested``: for each article of the set, the suggested item pks, best first (``keys``: only these articles)."""
    out = Score()
    for key, relevant in loaded.relevant.items():
        if keys is not None and key not in keys:
            continue
        ranked = suggested.get(key, [])
        out.shown += len(ranked[:3])
        out.shown_right += len(set(ranked[:3]) & relevant)
        out.relevant += len(relevant)
        out.found += len(set(ranked[:10]) & relevant)
    return out
