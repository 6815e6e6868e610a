"""The actors: leaders and the offices they hold, parties and their names,
elections and the programmes published for them, and the topics everything
is filed under. This app depends on no other app of the project."""

from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import BoundedTextField
from core.translated import any_language_q, translated, translations

from .links import slug_url


class KnownAsQuerySet(models.QuerySet):
    """Actors known under several names (a party renamed, a leader's aliases): each kind
    lists the lookups of its names in ``name_fields``."""

    name_fields = ()

    def by_key(self, key):
        """The one row ``key`` names in a URL: its slug, else one of its names, as written
        ("Nur Otan") or as a slug ("nur-otan"), so a former name or an alias works wherever
        the slug does. None when no row, or more than one, goes by it.

        One query when the slug matches; else one more, for the rows with a name that
        starts like the key's, whose names are compared as slugs here."""
        key = (key or "").strip()
        found = self.filter(slug=key).first() if key else None
        wanted = slugify(key)
        if found is not None or not wanted:
            return found
        # A prefix the database can look for: slugify drops apostrophes and accents ("People's").
        start = wanted.split("-")[0][:3]
        near = Q()
        for field in self.name_fields:
            near |= Q(**{f"{field}__icontains": start})
        rows = self.filter(near).values_list("pk", *self.name_fields)[:500]
        pks = {row[0] for row in rows if any(value and slugify(value) == wanted for value in row[1:])}
        return self.filter(pk=pks.pop()).first() if len(pks) == 1 else None


def _valid_on_q(day, start="valid_from", end="valid_to"):
    """Rows whose interval [start, end) contains ``day``; open ends are unbounded."""
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": day})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day})
    )


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_ru, name_kk = translations(name)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = BoundedTextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return translated(self, "name")

    def get_absolute_url(self):
        return slug_url("topic_detail", self.slug)


class LeaderQuerySet(KnownAsQuerySet):
    name_fields = ("full_name", "aliases__alias")

    def named(self, text):
        """Leaders whose full name or one of whose aliases is ``text`` (case-insensitive)."""
        text = text.strip()
        return self.filter(
            any_language_q("full_name__iexact", text) | any_language_q("aliases__alias__iexact", text)
        ).distinct()

    def search(self, text):
        """Leaders with ``text`` in their name or an alias, in any language."""
        text = text.strip()
        return self.filter(
            any_language_q("full_name__icontains", text) | any_language_q("aliases__alias__icontains", text)
        ).distinct()

    def holding(self, title, *, on, jurisdiction=None):
        """Leaders holding an office called ``title`` on the date ``on``."""
        offices = Office.objects.valid_on(on).filter(title__iexact=title.strip())
        if jurisdiction:
            offices = offices.filter(jurisdiction__iexact=jurisdiction.strip())
        return self.filter(pk__in=offices.values("leader_id"))

    def resolve(self, text, *, on, jurisdiction=None):
        """The one leader that ``text`` names on the date ``on``, or None.

        "Tokayev" and "the Head of State" are aliases; "the president" is an
        office title, resolved to whoever held it that day (in ``jurisdiction``
        when given). Ambiguous text resolves to no one rather than to a guess.
        """
        text = text.strip()
        lowered = text.lower()
        for prefix in ("the ", "a "):
            if lowered.startswith(prefix):
                lowered = lowered[len(prefix) :]
        matches = list(self.named(text)[:2])
        if not matches:
            matches = list(self.holding(lowered, on=on, jurisdiction=jurisdiction)[:2])
        return matches[0] if len(matches) == 1 else None


class Leader(models.Model):
    full_name = models.CharField(_("full name"), max_length=200)
    full_name_ru, full_name_kk = translations(full_name)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    born_on = models.DateField(_("born on"), null=True, blank=True)
    bio = BoundedTextField(_("short biography"), blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LeaderQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")
        indexes = [
            # Leader.objects.named(): exact, case-insensitive look-up by name.
            models.Index(fields=["full_name"], name="leader_full_name_idx"),
        ]

    def __str__(self):
        return translated(self, "full_name")

    def get_absolute_url(self):
        return slug_url("leader_detail", self.slug)

    def offices_on(self, day):
        return self.offices.valid_on(day)


class LeaderAlias(models.Model):
    leader = models.ForeignKey(Leader, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("alias"), max_length=200, help_text=_('e.g. "Tokayev", "the Head of State"'))
    alias_ru, alias_kk = translations(alias)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(fields=["leader", "alias"], name="leader_alias_unique"),
        ]
        indexes = [
            # Leader.objects.named(): alias look-up.
            models.Index(fields=["alias"], name="leader_alias_idx"),
        ]

    def __str__(self):
        return translated(self, "alias")


class OfficeQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(_valid_on_q(day, "start", "end"))


