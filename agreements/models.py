"""The tracker's facts and the sources they come from.

Every fact row (an agreement, a round, a declaration signatory, ...) is backed by one or more
`Citation`s: a quoted passage of a `Source` article. Dates are `PartialDate`s, kept at the
precision the source gives.
"""

import re
import uuid
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.db import models, router, transaction
from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Length, Upper
from django.db.models.lookups import Exact
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import names
from .bilingual import BilingualModel
from .paging import round_url
from .partial_dates import PartialDate, PartialDateField, sort_key_field
from .quotes import content_fingerprint, quote_occurs_in, quote_spans
from .search_index import UKRAINIAN, PostgreSQLGinIndex, stored_vector


def related_count(rows, field):
    """How many of `rows` point at the outer row through `field`, as a correlated subquery, 0
    when none: the database counts for the rows fetched only (a page), where a join with GROUP
    BY would count every related row, for the paginator's `count()` too."""
    counted = rows.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")), 0)


def pk_from(model, value):
    """`value` (e.g. from a query string) as a primary key of `model`; None when it is not one
    (not a number, or beyond the column's range)."""
    try:
        return model._meta.pk.clean(value, None)
    except ValidationError:
        return None


def ordinal_text(number):
    """1 → "1st", 22 → "22nd", 13 → "13th".

    >>> ordinal_text(23)
    '23rd'
    """
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def validate_resolutions(value):
    if not isinstance(value, dict) or not all(
        isinstance(key, str) and isinstance(text, str) and key and text
        for key, text in value.items()
    ):
        raise ValidationError(
            _(
                "Give an object of {“field”: “which value we hold and why”}, each reason a "
                'non-empty text, e.g. {"signed_on": "Two official releases give 12 January."}.'
            )
        )


def ResolutionsField():
    return models.JSONField(
        _("why we hold these values"),
        default=dict,
        blank=True,
        validators=[validate_resolutions],
        help_text=_(
            "Where sources disagree (a citation's “reports instead”): for each field, which "
            "reported value we hold and why, in JSON, e.g. "
            '{"signed_on": "Two official releases give 12 January.", "place": "…"}. '
            "Shown on the public page beside the reported values."
        ),
    )


class CitedQuerySet(models.QuerySet):
    """Rows that citations support: any model that `Citation` has a foreign key to."""

    def _citations(self):
        """This row's citations, as a subquery on the row's pk."""
        cited_as = self.model._meta.get_field("citations").field.name  # e.g. "round"
        return Citation.objects.filter(**{cited_as: OuterRef("pk")}).order_by()

    def cited(self):
        """Rows with at least one citation: the only ones the public record states."""
        return self.filter(models.Exists(self._citations()))

    def with_earliest_report(self, supporting=""):
        """Annotate `earliest_report`: the earliest publication date of a source citing the row
        (when it was reported by), or None; only citations whose "supports" mentions
        `supporting` count, if given (e.g. "sign")."""
        reports = self._citations().exclude(source__published_on=None)
        if supporting:
            reports = reports.filter(supports__icontains=supporting)
        first = reports.order_by("source__published_on").values("source__published_on")[:1]
        return self.annotate(earliest_report=Subquery(first))

    def with_record_times(self):
        """Annotate `recorded_at` and `corrected_at`: when the tracker first and last saved the
        row (its edit history), None for a row without history."""
        history = self.model.history.model.objects.filter(id=OuterRef("pk")).order_by()
        return self.annotate(
            recorded_at=Subquery(history.order_by("history_date").values("history_date")[:1]),
            corrected_at=Subquery(history.order_by("-history_date").values("history_date")[:1]),
        )

    def with_citations(self):
        """Each row's citations prefetched with their sources: listing the quotes beside the
        facts costs one query per kind of fact, whatever the number of rows."""
        return self.prefetch_related(
            models.Prefetch("citations", queryset=Citation.objects.select_related("source"))
        )


class NaturalKeyManager(models.Manager.from_queryset(CitedQuerySet)):
    """Looks rows up by the fields named in the model's `natural_key_fields`."""

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.model.natural_key_fields, values, strict=True)))


class NaturalKeyModel(models.Model):
    """Fixtures and backups refer to these rows by stable keys, never by database ids."""

    natural_key_fields = ("slug",)

    objects = NaturalKeyManager()

    class Meta:
        abstract = True

    def natural_key(self):
        def resolve(path):
            return reduce(getattr, path.split("__"), self)

        return tuple(resolve(path) for path in self.natural_key_fields)


class EditConflict(Exception):
    """The row was saved by someone else after this copy of it was loaded."""


