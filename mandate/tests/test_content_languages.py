"""Content in three languages: titles, actions, explanations and names in the reader's language,
the original marked "(in English)" where nobody has translated it, quotes as said, search in any
language, the API's ``?lang=`` and ``Accept-Language``, the editors' admin, the demo."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from directives.tests.factories import DirectiveFactory
from mandate.demo import translate_demo
from politics.models import Leader, LeaderAlias, PartyName
from politics.tests.factories import LeaderFactory, PartyFactory, PartyNameFactory
from promises.tests.factories import PromiseFactory
from tracking.models import Status
from tracking.services import record_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def promise(editor):
    promise = PromiseFactory(
        title="Raise the minimum wage",
        title_ru="Повысить минимальную зарплату",
        title_kk="Ең төменгі жалақыны көтеру",
        quote="We will raise the minimum wage to 100,000 tenge.",
        party=PartyFactory(name="Amanat", name_ru="Аманат", name_kk="Аманат", slug="amanat"),
    )
    record_status(
        item=promise,
        status=Status.IN_PROGRESS,
        editor=editor,
        on=datetime.date(2022, 1, 15),
        explanation="A first increase was announced.",
        translations={"ru": "Объявлено первое повышение."},
        evidence=["https://news.example/wage"],
    )
    return promise


def heading(response):
    return re.search(r"<h1>(.*?)</h1>", response.content.decode(), re.S).group(1)


def test_a_reader_gets_the_title_and_the_explanation_in_their_language(reader, promise):
    url = promise.get_absolute_url()
    page = reader.get(f"/ru{url}")
    assert heading(page) == "Повысить минимальную зарплату"
    assert "Объявлено первое повышение." in page.content.decode()
    assert heading(reader.get(url)) == "Raise the minimum wage"


def test_where_a_translation_is_missing_the_original_is_shown_marked_in_english(reader, promise):
    url = promise.get_absolute_url()
    page = reader.get(f"/kk{url}").content.decode()
    # The title has a Kazakh version; the explanation has none yet.
    assert "Ең төменгі жалақыны көтеру" in page
    assert '<span lang="en">A first increase was announced.</span> <span class="in-original">(ағылшынша)</span>' in page
    PromiseFactory(title="Build schools", party=promise.party, slug="build-schools")
    assert heading(reader.get("/kk/promises/build-schools/")) == (
        '<span lang="en">Build schools</span> <span class="in-original">(ағылшынша)</span>'
    )


def test_the_quote_stays_as_it_was_said_in_every_language(reader, promise):
    url = promise.get_absolute_url()
    for prefix in ("", "/ru", "/kk"):
        assert "We will raise the minimum wage to 100,000 tenge." in reader.get(f"{prefix}{url}").content.decode()


@pytest.mark.parametrize("words", ["minimum wage", "минимальную зарплату", "жалақыны көтеру"])
def test_the_same_promise_is_found_by_its_kazakh_russian_or_english_title(reader, promise, words):
    PromiseFactory(title="Build schools", party=promise.party)
    for prefix in ("", "/ru", "/kk"):
        found = reader.get(f"{prefix}/search/", {"q": words}).context["found"]
        assert [[row.pk for row in group["rows"]] for group in found if group["name"] == "promises"] == [[promise.pk]]
        listed = reader.get(f"{prefix}/promises/", {"q": words})
        assert [row.pk for row in listed.context["page"]] == [promise.pk]


def test_a_party_and_a_leader_are_found_by_their_russian_and_kazakh_names(reader):
    amanat = PartyFactory(name="Amanat", slug="amanat")
    PartyNameFactory(party=amanat, name="Nur Otan", name_ru="Нур Отан", name_kk="Нұр Отан")
    tokayev = LeaderFactory(full_name="Kassym-Jomart Tokayev", full_name_kk="Қасым-Жомарт Тоқаев")
    for query, kind, pk in (
        ("Нұр Отан", "parties", amanat.pk),
        ("Нур Отан", "parties", amanat.pk),
        ("Тоқаев", "leaders", tokayev.pk),
    ):
        found = reader.get("/kk/search/", {"q": query}).context["found"]
        assert [row.pk for group in found if group["name"] == kind for row in group["rows"]] == [pk]


def test_a_party_is_called_by_its_name_in_the_reader_s_language(reader):
    amanat = PartyFactory(name="Amanat", name_ru="Аманат", slug="amanat")
    PartyNameFactory(party=amanat, name="Nur Otan", name_kk="Нұр Отан", valid_to=datetime.date(2022, 3, 1))
    assert heading(reader.get("/ru/parties/amanat/")) == "Аманат"
    assert "Нұр Отан" in reader.get("/kk/parties/amanat/").content.decode()


def test_the_api_gives_translated_fields_in_the_language_asked_for(promise):
    api = Client()
    url = f"/api/v1/promises/{promise.pk}/"
    assert api.get(url).json()["title"] == "Raise the minimum wage"
    russian = api.get(url, {"lang": "ru", "expand": "party,latest_update"})
    assert russian["Content-Language"] == "ru" and "Accept-Language" in russian["Vary"]
    body = russian.json()
    assert body["title"] == "Повысить минимальную зарплату"
    assert body["quote"] == "We will raise the minimum wage to 100,000 tenge."
    assert body["expanded"]["latest_update"]["explanation"] == "Объявлено первое повышение."
    kazakh = api.get(url, HTTP_ACCEPT_LANGUAGE="kk, ru;q=0.5").json()
    assert kazakh["title"] == "Ең төменгі жалақыны көтеру"
    # No Kazakh explanation: the original, as on the pages.
    assert (
        api.get(f"/api/v1/promise-updates/?promise={promise.pk}", HTTP_ACCEPT_LANGUAGE="kk").json()["results"][0][
            "explanation"
        ]
        == "A first increase was announced."
    )
    assert api.get(f"/api/v1/parties/{promise.party_id}/", {"lang": "ru"}).json()["name"] == "Аманат"
    # The page and the ETag differ per language, so a cache never serves one for the other.
    assert api.get(url, {"lang": "ru"})["ETag"] != api.get(url)["ETag"]


def test_an_unknown_api_language_is_refused_with_the_known_ones(promise):
    response = Client().get(f"/api/v1/promises/{promise.pk}/", {"lang": "fr"})
    assert response.status_code == 400
    assert response.json()["message"] == "lang: “fr” is not a language of the site. Use one of: en, ru, kk."


def test_the_schema_documents_the_language_parameters():
    schema = Client().get("/api/schema/", {"format": "json"}).json()
    parameters = schema["paths"]["/api/v1/promises/"]["get"]["parameters"]
    lang = next(p for p in parameters if p["name"] == "lang")
    assert lang["in"] == "query" and lang["schema"]["enum"] == ["en", "ru", "kk"]
    assert any(p["name"] == "Accept-Language" and p["in"] == "header" for p in parameters)


def test_editors_see_the_three_languages_side_by_side(editor_client, promise):
    page = editor_client.get(reverse("admin:promises_promise_change", args=[promise.pk])).content.decode()
    # One row of the form holds the three: Django's admin lays a row's fields side by side.
    row = page.split('<div class="form-row field-title field-title_ru field-title_kk">')[1].split(
        '<div class="form-row'
    )[0]
    for name in ("title", "title_ru", "title_kk"):
        assert f'name="{name}"' in row


def test_an_editor_records_an_explanation_with_its_translations(editor_client, editor):
    directive = DirectiveFactory(action="review the structure")
    url = reverse("admin:directives_directive_record_status", args=[directive.pk])
    response = editor_client.post(
        url,
        {
            "status": Status.IN_PROGRESS,
            "on": "2022-03-01",
            "explanation": "The party began.",
            "explanation_ru": "Партия начала.",
            "explanation_kk": "",
            "evidence_urls": "https://news.example/a A report",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    update = directive.status_updates.get()
    assert (update.explanation, update.explanation_ru, update.explanation_kk) == (
        "The party began.",
        "Партия начала.",
        "",
    )


def test_the_demo_names_tokayev_and_the_party_in_russian_and_kazakh():
    tokayev = Leader.objects.create(full_name="Kassym-Jomart Tokayev", slug="kassym-jomart-tokayev")
    LeaderAlias.objects.create(leader=tokayev, alias="Tokayev")
    amanat = PartyFactory(name="Amanat", slug="amanat")
    nur_otan = PartyName.objects.create(party=amanat, name="Nur Otan", name_kk="Нұр Отан (editor's)")
    translate_demo(None)
    tokayev.refresh_from_db()
    assert (tokayev.full_name_ru, tokayev.full_name_kk) == ("Касым-Жомарт Токаев", "Қасым-Жомарт Тоқаев")
    assert LeaderAlias.objects.get().alias_kk == "Тоқаев"
    amanat.refresh_from_db()
    nur_otan.refresh_from_db()
    assert (amanat.name_ru, amanat.name_kk) == ("Аманат", "Аманат")
    # An editor's own translation is kept.
    assert (nur_otan.name_ru, nur_otan.name_kk) == ("Нур Отан", "Нұр Отан (editor's)")


def test_the_methodology_names_each_status_in_all_three_languages(reader):
    page = reader.get("/kk/methodology/").content.decode()
    assert '<span lang="en">English: Stalled</span>' in page
    assert '<span lang="ru">Русский: Застопорилось</span>' in page
    assert '<span lang="kk">Қазақша: Тоқтап тұр</span>' in page


def test_a_renamed_party_is_named_then_and_now_in_the_reader_s_language(reader):
    amanat = PartyFactory(name="Amanat", name_ru="Аманат", name_kk="Аманат", slug="amanat")
    PartyNameFactory(
        party=amanat, name="Nur Otan", name_ru="Нур Отан", name_kk="Нұр Отан", valid_to=datetime.date(2022, 3, 1)
    )
    directive = DirectiveFactory(
        slug="audit",
        issued_on=datetime.date(2022, 1, 28),
        other_addressees="the government",
        other_addressees_ru="правительство",
    )
    directive.addressed_parties.add(amanat)
    page = reader.get("/ru/directives/audit/").content.decode()
    assert 'Нур Отан</a> <span class="muted">(сейчас Аманат)</span>' in page
    assert "<li>правительство</li>" in page
    PromiseFactory(slug="later", party=amanat, made_on=datetime.date(2023, 1, 1))
    # Made under its present name: no "then called" in any language.
    assert "тогда называлась" not in reader.get("/ru/promises/later/").content.decode()
    assert "Нұр Отан аяқталуы: 2022 ж. 1 наурыз" in reader.get("/kk/parties/amanat/").content.decode().replace(
        '<time datetime="2022-03-01">', ""
    ).replace("</time>", "")
