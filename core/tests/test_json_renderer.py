"""The API's JSON renderer (core.api.JSONRenderer): orjson's speed, DRF's bytes."""

import datetime
import decimal
import json
import uuid
import zoneinfo

from django.utils.translation import gettext_lazy
from rest_framework import renderers

from core.api import JSONRenderer

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")

DATA = {
    "count": 2,
    "results": [
        {
            "id": 9_007_199_254_740_993,
            "title": "Построить 12 школ — «Нұр Отан»",
            "quote": 'He said: "audit\u2028every\u2029promise" \\ <b>&</b>',
            "made_on": datetime.date(2022, 1, 28),
            "created_at": datetime.datetime(2022, 1, 28, 9, 30, tzinfo=datetime.UTC),
            "updated_at": datetime.datetime(2022, 1, 28, 9, 30, 0, 123456, tzinfo=zoneinfo.ZoneInfo("UTC")),
            "in_moscow": datetime.datetime(2022, 1, 28, 12, 30, tzinfo=MOSCOW),
            "naive": datetime.datetime(2022, 1, 28, 9, 30, 5),
            "at": datetime.time(9, 30, 5),
            "label": gettext_lazy("Fulfilled"),
            "share": decimal.Decimal("0.25"),
            "key": uuid.UUID("12345678-1234-5678-1234-567812345678"),
            "flags": (True, False, None),
            "nested": {"empty": [], "deep": [[{"a": ""}]]},
            7: "an integer key",
        },
        {},
    ],
}


def test_it_writes_the_bytes_drfs_renderer_writes():
    ours = JSONRenderer().render(DATA, "application/json")
    theirs = renderers.JSONRenderer().render(DATA, "application/json")
    assert ours == theirs
    assert b"\\u2028" in ours and "\u2028".encode() not in ours  # safe inside a <script>


def test_what_orjson_cannot_write_is_drfs_to_write():
    huge = {"id": 2**70, "when": datetime.date(2022, 1, 28)}
    assert JSONRenderer().render(huge, "application/json") == renderers.JSONRenderer().render(huge, "application/json")
    assert json.loads(JSONRenderer().render(huge)) == {"id": 2**70, "when": "2022-01-28"}


def test_indented_output_is_asked_for_by_the_media_type():
    indented = JSONRenderer().render({"a": [1]}, "application/json; indent=2")
    assert indented == b'{\n  "a": [\n    1\n  ]\n}'
    assert JSONRenderer().render(None) == b""


def test_the_api_answers_with_it(client, db):
    from promises.tests.factories import PromiseFactory

    PromiseFactory(title="Построить школы\u2028")
    response = client.get("/api/v1/promises/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert b"\\u2028" in response.content
    assert response.json()["results"][0]["title"] == "Построить школы\u2028"
