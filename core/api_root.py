"""The API's root page. Apart from ``core.api``, which DRF's settings import while DRF's
views are still loading (the throttle class): a view there would import them too soon."""

from django.urls import reverse
from rest_framework import permissions
from rest_framework.renderers import TemplateHTMLRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import JSONRenderer


class ApiRootView(APIView):
    """``/api/v1/``: what the API offers, as JSON for programs and as a page for people (not
    the browsable API's page, whose inline style the Content-Security-Policy refuses).

    ``sections`` (given to ``as_view``): ``{section: [(name, URL name), ...]}``."""

    renderer_classes = [JSONRenderer, TemplateHTMLRenderer]
    template_name = "api_root.html"
    permission_classes = [permissions.AllowAny]
    schema = None  # not an endpoint of the data
    sections = {}

    def get(self, request, format=None):
        return Response({
            section: {name: request.build_absolute_uri(reverse(url_name)) for name, url_name in entries}
            for section, entries in self.sections.items()
        })
