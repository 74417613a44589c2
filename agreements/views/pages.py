"""Detail pages, countries, the declaration, the timeline and the sources.

Every page reads its rows in a fixed number of queries: citations always come prefetched with
their source (`cited`), so listing the quote beside each fact costs one query per kind of fact.
"""

import re

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView, TemplateView

from ..models import (
    FACT_RELATIONS,
    ROUNDS_PER_PAGE,
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
    countries_with_events,
    event_keys,
    events_for,
    group_events,
    ordered,
)
from .paging import ForgivingPaginationMixin


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


def agreement_links():
    """Agreements as lists of partners show them: a link, the status and its dates."""
    return Agreement.objects.only(
        "slug", "partner", "status", "negotiations_started_on", "signed_on", "in_force_on"
    )


def home_country():
    return Country.objects.filter(is_home=True).first()


class AgreementDetailView(DetailView):
    """One agreement: its parties, status history, rounds and the quotes behind each fact.

    Rounds come a block of `ROUNDS_PER_PAGE` round numbers at a time (`?rounds=2` shows rounds
    101–200), so a link to a round (`round_url`) knows its block without asking the database.
    """

    template_name = "agreements/agreement_detail.html"

    def get_queryset(self):
        last_number = (
            NegotiationRound.objects.filter(agreement=OuterRef("pk"))
            .order_by("-number")
            .values("number")[:1]
        )
        return (
            cited(Agreement.objects.select_related("partner"))
            .annotate(last_round_number=Subquery(last_number))
            .prefetch_related(
                Prefetch(
                    "partner__declaration_signatures",
                    queryset=DeclarationSignatory.objects.select_related("declaration"),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        agreement = self.object
        blocks = Paginator(range(1, (agreement.last_round_number or 0) + 1), ROUNDS_PER_PAGE)
        block = blocks.get_page(self.request.GET.get("rounds"))
        numbers = block.object_list
        rounds = rounds_with_people()
        if numbers:
            rounds = rounds.filter(number__range=(numbers[0], numbers[-1]))
        prefetch_related_objects([agreement], Prefetch("rounds", queryset=rounds))
        links = []
        if blocks.num_pages > 1:
            for number in blocks.get_elided_page_range(block.number):
                if number == blocks.ELLIPSIS:
                    links.append(None)
                else:
                    first = (number - 1) * ROUNDS_PER_PAGE + 1
                    links.append((number, first, min(first + ROUNDS_PER_PAGE - 1, blocks.count)))
        return super().get_context_data(
            home=home_country(), round_block=block, round_blocks=links, **kwargs
        )


class CountryListView(ListView):
    """Every state as a table: G7 membership, its agreement with Ukraine, declaration role."""

    template_name = "agreements/country_list.html"
    queryset = Country.objects.prefetch_related(
        Prefetch("agreements", queryset=agreement_links()),
        Prefetch(
            "declaration_signatures",
            queryset=DeclarationSignatory.objects.select_related("declaration"),
        ),
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(declarations=Declaration.objects.all(), **kwargs)


class CountryDetailView(DetailView):
    """One state: its agreement(s) with Ukraine and their latest rounds, its declaration role.

    Each agreement shows its `LATEST_ROUNDS` latest rounds (the agreement page has them all), so
    the page stays the same size however long the negotiations run.
    """

    template_name = "agreements/country_detail.html"
    context_object_name = "country"
    LATEST_ROUNDS = 10

    def get(self, request, *args, **kwargs):
        iso2 = kwargs["iso2"]
        if re.fullmatch(r"[a-z]{2}|[A-Z][a-z]|[a-z][A-Z]", iso2):  # one page, one URL
            return redirect("country-detail", iso2=iso2.upper(), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        iso2 = self.kwargs["iso2"]
        if not re.fullmatch(r"[A-Za-z]{2}", iso2):
            raise Http404("A country is named by its two-letter ISO code, e.g. /countries/US/.")
        latest_rounds = NegotiationRound.objects.select_related("ukrainian_lead").order_by(
            "agreement", "-number"
        )[: self.LATEST_ROUNDS]
        queryset = cited(Country.objects.all()).prefetch_related(
            Prefetch(
                "agreements",
                queryset=cited(Agreement.objects.with_round_stats()).prefetch_related(
                    Prefetch("rounds", queryset=latest_rounds, to_attr="latest_rounds")
                ),
            ),
            Prefetch(
                "declaration_signatures",
                queryset=cited(DeclarationSignatory.objects.select_related("declaration")),
            ),
        )
        country = get_object_or_404(queryset, iso2=iso2.upper())
        for agreement in country.agreements.all():
            agreement.latest_rounds.reverse()  # in order, oldest of the latest first
        return country

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
        ).prefetch_related(Prefetch("country__agreements", queryset=agreement_links()))
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
            .select_related("partner")
            .only("slug", "partner__name"),
            **kwargs,
        )


class TimelineView(TemplateView):
    """Every dated event by year and month, filterable by country and type; undated apart.

    Paged, `EVENTS_PER_PAGE` events a page in chronological order, the undated ones on the last
    page(s): the events are ordered in the database and only the page's events are read.
    """

    template_name = "agreements/timeline.html"
    EVENTS_PER_PAGE = 200

    def get_context_data(self, **kwargs):
        form = TimelineFilterForm(self.request.GET or None, countries=countries_with_events())
        filters = form.filters()
        paginator = Paginator(ordered(event_keys(**filters)), self.EVENTS_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        years, undated = group_events(events_for(list(page.object_list)))
        return super().get_context_data(
            form=form,
            years=years,
            undated=undated,
            shown_count=paginator.count,
            undated_count=event_keys(**filters, undated=True).count(),
            paginator=paginator,
            page_obj=page,
            is_paginated=page.has_other_pages(),
            page_range=paginator.get_elided_page_range(page.number),
            **kwargs,
        )


class SourceListView(ForgivingPaginationMixin, ListView):
    """Every article the facts are quoted from, newest first, a page at a time.

    Only the columns shown are read (never the article text), and each source's citations are
    counted by a subquery, for the page's rows only.
    """

    template_name = "agreements/source_list.html"
    paginate_by = 50
    queryset = (
        Source.objects.cited()
        .only("title", "publisher", "published_on")
        .annotate(
            citation_count=Subquery(
                Citation.objects.filter(source=OuterRef("pk"))
                .order_by()
                .values("source")
                .annotate(n=Count("pk"))
                .values("n")
            )
        )
        .order_by("-published_on", "title", "pk")
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
