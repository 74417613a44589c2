"""The tracker's facts and the sources they come from.

Every fact row (an agreement, a round, a declaration signatory, ...) is backed by one or more
`Citation`s: a quoted passage of a `Source` article. Dates are `PartialDate`s, kept at the
precision the source gives.
"""

import hashlib
import itertools
import re
import uuid
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import lru_cache, reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Length, Upper
from django.db.models.lookups import Exact
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .partial_dates import PartialDate, PartialDateField


class NaturalKeyManager(models.Manager):
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


class FactModel(NaturalKeyModel):
    """A row that states facts: cited, and versioned so that no edit is silently lost."""

    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised on every save, so that two editors cannot overwrite each other.",
    )

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


class Country(NaturalKeyModel):
    """A state, by its ISO 3166-1 alpha-2 code. Ukraine is the home party of every agreement."""

    iso2 = models.CharField(
        "ISO code",
        max_length=2,
        unique=True,
        help_text="ISO 3166-1 alpha-2, upper case (e.g. US, GB).",
    )
    name = models.CharField(max_length=100, unique=True)
    is_g7 = models.BooleanField("G7 member", default=False)
    is_home = models.BooleanField(
        "home party",
        default=False,
        help_text="Ukraine: the one state that is party to every agreement tracked here.",
    )
    history = HistoricalRecords()

    natural_key_fields = ("iso2",)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
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
    def has_signed_agreement(self):
        """Whether Ukraine has signed an agreement with this state (prefetch `agreements`)."""
        return any(agreement.is_signed for agreement in self.agreements.all())

    def clean(self):
        self.iso2 = (self.iso2 or "").strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", self.iso2):
            raise ValidationError({"iso2": "Give the two-letter ISO 3166-1 code, e.g. US."})


class Person(NaturalKeyModel):
    """Someone the sources name, with the role they held at the time."""

    name = models.CharField(max_length=200, unique=True)
    role = models.CharField(max_length=300, blank=True, help_text="Title as the sources give it.")
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="people", null=True, blank=True
    )
    history = HistoricalRecords()

    natural_key_fields = ("name",)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name}, {self.role}" if self.role else self.name


class SourceQuerySet(models.QuerySet):
    def cited(self):
        """Sources that some fact cites: the public ones. An article imported but not yet
        reviewed has only candidate facts, and stays out of the public pages."""
        return self.filter(models.Exists(Citation.objects.filter(source=OuterRef("pk"))))


class Source(NaturalKeyModel):
    """A news article that facts are quoted from. `text` holds the article body only."""

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    publisher = models.CharField(
        max_length=200, blank=True, help_text="Leave empty when the article does not say."
    )
    url = models.URLField("URL", max_length=500, blank=True)
    published_on = PartialDateField("published")
    date_note = models.TextField(
        blank=True, help_text="How the publication date was established, when not printed."
    )
    language = models.CharField(max_length=8, default="en", help_text="BCP 47 code, e.g. en, uk.")
    text = models.TextField(help_text="The article's own text, without site navigation or footer.")
    notes = models.TextField(
        blank=True, help_text="Editorial notes, e.g. page text that was left out and why."
    )
    fingerprint = models.CharField(
        max_length=64,
        default="",
        editable=False,
        db_index=True,
        help_text="SHA-256 of the normalised text: finds an article imported twice.",
    )
    history = HistoricalRecords()

    objects = NaturalKeyManager.from_queryset(SourceQuerySet)()

    class Meta:
        ordering = ["-published_on", "title"]
        indexes = [models.Index(fields=["-published_on", "title"], name="source_newest_first")]

    def __str__(self):
        return f"{self.title} ({self.published_on})"

    def get_absolute_url(self):
        return reverse("source-detail", args=[self.pk])

    def find_quotes(self, citations):
        """{citation pk: the (start, end) spans of its quote in the text; [] if not found}."""
        return {citation.pk: quote_spans(citation.quote, self.text) for citation in citations}


QUOTE_FOLDING = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "•": " "}
)


def normalise_quote_text(text):
    """Fold typographic quotes, dashes, bullets and runs of white space for comparison."""
    return re.sub(r"\s+", " ", text.translate(QUOTE_FOLDING)).strip().casefold()


