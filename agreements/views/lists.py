from django.views.generic import ListView

from ..models import Agreement


class OverviewView(ListView):
    """The front page: every agreement with its status, signing date and round count."""

    template_name = "agreements/overview.html"
    context_object_name = "agreements"

    def get_queryset(self):
        return Agreement.objects.with_round_stats().select_related("partner")


class AgreementListView(ListView):
    """Every agreement, as a table."""

    template_name = "agreements/agreement_list.html"
    context_object_name = "agreements"

    def get_queryset(self):
        return Agreement.objects.with_round_stats().select_related("partner")