class VersionedModel(NaturalKeyModel):
    """A curated row with a `version` counter, so that no edit is silently lost: facts,
    sources, citations, countries, people (any model added later that editors change)."""

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised on every save, so that two editors cannot overwrite each other."),
    )

    # Check constraints whose rule clean() or a field's validators check as well, with a message
    # that says what to do: full_clean does not validate them again. Django validates a check
    # constraint by building a query of its condition and running it in a savepoint, on every
    # full_clean; the citation's (one of ten facts: a hundred conditions) was most of what
    # loading the public record cost. The database still refuses any row that breaks them.
    constraints_checked_in_python = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Save and raise `version`; refuse (EditConflict) if the row's version moved on.

        The compare-and-swap UPDATE claims the row only while it still has the version this
        copy was loaded with, so of two concurrent saves exactly one wins, whatever the timing.
        """
        if self._state.adding or kwargs.get("force_insert"):
            return super().save(*args, **kwargs)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            claimed = (
                type(self)
                ._base_manager.using(using)
                .filter(pk=self.pk, version=self.version)
                .update(version=F("version") + 1)
            )
            if not claimed:
                raise EditConflict(
                    f"{self._meta.verbose_name} {self.pk} is no longer at version {self.version}"
                )
            self.version += 1
            try:
                super().save(*args, **kwargs)
            except BaseException:
                self.version -= 1
                raise

    def get_constraints(self):
        return [
            (model, [c for c in constraints if c.name not in self.constraints_checked_in_python])
            for model, constraints in super().get_constraints()
        ]


class FactModel(VersionedModel):
    """A row that states facts: cited (see `Citation`), and versioned."""

    class Meta:
        abstract = True


class PartnerKind(models.TextChoices):
    STATE = "state", _("state")
    ORGANISATION = "organisation", _("international organisation")


class Country(VersionedModel):
    """A partner or participant under its two-letter code. Ukraine is the home party.

    One rule for every partner: ISO 3166-1 alpha-2 for states, `EU` (exceptionally reserved in
    ISO 3166-1 for the European Union) and `XK` (user-assigned, in common use for Kosovo).
    `kind` says whether it is a state or an organisation.
    """

    iso2 = models.CharField(
        _("code"),
        max_length=2,
        unique=True,
        help_text=_(
            "ISO 3166-1 alpha-2, upper case (e.g. US, GB); EU for the European Union, "
            "XK for Kosovo."
        ),
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=PartnerKind.choices, default=PartnerKind.STATE
    )
    is_g7 = models.BooleanField(_("G7 member"), default=False)
    is_home = models.BooleanField(
        _("home party"),
        default=False,
        help_text=_("Ukraine: the one state that is party to every agreement tracked here."),
    )
    history = HistoricalRecords()

    natural_key_fields = ("iso2",)
    constraints_checked_in_python = ("country_iso2_two_upper_case_letters",)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.UniqueConstraint(
                fields=["is_home"], condition=Q(is_home=True), name="country_single_home_party"
            ),
            models.CheckConstraint(
                condition=Q(Exact(Length("iso2"), 2), iso2=Upper("iso2")),
                name="country_iso2_two_upper_case_letters",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("country-detail", args=[self.iso2])

    @property
    def local_name(self):
        """The name in the active language: the stored (English) name, which editors curate and
        search matches, in English; CLDR's name in the other languages, or the stored name
        where CLDR has none."""
        return self.name_in()

    def name_in(self, language=None):
        """The name in `language` (default: the active one), as `local_name` gives it."""
        return names.territory_name(
            self.iso2, default=self.name, own_name=self.name, language=language
        )

    @property
    def has_signed_agreement(self):
        """Whether Ukraine has signed an agreement with this state (prefetch `agreements`)."""
        return any(agreement.is_signed for agreement in self.agreements.all())

    def clean(self):
        self.iso2 = (self.iso2 or "").strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", self.iso2):
            raise ValidationError({"iso2": _("Give the two-letter ISO 3166-1 code, e.g. US.")})


def folded_name(name):
    """A name as names are compared: case and runs of white space do not count.

    >>> folded_name("  Volodymyr   ZELENSKYY ")
    'volodymyr zelenskyy'
    """
    return " ".join(str(name).split()).casefold()


def validate_name_list(value):
    if not isinstance(value, list) or not all(
        isinstance(name, str) and name.strip() for name in value
    ):
        raise ValidationError(
            _("Give the other spellings as a list of names, e.g. [“Volodymyr Zelensky”].")
        )


class PersonQuerySet(CitedQuerySet):
    def by_name(self, name):
        """The person called `name` or known by it as an alias (ignoring case and white space),
        or None: one person however the sources spell the name. Two queries at most: the
        names, then the few people with aliases."""
        wanted = folded_name(name)
        if not wanted:
            return None
        exact = self.filter(name__iexact=" ".join(str(name).split())).first()
        if exact is not None:
            return exact
        for person in self.exclude(aliases=[]).order_by("pk"):
            if wanted in person.folded_names():
                return person
        return None


class PersonManager(NaturalKeyManager.from_queryset(PersonQuerySet)):
    def get_by_natural_key(self, name):
        """A fixture or backup naming someone by another spelling finds the same person."""
        person = self.by_name(name)
        if person is None:
            raise self.model.DoesNotExist(f"No person is called or also known as “{name}”.")
        return person


# What the admin says of a role's Ukrainian column (a person's, a signatory's).
ROLE_UK_HELP = _(
    'E.g. <span lang="uk">“Прем’єр-міністр Швеції”</span>. Empty: Ukrainian pages show the '
    "English role, marked as English."
)


class Person(BilingualModel, VersionedModel):
    """Someone the sources name, with the role they held at the time (in English and Ukrainian).

    One row per person, under the spelling the tracker uses (`name`); the other spellings the
    sources use are kept as `aliases`, so the importer and the record loader find the same
    person however a source spells the name (`Person.objects.by_name`).
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    aliases = models.JSONField(
        _("also spelled"),
        default=list,
        blank=True,
        validators=[validate_name_list],
        help_text=_(
            "Other spellings of the name in the sources, one per line (e.g. “Volodymyr "
            "Zelensky” for Volodymyr Zelenskyy): a source that spells it so means this person."
        ),
    )
    role = models.CharField(
        _("role"), max_length=300, blank=True, help_text=_("Title as the sources give it.")
    )
    role_uk = models.CharField(
        _("role in Ukrainian"), max_length=300, blank=True, help_text=ROLE_UK_HELP
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
        verbose_name=_("country"),
    )
    history = HistoricalRecords()

    objects = PersonManager()
    natural_key_fields = ("name",)
    bilingual_fields = ("role",)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.name}, {self.role}" if self.role else self.name

    def folded_names(self):
        return {folded_name(self.name), *(folded_name(alias) for alias in self.aliases or [])}

    def clean(self):
        if not isinstance(self.aliases, list):
            return  # the field's own validator says what is wrong
        self.aliases = list(dict.fromkeys(" ".join(alias.split()) for alias in self.aliases))
        if folded_name(self.name) in {folded_name(alias) for alias in self.aliases}:
            raise ValidationError({"aliases": _("The name itself is not another spelling of it.")})
        for alias in [self.name, *self.aliases]:
            other = Person.objects.exclude(pk=self.pk).by_name(alias)
            if other is not None:
                message = _(
                    "“%(alias)s” already names %(other)s (person %(pk)s): one spelling, one "
                    "person. Merge the two people instead."
                )
                params = {"alias": alias, "other": other.name, "pk": other.pk}
                field = "aliases" if alias in self.aliases else "name"
                raise ValidationError({field: ValidationError(message, params=params)})


class SourceQuerySet(CitedQuerySet):
    def cited(self):
        """Sources that some fact cites: the public ones. An article imported but not yet
        reviewed has only candidate facts, and stays out of the public pages."""
        return self.filter(models.Exists(Citation.objects.filter(source=OuterRef("pk"))))


class SourceKind(models.TextChoices):
    OFFICIAL = "official", _("official")
    WIRE = "wire", _("news agency")
    NEWSPAPER = "newspaper", _("newspaper")
    UKRAINIAN_OUTLET = "ukrainian-outlet", _("Ukrainian outlet")
    THINK_TANK = "think-tank", _("think tank")


