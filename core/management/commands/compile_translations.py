"""Compile locale/*/LC_MESSAGES/django.po into the .mo files Django reads, with Babel
(``compilemessages`` needs GNU gettext's msgfmt, which a fresh machine may lack)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.translations import catalogue_path, catalogue_problems, compile_catalogue, read_catalogue, used_messages


class Command(BaseCommand):
    help = "Compile the interface's catalogues (.po to .mo); --check also lists untranslated strings."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Fail if a used string is missing, untranslated or fuzzy."
        )

    def handle(self, *args, check=False, **options):
        used = used_messages() if check else None
        problems = []
        for code, _name in settings.LANGUAGES:
            path = catalogue_path(code)
            if code == settings.LANGUAGE_CODE and not path.exists():
                continue  # English is the source text
            if not path.exists():
                raise CommandError(f"{path} is missing: run makemessages -l {code}, then translate it.")
            compiled = compile_catalogue(path)
            self.stdout.write(f"{compiled}")
            if used is not None:
                problems += [f"{code}: {problem}" for problem in catalogue_problems(read_catalogue(path), used)]
        if problems:
            raise CommandError("\n".join(problems))
