"""The editors' admin: every page renders, recording a status, publishing, the history's protection."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from directives.models import DirectiveStatusUpdate
from directives.tests.factories import DirectiveFactory
from politics.tests.factories import LeaderAliasFactory, OfficeFactory, PartyNameFactory, ProgrammeFactory, TopicFactory
from promises.models import Promise, PromiseStatusUpdate
from promises.tests.factories import PromiseFactory
from sources.services import candidate_reject
from sources.tests.factories import ArticleFactory, CandidateFactory, FeedFactory
from tracking.models import Correction, Evidence, Status
from tracking.services import item_publish, item_save, item_update, record_status
from tracking.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2023, 5, 1)


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def some_rows():
    """One row of everything, so the changelists render real rows and computed columns."""
    promise = PromiseFactory(programme=ProgrammeFactory(), target_date=datetime.date(2020, 1, 1))
    SourceFactory(item=promise)
    SourceFactory(item=DirectiveFactory())
    LeaderAliasFactory()
    OfficeFactory()
    PartyNameFactory()
    FeedFactory(last_error="timed out")
    CandidateFactory()
    TopicFactory()
    return promise


class As:
    """A stand-in request for asking a model admin about a user's permissions."""

    def __init__(self, user):
        self.user = user


def test_every_changelist_and_add_page_renders_for_an_editor(editor_client, editor):
    some_rows()
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_permission(As(editor)):
            continue
        assert editor_client.get(url(model, "changelist")).status_code == 200, model
        expected = 200 if model_admin.has_add_permission(As(editor)) else 403
        assert editor_client.get(url(model, "add")).status_code == expected, model
        checked += 1
    assert checked >= 14


def test_every_change_page_renders_for_an_editor(editor_client, editor):
    promise = some_rows()
    record_status(
        item=promise, status=Status.IN_PROGRESS, explanation="Begun.", evidence=["https://news.example/1"],
        editor=editor, on=DAY,
    )
    checked = 0
    for model, model_admin in admin.site._registry.items():
        obj = model.objects.first()
        if obj is None or not model_admin.has_view_permission(As(editor)):
            continue
        assert editor_client.get(url(model, "change", obj.pk)).status_code == 200, model
        checked += 1
    assert checked >= 13


def test_the_index_groups_models_by_what_an_editor_does(editor_client):
    response = editor_client.get(reverse("admin:index"))
    sections = [app["name"] for app in response.context["app_list"]]
    assert sections[:5] == [
        "Review ingested statements",
        "Track promises and directives",
        "Leaders and parties",
        "Elections and programmes",
        "Sources and feeds",
    ]
    assert [m["object_name"] for m in response.context["app_list"][0]["models"]] == ["Candidate", "Suggestion"]


def test_the_promise_list_shows_the_current_status_and_overdue(editor_client, editor):
    promise = PromiseFactory(title="Pave the road", target_date=datetime.date(2020, 1, 1))
    record_status(
        item=promise, status=Status.STALLED, explanation="Stopped.", evidence=["https://news.example/s"],
        editor=editor, on=DAY,
    )
    response = editor_client.get(url(Promise, "changelist"), {"status": Status.STALLED, "overdue": "yes"})
    assert list(response.context["cl"].result_list) == [promise]
    assert "Stalled" in response.content.decode()


# --- recording a status -----------------------------------------------------


def test_the_change_page_offers_to_record_a_new_status(editor_client):
    promise = PromiseFactory()
    response = editor_client.get(url(Promise, "change", promise.pk))
    assert url(Promise, "record_status", promise.pk) in response.content.decode()


def test_recording_a_status_through_the_admin_appends_an_update_with_its_evidence(editor_client, editor):
    promise = PromiseFactory()
    article = ArticleFactory()
    response = editor_client.post(
        url(Promise, "record_status", promise.pk),
        {
            "status": Status.IN_PROGRESS, "on": "2023-05-01", "explanation": "Tenders were published.",
            "evidence_urls": "https://news.example/a Tenders open\nhttps://news.example/b  Bids in ",
            "evidence_articles": [article.pk],
        },
    )
    assert response.status_code == 302
    update = PromiseStatusUpdate.objects.get()
    assert (update.item_id, update.new_status, update.on, update.editor) == (promise.pk, Status.IN_PROGRESS, DAY, editor)
    assert {(e.link(), e.title) for e in update.evidence.all()} == {
        ("https://news.example/a", "Tenders open"), ("https://news.example/b", "Bids in"), (article.url, ""),
    }


def test_a_pasted_url_without_its_title_is_refused_with_a_message(editor_client):
    promise = PromiseFactory()
    response = editor_client.post(
        url(Promise, "record_status", promise.pk),
        {"status": Status.IN_PROGRESS, "on": "2023-05-01", "explanation": "Tenders.",
         "evidence_urls": "https://news.example/a"},
    )
    assert "Give the title of https://news.example/a" in response.context["form"].errors["evidence_urls"][0]
    assert not PromiseStatusUpdate.objects.exists()