class Source(VersionedModel):
    """A published page that facts come from.

    Either an article whose text the tracker holds (`text`; its citations quote it), or a
    reference: a page known by its URL, publisher and date, whose text is not held (its
    citations say in our own words what it states and where).
    """

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty when the article does not say."),
    )
    url = models.URLField(_("URL"), max_length=500, blank=True)
    published_on = PartialDateField(_("published"))
    date_note = models.TextField(
        _("date note"),
        blank=True,
        help_text=_("How the publication date was established, when not printed."),
    )
    language = models.CharField(
        _("language"), max_length=8, default="en", help_text=_("BCP 47 code, e.g. en, uk.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices, blank=True)
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "The article's own text, without site navigation or footer; empty for a "
            "reference (a page cited by URL, whose text the tracker does not hold)."
        ),
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Editorial notes, e.g. page text that was left out and why."),
    )
    fingerprint = models.CharField(
        _("fingerprint"),
        max_length=64,
        default="",
        editable=False,
        db_index=True,
        help_text=_("SHA-256 of the normalised text: finds an article imported twice."),
    )
    search_vector = stored_vector(title="C", text="D")
    history = HistoricalRecords(excluded_fields=["search_vector"])

    objects = NaturalKeyManager.from_queryset(SourceQuerySet)()

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        indexes = [
            models.Index(fields=["-published_on", "title"], name="source_newest_first"),
            PostgreSQLGinIndex(fields=["search_vector"], name="source_search"),
        ]

    def __str__(self):
        return f"{self.title} ({self.published_on})"

    def get_absolute_url(self):
        return reverse("source-detail", args=[self.pk])

    @property
    def language_name(self):
        """The article's language in the active language ("English", "англійська")."""
        return names.language_name(self.language)

    @property
    def is_reference(self):
        """Cited by URL and described in our own words: the tracker does not hold its text."""
        return not self.text

    def find_quotes(self, citations):
        """{citation pk: the (start, end) spans of its quote in the text; [] if not found}."""
        return {citation.pk: quote_spans(citation.quote, self.text) for citation in citations}


class Declaration(BilingualModel, FactModel):
    """A multilateral declaration, such as the G7 Joint Declaration of Support for Ukraine.
    Its title, place, occasion and summary are kept in English and Ukrainian (`local`)."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    title_uk = models.CharField(_("title in Ukrainian"), max_length=300, blank=True)
    adopted_on = PartialDateField(_("adopted"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    place_uk = models.CharField(_("place in Ukrainian"), max_length=200, blank=True)
    occasion = models.CharField(_("occasion"), max_length=300, blank=True)
    occasion_uk = models.CharField(_("occasion in Ukrainian"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_uk = models.TextField(_("summary in Ukrainian"), blank=True)
    history = HistoricalRecords()

    bilingual_fields = ("title", "place", "occasion", "summary")

    class Meta:
        ordering = ["adopted_on", "title"]
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")

    def __str__(self):
        return str(self.local("title"))

    def get_absolute_url(self):
        return reverse("declaration-detail", args=[self.slug])


class SignatoryRole(models.TextChoices):
    FOUNDING = "founding", _("founding G7 signatory")
    JOINED = "joined", _("joined later")


# A partner's declaration membership, as the agreement list filters and shows it.
NO_MEMBERSHIP = "none"
MEMBERSHIP_CHOICES = [
    (SignatoryRole.FOUNDING.value, _("founding signatory")),
    (SignatoryRole.JOINED.value, _("joined later")),
    (NO_MEMBERSHIP, _("not a signatory")),
]


class DeclarationSignatoryQuerySet(CitedQuerySet):
    def founding(self):
        return self.filter(role=SignatoryRole.FOUNDING)

    def joined_later(self):
        return self.filter(role=SignatoryRole.JOINED)


class DeclarationSignatory(FactModel):
    """A state that signed a declaration, or joined it later."""

    declaration = models.ForeignKey(
        Declaration,
        on_delete=models.PROTECT,
        related_name="signatories",
        verbose_name=_("declaration"),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="declaration_signatures",
        verbose_name=_("country"),
    )
    role = models.CharField(_("role"), max_length=10, choices=SignatoryRole.choices)
    joined_on = PartialDateField(
        _("joined"),
        help_text=_("When the state signed or joined; empty when the sources do not say."),
    )
    ordinal = models.PositiveSmallIntegerField(
        _("order of joining"),
        null=True,
        blank=True,
        help_text=_("“The 22nd country to join”, when a source says so."),
    )
    resolutions = ResolutionsField()
    history = HistoricalRecords()

    objects = NaturalKeyManager.from_queryset(DeclarationSignatoryQuerySet)()
    natural_key_fields = ("declaration__slug", "country__iso2")

    class Meta:
        ordering = ["declaration", "role", "joined_on", "country__name"]
        verbose_name = _("declaration signatory")
        verbose_name_plural = _("declaration signatories")
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "country"], name="one_signatory_row_per_country"
            ),
        ]

    def __str__(self):
        return f"{self.country.local_name} – {self.declaration} ({self.get_role_display()})"

    def get_absolute_url(self):
        return f"{self.declaration.get_absolute_url()}#signatory-{self.country.iso2}"

    def clean(self):
        errors = {}
        if self.country_id and self.country.is_home:
            errors["country"] = _("Ukraine is the subject of the declaration, not a signatory.")
        if self.declaration_id and self.joined_on.definitely_before(self.declaration.adopted_on):
            errors["joined_on"] = ValidationError(
                _("A state cannot join before the declaration was adopted (%(adopted)s)."),
                params={"adopted": self.declaration.adopted_on},
            )
        if errors:
            raise ValidationError(errors)

    @property
    def joining_order(self):
        """ "the 22nd to join", as a source reports it; "" when none does."""
        if not self.ordinal:
            return ""
        # Ukrainian writes the number, not an English ordinal: the catalogue uses %(number)s.
        return gettext("the %(ordinal)s to join") % {
            "ordinal": ordinal_text(self.ordinal),
            "number": self.ordinal,
        }

    @property
    def reported_by(self):
        """The earliest publication date of a source citing this row, for undated joinings."""
        dates = [c.source.published_on for c in self.citations.all() if c.source.published_on]
        return min(dates) if dates else None


class Delegation(BilingualModel, FactModel):
    """A negotiating team appointed by the Ukrainian side (e.g. by presidential decree). Its
    name and mandate are kept in English and Ukrainian (`local`)."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=300)
    name_uk = models.CharField(_("name in Ukrainian"), max_length=300, blank=True)
    appointed_on = PartialDateField(_("appointed"))
    appointed_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("appointed by"),
    )
    lead = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="delegations_led",
        null=True,
        blank=True,
        verbose_name=_("lead"),
    )
    mandate = models.TextField(_("mandate"), blank=True)
    mandate_uk = models.TextField(_("mandate in Ukrainian"), blank=True)
    history = HistoricalRecords()

    bilingual_fields = ("name", "mandate")

    class Meta:
        ordering = ["appointed_on", "name"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self):
        return str(self.local("name"))


