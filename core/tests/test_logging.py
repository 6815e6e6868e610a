"""The log format: one line per event, logfmt, whatever the message holds."""

import json
import logging
import re
import sys

import pytest

from core.logging import LogfmtFormatter


def _record(message, *args, level=logging.INFO, exc_info=None, **extra):
    record = logging.LogRecord("mandate.test", level, __file__, 1, message, args, exc_info)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


_PAIR = re.compile(r'([\w.]+)=("(?:[^"\\]|\\.)*"|\S*)')


def _fields(line):
    """Parse a logfmt line back into a dict (quoted values are JSON strings)."""
    return {key: json.loads(value) if value.startswith('"') else value for key, value in _PAIR.findall(line)}


def test_a_plain_message_becomes_a_quoted_event_after_time_level_and_logger():
    line = LogfmtFormatter().format(_record("AXES: BEGIN version %s", "8.3.1", level=logging.WARNING))
    assert line.startswith("time=")
    fields = _fields(line)
    assert fields["level"] == "WARNING"
    assert fields["logger"] == "mandate.test"
    assert fields["event"] == "AXES: BEGIN version 8.3.1"


def test_a_logfmt_message_is_kept_as_written():
    line = LogfmtFormatter().format(_record("event=cache_unavailable operation=%s", "get"))
    assert line.endswith("logger=mandate.test event=cache_unavailable operation=get")


def test_structured_fields_are_appended_and_quoted_only_when_needed():
    line = LogfmtFormatter().format(
        _record("event=request", fields={"path": "/promises/x/", "status": 200, "user": None, "note": 'say "hi" = ok'})
    )
    assert ' path=/promises/x/ status=200 user=- note="say \\"hi\\" = ok"' in line
    assert _fields(line)["note"] == 'say "hi" = ok'


def test_a_traceback_stays_on_one_line_and_can_be_read_back():
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        line = LogfmtFormatter().format(_record("event=task_failed", exc_info=sys.exc_info()))
    assert "\n" not in line
    exc = _fields(line)["exc"]
    assert exc.startswith("Traceback (most recent call last):\n")
    assert exc.endswith("ValueError: bad\nvalue")


@pytest.mark.parametrize("message", ["event=x note=first\nsecond", "first line\r\nsecond line"])
def test_newlines_inside_the_message_never_split_the_event(message):
    assert "\n" not in LogfmtFormatter().format(_record(message))
    assert "\r" not in LogfmtFormatter().format(_record(message))


def test_each_request_is_logged_once_with_method_path_status_duration_and_user(client, editor, caplog):
    client.force_login(editor)
    with caplog.at_level(logging.INFO, logger="mandate.request"):
        client.get("/admin/", HTTP_HOST="localhost")
    records = [r for r in caplog.records if r.name == "mandate.request"]
    assert len(records) == 1
    fields = records[0].fields
    assert fields["method"] == "GET"
    assert fields["path"] == "/admin/"
    assert fields["status"] == 200
    assert fields["user"] == editor.pk
    assert fields["ms"] >= 0
    line = LogfmtFormatter().format(records[0])
    assert f"event=request method=GET path=/admin/ status=200 ms={fields['ms']} user={editor.pk}" in line


def test_an_anonymous_request_is_logged_without_a_user(db, reader, caplog):
    with caplog.at_level(logging.INFO, logger="mandate.request"):
        reader.get("/")
    (record,) = [r for r in caplog.records if r.name == "mandate.request"]
    assert record.fields["user"] is None


def test_the_settings_use_the_one_line_formatter(settings):
    assert settings.LOGGING["formatters"]["line"]["()"] == "core.logging.LogfmtFormatter"
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "line"
