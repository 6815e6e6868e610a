"""A small, coherent demo: Tokayev, Nur Otan/Amanat, the 2021 Majilis election, the
seed article from Trend and the nine directives it reports, plus a few clearly
labelled ILLUSTRATIVE promises and status updates so every page has something.

Every step is keyed (slug, URL, natural key) and uses ``get_or_create``, and status
updates are recorded only on items that have none: loading twice changes nothing.
The seed article goes through the ingestion pipeline like any other document,
and its directives are the candidates statement finding proposes, judged against
the article's annotations as an editor would judge them in the review queue: eight
are accepted; one directive and the candidates that carry none are left in the
queue, for whoever tries the demo to judge.
"""

import datetime
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from directives.services import directive_accept_candidate
from politics.models import Election, Leader, LeaderAlias, Office, Party, PartyAlias, PartyName, Programme, Topic
from promises.models import Promise
from sources.models import Article, Candidate, Outlet
from sources.services import document_ingest
from tracking.models import Status
from tracking.services import candidate_result, item_create, record_status, source_add
from tracking.similarity import word_overlap

SEED = settings.BASE_DIR / "sources" / "corpus" / "seed-trend-2022-01-28"
ARTICLE_DATE = datetime.date(2022, 1, 28)
RENAMED_ON = datetime.date(2022, 3, 1)
ILLUSTRATIVE = "Illustrative example"

TOPICS = {
    "party-organisation": "Party organisation",
    "accountability": "Accountability",
    "anti-corruption": "Anti-corruption",
    "youth": "Youth",
    "economy": "Economy",
    "social-policy": "Social policy",
}

# Topics of the nine directives, by a word of their action.
DIRECTIVE_TOPICS = {
    "audit": ["accountability"],
    "anti-corruption": ["anti-corruption", "youth"],
    "organizational": ["party-organisation"],
    "solidarity": ["party-organisation"],
    "public councils": ["party-organisation"],
    "majilis": ["accountability"],
}


@dataclass
class Demo:
    """What the steps create, for the steps after them."""

    topics: dict = field(default_factory=dict)
    leader: Leader | None = None
    party: Party | None = None
    programme: Programme | None = None
    article: Article | None = None
    editor: object = None
    directives: list = field(default_factory=list)
    promises: list = field(default_factory=list)
    left: list = field(default_factory=list)  # candidates left new in the review queue


def load_topics(demo):
    for slug, name in TOPICS.items():
        demo.topics[slug], _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name})


def load_actors(demo):
    leader, _ = Leader.objects.get_or_create(
        slug="kassym-jomart-tokayev",
        defaults={"full_name": "Kassym-Jomart Tokayev", "country": "Kazakhstan", "born_on": datetime.date(1953, 5, 17)},
    )
    for alias in ("Tokayev", "the Head of State"):
        LeaderAlias.objects.get_or_create(leader=leader, alias=alias)
    Office.objects.get_or_create(
        leader=leader, title="President", jurisdiction="Kazakhstan", start=datetime.date(2019, 6, 12)
    )
    Office.objects.get_or_create(
        leader=leader, title="Chairman", jurisdiction="Nur Otan", start=ARTICLE_DATE,
        defaults={"end": datetime.date(2022, 4, 26)},
    )
    party, _ = Party.objects.get_or_create(
        slug="amanat", defaults={"name": "Amanat", "country": "Kazakhstan", "founded_on": datetime.date(1999, 3, 1)}
    )
    PartyName.objects.get_or_create(party=party, name="Nur Otan", valid_from=None, defaults={"valid_to": RENAMED_ON})
    PartyName.objects.get_or_create(party=party, name="Amanat", valid_from=RENAMED_ON)
    for alias in ("Nur Otan party", "Amanat party", "the ruling party"):
        PartyAlias.objects.get_or_create(party=party, alias=alias)
    wing, _ = Party.objects.get_or_create(
        slug="jas-otan", defaults={"name": "Jas Otan", "country": "Kazakhstan", "parent": party}
    )
    PartyAlias.objects.get_or_create(party=wing, alias="the youth wing of Nur Otan")
    demo.leader, demo.party = leader, party


def load_election(demo):
    election, _ = Election.objects.get_or_create(
        country="Kazakhstan", held_on=datetime.date(2021, 1, 10), kind=Election.Kind.PARLIAMENTARY,
        defaults={"name": "2021 Kazakh legislative election (Majilis)", "slug": "kazakhstan-majilis-2021"},
    )
    demo.programme, _ = Programme.objects.get_or_create(
        slug="nur-otan-programme-2021",
        defaults={
            "title": "Nur Otan's election programme for the 2021 Majilis election",
            "election": election,
            "party": demo.party,
            "summary": "The programme the party (then Nur Otan) put to voters for the 2021 Majilis election.",
        },
    )


def load_article(demo):
    """The seed article, ingested like any other document: text, date (its dateline), outlet
    (registered for its domain, as an editor registers an outlet), statement finding, candidates."""
    Outlet.objects.get_or_create(
        domain="trend.az",
        defaults={"name": "Trend", "country": "Azerbaijan", "language": "en", "website": "https://en.trend.az/"},
    )
    annotations = json.loads(SEED.with_suffix(".json").read_text(encoding="utf-8"))
    result = document_ingest(str(SEED.with_suffix(".txt")), canonical_url=annotations["url"])
    if result.state != Article.State.DONE:
        raise RuntimeError(f"The seed article could not be ingested: {result.state} {result.reason}")
    Article.objects.filter(pk=result.article.pk, language="").update(language="en")
    demo.article = Article.objects.get(pk=result.article.pk)
    return annotations


