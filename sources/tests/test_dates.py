"""Dates written in news text: datelines and the deadlines statements set."""

from datetime import date

import pytest

from sources.dates import dateline_date, deadline_in, is_dateline

SAID = date(2023, 3, 14)


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        ("ASTANA, March 14, 2023. President Tokayev met ...", date(2023, 3, 14)),
        ("ALMATY, 14 March 2023 /Kazinform/ – The head of state ...", date(2023, 3, 14)),
        ("Mar. 2, 2021 (Reuters) - ...", date(2021, 3, 2)),
        (" date 2022-01-28 BAKU, Azerbaijan, Jan. 28\n\nPresident ...", date(2022, 1, 28)),
        ("BAKU, Azerbaijan, Jan. 28\n\nPresident ...", None),  # no year: not a date to publish under
        ("NUR-SULTAN. January 28, 2022. KAZINFORM - ...", date(2022, 1, 28)),
        ("Koshanov: Amanat will build 100 schools\nASTANA, March 14, 2023. Amanat party ...", date(2023, 3, 14)),
        ("The minister said the plant, opened on March 14, 2023, would ...", None),  # the body's date, not the story's
    ],
)
def test_a_dateline_gives_the_story_s_date(top, expected):
    assert dateline_date(top) == expected


def test_a_first_line_that_is_a_dateline_is_no_title():
    assert is_dateline(" date 2022-01-28 BAKU, Azerbaijan, Jan. 28")
    assert is_dateline("ASTANA, March 14, 2023.")
    assert not is_dateline("Tokayev sets out priorities for Nur Otan")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The party would build 100 new schools by the end of 2023.", date(2023, 12, 31)),
        ("Tokayev instructed the government to complete the audit by 1 July 2024.", date(2024, 7, 1)),
        ("... to finish the road no later than September 30, 2023.", date(2023, 9, 30)),
        ("... to open the offices by March 2024.", date(2024, 3, 31)),
        ("... to raise pensions by 2025.", date(2025, 12, 31)),
        ("... to report by the end of the year.", date(2023, 12, 31)),
        ("... to report by the end of next year.", date(2024, 12, 31)),
        ("... to renew its anti-corruption strategy within two months.", date(2023, 5, 14)),
        ("... to hire 40 teachers within 10 days.", date(2023, 3, 24)),
        ("... to raise pensions by 7 per cent.", None),
        ("... as was decided by 2019's congress.", None),  # before the statement: not its deadline
        ("... to strengthen solidarity in the party's ranks.", None),
    ],
)
def test_a_statement_s_deadline_is_read_from_its_words(sentence, expected):
    assert deadline_in(sentence, SAID) == expected


def test_a_deadline_counted_from_the_day_said_needs_that_day():
    assert deadline_in("... within two months.", None) is None
    assert deadline_in("... by 1 July 2024.", None) == date(2024, 7, 1)
