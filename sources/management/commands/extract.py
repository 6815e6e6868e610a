"""``manage.py extract PATH_OR_URL``: the statements of one document, printed, nothing written."""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from sources.actors import known_actors
from sources.extraction import ExtractionError
from sources.fetching import FetchError
from sources.services import document_load


def parse_date(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD; got {value!r}") from None


def load_actors(stderr):
    """The known actors, or none when the database has no tables yet: extract must work without one."""
    try:
        actors = known_actors()
    except DatabaseError:
        stderr.write("No database tables: finding statements without known actors.")
        return []
    stderr.write(f"{len(actors)} known actors.")
    return actors


class Command(BaseCommand):
    help = "Fetch (for a URL), extract and find the statements of one document, and print them. Writes nothing."

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="PATH_OR_URL")
        parser.add_argument("--date", help="The document's date, YYYY-MM-DD (default: the date found in it).")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument(
            "--min-confidence",
            type=float,
            help="Print statements at or above this confidence (default: the model's threshold; 0 prints every candidate).",
        )

    def handle(self, *args, source, date=None, format="text", min_confidence=None, **options):
        from sources.statements import find_statements

        on = parse_date(date) if date else None
        # Progress goes to stderr so that stdout carries only the result.
        self.stderr.write(f"Reading {source} ...")
        try:
            document = document_load(source)
        except (FetchError, ExtractionError, OSError) as error:
            raise CommandError(str(error)) from error
        extracted = document.extracted
        on = on or extracted.published_on
        self.stderr.write(f"{len(extracted.text)} characters of text, dated {on or 'unknown'}.")
        actors = load_actors(self.stderr)
        statements = find_statements(extracted.text, on=on, actors=actors, min_confidence=min_confidence)
        self.stderr.write(f"{len(statements)} statements.")
        if format == "json":
            rows = [
                {
                    "kind": s.kind,
                    "quote": s.quote,
                    "speaker": s.speaker or s.speaker_text,
                    "addressee": s.addressee or s.addressee_text or None,
                    "confidence": round(s.confidence, 3),
                }
                for s in statements
            ]
            self.stdout.write(json.dumps({"statements": rows}, ensure_ascii=False, indent=2))
            return
        for number, s in enumerate(statements, 1):
            addressee = s.addressee or s.addressee_text or "-"
            self.stdout.write(
                f"{number}. [{s.kind} {s.confidence:.2f}] {s.speaker or s.speaker_text or '?'} -> {addressee}\n   {s.quote}"
            )
