"""The interface's catalogues: every string the code and templates mark is translated into
Russian and Kazakh, the compiled .mo files are those of the .po files, and plurals and dates
follow each language's rules."""

import datetime
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import Context, Template
from django.utils.translation import ngettext, override

from core.translations import (
    catalogue_path,
    catalogue_problems,
    compiled_bytes,
    read_catalogue,
    used_messages,
)

TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.fixture(scope="module")
def used():
    return used_messages()


def test_the_code_and_templates_mark_the_strings_readers_see(used):
    assert (None, "Skip to content") in used  # a template's {% translate %}
    assert (None, "Not yet rated") in used  # a model's choices
    assert (None, "%(total)s promise") in used  # a {% blocktranslate count %}
    assert ("admin fieldset", "Correction") in used  # pgettext


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_string_the_code_and_templates_use_is_translated(code, used):
    assert catalogue_problems(read_catalogue(catalogue_path(code)), used) == []


def test_an_untranslated_or_fuzzy_entry_is_reported(tmp_path, used):
    po = tmp_path / "django.po"
    text = catalogue_path("ru").read_text(encoding="utf-8")
    text = text.replace('msgid "Skip to content"\nmsgstr "Перейти к содержанию"', 'msgid "Skip to content"\nmsgstr ""')
    text = text.replace('msgid "Methodology"\nmsgstr', '#, fuzzy\nmsgid "Methodology"\nmsgstr')
    text = text.replace('msgstr "Поиск: %(query)s"', 'msgstr "Поиск: %(запрос)s"')
    po.write_text(text, encoding="utf-8")
    assert catalogue_problems(read_catalogue(po), used) == [
        "fuzzy: 'Methodology'",
        "placeholders differ: 'Search: %(query)s'",
        "untranslated: 'Skip to content'",
    ]
    assert catalogue_problems(read_catalogue(po), used | {(None, "A string nobody translated")})[0] == (
        "missing: 'A string nobody translated'"
    )


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_committed_mo_files_are_compiled_from_the_po_files(code):
    po = catalogue_path(code)
    assert po.with_suffix(".mo").read_bytes() == compiled_bytes(po), (
        "locale/ is out of date: run `python manage.py compile_translations` and commit the .mo files"
    )


def test_compile_translations_writes_the_mo_files_without_gnu_gettext(tmp_path, settings):
    for code in TRANSLATED:
        target = tmp_path / "locale" / code / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(catalogue_path(code), target / "django.po")
    settings.BASE_DIR = tmp_path
    call_command("compile_translations", "--check", stdout=open("/dev/null", "w"))
    for code in TRANSLATED:
        assert (tmp_path / "locale" / code / "LC_MESSAGES" / "django.mo").read_bytes() == compiled_bytes(
            catalogue_path(code)
        )


@pytest.mark.parametrize(
    "count, russian, kazakh",
    [
        (1, "1 обещание", "1 уәде"),
        (3, "3 обещания", "3 уәде"),
        (5, "5 обещаний", "5 уәде"),
        (11, "11 обещаний", "11 уәде"),
        (21, "21 обещание", "21 уәде"),
    ],
)
def test_russian_has_three_plural_forms(count, russian, kazakh):
    for code, expected in (("ru", russian), ("kk", kazakh)):
        with override(code):
            assert ngettext("%(total)s promise", "%(total)s promises", count) % {"total": count} == expected


def test_dates_and_numbers_follow_the_language():
    template = Template('{% load mandate l10n %}{% time_element day "j F Y" %} {{ number }}')
    context = {"day": datetime.date(2024, 3, 8), "number": 1234.5}
    rendered = {}
    for code in ("en", "ru", "kk"):
        with override(code):
            rendered[code] = template.render(Context(context))
    assert "8 March 2024" in rendered["en"] and "1234.5" in rendered["en"]
    assert "8 марта 2024" in rendered["ru"] and "1234,5" in rendered["ru"]
    assert "2024 ж. 8 наурыз" in rendered["kk"] and "1234,5" in rendered["kk"]
