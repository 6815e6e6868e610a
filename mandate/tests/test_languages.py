"""The public pages in English, Russian and Kazakh: URLs per language, the switcher, hreflang,
the first visit's redirect, and sitemaps and feeds per language."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from promises.tests.factories import PromiseFactory

pytestmark = pytest.mark.django_db


def links(page, rel):
    return dict(re.findall(rf'<link rel="{rel}" hreflang="([^"]+)" href="([^"]+)">', page))


def test_english_urls_stay_unprefixed_and_the_others_carry_their_language(reader):
    promise = PromiseFactory(title="Build schools")
    assert promise.get_absolute_url() == f"/promises/{promise.slug}/"
    for prefix, lang in (("", "en"), ("/ru", "ru"), ("/kk", "kk")):
        response = reader.get(f"{prefix}/promises/{promise.slug}/")
        assert response.status_code == 200
        assert f'<html lang="{lang}">' in response.content.decode()
        assert response["Content-Language"] == lang


def test_every_page_names_its_canonical_url_and_each_language_alternate(reader):
    promise = PromiseFactory(title="Build schools")
    page = reader.get(f"/kk/promises/{promise.slug}/").content.decode()
    assert f'<link rel="canonical" href="http://testserver/kk/promises/{promise.slug}/">' in page
    assert links(page, "alternate") == {
        "en": f"http://testserver/promises/{promise.slug}/",
        "ru": f"http://testserver/ru/promises/{promise.slug}/",
        "kk": f"http://testserver/kk/promises/{promise.slug}/",
        "x-default": f"http://testserver/promises/{promise.slug}/",
    }


def test_the_switcher_is_plain_links_that_keep_the_page_and_its_filters(reader):
    page = reader.get("/ru/promises/?status=fulfilled").content.decode()
    switcher = re.search(r'<nav class="languages".*?</nav>', page, re.S).group(0)
    assert "<script" not in page
    assert 'aria-current="true">Русский</a>' in switcher
    english = re.search(r'<a href="([^"]+)" lang="en"', switcher).group(1)
    response = reader.get(english.replace("&amp;", "&"))
    assert response.status_code == 302
    assert response["Location"] == "/promises/?status=fulfilled"
    assert response.cookies["django_language"].value == "en"


def test_the_switcher_never_sends_a_reader_to_another_site(reader):
    response = reader.get(reverse("switch_language", args=["kk"]), {"next": "https://evil.example/"})
    assert response["Location"] == "/kk/"


def test_the_browser_language_decides_the_first_visit_only():
    browser = Client(HTTP_ACCEPT_LANGUAGE="kk, ru;q=0.8, en;q=0.5")
    first = browser.get("/promises/")
    assert first.status_code == 302 and first["Location"] == "/kk/promises/"
    assert first.cookies["django_language"].value == "kk"
    # The reader picks English with the switcher: the browser's header no longer decides.
    browser.get(reverse("switch_language", args=["en"]), {"next": "/kk/promises/"})
    assert browser.get("/promises/").status_code == 200


def test_a_page_asked_for_in_a_language_is_served_in_it_whatever_the_browser_says():
    response = Client(HTTP_ACCEPT_LANGUAGE="ru").get("/kk/promises/")
    assert response.status_code == 200 and response["Content-Language"] == "kk"


def test_the_admin_and_the_api_have_no_language_prefix(reader):
    assert reader.get("/ru/api/v1/").status_code == 404
    assert Client(HTTP_ACCEPT_LANGUAGE="ru").get("/api/v1/").status_code == 200
    assert Client(HTTP_ACCEPT_LANGUAGE="ru").get("/robots.txt").status_code == 200


def test_the_sitemap_lists_each_page_in_each_language(reader):
    promise = PromiseFactory(title="Build schools", is_published=True)
    sitemap = reader.get("/sitemap.xml").content.decode()
    for prefix in ("", "/ru", "/kk"):
        assert f"<loc>http://testserver{prefix}/promises/{promise.slug}/</loc>" in sitemap
    assert f'hreflang="kk" href="http://testserver/kk/promises/{promise.slug}/"' in sitemap


def test_feeds_exist_in_each_language_and_link_to_pages_in_it(reader):
    feed = reader.get("/kk/feeds/changes.rss").content.decode()
    assert "<language>kk</language>" in feed
    assert "<link>http://testserver/kk/</link>" in feed


def test_the_admin_speaks_the_language_the_editor_chose(editor_client):
    assert "What would you like to do?" in editor_client.get("/admin/").content.decode()
    editor_client.get(reverse("switch_language", args=["ru"]), {"next": "/"})
    response = editor_client.get("/admin/")
    assert response["Content-Language"] == "ru"
    assert "Что вы хотите сделать?" in response.content.decode()
