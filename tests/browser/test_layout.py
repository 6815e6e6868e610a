"""Every page at a phone's width (390 px) and a laptop's (1280 px), in Debian's Chromium, with
the data that once broke them: evidence and source URLs of 300 characters, an explanation
of the longest length allowed with a 3,000-character word in it. No page is wider than the
screen; each is photographed at both widths for a person to look at (test-artifacts/, the
folder is printed at the end of the run). And what a reader and an editor do on them: a
former party name filters, the header search finds directives, an over-long explanation is
refused with a message, the review queue's actions are on screen at 1280 px."""

import datetime

import pytest

from directives.tests.factories import DirectiveFactory
from politics.tests.factories import (
    ElectionFactory,
    LeaderAliasFactory,
    LeaderFactory,
    OfficeFactory,
    PartyFactory,
    PartyNameFactory,
    ProgrammeFactory,
    TopicFactory,
)
from promises.tests.factories import PromiseFactory
from sources.models import Article
from sources.tests.factories import ArticleFactory, CandidateFactory, OutletFactory
from tracking.models import Status
from tracking.services import correction_record, record_status
from tracking.tests.factories import SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280)
LONG_URL = "https://www.astanatimes.com/2023/03/" + "majilis-passes-the-law-raising-the-minimum-wage-" * 6 + "?utm=x" * 5
LONG_WORD = "Минимальнаязаработнаяплата" * 115  # ≈3,000 characters without a space
LONG_EXPLANATION = ("The law passed its third reading. " + LONG_WORD + " ")[:5000]


@pytest.fixture
def site(editor):
    """A small tracker whose every page has something, and the long strings that broke pages."""
    amanat = PartyFactory(name="Amanat", slug="amanat", abbreviation="AM")
    PartyNameFactory(party=amanat, name="Nur Otan", valid_from=None, valid_to=datetime.date(2022, 3, 1))
    PartyNameFactory(party=amanat, name="Amanat", valid_from=datetime.date(2022, 3, 1))
    PartyFactory(name="Jas Otan", slug="jas-otan", parent=amanat)
    tokayev = LeaderFactory(full_name="Kassym-Jomart Tokayev", slug="kassym-jomart-tokayev")
    LeaderAliasFactory(leader=tokayev, alias="Tokayev")
    OfficeFactory(leader=tokayev, title="President", jurisdiction="Kazakhstan")
    election = ElectionFactory(name="2021 Kazakh legislative election (Majilis)", slug="majilis-2021",
                               held_on=datetime.date(2021, 1, 10))
    programme = ProgrammeFactory(title="Nur Otan's election programme for 2021", slug="nur-otan-2021",
                                 party=amanat, election=election, source_url=LONG_URL)
    economy = TopicFactory(name="Economy", slug="economy")
    outlet = OutletFactory(name="The Astana Times", domain="astanatimes.com")
    article = ArticleFactory(url=LONG_URL, title="Majilis passes the minimum wage law", outlet=outlet,
                             published_on=datetime.date(2023, 3, 14))

    wage = PromiseFactory(title="Raise the minimum wage to 100,000 tenge", slug="minimum-wage", party=amanat,
                          programme=programme, target_date=datetime.date(2022, 12, 31),
                          measurable_target="minimum wage of 100,000 tenge")
    wage.topics.add(economy)
    SourceFactory(item=wage, url=LONG_URL + "/manifesto", title="")
    record_status(item=wage, status=Status.IN_PROGRESS, explanation="A bill was introduced.", editor=editor,
                  on=datetime.date(2022, 2, 1), evidence=[{"url": LONG_URL + "/bill", "title": ""}])
    record_status(item=wage, status=Status.PARTIALLY_FULFILLED, explanation=LONG_EXPLANATION, editor=editor,
                  on=datetime.date(2023, 3, 14), evidence=[{"article": article}, {"url": LONG_URL, "title": LONG_WORD[:400]}])
    correction_record(item=wage, note="The target said 10,000 tenge; the programme says 100,000.", editor=editor)
    PromiseFactory(title="Build 100 schools in the regions", slug="schools", party=amanat, programme=programme)

    audit = DirectiveFactory(action="audit the fulfilment of election promises", slug="audit", issuer=tokayev,
                             other_addressees="the government, regional administrations",
                             deadline=datetime.date(2022, 6, 1))
    audit.addressed_parties.add(amanat)
    audit.programmes.add(programme)
    audit.promises.add(wage)
    SourceFactory(item=audit, article=article, url="", title="", quote=LONG_WORD[:600])
    record_status(item=audit, status=Status.STALLED, explanation=LONG_EXPLANATION, editor=editor,
                  on=datetime.date(2022, 9, 1), evidence=[{"url": LONG_URL + "/audit", "title": "Audit delayed"}])

    sentence = "Tokayev instructed the government to complete the audit of election promises by 1 July 2024."
    for kind, confidence in (("directive", 0.96), ("promise", 0.71), ("directive", 0.42)):
        found = ArticleFactory(title="Tokayev sets out priorities for Nur Otan", outlet=outlet, text=sentence,
                               published_on=datetime.date(2022, 1, 28), state=Article.State.DONE)
        CandidateFactory(article=found, kind=kind, confidence=confidence, sentence=sentence, speaker=tokayev,
                         addressee_party=amanat, action="to complete the audit of election promises by 1 July 2024")
    return {"wage": wage, "audit": audit, "amanat": amanat, "tokayev": tokayev, "election": election,
            "programme": programme, "economy": economy}


