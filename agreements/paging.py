"""How long pages are cut: public lists a page at a time, an agreement's rounds a block at a time.

Pure Python (no database), so models, views and the feed can all link into a page.
"""

ROUNDS_PER_PAGE = 100  # the agreement page shows rounds 1–100, 101–200, … a block at a time


def round_url(agreement_url, number):
    """Link to round `number` on its agreement's page, on the block of rounds that holds it.

    >>> round_url("/agreements/us/", 101)
    '/agreements/us/?rounds=2#round-101'
    """
    block = (number - 1) // ROUNDS_PER_PAGE + 1
    return f"{agreement_url}{f'?rounds={block}' if block > 1 else ''}#round-{number}"


class ForgivingPaginationMixin:
    """For every paged list view: a page number past the end shows the last page, and a bad one
    the first (`Paginator.get_page`), instead of a 404; `page_range` is elided for the links."""

    query_parameters = ("page",)  # what the URL may carry (agreements.cache redirects the rest)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        if page is not None:
            context["page_range"] = page.paginator.get_elided_page_range(page.number)
        return context