class AgreementStatus(models.TextChoices):
    """An agreement's status, the members in the order of its life (the list sorts by it, the
    importer only moves a status forwards along it)."""

    NEGOTIATING = "negotiating", _("negotiating")
    SIGNED = "signed", _("signed")
    IN_FORCE = "in_force", _("in force")
    EXPIRED = "expired", _("expired")

    @property
    def rank(self):
        """The status's place in the order of an agreement's life: 0 while negotiating."""
        return list(AgreementStatus).index(self)


def status_label(status):
    """A stored status code ("in_force") as people read it ("in force"); a status no longer
    defined is shown as stored."""
    return AgreementStatus(status).label if status in AgreementStatus.values else status


class TermKind(models.TextChoices):
    YEARS = "years", _("a number of years")
    OPEN_ENDED = "open_ended", _("open-ended")
    UNTIL_EVENT = "until_event", _("until an event")


class InstrumentKind(models.TextChoices):
    POLITICAL = "political", _("political commitment")
    TREATY = "treaty", _("treaty (needs ratification)")


def validate_url_list(value):
    if not isinstance(value, list):
        raise ValidationError(_("Give the links to the published text, one per line."))
    for url in value:
        try:
            URLValidator(schemes=["http", "https"])(url if isinstance(url, str) else "")
        except ValidationError:
            raise ValidationError(
                _("“%(url)s” is not a web address (http or https)."), params={"url": url}
            ) from None


SIGNED_STATUSES = (AgreementStatus.SIGNED, AgreementStatus.IN_FORCE, AgreementStatus.EXPIRED)


@dataclass(frozen=True)
class StatusStep:
    """A step in an agreement's life (e.g. "signed") and its date, possibly unknown."""

    label: str
    date: PartialDate
    reported_by: PartialDate | None = None  # for an undated current status: when reported
    by_round: bool = False  # reported_by is the first round's date, not a source's

    @property
    def display(self):
        """The step as the active language says it (`label` is the key code uses)."""
        return STATUS_STEP_LABELS[self.label]


STATUS_STEP_LABELS = {
    "negotiations started": _("negotiations started"),
    "signed": _("signed"),
    "entered into force": _("entered into force"),
    "ended": _("ended"),
}


class AgreementQuerySet(CitedQuerySet):
    def signed(self):
        """Agreements that have been signed, whatever happened since."""
        return self.filter(status__in=SIGNED_STATUSES)

    def negotiating(self):
        return self.filter(status=AgreementStatus.NEGOTIATING)

    def with_round_stats(self):
        """Annotate `round_count` and `latest_round_on` (ISO text of the latest round date).

        Correlated subqueries rather than a join with GROUP BY: the database computes them only
        for the rows of the page shown, and `count()` for the paginator stays cheap.
        """
        rounds = NegotiationRound.objects.filter(agreement=OuterRef("pk")).order_by()
        latest = rounds.values("agreement").annotate(latest=Max("date")).values("latest")
        return self.annotate(
            round_count=related_count(NegotiationRound.objects, "agreement"),
            latest_round_on=Subquery(latest),
        )

    def with_first_round_on(self):
        """Annotate `first_round_on`: the date of the lowest-numbered round, else of the earliest
        round without a number (a PartialDate, unknown when undated), which `status_history`
        uses to say by when talks had started."""
        first = NegotiationRound.objects.filter(agreement=OuterRef("pk")).order_by(
            F("number").asc(nulls_last=True), "date_sort"
        )
        return self.annotate(first_round_on=Subquery(first.values("date")[:1]))

    def with_declaration_membership(self):
        """Annotate `membership`: the partner's declaration role ("founding", "joined") or None.

        A partner in several declarations counts by its strongest role (founding before joined).
        """
        roles = DeclarationSignatory.objects.filter(country=OuterRef("partner")).order_by("role")
        return self.annotate(membership=Subquery(roles.values("role")[:1]))


