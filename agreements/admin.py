from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Agreement,
    Citation,
    Country,
    Declaration,
    DeclarationSignatory,
    Delegation,
    NegotiationRound,
    Person,
    Source,
)


class CitationInline(admin.TabularInline):
    model = Citation
    fields = ["source", "quote", "supports", "note"]
    autocomplete_fields = ["source"]
    extra = 0


class RoundInline(admin.StackedInline):
    model = NegotiationRound
    fields = [
        ("number", "date", "is_implied"),
        "date_note",
        ("place", "ukrainian_lead", "delegation"),
        "partner_delegation",
        "summary",
    ]
    autocomplete_fields = ["ukrainian_lead", "delegation"]
    ordering = ["number"]
    extra = 0


class SignatoryInline(admin.TabularInline):
    model = DeclarationSignatory
    fields = ["country", "role", "joined_on"]
    autocomplete_fields = ["country"]
    extra = 0


@admin.register(Country)
class CountryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "iso2", "is_g7", "is_home"]
    list_filter = ["is_g7", "is_home"]
    search_fields = ["name", "iso2"]
    inlines = [CitationInline]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "role", "country"]
    list_filter = ["country"]
    search_fields = ["name", "role"]
    autocomplete_fields = ["country"]
    inlines = [CitationInline]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "publisher", "published_on", "language"]
    list_filter = ["language", "publisher"]
    search_fields = ["title", "publisher", "text"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Declaration)
class DeclarationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "adopted_on", "place"]
    search_fields = ["title", "place", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SignatoryInline, CitationInline]


@admin.register(DeclarationSignatory)
class DeclarationSignatoryAdmin(SimpleHistoryAdmin):
    list_display = ["country", "declaration", "role", "joined_on"]
    list_filter = ["role", "declaration"]
    search_fields = ["country__name", "country__iso2"]
    autocomplete_fields = ["country"]
    list_select_related = ["country", "declaration"]
    inlines = [CitationInline]


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "appointed_on", "lead"]
    search_fields = ["name", "mandate"]
    autocomplete_fields = ["appointed_by", "lead"]
    list_select_related = ["lead"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CitationInline]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partner", "status", "signed_on", "round_count"]
    list_filter = ["status", "partner__is_g7"]
    search_fields = ["title", "partner__name", "partner__iso2", "summary"]
    autocomplete_fields = ["partner"]
    list_select_related = ["partner"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [RoundInline, CitationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_round_stats()

    @admin.display(description="rounds", ordering="round_count")
    def round_count(self, agreement):
        return agreement.round_count


@admin.register(NegotiationRound)
class NegotiationRoundAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "number", "date", "ukrainian_lead", "is_implied"]
    list_filter = ["is_implied", "agreement__partner"]
    search_fields = ["agreement__title", "agreement__partner__name", "summary", "place"]
    autocomplete_fields = ["agreement", "ukrainian_lead", "delegation"]
    list_select_related = ["agreement", "ukrainian_lead"]
    inlines = [CitationInline]


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "source", "supports", "fact"]
    # Not a filter by source: with thousands of sources that lists them all on every page.
    list_filter = ["source__publisher"]
    # Newest first; the model's ordering (by source date) sorts the whole table through a join.
    ordering = ["-pk"]
    search_fields = ["quote", "supports", "note", "source__title"]
    autocomplete_fields = ["source", "agreement", "round", "signatory", "declaration"]
    list_select_related = [
        "source",
        "country",
        "person",
        "declaration",
        "signatory__country",
        "signatory__declaration",
        "delegation",
        "agreement",
        "round__agreement",
    ]
    fieldsets = [
        (None, {"fields": ["source", "quote", "supports", "note"]}),
        (
            "The fact it supports (choose exactly one)",
            {
                "fields": [
                    "agreement",
                    "round",
                    "signatory",
                    "declaration",
                    "delegation",
                    "person",
                    "country",
                ]
            },
        ),
    ]
