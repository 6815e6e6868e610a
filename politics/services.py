"""Writes about leaders and parties."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Leader


def unique_slug(model, text, *, max_length=80):
    """A slug for ``text`` not yet used by ``model`` ("x", then "x-2", "x-3", ...), cut at a
    word's end when ``text`` is longer than ``max_length``."""
    base = slugify(text)
    if len(base) > max_length:
        cut = base[: max_length + 1]
        base = cut.rsplit("-", 1)[0] if "-" in cut else cut[:max_length]
    base = base.strip("-") or "item"
    slug, n = base, 1
    while model._default_manager.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def leader_find_or_create(*, name, on, country=""):
    """The leader ``name`` refers to on the date ``on`` (by name, alias or office),
    or a new leader of that name when nobody is known under it.

    An ambiguous name (two leaders share it) is refused rather than guessed."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"issuer": _("Name the leader.")})
    leader = Leader.objects.resolve(name, on=on)
    if leader is not None:
        return leader
    if Leader.objects.named(name).exists():
        raise ValidationError(
            {"issuer": _("More than one leader is known as “%(name)s”; choose one.") % {"name": name}}
        )
    return Leader.objects.create(full_name=name, slug=unique_slug(Leader, name), country=country)
