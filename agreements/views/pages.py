"""Detail pages, countries, the declaration, the timeline and the sources.

Every page reads its rows in a fixed number of queries: citations always come prefetched with
their source (`cited`), so listing the quote beside each fact costs one query per kind of fact.
"""

import re

from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView, TemplateView

from ..models import (
    FACT_RELATIONS,
    Agreement,
    Citation,
    Country,
    Declaration,
    DeclarationSignatory,
    NegotiationRound,
    SignatoryRole,
    Source,
    highlight_passages,
)
from ..timeline import (
    TimelineFilterForm,
    build_events,
    countries_of,
    filter_events,
    group_events,
)


def cited(queryset):
    """`queryset` with each row's citations and their sources prefetched."""
    return queryset.prefetch_related(
        Prefetch("citations", queryset=Citation.objects.select_related("source"))
    )


def rounds_with_people():
    return cited(
        NegotiationRound.objects.select_related(
            "ukrainian_lead", "delegation__lead", "delegation__appointed_by"
        )
    )


def home_country():
    return Country.objects.filter(is_home=True).first()


class AgreementDetailView(DetailView):
    """One agreement: its parties, status history, rounds and the quotes behind each fact."""

    template_name = "agreements/agreement_detail.html"

    def get_queryset(self):
        return cited(Agreement.objects.select_related("partner")).prefetch_related(
            Prefetch("rounds", queryset=rounds_with_people()),
            Prefetch(
                "partner__declaration_signatures",
                queryset=DeclarationSignatory.objects.select_related("declaration"),
            ),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(home=home_country(), **kwargs)


class CountryListView(ListView):
    """Every state as a table: G7 membership, its agreement with Ukraine, declaration role."""

    template_name = "agreements/country_list.html"
    queryset = Country.objects.prefetch_related(
        "agreements",
        Prefetch(
            "declaration_signatures",
            queryset=DeclarationSignatory.objects.select_related("declaration"),
        ),
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(declarations=Declaration.objects.all(), **kwargs)


class CountryDetailView(DetailView):
    """One state: its agreement(s) with Ukraine and their rounds, its declaration role."""

    template_name = "agreements/country_detail.html"
    context_object_name = "country"

    def get(self, request, *args, **kwargs):
        iso2 = kwargs["iso2"]
        if re.fullmatch(r"[a-z]{2}|[A-Z][a-z]|[a-z][A-Z]", iso2):  # one page, one URL
            return redirect("country-detail", iso2=iso2.upper(), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        iso2 = self.kwargs["iso2"]
        if not re.fullmatch(r"[A-Za-z]{2}", iso2):
            raise Http404("A country is named by its two-letter ISO code, e.g. /countries/US/.")
        queryset = cited(Country.objects.all()).prefetch_related(
            Prefetch(
                "agreements",
                queryset=cited(Agreement.objects.all()).prefetch_related(
                    Prefetch("rounds", queryset=rounds_with_people())
                ),
            ),
            Prefetch(
                "declaration_signatures",
                queryset=cited(DeclarationSignatory.objects.select_related("declaration")),
            ),
        )
        return get_object_or_404(queryset, iso2=iso2.upper())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.is_home:
            context["all_agreements"] = Agreement.objects.select_related(
                "partner"
            ).with_round_stats()
        return context


class DeclarationDetailView(DetailView):
    """The declaration: founding and later signatories, and which have a signed agreement."""

    template_name = "agreements/declaration_detail.html"

    def get_queryset(self):
        signatories = cited(
            DeclarationSignatory.objects.select_related("country").order_by("country__name")
        ).prefetch_related("country__agreements")
        return cited(Declaration.objects.all()).prefetch_related(
            Prefetch("signatories", queryset=signatories)
        )

    def get_context_data(self, **kwargs):
        signatories = list(self.object.signatories.all())
        return super().get_context_data(
            founding=[s for s in signatories if s.role == SignatoryRole.FOUNDING],
            joined=[s for s in signatories if s.role == SignatoryRole.JOINED],
            without_signed_agreement=[s for s in signatories if not s.country.has_signed_agreement],
            signed_not_signatories=Agreement.objects.signed()
            .exclude(partner__declaration_signatures__declaration=self.object)
            .select_related("partner"),
            **kwargs,
        )


class TimelineView(TemplateView):
    """Every dated event by year and month, filterable by country and type; undated apart."""

    template_name = "agreements/timeline.html"

    def get_context_data(self, **kwargs):
        events = build_events()
        form = TimelineFilterForm(self.request.GET or None, countries=countries_of(events))
        shown = filter_events(events, **form.filters())
        years, undated = group_events(shown)
        return super().get_context_data(
            form=form, years=years, undated=undated, shown_count=len(shown), **kwargs
        )


class SourceListView(ListView):
    """Every article the facts are quoted from."""

    template_name = "agreements/source_list.html"
    queryset = (
        Source.objects.cited()
        .annotate(citation_count=Count("citations"))
        .order_by("-published_on", "title")
    )


class SourceDetailView(DetailView):
    """One article, with the facts that cite it and each quote marked in its text."""

    template_name = "agreements/source_detail.html"
    queryset = Source.objects.cited().prefetch_related(
        Prefetch(
            "citations",
            queryset=Citation.objects.select_related(*FACT_RELATIONS),
        )
    )

    def get_context_data(self, **kwargs):
        citations = list(self.object.citations.all())
        spans = self.object.find_quotes(citations)
        in_text_order = sorted(citations, key=lambda c: (not spans[c.pk], spans[c.pk][:1], c.pk))
        return super().get_context_data(
            paragraphs=highlight_passages(self.object.text, spans),
            cited_facts=[(citation, bool(spans[citation.pk])) for citation in in_text_order],
            **kwargs,
        )
