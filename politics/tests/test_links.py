import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from politics.links import slug_url

DETAIL_VIEWS = [
    "promise_detail", "directive_detail", "leader_detail", "party_detail",
    "election_detail", "programme_detail", "topic_detail",
]


@pytest.mark.parametrize("viewname", DETAIL_VIEWS)
@pytest.mark.parametrize("slug", ["nur-otan", "a", "audit_2022", "0slug0"])
def test_a_page_url_is_the_one_reverse_gives(viewname, slug):
    assert slug_url(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


def test_the_url_follows_the_script_prefix_the_site_is_mounted_under():
    try:
        set_script_prefix("/tracker/")
        assert slug_url("party_detail", "amanat") == "/tracker/parties/amanat/"
    finally:
        clear_script_prefix()
    assert slug_url("party_detail", "amanat") == "/parties/amanat/"


@pytest.mark.parametrize("slug", ["", "a/b", "../admin", "x y"])
def test_a_slug_the_url_would_not_accept_is_refused_as_reverse_refuses_it(slug):
    with pytest.raises(NoReverseMatch):
        slug_url("party_detail", slug)
