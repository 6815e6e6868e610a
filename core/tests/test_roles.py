"""What the Editors and Reviewers groups may do (core/roles.py), as users experience it."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_editor_enters_and_updates_but_cannot_publish(editor):
    for perm in ("promises.add_promise", "promises.change_promise", "directives.change_directive",
                 "promises.add_promisestatusupdate", "sources.change_candidate", "politics.change_party"):
        assert editor.has_perm(perm), perm
    assert not editor.has_perm("promises.publish_promise")
    assert not editor.has_perm("directives.publish_directive")


def test_an_editor_cannot_change_or_delete_the_history(editor):
    for model in ("promises.promisestatusupdate", "directives.directivestatusupdate", "tracking.statusupdate",
                  "tracking.evidence"):
        app, name = model.split(".")
        assert not editor.has_perm(f"{app}.change_{name}"), model
        assert not editor.has_perm(f"{app}.delete_{name}"), model
    assert not editor.has_perm("promises.delete_promise")  # unpublished, never deleted
    assert not editor.has_perm("tracking.delete_trackeditem")
    assert not editor.has_perm("sources.delete_article")


def test_a_reviewer_is_an_editor_who_may_publish(reviewer, editor):
    assert reviewer.has_perm("promises.publish_promise") and reviewer.has_perm("directives.publish_directive")
    assert set(editor.get_all_permissions()) < set(reviewer.get_all_permissions())
    assert not reviewer.has_perm("promises.delete_promisestatusupdate")


def test_neither_group_manages_accounts(editor, reviewer):
    for user in (editor, reviewer):
        assert not user.has_perm("auth.change_user") and not user.has_perm("auth.add_group")
