"""What readers need to trust the tracker: an About page, where to send corrections, a
public corrections log; and the small things: a favicon, an API root page, readable feeds."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from directives.tests.factories import DirectiveFactory
from promises.tests.factories import PromiseFactory
from tracking.models import Correction
from tracking.services import correction_record, item_update

pytestmark = pytest.mark.django_db


def test_the_about_page_says_who_runs_the_tracker_and_where_corrections_go(reader, settings):
    settings.SITE_OWNER, settings.CORRECTIONS_EMAIL = "the Open Politics Foundation", "corrections@mandate.example"
    page = reader.get(reverse("about")).content.decode()
    assert "is run by the Open Politics Foundation" in page
    assert '<a href="mailto:corrections@mandate.example">corrections@mandate.example</a>' in page
    assert reverse("corrections") in page and reverse("methodology") in page
    methodology = reader.get(reverse("methodology")).content.decode()
    assert "mailto:corrections@mandate.example" in methodology
    footer = reader.get(reverse("home")).content.decode()
    assert f'href="{reverse("about")}"' in footer and f'href="{reverse("corrections")}"' in footer


def test_a_correction_to_a_published_item_is_dated_in_the_public_log_and_on_its_page(reader, editor):
    promise = PromiseFactory(title="Raise pensions by 7%", quote="We will raise pensions by 17 per cent.")
    item_update(item=promise, editor=editor, quote="We will raise pensions by 7 per cent.",
                correction="The quote said 17 per cent; the programme says 7.")
    draft = PromiseFactory(title="A draft", is_published=False)
    correction_record(item=draft, note="Not for readers yet.", editor=editor)

    entry = Correction.objects.get(item=promise)
    assert (entry.on, entry.editor, entry.fields) == (datetime.date.today(), editor, "quote")
    log = reader.get(reverse("corrections")).content.decode()
    assert "The quote said 17 per cent; the programme says 7." in log and promise.get_absolute_url() in log
    assert "Not for readers yet." not in log
    page = reader.get(promise.get_absolute_url()).content.decode()
    page = page[page.index("<main"):]
    assert page.index("The quote said 17 per cent") < page.index("We will raise pensions by 7 per cent.")


def test_a_correction_needs_its_note_and_is_refused_when_too_long(editor):
    promise = PromiseFactory()
    with pytest.raises(Exception, match="Say what was corrected"):
        correction_record(item=promise, note="  ", editor=editor)
    with pytest.raises(Exception, match="at most 2000 characters"):
        correction_record(item=promise, note="x" * 2001, editor=editor)
    assert not Correction.objects.exists()


def test_an_editor_corrects_a_published_item_in_the_admin_with_a_note(editor_client, editor):
    directive = DirectiveFactory(action="Audit the promises", is_published=True)
    url = reverse("admin:directives_directive_change", args=[directive.pk])
    form = editor_client.get(url).context["adminform"].form
    assert "correction" in form.fields
    data = {**{k: v for k, v in form.initial.items() if v is not None}}
    data.update(action="Audit the election promises", issuer=directive.issuer_id, issued_on="2022-01-28",
                correction="The action left out which promises.", **inline_management_forms())
    data.pop("topics", None), data.pop("addressed_parties", None), data.pop("addressed_leaders", None)
    data.pop("promises", None), data.pop("programmes", None), data.pop("is_published", None)
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = Correction.objects.get()
    assert entry.note == "The action left out which promises." and "action" in entry.fields


def inline_management_forms():
    return {"sources-TOTAL_FORMS": "0", "sources-INITIAL_FORMS": "0", "status_updates-TOTAL_FORMS": "0",
            "status_updates-INITIAL_FORMS": "0"}


def test_an_api_client_records_a_correction_with_its_change(editor):
    promise = PromiseFactory(title="Raise pensions by 17%")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    response = client.patch(f"/api/v1/promises/{promise.pk}/",
                            {"title": "Raise pensions by 7%", "correction": "The title said 17%."}, format="json")
    assert response.status_code == 200, response.content
    assert "correction" not in response.json()
    assert Correction.objects.get().note == "The title said 17%."


def test_an_editor_s_change_to_published_text_is_shown_to_readers_from_what_to_what(reader, editor):
    promise = PromiseFactory(title="Raise pensions by 17%", quote="We will raise pensions.")
    item_update(item=promise, editor=editor, title="Raise pensions by 7%")  # no note: recorded all the same

    entry = Correction.objects.get(item=promise)
    assert (entry.on, entry.editor, entry.note, entry.fields) == (datetime.date.today(), editor, "", "title")
    assert entry.changes == [{"label": "title", "before": "Raise pensions by 17%", "after": "Raise pensions by 7%"}]
    for path in (reverse("corrections"), promise.get_absolute_url()):
        page = reader.get(path).content.decode()
        assert "<del>Raise pensions by 17%</del>" in page and "<ins>Raise pensions by 7%</ins>" in page, path


def test_drafts_and_unchanged_saves_leave_the_log_alone(editor):
    draft = PromiseFactory(title="Raise pensions by 17%", is_published=False)
    item_update(item=draft, editor=editor, title="Raise pensions by 7%")
    published = PromiseFactory(title="Build schools")
    item_update(item=published, editor=editor, title="Build schools")
    assert not Correction.objects.exists()


def test_translating_a_published_item_is_no_correction_but_changing_a_translation_is(editor):
    promise = PromiseFactory(title="Raise pensions by 7%")
    item_update(item=promise, editor=editor, title_ru="Повысить пенсии на 7%")
    assert not Correction.objects.exists()
    item_update(item=promise, editor=editor, title_ru="Повысить пенсии на 17%")
    assert Correction.objects.get().changes == [
        {"label": "title (Russian)", "before": "Повысить пенсии на 7%", "after": "Повысить пенсии на 17%"}
    ]


def test_a_change_in_the_admin_without_a_note_is_in_the_log(editor_client, editor):
    directive = DirectiveFactory(action="Audit the promises", is_published=True)
    url = reverse("admin:directives_directive_change", args=[directive.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(action="Audit the election promises", issuer=directive.issuer_id, **inline_management_forms())
    data.pop("is_published", None)
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Correction.objects.get().changes == [
        {"label": "action", "before": "Audit the promises", "after": "Audit the election promises"}
    ]


def test_an_api_change_without_a_note_is_in_the_log(editor):
    promise = PromiseFactory(title="Raise pensions by 17%")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    response = client.patch(f"/api/v1/promises/{promise.pk}/", {"title": "Raise pensions by 7%"}, format="json")
    assert response.status_code == 200, response.content
    assert Correction.objects.get().changes[0]["before"] == "Raise pensions by 17%"


def test_the_api_root_is_a_page_for_people_and_json_for_programs(reader):
    page = reader.get("/api/v1/", HTTP_ACCEPT="text/html,application/xhtml+xml")
    html = page.content.decode()
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert 'style="' not in html and "<style" not in html  # nothing the CSP refuses
    for url in (reverse("api_docs"), "/api/v1/export/promises.csv", reverse("changes_atom"), "/api/v1/promises/"):
        assert url in html
    data = reader.get("/api/v1/", HTTP_ACCEPT="application/json").json()
    assert data["endpoints"]["promises"] == "http://testserver/api/v1/promises/"
    assert data["exports"]["promises.csv"] == "http://testserver/api/v1/export/promises.csv"
    assert set(data) == {"endpoints", "exports", "docs", "feeds"}


def test_favicon_ico_is_served(reader):
    response = reader.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("img/favicon.ico")
    page = reader.get(reverse("home")).content.decode()
    assert 'rel="icon"' in page


@pytest.mark.parametrize("route", ["changes_atom", "changes_rss"])
def test_a_feed_names_its_stylesheet_so_a_browser_shows_a_page(reader, route):
    body = reader.get(reverse(route)).content.decode()
    # The instruction comes after the XML declaration and before the root element.
    declaration, instruction = body.index("<?xml version"), body.index('<?xml-stylesheet href="/feeds/feed.xsl"')
    root = body.index("<feed") if route == "changes_atom" else body.index("<rss")
    assert declaration < instruction < root
    assert 'type="text/xsl"' in body
    stylesheet = reader.get("/feeds/feed.xsl")
    assert stylesheet["Content-Type"].startswith("text/xsl") and b"xsl:stylesheet" in stylesheet.content
