"""The Russian and Kazakh pages in Debian's Chromium: each names its language in ``<html lang>``,
offers the others as plain links, and passes axe-core with no violation at all."""

import json

import pytest

from directives.tests.factories import DirectiveFactory
from politics.tests.factories import LeaderFactory
from tests.browser import test_pages as english_pages

# The English pages' fixtures: the same data, the stand-in news site and axe-core.
axe_source, news_site, tracker = english_pages.axe_source, english_pages.news_site, english_pages.tracker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages(tracker):
    # Some content translated, some not: pages show both, the latter marked "(in English)".
    directive = DirectiveFactory(
        action="Review the party's organizational structure",
        action_ru="Пересмотреть организационную структуру партии",
        action_kk="Партияның ұйымдық құрылымын қайта қарау",
        slug="review-structure",
        issuer=LeaderFactory(
            full_name="Kassym-Jomart Tokayev",
            full_name_ru="Касым-Жомарт Токаев",
            full_name_kk="Қасым-Жомарт Тоқаев",
            slug="tokayev",
        ),
    )
    pensions = tracker["pensions"]
    pensions.title_ru, pensions.title_kk = "Повысить пенсии на 7%", "Зейнетақыны 7%-ға көтеру"
    pensions.save(update_fields=["title_ru", "title_kk"])
    tracker["amanat"].name_ru = tracker["amanat"].name_kk = "Аманат"
    tracker["amanat"].save(update_fields=["name_ru", "name_kk"])
    directive.addressed_parties.add(tracker["amanat"])
    return [
        "/",
        "/promises/?party=amanat&status=stalled",
        tracker["pensions"].get_absolute_url(),
        directive.get_absolute_url(),
        "/parties/amanat/",
        "/methodology/",
    ]


@pytest.mark.parametrize(
    "language, heading, switcher",
    [("ru", "Методология", ["English", "Русский", "Қазақша"]), ("kk", "Әдістеме", ["English", "Русский", "Қазақша"])],
)
def test_the_pages_in_russian_and_kazakh_say_their_language_and_pass_axe(
    live_server,
    browser,
    pages,
    axe_source,
    screenshots,
    language,
    heading,
    switcher,
):
    # axe is injected by the test, not served by the site: the context lets it past the site's CSP.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    for path in pages:
        page.goto(f"{live_server.url}/{language}{path}")
        assert page.evaluate("document.documentElement.lang") == language, path
        assert page.locator("nav.languages a").all_inner_texts() == switcher
        assert page.locator(f"nav.languages a[aria-current][lang={language}]").count() == 1
        page.evaluate(axe_source)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        if violations:
            found[path] = violations
    page.screenshot(path=screenshots / f"methodology-{language}.png", full_page=True)
    page.goto(f"{live_server.url}/{language}{pages[2]}")
    page.screenshot(path=screenshots / f"promise-{language}.png", full_page=True)
    assert page.locator("nav[aria-label] a", has_text=heading).count() >= 1
    context.close()
    assert not found, json.dumps(found, indent=2, ensure_ascii=False)


def test_a_reader_switches_language_with_a_plain_link_and_stays_on_the_page(live_server, page, tracker):
    promise_path = tracker["pensions"].get_absolute_url()
    page.goto(f"{live_server.url}/ru{promise_path}")
    page.get_by_role("link", name="Қазақша").click()
    page.wait_for_url(f"**/kk{promise_path}")
    assert page.evaluate("document.documentElement.lang") == "kk"
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{live_server.url}{promise_path}")
    # The choice is remembered: the English page is no longer sent to the browser's language.
    assert page.evaluate("document.documentElement.lang") == "en"
