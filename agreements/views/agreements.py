"""The agreements: the overview, the list with its CSV and JSON exports, one agreement's page."""

import csv
import io
import json
import textwrap

from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.generic import DetailView, TemplateView, View
from django_filters.views import FilterView

from .. import charts, updates
from ..filters import AgreementFilter
from ..models import (
    Agreement,
    AgreementStatus,
    Country,
    Declaration,
    DeclarationSignatory,
    NegotiationRound,
)
from ..paging import ROUNDS_PER_PAGE, ForgivingPaginationMixin
from ..partial_dates import PartialDate

LATEST = 5
EXPORT_CHUNK_ROWS = 500  # rows read from the database at a time
EXPORT_CHUNK_BYTES = 64 * 1024  # text sent to the client at a time

# (sort parameter, column heading) in the order the table shows them.
COLUMNS = [
    ("partner", "Partner"),
    ("status", "Status"),
    ("started", "Negotiations started"),
    ("signed", "Signed"),
    ("rounds", "Rounds"),
    ("latest_round", "Latest round"),
    ("membership", "Declaration membership"),
]


class OverviewView(TemplateView):
    """The front page: counts by status, the latest rounds and status changes, the chart."""

    template_name = "agreements/overview.html"

    def get_context_data(self, **kwargs):
        counts = dict(
            Agreement.objects.order_by().values_list("status").annotate(count=Count("pk"))
        )
        return super().get_context_data(
            status_counts=[
                {"status": status, "label": status.label, "count": counts.get(status, 0)}
                for status in AgreementStatus
            ],
            total=sum(counts.values()),
            latest_rounds=NegotiationRound.objects.select_related("agreement__partner").order_by(
                F("date").desc(nulls_last=True), "-number", "pk"
            )[:LATEST],
            status_changes=updates.status_changes()[:LATEST],
            chart=charts.chart_for_overview(timezone.localdate()),
            declarations=Declaration.objects.all(),
            **kwargs,
        )


class AgreementListView(ForgivingPaginationMixin, FilterView):
    """Every agreement as a table, filtered, searched, sorted and paged by the query string.

    A bad filter value is shown as a form error and that filter is ignored. A page number past
    the end shows the last page, and one that is not a number the first (`Paginator.get_page`).
    """

    filterset_class = AgreementFilter
    template_name = "agreements/agreement_list.html"
    context_object_name = "agreements"
    paginate_by = 25
    strict = False

    def get_queryset(self):
        return AgreementFilter.base_queryset()

    def paginate_queryset(self, queryset, page_size):
        # The page is filtered, sorted and cut on primary keys alone, then only its rows are
        # read with their round statistics and membership: SQLite computes the subqueries of a
        # SELECT list for every row it sorts, not only for the rows LIMIT keeps.
        paginator, page, keys, is_paginated = super().paginate_queryset(
            queryset.values_list("pk", flat=True), page_size
        )
        keys = list(keys)
        rows = self.get_queryset().in_bulk(keys)  # the columns, without the filters again
        page.object_list = [rows[key] for key in keys if key in rows]
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        ordering = (getattr(form, "cleaned_data", None) or {}).get("o") or [""]
        current = ordering[0]
        context["columns"] = [
            {
                "key": key,
                "label": label,
                "sorted": {key: "ascending", f"-{key}": "descending"}.get(current),
                "next": f"-{key}" if current == key else key,
            }
            for key, label in COLUMNS
        ]
        return context


def export_rows(agreements, request):
    """One dict per agreement: dates as ISO text with their precision beside them."""
    for agreement in agreements:
        latest_round = PartialDate.coerce(agreement.latest_round_on)
        row = {
            "partner": agreement.partner.name,
            "partner_iso2": agreement.partner.iso2,
            "title": agreement.title,
            "status": agreement.status,
        }
        for name, date in [
            ("negotiations_started_on", agreement.negotiations_started_on),
            ("signed_on", agreement.signed_on),
            ("in_force_on", agreement.in_force_on),
            ("ended_on", agreement.ended_on),
            ("latest_round_on", latest_round),
        ]:
            row[name] = date.iso or None
            row[name.removesuffix("_on") + "_precision"] = date.precision.value
        row["round_count"] = agreement.round_count
        row["declaration_membership"] = agreement.membership or "none"
        row["url"] = request.build_absolute_uri(agreement.get_absolute_url())
        yield row


EXPORT_FIELDS = [
    "partner",
    "partner_iso2",
    "title",
    "status",
    "negotiations_started_on",
    "negotiations_started_precision",
    "signed_on",
    "signed_precision",
    "in_force_on",
    "in_force_precision",
    "ended_on",
    "ended_precision",
    "round_count",
    "latest_round_on",
    "latest_round_precision",
    "declaration_membership",
    "url",
]


class AgreementExportView(View):
    """The rows the list shows for the same query string, unpaged, for download.

    Streamed, a few hundred rows at a time as the database hands them over, so a request holds
    one chunk in memory however many rows match (bench/RESULTS.md, "Exports", has the figures
    that decided this over serving the whole file from the page cache). A shared cache in front
    (deploy/nginx-site.conf) keeps the finished file like any public page.

    Unlike the page, an export with a bad filter value answers 400 with the errors: a file
    silently holding other rows than asked for would mislead.
    """

    extension = ""
    content_type = ""

    def get(self, request):
        filterset = AgreementFilter(request.GET or None, request=request)
        if filterset.is_bound and not filterset.is_valid():
            return self.invalid(filterset.form.errors)
        agreements = filterset.qs
        rows = export_rows(agreements.iterator(chunk_size=EXPORT_CHUNK_ROWS), request)
        response = StreamingHttpResponse(
            self.chunks(agreements, rows), content_type=self.content_type
        )
        response["Content-Disposition"] = f'attachment; filename="agreements.{self.extension}"'
        return response


class AgreementCSVExportView(AgreementExportView):
    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def invalid(self, errors):
        lines = [f"{field}: {' '.join(messages)}" for field, messages in errors.items()]
        return HttpResponse(
            "Invalid filter\n" + "\n".join(lines) + "\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )

    def chunks(self, agreements, rows):
        buffer = io.StringIO()
        buffer.write("\ufeff")  # the byte order mark tells spreadsheet programs it is UTF-8
        writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            if buffer.tell() >= EXPORT_CHUNK_BYTES:
                yield take(buffer)
        yield take(buffer)


class AgreementJSONExportView(AgreementExportView):
    extension = "json"
    content_type = "application/json"

    def invalid(self, errors):
        return JsonResponse({"errors": errors.get_json_data()}, status=400)

    def chunks(self, agreements, rows):
        """{"count": …, "agreements": […]}, indented as `json.dumps(indent=2)` would."""
        buffer = io.StringIO()
        buffer.write(f'{{\n  "count": {agreements.count()},\n  "agreements": [')
        separator = "\n"
        for row in rows:
            text = json.dumps(row, ensure_ascii=False, indent=2)
            buffer.write(separator + textwrap.indent(text, "    "))
            separator = ",\n"
            if buffer.tell() >= EXPORT_CHUNK_BYTES:
                yield take(buffer)
        buffer.write("\n  ]\n}" if separator == ",\n" else "]\n}")
        yield take(buffer)


def take(buffer):
    """The text written to `buffer` so far; empties it."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def rounds_with_people():
    return NegotiationRound.objects.select_related(
        "ukrainian_lead", "delegation__lead", "delegation__appointed_by"
    ).with_citations()


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
            Agreement.objects.select_related("partner")
            .with_citations()
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
