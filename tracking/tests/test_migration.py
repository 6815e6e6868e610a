"""The migrations that made promises and directives tracked items carry every
existing row over: items, topics, status updates, evidence and sources."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("politics", "0001_initial"),
    ("sources", "0002_article_claimed_at"),
    ("promises", "0003_stored_current_status"),
    ("directives", "0004_stored_current_status"),
    ("tracking", None),
]
AFTER = [("promises", "0004_tracked_item"), ("directives", "0006_editor_groups")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.migrate(targets).apps


@pytest.fixture
def old_apps():
    apps = migrate(BEFORE)
    yield apps
    migrate(executor_leaf_nodes())


def executor_leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def fill_old_tables(apps):
    """Rows as the old tables held them: ids of promises and directives overlap."""
    user = apps.get_model("auth", "User").objects.create(username="old-editor")
    topic = apps.get_model("politics", "Topic").objects.create(name="Economy", slug="economy")
    leader = apps.get_model("politics", "Leader").objects.create(full_name="A Leader", slug="a-leader")
    party = apps.get_model("politics", "Party").objects.create(name="A Party", slug="a-party")
    outlet = apps.get_model("sources", "Outlet").objects.create(name="Trend", domain="trend.az")
    article = apps.get_model("sources", "Article").objects.create(url="https://trend.az/1", outlet=outlet,
                                                                  title="Report")
    Promise = apps.get_model("promises", "Promise")
    Directive = apps.get_model("directives", "Directive")
    promise = Promise.objects.create(slug="wage", quote="We will raise wages.", title="Raise wages", party=party,
                                     made_on=datetime.date(2021, 1, 1), target_date=datetime.date(2022, 1, 1),
                                     is_published=True, current_status="in_progress",
                                     status_changed_on=datetime.date(2021, 6, 1))
    promise.topics.add(topic)
    directive = Directive.objects.create(slug="review", quote="Review the structure.", action="Review structure",
                                         issuer=leader, issued_on=datetime.date(2022, 1, 28), is_published=False,
                                         current_status="fulfilled", status_changed_on=datetime.date(2022, 3, 1))
    directive.topics.add(topic)
    directive.addressed_parties.add(party)
    directive.promises.add(promise)
    for item, app, name, status, on in (
        (promise, "promises", "Promise", "in_progress", datetime.date(2021, 6, 1)),
        (directive, "directives", "Directive", "fulfilled", datetime.date(2022, 3, 1)),
    ):
        update = apps.get_model(app, f"{name}StatusUpdate").objects.create(
            item=item, on=on, old_status="not_rated", new_status=status, explanation=f"{name} moved.", editor=user
        )
        apps.get_model(app, f"{name}Evidence").objects.create(update=update, url=f"https://e.example/{app}",
                                                              title="Proof")
        apps.get_model(app, f"{name}Source").objects.create(item=item, article=article, quote="Said so.")
    return promise, directive


@pytest.mark.django_db(transaction=True)
def test_the_migration_carries_every_row_over_to_the_tracking_tables(old_apps):
    old_promise, old_directive = fill_old_tables(old_apps)
    assert old_promise.pk == old_directive.pk  # two tables, two id sequences

    apps = migrate(AFTER)
    TrackedItem = apps.get_model("tracking", "TrackedItem")
    promise = apps.get_model("promises", "Promise").objects.get(pk=old_promise.pk)
    directive = apps.get_model("directives", "Directive").objects.get()
    # Promises keep their ids; directives move above them, into the one id sequence.
    assert directive.pk != promise.pk
    items = {item.kind: item for item in TrackedItem.objects.all()}
    assert set(items) == {"promise", "directive"}
    assert (items["promise"].slug, items["promise"].is_published, items["promise"].current_status) == (
        "wage", True, "in_progress")
    assert (items["directive"].slug, items["directive"].is_published, items["directive"].current_status) == (
        "review", False, "fulfilled")
    assert items["promise"].status_changed_on == datetime.date(2021, 6, 1)
    assert (promise.title, promise.party.slug, promise.target_date) == ("Raise wages", "a-party",
                                                                        datetime.date(2022, 1, 1))
    assert (directive.action, directive.issuer.slug) == ("Review structure", "a-leader")
    assert [p.pk for p in directive.promises.all()] == [promise.pk]
    assert [p.slug for p in directive.addressed_parties.all()] == ["a-party"]
    topics = apps.get_model("tracking", "TrackedItem").topics.through.objects.values_list("trackeditem_id", flat=True)
    assert sorted(topics) == sorted([promise.pk, directive.pk])

    StatusUpdate = apps.get_model("tracking", "StatusUpdate")
    updates = {update.item_id: update for update in StatusUpdate.objects.all()}
    assert set(updates) == {promise.pk, directive.pk}
    assert updates[directive.pk].new_status == "fulfilled" and updates[directive.pk].explanation == "Directive moved."
    assert updates[promise.pk].editor.username == "old-editor"
    evidence = apps.get_model("tracking", "Evidence").objects.all()
    assert {(e.update.item_id, e.url) for e in evidence} == {
        (promise.pk, "https://e.example/promises"), (directive.pk, "https://e.example/directives")}
    sources = apps.get_model("tracking", "Source").objects.all()
    assert {(s.item_id, s.article.url, s.quote) for s in sources} == {
        (promise.pk, "https://trend.az/1", "Said so."), (directive.pk, "https://trend.az/1", "Said so.")}
    # New rows continue the sequences after the carried ones.
    later = TrackedItem.objects.create(kind="promise", slug="later", quote="Later.")
    assert later.pk > directive.pk