def public_pages(site):
    return {
        "home": "/",
        "promises": "/promises/",
        "promises-filtered": "/promises/?party=nur-otan&status=partially_fulfilled",
        "promise": site["wage"].get_absolute_url(),
        "directives": "/directives/",
        "directive": site["audit"].get_absolute_url(),
        "parties": "/parties/",
        "party": site["amanat"].get_absolute_url(),
        "leaders": "/leaders/",
        "leader": site["tokayev"].get_absolute_url(),
        "elections": "/elections/",
        "election": site["election"].get_absolute_url(),
        "programme": site["programme"].get_absolute_url(),
        "topics": "/topics/",
        "topic": site["economy"].get_absolute_url(),
        "search": "/search/?q=audit",
        "methodology": "/methodology/",
        "about": "/about/",
        "corrections": "/corrections/",
        "api": "/api/v1/",
        "feed": "/feeds/changes.atom",
        "not-found": "/promises/no-such-promise/",
        "embed-promise": f"/embed/promises/{site['wage'].slug}/",
        "embed-party": f"/embed/parties/{site['amanat'].slug}/",
    }


def overflow(page):
    """How many pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_no_public_page_is_wider_than_a_phone_or_a_laptop_screen(live_server, browser, site, screenshots):
    too_wide = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for name, path in public_pages(site).items():
            page.goto(live_server.url + path)
            if overflow(page) > 0:
                too_wide[f"{name} at {width}px"] = overflow(page)
            page.screenshot(path=screenshots / f"{name}-{width}.png", full_page=True)
        context.close()
    assert not too_wide, too_wide


def test_the_long_explanation_and_urls_are_shown_whole_and_wrapped(live_server, browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + site["wage"].get_absolute_url())
    why = page.locator("#why-title + p")
    assert why.inner_text().replace("\n", "") == LONG_EXPLANATION.strip()
    assert why.bounding_box()["width"] <= 390
    # Evidence reads as its title, outlet and date, linked.
    assert page.get_by_role("link", name="Majilis passes the minimum wage law").first.is_visible()
    assert "— The Astana Times, 14 Mar 2023" in page.locator(".timeline").inner_text()
    context.close()


def test_a_former_party_name_filters_the_list(live_server, page, site):
    page.goto(f"{live_server.url}/promises/?party=nur-otan")
    assert sorted(page.locator(".results .item__title").all_inner_texts()) == [
        "Build 100 schools in the regions", "Raise the minimum wage to 100,000 tenge",
    ]
    assert page.get_by_label("Party", exact=True).input_value() == "amanat"
    assert page.get_by_text("Some filters were not understood").count() == 0


def test_the_header_search_finds_directives(live_server, page, site):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Search promises, directives, leaders and parties").fill("audit")
    page.get_by_role("button", name="Search").first.click()
    page.wait_for_url("**/search/?q=audit")
    directives = page.locator("section", has=page.get_by_role("heading", name="Directives"))
    assert directives.get_by_role("link", name="Audit the fulfilment of election promises").is_visible()


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw-for-tests-only")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_an_over_long_explanation_is_refused_with_a_message(live_server, page, site, editor):
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/promises/promise/{site['wage'].pk}/record-status/")
    page.select_option("#id_status", "fulfilled")
    page.fill("#id_explanation", "x" * 5001)
    page.fill("#id_evidence_urls", "https://news.example/law The law in force")
    page.click("input[type=submit]")
    error = page.locator(".field-explanation .errorlist")
    assert error.inner_text() == "Ensure this value has at most 5000 characters (it has 5001)."
    assert len(page.input_value("#id_explanation")) == 5001  # the editor's text is kept, to shorten
    assert site["wage"].status_updates.count() == 2


def test_the_review_queue_shows_every_candidate_s_actions_on_a_laptop(live_server, browser, site, editor, screenshots):
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        log_in(page, live_server, editor)
        page.goto(f"{live_server.url}/admin/sources/candidate/")
        page.screenshot(path=screenshots / f"admin-queue-{width}.png", full_page=True)
        if width == 1280:
            assert overflow(page) <= 0
            rows = page.locator("#result_list tbody tr")
            assert rows.count() == 3
            for row in rows.all():
                for name in ("Accept as directive", "Accept as promise", "Merge…", "Reject…"):
                    box = row.get_by_role("link", name=name).bounding_box()
                    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1280, (name, box)
            # Likeliest first, and the first row's accept opens the pre-filled form.
            first = rows.first
            assert "0.96" in first.inner_text()
            first.get_by_role("link", name="Accept as directive").click()
            assert page.input_value("#id_deadline") == "2024-07-01"
            page.screenshot(path=screenshots / f"admin-accept-{width}.png", full_page=True)
        for name, path in (
            ("admin-directive", f"/admin/directives/directive/{site['audit'].pk}/change/"),
            ("admin-updates", "/admin/promises/promisestatusupdate/"),
            ("admin-index", "/admin/"),
        ):
            page.goto(live_server.url + path)
            if width == 1280:
                assert overflow(page) <= 0, name
            page.screenshot(path=screenshots / f"{name}-{width}.png", full_page=True)
        context.close()