def test_an_over_long_explanation_is_refused_with_a_message_and_the_text_kept(editor_client):
    promise = PromiseFactory()
    explanation = "word " * 20_000
    response = editor_client.post(
        url(Promise, "record_status", promise.pk),
        {"status": Status.IN_PROGRESS, "on": "2023-05-01", "explanation": explanation,
         "evidence_urls": "https://news.example/a Tenders open"},
    )
    assert response.status_code == 200
    assert "at most 5000 characters" in response.context["form"].errors["explanation"][0]
    # The browser is not asked to cut it short: the editor sees the message and the whole text.
    assert "maxlength" not in str(response.context["form"]["explanation"])
    assert not PromiseStatusUpdate.objects.exists()


def test_recording_without_evidence_shows_the_service_s_message_and_writes_nothing(editor_client):
    promise = PromiseFactory()
    response = editor_client.post(
        url(Promise, "record_status", promise.pk),
        {"status": Status.IN_PROGRESS, "on": "2023-05-01", "explanation": "Tenders were published."},
    )
    assert response.status_code == 200
    assert "at least one piece of evidence" in response.context["form"].errors["evidence_urls"][0]
    assert not PromiseStatusUpdate.objects.exists()


def test_recording_the_current_status_again_is_refused_on_the_form(editor_client, editor):
    promise = PromiseFactory()
    record_status(
        item=promise, status=Status.IN_PROGRESS, explanation="x", evidence=["https://news.example/x"],
        editor=editor, on=DAY,
    )
    response = editor_client.post(
        url(Promise, "record_status", promise.pk),
        {"status": Status.IN_PROGRESS, "on": "2023-05-02", "explanation": "Again.", "evidence_urls": "https://e.example/ E"},
    )
    assert "already “In progress”" in response.context["form"].errors["status"][0]
    assert PromiseStatusUpdate.objects.count() == 1


def test_a_directive_s_status_is_recorded_through_its_own_service(editor_client):
    directive = DirectiveFactory()
    response = editor_client.post(
        url(type(directive), "record_status", directive.pk),
        {"status": Status.FULFILLED, "on": "2023-05-01", "explanation": "Done.", "evidence_urls": "https://e.example/d D"},
    )
    assert response.status_code == 302
    assert directive.status_updates.get().new_status == Status.FULFILLED


# --- publishing and the history's protection ----------------------------------


def test_an_editor_sees_published_read_only_and_cannot_publish(editor_client):
    promise = PromiseFactory(is_published=False)
    response = editor_client.get(url(Promise, "change", promise.pk))
    assert "is_published" not in response.context["adminform"].form.fields
    changelist = editor_client.get(url(Promise, "changelist"))
    action_form = changelist.context["action_form"]
    assert action_form is None or "publish" not in dict(action_form.fields["action"].choices)
    editor_client.post(url(Promise, "changelist"), {"action": "publish", "_selected_action": [promise.pk]})
    promise.refresh_from_db()
    assert not promise.is_published


def test_a_reviewer_publishes_and_unpublishes_in_bulk(reviewer_client):
    drafts = [PromiseFactory(is_published=False) for _ in range(2)]
    reviewer_client.post(url(Promise, "changelist"), {"action": "publish", "_selected_action": [p.pk for p in drafts]})
    assert Promise.objects.filter(is_published=True).count() == 2
    reviewer_client.post(url(Promise, "changelist"), {"action": "unpublish", "_selected_action": [drafts[0].pk]})
    assert list(Promise.objects.filter(is_published=False)) == [drafts[0]]
    # Each change is in the item's history, with who made it.
    assert drafts[0].history.first().history_user.username == "rita"


def test_a_reviewer_can_set_published_on_the_change_form(reviewer_client):
    promise = PromiseFactory(is_published=False)
    response = reviewer_client.get(url(Promise, "change", promise.pk))
    assert "is_published" in response.context["adminform"].form.fields


@pytest.fixture
def update(editor):
    promise = PromiseFactory()
    return record_status(
        item=promise, status=Status.IN_PROGRESS, explanation="Begun.", evidence=["https://news.example/1"],
        editor=editor, on=DAY,
    )


@pytest.mark.parametrize("client_fixture", ["editor_client", "reviewer_client"])
def test_nobody_but_a_superuser_changes_or_deletes_a_status_update(request, client_fixture, update):
    client = request.getfixturevalue(client_fixture)
    assert client.get(url(PromiseStatusUpdate, "change", update.pk)).status_code == 200  # view only
    client.post(url(PromiseStatusUpdate, "change", update.pk), {"explanation": "Rewritten."})
    assert client.post(url(PromiseStatusUpdate, "delete", update.pk), {"post": "yes"}).status_code == 403
    update.refresh_from_db()
    assert update.explanation == "Begun."
    assert client.get(url(PromiseStatusUpdate, "add")).status_code == 403


