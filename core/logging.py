"""One log line per event, in logfmt: ``time=... level=... logger=... event=... key=value``.

A log collector splits on newlines, so a record that spans lines (a traceback, a
message quoting an article) becomes several unrelated events there. This
formatter keeps every record on one line: values with spaces, quotes, ``=`` or
control characters are quoted JSON-style, so newlines become ``\\n``.

Messages already written as logfmt (``logger.warning("event=cache_down op=%s", op)``)
pass through; any other message becomes ``event="..."``. Structured values can
also be passed as ``extra={"fields": {"key": value}}``.
"""

import datetime
import json
import logging
import re

# A message that already starts with key=value is logfmt and is kept as it is.
_LOGFMT_START = re.compile(r"^[A-Za-z_][\w.]*=")
# Anything that would end a value or the line when written bare.
_NEEDS_QUOTES = re.compile(r'[\s="\\]|[\x00-\x1f\x7f]')
_LINE_BREAKS = str.maketrans({"\n": "\\n", "\r": "\\r"})


def logfmt_value(value):
    """``value`` as a logfmt value: bare when it is safe, else a quoted JSON string."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(round(value, 3))
    text = str(value)
    if text == "" or _NEEDS_QUOTES.search(text):
        return json.dumps(text, ensure_ascii=False)
    return text


def logfmt(pairs):
    return " ".join(f"{key}={logfmt_value(value)}" for key, value in pairs)


class LogfmtFormatter(logging.Formatter):
    """Formats a record as one logfmt line; tracebacks go, escaped, into ``exc=``."""

    def format(self, record):
        message = record.getMessage()
        head = logfmt(
            [
                (
                    "time",
                    datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
                ),
                ("level", record.levelname),
                ("logger", record.name),
            ]
        )
        if _LOGFMT_START.match(message):
            # Already key=value; only make sure it stays on one line.
            body = message.translate(_LINE_BREAKS)
        else:
            body = logfmt([("event", message)])
        parts = [head, body]
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict) and fields:
            parts.append(logfmt(fields.items()))
        if record.exc_info:
            parts.append(logfmt([("exc", self.formatException(record.exc_info))]))
        elif record.exc_text:
            parts.append(logfmt([("exc", record.exc_text)]))
        if record.stack_info:
            parts.append(logfmt([("stack", self.formatStack(record.stack_info))]))
        return " ".join(parts)
