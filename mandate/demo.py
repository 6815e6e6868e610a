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

from core.translated import OTHER_LANGUAGES, column
from directives.models import Directive
from directives.services import directive_accept_candidate
from politics.models import Election, Leader, LeaderAlias, Office, Party, PartyAlias, PartyName, Programme, Topic
from promises.models import Promise
from sources.models import Article, Candidate, Outlet
from sources.services import document_ingest
from tracking.models import Status, StatusUpdate
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


# The demo in Russian and Kazakh (Kazakh in Cyrillic): each English text, as stored, with its
# translations. Quotes are not here: they stay as said.
ILLUSTRATIVE_IN = {"ru": "Условный пример", "kk": "Шартты мысал"}
NAMES = {
    # topics
    "Party organisation": ("Партийное строительство", "Партия құрылысы"),
    "Accountability": ("Подотчётность", "Есептілік"),
    "Anti-corruption": ("Противодействие коррупции", "Сыбайлас жемқорлыққа қарсы іс-қимыл"),
    "Youth": ("Молодёжь", "Жастар"),
    "Economy": ("Экономика", "Экономика"),
    "Social policy": ("Социальная политика", "Әлеуметтік саясат"),
    # the leader, the party and its wing, under all their names
    "Kassym-Jomart Tokayev": ("Касым-Жомарт Токаев", "Қасым-Жомарт Тоқаев"),
    "Tokayev": ("Токаев", "Тоқаев"),
    "the Head of State": ("Глава государства", "Мемлекет басшысы"),
    "Amanat": ("Аманат", "Аманат"),
    "Nur Otan": ("Нур Отан", "Нұр Отан"),
    "Nur Otan party": ("партия «Нур Отан»", "«Нұр Отан» партиясы"),
    "Amanat party": ("партия «Аманат»", "«Аманат» партиясы"),
    "the ruling party": ("правящая партия", "билеуші партия"),
    "Jas Otan": ("Жас Отан", "Жас Отан"),
    "the youth wing of Nur Otan": ("молодёжное крыло «Нур Отана»", "«Нұр Отанның» жастар қанаты"),
    # the election and the programme
    "2021 Kazakh legislative election (Majilis)": (
        "Выборы в Мажилис Парламента Казахстана 2021 года",
        "2021 жылғы Қазақстан Парламенті Мәжілісінің сайлауы",
    ),
    "Nur Otan's election programme for the 2021 Majilis election": (
        "Предвыборная программа партии «Нур Отан» на выборах в Мажилис 2021 года",
        "«Нұр Отан» партиясының 2021 жылғы Мәжіліс сайлауына арналған сайлауалды бағдарламасы",
    ),
    "The programme the party (then Nur Otan) put to voters for the 2021 Majilis election.": (
        "Программа, которую партия (тогда «Нур Отан») представила избирателям на выборах в Мажилис 2021 года.",
        "Партия (ол кезде «Нұр Отан») 2021 жылғы Мәжіліс сайлауында сайлаушыларға ұсынған бағдарлама.",
    ),
    "the government, regional administrations": ("правительство, акиматы", "үкімет, өңірлік әкімдіктер"),
    # the seed's nine directives, as their actions are stored
    "focus on a number of priorities": ("сосредоточиться на ряде приоритетов", "бірқатар басымдыққа назар аудару"),
    "strengthen solidarity in the party's ranks and consolidate the constructive forces of society": (
        "укреплять сплочённость в рядах партии и консолидировать конструктивные силы общества",
        "партия қатарындағы ынтымақты нығайту және қоғамның сындарлы күштерін топтастыру",
    ),
    "do not copy the work of state bodies": (
        "не дублировать работу государственных органов",
        "мемлекеттік органдардың жұмысын қайталамау",
    ),
    "concentrate on ideological and personnel work": (
        "сосредоточиться на идеологической и кадровой работе",
        "идеологиялық және кадр жұмысына шоғырлану",
    ),
    "audit the fulfillment of election promises with the government and regional administrations": (
        "вместе с правительством и акиматами провести ревизию выполнения предвыборных обещаний",
        "үкіметпен және өңірлік әкімдіктермен бірге сайлауалды уәделердің орындалуын тексеру",
    ),
    "review the party's organizational structure: an executive secretary instead of the first deputy, plus "
    "secretaries by area": (
        "пересмотреть организационную структуру партии: вместо первого заместителя — ответственный секретарь, "
        "а также секретари по направлениям",
        "партияның ұйымдық құрылымын қайта қарау: бірінші орынбасардың орнына — жауапты хатшы, сондай-ақ "
        "бағыттар бойынша хатшылар",
    ),
    "radically update public councils' plans and composition; cooperate with other parties and public associations": (
        "кардинально обновить планы и состав общественных советов; сотрудничать с другими партиями и "
        "общественными объединениями",
        "қоғамдық кеңестердің жоспарлары мен құрамын түбегейлі жаңарту; басқа партиялармен және қоғамдық "
        "бірлестіктермен ынтымақтасу",
    ),
    "renew the Majilis faction; involve members in regional socio-economic problems; intensify public receptions": (
        "обновить фракцию в Мажилисе; вовлекать депутатов в решение социально-экономических проблем регионов; "
        "активизировать работу общественных приёмных",
        "Мәжілістегі фракцияны жаңарту; депутаттарды өңірлердің әлеуметтік-экономикалық мәселелерін шешуге тарту; "
        "қоғамдық қабылдаулардың жұмысын жандандыру",
    ),
    "renew the anti-corruption strategy, dismiss opportunists and careerists, strengthen the Jas Otan youth wing": (
        "обновить антикоррупционную стратегию, избавиться от конъюнктурщиков и карьеристов, укрепить молодёжное "
        "крыло «Жас Отан»",
        "сыбайлас жемқорлыққа қарсы стратегияны жаңарту, конъюнктурашылар мен мансапқорлардан арылу, «Жас Отан» "
        "жастар қанатын нығайту",
    ),
}
# The illustrative promises' titles and the illustrative updates' explanations, after "Illustrative example: ".
ILLUSTRATIONS = {
    "raise the minimum wage": ("повысить минимальную зарплату", "ең төменгі жалақыны көтеру"),
    "build new schools in the regions": ("построить новые школы в регионах", "өңірлерде жаңа мектептер салу"),
    "open a public reception office in every district": (
        "открыть общественную приёмную в каждом районе",
        "әр ауданда қоғамдық қабылдау бөлмесін ашу",
    ),
    "publish a yearly report on the fulfilment of election promises": (
        "ежегодно публиковать отчёт о выполнении предвыборных обещаний",
        "сайлауалды уәделердің орындалуы туралы жыл сайын есеп жариялау",
    ),
    "create jobs for young people through the youth wing": (
        "создавать рабочие места для молодёжи через молодёжное крыло",
        "жастар қанаты арқылы жастарға жұмыс орындарын ашу",
    ),
    "a first increase was announced": ("объявлено первое повышение", "алғашқы көтеру жарияланды"),
    "the wage rose, but less than promised": (
        "зарплата выросла, но меньше обещанного",
        "жалақы өсті, бірақ уәде етілгеннен аз",
    ),
    "construction started in several regions": (
        "строительство началось в нескольких регионах",
        "бірнеше өңірде құрылыс басталды",
    ),
    "no new offices opened after the first few": (
        "после первых нескольких новые приёмные не открывались",
        "алғашқы бірнешеуінен кейін жаңа қабылдау бөлмелері ашылмады",
    ),
    "the first report was published": ("опубликован первый отчёт", "алғашқы есеп жарияланды"),
    "the party announced an audit of its promises": (
        "партия объявила о ревизии своих обещаний",
        "партия өз уәделерін тексеретінін жариялады",
    ),
    "the party adopted a new structure": ("партия утвердила новую структуру", "партия жаңа құрылымды бекітті"),
}


