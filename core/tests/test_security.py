"""Security from the outside: response headers, the admin's log-in lock-out, and
every editor action attributed to a person."""

import datetime
import io

import pytest
from axes.models import AccessFailureLog
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.settings import api_settings

from core.middleware import client_ip
from politics.models import Topic
from politics.tests.factories import TopicFactory

CSP_REQUIRED = {
    "default-src": "'self'",
    "frame-ancestors": "'none'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/healthz"])
def test_every_answer_carries_the_security_headers(db, reader, path):
    response = reader.get(path)
    assert response.status_code == 200
    directives = csp_directives(response)
    for name, value in CSP_REQUIRED.items():
        assert directives[name] == value, name
    for kind in ("script-src", "style-src"):
        assert "unsafe-inline" not in directives.get(kind, directives["default-src"])
        assert "unsafe-eval" not in directives.get(kind, directives["default-src"])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_a_page_served_from_the_public_cache_keeps_its_headers(db, reader, settings):
    settings.PUBLIC_PAGE_CACHE = True
    first = reader.get("/")
    second = reader.get("/")
    assert first.status_code == second.status_code == 200
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Permissions-Policy"] == first["Permissions-Policy"]


# --- log-in lock-out (django-axes) -------------------------------------------


def _fail_login(client, username="edith"):
    return client.post(reverse("admin:login"), {"username": username, "password": "wrong-guess"})


def test_the_admin_locks_out_after_the_failure_limit_with_a_page_that_says_so(editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    for _ in range(2):
        response = _fail_login(client)
        assert response.status_code == 200  # the log-in form again, with its error
    response = _fail_login(client)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed log-ins" in page
    assert "Log-in is locked after 3 failed attempts." in page
    assert "You can try again after" in page
    # The right password no longer helps during the cool-off.
    response = client.post(reverse("admin:login"), {"username": "edith", "password": "pw-for-tests-only"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_below_the_limit_the_right_password_still_logs_in(editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    _fail_login(client)
    _fail_login(client)
    response = client.post(reverse("admin:login"), {"username": "edith", "password": "pw-for-tests-only"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_failures_from_another_address_do_not_lock_the_editor_out(editor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(3):
        _fail_login(Client(REMOTE_ADDR="203.0.113.5"))
    assert _fail_login(Client(REMOTE_ADDR="203.0.113.5")).status_code == 429  # the guesser is locked ...
    response = Client(REMOTE_ADDR="198.51.100.7").post(  # ... the editor, elsewhere, is not
        reverse("admin:login"), {"username": "edith", "password": "pw-for-tests-only"}
    )
    assert response.status_code == 302


def test_one_address_guessing_many_user_names_is_locked_more_slowly_and_for_longer(editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 4
    sprayer = Client(REMOTE_ADDR="203.0.113.5")
    statuses = [_fail_login(sprayer, username=f"user{n}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]  # one try per name: only the address's count grows
    page = _fail_login(sprayer, username="edith").content.decode()
    assert "Log-in from your address is locked after 4 failed attempts, whatever the user name." in page
    assert "1 day, 0:00:00" in page
    # Another address is not concerned, and the lock ends when the failures are old enough.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(reverse("admin:login"), {"username": "edith", "password": "pw-for-tests-only"}).status_code == 302
    AccessFailureLog.objects.update(attempt_time=timezone.now() - datetime.timedelta(days=1, minutes=1))
    response = sprayer.post(reverse("admin:login"), {"username": "edith", "password": "pw-for-tests-only"})
    assert response.status_code == 302


def test_axes_reset_ip_lifts_the_address_lock(editor, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 2
    sprayer = Client(REMOTE_ADDR="203.0.113.5")
    _fail_login(sprayer, username="a")
    assert _fail_login(sprayer, username="b").status_code == 429
    call_command("axes_reset_ip", "203.0.113.5", stdout=io.StringIO())
    assert _fail_login(sprayer, username="c").status_code == 200


PROXY = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_PROTO": "https"}


def test_behind_the_proxy_failures_count_per_client_not_per_proxy(editor, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_ADDRESS_FAILURE_LIMIT = 2
    for _ in range(2):
        _fail_login(Client(HTTP_X_FORWARDED_FOR="203.0.113.5", **PROXY), username="guessed")
    # Another client behind the same proxy is not locked out by the guesser.
    response = Client(HTTP_X_FORWARDED_FOR="198.51.100.7", **PROXY).post(
        reverse("admin:login"), {"username": "edith", "password": "pw-for-tests-only"}, secure=True
    )
    assert response.status_code == 302


def test_a_client_reaching_gunicorn_directly_cannot_rotate_its_forwarded_address(editor, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    settings.AXES_FAILURE_LIMIT = 3
    statuses = [
        _fail_login(Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        # From the proxy: the entry the proxy appended, not the one the client forged before it.
        ("10.0.0.2", "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        # Two trusted hops (a load balancer, then nginx): the right-most address that is not ours.
        ("10.0.0.2", "1.2.3.4, 203.0.113.5, 10.0.0.3", "203.0.113.5"),
        # From anywhere else: the header is the client's own words, and ignored.
        ("203.0.113.9", "1.2.3.4, 203.0.113.5", "203.0.113.9"),
        # Garbage where a proxy would have written an address: the last hop we can vouch for.
        ("10.0.0.2", "203.0.113.5, not-an-address", "10.0.0.2"),
        ("10.0.0.2", "", "10.0.0.2"),
    ],
)
def test_the_client_address_is_taken_from_trusted_proxies_only(rf, settings, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_ip(request) == expected


def test_without_trusted_proxies_the_forwarded_header_is_ignored(rf, settings):
    settings.TRUSTED_PROXIES = []
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "10.0.0.2"


def test_the_anonymous_api_throttle_counts_the_address_the_proxy_saw(db, settings, monkeypatch):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "anon", "2/minute")
    client = Client(**PROXY)
    # One client, a new forged left-hand address each time: still one client.
    statuses = [
        client.get("/api/v1/promises/", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.5").status_code for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    # Another reader behind the same proxy has their own allowance.
    assert client.get("/api/v1/promises/", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 200


# --- every editor action is attributed ---------------------------------------


def _change_form_data(response):
    """The change form's own current values, as the browser would post them back."""
    adminform = response.context["adminform"]
    data = {}
    for name in adminform.form.fields:
        value = adminform.form[name].value()
        if value is None:
            continue
        data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return data


def test_an_admin_change_records_who_made_it_in_the_history(editor_client, editor):
    topic = TopicFactory(name="Housing", description="Old")
    url = reverse("admin:politics_topic_change", args=[topic.pk])
    data = _change_form_data(editor_client.get(url))
    data["description"] = "Homes and rents"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    latest = Topic.history.filter(id=topic.pk).latest("history_date")
    assert latest.description == "Homes and rents"
    assert latest.history_type == "~"
    assert latest.history_user == editor
