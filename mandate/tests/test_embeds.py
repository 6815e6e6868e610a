"""What newsrooms embed: the status badge, the cards for their iframes, oEmbed, and the
"Share / embed" section that offers them."""

import datetime
import html
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from core.tests.test_security import csp_directives
from directives.tests.factories import DirectiveFactory
from politics.tests.factories import PartyFactory, PartyNameFactory
from promises.tests.factories import PromiseFactory
from tracking.models import Status
from tracking.services import record_status

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def rate(item, editor, status, on=datetime.date(2023, 5, 1)):
    return record_status(
        item=item,
        status=status,
        explanation=f"Rated {status}.",
        on=on,
        editor=editor,
        evidence=[{"url": "https://news.example/evidence", "title": "Evidence"}],
    )


def parse_svg(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    return ET.fromstring(response.content)  # raises on anything that is not well-formed XML


def badge_text(root):
    return " ".join(text.text for text in root.iter(f"{SVG}text"))


# --- the badge ----------------------------------------------------------------------


def test_the_badge_is_an_svg_with_the_status_as_symbol_name_and_pattern_and_a_title(reader, editor):
    promise = PromiseFactory(title="Raise pensions & benefits <now>")
    rate(promise, editor, Status.STALLED)
    root = parse_svg(reader.get(reverse("promise_badge", kwargs={"slug": promise.slug})))

    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert root[0] is title and root.get("aria-labelledby") == title.get("id")
    assert title.text == "Mandate: promise “Raise pensions & benefits <now>” — Stalled"
    assert "‖ Stalled" in badge_text(root)
    assert root.find(f"{SVG}defs/{SVG}pattern") is not None  # the status's pattern, not its colour alone


def test_a_directive_has_a_badge_too(reader):
    directive = DirectiveFactory(action="audit the programme")
    root = parse_svg(reader.get(reverse("directive_badge", kwargs={"slug": directive.slug})))
    assert "? Not yet rated" in badge_text(root)
    assert "directive “Audit the programme”" in root.find(f"{SVG}title").text


def test_the_badge_shows_the_new_status_after_an_editors_write_not_the_cached_one(editor_client):
    promise = PromiseFactory()
    badge = reverse("promise_badge", kwargs={"slug": promise.slug})
    reader = Client()
    assert "Not yet rated" in badge_text(parse_svg(reader.get(badge)))
    first_etag = reader.get(badge)["ETag"]

    response = editor_client.post(
        reverse("admin:promises_promise_record_status", args=[promise.pk]),
        {
            "status": Status.FULFILLED,
            "on": "2023-05-01",
            "explanation": "Done.",
            "evidence_urls": "https://news.example/done Pensions raised",
        },
    )
    assert response.status_code == 302

    after = reader.get(badge)
    assert "✔ Fulfilled" in badge_text(parse_svg(after))
    assert after["ETag"] != first_etag
    assert reader.get(badge, headers={"if-none-match": after["ETag"]}).status_code == 304


def test_the_badge_is_served_from_the_cache_until_a_write(reader, editor):
    promise = PromiseFactory()
    badge = reverse("promise_badge", kwargs={"slug": promise.slug})
    reader.get(badge)
    rate(promise, editor, Status.IN_PROGRESS)  # a write outside a request: nothing bumps the version
    assert "Not yet rated" in badge_text(parse_svg(reader.get(badge)))


def test_unpublished_or_unknown_items_have_no_badge_and_no_card(reader):
    draft = PromiseFactory(is_published=False)
    for name in ("promise_badge", "promise_embed"):
        assert reader.get(reverse(name, kwargs={"slug": draft.slug})).status_code == 404
        assert reader.get(reverse(name, kwargs={"slug": "no-such-promise"})).status_code == 404


def test_an_item_unpublished_after_its_badge_and_card_were_cached_leaves_them_at_once(reviewer_client):
    promise = PromiseFactory()
    reader = Client()
    addresses = [reverse(name, kwargs={"slug": promise.slug}) for name in ("promise_badge", "promise_embed")]
    assert [reader.get(address).status_code for address in addresses] == [200, 200]
    reviewer_client.post(
        reverse("admin:promises_promise_changelist"), {"action": "unpublish", "_selected_action": [promise.pk]}
    )
    assert [reader.get(address).status_code for address in addresses] == [404, 404]
    assert oembed(reader, f"http://testserver{promise.get_absolute_url()}").status_code == 404


# --- the cards ----------------------------------------------------------------------


def test_the_card_shows_status_title_last_change_and_a_link_back(reader, editor):
    promise = PromiseFactory(title="Raise pensions", target_date=datetime.date(2020, 1, 1))
    rate(promise, editor, Status.IN_PROGRESS, on=datetime.date(2023, 5, 1))
    response = reader.get(reverse("promise_embed", kwargs={"slug": promise.slug}))
    page = response.content.decode()

    assert response.status_code == 200
    assert "Raise pensions" in page and "status--in_progress" in page and "In progress" in page
    assert '<time datetime="2023-05-01">1 May 2023</time>' in page
    assert "Overdue" in page
    assert f'href="http://testserver{promise.get_absolute_url()}" target="_blank" rel="noopener"' in page
    # Nothing from another host, no script, no inline style.
    assert "<script" not in page and "style=" not in page
    assert set(re.findall(r'(?:src|href)="(https?://[^/"]+)', page)) == {"http://testserver"}


def test_only_the_cards_may_be_framed_and_they_keep_the_rest_of_the_policy(reader, settings):
    settings.EMBED_FRAME_ANCESTORS = ["https://news.example", "https://*.paper.example"]
    promise = PromiseFactory()
    card_url = reverse("promise_embed", kwargs={"slug": promise.slug})
    for attempt in ("rendered", "from the cache"):
        card = reader.get(card_url)
        directives = csp_directives(card)
        assert directives["frame-ancestors"] == "https://news.example https://*.paper.example", attempt
        assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'", attempt
        assert "X-Frame-Options" not in card, attempt

    # A browser revalidating its copy gets a 304 that keeps the card's policy (it updates the copy's headers).
    not_modified = reader.get(card_url, headers={"if-none-match": card["ETag"]})
    assert not_modified.status_code == 304
    assert csp_directives(not_modified)["frame-ancestors"] == "https://news.example https://*.paper.example"

    page = reader.get(promise.get_absolute_url())
    assert csp_directives(page)["frame-ancestors"] == "'none'" and page["X-Frame-Options"] == "DENY"
    not_modified = reader.get(promise.get_absolute_url(), headers={"if-none-match": page["ETag"]})
    assert csp_directives(not_modified)["frame-ancestors"] == "'none'"


def test_any_site_may_frame_a_card_by_default(reader):
    card = reader.get(reverse("directive_embed", kwargs={"slug": DirectiveFactory().slug}))
    assert csp_directives(card)["frame-ancestors"] == "*"


def test_the_party_card_counts_its_items_by_status_and_names_the_latest_change(reader, editor):
    party = PartyFactory(name="Amanat", slug="amanat")
    PartyNameFactory(party=party, name="Nur Otan", valid_to=datetime.date(2022, 2, 28))
    kept = PromiseFactory(party=party, title="Raise pensions")
    rate(kept, editor, Status.FULFILLED, on=datetime.date(2023, 6, 2))
    PromiseFactory(party=party)
    PromiseFactory(party=party, is_published=False, title="Secret draft")
    directive = DirectiveFactory()
    directive.addressed_parties.add(party)

    page = reader.get(reverse("party_embed", kwargs={"slug": "amanat"})).content.decode()
    assert "Amanat" in page and "Secret draft" not in page
    assert re.search(r"Promises: 2</span>.*Fulfilled</span> 1</span>.*Not yet rated</span> 1</span>", page, re.S)
    assert "Directives: 1" in page
    assert '<time datetime="2023-06-02">2 June 2023</time>, Raise pensions → Fulfilled' in page

    former = reader.get(reverse("party_embed", kwargs={"slug": "nur-otan"}))
    assert former.status_code == 302 and former["Location"] == reverse("party_embed", kwargs={"slug": "amanat"})


def test_a_bad_frame_ancestors_setting_stops_start_up_with_its_name(monkeypatch):
    import importlib

    import config.settings

    monkeypatch.setenv("EMBED_FRAME_ANCESTORS", "https://ok.example, https://x.example; script-src *")
    with pytest.raises(ImproperlyConfigured, match="EMBED_FRAME_ANCESTORS"):
        importlib.reload(config.settings)
    monkeypatch.delenv("EMBED_FRAME_ANCESTORS")
    importlib.reload(config.settings)


# --- oEmbed -------------------------------------------------------------------------


def oembed(reader, url, **params):
    return reader.get(reverse("oembed") + "?" + urlencode({"url": url, **params}))


def test_oembed_answers_a_pasted_link_with_the_cards_html(reader):
    promise = PromiseFactory(title="Raise pensions")
    response = oembed(reader, f"http://testserver{promise.get_absolute_url()}", format="json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    assert {k: body[k] for k in ("version", "type", "title", "provider_name", "width", "height")} == {
        "version": "1.0",
        "type": "rich",
        "title": "Raise pensions",
        "provider_name": "Mandate",
        "width": 480,
        "height": 210,
    }
    card_url = f"http://testserver{reverse('promise_embed', kwargs={'slug': promise.slug})}"
    iframe = re.fullmatch(
        r'<iframe src="([^"]+)" width="480" height="210" title="Mandate: Raise pensions" .*></iframe>', body["html"]
    )
    assert iframe and iframe.group(1) == card_url
    # The card it frames is the card.
    assert "Raise pensions" in reader.get(iframe.group(1)).content.decode()


def test_oembed_knows_the_cards_own_urls_directives_and_parties(reader):
    directive, party = DirectiveFactory(), PartyFactory(name="Amanat", slug="amanat")
    for url, card in (
        (
            reverse("directive_embed", kwargs={"slug": directive.slug}),
            reverse("directive_embed", kwargs={"slug": directive.slug}),
        ),
        (directive.get_absolute_url(), reverse("directive_embed", kwargs={"slug": directive.slug})),
        (party.get_absolute_url(), reverse("party_embed", kwargs={"slug": "amanat"})),
    ):
        body = oembed(reader, f"http://testserver{url}").json()
        assert f'src="http://testserver{card}"' in body["html"], url


def test_oembed_honours_maxwidth_and_maxheight(reader):
    url = f"http://testserver{PromiseFactory().get_absolute_url()}"
    body = oembed(reader, url, maxwidth=320, maxheight=150).json()
    assert (body["width"], body["height"]) == (320, 150)
    assert 'width="320" height="150"' in body["html"]
    body = oembed(reader, url, maxwidth=2000, maxheight=2000).json()
    assert (body["width"], body["height"]) == (480, 210)  # never larger than the card
    for bad in ({"maxwidth": "wide"}, {"maxheight": "0"}, {"maxwidth": "-5"}):
        assert oembed(reader, url, **bad).status_code == 400, bad


def test_oembed_is_404_for_drafts_unknown_pages_and_other_sites_and_501_for_other_formats(reader):
    draft = PromiseFactory(is_published=False)
    published = PromiseFactory()
    for url in (
        f"http://testserver{draft.get_absolute_url()}",
        "http://testserver/promises/no-such-promise/",
        "http://testserver/methodology/",
        "http://testserver/nowhere/at/all",
        f"https://elsewhere.example{published.get_absolute_url()}",
        f"javascript:alert(1)//testserver{published.get_absolute_url()}",
        "not a url",
    ):
        assert oembed(reader, url).status_code == 404, url
    assert oembed(reader, f"http://testserver{published.get_absolute_url()}", format="xml").status_code == 501
    assert reader.get(reverse("oembed")).status_code == 400


def test_oembed_accepts_the_sites_own_address_from_site_url(reader, settings):
    settings.SITE_URL = "https://mandate.example"
    promise = PromiseFactory()
    assert oembed(reader, f"https://mandate.example{promise.get_absolute_url()}").status_code == 200


# --- the item pages offer them -------------------------------------------------------------


def test_item_pages_link_oembed_and_offer_the_snippets_to_copy(reader):
    promise = PromiseFactory(title='Say "hello" </textarea>')
    page = reader.get(promise.get_absolute_url()).content.decode()

    page_url = f"http://testserver{promise.get_absolute_url()}"
    discovery = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', page)
    assert discovery
    assert html.unescape(discovery.group(1)) == "http://testserver/oembed?" + urlencode(
        {"url": page_url, "format": "json"}
    )
    assert reader.get(html.unescape(discovery.group(1))).status_code == 200

    assert 'id="share-title">Share / embed</h2>' in page
    snippets = re.findall(r'<textarea id="share-(card|badge)"[^>]*>(.*?)</textarea>', page, re.S)
    assert [kind for kind, _ in snippets] == ["card", "badge"]
    card, badge = (html.unescape(code) for _, code in snippets)
    # What the reader copies is the HTML to paste, exactly (the title escaped once, in its attribute).
    assert card.startswith(f'<iframe src="http://testserver/embed/promises/{promise.slug}/" width="480" height="210"')
    assert 'title="Mandate: Say &quot;hello&quot; &lt;/textarea&gt;"' in card
    assert badge == (
        f'<a href="{page_url}"><img src="{page_url}badge.svg" '
        'alt="Mandate: Say &quot;hello&quot; &lt;/textarea&gt; — Not yet rated" height="20"></a>'
    )


def test_party_and_directive_pages_offer_their_cards(reader):
    party = PartyFactory(slug="amanat")
    directive = DirectiveFactory()
    assert "/embed/parties/amanat/" in reader.get(party.get_absolute_url()).content.decode()
    assert f"/embed/directives/{directive.slug}/" in reader.get(directive.get_absolute_url()).content.decode()


def test_a_card_costs_one_query_and_a_partys_card_five_however_many_items(reader, editor, django_assert_num_queries):
    party = PartyFactory(slug="amanat")
    for _ in range(3):
        rate(PromiseFactory(party=party), editor, Status.STALLED)
        DirectiveFactory().addressed_parties.add(party)
    card = reverse("promise_embed", kwargs={"slug": party.promises.first().slug})
    with django_assert_num_queries(1):
        reader.get(card)
    with django_assert_num_queries(5):
        reader.get(reverse("party_embed", kwargs={"slug": "amanat"}))


def test_the_oembed_answer_is_json_any_consumer_reads(reader):
    body = oembed(reader, f"http://testserver{PromiseFactory(title='Ünïcode “quotes”').get_absolute_url()}")
    assert json.loads(body.content)["title"] == "Ünïcode “quotes”"


# --- languages ----------------------------------------------------------------------


@pytest.fixture
def in_russian_too(settings):
    settings.LANGUAGES = [("en", "English"), ("ru", "Russian")]
    settings.ROOT_URLCONF = "mandate.tests.i18n_urls"


def test_a_link_to_a_page_in_another_language_gets_the_card_in_that_language(reader, in_russian_too):
    promise = PromiseFactory(title="Raise pensions")
    english = oembed(reader, f"http://testserver/promises/{promise.slug}/").json()
    russian = oembed(reader, f"http://testserver/ru/promises/{promise.slug}/").json()
    assert f'src="http://testserver/embed/promises/{promise.slug}/"' in english["html"]
    assert f'src="http://testserver/ru/embed/promises/{promise.slug}/"' in russian["html"]

    card = reader.get(f"/ru/embed/promises/{promise.slug}/").content.decode()
    assert '<html lang="ru">' in card and f'href="http://testserver/ru/promises/{promise.slug}/"' in card
    assert reader.get(f"/ru/promises/{promise.slug}/badge.svg").status_code == 200
    page = reader.get(f"/ru/promises/{promise.slug}/").content.decode()
    assert f"/ru/embed/promises/{promise.slug}/" in page and "%2Fru%2Fpromises%2F" in page


def test_a_hostile_title_is_inert_in_the_badge_the_card_and_the_oembed_html(reader):
    promise = PromiseFactory(title='<script>alert(1)</script>" onload="x')
    badge = reader.get(reverse("promise_badge", kwargs={"slug": promise.slug}))
    assert "<script>alert(1)</script>" in parse_svg(badge).find(f"{SVG}title").text  # as text, not markup
    card = reader.get(reverse("promise_embed", kwargs={"slug": promise.slug})).content.decode()
    assert "<script" not in card and '" onload="x' not in card
    body = oembed(reader, f"http://testserver{promise.get_absolute_url()}").json()
    assert (
        "<script" not in body["html"]
        and 'title="Mandate: &lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x"' in body["html"]
    )