@lru_cache(maxsize=16)
def _folded_with_offsets(text):
    """`text` folded as `normalise_quote_text` does (unstripped), with each folded character's
    index in the original text. Cached: a source page looks up many quotes in one text."""
    folded, offsets = [], []
    for index, char in enumerate(text.translate(QUOTE_FOLDING)):
        if char.isspace():
            if folded and folded[-1] == " ":
                continue
            char = " "
        for piece in char.casefold():
            folded.append(piece)
            offsets.append(index)
    return "".join(folded), tuple(offsets)


def quote_parts(quote):
    """The normalised passages of a quote, split where it marks omissions with "…" or "..."."""
    parts = [normalise_quote_text(part) for part in re.split(r"…|\.\.\.", quote)]
    return [part.strip(" ,;:") for part in parts if part.strip(" ,;:")]


def quote_spans(quote, text):
    """Where `quote` occurs in `text`: one (start, end) character span of the original text per
    passage of the quote, in order; [] when it does not occur (compared as in
    `normalise_quote_text`)."""
    haystack, offsets = _folded_with_offsets(text)
    spans, position = [], 0
    parts = quote_parts(quote)
    for part in parts:
        found = haystack.find(part, position)
        if found < 0:
            return []
        position = found + len(part)
        spans.append((offsets[found], offsets[position - 1] + 1))
    return spans


def quote_occurs_in(quote, text):
    """True when each part of `quote` (split at "…" or "...") occurs in `text`, in order."""
    return bool(quote_spans(quote, text))


@dataclass
class TextPiece:
    """A run of text; `quoted_by` are the keys of the quotes covering it (empty: not quoted), and
    `anchors` those whose first passage starts here."""

    text: str
    quoted_by: list = dataclass_field(default_factory=list)
    anchors: list = dataclass_field(default_factory=list)

    @property
    def mark_ids(self):
        """One <mark> per quote starting here (each carrying its id), or one plain <mark>."""
        return self.anchors or [None]


def highlight_passages(text, spans_by_key):
    """Split `text` into paragraphs (at blank lines) of `TextPiece`s, cut wherever a quoted span
    (`spans_by_key`: key -> list of (start, end)) starts or ends; quotes may overlap."""
    cuts = {position for spans in spans_by_key.values() for span in spans for position in span}
    paragraphs, anchored, start = [], set(), 0
    bounds = [(m.start(), m.end()) for m in re.finditer(r"\n[ \t]*\n\s*", text)]
    for stop, next_start in [*bounds, (len(text), len(text))]:
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if stop > start:
            points = sorted({start, stop} | {c for c in cuts if start < c < stop})
            pieces = []
            for a, b in itertools.pairwise(points):
                quoted_by = [
                    key
                    for key, spans in spans_by_key.items()
                    if any(s <= a and b <= e for s, e in spans)
                ]
                anchors = [key for key in quoted_by if key not in anchored]
                anchored.update(anchors)
                pieces.append(TextPiece(text[a:b], quoted_by, anchors))
            paragraphs.append(pieces)
        start = next_start
    return paragraphs


class Declaration(FactModel):
    """A multilateral declaration, such as the G7 Joint Declaration of Support for Ukraine."""

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    adopted_on = PartialDateField("adopted")
    place = models.CharField(max_length=200, blank=True)
    occasion = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["adopted_on", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("declaration-detail", args=[self.slug])


class SignatoryRole(models.TextChoices):
    FOUNDING = "founding", "founding G7 signatory"
    JOINED = "joined", "joined later"


class DeclarationSignatoryQuerySet(models.QuerySet):
    def founding(self):
        return self.filter(role=SignatoryRole.FOUNDING)

    def joined_later(self):
        return self.filter(role=SignatoryRole.JOINED)


class DeclarationSignatory(FactModel):
    """A state that signed a declaration, or joined it later."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.PROTECT, related_name="signatories"
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="declaration_signatures"
    )
    role = models.CharField(max_length=10, choices=SignatoryRole.choices)
    joined_on = PartialDateField(
        "joined", help_text="When the state signed or joined; empty when the sources do not say."
    )
    history = HistoricalRecords()

    objects = NaturalKeyManager.from_queryset(DeclarationSignatoryQuerySet)()
    natural_key_fields = ("declaration__slug", "country__iso2")

    class Meta:
        ordering = ["declaration", "role", "joined_on", "country__name"]
        verbose_name_plural = "declaration signatories"
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "country"], name="one_signatory_row_per_country"
            ),
        ]

    def __str__(self):
        return f"{self.country} – {self.declaration} ({self.get_role_display()})"

    def get_absolute_url(self):
        return f"{self.declaration.get_absolute_url()}#signatory-{self.country.iso2}"

    def clean(self):
        errors = {}
        if self.country_id and self.country.is_home:
            errors["country"] = "Ukraine is the subject of the declaration, not a signatory."
        if self.declaration_id and self.joined_on.definitely_before(self.declaration.adopted_on):
            errors["joined_on"] = (
                f"A state cannot join before the declaration was adopted "
                f"({self.declaration.adopted_on})."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def reported_by(self):
        """The earliest publication date of a source citing this row, for undated joinings."""
        dates = [c.source.published_on for c in self.citations.all() if c.source.published_on]
        return min(dates) if dates else None


class Delegation(FactModel):
    """A negotiating team appointed by the Ukrainian side (e.g. by presidential decree)."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=300)
    appointed_on = PartialDateField("appointed")
    appointed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    lead = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="delegations_led", null=True, blank=True
    )
    mandate = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["appointed_on", "name"]

    def __str__(self):
        return self.name


