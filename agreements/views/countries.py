"""The states: the country list, one country's page, and the declaration they signed or joined."""

import re

from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext
from django.views.generic import DetailView, ListView, RedirectView

from .. import names
from ..models import (
    Agreement,
    Country,
    Declaration,
    DeclarationSignatory,
    NegotiationRound,
    ParticipantCount,
    SignatoryRole,
)


def agreement_links():
    """Agreements as lists of partners show them: a link, the status and its dates."""
    return Agreement.objects.only(
        "slug", "partner", "status", "negotiations_started_on", "signed_on", "in_force_on"
    )


class CountryListView(ListView):
    """Every state as a table: G7 membership, its agreement with Ukraine, declaration role."""

    template_name = "agreements/country_list.html"
    context_object_name = "country_list"
    queryset = Country.objects.prefetch_related(
        Prefetch("agreements", queryset=agreement_links()),
        Prefetch(
            "declaration_signatures",
            queryset=DeclarationSignatory.objects.select_related("declaration"),
        ),
    )

    def get_queryset(self):
        # By the name the page shows, in its language's alphabetical order (the Ukrainian one
        # on /uk/); some 200 rows, read at once with their prefetches.
        return sorted(super().get_queryset(), key=lambda c: names.collation_key(c.local_name))

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
        # The rounds' order (numbered, then those without a number by date), from the end.
        latest_rounds = NegotiationRound.objects.select_related("ukrainian_lead").order_by(
            "agreement", F("number").desc(nulls_first=True), F("date_sort").desc()
        )[: self.LATEST_ROUNDS]
        queryset = Country.objects.with_citations().prefetch_related(
            Prefetch(
                "agreements",
                queryset=Agreement.objects.with_round_stats()
                .with_first_round_on()
                .with_citations()
                .prefetch_related(
                    Prefetch("rounds", queryset=latest_rounds, to_attr="latest_rounds")
                ),
            ),
            Prefetch(
                "declaration_signatures",
                queryset=DeclarationSignatory.objects.select_related(
                    "declaration"
                ).with_citations(),
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


def with_conflicts(counts):
    """The counts (in date order), each with `conflict`: why it disagrees with the others, or
    "". Participants do not leave, so a count below one reported for an earlier date, or a
    different count for the same date, means sources count differently."""
    counts = list(counts)
    for count in counts:
        others = [c for c in counts if c.as_of == count.as_of and c.value != count.value]
        higher_before = [
            c for c in counts if c.as_of.definitely_before(count.as_of) and c.value > count.value
        ]
        if others:
            values = (" " + gettext("and") + " ").join(str(c.value) for c in others)
            count.conflict = gettext("another source gives %(values)s for this date") % {
                "values": values
            }
        elif higher_before:
            top = max(higher_before, key=lambda c: c.value)
            count.conflict = gettext("fewer than the %(value)s reported as of %(date)s") % {
                "value": top.value,
                "date": top.as_of,
            }
        else:
            count.conflict = ""
    return counts


class DeclarationDetailView(DetailView):
    """The declaration: founding and later signatories, and which have a signed agreement."""

    template_name = "agreements/declaration_detail.html"

    def get_queryset(self):
        signatories = (
            DeclarationSignatory.objects.select_related("country")
            .order_by("country__name")
            .with_citations()
            .prefetch_related(Prefetch("country__agreements", queryset=agreement_links()))
        )
        return Declaration.objects.with_citations().prefetch_related(
            Prefetch("signatories", queryset=signatories),
            Prefetch("participant_counts", queryset=ParticipantCount.objects.with_citations()),
        )

    def get_context_data(self, **kwargs):
        signatories = list(self.object.signatories.all())
        return super().get_context_data(
            founding=[s for s in signatories if s.role == SignatoryRole.FOUNDING],
            joined=[s for s in signatories if s.role == SignatoryRole.JOINED],
            participant_counts=with_conflicts(self.object.participant_counts.all()),
            without_signed_agreement=[s for s in signatories if not s.country.has_signed_agreement],
            signed_not_signatories=Agreement.objects.signed()
            .exclude(partner__declaration_signatures__declaration=self.object)
            .select_related("partner")
            .only("slug", "partner__name"),
            **kwargs,
        )


class DeclarationRedirectView(RedirectView):
    """/declaration/, the navigation's link: the declaration the tracker follows (the earliest
    adopted, should there ever be more than one)."""

    def get_redirect_url(self, *args, **kwargs):
        declaration = Declaration.objects.order_by("adopted_on", "pk").first()
        if declaration is None:
            raise Http404("No declaration is recorded yet.")
        return declaration.get_absolute_url()
