"""``manage.py demo_admin``: create or reset the superuser ``admin`` with a new random password and print the login."""

import secrets

from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create or reset the demo superuser 'admin' with a random password, and print the login."

    def handle(self, *args, **options):
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(username=USERNAME, defaults={"email": "admin@example.org"})
        user.is_active = user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        # A demo login locked out by earlier failed attempts would be useless.
        reset(username=USERNAME)
        url = settings.SITE_URL.rstrip("/") + "/admin/"
        self.stdout.write(f"Admin login: {url}\n  user:     {USERNAME}\n  password: {password}")
