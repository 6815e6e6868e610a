"""Security from the outside: response headers, the admin's log-in lock-out, and
every editor action attributed to a person."""

import pytest
from django.test import Client
from django.urls import reverse

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


def test_a_locked_user_name_stays_locked_from_another_address(editor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        _fail_login(Client(REMOTE_ADDR="203.0.113.5"))
    response = Client(REMOTE_ADDR="198.51.100.7").post(
        reverse("admin:login"), {"username": "edith", "password": "pw-for-tests-only"}
    )
    assert response.status_code == 429


def test_behind_the_proxy_failures_count_per_client_not_per_proxy(editor, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.AXES_FAILURE_LIMIT = 2
    proxy = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_PROTO": "https"}
    for _ in range(2):
        _fail_login(Client(HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy), username="guessed")
    # Another client behind the same proxy is not locked out by the guesser.
    response = Client(HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).post(
        reverse("admin:login"), {"username": "edith", "password": "pw-for-tests-only"}, secure=True
    )
    assert response.status_code == 302


def test_the_client_address_is_the_one_the_proxy_appended_not_one_the_client_forged(rf, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "203.0.113.5"
    settings.SECURE_PROXY_SSL_HEADER = None
    assert client_ip(request) == "10.0.0.2"


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