class Agreement(BilingualModel, FactModel):
    """Ukraine's bilateral security agreement with one partner state. Its title, summary,
    place and end event are kept in English and Ukrainian (`local`)."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    partner = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("partner")
    )
    title = models.CharField(_("title"), max_length=300)
    title_uk = models.CharField(
        _("title in Ukrainian"),
        max_length=300,
        blank=True,
        help_text=_(
            'E.g. <span lang="uk">“Угода про співробітництво у сфері безпеки між Україною та '
            "…”</span>. Empty: Ukrainian pages show the English title, marked as English."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AgreementStatus.choices,
        default=AgreementStatus.NEGOTIATING,
    )
    negotiations_started_on = PartialDateField(_("negotiations started"))
    signed_on = PartialDateField(_("signed"))
    in_force_on = PartialDateField(_("entered into force"))
    ended_on = PartialDateField(_("expired or ended"))
    summary = models.TextField(_("summary"), blank=True)
    summary_uk = models.TextField(_("summary in Ukrainian"), blank=True)
    place = models.CharField(_("signing place"), max_length=200, blank=True)
    place_uk = models.CharField(_("signing place in Ukrainian"), max_length=200, blank=True)
    place_detail = models.CharField(
        _("signing place, detail"), max_length=300, blank=True, help_text=_("E.g. the venue.")
    )
    place_detail_uk = models.CharField(
        _("signing place, detail in Ukrainian"), max_length=300, blank=True
    )
    term_kind = models.CharField(
        _("term"),
        max_length=12,
        choices=TermKind.choices,
        blank=True,
        help_text=_("As reported."),
    )
    term_years = models.PositiveSmallIntegerField(
        _("term in years"), null=True, blank=True, help_text=_("Years from signing.")
    )
    term_event = models.CharField(
        _("ends on"),
        max_length=300,
        blank=True,
        help_text=_("The event that ends it, e.g. “Ukraine's accession to NATO”."),
    )
    term_event_uk = models.CharField(_("ends on, in Ukrainian"), max_length=300, blank=True)
    term_text = models.TextField(
        _("term as written"),
        blank=True,
        help_text=_("The provision of the text that sets the term."),
    )
    instrument = models.CharField(
        _("kind of instrument"), max_length=10, choices=InstrumentKind.choices, blank=True
    )
    ratified_on = PartialDateField(_("ratified"))
    text_urls = models.JSONField(
        _("official text"),
        default=list,
        blank=True,
        validators=[validate_url_list],
        help_text=_("Links to the published text, one per line (https://…)."),
    )
    text_title = models.CharField(
        _("title as published"), max_length=300, blank=True, help_text=_("The text's own title.")
    )
    ordinal = models.PositiveSmallIntegerField(
        _("order of signing"),
        null=True,
        blank=True,
        help_text=_("“The tenth such agreement”, when a source says so."),
    )
    resolutions = ResolutionsField()
    search_vector = stored_vector(
        title="A", summary="B", title_uk=("A", UKRAINIAN), summary_uk=("B", UKRAINIAN)
    )
    # The timeline's sort keys of the four steps (agreements/timeline.py), indexed.
    negotiations_started_sort = sort_key_field("negotiations_started_on")
    signed_sort = sort_key_field("signed_on")
    in_force_sort = sort_key_field("in_force_on")
    ended_sort = sort_key_field("ended_on")
    history = HistoricalRecords(
        excluded_fields=[
            "search_vector",
            "negotiations_started_sort",
            "signed_sort",
            "in_force_sort",
            "ended_sort",
        ]
    )

    objects = NaturalKeyManager.from_queryset(AgreementQuerySet)()

    bilingual_fields = ("title", "summary", "place", "place_detail", "term_event")

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        indexes = [
            models.Index(fields=["status", "signed_on"], name="agreement_status_signed"),
            models.Index(fields=["signed_on"], name="agreement_signed_on"),
            PostgreSQLGinIndex(fields=["search_vector"], name="agreement_search"),
            models.Index(fields=["negotiations_started_sort"], name="agreement_started_sort"),
            models.Index(fields=["signed_sort"], name="agreement_signed_sort"),
            models.Index(fields=["in_force_sort"], name="agreement_in_force_sort"),
            models.Index(fields=["ended_sort"], name="agreement_ended_sort"),
        ]

    def __str__(self):
        return str(self.local("title"))

    def get_absolute_url(self):
        return reverse("agreement-detail", args=[self.slug])

    @property
    def is_signed(self):
        return self.status in SIGNED_STATUSES

    @property
    def place_shown(self):
        """ "Kyiv (Mariinskyi Palace)" in the active language where written in it; "" when not
        reported."""
        place, detail = self.local("place"), self.local("place_detail")
        return f"{place} ({detail})" if place and detail else str(place)

    @property
    def term_shown(self):
        """The term in words ("10 years from signing; ends on …"); "" when not reported."""
        if not self.term_kind:
            return ""
        if self.term_kind == TermKind.YEARS:
            text = ngettext(
                "%(years)s year from signing", "%(years)s years from signing", self.term_years
            ) % {"years": self.term_years}
        else:
            text = self.get_term_kind_display().capitalize()
        if self.term_event or self.term_event_uk:
            event = self.local("term_event")
            return gettext("%(term)s; ends on %(event)s") % {"term": text, "event": event}
        return text

    @property
    def pledge_totals(self):
        """[(currency, period, total)] of the pledges (prefetch `pledges`), summed per currency
        and period only: pledges for different periods may overlap (a year's aid within a
        five-year plan), so they are never added up, nor converted between currencies."""
        totals = {}
        for pledge in self.pledges.all():
            key = (pledge.currency, pledge.period)
            totals[key] = totals.get(key, 0) + pledge.amount
        return [(currency, period, total) for (currency, period), total in sorted(totals.items())]

    def status_history(self):
        """The steps this agreement is known to have reached, in order, each with its date as
        the sources give it (unknown when they do not say)."""
        reached = {
            "negotiations started": True,
            "signed": self.is_signed,
            "entered into force": self.status == AgreementStatus.IN_FORCE or bool(self.in_force_on),
            "ended": self.status == AgreementStatus.EXPIRED,
        }
        dates = {
            "negotiations started": self.negotiations_started_on,
            "signed": self.signed_on,
            "entered into force": self.in_force_on,
            "ended": self.ended_on,
        }
        steps = [StatusStep(step, dates[step]) for step, known in reached.items() if known]
        last = steps[-1]
        if not last.date:
            # The current status is reported, its date is not: say by when it was reported, or,
            # for talks, by the first round if that is earlier (talks under way by 3 Mar cannot
            # be "reported started by 4 Mar").
            reported_by, by_round = self.status_reported_by, False
            first_round = PartialDate.coerce(getattr(self, "first_round_on", None))
            talks = last.label == "negotiations started" and first_round.is_known
            if talks and (reported_by is None or first_round.end < reported_by.end):
                reported_by, by_round = first_round, True
            steps[-1] = StatusStep(last.label, last.date, reported_by, by_round)
        return steps

    @property
    def status_reported_by(self):
        """The earliest publication date of a source cited for this agreement's status."""
        dates = [
            c.source.published_on
            for c in self.citations.all()
            if "status" in c.supports.lower() and c.source.published_on
        ]
        return min(dates) if dates else None

    def next_pledge_position(self):
        """The position a newly reported pledge of this agreement gets."""
        last = self.pledges.aggregate(last=Max("position"))["last"]
        return 0 if last is None else last + 1

    def next_round_number(self):
        """The number a newly reported round of these negotiations gets."""
        return (self.rounds.aggregate(last=Max("number"))["last"] or 0) + 1

    def clean(self):
        errors = {}
        if self.partner_id and self.partner.is_home:
            errors["partner"] = _("The partner must be a state other than Ukraine.")
        if not self.is_signed and self.signed_on:
            errors["signed_on"] = _("An agreement still under negotiation has no signing date.")
        if self.signed_on.definitely_before(self.negotiations_started_on):
            errors["signed_on"] = ValidationError(
                _("Signed before negotiations started (%(started)s)."),
                params={"started": self.negotiations_started_on},
            )
        if self.in_force_on and self.status not in (
            AgreementStatus.IN_FORCE,
            AgreementStatus.EXPIRED,
        ):
            errors["in_force_on"] = _("Only an agreement in force (or expired) has this date.")
        if self.in_force_on.definitely_before(self.signed_on):
            errors["in_force_on"] = ValidationError(
                _("In force before it was signed (%(signed)s)."), params={"signed": self.signed_on}
            )
        if self.ended_on and self.status != AgreementStatus.EXPIRED:
            errors["ended_on"] = _("Only an expired agreement has an end date.")
        if self.ended_on.definitely_before(self.in_force_on or self.signed_on):
            errors["ended_on"] = _("Ended before it was signed or entered into force.")
        if self.ratified_on.definitely_before(self.signed_on):
            errors["ratified_on"] = ValidationError(
                _("Ratified before it was signed (%(signed)s)."), params={"signed": self.signed_on}
            )
        if self.term_kind == TermKind.YEARS and not self.term_years:
            errors["term_years"] = _("Give the number of years.")
        if self.term_years and self.term_kind != TermKind.YEARS:
            errors["term_years"] = _("Only a term of a number of years has this.")
        if self.term_kind == TermKind.UNTIL_EVENT and not self.term_event:
            errors["term_event"] = _("Name the event that ends it.")
        if self.place_detail and not self.place:
            errors["place"] = _("Give the place the detail belongs to.")
        if errors:
            raise ValidationError(errors)