class Office(models.Model):
    leader = models.ForeignKey(Leader, on_delete=models.CASCADE, related_name="offices")
    title = models.CharField(_("title"), max_length=200, help_text=_('e.g. "President", "Chairman"'))
    jurisdiction = models.CharField(
        _("jurisdiction"), max_length=200, help_text=_('The country, body or party, e.g. "Kazakhstan", "Nur Otan"')
    )
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(
        _("to"), null=True, blank=True, help_text=_("The first day no longer in office; empty while in office.")
    )

    objects = OfficeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gt=models.F("start")),
                name="office_ends_after_it_starts",
                violation_error_message=_("An office must end after it starts."),
            ),
            models.UniqueConstraint(fields=["leader", "title", "jurisdiction", "start"], name="office_unique_term"),
        ]
        indexes = [
            # LeaderQuerySet.holding(): who held this title on a date.
            models.Index(fields=["title", "start"], name="office_title_start_idx"),
        ]

    def __str__(self):
        return f"{self.title}, {self.jurisdiction}"

    def is_held_on(self, day):
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


class PartyQuerySet(KnownAsQuerySet):
    name_fields = ("name", "abbreviation", "names__name", "aliases__alias")

    def named(self, text):
        """Parties known under ``text``: any dated name, alias or abbreviation."""
        text = text.strip()
        return self.filter(
            any_language_q("name__iexact", text)
            | Q(abbreviation__iexact=text)
            | any_language_q("names__name__iexact", text)
            | any_language_q("aliases__alias__iexact", text)
        ).distinct()

    def search(self, text):
        """Parties with ``text`` in any name they have had, or an alias, in any language."""
        text = text.strip()
        return self.filter(
            any_language_q("name__icontains", text)
            | any_language_q("names__name__icontains", text)
            | any_language_q("aliases__alias__icontains", text)
        ).distinct()


class Party(models.Model):
    name = models.CharField(_("current name"), max_length=200, help_text=_("The name the party uses today."))
    name_ru, name_kk = translations(name)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wings",
        verbose_name=_("parent party"),
        help_text=_("For a youth wing or a regional branch: the party it belongs to."),
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = BoundedTextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")),
                name="party_not_its_own_parent",
                violation_error_message=_("A party cannot be its own parent."),
            ),
        ]

    def __str__(self):
        return translated(self, "name")

    def get_absolute_url(self):
        return slug_url("party_detail", self.slug)

    def name_on(self, day):
        """The name the party went by on ``day`` (its current name when no dated name covers it).

        Uses prefetched ``names`` when present, so a list costs no query per row.
        """
        for dated in self.names.all():
            if dated.is_valid_on(day):
                return translated(dated, "name")
        return translated(self, "name")


class PartyName(models.Model):
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("name"), max_length=200)
    name_ru, name_kk = translations(name)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(
        _("to"), null=True, blank=True, help_text=_("The first day the name was no longer used.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("dated name")
        verbose_name_plural = _("dated names")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="party_name_ends_after_it_starts",
                violation_error_message=_("A name must stop being used after it starts."),
            ),
            models.UniqueConstraint(fields=["party", "name", "valid_from"], name="party_name_unique"),
        ]
        indexes = [
            # PartyQuerySet.named(): a party found under any of its names.
            models.Index(fields=["name"], name="party_name_idx"),
        ]

    def __str__(self):
        return translated(self, "name")

    def is_valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)


class PartyAlias(models.Model):
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("alias"), max_length=200)
    alias_ru, alias_kk = translations(alias)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [models.UniqueConstraint(fields=["party", "alias"], name="party_alias_unique")]
        indexes = [
            # PartyQuerySet.named(): alias look-up.
            models.Index(fields=["alias"], name="party_alias_idx"),
        ]

    def __str__(self):
        return translated(self, "alias")


class Election(models.Model):
    class Kind(models.TextChoices):
        PARLIAMENTARY = "parliamentary", _("Parliamentary")
        PRESIDENTIAL = "presidential", _("Presidential")
        LOCAL = "local", _("Local")
        REFERENDUM = "referendum", _("Referendum")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, help_text=_('e.g. "2021 Kazakh legislative election (Majilis)"'))
    name_ru, name_kk = translations(name)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    country = models.CharField(_("country"), max_length=100)
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PARLIAMENTARY)
    description = BoundedTextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        constraints = [
            models.UniqueConstraint(fields=["country", "held_on", "kind"], name="election_unique_per_day"),
        ]

    def __str__(self):
        return translated(self, "name")

    def get_absolute_url(self):
        return slug_url("election_detail", self.slug)


class Programme(models.Model):
    title = models.CharField(_("title"), max_length=300)
    title_ru, title_kk = translations(title)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, related_name="programmes", null=True, blank=True, verbose_name=_("election")
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="programmes", null=True, blank=True, verbose_name=_("party")
    )
    leader = models.ForeignKey(
        Leader,
        on_delete=models.PROTECT,
        related_name="programmes",
        null=True,
        blank=True,
        verbose_name=_("candidate"),
        help_text=_("For a candidate's own programme."),
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    source_url = models.URLField(_("source"), max_length=1000, blank=True)
    summary = BoundedTextField(_("summary"), blank=True)
    summary_ru, summary_kk = translations(summary)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(party__isnull=False) | Q(leader__isnull=False),
                name="programme_has_an_author",
                violation_error_message=_("A programme is published by a party or a candidate."),
            ),
        ]

    def __str__(self):
        return translated(self, "title")

    def get_absolute_url(self):
        return slug_url("programme_detail", self.slug)

    @property
    def author(self):
        return self.party or self.leader


__all__ = [
    "Topic",
    "Leader",
    "LeaderAlias",
    "Office",
    "Party",
    "PartyName",
    "PartyAlias",
    "Election",
    "Programme",
]
