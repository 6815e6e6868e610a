"""Small middleware of the site's own: the request log line and the security
headers Django does not set itself."""

import functools
import ipaddress
import logging
import time

from django.conf import settings
from django.utils.functional import empty

logger = logging.getLogger("mandate.request")

# A load balancer asks for /healthz every few seconds; those lines would drown the rest.
QUIET_PATHS = ("/healthz",)

# Features no page of the site uses; a script injected despite the CSP gets none of them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


def _user_id(request):
    """The signed-in user's id, without loading the session only to log it."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    """One line per request: ``event=request method path status ms user``.

    Sits after WhiteNoise, so static files are not logged, and before everything
    else, so the duration includes the other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = (time.perf_counter() - started) * 1000
        level = logging.DEBUG if request.path.startswith(QUIET_PATHS) else logging.INFO
        if logger.isEnabledFor(level):
            logger.log(
                level,
                "event=request",
                extra={
                    "fields": {
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "ms": round(elapsed, 1),
                        "user": _user_id(request),
                    }
                },
            )
        return response


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` (Django's SecurityMiddleware sets the other security headers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


@functools.lru_cache(maxsize=8)
def _networks(trusted):
    return tuple(ipaddress.ip_network(network, strict=False) for network in trusted)


def _address(text):
    """``text`` as an IP address, or None when it is not one."""
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_ip(request):
    """The client's address: what the log-in lock-out (django-axes) and the API's
    throttle count by.

    ``X-Forwarded-For`` is believed only when the request comes from one of the
    ``TRUSTED_PROXIES``: each of them appends the address it was reached from, so the
    header is read from the right, skipping the trusted proxies' own entries, and the
    first address that is not one of them is the client's. Everything to its left was
    written by the client and is ignored. A request from any other address (a client
    that reaches gunicorn directly) is counted by REMOTE_ADDR, whatever it sends."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    address = _address(remote)
    if address is None or not any(address in network for network in networks):
        return remote
    client = remote
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(entry)
        if address is None:
            break  # not written by a proxy of ours: the last trusted hop is all we know
        client = str(address)
        if not any(address in network for network in networks):
            break
    return client
