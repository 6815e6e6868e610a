import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from directives.tests.factories import DirectiveFactory
from promises.models import Promise, PromiseStatusUpdate
from promises.tests.factories import PromiseFactory
from sources.tests.factories import ArticleFactory
from tracking.models import Status
from tracking.services import record_status

pytestmark = pytest.mark.django_db

DAY = datetime.date(2023, 5, 1)


def record(promise, editor, status=Status.IN_PROGRESS, on=DAY, evidence=("https://news.example/a",), **kwargs):
    return record_status(
        item=promise, status=status, explanation=kwargs.pop("explanation", "Work began."), evidence=list(evidence),
        editor=editor, on=on, **kwargs,
    )


def test_a_new_promise_is_not_yet_rated(editor):
    promise = PromiseFactory()
    assert promise.status() == Status.NOT_RATED
    assert Promise.objects.get().current_status == Status.NOT_RATED


def test_the_current_status_is_the_newest_update(editor):
    promise = PromiseFactory()
    record(promise, editor, Status.IN_PROGRESS, on=DAY)
    record(promise, editor, Status.STALLED, on=DAY + datetime.timedelta(days=30))
    assert promise.status() == Status.STALLED
    annotated = Promise.objects.get()
    assert annotated.current_status == Status.STALLED
    assert annotated.status_changed_on == DAY + datetime.timedelta(days=30)


def test_the_old_status_is_taken_from_the_history_not_from_the_caller(editor):
    promise = PromiseFactory()
    record(promise, editor, Status.IN_PROGRESS)
    update = record(promise, editor, Status.FULFILLED, on=DAY + datetime.timedelta(days=1))
    assert (update.old_status, update.new_status) == (Status.IN_PROGRESS, Status.FULFILLED)


def test_an_update_without_evidence_is_refused_with_a_message(editor):
    promise = PromiseFactory()
    with pytest.raises(ValidationError) as error:
        record(promise, editor, evidence=())
    assert "evidence" in error.value.message_dict
    assert "at least one piece of evidence" in error.value.message_dict["evidence"][0]
    assert not PromiseStatusUpdate.objects.exists()


def test_an_unknown_status_is_refused_with_the_known_ones_listed(editor):
    with pytest.raises(ValidationError) as error:
        record(PromiseFactory(), editor, status="kept")
    message = error.value.message_dict["status"][0]
    assert "“kept” is not a status" in message and "partially_fulfilled" in message


def test_an_invalid_evidence_url_is_refused(editor):
    with pytest.raises(ValidationError) as error:
        record(PromiseFactory(), editor, evidence=["javascript:alert(1)"])
    assert "not a valid http(s) URL" in error.value.message_dict["evidence"][0]


def test_an_article_is_evidence_enough(editor):
    article = ArticleFactory()
    update = record(PromiseFactory(), editor, evidence=[{"article": article}])
    assert update.evidence.get().article == article


def test_an_empty_explanation_a_future_date_and_an_unchanged_status_are_refused(editor):
    promise = PromiseFactory()
    with pytest.raises(ValidationError, match="Explain the change"):
        record(promise, editor, explanation="   ")
    with pytest.raises(ValidationError, match="future"):
        record(promise, editor, on=datetime.date.today() + datetime.timedelta(days=2))
    record(promise, editor, Status.IN_PROGRESS)
    with pytest.raises(ValidationError, match="already “In progress”"):
        record(promise, editor, Status.IN_PROGRESS, on=DAY + datetime.timedelta(days=1))


def test_an_update_dated_before_the_newest_one_is_refused(editor):
    promise = PromiseFactory()
    record(promise, editor, Status.IN_PROGRESS, on=DAY)
    with pytest.raises(ValidationError, match="date order"):
        record(promise, editor, Status.STALLED, on=DAY - datetime.timedelta(days=1))


def test_the_database_refuses_an_update_that_changes_nothing(editor):
    promise = PromiseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PromiseStatusUpdate.objects.create(
            item=promise, on=DAY, old_status=Status.STALLED, new_status=Status.STALLED, explanation="x", editor=editor
        )


def test_the_database_refuses_an_unknown_status(editor):
    promise = PromiseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PromiseStatusUpdate.objects.create(
            item=promise, on=DAY, old_status=Status.NOT_RATED, new_status="kept", explanation="x", editor=editor
        )


def test_a_promise_past_its_target_date_and_not_fulfilled_is_overdue(editor):
    today = datetime.date(2024, 1, 1)
    late = PromiseFactory(target_date=datetime.date(2023, 12, 31))
    kept = PromiseFactory(target_date=datetime.date(2023, 12, 31))
    record(kept, editor, Status.FULFILLED)
    on_time = PromiseFactory(target_date=today)
    undated = PromiseFactory(target_date=None)
    assert late.is_overdue(today) and not kept.is_overdue(today)
    assert not on_time.is_overdue(today) and not undated.is_overdue(today)
    assert set(Promise.objects.overdue(today)) == {late}
    assert set(Promise.objects.not_overdue(today)) == {kept, on_time, undated}


def test_a_directive_shares_the_vocabulary_and_the_overdue_rule(editor):
    directive = DirectiveFactory(deadline=datetime.date(2022, 6, 1))
    assert directive.is_overdue(datetime.date(2022, 7, 1))
    record_status(
        item=directive, status=Status.FULFILLED, explanation="Done.", evidence=["https://news.example/d"],
        editor=editor, on=datetime.date(2022, 5, 30),
    )
    assert not directive.is_overdue(datetime.date(2022, 7, 1))
    assert directive.get_status_display() == "Fulfilled"


def test_only_published_items_are_public():
    shown = PromiseFactory(is_published=True)
    PromiseFactory(is_published=False)
    assert list(Promise.objects.public()) == [shown]


def test_the_status_labels_are_the_ones_readers_know():
    assert [label for _, label in Status.choices] == [
        "Not yet rated", "In progress", "Stalled", "Partially fulfilled", "Fulfilled", "Not fulfilled",
    ]


def test_the_stored_status_follows_the_history_when_a_superuser_deletes_an_update(editor, superuser_client):
    promise = PromiseFactory()
    first = record(promise, editor, Status.IN_PROGRESS, on=DAY)
    second = record(promise, editor, Status.FULFILLED, on=DAY + datetime.timedelta(days=3))
    response = superuser_client.post(f"/admin/promises/promisestatusupdate/{second.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    promise.refresh_from_db()
    assert (promise.current_status, promise.status_changed_on) == (Status.IN_PROGRESS, DAY)
    superuser_client.post(f"/admin/promises/promisestatusupdate/{first.pk}/delete/", {"post": "yes"})
    promise.refresh_from_db()
    assert (promise.current_status, promise.status_changed_on) == (Status.NOT_RATED, None)
    assert list(Promise.objects.with_status_in([Status.NOT_RATED])) == [promise]