class AgreementStatus(models.TextChoices):
    NEGOTIATING = "negotiating", "negotiating"
    SIGNED = "signed", "signed"
    IN_FORCE = "in_force", "in force"
    EXPIRED = "expired", "expired"


SIGNED_STATUSES = (AgreementStatus.SIGNED, AgreementStatus.IN_FORCE, AgreementStatus.EXPIRED)


@dataclass(frozen=True)
class StatusStep:
    """A step in an agreement's life (e.g. "signed") and its date, possibly unknown."""

    label: str
    date: PartialDate
    reported_by: PartialDate | None = None  # for an undated current status: when reported


class AgreementQuerySet(models.QuerySet):
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
        rounds = rounds.values("agreement")
        return self.annotate(
            round_count=Coalesce(Subquery(rounds.annotate(n=Count("pk")).values("n")), 0),
            latest_round_on=Subquery(rounds.annotate(latest=Max("date")).values("latest")),
        )

    def with_declaration_membership(self):
        """Annotate `membership`: the partner's declaration role ("founding", "joined") or None.

        A partner in several declarations counts by its strongest role (founding before joined).
        """
        roles = DeclarationSignatory.objects.filter(country=OuterRef("partner")).order_by("role")
        return self.annotate(membership=Subquery(roles.values("role")[:1]))


