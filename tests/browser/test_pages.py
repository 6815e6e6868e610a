"""The public pages in Debian's Chromium, driven by Playwright against a live server.

A reader filters the promise list, opens a promise and follows its evidence,
finds a party under its former name, and every page passes axe-core with no
serious violation. axe-core comes from the npm registry into a cache folder
outside the repository (``MANDATE_AXE_DIR``, default ``~/.cache/mandate/axe-core``).
Screenshots go to ``test-artifacts/screenshots/<run>/`` (see conftest.py; printed)."""

import datetime
import json
import os
import subprocess
from pathlib import Path

import pytest

from politics.tests.factories import PartyFactory, PartyNameFactory, ProgrammeFactory
from promises.tests.factories import PromiseFactory
from tests.browser.conftest import loopback_site
from tracking.models import Status
from tracking.services import record_status
from tracking.tests.factories import SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_VERSION = "4.10.3"
AXE_DIR = Path(os.environ.get("MANDATE_AXE_DIR", Path.home() / ".cache" / "mandate" / f"axe-core-{AXE_VERSION}"))


@pytest.fixture(scope="session")
def axe_source():
    """axe-core's script, installed once from the npm registry (never committed)."""
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        AXE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(AXE_DIR),
                f"axe-core@{AXE_VERSION}",
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return script.read_text()


@pytest.fixture
def news_site():
    """A stand-in news outlet on loopback, so evidence links can be followed without the internet."""

    with loopback_site(lambda path: f"<!doctype html><title>Article {path}</title><h1>Report at {path}</h1>") as url:
        yield url


@pytest.fixture
def tracker(editor, news_site):
    amanat = PartyFactory(name="Amanat", slug="amanat")
    PartyNameFactory(
        party=amanat, name="Nur Otan", valid_from=datetime.date(1999, 3, 1), valid_to=datetime.date(2022, 3, 1)
    )
    other = PartyFactory(name="Ak Zhol", slug="ak-zhol")
    pensions = PromiseFactory(
        title="Raise pensions by 7%",
        party=amanat,
        programme=ProgrammeFactory(party=amanat),
        quote="We will raise pensions by seven per cent.",
        target_date=datetime.date(2023, 1, 1),
    )
    SourceFactory(item=pensions, url=f"{news_site}/manifesto", title="The manifesto")
    for status, on, slug in (
        (Status.IN_PROGRESS, datetime.date(2022, 2, 1), "bill"),
        (Status.STALLED, datetime.date(2022, 6, 1), "shelved"),
        (Status.FULFILLED, datetime.date(2023, 3, 1), "law"),
    ):
        record_status(
            item=pensions,
            status=status,
            explanation=f"The {slug}.",
            editor=editor,
            on=on,
            evidence=[{"url": f"{news_site}/{slug}", "title": f"Report: {slug}"}],
        )
    schools = PromiseFactory(title="Build 100 schools", party=amanat)
    record_status(
        item=schools,
        status=Status.STALLED,
        explanation="No budget.",
        editor=editor,
        on=datetime.date(2022, 5, 1),
        evidence=[f"{news_site}/schools"],
    )
    PromiseFactory(title="Cut fuel prices", party=other)
    return {"amanat": amanat, "pensions": pensions}


def test_a_reader_filters_promises_by_party_and_status_and_the_url_follows(live_server, page, tracker):
    page.goto(f"{live_server.url}/promises/")
    assert page.get_by_role("link", name="Cut fuel prices").is_visible()

    page.get_by_label("Party", exact=True).select_option("amanat")
    page.get_by_role("checkbox", name="Stalled").check()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/promises/?*")

    assert "party=amanat" in page.url and "status=stalled" in page.url
    results = page.locator(".results .item__title").all_inner_texts()
    assert results == ["Build 100 schools"]
    # The state is shareable: the same URL in a fresh tab shows the same results.
    again = page.context.new_page()
    again.goto(page.url)
    assert again.locator(".results .item__title").all_inner_texts() == ["Build 100 schools"]


def test_a_reader_reads_a_promise_s_timeline_in_date_order_and_follows_its_evidence(
    live_server, page, tracker, screenshots
):
    page.goto(f"{live_server.url}/promises/")
    page.get_by_role("link", name="Raise pensions by 7%").click()
    page.wait_for_url(f"**{tracker['pensions'].get_absolute_url()}")

    dates = page.locator(".timeline time").evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))")
    assert dates == ["2022-02-01", "2022-06-01", "2023-03-01"]
    assert page.locator(".detail__status").inner_text().strip().endswith("Fulfilled")
    page.screenshot(path=screenshots / "promise.png", full_page=True)

    with page.expect_navigation():
        page.get_by_role("link", name="Report: shelved").click()
    assert page.locator("h1").inner_text() == "Report at /shelved"


def test_a_reader_finds_a_party_under_its_former_name(live_server, page, tracker):
    page.goto(f"{live_server.url}/parties/")
    page.get_by_label("Find a party").fill("Nur Otan")
    page.get_by_role("button", name="Find").click()
    page.wait_for_url("**/parties/amanat/")
    assert page.locator("h1").inner_text().startswith("Amanat")
    assert page.get_by_text("Nur Otan").first.is_visible()
    # The promises' meter and history; it has no directive, so no empty meter is drawn for them.
    assert page.locator("svg.chart[role=img]").count() == 2
    assert page.get_by_text("Directives by status — none yet").is_visible()


def test_the_pages_pass_axe_with_no_serious_violation(live_server, browser, tracker, axe_source, screenshots):
    # axe is injected by the test, not served by the site: the context lets it past the site's CSP.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    paths = [
        "/",
        "/promises/?party=amanat&status=stalled",
        tracker["pensions"].get_absolute_url(),
        "/directives/",
        "/parties/amanat/",
        "/parties/",
        "/methodology/",
        f"/embed/promises/{tracker['pensions'].slug}/",
        "/embed/parties/amanat/",
    ]
    found = {}
    for path in paths:
        page.goto(live_server.url + path)
        if path == "/":
            page.screenshot(path=screenshots / "home.png", full_page=True)
        page.evaluate(axe_source)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        if serious:
            found[path] = serious
    context.close()
    assert not found, json.dumps(found, indent=2)


def test_the_pages_fit_a_phone_screen_and_work_from_the_keyboard(live_server, browser, tracker, screenshots):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    for path in ("/", "/promises/", tracker["pensions"].get_absolute_url(), "/parties/amanat/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (path, overflow)
    page.screenshot(path=screenshots / "party-phone.png", full_page=True)

    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()
