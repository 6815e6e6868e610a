"""The statement finder: a pure function, so no database and nothing from Django.

Fixture articles live in ``fixtures/articles/``: ``NAME.txt`` is the text, ``NAME.json``
its expectations (``gold`` statements, ``either`` sentences that may go either way,
``not`` sentences that must not be returned, the article date ``on`` and ``country``).
A found quote matches an expected one when one contains the other or they share most
of their words (the rule of the seed annotation).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hst

from sources.statements import RULES, Actor, Name, Office, Statement, find_statements, name_on, split_sentences

HERE = Path(__file__).parent
SEED = HERE.parent / "corpus" / "seed-trend-2022-01-28.json"
FIXTURES = HERE / "fixtures" / "articles"
# Articles written before the rules that now read them (round 3): other outlets and countries, decree
# press releases, an annual address, a party congress, a TV debate, a coalition deal, hard negatives
# and four articles with nothing to find. Reported on their own, so a regression shows there first.
HELDOUT = FIXTURES / "heldout3"
# Five more, written after the round-3 rule changes and scored before any further change
# (P 1.00, R 0.75 then; the original rules: R 0.67): the honest estimate of unseen recall.
LATE = HELDOUT / "late"
# Round 4: twelve articles written after every rule above, in styles the rules were not tuned on (wire,
# press office lists, parliament, regional paper, interview Q&A, live blog, op-ed, translated English)
# and three negatives; scored before any change for it (see bench/statements.py).
HELDOUT4 = FIXTURES / "heldout4"
# Round 5: fourteen articles written after round 4's rules, unlike the earlier ones: datelines and bylines,
# captions and related links, split quotations, decree summaries and lists of instructions with their
# deadlines, campaign coverage with numbers, a manifesto explainer under subheads, a coalition pact, and
# four negatives (company guidance, a storm warning, a court fine, a history of old promises).
HELDOUT5 = FIXTURES / "heldout5"
# Round 6: fourteen articles written blind (without reading the rules or these tests): wire copy, a live blog,
# a debate report, a victory-speech transcript, a presidential press release, a party website, a local paper,
# a Q&A, an election explainer, a long read, and four negatives (company guidance and union demands, cricket,
# a court ruling, a columnist's wishes).
HELDOUT6 = FIXTURES / "heldout6"
# Round 7: fourteen articles written blind: the translated officialese of presidential and government press
# services and state news agencies (Central Asia, the Caucasus, Eastern Europe, the Gulf, Southeast Asia: task
# lists, meeting readouts, decree summaries), election coverage from Latin America, Africa, South Asia and Europe
# (coalitions, indirect speech, numbers and deadlines), and four negatives (a central bank's guidance, an NGO's
# demands, a football federation's instructions to clubs, a company's pledge to shareholders).
HELDOUT7 = FIXTURES / "heldout7"
# Round 8: twelve articles written blind: election coverage (an alliance's numbered pledge card and an independent
# candidate, a referendum campaign, a coalition manifesto summary under subheads, a runoff with an independent),
# presidential and cabinet readouts ("Following the meeting, the President instructed …", "The following
# instructions were issued:", "X was tasked with …"), a party congress where the leader orders party bodies, a Q&A
# interview with name labels, and three negatives (analysts' forecasts, a mayor's record, a minister's results).
HELDOUT8 = FIXTURES / "heldout8"



@dataclass(frozen=True)
class Round:
    """A held-out round: its folder, how many articles it has, and how many of them have nothing to find."""

    label: str
    folder: Path
    articles: int
    nothing: int


# In the order they were written. Untuned, before the rules were changed for them (bench/statements.py):
# round 4 P 0.83, R 0.52; round 5 P 0.89, R 0.59; round 6 (written blind) P 0.96, R 0.67; round 7 (written
# blind) P 0.97, R 0.58; round 8 (written blind) P 1.00, R 0.36.
HELDOUT_ROUNDS = [
    Round("round 3", HELDOUT, 20, 4),
    Round("round 4", HELDOUT4, 12, 3),
    Round("round 5", HELDOUT5, 14, 4),
    Round("round 6 (written blind)", HELDOUT6, 14, 4),
    Round("round 7 (written blind)", HELDOUT7, 14, 4),
    Round("round 8 (written blind)", HELDOUT8, 12, 3),
]

TOKAYEV = Actor(
    key="leader:3",
    kind="leader",
    names=(Name("Kassym-Jomart Tokayev"),),
    aliases=("Tokayev", "the Head of State"),
    offices=(
        Office("President", "Kazakhstan", date(2019, 6, 12)),
        Office("Chairman", "Nur Otan", date(2022, 1, 28), date(2022, 4, 26)),
    ),
    country="Kazakhstan",
)
NUR_OTAN = Actor(
    key="party:1",
    kind="party",
    names=(Name("Nur Otan", None, date(2022, 3, 1)), Name("Amanat", date(2022, 3, 1))),
    aliases=("Nur Otan party",),
    country="Kazakhstan",
)
JAS_OTAN = Actor(
    key="party:2", kind="party", names=(Name("Jas Otan"),), aliases=("Jas Otan party",), country="Kazakhstan"
)
SEED_ACTORS = (TOKAYEV, NUR_OTAN, JAS_OTAN)


# --------------------------------------------------------------------------- scoring helpers


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s.replace("’", "'").casefold())


def quotes_match(found: str, expected: str) -> bool:
    """One contains the other, or they share most of their words."""
    a, b = " ".join(_words(found)), " ".join(_words(expected))
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.8 and len(wa & wb) / max(len(wa), len(wb)) >= 0.5


@dataclass
class Score:
    name: str
    found: int
    gold: int
    hits: int
    false_positives: list[Statement]
    missed: list[dict]

    @property
    def precision(self) -> float:
        return 1.0 if self.found == 0 else (self.found - len(self.false_positives)) / self.found

    @property
    def recall(self) -> float:
        return 1.0 if self.gold == 0 else self.hits / self.gold


def _not_spans(text: str, expected: dict) -> list[tuple[int, int]]:
    spans = []
    for bad in expected.get("not", []):
        i = text.find(bad)
        while i >= 0:
            spans.append((i, i + len(bad)))
            i = text.find(bad, i + 1)
    return spans


def score(name: str, text: str, expected: dict, statements: list[Statement]) -> Score:
    """A found statement is a false positive when it matches no gold (of its kind) and no
    ``either`` sentence, or when it overlaps a ``not`` sentence (the rule of the hidden set)."""
    gold, either = expected.get("gold", []), expected.get("either", [])
    bad = _not_spans(text, expected)
    fps = [
        st
        for st in statements
        if any(st.start < e and s < st.end for s, e in bad)
        or not any(quotes_match(st.quote, g["quote"]) and st.kind == g["kind"] for g in gold)
        and not any(quotes_match(st.quote, q) for q in either)
    ]
    missed = [
        g for g in gold if not any(quotes_match(st.quote, g["quote"]) and st.kind == g["kind"] for st in statements)
    ]
    return Score(name, len(statements), len(gold), len(gold) - len(missed), fps, missed)


def load_fixture(path: Path) -> tuple[str, dict]:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return path.read_text(encoding="utf-8"), expected


def run_fixture(path: Path) -> tuple[str, dict, list[Statement]]:
    text, expected = load_fixture(path)
    actors = (
        SEED_ACTORS
        if expected.get("actors") == "seed"
        else tuple(
            Actor(a["key"], a["kind"], tuple(Name(n) for n in a["names"]), tuple(a.get("aliases", ())))
            for a in expected.get("actors") or ()
        )
    )
    on = date.fromisoformat(expected["on"]) if expected.get("on") else None
    return text, expected, find_statements(text, on=on, actors=actors, country=expected.get("country"))


def fixture_report(folder: Path = FIXTURES) -> tuple[list[Score], str]:
    """Precision and recall on every fixture article of ``folder``, as a small table."""
    scores = [score(p.stem, *run_fixture(p)) for p in sorted(folder.glob("*.txt"))]
    found = sum(s.found for s in scores)
    fp = sum(len(s.false_positives) for s in scores)
    gold = sum(s.gold for s in scores)
    hits = sum(s.hits for s in scores)
    lines = [f"{'article':32} found gold hits  FP  precision recall"]
    for s in scores:
        lines.append(
            f"{s.name:32} {s.found:5} {s.gold:4} {s.hits:4} {len(s.false_positives):3}  {s.precision:9.2f} {s.recall:6.2f}"
        )
    lines.append(
        f"{'ALL':32} {found:5} {gold:4} {hits:4} {fp:3}  {(found - fp) / max(found, 1):9.2f} {hits / max(gold, 1):6.2f}"
    )
    return scores, "\n".join(lines)


def seed():
    data = json.loads(SEED.read_text(encoding="utf-8"))
    return data["text"], data


# --------------------------------------------------------------------------- the seed article


@pytest.mark.parametrize("actors", [SEED_ACTORS, ()], ids=["known-actors", "no-actors"])
def test_it_finds_every_gold_directive_of_the_seed_article_and_nothing_else(actors):
    text, data = seed()
    found = find_statements(text, on=date(2022, 1, 28), actors=actors, country="Kazakhstan")
    result = score("seed", text, data, found)
    assert result.missed == []
    assert result.false_positives == []
    for st in found:
        assert st.kind == "directive"
        assert st.speaker == "Kassym-Jomart Tokayev"
        assert st.addressee == "Nur Otan"
        assert text[st.start : st.end] == st.quote


def test_it_never_returns_a_sentence_the_seed_marks_as_not_a_directive():
    text, data = seed()
    for actors in (SEED_ACTORS, ()):
        for st in find_statements(text, on=date(2022, 1, 28), actors=actors):
            for bad in data["not"]:
                i = text.index(bad)
                assert st.end <= i or st.start >= i + len(bad), (st.quote, bad)


def test_it_resolves_known_actors_to_their_keys():
    text, _ = seed()
    found = find_statements(text, on=date(2022, 1, 28), actors=SEED_ACTORS)
    assert {st.speaker_key for st in found} == {"leader:3"}
    assert {st.addressee_key for st in found} == {"party:1"}


def test_it_lets_a_continuation_quote_inherit_the_previous_speaker():
    text, _ = seed()
    found = find_statements(text, on=date(2022, 1, 28))
    st = next(s for s in found if "complete audit" in s.quote)
    assert st.quote.startswith("Therefore, the party")
    assert st.speaker == "Kassym-Jomart Tokayev"
    assert st.rule == "modal"


def test_it_keeps_each_quote_within_one_sentence_of_a_multi_sentence_quotation():
    text, _ = seed()
    spans = split_sentences(text)
    sentences = [text[s:e] for s, e in spans]
    assert any(s.startswith("Less is more.") for s in sentences)
    for st in find_statements(text, on=date(2022, 1, 28)):
        assert any(s <= st.start and st.end <= e for s, e in spans)


def test_it_extracts_the_action_after_the_trigger():
    text, _ = seed()
    first = find_statements(text, on=date(2022, 1, 28))[0]
    assert first.action == "focus on a number of priorities"
    assert first.rule == "called_on"


# --------------------------------------------------------------------------- names on a date


def test_it_names_a_renamed_party_as_it_was_called_on_the_article_date():
    assert name_on(NUR_OTAN, date(2022, 1, 28)) == "Nur Otan"
    assert name_on(NUR_OTAN, date(2022, 3, 1)) == "Amanat"  # valid_to is exclusive
    assert name_on(NUR_OTAN, None) == "Amanat"


def test_it_resolves_old_and_new_party_names_to_the_same_key():
    old = find_statements(
        "President Tokayev urged the Nur Otan party to renew its ranks.", on=date(2022, 1, 28), actors=SEED_ACTORS
    )
    new = find_statements(
        "The Head of State urged members of Amanat to renew the party's ranks.",
        on=date(2022, 6, 15),
        actors=SEED_ACTORS,
    )
    assert [(s.addressee, s.addressee_key) for s in old] == [("Nur Otan", "party:1")]
    assert [(s.addressee, s.addressee_key, s.speaker) for s in new] == [("Amanat", "party:1", "Kassym-Jomart Tokayev")]


def test_it_resolves_the_president_to_the_office_holder_on_the_article_date():
    text = "The president instructed the government to lower fuel prices."
    on_date = find_statements(text, on=date(2022, 1, 28), actors=SEED_ACTORS, country="Kazakhstan")
    before = find_statements(text, on=date(2018, 1, 28), actors=SEED_ACTORS, country="Kazakhstan")
    assert [(s.speaker, s.speaker_key) for s in on_date] == [("Kassym-Jomart Tokayev", "leader:3")]
    assert [s.speaker_key for s in before] in ([], [None])


def test_it_resolves_the_chairman_only_while_the_office_is_held():
    text = "The chairman called on the party to hold primaries."
    assert find_statements(text, on=date(2022, 2, 1), actors=SEED_ACTORS)[0].speaker_key == "leader:3"
    assert all(s.speaker_key is None for s in find_statements(text, on=date(2022, 6, 1), actors=SEED_ACTORS))


def test_it_finds_names_in_the_text_when_no_actors_are_known():
    text = (
        "Prime Minister of Moldova Elena Rusu met ministers on Monday. "
        "Rusu ordered the regional administrations to publish tariffs. "
        "She also urged the Ministry of Energy to repair boiler houses."
    )
    found = find_statements(text, on=date(2023, 3, 3))
    assert [(s.speaker, s.addressee) for s in found] == [
        ("Elena Rusu", "Regional administrations"),
        ("Elena Rusu", "Ministry of Energy"),
    ]


# --------------------------------------------------------------------------- what is not a statement


@pytest.mark.parametrize(
    "text",
    [
        "President Tokayev did not instruct the government to raise tariffs.",
        "Has President Tokayev instructed the government to raise tariffs?",
        "Tokayev said: “It is necessary to understand that reforms take time.”",
        "Trend reports that the government should raise tariffs.",
        "The newspaper urged the government to resign.",
        "Prices will rise by 8 percent, the central bank said.",
        "The meeting of the Nur Otan party will take place on Monday.",
        "The Nur Otan party was founded in 1999.",
        "Less is more.",
        "",
    ],
)
def test_it_returns_nothing_for_negations_questions_forecasts_and_plain_facts(text):
    assert find_statements(text, on=date(2022, 1, 28)) == []


# --------------------------------------------------------------------------- promises


def test_it_tells_a_party_promise_from_a_leaders_directive():
    text = (
        "President of Chile Lucia Paredes told the water authority to draw up rationing rules. "
        "The Green Future Party pledged to build 20,000 homes."
    )
    kinds = [(s.kind, s.speaker) for s in find_statements(text, on=date(2025, 1, 1))]
    assert kinds == [("directive", "Lucia Paredes"), ("promise", "Green Future Party")]


def test_it_reads_a_programme_list_as_promises_of_the_party():
    text = "The Labour Party published its manifesto on Monday.\n\nWe promise:\n- Raise the minimum wage to ten pounds.\n- Build 300,000 homes a year.\n\nThe weather was fine."
    found = find_statements(text, on=date(2024, 5, 1))
    assert [(s.kind, s.quote, s.speaker) for s in found] == [
        ("promise", "Raise the minimum wage to ten pounds.", "Labour Party"),
        ("promise", "Build 300,000 homes a year.", "Labour Party"),
    ]


def test_it_takes_we_will_in_a_candidates_quoted_words_as_a_promise():
    text = "“We will abolish the tax on pensions,” presidential candidate Grace Mwila said."
    [st] = find_statements(text, on=date(2026, 8, 1))
    assert (st.kind, st.speaker, st.quote) == ("promise", "Grace Mwila", "We will abolish the tax on pensions")


@pytest.mark.parametrize(
    ("text", "kind", "speaker", "addressee"),
    [
        (
            "Labour promised in its manifesto to recruit 6,500 new teachers and to cap corporate tax at 25 per cent.",
            "promise",
            "Labour",
            None,
        ),
        ("The Conservatives said they would scrap the tax on tips if elected.", "promise", "Conservatives", None),
        (
            "President William Ruto chaired the meeting. "
            "The president also ordered the Interior Cabinet Secretary to deploy police officers.",
            "directive",
            "William Ruto",
            "Interior Cabinet Secretary",
        ),
    ],
)
def test_it_finds_promises_and_directives_phrased_beyond_the_seed(text, kind, speaker, addressee):
    [st] = find_statements(text, on=date(2025, 1, 1))
    assert (st.kind, st.speaker, st.addressee) == (kind, speaker, addressee)


@pytest.mark.parametrize(
    "text",
    [
        "President William Ruto chaired the meeting. Last year, the president had urged parliament to pass the bill.",
        "President Ana Ferraz denied that she had ordered the police to investigate journalists.",
        "Economist Anna Weber said the government must cut the deficit.",
        "State Senator Paul Whitaker said the governor should build new reservoirs.",
        "Local resident Jan Morris said the government should have acted sooner.",
        "“We will open seven days a week,” said cafe owner Jamie Reid.",
        "PM orders ministers to cut waste\n\nThe weather was fine.",
    ],
)
def test_it_ignores_past_denied_and_non_political_statements_and_headlines(text):
    assert find_statements(text, on=date(2025, 1, 1)) == []


# --------------------------------------------------------------------------- fixture articles


@pytest.mark.parametrize(
    "path",
    [path for folder in (FIXTURES, LATE, *(r.folder for r in HELDOUT_ROUNDS)) for path in sorted(folder.glob("*.txt"))],
    ids=lambda p: p.stem,
)
def test_it_reaches_the_expected_statements_of_each_fixture_article(path):
    text, expected, found = run_fixture(path)
    result = score(path.stem, text, expected, found)
    assert [st.quote for st in result.false_positives] == []
    assert [g["quote"] for g in result.missed] == []
    for g in expected["gold"]:
        st = next(s for s in found if quotes_match(s.quote, g["quote"]))
        if "speaker" in g:
            assert st.speaker == g["speaker"], (st.quote, st.speaker)
        if "addressee" in g:
            assert st.addressee == g["addressee"], (st.quote, st.addressee)


def test_it_holds_precision_and_recall_over_all_fixtures(capsys):
    scores, report = fixture_report()
    with capsys.disabled():
        print("\n" + report)
    found = sum(s.found for s in scores)
    fps = sum(len(s.false_positives) for s in scores)
    assert found and (found - fps) / found >= 0.9
    assert sum(s.hits for s in scores) / sum(s.gold for s in scores) >= 0.9
    assert len(scores) >= 8


@pytest.mark.parametrize("held_out", HELDOUT_ROUNDS, ids=lambda r: r.label.split(" (")[0].replace(" ", "-"))
def test_it_holds_precision_and_recall_over_each_held_out_round(capsys, held_out):
    scores, report = fixture_report(held_out.folder)
    with capsys.disabled():
        print(f"\nheld-out, {held_out.folder.name}\n" + report)
    found = sum(s.found for s in scores)
    fps = sum(len(s.false_positives) for s in scores)
    assert len(scores) == held_out.articles
    assert sum(1 for s in scores if s.gold == 0) >= held_out.nothing  # articles with nothing to find
    assert found and (found - fps) / found >= 0.9
    assert sum(s.hits for s in scores) / sum(s.gold for s in scores) >= 0.9


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Hanna Berg assigned two officers to the inquiry.",
        "Minister Jan Kral told reporters the government would study the ruling before deciding how to pay.",
        "Opposition leader Jo Hart asked the Prime Minister to commit to a wealth tax.",
        "President Ana Lima signed the decree. Critics say the legislature should act, and the president should too.",
        "Electricity tariffs will rise by 10 percent, said President Ana Lima.",
        "Asked how she would build the homes, candidate Jo Hart said the details would follow.",
    ],
)
def test_it_leaves_places_other_clauses_demands_on_leaders_and_rising_charges_alone(text):
    assert find_statements(text, on=date(2025, 1, 1)) == []


@pytest.mark.parametrize(
    ("text", "kind", "speaker"),
    [
        (
            "President Serik Abenov spoke. He drew attention to the need to cut red tape for farmers.",
            "directive",
            "Serik Abenov",
        ),
        (
            "President Serik Abenov spoke. The Head of State pointed to the need to build new schools.",
            "directive",
            "Serik Abenov",
        ),
        (
            "President Serik Abenov spoke. In addition, the President proposed to introduce a single window.",
            "directive",
            "Serik Abenov",
        ),
        (
            "President Serik Abenov spoke. He demanded that akims personally oversee the heating season.",
            "directive",
            "Serik Abenov",
        ),
        (
            "President Lina Vos signed a decree. Per the decree, the Ministry of Finance shall allocate the funds.",
            "directive",
            "Lina Vos",
        ),
        (
            "President Lina Vos chaired a meeting. The Ministry of Defence is requested to assign aircraft.",
            "directive",
            "Lina Vos",
        ),
        (
            "President Lina Vos spoke. Instructions were given to the Agency for Planning to prepare a forecast.",
            "directive",
            "Lina Vos",
        ),
        (
            "Civic Alliance leader Ciarán Doyle opened by promising to freeze rents in every city.",
            "promise",
            "Ciarán Doyle",
        ),
        ("The Forward Party met. Forward is committed to building 40,000 homes.", "promise", "Forward Party"),
        ("The Forward Party met. It plans to freeze council rates for five years.", "promise", "Forward Party"),
        (
            "The Forward Party met. The manifesto promises to double funding for mental health.",
            "promise",
            "Forward Party",
        ),
        (
            "The Progressive People's Congress met. A PPC government would cut fuel taxes.",
            "promise",
            "Progressive People's Congress",
        ),
        ("“I'm going to plant 100,000 trees,” mayoral candidate Lucia Ortiz said.", "promise", "Lucia Ortiz"),
        # round 4: assigned, a colon before the quotation, a rising payment, an interview's answers, "led by her"
        (
            "Prime Minister Hanna Berg met mayors. The Prime Minister assigned the Ministry of Transport to repair "
            "the bridges.",
            "directive",
            "Hanna Berg",
        ),
        (
            "Prime Minister Hanna Berg visited Lund. Berg, speaking to reporters: “Landlords must freeze rents.”",
            "directive",
            "Hanna Berg",
        ),
        ("Pensions will rise by 5 percent next year, said President Ana Lima.", "promise", "Ana Lima"),
        (
            "We spoke to Jan Novak, chairman of the Civic Party.\n\nQ: And taxes?\nA: We are not going to raise VAT.",
            "promise",
            "Jan Novak",
        ),
        ("Opposition leader Jo Hart said a government led by her would scrap tuition fees.", "promise", "Jo Hart"),
        # round 5: split quotations, "told X that …", descriptions as subjects, documents, deadlines, one's own
        # government, a purpose infinitive
        ("“We will,” candidate Jo Hart said, “scrap tuition fees in our first year.”", "promise", "Jo Hart"),
        (
            "President Lina Vos spoke. “I have told every governor,” Vos said, “that no school is to stay closed.”",
            "directive",
            "Lina Vos",
        ),
        (
            "Candidate Jo Hart spoke in Lund. The 48-year-old former teacher, who leads the Civic Party, also "
            "promised that no pension would be taxed.",
            "promise",
            "Jo Hart",
        ),
        (
            "The Forward Party published its manifesto. It envisages free school meals for every child.",
            "promise",
            "Forward Party",
        ),
        (
            "The Forward Party signed a coalition deal. Under the pact, the pension age is to stay at 65.",
            "promise",
            "Forward Party",
        ),
        (
            "President Lina Vos signed a decree on Monday. Regional administrations have until 1 July to publish "
            "their budgets, the decree says.",
            "directive",
            "Lina Vos",
        ),
        ("“Government will build 5,000 homes this year,” President Lina Vos said.", "promise", "Lina Vos"),
        ("President Lina Vos used her address to order an audit of the land ministry.", "directive", "Lina Vos"),
        # round 6: rivals named after a description, "told the minister that I want", a pronoun for the
        # official named last, a speech transcript, "I promise you this:"
        ("His rival, the veteran economist Jan Kral, vowed to cut income tax.", "promise", "Jan Kral"),
        ("Her main challenger is Jan Kral. Mr Kral says he will renegotiate the gas contracts.", "promise", "Jan Kral"),
        (
            "We spoke to Premier Ana Lima.\n\nQ: What next?\n\nA: I told the health minister that I want every clinic open.",
            "directive",
            "Ana Lima",
        ),
        (
            "Prime Minister Ana Lima called the finance minister. She told her that the budget had to be cut.",
            "directive",
            "Ana Lima",
        ),
        (
            "The following is a transcript of the speech delivered by Governor Ana Lima on Sunday.\n\n"
            "Thank you all. We are going to finish the metro line.",
            "promise",
            "Ana Lima",
        ),
        ("“And I promise you this: every contract will be online,” candidate Jan Kral said.", "promise", "Jan Kral"),
    ],
)
def test_it_reads_directive_and_commitment_frames_beyond_fixed_verb_lists(text, kind, speaker):
    [st] = find_statements(text, on=date(2025, 1, 1))
    assert (st.kind, st.speaker) == (kind, speaker)


@pytest.mark.parametrize(
    "text",
    [
        "Minister Jan Kral met farmers. The minister plans to build a new road.",  # a plan, not a campaign promise
        "Union secretary-general Peter Mwangi said the Ministry of Health must pay arrears.",
        "The club's chairman, Ian Bell, said he still had full confidence in the manager.",
        "President Ana Lima spoke. Experts believe the government should cut taxes.",
        "He questioned the need to build a new airport, said President Ana Lima.",
        "When Ana Lima took office in January 2020, she promised to build 500 new schools.",
        # round 5: the noun "order", a contract, a history, a habit, a description of someone else
        "Mayor Ana Lima spoke. Ben Ortega said he supported the order but wanted to see results.",
        "The Forward Party met. Under the agreement, Gazprom will supply 10 bcm of gas.",
        "When the Liberal Party swept the 1996 election, its leader, Gordon Bell, promised to build a bridge.",
        "Governor Ana Lima spoke. Two years later, she ordered the ministry to shelve the plans.",
        "President Ana Lima spoke. She used to order ministers to cut waste.",
        "President Ana Lima spoke. The former governor also asked the ministry to resign.",
        # round 6: a sports body's chairman; a transcript's speaker is named, not guessed
        "The Cricket Board chairman, Faisal Rehman, has vowed that selectors will be given complete freedom.",
        "The following is a transcript of the speech. We are going to finish the metro line.",
    ],
)
def test_it_leaves_plans_non_leaders_opinions_doubts_and_old_promises_alone(text):
    assert find_statements(text, on=date(2025, 1, 1)) == []


def test_it_continues_a_partys_promises_across_a_subhead_with_every_and_our():
    text = (
        "The Forward Party promised to cut fares.\n\nHEALTH\n\nEvery village will have a clinic with a doctor.\n\n"
        "On day one, our senators will file a bill to cap rents."
    )
    found = find_statements(text, on=date(2025, 1, 1))
    assert [(st.kind, st.speaker) for st in found] == [("promise", "Forward Party")] * 3
    assert found[1].quote == "Every village will have a clinic with a doctor."


def test_it_gives_the_orders_of_a_signed_list_to_its_signatory_across_its_deadline_lines():
    text = (
        "President Lina Vos approved a list of instructions on Friday.\n\n"
        "The Ministry of Health is to open ten clinics in rural districts.\n"
        "Responsible: Prime Minister Jan Kral. Deadline: June 1.\n\n"
        "The Ministry of Finance shall allocate the money for the clinics."
    )
    found = find_statements(text, on=date(2025, 1, 1))
    assert [(s.kind, s.speaker, s.addressee) for s in found] == [
        ("directive", "Lina Vos", "Ministry of Health"),
        ("directive", "Lina Vos", "Ministry of Finance"),
    ]


def test_it_reads_a_list_after_a_partys_promise_as_more_of_it_and_a_summary_as_its_continuation():
    text = (
        "The Forward Party says it would build 100,000 homes a year.\n\n"
        "- Rents capped at inflation\n- An end to no-fault evictions\n\n"
        "Tax\n\nIncome tax would be cut to 15 percent."
    )
    found = find_statements(text, on=date(2025, 1, 1))
    assert [(s.kind, s.speaker) for s in found] == [("promise", "Forward Party")] * 4


def test_it_leaves_a_list_after_a_candidates_promise_alone():
    text = "Candidate Jo Hart promised to cut taxes.\n\n- Hart leads in polls\n- Rival says plan is costly"
    assert [s.quote for s in find_statements(text, on=date(2025, 1, 1))] == ["Candidate Jo Hart promised to cut taxes."]


# --------------------------------------------------------------------------- robustness


def test_every_rule_is_named_documented_and_unique():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(r.doc and r.kind in ("directive", "promise") and 0 < r.strength <= 1 for r in RULES)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hst.text(alphabet=hst.characters(codec="utf-8"), max_size=3000))
def test_it_never_crashes_and_quotes_are_verbatim_on_arbitrary_text(text):
    for st_ in find_statements(text, on=date(2022, 1, 28), actors=SEED_ACTORS):
        assert text[st_.start : st_.end] == st_.quote
        assert 0 <= st_.confidence <= 1


_WORDS = hst.sampled_from(
    'Tokayev president he the party Nur Otan called on instructed to should must will pledged “ ” " . , ? ! \n '
    "necessary it is government build raise - : We promise Our programme did not named as first task".split(" ")
)


@settings(max_examples=150, deadline=None)
@given(hst.lists(_WORDS, max_size=400).map(" ".join))
def test_it_keeps_quotes_verbatim_on_text_made_of_trigger_words(text):
    for st_ in find_statements(text, on=date(2022, 1, 28)):
        assert text[st_.start : st_.end] == st_.quote


def test_it_handles_an_enormous_sentence():
    # How its time grows with size is measured by bench/statements.py, not here.
    text = "President Tokayev called on the party to " + "work and " * 60_000 + "rest."
    found = find_statements(text, on=date(2022, 1, 28))
    for st_ in found:
        assert text[st_.start : st_.end] == st_.quote
