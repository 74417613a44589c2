"""The facts' admin: fast data entry with citations, validation, history and edit conflicts.

Every curated row (facts, sources, citations, countries, people) carries a `version`: its
forms refuse to overwrite a row that another editor saved in the meantime (see
`agreements.forms.VersionedModelForm`). Every model keeps its history with old and new values.
"""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, Min, OuterRef
from django.db.models.functions import Substr
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..forms import (
    AgreementForm,
    CitationForm,
    CitedFactFormSet,
    CitedRoundForm,
    CitedRowForm,
    MarkSignedForm,
    NegotiationRoundForm,
    PersonForm,
    ResolutionsForm,
    SignedAgreementCitationFormSet,
    SourceForm,
    VersionedModelForm,
)
from ..importing.accept import mark_signed
from ..models import (
    FACT_FIELDS,
    FACT_RELATIONS,
    Agreement,
    AgreementSignatory,
    Citation,
    Country,
    Declaration,
    DeclarationSignatory,
    Delegation,
    EditConflict,
    FactModel,
    NegotiationRound,
    ParticipantCount,
    Person,
    Pledge,
    SignatoryRole,
    Source,
    related_count,
)
from ..partial_dates import PartialDate

# --- building blocks -------------------------------------------------------------------------


class VersionedFormMixin:
    """Puts the hidden `loaded_version` field into the form of a versioned fact row."""

    form = VersionedModelForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if "loaded_version" in flatten_fieldsets(fieldsets) or not self.has_change_permission(
            request, obj
        ):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "loaded_version"]}), *rest]


class VersionedAdmin(VersionedFormMixin, SimpleHistoryAdmin):
    """A curated row's admin: conflict-checked saves and a history page with the version column."""

    history_list_display = ["version"]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        # Rows added or edited inline (a round in its agreement) with a citation of their own.
        for row_form in formset.forms:
            citation = getattr(row_form, "cleaned_data", {}).get("cited_inline_citation")
            if citation and row_form not in formset.deleted_forms and row_form.instance.pk:
                row = row_form.instance
                cited_as = row._meta.get_field("citations").field.name
                Citation.objects.create(**citation, **{cited_as: row})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Someone saved between this form's validation and its save, and the transaction
            # was rolled back: validating again shows the editor the conflict in the form.
            return super().changeform_view(request, object_id, form_url, extra_context)


def year_filter(field_name):
    """A list filter by the year of a partial date (date_hierarchy needs exact dates)."""

    class YearFilter(admin.SimpleListFilter):
        title = _("year")
        parameter_name = f"{field_name}_year"

        def __init__(self, request, params, model, model_admin):
            super().__init__(request, params, model, model_admin)
            label = model._meta.get_field(field_name).verbose_name
            self.title = format_lazy("{} ({})", label, _("year"))

        def lookups(self, request, model_admin):
            years = (
                model_admin.model._default_manager.exclude(**{f"{field_name}__isnull": True})
                .annotate(year=Substr(field_name, 1, 4))
                .order_by("-year")
                .values_list("year", flat=True)
                .distinct()
            )
            return [(year, year) for year in years] + [("unknown", _("date unknown"))]

        def queryset(self, request, queryset):
            if self.value() == "unknown":
                return queryset.filter(**{f"{field_name}__isnull": True})
            if self.value() and self.value().isdigit():
                return queryset.filter(**{f"{field_name}__startswith": self.value()})
            return queryset

    return YearFilter


class PartnerDeclarationFilter(admin.SimpleListFilter):
    title = _("partner and the G7 declaration")
    parameter_name = "partner_declaration"

    def lookups(self, request, model_admin):
        return [*SignatoryRole.choices, ("none", _("not a signatory"))]

    def queryset(self, request, queryset):
        signatures = DeclarationSignatory.objects.filter(country=OuterRef("partner"))
        if self.value() in SignatoryRole.values:
            return queryset.filter(Exists(signatures.filter(role=self.value())))
        if self.value() == "none":
            return queryset.filter(~Exists(signatures))
        return queryset


