"""``manage.py load_demo``: fill the database with the demo (see mandate/demo.py). Safe to run twice."""

from django.core.management.base import BaseCommand

from mandate.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo: Tokayev, Nur Otan/Amanat, the 2021 election, the seed article, its directives and candidates."

    def handle(self, *args, **options):
        demo = load_demo()
        waiting = demo.article.candidates.filter(state="new").count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {len(demo.directives)} directives from “{demo.article.url}”, "
                f"{len(demo.promises)} illustrative promises, leader {demo.leader}, party {demo.party}; "
                f"{waiting} candidates of the article wait in the review queue (/admin/sources/candidate/)."
            )
        )
