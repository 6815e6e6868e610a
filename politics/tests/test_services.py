"""Writes about the actors: slugs."""

import pytest

from directives.models import Directive
from directives.tests.factories import DirectiveFactory
from politics.services import unique_slug

pytestmark = pytest.mark.django_db


def test_a_long_title_s_slug_is_cut_at_the_end_of_a_word_and_kept_unique():
    action = "review the party's organizational structure: an executive secretary instead of the first deputy"
    slug = unique_slug(Directive, action)
    assert slug == "review-the-partys-organizational-structure-an-executive-secretary-instead-of-the"
    assert len(slug) <= 80 and action.replace("'", "").replace(":", "").startswith(slug.replace("-", " "))
    DirectiveFactory(slug=slug)
    assert unique_slug(Directive, action) == f"{slug}-2"
    assert unique_slug(Directive, "x" * 100) == "x" * 80  # one long word is cut where it must be