def demo_translations():
    """``{English text as stored: {"ru": …, "kk": …}}`` for every translated text of the demo."""
    found = {english: dict(zip(OTHER_LANGUAGES, texts, strict=True)) for english, texts in NAMES.items()}
    for english, texts in ILLUSTRATIONS.items():
        found[f"{ILLUSTRATIVE}: {english}"] = {
            code: f"{ILLUSTRATIVE_IN[code]}: {text}" for code, text in zip(OTHER_LANGUAGES, texts, strict=True)
        }
        found[f"{ILLUSTRATIVE}: {english}."] = {
            code: f"{ILLUSTRATIVE_IN[code]}: {text}." for code, text in zip(OTHER_LANGUAGES, texts, strict=True)
        }
    return found


# Every translated field of the demo's rows.
TRANSLATED_FIELDS = [
    (Topic, "name"),
    (Leader, "full_name"),
    (LeaderAlias, "alias"),
    (Party, "name"),
    (PartyName, "name"),
    (PartyAlias, "alias"),
    (Election, "name"),
    (Programme, "title"),
    (Programme, "summary"),
    (Directive, "action"),
    (Directive, "other_addressees"),
    (Promise, "title"),
    (StatusUpdate, "explanation"),
]


def translate_demo(demo):
    """Give the demo's texts their Russian and Kazakh versions where they have none yet (so an
    editor's own translation is never overwritten, and a second run changes nothing)."""
    translations = demo_translations()
    for model, name in TRANSLATED_FIELDS:
        for row in model.objects.filter(**{f"{name}__in": list(translations)}):
            for code, text in translations[getattr(row, name)].items():
                if not getattr(row, column(name, code)):
                    model.objects.filter(pk=row.pk).update(**{column(name, code): text})


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
    translate_demo(demo)
    return demo
