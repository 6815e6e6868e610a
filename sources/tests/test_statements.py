"""The statement finder: a pure package, so no database and nothing from Django.

These tests assert behaviours on sentences written for them, not scores: a score measured on
the articles the model was fitted to says nothing about the next article (the cross-validated
figures are printed by ``bench/statements.py`` and kept in the weights' card).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hst

from sources.statements import Actor, Name, Office, corpus, find_statements, model, name_on

SEED = Path(__file__).parent.parent / "corpus" / "seed-trend-2022-01-28.json"

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
SEED_ACTORS = (TOKAYEV, NUR_OTAN)


def only(statements, kind=None):
    """The one statement found (of a kind), failing with what was found otherwise."""
    found = [s for s in statements if kind is None or s.kind == kind]
    assert len(found) == 1, [(s.kind, s.quote, round(s.confidence, 2)) for s in statements]
    return found[0]


# --------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed():
    return corpus.read_json_article(SEED, "seed")


@pytest.mark.parametrize("actors", [(), SEED_ACTORS], ids=["no known actors", "known actors"])
def test_it_finds_every_directive_of_the_seed_and_attributes_it_to_tokayev(seed, actors):
    found = find_statements(seed.text, on=date(2022, 1, 28), actors=actors)
    for item in seed.gold:
        matches = [s for s in found if corpus.overlap(s.quote, item["quote"])]
        assert matches, f"not found: {item['quote']}"
        assert all(s.kind == "directive" for s in matches), item["quote"]
        assert any("Tokayev" in (s.speaker or "") for s in matches), [(s.quote, s.speaker) for s in matches]


def test_it_returns_none_of_the_sentences_the_seed_marks_as_no_directive(seed):
    found = find_statements(seed.text, on=date(2022, 1, 28))
    for sentence in seed.not_:
        assert not [s.quote for s in found if corpus.overlap(s.quote, sentence)], sentence


def test_it_resolves_known_actors_to_their_keys(seed):
    found = find_statements(seed.text, on=date(2022, 1, 28), actors=SEED_ACTORS)
    assert {s.speaker_key for s in found if "Tokayev" in (s.speaker or "")} == {"leader:3"}


# --------------------------------------------------------------------------- orders


def test_it_finds_an_active_order_with_its_speaker_and_addressee():
    text = "President Amara Okafor instructed the finance ministry to publish the budget by June."
    st = only(find_statements(text))
    assert (st.kind, st.speaker) == ("directive", "Amara Okafor")
    assert st.addressee_text == "the finance ministry"
    assert st.quote == text and (st.start, st.end) == (0, len(text))
    assert "publish the budget" in st.action


def test_it_attributes_a_passive_order_to_its_agent():
    text = (
        "The cyclone is expected to reach the coast on Thursday.\n\n"
        "The weather office has been instructed by Prime Minister Nalini Rao to issue hourly warnings."
    )
    st = only(find_statements(text))
    assert (st.kind, st.speaker) == ("directive", "Nalini Rao")
    assert st.addressee_text == "The weather office"


def test_it_gives_a_readouts_passive_orders_to_the_leader_who_chaired_the_meeting():
    text = (
        "President Tomas Varga chaired a meeting on the heating season on Monday.\n\n"
        "The Ministry of Energy was instructed to repair all boiler houses before October."
    )
    st = only(find_statements(text))
    assert (st.kind, st.speaker) == ("directive", "Tomas Varga")
    assert st.addressee_text == "The Ministry of Energy"


def test_it_resolves_a_pronoun_to_the_person_the_story_is_about():
    text = (
        "Prime Minister Elena Moreau met regional governors in the capital on Tuesday.\n\n"
        "While speaking to Governor Paul Dubois, she ordered all regions to clear the flood channels within a week."
    )
    st = only(find_statements(text))
    assert (st.kind, st.speaker_text, st.speaker) == ("directive", "she", "Elena Moreau")


def test_it_resolves_a_title_to_the_office_holder_on_the_articles_date():
    text = "The president instructed the government to audit the fulfilment of election promises."
    on_the_day = only(find_statements(text, on=date(2022, 1, 28), actors=SEED_ACTORS, country="Kazakhstan"))
    assert (on_the_day.speaker, on_the_day.speaker_key) == ("Kassym-Jomart Tokayev", "leader:3")
    # Before he took office, "the president" was somebody else.
    before = find_statements(text, on=date(2018, 1, 28), actors=SEED_ACTORS, country="Kazakhstan")
    assert all(s.speaker_key != "leader:3" for s in before)


def test_it_resolves_the_chairman_only_while_the_office_is_held():
    text = "The party chairman instructed the regional branches to hold open meetings with voters."
    during = find_statements(text, on=date(2022, 2, 1), actors=SEED_ACTORS)
    after = find_statements(text, on=date(2022, 6, 1), actors=SEED_ACTORS)
    assert [s.speaker_key for s in during] == ["leader:3"]
    assert all(s.speaker_key != "leader:3" for s in after)


# --------------------------------------------------------------------------- promises


def test_it_finds_a_candidates_pledge_and_a_reported_promise():
    text = (
        "Opposition candidate Maria Lopes pledged on Sunday to build 50,000 social homes if elected.\n\n"
        "Lopes said her government would cut the tax on fuel by half within its first year."
    )
    found = find_statements(text)
    assert [(s.kind, s.speaker) for s in found] == [("promise", "Maria Lopes"), ("promise", "Maria Lopes")]


def test_it_attributes_the_items_of_a_manifesto_list_to_the_party():
    text = (
        "The Green Future Party published its manifesto on Monday.\n\n"
        "If elected, the party promises to:\n\n"
        "- Build 100,000 affordable homes by 2030.\n\n"
        "- Plant a million trees in the first term.\n\n"
        "- Abolish tuition fees for nursing students."
    )
    found = find_statements(text)
    items = [s for s in found if s.quote.startswith("-")]
    assert len(items) == 3, [(s.kind, s.quote) for s in found]
    assert {(s.kind, s.speaker) for s in items} == {("promise", "Green Future Party")}


def test_it_names_a_renamed_party_as_it_was_called_on_the_articles_date():
    assert name_on(NUR_OTAN, date(2022, 1, 28)) == "Nur Otan"
    assert name_on(NUR_OTAN, date(2022, 3, 1)) == "Amanat"
    text = "The Nur Otan party will build 200 schools in rural districts by 2025, its leaders pledged."
    st = only(find_statements(text, on=date(2022, 1, 28), actors=SEED_ACTORS))
    assert (st.kind, st.speaker_key) == ("promise", "party:1")


# --------------------------------------------------------------------------- what is not a statement


@pytest.mark.parametrize(
    "text",
    [
        # a negation and a denial
        "President Amara Okafor did not instruct the central bank to cut interest rates.",
        "The finance minister denied that the government would raise the pension age.",
        # decisions already taken, results
        "Last year the government raised the minimum wage by 12 percent.",
        "The ruling party won 54 percent of the vote in Sunday's election.",
        # a forecast with nobody committing, a question, plain news
        "Analysts expect inflation to fall below five percent next year.",
        "Will the new cabinet keep its promises?",
        "Heavy rain flooded several streets in the capital on Friday.",
    ],
)
def test_it_leaves_negations_denials_past_decisions_forecasts_and_questions_alone(text):
    assert find_statements(text) == []


def test_it_returns_nothing_for_empty_text():
    assert find_statements("") == [] and find_statements("   \n\n ") == []


# --------------------------------------------------------------------------- robustness


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hst.text(alphabet=hst.characters(blacklist_categories=("Cs",)), max_size=400))
def test_it_never_crashes_and_its_quotes_are_verbatim_on_arbitrary_text(text):
    for st in find_statements(text, min_confidence=0.0):
        assert text[st.start : st.end] == st.quote
        assert 0.0 <= st.confidence <= 1.0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    hst.lists(
        hst.sampled_from(
            [
                "President",
                "instructed",
                "the",
                "ministry",
                "to",
                "build",
                "“",
                "”",
                '"',
                ":",
                "\n\n",
                "- ",
                "We",
                "will",
                "He",
                "said",
                ".",
                ",",
            ]
        ),
        max_size=60,
    )
)
def test_its_quotes_are_verbatim_on_text_made_of_trigger_words(words):
    text = " ".join(words)
    for st in find_statements(text, min_confidence=0.0):
        assert text[st.start : st.end] == st.quote


def test_it_handles_an_enormous_sentence():
    text = "President Tokayev called on the party to " + "work and " * 20_000 + "rest."
    found = find_statements(text, min_confidence=0.0)
    assert all(text[s.start : s.end] == s.quote for s in found)


# --------------------------------------------------------------------------- the weights


def test_the_weights_load_and_carry_their_card():
    weights = model.current()
    assert weights.classes == ("none", "directive", "promise")
    assert 0 < weights.threshold < 1
    assert "cross_validation" in weights.card and "review_threshold" in weights.card


def test_a_missing_weights_file_gives_an_error_that_says_how_to_rebuild_it(tmp_path):
    with pytest.raises(model.WeightsUnavailable, match="train_finder"):
        model.current(tmp_path / "missing.json")


def test_the_weights_file_round_trips_exactly():
    text = model.WEIGHTS_PATH.read_text(encoding="utf-8")
    assert model.Weights.from_json(text).to_json() == text
    json.loads(text)  # plain JSON, nothing else


# --------------------------------------------------------------------------- scoring


def test_quotes_overlap_as_the_corpus_readme_defines_it():
    assert corpus.overlap("He ordered all ministries to act.", "ordered all ministries to act")
    assert corpus.overlap("a b c d e f g h i j", "a b c d e f x y z w")  # 6 of the shorter's 10 words
    assert not corpus.overlap("a b c d e f g h i j", "a b c d e x y z w v")


def test_the_speaker_is_right_when_the_gold_surname_or_party_is_in_it():
    assert corpus.speaker_right("Peter Obi (Labour Party)", "Peter Obi")
    assert corpus.speaker_right("Peter Obi (Labour Party)", "Labour Party")
    assert corpus.speaker_right("Labor", "Labor")
    assert not corpus.speaker_right("Shehbaz Sharif", "Murad Ali Shah")
