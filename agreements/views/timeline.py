"""The timeline: every event the sources report, by year and month, a page at a time."""

from django.views.generic import ListView

from ..forms import TimelineFilterForm
from ..paging import ForgivingPaginationMixin
from ..timeline import EventKeys, countries_with_events, event_key_kinds, events_for, group_events


class TimelineView(ForgivingPaginationMixin, ListView):
    """Every dated event by year and month, filterable by country and type; undated apart.

    Paged like every list, `paginate_by` events a page in chronological order, the undated ones
    on the last page(s): the events' keys are ordered and cut in the database (`EventKeys`), and
    only the page's events are read and built.
    """

    template_name = "agreements/timeline.html"
    context_object_name = "event_keys"
    paginate_by = 200
    query_parameters = ("country", "type", "page")

    def get_queryset(self):
        self.form = TimelineFilterForm(self.request.GET or None, countries=countries_with_events())
        self.filters = self.form.filters()
        return EventKeys(event_key_kinds(**self.filters))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years, undated = group_events(events_for(list(context["page_obj"].object_list)))
        return {
            **context,
            "form": self.form,
            "years": years,
            "undated": undated,
            "shown_count": context["paginator"].count,
            "undated_count": EventKeys(event_key_kinds(**self.filters, undated=True)).count(),
        }
