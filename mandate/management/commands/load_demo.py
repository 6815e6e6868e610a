"""``manage.py load_demo``: fill the database with the demo (see directives/demo.py). Safe to run twice."""

from django.core.management.base import BaseCommand

from mandate.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo: Tokayev, Nur Otan/Amanat, the 2021 election, the seed article and its nine directives."

    def handle(self, *args, **options):
        demo = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {len(demo.directives)} directives from “{demo.article.url}”, "
                f"{len(demo.promises)} illustrative promises, leader {demo.leader}, party {demo.party}."
            )
        )