class FactTypeFilter(admin.SimpleListFilter):
    title = _("kind of fact")
    parameter_name = "fact"

    def lookups(self, request, model_admin):
        return [(field, Citation._meta.get_field(field).verbose_name) for field in FACT_FIELDS]

    def queryset(self, request, queryset):
        if self.value() in FACT_FIELDS:
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


# --- inlines ---------------------------------------------------------------------------------


class CitationInline(VersionedFormMixin, admin.TabularInline):
    model = Citation
    form = CitationForm
    fields = ["source", "quote", "supports", "note", "reported_values"]
    autocomplete_fields = ["source"]
    extra = 1


class FactCitationInline(CitationInline):
    """A fact's citations: it keeps at least one (no public fact without its source)."""

    formset = CitedFactFormSet


class AgreementCitationInline(FactCitationInline):
    formset = SignedAgreementCitationFormSet


# A row added in its parent's page takes its citation in the same save.
INLINE_CITATION_FIELDS = ("citation_source", "citation_quote", "citation_supports", "citation_note")
# A round's fields in its own admin and inline under its agreement, each text beside its
# Ukrainian version.
ROUND_FIELDS = [
    ("number", "date", "is_implied"),
    ("date_note", "date_note_uk"),
    ("place", "place_uk"),
    ("ukrainian_lead", "delegation"),
    ("partner_delegation", "partner_delegation_uk"),
    ("summary", "summary_uk"),
]


class RoundInline(VersionedFormMixin, admin.StackedInline):
    model = NegotiationRound
    form = CitedRoundForm
    fields = [
        *ROUND_FIELDS,
        "citation_count",
        INLINE_CITATION_FIELDS,
    ]
    readonly_fields = ["citation_count"]
    autocomplete_fields = ["ukrainian_lead", "delegation"]
    # Numbered rounds, then those without a number by date, as the public page shows them.
    ordering = [F("number").asc(nulls_last=True), "date_sort"]
    extra = 1
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_count=Count("citations"))

    @admin.display(description=_("citations"))
    def citation_count(self, round_):
        if round_.pk is None:
            return gettext("A new round needs its citation: give its source and quote below.")
        url = reverse("admin:agreements_negotiationround_change", args=[round_.pk])
        count = gettext("%(count)s citation(s)") % {"count": round_.citation_count}
        return format_html('<a href="{}">{}</a>', url, count)


# An agreement's signatories and pledges are stacked, a few fields a line, like its rounds: as
# table rows with their citation's fields they were twice as wide as the form beside the sidebar.
class AgreementSignatoryInline(VersionedFormMixin, admin.StackedInline):
    model = AgreementSignatory
    form = CitedRowForm
    fields = [("person", "side"), ("role", "role_uk"), INLINE_CITATION_FIELDS]
    autocomplete_fields = ["person"]
    extra = 1
    show_change_link = True


class PledgeInline(VersionedFormMixin, admin.StackedInline):
    model = Pledge
    form = CitedRowForm
    fields = [
        ("position", "period"),
        ("amount", "currency"),
        ("purpose", "purpose_uk"),
        INLINE_CITATION_FIELDS,
    ]
    extra = 1
    show_change_link = True


class ParticipantCountInline(VersionedFormMixin, admin.TabularInline):
    model = ParticipantCount
    form = CitedRowForm
    fields = ["value", "as_of", *INLINE_CITATION_FIELDS]
    extra = 1
    show_change_link = True


class SignatoryInline(VersionedFormMixin, admin.TabularInline):
    model = DeclarationSignatory
    form = CitedRowForm
    fields = ["country", "role", "joined_on", *INLINE_CITATION_FIELDS]
    autocomplete_fields = ["country"]
    extra = 1
    show_change_link = True


# --- reference data --------------------------------------------------------------------------