def _gold_for(candidate, gold_items):
    """The annotated directive a candidate reports, if any (the corpus README's matching rule)."""
    for gold in gold_items:
        if gold["quote"] in candidate.sentence or candidate.sentence in gold["quote"]:
            return gold
        if word_overlap(gold["quote"], candidate.sentence) >= 0.6:
            return gold
    return None


# The annotated directive the demo leaves in the review queue, for a newcomer to accept.
LEFT_FOR_REVIEW = "anti-corruption"


def directives_from_candidates(demo, annotations):
    """Review the seed article's candidates as an editor would: accept those that carry
    one of the annotated directives, with the annotation's short action (the editor's
    correction of the pre-filled form). The others, and the directive about the
    anti-corruption strategy, are left new in the review queue: a newcomer sees the
    review work, the product's core, on real candidates (``demo.left``).

    Judged candidates are skipped and the same ones are left, so a second run changes nothing."""
    gold_items = [g for g in annotations["gold"] if g["kind"] == "directive"]
    candidates = demo.article.candidates.select_related("article", "speaker", "addressee_party").order_by("start")
    for candidate in candidates:
        gold = _gold_for(candidate, gold_items)
        if candidate.state == Candidate.State.NEW:
            if gold is None or candidate.kind != Candidate.Kind.DIRECTIVE or LEFT_FOR_REVIEW in gold["action"]:
                demo.left.append(candidate)
                continue
            action = gold["action"]
            audit = "audit" in action
            directive_accept_candidate(
                candidate=candidate, editor=demo.editor, action=action,
                issuer=demo.leader, addressed_parties=[demo.party], is_published=True,
                other_addressees="the government, regional administrations" if audit else "",
                programmes=[demo.programme] if audit else None,
                topics=[demo.topics[s] for word, slugs in DIRECTIVE_TOPICS.items() if word in action.lower() for s in slugs],
            )
        directive = candidate_result(candidate)
        if directive:
            demo.directives.append(directive)


# (slug, title, topic, target date, [(status, date, explanation)]); all illustrative.
PROMISES = [
    ("illustrative-minimum-wage", "raise the minimum wage", "economy", datetime.date(2023, 12, 31), [
        (Status.IN_PROGRESS, datetime.date(2022, 1, 15), "a first increase was announced"),
        (Status.PARTIALLY_FULFILLED, datetime.date(2023, 1, 10), "the wage rose, but less than promised"),
    ]),
    ("illustrative-schools", "build new schools in the regions", "social-policy", datetime.date(2030, 12, 31), [
        (Status.IN_PROGRESS, datetime.date(2022, 6, 1), "construction started in several regions"),
    ]),
    ("illustrative-public-receptions", "open a public reception office in every district", "accountability",
     datetime.date(2021, 12, 31), [
        (Status.STALLED, datetime.date(2022, 2, 1), "no new offices opened after the first few"),
    ]),
    ("illustrative-promise-report", "publish a yearly report on the fulfilment of election promises",
     "accountability", None, [
        (Status.FULFILLED, datetime.date(2022, 12, 20), "the first report was published"),
    ]),
    ("illustrative-youth-jobs", "create jobs for young people through the youth wing", "youth", None, []),
]


def illustrative_promises(demo):
    for slug, title, topic, target, updates in PROMISES:
        promise = Promise.objects.filter(slug=slug).first()
        if promise is None:
            promise = item_create(
                model=Promise, editor=demo.editor, many={"topics": [demo.topics[topic]]}, slug=slug,
                title=f"{ILLUSTRATIVE}: {title}",
                quote=f"{ILLUSTRATIVE}, not a quotation from the programme: we will {title}.",
                programme=demo.programme, party=demo.party, made_on=datetime.date(2020, 12, 15), target_date=target,
                is_published=True,
            )
        source_add(item=promise, url=f"https://example.org/illustrative/{slug}", title=f"{ILLUSTRATIVE} source")
        if not promise.status_updates.exists():
            for status, on, explanation in updates:
                record_status(
                    item=promise, status=status, on=on, editor=demo.editor,
                    explanation=f"{ILLUSTRATIVE}: {explanation}.",
                    evidence=[{"url": f"https://example.org/illustrative/{slug}/{on.isoformat()}",
                               "title": f"{ILLUSTRATIVE} report: {explanation}"}],
                )
        demo.promises.append(promise)


def illustrative_directive_updates(demo):
    """Two directives get an illustrative history, so their pages show one."""
    for directive in demo.directives:
        if directive.status_updates.exists():
            continue
        if "audit" in directive.action:
            status, explanation = Status.IN_PROGRESS, "the party announced an audit of its promises"
        elif "organizational" in directive.action:
            status, explanation = Status.FULFILLED, "the party adopted a new structure"
        else:
            continue
        record_status(
            item=directive, status=status, on=datetime.date(2022, 3, 1), editor=demo.editor,
            explanation=f"{ILLUSTRATIVE}: {explanation}.",
            evidence=[{"url": f"https://example.org/illustrative/{directive.slug}",
                       "title": f"{ILLUSTRATIVE} report: {explanation}"}],
        )


def demo_editor():
    """The editor of the illustrative updates: an account nobody can log in with."""
    user, created = get_user_model().objects.get_or_create(
        username="demo-editor", defaults={"first_name": "Demo", "last_name": "Editor", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load_demo(*, directive_step=directives_from_candidates):
    """Load the demo; return what it holds. ``directive_step(demo, annotations)`` fills ``demo.directives``."""
    demo = Demo(editor=demo_editor())
    load_topics(demo)
    load_actors(demo)
    load_election(demo)
    annotations = load_article(demo)
    directive_step(demo, annotations)
    illustrative_directive_updates(demo)
    illustrative_promises(demo)
    return demo
