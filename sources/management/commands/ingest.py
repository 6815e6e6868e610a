"""``manage.py ingest PATH_OR_URL... [--feed]``: the whole ingest pipeline in the foreground."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sources import services
from sources.actors import known_actors
from sources.extraction import ExtractionError
from sources.fetching import FetchError
from sources.models import Article

from .extract import parse_date


class Command(BaseCommand):
    help = "Ingest documents (URLs or files) or, with --feed, feeds: fetch, extract, find statements, queue candidates."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--feed", action="store_true", help="The arguments are RSS/Atom feed URLs.")
        parser.add_argument("--date", help="The documents' date, YYYY-MM-DD, for files that carry none.")

    def handle(self, *args, sources, feed=False, date=None, **options):
        on = parse_date(date) if date else None
        self.counts = Counter()
        self.actors = known_actors()
        self.stderr.write(f"{len(self.actors)} known actors.")
        for source in sources:
            if feed:
                self.ingest_feed(source)
            else:
                self.ingest_document(source, on)
        self.stdout.write(self.summary())
        if self.counts["failed"] and not (self.counts["fetched"] or self.counts["done"] or self.counts["known"]):
            raise CommandError("Nothing could be ingested.")

    def ingest_feed(self, url):
        try:
            feed = services.feed_add(url=url)
        except ValidationError as error:
            raise CommandError(f"{url}: {' '.join(error.messages)}") from error
        self.stderr.write(f"Polling {url} ...")
        result = services.feed_poll(feed.pk, force=True)
        self.counts["feeds"] += 1
        if result.error:
            self.counts["feeds failed"] += 1
            self.stderr.write(f"  failed: {result.error}")
            return
        pending = list(feed.articles.filter(state=Article.State.PENDING).values_list("pk", flat=True))
        self.stderr.write(f"  {result.entries} entries, {len(result.new_article_ids)} new; {len(pending)} to fetch.")
        self.counts["articles new"] += len(result.new_article_ids)
        for number, article_id in enumerate(pending, 1):
            outcome = services.article_fetch(article_id, final=True)
            candidates = services.article_find_statements(article_id, actors=self.actors)
            state = Article.objects.values_list("state", flat=True).get(pk=article_id)
            self.count(state, candidates)
            self.stderr.write(f"  [{number}/{len(pending)}] article {article_id}: {state} {outcome.reason}".rstrip())

    def ingest_document(self, source, on):
        self.stderr.write(f"Ingesting {source} ...")
        try:
            result = services.document_ingest(source, on=on, actors=self.actors)
        except (FetchError, ExtractionError, OSError, ValidationError) as error:
            self.counts["failed"] += 1
            self.stderr.write(f"  failed: {error}")
            return
        self.counts["articles new"] += int(result.created)
        if not result.created and not result.candidates:
            # Ingesting the same document again changes nothing; say so rather than report it as new work.
            self.counts["known"] += 1
            found = result.article.candidates.count()
            self.stderr.write(
                f"  already known: article {result.article.pk} ({result.state}), found "
                f"{result.article.created_at:%Y-%m-%d}; {found} {plural(found, 'candidate', 'candidates')} from then."
            )
            return
        self.count(result.state, result.candidates)
        self.stderr.write(f"  article {result.article.pk}: {result.state} {result.reason}".rstrip())

    def count(self, state, candidates):
        self.counts[state] += 1
        for candidate in candidates:
            self.counts[f"candidates {candidate.kind}"] += 1

    def summary(self):
        c = self.counts
        lines = []
        if c["feeds"]:
            lines.append(f"Feeds: {c['feeds']} polled, {c['feeds failed']} failed.")
        known = f", {c['known']} already known" if c["known"] else ""
        lines.append(
            f"Articles: {c['articles new']} new{known}, {c['done']} with statements found, "
            f"{c['duplicate']} {plural(c['duplicate'], 'duplicate', 'duplicates')}, {c['failed']} failed."
        )
        directives, promises = c["candidates directive"], c["candidates promise"]
        lines.append(
            f"Candidates created: {directives + promises} ({directives} {plural(directives, 'directive', 'directives')}, "
            f"{promises} {plural(promises, 'promise', 'promises')})."
        )
        return "\n".join(lines)


def plural(count, one, many):
    return one if count == 1 else many