class NegotiationRound(BilingualModel, FactModel):
    """One round of negotiations on an agreement. Its summary, place, partner delegation and
    date note are kept in English and Ukrainian (`local`)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("agreement")
    )
    number = models.PositiveSmallIntegerField(
        _("number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "1 for the first round; empty when the sources give no number (such rounds are "
            "ordered by date, after the numbered ones)."
        ),
    )
    date = PartialDateField(_("date"))
    date_note = models.CharField(
        _("date note"),
        max_length=300,
        blank=True,
        help_text=_("What the source says about the date, if vague."),
    )
    date_note_uk = models.CharField(_("date note in Ukrainian"), max_length=300, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    place_uk = models.CharField(_("place in Ukrainian"), max_length=200, blank=True)
    ukrainian_lead = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="rounds_led",
        null=True,
        blank=True,
        verbose_name=_("Ukrainian delegation lead"),
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.PROTECT,
        related_name="rounds",
        null=True,
        blank=True,
        verbose_name=_("Ukrainian delegation"),
    )
    partner_delegation = models.TextField(_("partner delegation"), blank=True)
    partner_delegation_uk = models.TextField(_("partner delegation in Ukrainian"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_uk = models.TextField(_("summary in Ukrainian"), blank=True)
    is_implied = models.BooleanField(
        _("implied"),
        default=False,
        help_text=_("Not reported itself: implied by the number of a later round."),
    )
    search_vector = stored_vector(
        summary="B",
        place="B",
        partner_delegation="B",
        date_note="B",
        summary_uk=("B", UKRAINIAN),
        place_uk=("B", UKRAINIAN),
        partner_delegation_uk=("B", UKRAINIAN),
        date_note_uk=("B", UKRAINIAN),
    )
    # The timeline's sort key (agreements/timeline.py), indexed: a page sorts no rounds.
    date_sort = sort_key_field("date")
    history = HistoricalRecords(excluded_fields=["search_vector", "date_sort"])

    natural_key_fields = ("agreement__slug", "number")
    bilingual_fields = ("summary", "place", "partner_delegation", "date_note")
    constraints_checked_in_python = ("round_number_at_least_one",)

    class Meta:
        # Unnumbered rounds (the source gives no number) after the numbered ones, by date.
        ordering = ["agreement", models.F("number").asc(nulls_last=True), "date_sort"]
        verbose_name = _("negotiation round")
        verbose_name_plural = _("negotiation rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"], name="unique_round_number_per_agreement"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="round_number_at_least_one"),
        ]
        indexes = [
            models.Index(fields=["date"], name="round_date"),
            PostgreSQLGinIndex(fields=["search_vector"], name="round_search"),
            models.Index(fields=["date_sort"], name="round_date_sort"),
        ]

    def __str__(self):
        return gettext("%(round)s – %(agreement)s") % {
            "round": self.label,
            "agreement": self.agreement,
        }

    def get_absolute_url(self):
        if self.number is None:
            return f"{self.agreement.get_absolute_url()}#rounds"
        return round_url(self.agreement.get_absolute_url(), self.number)

    @property
    def label(self):
        """ "Round 3"; a round whose number no source gives says so instead of a number."""
        if self.number is not None:
            return gettext("Round %(number)s") % {"number": self.number}
        return gettext("Round (number not reported)")

    def clean(self):
        if not self.agreement_id:
            return
        errors = {}
        agreement = self.agreement
        if self.date.definitely_before(agreement.negotiations_started_on):
            errors["date"] = ValidationError(
                _("This round is dated before negotiations started (%(started)s)."),
                params={"started": agreement.negotiations_started_on},
            )
        elif self.date.definitely_after(agreement.signed_on):
            errors["date"] = ValidationError(
                _("This round is dated after the agreement was signed (%(signed)s)."),
                params={"signed": agreement.signed_on},
            )
        elif self.date and self.number:
            neighbours = agreement.rounds.exclude(pk=self.pk).exclude(date=None)
            earlier = neighbours.filter(number__lt=self.number)
            later = neighbours.filter(number__gt=self.number)
            if any(self.date.definitely_before(r.date) for r in earlier):
                errors["date"] = _("This round is dated before a round with a lower number.")
            elif any(self.date.definitely_after(r.date) for r in later):
                errors["date"] = _("This round is dated after a round with a higher number.")
        if errors:
            raise ValidationError(errors)


class Side(models.TextChoices):
    UKRAINE = "ukraine", _("Ukraine")
    PARTNER = "partner", _("partner")


class AgreementSignatory(BilingualModel, FactModel):
    """A person who signed an agreement, on one side, with the role they held at the time (in
    English and Ukrainian: `local`)."""

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="signatories",
        verbose_name=_("agreement"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("person")
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    role = models.CharField(
        _("role"), max_length=300, blank=True, help_text=_("The role at the time.")
    )
    role_uk = models.CharField(
        _("role in Ukrainian"), max_length=300, blank=True, help_text=ROLE_UK_HELP
    )
    history = HistoricalRecords()

    natural_key_fields = ("agreement__slug", "person__name")
    bilingual_fields = ("role",)

    class Meta:
        ordering = ["agreement", "-side", "pk"]
        verbose_name = _("agreement signatory")
        verbose_name_plural = _("agreement signatories")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "person"], name="one_signature_per_person_and_agreement"
            ),
        ]

    def __str__(self):
        return f"{self.person.name}, {self.role}" if self.role else self.person.name

    def get_absolute_url(self):
        return f"{self.agreement.get_absolute_url()}#signatories"


class Pledge(BilingualModel, FactModel):
    """Support pledged in an agreement: an amount in one currency, never converted. Its
    purpose is kept in English and Ukrainian (`local`)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="pledges", verbose_name=_("agreement")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order among the agreement's pledges, from 0.")
    )
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)
    currency = models.CharField(
        _("currency"), max_length=3, help_text=_("ISO 4217, e.g. EUR, USD, GBP.")
    )
    period = models.CharField(
        _("period"),
        max_length=50,
        blank=True,
        help_text=_("The period it covers, e.g. 2024 or 2024/2027."),
    )
    purpose = models.CharField(
        _("purpose"), max_length=300, blank=True, help_text=_("What it is for.")
    )
    purpose_uk = models.CharField(_("purpose in Ukrainian"), max_length=300, blank=True)
    history = HistoricalRecords()

    natural_key_fields = ("agreement__slug", "position")
    bilingual_fields = ("purpose",)
    constraints_checked_in_python = ("pledge_currency_three_upper_case_letters",)

    class Meta:
        ordering = ["agreement", "position"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "position"], name="one_pledge_per_agreement_position"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="pledge_amount_positive"),
            models.CheckConstraint(
                condition=Q(Exact(Length("currency"), 3), currency=Upper("currency")),
                name="pledge_currency_three_upper_case_letters",
            ),
        ]

    def __str__(self):
        return f"{self.currency} {self.amount:,.0f}" + (f" ({self.period})" if self.period else "")

    def get_absolute_url(self):
        return f"{self.agreement.get_absolute_url()}#pledges"

    def clean(self):
        self.currency = (self.currency or "").strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", self.currency):
            raise ValidationError({"currency": _("Give the three-letter ISO 4217 code, e.g. EUR.")})


