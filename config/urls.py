from csp.decorators import csp_update
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from config import public_urls
from core.health import healthz

# The API's documentation pages run Swagger UI and Redoc, which style their elements
# inline and (Redoc) search in a blob: worker. Scripts stay 'self' only (the Swagger
# set-up is served as a file by the split view); the relaxation is these two pages'.
API_DOCS_CSP = {"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]}

# On API routes, errors Django answers itself have the API's error body (core/errors.py).
handler400 = "core.errors.bad_request"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path(
        "api/docs/",
        csp_update(API_DOCS_CSP)(SpectacularSwaggerSplitView.as_view(url_name="api_schema")),
        name="api_docs",
    ),
    path("api/redoc/", csp_update(API_DOCS_CSP)(SpectacularRedocView.as_view(url_name="api_schema")), name="api_redoc"),
    path("", include(public_urls.unprefixed)),
]
# The public pages in each language: English without a prefix, as its URLs always were.
urlpatterns += i18n_patterns(path("", include(public_urls.urlpatterns)), prefix_default_language=False)
