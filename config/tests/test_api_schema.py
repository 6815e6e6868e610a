import re

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_is_valid_without_a_single_warning(tmp_path):
    # --fail-on-warn turns any warning (an untyped field, a colliding name) into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    schema = (tmp_path / "schema.yaml").read_text()
    assert "/api/v1/promises/" in schema and "/api/v1/export/promises.csv" in schema


def test_the_main_endpoints_carry_examples():
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in ("/api/v1/promises/", "/api/v1/promises/{id}/", "/api/v1/directives/", "/api/v1/promise-updates/"):
        operations = schema["paths"][path]
        assert any("examples" in str(op) for op in operations.values()), path


def test_the_docs_page_loads_its_assets_from_this_site():
    response = APIClient().get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any("swagger-ui" in s for s in sources)
    assert all(s.startswith("/") for s in sources), sources