class ParticipantCount(FactModel):
    """How many states a source says had joined a declaration, as of a date."""

    declaration = models.ForeignKey(
        Declaration,
        on_delete=models.CASCADE,
        related_name="participant_counts",
        verbose_name=_("declaration"),
    )
    value = models.PositiveSmallIntegerField(_("count"))
    as_of = PartialDateField(_("as of"))
    history = HistoricalRecords()

    natural_key_fields = ("declaration__slug", "as_of", "value")

    class Meta:
        ordering = ["declaration", "as_of", "value"]
        verbose_name = _("participant count")
        verbose_name_plural = _("participant counts")
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "as_of", "value"], name="one_count_per_value_and_date"
            ),
        ]

    def __str__(self):
        return gettext("%(count)s as of %(date)s") % {"count": self.value, "date": self.as_of}

    def get_absolute_url(self):
        return f"{self.declaration.get_absolute_url()}#counts"


# The change reason of the first history record that `baseline_history` gives rows loaded by
# loaddata: a starting point for diffs, not an edit (the overview leaves them out).
BASELINE_CHANGE_REASON = "Baseline: the row as loaded, before its first recorded edit."

FACT_FIELDS = (
    "country",
    "person",
    "declaration",
    "signatory",
    "delegation",
    "agreement",
    "round",
    "agreement_signatory",
    "pledge",
    "participant_count",
)
# What a citation's `fact` and its label read: select_related(*FACT_RELATIONS) avoids a query each.
FACT_RELATIONS = (
    "country",
    "person",
    "declaration",
    "signatory__country",
    "signatory__declaration",
    "delegation",
    "agreement",
    "round__agreement",
    "agreement_signatory__agreement",
    "agreement_signatory__person",
    "pledge__agreement",
    "participant_count__declaration",
)


def exactly_one_of(fields):
    return reduce(
        or_,
        (
            Q(**{f"{field}__isnull": False})
            & Q(**{f"{other}__isnull": True for other in fields if other != field})
            for field in fields
        ),
    )


def cited_fact(model, verbose_name):
    """A citation's foreign key to one kind of fact (see `Citation`'s exclusive arc)."""
    return models.ForeignKey(
        model,
        on_delete=models.CASCADE,
        related_name="citations",
        null=True,
        blank=True,
        verbose_name=verbose_name,
    )


class Citation(VersionedModel):
    """What a source says about one fact row.

    Of a source whose text the tracker holds: a quoted passage (it must occur in the text). Of
    a reference (a source without text): no quote, and a note in our own words of what the
    source states and where. `reported_values` keeps what the source says where it disagrees
    with the value the row holds, so that conflicting reports are shown, not lost.
    """

    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source")
    )
    quote = models.TextField(
        _("quote"),
        blank=True,
        help_text=_(
            "The supporting sentence(s), verbatim; join separate passages with “…”. "
            "Empty for a reference (a source whose text the tracker does not hold)."
        ),
    )
    supports = models.CharField(
        _("supports"),
        max_length=300,
        blank=True,
        help_text=_("Which facts of the row the source supports, e.g. “date, Ukrainian lead”."),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_(
            "How the fact follows from the quote; for a reference, what the source "
            "states and where, in our own words."
        ),
    )
    reported_values = models.JSONField(
        _("reports instead"),
        default=dict,
        blank=True,
        help_text=_(
            "Only where this source disagrees with the value held: what it reports "
            'instead, in JSON, e.g. {"signed_on": "2024-01-11"} (dates as YYYY, YYYY-MM or '
            "YYYY-MM-DD). The public page shows every reported value with its source; say which "
            "one is held and why in the fact's “why we hold these values”. Empty: {}."
        ),
    )

    country = cited_fact(Country, _("country"))
    person = cited_fact(Person, _("person"))
    declaration = cited_fact(Declaration, _("declaration"))
    signatory = cited_fact(DeclarationSignatory, _("declaration signatory"))
    delegation = cited_fact(Delegation, _("delegation"))
    agreement = cited_fact(Agreement, _("agreement"))
    round = cited_fact(NegotiationRound, _("negotiation round"))
    agreement_signatory = cited_fact(AgreementSignatory, _("agreement signatory"))
    pledge = cited_fact(Pledge, _("pledge"))
    participant_count = cited_fact(ParticipantCount, _("participant count"))
    history = HistoricalRecords()

    natural_key_fields = ("key",)
    constraints_checked_in_python = ("citation_cites_exactly_one_fact",)

    class Meta:
        ordering = ["source", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of(FACT_FIELDS), name="citation_cites_exactly_one_fact"
            ),
        ]

    def __str__(self):
        text = Truncator(self.quote or self.note).chars(60)
        return f"“{text}” ({self.source.title})" if self.quote else f"{text} ({self.source.title})"

    def reported(self, field):
        """What this source reports for `field` where it disagrees with the held value."""
        return (self.reported_values or {}).get(field)

    @property
    def fact_type(self):
        """What kind of fact the citation supports, e.g. "negotiation round"."""
        for name in FACT_FIELDS:
            if getattr(self, f"{name}_id") is not None:
                return self._meta.get_field(name).related_model._meta.verbose_name
        return None

    @property
    def fact(self):
        """The one row this citation supports."""
        for field in FACT_FIELDS:
            if getattr(self, f"{field}_id") is not None:
                return getattr(self, field)
        return None

    def clean(self):
        # A fact still being added with this citation (an admin inline) is not saved yet.
        cited = [
            field
            for field in FACT_FIELDS
            if getattr(self, f"{field}_id") is not None
            or (self._meta.get_field(field).is_cached(self) and getattr(self, field) is not None)
        ]
        if len(cited) != 1:
            raise ValidationError(_("A citation supports exactly one fact: choose one."))
        validate_reported_values(self.reported_values, fact=getattr(self, cited[0]))
        if self.source_id and not self.source.text:
            errors = {}
            if self.quote:
                errors["quote"] = _(
                    "This source is a reference: the tracker does not hold its text, so there "
                    "is nothing to quote. Say what it states and where in the note."
                )
            if not self.note.strip():
                errors["note"] = _(
                    "A citation of a reference needs a note: what the source states and where, "
                    "in our own words."
                )
            if errors:
                raise ValidationError(errors)
            return
        if self.source_id and not self.quote:
            raise ValidationError({"quote": _("Quote the sentence(s) of the source.")})
        if self.source_id and self.quote and not quote_occurs_in(self.quote, self.source.text):
            raise ValidationError(
                {
                    "quote": _(
                        "This quote does not occur in the source's text (compared ignoring "
                        "case, white space and quote marks; mark omissions with “…”)."
                    )
                }
            )


