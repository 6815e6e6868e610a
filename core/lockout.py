"""The admin's log-in lock-out: django-axes' database handler with a second, slower lock.

django-axes counts failures per user name *and* client address
(``AXES_LOCKOUT_PARAMETERS``): ``AXES_FAILURE_LIMIT`` wrong passwords for one user name from
one address lock that pair for ``AXES_COOLOFF_MINUTES``. A guesser elsewhere therefore cannot
lock the real editor out, and a guesser who tries many user names from one address is caught
by the second lock, kept here: ``AXES_ADDRESS_FAILURE_LIMIT`` failures from one address,
whatever the user names, within ``AXES_ADDRESS_COOLOFF_MINUTES`` lock that address until they
are older than that. The failures are axes' own failure log (``AccessFailureLog``, indexed by
address), so every web process sees the same count and a restart forgets nothing."""

import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessFailureLog
from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.utils import timezone


def address_cool_off():
    return datetime.timedelta(minutes=settings.AXES_ADDRESS_COOLOFF_MINUTES)


class LockoutHandler(AxesDatabaseHandler):
    """Locks a user name at an address (axes' own rule) and, more slowly, a whole address."""

    def is_locked(self, request, credentials=None):
        return super().is_locked(request, credentials) or self.is_address_locked(request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        # The failure just logged may be the one that locks the address, as axes does for its own rule.
        if request is not None and not getattr(request, "axes_locked_out", False) and self.is_address_locked(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials

    def is_address_locked(self, request):
        address = getattr(request, "axes_ip_address", None)
        if not address or not settings.AXES_LOCK_OUT_AT_FAILURE:
            return False
        since = timezone.now() - address_cool_off()
        failures = AccessFailureLog.objects.filter(ip_address=address, attempt_time__gte=since).count()
        if failures < settings.AXES_ADDRESS_FAILURE_LIMIT:
            return False
        # For the lock-out page: which lock it is, and for how long.
        request.mandate_address_lock = {
            "limit": settings.AXES_ADDRESS_FAILURE_LIMIT, "cool_off": address_cool_off(),
        }
        return True

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False):
        """``axes_reset_ip ADDRESS`` lifts the address's lock too."""
        count = super().reset_attempts(ip_address=ip_address, username=username, ip_or_username=ip_or_username)
        if ip_address and not username:
            AccessFailureLog.objects.filter(ip_address=ip_address).delete()
        return count


@register(Tags.security, deploy=True)
def trusted_proxies(app_configs, **kwargs):
    """Behind the TLS proxy without TRUSTED_PROXIES every client has the proxy's address: one
    guesser would lock the admin's log-in for everyone, and one reader spend everyone's API allowance."""
    if not settings.SECURE_PROXY_SSL_HEADER or settings.TRUSTED_PROXIES:
        return []
    return [
        Warning(
            "TRUSTED_PROXIES is empty behind the TLS proxy: the log-in lock-out and the API's throttle "
            "see every client as the proxy.",
            hint="Set TRUSTED_PROXIES to the reverse proxy's address, e.g. 10.0.0.2 (see README, Running in production).",
            id="core.W001",
        )
    ]
