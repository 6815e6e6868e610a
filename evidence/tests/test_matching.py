"""The matcher alone (no database): names choose the candidates, the rest of the words score them."""

from evidence import matching

ITEMS = [
    matching.ItemText(
        1,
        "Repair all boiler houses before October President Okafor instructed the Ministry of Energy to repair "
        "all boiler houses before October. Energy",
        ("Amara Okafor", "Okafor", "the President", "Energy"),
    ),
    matching.ItemText(
        2,
        "Build 300 rural schools The Unity Alliance will build 300 new schools. Education",
        ("Unity Alliance", "People's Front", "Education"),
    ),
]


def sentences(text):
    spans, start = [], 0
    for part in text.split(". "):
        spans.append((start, start + len(part)))
        start += len(part) + 2
    return spans


def matched(text):
    index = matching.Index.build(ITEMS)
    return [(m.item, text[m.start : m.end]) for m in index.match(text, sentences(text))]


def test_an_article_reporting_on_an_item_suggests_it_with_its_sentence():
    text = "Only half of the boiler houses were repaired before the October deadline set by Okafor. It is cold"
    assert matched(text) == [
        (1, "Only half of the boiler houses were repaired before the October deadline set by Okafor")
    ]


def test_naming_an_items_actors_or_topic_is_not_reporting_on_it():
    # The names would have been the sentence's only words in common with the items.
    assert matched("President Amara Okafor met the Unity Alliance on energy and education. Nothing else was said") == []


def test_names_are_found_whole_case_blind_and_longest_first():
    pattern = matching.Index.build(ITEMS).name_pattern
    text = "AMARA OKAFOR and the People's Front, not Okaforism nor the Presidential palace"
    assert [found.group() for found in pattern.finditer(text)] == ["AMARA OKAFOR", "People's Front"]
    assert matching.Index.build(ITEMS).mask("Okafor said") == "       said"