def validate_reported_values(value, *, fact):
    """`reported_values` names fields of the cited row, or the row's kind (e.g. "pledge") for
    the row as a whole; dates are given in partial ISO form."""
    if not isinstance(value, dict):
        raise ValidationError({"reported_values": _('Give an object, e.g. {"signed_on": "2024"}.')})
    fields = {field.name: field for field in fact._meta.concrete_fields}
    whole_row = {fact._meta.model_name, fact._meta.verbose_name.replace(" ", "_")}
    for name, reported in value.items():
        if name not in fields and name not in whole_row:
            raise ValidationError(
                {
                    "reported_values": ValidationError(
                        _("“%(name)s” is not a field of the %(fact)s."),
                        params={"name": name, "fact": fact._meta.verbose_name},
                    )
                }
            )
        if isinstance(reported, bool) or not isinstance(reported, str | int) or reported == "":
            raise ValidationError(
                {
                    "reported_values": ValidationError(
                        _("Give the value reported for “%(name)s”."), params={"name": name}
                    )
                }
            )
        if isinstance(fields.get(name), PartialDateField):
            try:
                PartialDate.parse(str(reported))
            except ValueError as error:
                raise ValidationError({"reported_values": f"{name}: {error}"}) from None


@receiver(pre_save, sender=Source)
def fingerprint_source(sender, instance, **kwargs):
    # A signal rather than save(): loaddata's raw saves skip save() but still send pre_save,
    # so fixture rows get their fingerprint too.
    instance.fingerprint = content_fingerprint(instance.text)


class CandidateKind(models.TextChoices):
    COUNTRY = "country", _("country")
    PERSON = "person", _("person")
    DECLARATION = "declaration", _("declaration")
    DELEGATION = "delegation", _("delegation")
    AGREEMENT = "agreement", _("agreement")
    SIGNATORY = "signatory", _("declaration signatory")
    ROUND = "round", _("negotiation round")
    START = "start", _("negotiation start")
    PLACE = "place", _("agreement place")
    SIGNER = "signer", _("agreement signatory")
    TERM = "term", _("agreement term")
    PLEDGE = "pledge", _("pledge")


# The kind of row each kind of candidate proposes values for.
CANDIDATE_MODELS = {
    CandidateKind.COUNTRY: Country,
    CandidateKind.PERSON: Person,
    CandidateKind.DECLARATION: Declaration,
    CandidateKind.DELEGATION: Delegation,
    CandidateKind.AGREEMENT: Agreement,
    CandidateKind.SIGNATORY: DeclarationSignatory,
    CandidateKind.ROUND: NegotiationRound,
    CandidateKind.START: Agreement,
    CandidateKind.PLACE: Agreement,
    CandidateKind.SIGNER: AgreementSignatory,
    CandidateKind.TERM: Agreement,
    CandidateKind.PLEDGE: Pledge,
}


class CandidateStatus(models.TextChoices):
    PENDING = "pending", _("pending review")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class CandidateFactQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=CandidateStatus.PENDING)

    def in_review_order(self):
        """Older articles first, then as the article tells them: later news updates earlier."""
        return self.order_by(
            models.F("source__published_on").asc(nulls_last=True), "source_id", "position"
        )


class CandidateFact(models.Model):
    """A fact an import proposes, with the sentence it comes from, waiting for an editor.

    Candidates are separate rows: nothing of them reaches the public pages until an editor
    accepts one, which writes the fact and its `Citation` (see `agreements.importing.accept`).
    """

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="candidates", verbose_name=_("source")
    )
    position = models.PositiveIntegerField(
        _("position"), help_text=_("Order within the article's candidates.")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CandidateKind.choices)
    target = models.CharField(
        _("target"),
        max_length=200,
        help_text=_("The fact row it is about, by natural key (slug, ISO code …)."),
    )
    values = models.JSONField(_("values"), help_text=_("The field values the quote supports."))
    quote = models.TextField(_("quote"))
    supports = models.CharField(_("supports"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True, help_text=_("What was inferred, e.g. a year."))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CandidateStatus.choices,
        default=CandidateStatus.PENDING,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    citation = models.OneToOneField(
        Citation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidate",
        verbose_name=_("citation"),
        help_text=_("The citation written on acceptance."),
    )

    objects = CandidateFactQuerySet.as_manager()

    class Meta:
        ordering = ["source", "position"]
        verbose_name = _("candidate fact")
        verbose_name_plural = _("candidate facts")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "position"], name="one_candidate_per_source_position"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.target}: {self.summary}"

    @property
    def summary(self):
        """The proposed values, minus the ones that name the target, each under the label of
        the field it proposes (in the active language) where the fact has such a field."""
        naming = {"partner", "number", "slug", "iso2", "name", "declaration", "country", "title"}
        model = CANDIDATE_MODELS.get(self.kind)
        fields = {field.name: field for field in model._meta.concrete_fields} if model else {}
        parts = []
        for key, value in self.values.items():
            if key in naming or value is False:
                continue
            field = fields.get(key)
            words = str(field.verbose_name) if field else key.replace("_", " ")
            if field and field.choices:
                value = dict(field.flatchoices).get(value, value)
            parts.append(words.replace("is ", "") if value is True else f"{words}: {value}")
        return "; ".join(parts) or gettext("exists")

    def accept(self, user=None):
        """Write the fact and its citation; accepting twice changes nothing. Returns the fact.

        Thin on purpose: the write is `importing.accept.accept_candidate`, which imports these
        models. This is the one deliberate call from models.py into the importer, so the import
        happens here, when called, and the cycle is intended rather than accidental.
        """
        from .importing.accept import accept_candidate

        return accept_candidate(self, user)

    def reject(self, user=None):
        if self.status == CandidateStatus.ACCEPTED:
            raise ValidationError(
                _("This candidate was already accepted; edit or delete the fact instead.")
            )
        self.status = CandidateStatus.REJECTED
        self.reviewed_by = user
        self.reviewed_at = timezone.now()
        self.save(update_fields=["status", "reviewed_by", "reviewed_at"])
