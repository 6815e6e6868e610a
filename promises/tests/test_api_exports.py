import csv
import datetime
import io
import json
import tracemalloc

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from directives.tests.factories import DirectiveFactory
from politics.tests.factories import PartyFactory, TopicFactory
from promises.api import PromiseExport
from promises.models import Promise, PromiseStatusUpdate
from promises.tests.factories import PromiseFactory
from tracking import exports
from tracking.models import Evidence, Status
from tracking.services import record_status

pytestmark = pytest.mark.django_db


def body(response):
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def test_the_promise_export_lists_public_promises_with_their_current_status(editor):
    topic = TopicFactory(slug="economy")
    promise = PromiseFactory(title="Raise wages", party=PartyFactory(slug="amanat"), target_date=datetime.date(2020, 1, 1))
    promise.topics.add(topic)
    record_status(item=promise, status=Status.STALLED, explanation="No budget.",
                          evidence=["https://news.example/x"], editor=editor, on=datetime.date(2021, 1, 1))
    PromiseFactory(is_published=False)
    rows = list(csv.DictReader(io.StringIO(body(APIClient().get("/api/v1/export/promises.csv")))))
    assert len(rows) == 1
    assert (rows[0]["title"], rows[0]["status"], rows[0]["overdue"], rows[0]["party_slug"], rows[0]["topics"]) == (
        "Raise wages", "stalled", "true", "amanat", "economy")


def test_the_json_exports_are_valid_json_with_the_same_columns():
    PromiseFactory()
    DirectiveFactory()
    promises = json.loads(body(APIClient().get("/api/v1/export/promises.json")))
    directives = json.loads(body(APIClient().get("/api/v1/export/directives.json")))
    assert list(promises[0]) == list(PromiseExport.columns)
    assert directives[0]["status"] == "not_rated"


def test_the_history_export_holds_every_update_of_public_items_with_its_evidence(editor):
    promise, draft = PromiseFactory(slug="p"), PromiseFactory(is_published=False)
    for item in (promise, draft):
        record_status(item=item, status=Status.IN_PROGRESS, explanation="Begun.",
                              evidence=["https://news.example/a", "https://news.example/b"], editor=editor,
                              on=datetime.date(2021, 1, 1))
    rows = json.loads(body(APIClient().get("/api/v1/export/status-history.json")))
    assert [(r["kind"], r["item_slug"], r["new_status"]) for r in rows] == [("promise", "p", "in_progress")]
    assert rows[0]["evidence"] == "https://news.example/a https://news.example/b"


def make_history(count):
    """``count`` public promises, each with one status update and its evidence (bulk, for speed)."""
    editor = get_user_model().objects.create_user(f"bulk{count}", password="pw-for-tests-only")
    party = PartyFactory()
    Promise.objects.bulk_create([
        Promise(slug=f"bulk-{count}-{n}", title=f"Promise number {n} " + "x" * 80, quote="q" * 300, party=party,
                is_published=True, made_on=datetime.date(2021, 1, 1), current_status=Status.IN_PROGRESS,
                status_changed_on=datetime.date(2021, 2, 1))
        for n in range(count)
    ])
    promises = Promise.objects.filter(slug__startswith=f"bulk-{count}-")
    updates = PromiseStatusUpdate.objects.bulk_create([
        PromiseStatusUpdate(item=p, on=datetime.date(2021, 2, 1), old_status=Status.NOT_RATED,
                            new_status=Status.IN_PROGRESS, explanation="e" * 200, editor=editor)
        for p in promises
    ])
    Evidence.objects.bulk_create([Evidence(update=u, url=f"https://news.example/{u.pk}") for u in updates])


def peak_memory_of_export(url):
    response = APIClient().get(url)
    tracemalloc.start()
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, size


@pytest.mark.parametrize("url", ["/api/v1/export/promises.csv", "/api/v1/export/promises.json",
                                 "/api/v1/export/status-history.csv"])
def test_an_export_ten_times_larger_does_not_take_ten_times_the_memory(monkeypatch, url):
    monkeypatch.setattr(exports, "EXPORT_CHUNK_SIZE", 100)
    make_history(300)
    small_peak, small_size = peak_memory_of_export(url)
    make_history(2700)
    large_peak, large_size = peak_memory_of_export(url)
    assert large_size > 9 * small_size
    # A buffered export would grow with the rows (×10); a streamed one stays near one chunk's worth.
    assert large_peak < 2 * small_peak, (small_peak, large_peak)
