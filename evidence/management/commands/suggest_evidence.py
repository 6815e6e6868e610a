"""``manage.py suggest_evidence ARTICLE_ID... | --since YYYY-MM-DD``: match articles against the
published items now, in the foreground (a back-fill, or a second look once new items are published)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from evidence.services import article_suggest_evidence
from sources.models import Article


class Command(BaseCommand):
    help = "Suggest evidence from the given articles, or from every article fetched since a date."

    def add_arguments(self, parser):
        parser.add_argument("article_ids", nargs="*", type=int, metavar="ARTICLE_ID")
        parser.add_argument("--since", help="Every article published or fetched on or after YYYY-MM-DD.")

    def handle(self, *args, article_ids, since=None, **options):
        if bool(article_ids) == bool(since):
            raise CommandError("give article ids or --since YYYY-MM-DD (one of the two)")
        if since:
            try:
                day = date.fromisoformat(since)
            except ValueError:
                raise CommandError(f"--since must be YYYY-MM-DD; got {since!r}") from None
            articles = Article.objects.filter(Q(published_on__gte=day) | Q(fetched_at__date__gte=day)).exclude(text="")
            article_ids = list(articles.order_by("pk").values_list("pk", flat=True))
        missing = set(article_ids) - set(Article.objects.filter(pk__in=article_ids).values_list("pk", flat=True))
        if missing:
            raise CommandError(f"no article with id {', '.join(map(str, sorted(missing)))}")
        total = 0
        for n, article_id in enumerate(article_ids, 1):
            created = article_suggest_evidence(article_id, rescan=True)
            total += len(created)
            self.stderr.write(f"[{n}/{len(article_ids)}] article {article_id}: {len(created)} new suggestion(s)")
        self.stdout.write(f"{total} new suggestion(s) from {len(article_ids)} article(s).")
