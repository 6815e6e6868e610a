"""The interface's catalogues (``locale/<lang>/LC_MESSAGES/django.po``): what the code and the
templates ask to translate, and the compiled ``.mo`` files Django reads.

Both work with Babel alone, so a fresh machine (and CI) needs no GNU gettext: templates are
turned into Python by Django's own ``templatize`` (what ``makemessages`` does before xgettext)
and Babel reads the marked strings from that."""

import io
import re
from pathlib import Path

from babel.messages.extract import extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation.template import templatize

# What makemessages reads: the project's code and templates, not its tests, benchmarks,
# migrations or the virtualenv.
SKIPPED_PARTS = {".venv", "tests", "bench", "migrations", "staticfiles", "test-artifacts", "node_modules", "locale"}
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


_PLACEHOLDER = re.compile(r"%\((\w+)\)")


def _placeholders(text):
    return set(_PLACEHOLDER.findall(text))


def catalogue_path(language, root=None):
    return Path(root or settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"


def _sources(root):
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".py", ".html", ".txt", ".xsl") or SKIPPED_PARTS & set(path.relative_to(root).parts):
            continue
        yield path


def _extract(source, keywords):
    for _line, funcname, messages, _comments in extract_python(io.BytesIO(source.encode()), keywords, [], {}):
        spec = KEYWORDS[funcname]
        messages = messages if isinstance(messages, tuple) else (messages,)
        if spec is None:
            if isinstance(messages[0], str):
                yield None, messages[0]
        elif funcname.startswith("p"):
            context, ids = messages[0], messages[1:]
            if isinstance(context, str) and isinstance(ids[0], str):
                yield context, ids[0]
        elif isinstance(messages[0], str):
            yield None, messages[0]


def used_messages(root=None):
    """``{(context, msgid)}`` of every string the code and templates mark for translation
    (the singular's id for a plural)."""
    root = Path(root or settings.BASE_DIR)
    found = set()
    for path in _sources(root):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            source = text
        else:
            if "{%" not in text:
                continue
            # Indentation stays where templatize leaves it, which Python's tokenizer refuses.
            source = "\n".join(line.lstrip() for line in templatize(text, origin=str(path)).splitlines())
        found.update(_extract(source, KEYWORDS.keys()))
    return found


def read_catalogue(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def catalogue_problems(catalogue, used):
    """What a reader would see in English: each used string missing from the catalogue,
    untranslated (a plural form included) or marked fuzzy."""
    entries = {}
    for message in catalogue:
        if message.id:
            msgid = message.id[0] if isinstance(message.id, tuple) else message.id
            entries[(message.context, msgid)] = message
    problems = []
    for context, msgid in sorted(used, key=lambda pair: (pair[0] or "", pair[1])):
        message = entries.get((context, msgid))
        label = f"{context}|{msgid}" if context else msgid
        if message is None:
            problems.append(f"missing: {label!r}")
        elif message.fuzzy:
            problems.append(f"fuzzy: {label!r}")
        else:
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            if not all(forms) or len(forms) < (catalogue.num_plurals if len(ids) > 1 else 1):
                problems.append(f"untranslated: {label!r}")
            elif any(_placeholders(form) - set().union(*map(_placeholders, ids)) for form in forms) or any(
                _placeholders(ids[-1]) - _placeholders(form) for form in forms[1:] or forms
            ):
                # A placeholder the code does not give raises KeyError; a missing one loses a number.
                problems.append(f"placeholders differ: {label!r}")
    return problems


def compile_catalogue(po_path):
    """Write the ``.mo`` beside ``po_path`` (fuzzy entries left out, as msgfmt does); return its path."""
    catalogue = read_catalogue(po_path)
    mo_path = Path(po_path).with_suffix(".mo")
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    if not mo_path.exists() or mo_path.read_bytes() != buffer.getvalue():
        mo_path.write_bytes(buffer.getvalue())
    return mo_path


def compiled_bytes(po_path):
    buffer = io.BytesIO()
    write_mo(buffer, read_catalogue(po_path), use_fuzzy=False)
    return buffer.getvalue()
