"""Dates written in news text: a story's dateline ("ASTANA, March 14, 2023."), and the deadline
a statement sets ("by the end of 2023", "within two months").

The patterns only find where a date is written; dateutil reads it (a fuzzy dateutil parse of
free text would read a date into any number, "5 schools"). Pure functions, no Django."""

import calendar
import re
from datetime import date

from dateutil.parser import ParserError, isoparse, parse
from dateutil.relativedelta import relativedelta

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# "14 March 2023", "March 14, 2023", "Mar. 14 2023"
_FULL_DATE = rf"(?:{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+{_YEAR})"
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_WRITTEN_DATE = re.compile(rf"\b{_FULL_DATE}\b", re.IGNORECASE)
# What may stand before a dateline's date: places written as names ("ASTANA, ", "BAKU, Azerbaijan, ").
_DATELINE_PLACE = re.compile(r"[\W_]*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*\s*[,.–—-]\s*)*")


def read_date(text):
    """The date ``text`` (one date as written: "2023-03-14", "March 14, 2023") is, or None."""
    try:
        if _ISO_DATE.fullmatch(text.strip()):
            return isoparse(text.strip()).date()
        return parse(text.replace(".", " "), default=None).date()
    except (ParserError, ValueError, OverflowError, AttributeError, TypeError):
        return None


def dateline_date(text):
    """The date a story's top gives: an ISO date in its first 200 characters, else a written
    date with its day and year at the very start of the first paragraph (or of the one after
    the headline), after nothing but place names ("ASTANA, March 14, 2023.", "14 March 2023
    (Kazinform) –"). None when the top gives none (a date in the story's body is not its date)."""
    top = (text or "")[:300]
    match = _ISO_DATE.search(top[:200])
    if match:
        return read_date(match.group(0))
    # The first paragraph, or the one after the headline.
    for line in [line for line in top.splitlines() if line.strip()][:2]:
        match = _WRITTEN_DATE.search(line)
        if match and _DATELINE_PLACE.fullmatch(line[: match.start()]):
            return read_date(match.group(0))
    return None


def is_dateline(line):
    """Whether a document's first line is a dateline rather than a title."""
    line = (line or "").strip()
    return bool(line) and dateline_date(line) is not None and len(line) <= 120


_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1}
_BY = r"\b(?:by|before|until|no later than|not later than)\s+"
_DEADLINES = [
    # by 1 July 2024, before March 14, 2025
    ("date", re.compile(rf"{_BY}(?:the\s+)?(?P<date>{_FULL_DATE})", re.IGNORECASE)),
    # by the end of 2023, by the end of March 2024, by the end of the year
    ("end", re.compile(
        rf"{_BY}the\s+end\s+of\s+(?:(?P<month>{_MONTH})\s+)?(?:(?P<year>{_YEAR})|(?P<this>(?:the|this|next)\s+year))",
        re.IGNORECASE,
    )),
    # by March 2024, by 2025
    ("end", re.compile(rf"{_BY}(?:(?P<month>{_MONTH})\s+)?(?P<year>{_YEAR})\b", re.IGNORECASE)),
    # within two months, in the next six months
    ("within", re.compile(
        r"\b(?:within|in\s+the\s+next)\s+(?:the\s+next\s+)?(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|"
        r"ten|eleven|twelve|a|an)\s+(?P<unit>day|week|month|year)s?\b",
        re.IGNORECASE,
    )),
]


def deadline_in(text, on=None):
    """The deadline ``text`` (a statement) sets, or None: "by 1 July 2024"; "by the end of 2023",
    "by March 2024" (the last day of the period); "by the end of the year" and "within two
    months" (counted from ``on``, the day it was said, so None without it). A deadline
    before ``on`` is no deadline of this statement."""
    for kind, pattern in _DEADLINES:
        match = pattern.search(text or "")
        if not match:
            continue
        found = _deadline(kind, match, on)
        if found is not None and (on is None or found >= on):
            return found
    return None


def _deadline(kind, match, on):
    if kind == "date":
        return read_date(match.group("date"))
    if kind == "within":
        if on is None:
            return None
        n = match.group("n").lower()
        count = int(n) if n.isdigit() else _NUMBERS[n]
        return on + relativedelta(**{f"{match.group('unit').lower()}s": count})
    year = match.group("year")
    if year is None:
        if on is None:
            return None
        year = on.year + (1 if match.group("this").lower().startswith("next") else 0)
    year = int(year)
    month_name = match.group("month")
    if not month_name:
        return date(year, 12, 31)
    month = read_date(f"1 {month_name} {year}")
    if month is None:
        return None
    return date(year, month.month, calendar.monthrange(year, month.month)[1])
