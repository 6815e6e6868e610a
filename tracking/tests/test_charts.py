"""The server-rendered SVG charts and the scorecards behind them."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from promises.models import Promise
from promises.tests.factories import PromiseFactory
from tracking.charts import status_bar, status_history_chart
from tracking.models import Status
from tracking.scorecards import Period, Scorecard, scorecard, status_history, status_summary
from tracking.services import record_status

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ET.fromstring(str(svg))


def test_the_bar_splits_its_width_in_proportion_to_the_counts():
    svg = parse(status_bar(Scorecard({"fulfilled": 3, "stalled": 1}), title="Promises", uid="c1"))
    bars = [rect for rect in svg.findall(f"{SVG}rect") if rect.get("fill", "").startswith("url(")]
    assert [(bar.get("fill"), float(bar.get("width"))) for bar in bars] == [
        ("url(#c1-fulfilled)", 450.0),
        ("url(#c1-stalled)", 150.0),
    ]


def test_a_chart_is_an_image_with_a_title_and_a_text_description_of_its_numbers():
    svg = parse(status_bar(Scorecard({"fulfilled": 3, "not_rated": 2}), title="Promises", uid="c1"))
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "c1-title c1-desc"
    assert svg.find(f"{SVG}title").text == "Promises"
    assert svg.find(f"{SVG}desc").text == "Fulfilled: 3; Not yet rated: 2"


def test_each_status_has_its_own_pattern_not_only_a_colour():
    svg = parse(status_bar(Scorecard({}), title="Empty", uid="c9"))
    patterns = svg.findall(f"{SVG}defs/{SVG}pattern")
    assert len(patterns) == len(Status)
    shapes = {len(list(pattern)) for pattern in patterns}
    assert shapes == {1, 2}  # a plain fill for one status, a fill plus marks for the others
    assert svg.find(f"{SVG}desc").text == "Nothing yet."


def test_titles_are_escaped():
    svg = status_bar(Scorecard({"fulfilled": 1}), title="<script>alert(1)</script>", uid="c1")
    assert "<script>" not in str(svg) and "&lt;script&gt;" in str(svg)


def test_the_history_chart_stacks_one_column_per_period():
    periods = [Period("2021", Scorecard({"in_progress": 2})), Period("2022", Scorecard({"fulfilled": 1, "stalled": 1}))]
    svg = parse(status_history_chart(periods, title="Over time", uid="h1"))
    labels = [text.text for text in svg.findall(f"{SVG}text")]
    assert labels[-2:] == ["2021", "2022"]
    columns = [rect for rect in svg.findall(f"{SVG}rect") if rect.get("fill", "").startswith("url(")]
    assert len(columns) == 3
    assert "2022: Fulfilled: 1; Stalled: 1" in svg.find(f"{SVG}desc").text


@pytest.mark.django_db
def test_the_scorecard_counts_items_by_their_newest_status_in_one_query(editor, django_assert_num_queries):
    first, second = PromiseFactory(), PromiseFactory()
    PromiseFactory()
    for promise, statuses in ((first, ["in_progress", "fulfilled"]), (second, ["stalled"])):
        for day, status in enumerate(statuses, start=1):
            record_status(
                item=promise,
                status=status,
                explanation="x",
                evidence=["https://e.example/"],
                editor=editor,
                on=datetime.date(2022, 1, day),
            )
    with django_assert_num_queries(1):
        card = scorecard(Promise.objects.all())
    assert card.counts == {"fulfilled": 1, "stalled": 1, "not_rated": 1}
    assert [row.percent for row in card.rows()] == [33, 0, 0, 33, 0, 33]


@pytest.mark.django_db
def test_the_history_gives_each_year_the_status_items_had_at_its_end(editor, django_assert_num_queries):
    early = PromiseFactory(made_on=datetime.date(2020, 5, 1))
    PromiseFactory(made_on=datetime.date(2022, 5, 1))
    for status, on in (("in_progress", datetime.date(2020, 6, 1)), ("fulfilled", datetime.date(2022, 2, 1))):
        record_status(
            item=early, status=status, explanation="x", evidence=["https://e.example/"], editor=editor, on=on
        )
    with django_assert_num_queries(2):
        history = status_history(Promise.objects.all(), "made_on", today=datetime.date(2022, 12, 1))
    assert [(p.label, p.scorecard.counts) for p in history] == [
        ("2020", {"in_progress": 1}),
        ("2021", {"in_progress": 1}),
        ("2022", {"fulfilled": 1, "not_rated": 1}),
    ]


@pytest.mark.django_db
def test_the_summary_gives_today_s_scorecard_with_the_history_in_the_same_two_queries(editor, django_assert_num_queries):
    dated, undated = PromiseFactory(made_on=datetime.date(2021, 5, 1)), PromiseFactory(made_on=None)
    record_status(
        item=dated, status="stalled", explanation="x", evidence=["https://e.example/"], editor=editor,
        on=datetime.date(2021, 6, 1),
    )
    record_status(
        item=undated, status="fulfilled", explanation="x", evidence=["https://e.example/"], editor=editor,
        on=datetime.date(2022, 6, 1),
    )
    PromiseFactory(made_on=datetime.date(2022, 1, 1), is_published=False)
    promises = Promise.objects.public()
    with django_assert_num_queries(2):
        card, history = status_summary(promises, "made_on", today=datetime.date(2022, 12, 1))
    assert card == scorecard(promises)
    assert card.counts == {"stalled": 1, "fulfilled": 1}
    assert history == status_history(promises, "made_on", today=datetime.date(2022, 12, 1))
    assert [(p.label, p.scorecard.counts) for p in history] == [
        ("2021", {"stalled": 1, "not_rated": 1}),
        ("2022", {"stalled": 1, "fulfilled": 1}),
    ]