class Agreement(FactModel):
    """Ukraine's bilateral security agreement with one partner state."""

    slug = models.SlugField(max_length=100, unique=True)
    partner = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="agreements")
    title = models.CharField(max_length=300)
    status = models.CharField(
        max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.NEGOTIATING
    )
    negotiations_started_on = PartialDateField("negotiations started")
    signed_on = PartialDateField("signed")
    in_force_on = PartialDateField("entered into force")
    ended_on = PartialDateField("expired or ended")
    summary = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = NaturalKeyManager.from_queryset(AgreementQuerySet)()

    class Meta:
        ordering = ["partner__name"]
        indexes = [
            models.Index(fields=["status", "signed_on"], name="agreement_status_signed"),
            models.Index(fields=["signed_on"], name="agreement_signed_on"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreement-detail", args=[self.slug])

    @property
    def is_signed(self):
        return self.status in SIGNED_STATUSES

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
            # The current status is reported, its date is not: say by when it was reported.
            steps[-1] = StatusStep(last.label, last.date, self.status_reported_by)
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

    def next_round_number(self):
        """The number a newly reported round of these negotiations gets."""
        return (self.rounds.aggregate(last=Max("number"))["last"] or 0) + 1

    def clean(self):
        errors = {}
        if self.partner_id and self.partner.is_home:
            errors["partner"] = "The partner must be a state other than Ukraine."
        if not self.is_signed and self.signed_on:
            errors["signed_on"] = "An agreement still under negotiation has no signing date."
        if self.signed_on.definitely_before(self.negotiations_started_on):
            errors["signed_on"] = (
                f"Signed before negotiations started ({self.negotiations_started_on})."
            )
        if self.in_force_on and self.status not in (
            AgreementStatus.IN_FORCE,
            AgreementStatus.EXPIRED,
        ):
            errors["in_force_on"] = "Only an agreement in force (or expired) has this date."
        if self.in_force_on.definitely_before(self.signed_on):
            errors["in_force_on"] = f"In force before it was signed ({self.signed_on})."
        if self.ended_on and self.status != AgreementStatus.EXPIRED:
            errors["ended_on"] = "Only an expired agreement has an end date."
        if self.ended_on.definitely_before(self.in_force_on or self.signed_on):
            errors["ended_on"] = "Ended before it was signed or entered into force."
        if errors:
            raise ValidationError(errors)


ROUNDS_PER_PAGE = 100  # the agreement page shows rounds 1–100, 101–200, … a block at a time


def round_url(agreement_url, number):
    """Link to round `number` on its agreement's page, on the block of rounds that holds it."""
    block = (number - 1) // ROUNDS_PER_PAGE + 1
    return f"{agreement_url}{f'?rounds={block}' if block > 1 else ''}#round-{number}"


class NegotiationRound(FactModel):
    """One round of negotiations on an agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="1 for the first round; empty when the sources give no number.",
    )
    date = PartialDateField()
    date_note = models.CharField(
        max_length=300, blank=True, help_text="What the source says about the date, if vague."
    )
    place = models.CharField(max_length=200, blank=True)
    ukrainian_lead = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="rounds_led",
        null=True,
        blank=True,
        verbose_name="Ukrainian delegation lead",
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.PROTECT,
        related_name="rounds",
        null=True,
        blank=True,
        verbose_name="Ukrainian delegation",
    )
    partner_delegation = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    is_implied = models.BooleanField(
        "implied",
        default=False,
        help_text="Not reported itself: implied by the number of a later round.",
    )
    history = HistoricalRecords()

    natural_key_fields = ("agreement__slug", "number")

    class Meta:
        # Unnumbered rounds (the source gives no number) after the numbered ones, by date.
        ordering = ["agreement", models.F("number").asc(nulls_last=True), "date"]
        verbose_name = "negotiation round"
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"], name="unique_round_number_per_agreement"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="round_number_at_least_one"),
        ]
        indexes = [models.Index(fields=["date"], name="round_date")]

    def __str__(self):
        return f"{self.label} – {self.agreement}"

    def get_absolute_url(self):
        if self.number is None:
            return f"{self.agreement.get_absolute_url()}#rounds"
        return round_url(self.agreement.get_absolute_url(), self.number)

    @property
    def label(self):
        """ "Round 3", or "A round" when the sources give no number."""
        return "A round" if self.number is None else f"Round {self.number}"

    def clean(self):
        if not self.agreement_id:
            return
        errors = {}
        agreement = self.agreement
        if self.date.definitely_before(agreement.negotiations_started_on):
            errors["date"] = (
                f"This round is dated before negotiations started "
                f"({agreement.negotiations_started_on})."
            )
        elif self.date.definitely_after(agreement.signed_on):
            errors["date"] = (
                f"This round is dated after the agreement was signed ({agreement.signed_on})."
            )
        elif self.date and self.number:
            neighbours = agreement.rounds.exclude(pk=self.pk).exclude(date=None)
            earlier = neighbours.filter(number__lt=self.number)
            later = neighbours.filter(number__gt=self.number)
            if any(self.date.definitely_before(r.date) for r in earlier):
                errors["date"] = "This round is dated before a round with a lower number."
            elif any(self.date.definitely_after(r.date) for r in later):
                errors["date"] = "This round is dated after a round with a higher number."
        if errors:
            raise ValidationError(errors)


# The change reason of the first history record that `baseline_history` gives rows loaded by
# loaddata: a starting point for diffs, not an edit (the feed and the overview leave them out).
BASELINE_CHANGE_REASON = "Baseline: the row as loaded, before its first recorded edit."

FACT_FIELDS = ("country", "person", "declaration", "signatory", "delegation", "agreement", "round")
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


class Citation(NaturalKeyModel):
    """A quoted passage of a source that supports one fact row."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    quote = models.TextField(
        help_text="The supporting sentence(s), verbatim; join separate passages with “…”."
    )
    supports = models.CharField(
        max_length=100,
        blank=True,
        help_text="Which facts of the row the quote supports, e.g. “date, Ukrainian lead”.",
    )
    note = models.TextField(blank=True, help_text="How the fact follows from the quote.")

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="citations", null=True, blank=True
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="citations", null=True, blank=True
    )
    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="citations", null=True, blank=True
    )
    signatory = models.ForeignKey(
        DeclarationSignatory,
        on_delete=models.CASCADE,
        related_name="citations",
        null=True,
        blank=True,
    )
    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="citations", null=True, blank=True
    )
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="citations", null=True, blank=True
    )
    round = models.ForeignKey(
        NegotiationRound,
        on_delete=models.CASCADE,
        related_name="citations",
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    natural_key_fields = ("key",)

    class Meta:
        ordering = ["source", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of(FACT_FIELDS), name="citation_cites_exactly_one_fact"
            ),
        ]

    def __str__(self):
        quote = self.quote if len(self.quote) <= 60 else self.quote[:57] + "…"
        return f"“{quote}” ({self.source.title})"

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
            raise ValidationError("A citation supports exactly one fact: choose one.")
        if self.source_id and self.quote and not quote_occurs_in(self.quote, self.source.text):
            raise ValidationError(
                {
                    "quote": "This quote does not occur in the source's text (compared ignoring "
                    "case, white space and quote marks; mark omissions with “…”)."
                }
            )


