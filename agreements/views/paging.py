"""How public lists page: one rule for every paginated list view."""


class ForgivingPaginationMixin:
    """A page number past the end shows the last page, and a bad one the first
    (`Paginator.get_page`), instead of a 404; `page_range` is elided for the page links."""

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
