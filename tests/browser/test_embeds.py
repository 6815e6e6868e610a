"""Embedding in a real browser: another origin frames the card, and cannot frame any other page.

Two origins on loopback: the site at the live server (``localhost:<port>``) and a newsroom's
article served from ``127.0.0.1:<another port>`` by a small HTTP server of the test's own."""

import datetime

import pytest
from django.test import override_settings

from promises.tests.factories import PromiseFactory
from tests.browser.conftest import loopback_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def newsroom():
    """A newsroom's site on 127.0.0.1; ``newsroom(html)`` puts ``html`` in its article and gives the article's URL."""
    article = {"html": ""}
    with loopback_site(lambda path: article["html"]) as root:
        yield lambda html: article.update(html=html) or f"{root}/article.html"


def frame_at(page, url):
    """The frame that shows ``url``'s document, or None (a blocked frame shows Chromium's error page)."""
    return next((frame for frame in page.frames if frame.url == url), None)


def test_another_site_frames_the_card_but_not_the_item_page(live_server, browser, newsroom, screenshots):
    promise = PromiseFactory(title="Raise pensions", target_date=datetime.date(2021, 1, 1))
    card_url = f"{live_server.url}/embed/promises/{promise.slug}/"
    page_url = f"{live_server.url}{promise.get_absolute_url()}"
    assert live_server.url.startswith("http://localhost:")  # and the article is on 127.0.0.1: two origins
    article = newsroom(
        "<!doctype html><title>Our article</title><h1>Our article</h1>"
        f'<p><img id="badge" src="{page_url}badge.svg" alt="status"></p>'
        f'<iframe id="card" src="{card_url}" width="480" height="210"></iframe>'
        f'<iframe id="page" src="{page_url}" width="480" height="210"></iframe>'
    )
    page = browser.new_page()
    page.set_default_timeout(15000)
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "frame-ancestors" in message.text else None)

    for visit in ("first", "again, the card from the page cache"):
        refused.clear()
        page.goto(article)
        page.wait_for_load_state("load")

        card = frame_at(page, card_url)
        assert card is not None, visit
        assert card.locator("h1").inner_text() == "Raise pensions", visit
        assert "Not yet rated" in card.locator(".card__status").inner_text(), visit
        page.screenshot(path=screenshots / "embed-in-another-site.png")
        # The badge is an image any page may show.
        assert page.locator("#badge").evaluate("img => img.complete && img.naturalWidth") > 100, visit
        # Its stylesheet (from the site itself) applied: the card has its border.
        assert card.locator(".card").evaluate("e => getComputedStyle(e).borderTopStyle") == "solid", visit

        assert frame_at(page, page_url) is None, visit  # the item page never rendered in the frame
        # Chromium says why, naming the origin: one refusal, the item page's (the card was let through).
        assert len(refused) == 1 and "frame-ancestors 'none'" in refused[0], (visit, refused)
    page.close()


@override_settings(EMBED_FRAME_ANCESTORS=["https://trusted-paper.example"])
def test_a_site_the_setting_does_not_name_cannot_frame_the_card(live_server, browser, newsroom):
    promise = PromiseFactory(title="Raise pensions")
    card_url = f"{live_server.url}/embed/promises/{promise.slug}/"
    article = newsroom(f'<!doctype html><title>Our article</title><iframe src="{card_url}"></iframe>')
    page = browser.new_page()
    page.set_default_timeout(15000)
    page.goto(article)
    page.wait_for_load_state("load")
    assert frame_at(page, card_url) is None
    page.close()


def test_a_badge_shows_its_whole_status_name_in_every_language(live_server, page, screenshots):
    """Each status in each language: the words end inside their part of the badge, whatever the script."""
    from tracking.models import Status

    promises = {}
    for status in Status:
        promise = promises[status] = PromiseFactory(title=f"Promise {status.value}")
        type(promise).objects.filter(pk=promise.pk).update(current_status=status)
    overflows = []
    for language in ("en", "ru", "kk"):
        prefix = "" if language == "en" else f"/{language}"
        for status, promise in promises.items():
            page.goto(f"{live_server.url}{prefix}/promises/{promise.slug}/badge.svg")
            parts = page.evaluate(
                """() => {
                    const svg = document.documentElement, rects = [...svg.querySelectorAll(':scope > rect')];
                    const [label, name] = [...svg.querySelectorAll('text')].map(t => t.getBBox());
                    return {width: svg.width.baseVal.value, square: rects[1].x.baseVal.value,
                            label: [label.x, label.x + label.width], name: [name.x, name.x + name.width],
                            text: svg.textContent};
                }"""
            )
            fits = (parts["label"][1] <= parts["square"] - 2 and parts["name"][0] >= parts["square"] + 20
                    and parts["name"][1] <= parts["width"] - 2)
            if not fits:
                overflows.append((language, status.value, parts))
        page.screenshot(path=screenshots / f"badge-{language}.png")
    assert not overflows
