"""Small middleware of the site's own: the request log line and the security
headers Django does not set itself."""

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


def client_ip(request):
    """The client's address, for counting failed log-ins (django-axes).

    Behind the TLS proxy (``SECURE_PROXY_SSL_HEADER`` set) REMOTE_ADDR is the
    proxy's, and the client's is the last address of X-Forwarded-For, the one the
    proxy itself appended; the ones before it are whatever the client sent."""
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR")