@admin.register(Country)
class CountryAdmin(VersionedAdmin):
    list_display = ["name", "iso2", "kind", "is_g7", "is_home"]
    list_filter = ["kind", "is_g7", "is_home"]
    search_fields = ["name", "iso2"]
    inlines = [CitationInline]


@admin.register(Person)
class PersonAdmin(VersionedAdmin):
    form = PersonForm
    list_display = ["name", "aliases_shown", "role", "country"]
    list_filter = ["country"]
    search_fields = ["name", "aliases", "role", "role_uk"]
    fields = ["name", "aliases", ("role", "role_uk"), "country"]
    autocomplete_fields = ["country"]
    list_select_related = ["country"]
    inlines = [CitationInline]

    @admin.display(description=_("also spelled"))
    def aliases_shown(self, person):
        return "; ".join(person.aliases)


@admin.register(Source)
class SourceAdmin(VersionedAdmin):
    form = SourceForm
    list_display = ["title", "publisher", "published_on", "kind", "language", "citation_count"]
    list_filter = ["kind", "language", year_filter("published_on"), "publisher"]
    # As the model's: the citation count's GROUP BY would otherwise drop it (the autocomplete
    # view pages through this queryset).
    ordering = ["-published_on", "title"]
    search_fields = ["title", "publisher", "text"]
    prepopulated_fields = {"slug": ["title"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(citation_count=related_count(Citation.objects, "source"))
        )

    @admin.display(description=_("citations"), ordering="citation_count")
    def citation_count(self, source):
        return source.citation_count


@admin.register(Citation)
class CitationAdmin(VersionedAdmin):
    form = CitationForm
    list_display = ["short_quote", "source", "supported_fact", "supports"]
    # Not a filter by source: with thousands of sources that lists them all on every page.
    list_filter = [FactTypeFilter, "source__publisher"]
    # Newest first; the model's ordering (by source date) sorts the whole table through a join.
    ordering = ["-pk"]
    search_fields = ["quote", "supports", "note", "source__title"]
    autocomplete_fields = ["source", *FACT_FIELDS]
    list_select_related = ["source", *FACT_RELATIONS]
    fieldsets = [
        (None, {"fields": ["source", "quote", "supports", "note", "reported_values"]}),
        (
            _("The fact it supports (choose exactly one)"),
            {
                "fields": [
                    "agreement",
                    "agreement_signatory",
                    "pledge",
                    "round",
                    "signatory",
                    "declaration",
                    "participant_count",
                    "delegation",
                    "person",
                    "country",
                ]
            },
        ),
    ]

    def get_deleted_objects(self, objs, request):
        """Refuse (as Django refuses a protected row) to delete the last citations of a fact:
        the fact would be public without its source."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, perms_needed, [*protected, *self.facts_left_uncited(objs)]

    @staticmethod
    def facts_left_uncited(citations):
        citations = list(citations)
        deleted = {citation.pk for citation in citations}
        uncited = []
        for fact in dict.fromkeys(citation.fact for citation in citations):
            if isinstance(fact, FactModel) and not fact.citations.exclude(pk__in=deleted).exists():
                uncited.append(
                    gettext(
                        "%(kind)s “%(fact)s” — its only citation: a fact needs its source. Add "
                        "another citation first, or delete the fact."
                    )
                    % {"kind": str(fact._meta.verbose_name).capitalize(), "fact": fact}
                )
        return uncited

    @admin.display(description=_("quote or note"), ordering="quote")
    def short_quote(self, citation):
        return Truncator(citation.quote or citation.note).chars(90)

    @admin.display(description=_("supports the fact"))
    def supported_fact(self, citation):
        fact = citation.fact
        if fact is None:
            return None
        opts = fact._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[fact.pk])
        return format_html('<a href="{}">{}</a> ({})', url, fact, opts.verbose_name)


# --- facts -----------------------------------------------------------------------------------


@admin.register(Declaration)
class DeclarationAdmin(VersionedAdmin):
    list_display = ["title", "adopted_on", "place", "signatory_count"]
    search_fields = ["title", "title_uk", "place", "summary", "summary_uk"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SignatoryInline, ParticipantCountInline, FactCitationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(signatory_count=Count("signatories"))

    @admin.display(description=_("signatories"), ordering="signatory_count")
    def signatory_count(self, declaration):
        return declaration.signatory_count


@admin.register(DeclarationSignatory)
class DeclarationSignatoryAdmin(VersionedAdmin):
    form = ResolutionsForm
    list_display = ["country", "declaration", "role", "joined_on", "reported_on"]
    list_filter = ["role", "declaration", year_filter("joined_on")]
    search_fields = ["country__name", "country__iso2"]
    autocomplete_fields = ["country"]
    list_select_related = ["country", "declaration"]
    fields = ["declaration", "country", "role", "joined_on", "ordinal", "resolutions"]
    inlines = [FactCitationInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(earliest_report=Min("citations__source__published_on"))
        )

    @admin.display(description=_("reported by"), ordering="earliest_report")
    def reported_on(self, signatory):
        return signatory.earliest_report or None  # a PartialDate: Min keeps the field's type


@admin.register(Delegation)
class DelegationAdmin(VersionedAdmin):
    list_display = ["name", "appointed_on", "lead"]
    search_fields = ["name", "name_uk", "mandate", "mandate_uk"]
    autocomplete_fields = ["appointed_by", "lead"]
    list_select_related = ["lead"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FactCitationInline]


@admin.register(Agreement)
class AgreementAdmin(VersionedAdmin):
    form = AgreementForm
    list_display = ["title", "partner", "status", "signed_on", "round_count", "latest_round"]
    list_filter = ["status", "partner__is_g7", PartnerDeclarationFilter, year_filter("signed_on")]
    search_fields = ["title", "title_uk", "partner__name", "partner__iso2", "summary", "summary_uk"]
    autocomplete_fields = ["partner"]
    list_select_related = ["partner"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["rounds_overview"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "partner",
                    ("title", "title_uk"),
                    "slug",
                    "status",
                    ("summary", "summary_uk"),
                    "ordinal",
                ]
            },
        ),
        (
            _("Dates"),
            {
                "fields": [
                    ("negotiations_started_on", "signed_on"),
                    ("ratified_on", "in_force_on", "ended_on"),
                ]
            },
        ),
        (_("Signing"), {"fields": [("place", "place_detail"), ("place_uk", "place_detail_uk")]}),
        (
            _("Term"),
            {
                "fields": [
                    ("term_kind", "term_years"),
                    ("term_event", "term_event_uk"),
                    "term_text",
                ]
            },
        ),
        (_("Instrument and text"), {"fields": ["instrument", "text_title", "text_urls"]}),
        (_("Conflicting reports"), {"fields": ["resolutions"]}),
        (_("Rounds"), {"fields": ["rounds_overview"]}),
    ]
    inlines = [AgreementSignatoryInline, PledgeInline, RoundInline, AgreementCitationInline]
    actions = ["mark_signed"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_round_stats()

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, RoundInline):
            next_number = obj.next_round_number() if obj.pk else 1
            kwargs["initial"] = [{"number": next_number}]
        elif isinstance(inline, PledgeInline) and obj.pk:
            kwargs["initial"] = [{"position": obj.next_pledge_position()}]
        return kwargs

    @admin.display(description=_("rounds"), ordering="round_count")
    def round_count(self, agreement):
        return agreement.round_count

    @admin.display(description=_("latest round"), ordering="latest_round_on")
    def latest_round(self, agreement):
        # The annotation is a subquery: its value comes back as ISO text, not a PartialDate.
        return PartialDate.coerce(agreement.latest_round_on) if agreement.round_count else None

    @admin.display(description=_("rounds and their sources"))
    def rounds_overview(self, agreement):
        if agreement.pk is None:
            return gettext("Save the agreement first; then add its rounds with their sources.")
        url = reverse("admin:agreements_negotiationround_add") + f"?agreement={agreement.pk}"
        return format_html(
            '{} <a href="{}" class="addlink">{}</a>',
            gettext("%(count)s round(s) recorded.") % {"count": agreement.rounds.count()},
            url,
            gettext("Add round %(number)s with its source")
            % {"number": agreement.next_round_number()},
        )

    @admin.action(
        description=_("Mark signed, with the date and a citation"), permissions=["change"]
    )
    def mark_signed(self, request, queryset):
        agreements = list(queryset.select_related("partner"))
        signed = [agreement for agreement in agreements if agreement.is_signed]
        pending = [agreement for agreement in agreements if not agreement.is_signed]
        if signed:
            self.message_user(
                request,
                gettext("Already signed, left as they are: %(agreements)s")
                % {"agreements": ", ".join(map(str, signed))},
                messages.WARNING,
            )
        if not pending:
            return None
        form = MarkSignedForm(
            request.POST if "apply" in request.POST else None, admin_site=self.admin_site
        )
        if form.is_valid() and self.sign(form, pending):
            for agreement in pending:
                self.log_change(request, agreement, "Marked signed, with a citation.")
            self.message_user(
                request,
                gettext("Marked signed (%(date)s), each with a citation: %(agreements)s")
                % {
                    "date": form.cleaned_data["signed_on"],
                    "agreements": ", ".join(map(str, pending)),
                },
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/agreements/agreement/mark_signed.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("Mark agreements signed"),
                "opts": self.model._meta,
                "agreements": pending,
                "form": form,
                "media": self.media + form.media,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )

    @staticmethod
    def sign(form, agreements):
        """Write what `form` validated; False, with the reasons as its errors, if refused."""
        try:
            mark_signed(agreements, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return False
        return True


@admin.register(NegotiationRound)
class NegotiationRoundAdmin(VersionedAdmin):
    form = NegotiationRoundForm
    list_display = [
        "agreement",
        "number",
        "date",
        "place",
        "ukrainian_lead",
        "is_implied",
        "citation_count",
    ]
    list_filter = ["agreement__status", "is_implied", year_filter("date"), "agreement__partner"]
    search_fields = [
        "agreement__title",
        "agreement__partner__name",
        "summary",
        "summary_uk",
        "place",
        "place_uk",
    ]
    autocomplete_fields = ["agreement", "ukrainian_lead", "delegation"]
    list_select_related = ["agreement", "ukrainian_lead"]
    fields = ["agreement", *ROUND_FIELDS]
    inlines = [FactCitationInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(citation_count=related_count(Citation.objects, "round"))
        )

    @admin.display(description=_("citations"), ordering="citation_count")
    def citation_count(self, round_):
        return round_.citation_count


@admin.register(AgreementSignatory)
class AgreementSignatoryAdmin(VersionedAdmin):
    list_display = ["person", "agreement", "side", "role"]
    list_filter = ["side"]
    search_fields = [
        "person__name",
        "role",
        "role_uk",
        "agreement__title",
        "agreement__partner__name",
    ]
    autocomplete_fields = ["agreement", "person"]
    list_select_related = ["person", "agreement"]
    fields = ["agreement", "person", "side", ("role", "role_uk")]
    inlines = [FactCitationInline]


@admin.register(Pledge)
class PledgeAdmin(VersionedAdmin):
    list_display = ["agreement", "position", "amount", "currency", "period", "purpose"]
    list_filter = ["currency"]
    search_fields = ["agreement__title", "agreement__partner__name", "purpose", "purpose_uk"]
    autocomplete_fields = ["agreement"]
    list_select_related = ["agreement"]
    fields = ["agreement", "position", ("amount", "currency"), "period", ("purpose", "purpose_uk")]
    inlines = [FactCitationInline]


@admin.register(ParticipantCount)
class ParticipantCountAdmin(VersionedAdmin):
    list_display = ["declaration", "value", "as_of"]
    search_fields = ["declaration__title"]
    list_select_related = ["declaration"]
    fields = ["declaration", "value", "as_of"]
    inlines = [FactCitationInline]
