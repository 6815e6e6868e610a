"""Translated content in the API: fields in the request's language (core/i18n.py chooses it)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.translated import translated


@extend_schema_field(OpenApiTypes.STR)
class InLanguageField(serializers.Field):
    """An API field in the request's language (``?lang=``, ``Accept-Language``): the field of
    the same name, translated, or the original where it has no translation. Read-only. A
    ``.values()`` row carrying ``every_language(name)`` is read the same way (``core.api.row_reader``)."""

    in_language = True

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return translated(obj, self.field_name)
