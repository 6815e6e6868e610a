"""Content in several languages: the English original in the field it always had, and one plain,
optional column per other language beside it (``title``, ``title_ru``, ``title_kk``).

Declared in the model's body, so migrations, the edit history and the admin see them as the
fields they are::

    title = models.CharField(_("title"), max_length=300)
    title_ru, title_kk = translations(title)

A reader gets the text in the page's language, or the original where nobody has translated
it yet (``in_language``); templates then mark it "(in English)". Queries are never rewritten:
a filter on ``title`` reads the original, and search asks every column (``any_language_q``).
Quotes are never translated: they are kept verbatim, as said.
"""

from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The language of the original fields, and the others every translated field has a column for.
ORIGINAL_LANGUAGE = "en"
OTHER_LANGUAGES = ("ru", "kk")
LANGUAGE_NAMES = {"en": _("English"), "ru": _("Russian"), "kk": _("Kazakh")}


def translations(field):
    """One optional copy of ``field`` per other language, named "<verbose name> (Russian)"."""
    _name, _path, args, kwargs = field.deconstruct()
    for key in ("unique", "db_index", "help_text", "verbose_name", "default", "null"):
        kwargs.pop(key, None)
    kwargs["blank"] = True
    return tuple(
        field.__class__(format_lazy("{} ({})", field.verbose_name, LANGUAGE_NAMES[code]), *args, **kwargs)
        for code in OTHER_LANGUAGES
    )


def column(field, language):
    """The column holding ``field`` in ``language``."""
    return field if language == ORIGINAL_LANGUAGE else f"{field}_{language}"


def in_language(obj, field, language=None):
    """``(text, language)``: ``field`` of ``obj`` in ``language`` (the active one by default), or
    the original and its language where it has no translation."""
    language = (language or get_language() or ORIGINAL_LANGUAGE).split("-")[0]
    if language in OTHER_LANGUAGES:
        text = getattr(obj, column(field, language), "")
        if text:
            return text, language
    return getattr(obj, field), ORIGINAL_LANGUAGE


def translated(obj, field):
    """``field`` of ``obj`` in the active language, the original where it has no translation."""
    return in_language(obj, field)[0]


def is_translation(model, name):
    """Whether ``name`` is a translation column of ``model`` (``title_ru`` beside ``title``)."""
    base, _sep, code = name.rpartition("_")
    return code in OTHER_LANGUAGES and any(f.name == base for f in model._meta.concrete_fields)


def every_language(field):
    """The columns of ``field`` in every language, the original first."""
    return [field] + [column(field, code) for code in OTHER_LANGUAGES]


def any_language_q(lookup, value):
    """``Q(title__icontains=value)`` asked of every language's column: ``lookup`` is
    "field__lookup", its path may cross relations ("aliases__alias__icontains")."""
    path, _sep, operator = lookup.rpartition("__")
    q = Q()
    for name in every_language(path):
        q |= Q(**{f"{name}__{operator}": value})
    return q


def side_by_side(fields, model):
    """An admin field list with each translated field's languages on one line, the original
    first: ``["title", "title_ru", "title_kk", "slug"]`` becomes ``[("title", "title_ru", "title_kk"), "slug"]``."""
    names = {field.name for field in model._meta.get_fields()}
    translations = {column(name, code) for name in names for code in OTHER_LANGUAGES if column(name, code) in names}
    grouped = []
    for entry in fields:
        if isinstance(entry, str) and entry in translations:
            continue  # shown beside its original
        if isinstance(entry, str) and column(entry, OTHER_LANGUAGES[0]) in translations:
            entry = tuple(every_language(entry))
        grouped.append(entry)
    return grouped


class SideBySideAdmin:
    """A ModelAdmin mixin: editors see each translated field's three languages side by side."""

    def get_fieldsets(self, request, obj=None):
        return [
            (name, {**options, "fields": side_by_side(options["fields"], self.model)})
            for name, options in super().get_fieldsets(request, obj)
        ]


def active_language():
    language = (get_language() or ORIGINAL_LANGUAGE).split("-")[0]
    return language if language in OTHER_LANGUAGES else ORIGINAL_LANGUAGE


def from_row(row, field):
    """``field`` of a ``values()`` row in the active language, the original where it has no
    translation (the row carries ``every_language(field)``)."""
    language = active_language()
    if language != ORIGINAL_LANGUAGE:
        text = row.get(column(field, language))
        if text:
            return text
    return row[field]
