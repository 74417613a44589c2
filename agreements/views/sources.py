"""The sources: every article the facts are quoted from, and one article with its quotes marked."""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from ..models import FACT_RELATIONS, Citation, Source, related_count
from ..paging import ForgivingPaginationMixin
from ..quotes import highlight_passages


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
        .annotate(citation_count=related_count(Citation.objects, "source"))
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