def content_fingerprint(text):
    """SHA-256 of the text as quotes are compared: same article, same fingerprint."""
    return hashlib.sha256(normalise_quote_text(text).encode()).hexdigest()


@receiver(pre_save, sender=Source)
def fingerprint_source(sender, instance, **kwargs):
    # A signal rather than save(): loaddata's raw saves skip save() but still send pre_save,
    # so fixture rows get their fingerprint too.
    instance.fingerprint = content_fingerprint(instance.text)


class CandidateKind(models.TextChoices):
    COUNTRY = "country", "country"
    PERSON = "person", "person"
    DECLARATION = "declaration", "declaration"
    DELEGATION = "delegation", "delegation"
    AGREEMENT = "agreement", "agreement"
    SIGNATORY = "signatory", "declaration signatory"
    ROUND = "round", "negotiation round"
    START = "start", "negotiation start"
    PLACE = "place", "agreement place"
    SIGNER = "signer", "agreement signatory"
    TERM = "term", "agreement term"
    PLEDGE = "pledge", "pledge"


class CandidateStatus(models.TextChoices):
    PENDING = "pending", "pending review"
    ACCEPTED = "accepted", "accepted"
    REJECTED = "rejected", "rejected"


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

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="candidates")
    position = models.PositiveIntegerField(help_text="Order within the article's candidates.")
    kind = models.CharField(max_length=12, choices=CandidateKind.choices)
    target = models.CharField(
        max_length=200, help_text="The fact row it is about, by natural key (slug, ISO code …)."
    )
    values = models.JSONField(help_text="The field values the quote supports.")
    quote = models.TextField()
    supports = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True, help_text="What was inferred, e.g. a year.")
    status = models.CharField(
        max_length=10, choices=CandidateStatus.choices, default=CandidateStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    citation = models.OneToOneField(
        Citation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidate",
        help_text="The citation written on acceptance.",
    )

    objects = CandidateFactQuerySet.as_manager()

    class Meta:
        ordering = ["source", "position"]
        verbose_name = "candidate fact"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "position"], name="one_candidate_per_source_position"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.target}: {self.summary}"

    @property
    def summary(self):
        """The proposed values, minus the ones that name the target."""
        naming = {"partner", "number", "slug", "iso2", "name", "declaration", "country", "title"}
        parts = []
        for key, value in self.values.items():
            if key in naming or value is False:
                continue
            parts.append(key.replace("_", " ").replace("is ", "") if value is True else
                         f"{key.replace('_', ' ')}: {value}")  # fmt: skip
        return "; ".join(parts) or "exists"

    def accept(self, user=None):
        """Write the fact and its citation; accepting twice changes nothing. Returns the fact."""
        from .importing.accept import accept_candidate

        return accept_candidate(self, user)

    def reject(self, user=None):
        if self.status == CandidateStatus.ACCEPTED:
            raise ValidationError(
                "This candidate was already accepted; edit or delete the fact instead."
            )
        self.status = CandidateStatus.REJECTED
        self.reviewed_by = user
        self.reviewed_at = timezone.now()
        self.save(update_fields=["status", "reviewed_by", "reviewed_at"])