def test_a_superuser_corrects_and_deletes_a_status_update(superuser_client, update):
    superuser_client.post(url(PromiseStatusUpdate, "change", update.pk), {
        "explanation": "Begun, as reported.",
        "evidence-TOTAL_FORMS": "1", "evidence-INITIAL_FORMS": "1",
        "evidence-0-id": update.evidence.get().pk, "evidence-0-update": update.pk,
    })
    update.refresh_from_db()
    assert update.explanation == "Begun, as reported."
    response = superuser_client.post(url(PromiseStatusUpdate, "delete", update.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not PromiseStatusUpdate.objects.exists() and not Evidence.objects.exists()


def test_status_updates_cannot_be_added_outside_the_record_view(superuser_client):
    assert superuser_client.get(url(DirectiveStatusUpdate, "add")).status_code == 403


def test_a_slug_already_used_by_a_promise_is_refused_by_the_form(superuser_client):
    taken = PromiseFactory(slug="taken")
    response = superuser_client.post(
        reverse("admin:promises_promise_add"),
        {"title": "Another", "slug": "taken", "quote": "We will.", "party": taken.party_id, "made_on": "2021-01-10",
         "sources-TOTAL_FORMS": 0, "sources-INITIAL_FORMS": 0, "status_updates-TOTAL_FORMS": 0,
         "status_updates-INITIAL_FORMS": 0},
    )
    assert response.status_code == 200
    assert "This slug is already used." in response.content.decode()
    assert Promise.objects.filter(slug="taken").count() == 1


# --- reverting to an old version (django-simple-history) ------------------------


def history_url(obj, version):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, version.history_id])


def revert_form_data(client, obj, version):
    """What the revert page's form holds for ``version``, as the browser would post it back."""
    form = client.get(history_url(obj, version)).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        elif value is not None:
            data[name] = value
    data.update({"sources-TOTAL_FORMS": "0", "sources-INITIAL_FORMS": "0", "status_updates-TOTAL_FORMS": "0",
                 "status_updates-INITIAL_FORMS": "0"})
    return data


def test_an_editor_cannot_unpublish_by_reverting_to_a_draft_version(editor_client, reviewer):
    promise = PromiseFactory(is_published=False)
    draft = promise.history.earliest()
    item_publish(item=promise, editor=reviewer)
    data = revert_form_data(editor_client, promise, draft)
    response = editor_client.post(history_url(promise, draft), data)
    assert response.status_code == 403
    promise.refresh_from_db()
    assert promise.is_published


def test_an_editor_cannot_republish_a_retracted_item_by_reverting(editor_client, reviewer):
    promise = PromiseFactory(is_published=False)
    item_publish(item=promise, editor=reviewer)
    published = promise.history.latest()
    item_publish(item=promise, editor=reviewer, published=False)
    response = editor_client.post(history_url(promise, published), revert_form_data(editor_client, promise, published))
    assert response.status_code == 403
    promise.refresh_from_db()
    assert not promise.is_published


def test_a_reviewer_s_revert_restores_the_text_and_keeps_the_status_history_s_status(reviewer_client, editor):
    promise = PromiseFactory(title="Build 100 schools", is_published=False)
    first = promise.history.earliest()
    record_status(item=promise, status=Status.IN_PROGRESS, explanation="Begun.", evidence=["https://news.example/1"],
                  editor=editor, on=DAY)
    promise.title = "Build 200 schools"
    item_save(item=promise, editor=editor)
    response = reviewer_client.post(history_url(promise, first), revert_form_data(reviewer_client, promise, first))
    assert response.status_code == 302
    promise.refresh_from_db()
    assert promise.title == "Build 100 schools"
    assert promise.current_status == Status.IN_PROGRESS  # not the "not rated" of before the history
    assert promise.history.latest().history_user.username == "rita"


def test_reverting_a_candidate_does_not_reopen_it(editor_client, editor):
    candidate = CandidateFactory()
    found = candidate.history.earliest()
    candidate_reject(candidate=candidate, editor=editor)
    response = editor_client.post(history_url(candidate, found), revert_form_data(editor_client, candidate, found))
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.state == candidate.State.REJECTED


def test_a_user_who_may_only_view_cannot_revert(client, django_user_model):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("vera", password="pw-for-tests-only", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_topic"))
    client.force_login(viewer)
    topic = TopicFactory(name="Housing")
    first = topic.history.earliest()
    topic.name = "Homes"
    topic.save()
    response = client.post(history_url(topic, first), {"name": "Housing", "slug": topic.slug, "description": ""})
    assert response.status_code == 403
    topic.refresh_from_db()
    assert topic.name == "Homes"


def test_a_revert_of_a_published_item_s_text_is_in_the_corrections_log(reviewer_client, editor):
    promise = PromiseFactory(title="Build 100 schools")
    first = promise.history.earliest()
    item_update(item=promise, editor=editor, title="Build 200 schools")
    response = reviewer_client.post(history_url(promise, first), revert_form_data(reviewer_client, promise, first))
    assert response.status_code == 302
    assert [c.changes for c in Correction.objects.order_by("pk")] == [
        [{"label": "title", "before": "Build 100 schools", "after": "Build 200 schools"}],
        [{"label": "title", "before": "Build 200 schools", "after": "Build 100 schools"}],
    ]
