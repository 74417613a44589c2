"""The agreements: the overview, the list with its CSV and JSON exports, one agreement's page."""

import csv
import io
import json
import textwrap

from django.core.paginator import Paginator
from django.db.models import (
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.views.generic import DetailView, TemplateView, View
from django_filters.views import FilterView

from .. import charts, reports, search, updates
from ..filters import LIST_COLUMNS, AgreementFilter
from ..models import (
    Agreement,
    AgreementSignatory,
    AgreementStatus,
    Citation,
    Country,
    Declaration,
    DeclarationSignatory,
    NegotiationRound,
    Pledge,
)
from ..paging import ROUNDS_PER_PAGE, ForgivingPaginationMixin
from ..partial_dates import PartialDate
from ..spreadsheets import spreadsheet_row

LATEST = 5
EXPORT_CHUNK_ROWS = 500  # rows read from the database at a time
EXPORT_CHUNK_BYTES = 64 * 1024  # text sent to the client at a time


class OverviewView(TemplateView):
    """The front page: counts by status, the latest rounds, signings and status changes, the
    chart."""

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
            latest_rounds=NegotiationRound.objects.cited()
            .select_related("agreement__partner")
            .order_by(F("date").desc(nulls_last=True), "-number", "pk")[:LATEST],
            latest_signings=Agreement.objects.cited()
            .exclude(signed_on=None)
            .select_related("partner")
            .order_by(F("signed_sort").desc(), "pk")[:LATEST],
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
    query_parameters = (*AgreementFilter.Meta.fields, "page")
    # Built once (ListView takes a copy per request): building its annotations took a tenth
    # of the uncached page's time.
    queryset = AgreementFilter.base_queryset().prefetch_related("pledges")

    def get(self, request, *args, **kwargs):
        try:
            with search.search_time_limit(Agreement.objects.db, request.GET.get("q")):
                return super().get(request, *args, **kwargs).render()
        except search.SearchTooBroad as error:
            return self.search_stopped(str(error))
        except search.SearchBusy as error:
            return self.search_busy(str(error))

    def search_busy(self, message):
        """A short page, cheap to send to every search beyond the bound (503, try again)."""
        response = TemplateResponse(
            self.request, "agreements/search_busy.html", {"message": message}, status=503
        )
        response["Retry-After"] = "5"
        patch_cache_control(response, no_store=True)
        return response

    def search_stopped(self, message, *, status=200):
        """The form with the search stopped, no rows; never stored by a cache (it may pass)."""
        self.filterset = self.get_filterset(self.get_filterset_class())
        self.filterset.is_valid()
        self.object_list = self.filterset.queryset.none()
        self.filterset.form.add_error("q", message)
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        response = self.render_to_response({**context, "search_stopped": True}, status=status)
        patch_cache_control(response, no_store=True)
        return response

    def paginate_queryset(self, queryset, page_size):
        # The page is filtered, sorted and cut on primary keys alone, then only its rows are
        # read with their round statistics and membership: SQLite computes the subqueries of a
        # SELECT list for every row it sorts, not only for the rows LIMIT keeps.
        paginator, page, keys, is_paginated = super().paginate_queryset(
            queryset.values_list("pk", flat=True), page_size
        )
        keys = list(keys)
        # The columns, without the filters again: the filter set's own unfiltered queryset.
        rows = self.filterset.queryset.in_bulk(keys)
        page.object_list = [rows[key] for key in keys if key in rows]
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        cleaned = getattr(form, "cleaned_data", None) or {}
        search.explain_matches(context["object_list"], cleaned.get("q"))
        ordering = cleaned.get("o") or [""]
        current = ordering[0]
        # What `{% querystring o=… page=None %}` gives, built once for the ten headings.
        query = self.request.GET.copy()
        query.pop("page", None)
        columns = []
        for column in LIST_COLUMNS:
            query["o"] = f"-{column.key}" if current == column.key else column.key
            columns.append(
                {
                    "key": column.key,
                    "label": column.heading,
                    "sorted": {column.key: "ascending", f"-{column.key}": "descending"}.get(
                        current
                    ),
                    "sort_url": f"?{query.urlencode()}" if column.field else None,
                }
            )
        context["columns"] = columns
        return context


def export_rows(agreements, request, language):
    """One dict per agreement: dates as ISO text with their precision beside them; the partner's
    name and the editors' texts in `language`, where the tracker has them, else in English."""
    for agreement in agreements:
        latest_round = PartialDate.coerce(agreement.latest_round_on)
        partner = agreement.partner
        row = {
            "partner": partner.name_in(language),
            "partner_iso2": partner.iso2,
            "title": agreement.local("title", language).text,
            "status": agreement.status,
        }
        for name, date in [
            ("negotiations_started_on", agreement.negotiations_started_on),
            ("signed_on", agreement.signed_on),
            ("ratified_on", agreement.ratified_on),
            ("in_force_on", agreement.in_force_on),
            ("ended_on", agreement.ended_on),
            ("latest_round_on", latest_round),
        ]:
            row[name] = date.iso or None
            row[name.removesuffix("_on") + "_precision"] = date.precision.value
        row.update(
            place=agreement.local("place", language).text or None,
            place_detail=agreement.local("place_detail", language).text or None,
            term_kind=agreement.term_kind or None,
            term_years=agreement.term_years,
            term_event=agreement.local("term_event", language).text or None,
            instrument=agreement.instrument or None,
            text_title=agreement.text_title or None,
            text_urls=list(agreement.text_urls),
            ordinal=agreement.ordinal,
            signatories=[
                {"name": s.person.name, "role": s.local("role", language).text, "side": s.side}
                for s in agreement.signatories.all()
            ],
            pledges=[
                {
                    "amount": plain_decimal(p.amount),
                    "currency": p.currency,
                    "period": p.period,
                    "purpose": p.local("purpose", language).text,
                }
                for p in agreement.pledges.all()
            ],
            pledge_totals=[
                {"currency": currency, "period": period, "total": plain_decimal(total)}
                for currency, period, total in agreement.pledge_totals
            ],
        )
        row["round_count"] = agreement.round_count
        row["declaration_membership"] = agreement.membership or "none"
        row["url"] = request.build_absolute_uri(agreement.get_absolute_url())
        yield row


# The export's columns, and the JSON's keys: stable identifiers in every language. The CSV's
# header row is each one's translation, so under /en/ the identifiers themselves.
EXPORT_HEADINGS = {
    "partner": pgettext_lazy("export column", "partner"),
    "partner_iso2": pgettext_lazy("export column", "partner_iso2"),
    "title": pgettext_lazy("export column", "title"),
    "status": pgettext_lazy("export column", "status"),
    "negotiations_started_on": pgettext_lazy("export column", "negotiations_started_on"),
    "negotiations_started_precision": pgettext_lazy(
        "export column", "negotiations_started_precision"
    ),
    "signed_on": pgettext_lazy("export column", "signed_on"),
    "signed_precision": pgettext_lazy("export column", "signed_precision"),
    "in_force_on": pgettext_lazy("export column", "in_force_on"),
    "in_force_precision": pgettext_lazy("export column", "in_force_precision"),
    "ended_on": pgettext_lazy("export column", "ended_on"),
    "ended_precision": pgettext_lazy("export column", "ended_precision"),
    "ratified_on": pgettext_lazy("export column", "ratified_on"),
    "ratified_precision": pgettext_lazy("export column", "ratified_precision"),
    "place": pgettext_lazy("export column", "place"),
    "place_detail": pgettext_lazy("export column", "place_detail"),
    "term_kind": pgettext_lazy("export column", "term_kind"),
    "term_years": pgettext_lazy("export column", "term_years"),
    "term_event": pgettext_lazy("export column", "term_event"),
    "instrument": pgettext_lazy("export column", "instrument"),
    "text_title": pgettext_lazy("export column", "text_title"),
    "text_urls": pgettext_lazy("export column", "text_urls"),
    "ordinal": pgettext_lazy("export column", "ordinal"),
    "signatories": pgettext_lazy("export column", "signatories"),
    "pledges": pgettext_lazy("export column", "pledges"),
    "pledge_totals": pgettext_lazy("export column", "pledge_totals"),
    "round_count": pgettext_lazy("export column", "round_count"),
    "latest_round_on": pgettext_lazy("export column", "latest_round_on"),
    "latest_round_precision": pgettext_lazy("export column", "latest_round_precision"),
    "declaration_membership": pgettext_lazy("export column", "declaration_membership"),
    "url": pgettext_lazy("export column", "url"),
}
EXPORT_FIELDS = list(EXPORT_HEADINGS)


class AgreementExportView(View):
    """The rows the list shows for the same query string, unpaged, for download.

    Streamed, a few hundred rows at a time as the database hands them over, so a request holds
    one chunk in memory however many rows match (bench/RESULTS.md, "Exports", has the figures
    that decided this over serving the whole file from the page cache). A shared cache in front
    (deploy/nginx-site.conf) keeps the finished file like any public page.

    Unlike the page, an export with a bad filter value answers 400 with the errors: a file
    silently holding other rows than asked for would mislead.
    """

    query_parameters = tuple(AgreementFilter.Meta.fields)
    extension = ""
    content_type = ""

    def get(self, request):
        filterset = AgreementFilter(request.GET or None, request=request)
        if filterset.is_bound and not filterset.is_valid():
            return self.invalid(filterset.form.errors)
        agreements = filterset.qs.prefetch_related(
            Prefetch("signatories", queryset=AgreementSignatory.objects.select_related("person")),
            "pledges",
        )
        # The rows are written as the response is sent, after this view has returned: each
        # takes its language from here, not from whatever is active then.
        self.language = language = get_language()
        query = request.GET.get("q")
        if query:
            # A search runs under its time limit and in its slot, which end with this block: its
            # rows are read here, then sent like any other export.
            try:
                with search.search_time_limit(Agreement.objects.db, query):
                    rows = list(export_rows(agreements, request, language))
            except (search.SearchTooBroad, search.SearchBusy) as error:
                filterset.form.add_error("q", str(error))
                response = self.invalid(filterset.form.errors)
                if isinstance(error, search.SearchBusy):
                    response.status_code = 503
                    response["Retry-After"] = "5"
                return response
            count = len(rows)
        else:
            rows = export_rows(agreements.iterator(chunk_size=EXPORT_CHUNK_ROWS), request, language)
            count = None
        response = StreamingHttpResponse(
            self.chunks(rows, count=lambda: agreements.count() if count is None else count),
            content_type=self.content_type,
        )
        response["Content-Disposition"] = f'attachment; filename="agreements.{self.extension}"'
        return response


# A CSV cell is read by people: a signatory's side and a missing role in the file's language.
SIGNATORY_SIDES = {
    "ukraine": pgettext_lazy("export: a signatory's side", "for Ukraine"),
    "partner": pgettext_lazy("export: a signatory's side", "for partner"),
}
ROLE_NOT_REPORTED = pgettext_lazy("export: a signatory's role", "role not reported")


def flat_row(row):
    """A row for one CSV line: lists and objects as readable text."""
    return {
        **row,
        "text_urls": " ".join(row["text_urls"]),
        "signatories": "; ".join(
            f"{s['name']} ({s['role'] or ROLE_NOT_REPORTED}; "
            f"{SIGNATORY_SIDES.get(s['side'], s['side'])})"
            for s in row["signatories"]
        ),
        "pledges": "; ".join(
            f"{p['currency']} {p['amount']}"
            + (f" ({p['period']})" if p["period"] else "")
            + (f": {p['purpose']}" if p["purpose"] else "")
            for p in row["pledges"]
        ),
        "pledge_totals": "; ".join(
            f"{t['currency']} {t['total']}" + (f" ({t['period']})" if t["period"] else "")
            for t in row["pledge_totals"]
        ),
    }


class AgreementCSVExportView(AgreementExportView):
    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def invalid(self, errors):
        lines = [f"{field}: {' '.join(messages)}" for field, messages in errors.items()]
        return HttpResponse(
            gettext("Invalid filter") + "\n" + "\n".join(lines) + "\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )

    def chunks(self, rows, count):
        buffer = io.StringIO()
        buffer.write("\ufeff")  # the byte order mark tells spreadsheet programs it is UTF-8
        writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS)
        with translation.override(self.language):
            writer.writerow({field: str(heading) for field, heading in EXPORT_HEADINGS.items()})
        # The JSON export stays exact; only the CSV, opened in spreadsheets, is neutralised.
        for row in rows:
            writer.writerow(spreadsheet_row(flat_row(row)))
            if buffer.tell() >= EXPORT_CHUNK_BYTES:
                yield take(buffer)
        yield take(buffer)


class AgreementJSONExportView(AgreementExportView):
    extension = "json"
    content_type = "application/json"

    def invalid(self, errors):
        return JsonResponse({"errors": errors.get_json_data()}, status=400)

    def chunks(self, rows, count):
        """{"count": …, "agreements": […]}, indented as `json.dumps(indent=2)` would; `count`
        gives the number of rows."""
        buffer = io.StringIO()
        buffer.write(f'{{\n  "count": {count()},\n  "agreements": [')
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


def contents_prefetches():
    """What an agreement's contents need: its signatories and pledges, each with citations."""
    cited = Citation.objects.select_related("source")
    return [
        Prefetch(
            "signatories",
            queryset=AgreementSignatory.objects.select_related("person").prefetch_related(
                Prefetch("citations", queryset=cited)
            ),
        ),
        Prefetch(
            "pledges",
            queryset=Pledge.objects.prefetch_related(Prefetch("citations", queryset=cited)),
        ),
    ]


# The facts of an agreement's contents: (key, the fields that make the fact).
CONTENT_FACTS = [
    ("started", ("negotiations_started_on",)),
    ("signed", ("signed_on",)),
    ("place", ("place", "place_detail")),
    ("title", ("text_title",)),
    ("ordinal", ("ordinal",)),
    ("term", ("term_kind", "term_years", "term_event", "term_text")),
    ("instrument", ("instrument",)),
    ("ratified", ("ratified_on",)),
    ("in_force", ("in_force_on",)),
    ("text", ("text_urls",)),
    ("status", ("status",)),
]


def agreement_contents(agreement):
    """{fact key: its FactSources}, plus the signatories' and pledges' (prefetched)."""
    citations = list(agreement.citations.all())
    contents = {
        key: reports.sources_for(agreement, *names, citations=citations)
        for key, names in CONTENT_FACTS
    }
    contents["signatories"] = [
        (
            signatory,
            reports.sources_for(
                signatory,
                resolution_key=f"signatory:{signatory.person.name}",
                resolutions=agreement.resolutions,
            ),
        )
        for signatory in agreement.signatories.all()
    ]
    contents["pledges"] = [
        (
            pledge,
            reports.sources_for(
                pledge,
                resolution_key=f"pledge:{pledge.position}",
                resolutions=agreement.resolutions,
            ),
        )
        for pledge in agreement.pledges.all()
    ]
    contents["totals"] = agreement.pledge_totals
    return contents


def plain_decimal(amount):
    """2500000000.00 as "2500000000", 1.50 as "1.5": exact, never in exponent notation."""
    return format(amount.normalize(), "f")


MAX_COMPARED = 6


def compared_codes(values):
    """The partner codes asked for (`?a=GB&a=DE`), upper case, each once, in the order given;
    anything that is not a two-letter code is ignored, and at most MAX_COMPARED are kept."""
    codes = [value.strip().upper() for value in values]
    codes = [code for code in codes if len(code) == 2 and code.isascii() and code.isalpha()]
    return list(dict.fromkeys(codes))[:MAX_COMPARED]


class AgreementCompareView(TemplateView):
    """Chosen agreements side by side, row by row, each cell with its sources.

    The URL names the partners (`/agreements/compare/?a=GB&a=DE`), so a comparison can be
    shared. Unknown or malformed codes are ignored; at most MAX_COMPARED columns are shown.
    """

    template_name = "agreements/agreement_compare.html"

    def get_context_data(self, **kwargs):
        codes = compared_codes(self.request.GET.getlist("a"))
        found = {
            agreement.partner.iso2: agreement
            for agreement in Agreement.objects.filter(partner__iso2__in=codes)
            .select_related("partner")
            .with_citations()
            .prefetch_related(*contents_prefetches())
            .order_by("partner__iso2", "pk")
        }
        agreements = [found[code] for code in codes if code in found]
        return super().get_context_data(
            columns=[(agreement, agreement_contents(agreement)) for agreement in agreements],
            ignored=[
                code for code in self.request.GET.getlist("a") if code.strip().upper() not in found
            ],
            max_compared=MAX_COMPARED,
            **kwargs,
        )


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
    query_parameters = ("rounds",)

    def get_queryset(self):
        last_number = (
            NegotiationRound.objects.filter(agreement=OuterRef("pk"), number__isnull=False)
            .order_by("-number")
            .values("number")[:1]
        )
        return (
            Agreement.objects.select_related("partner")
            .with_citations()
            .with_first_round_on()
            .annotate(last_round_number=Subquery(last_number))
            .prefetch_related(
                Prefetch(
                    "partner__declaration_signatures",
                    queryset=DeclarationSignatory.objects.select_related("declaration"),
                ),
                *contents_prefetches(),
            )
        )

    def get_context_data(self, **kwargs):
        agreement = self.object
        blocks = Paginator(range(1, (agreement.last_round_number or 0) + 1), ROUNDS_PER_PAGE)
        block = blocks.get_page(self.request.GET.get("rounds"))
        numbers = block.object_list
        rounds = rounds_with_people()
        if numbers:
            # Rounds without a number come after the numbered ones: on the last block.
            in_block = Q(number__range=(numbers[0], numbers[-1]))
            if not block.has_next():
                in_block |= Q(number=None)
            rounds = rounds.filter(in_block)
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
            home=home_country(),
            round_block=block,
            round_blocks=links,
            contents=agreement_contents(agreement),
            **kwargs,
        )
