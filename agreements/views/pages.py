from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from ..models import Agreement, Country, Declaration, Source


class AgreementDetailView(DetailView):
    """One agreement with its rounds."""

    queryset = Agreement.objects.select_related("partner")
    template_name = "agreements/agreement_detail.html"


class CountryListView(ListView):
    model = Country
    template_name = "agreements/country_list.html"


class CountryDetailView(DetailView):
    template_name = "agreements/country_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Country, iso2=self.kwargs["iso2"].upper())


class DeclarationDetailView(DetailView):
    model = Declaration
    template_name = "agreements/declaration_detail.html"


class TimelineView(TemplateView):
    template_name = "agreements/timeline.html"


class SourceListView(ListView):
    model = Source
    template_name = "agreements/source_list.html"


class SourceDetailView(DetailView):
    model = Source
    template_name = "agreements/source_detail.html"
