"""The public pages, as path templates, shared by the benchmarks and the fuzz tests.

A template's `{placeholders}` are filled from the database (the agreement with the most rounds,
the partner with the most agreements, ...). Pages whose path does not resolve in this build are
skipped, so the list can name pages before they exist.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import Resolver404, resolve, reverse

from agreements.models import Agreement, Country, Declaration, Source


@dataclass(frozen=True)
class Page:
    label: str
    path: str  # may hold {agreement}, {country}, {declaration}, {source}
    query: str = ""
    params: tuple[str, ...] = field(default=())  # the query parameters the page reads


LIST_PARAMS = (
    "status",
    "partner",
    "membership",
    "signed_after",
    "signed_before",
    "q",
    "o",
    "page",
)

PAGES = [
    Page("overview", "/en/"),
    Page("agreement list", "/en/agreements/", params=LIST_PARAMS),
    Page(
        "agreement list, filtered",
        "/en/agreements/",
        "status=signed&status=in_force&signed_after=2023&o=-signed",
        LIST_PARAMS,
    ),
    Page("agreement list, search", "/en/agreements/", "q=security+cooperation", LIST_PARAMS),
    Page("agreement list, page 2", "/en/agreements/", "page=2", LIST_PARAMS),
    Page("agreements CSV", "/en/agreements/export.csv", params=LIST_PARAMS),
    Page("agreements JSON", "/en/agreements/export.json", params=LIST_PARAMS),
    Page("agreement, most rounds", "/en/agreements/{agreement}/"),
    Page("countries", "/en/countries/"),
    Page("country, most agreements", "/en/countries/{country}/"),
    Page("declaration", "/en/declarations/{declaration}/"),
    Page("timeline", "/en/timeline/", params=("country", "type", "page")),
    Page(
        "timeline, one country", "/en/timeline/", "country={country}", ("country", "type", "page")
    ),
    Page("sources", "/en/sources/", params=("page", "q")),
    Page("source, most cited", "/en/sources/{source}/"),
    Page("updates feed", "/en/feeds/updates/"),
    Page("readiness", "/healthz"),
]


def path_values():
    """Real values for the placeholders: the heaviest rows of each kind."""
    agreement = (
        Agreement.objects.annotate(n=Count("rounds")).order_by("-n", "pk").only("slug").first()
    )
    country = (
        Country.objects.annotate(n=Count("agreements")).order_by("-n", "pk").only("iso2").first()
    )
    declaration = Declaration.objects.order_by("pk").only("slug").first()
    source = Source.objects.annotate(n=Count("citations")).order_by("-n", "pk").only("pk").first()
    return {
        "agreement": agreement.slug if agreement else "none",
        "country": country.iso2 if country else "XX",
        "declaration": declaration.slug if declaration else "none",
        "source": source.pk if source else 0,
    }


def is_routed(path):
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def public_urls(values=None):
    """[(label, url)] of every page this build serves, with its query string."""
    values = values or path_values()
    urls = []
    for page in PAGES:
        path = page.path.format(**values)
        if is_routed(path):
            query = page.query.format(**values)
            urls.append((page.label, f"{path}?{query}" if query else path))
    return urls


def admin_changelists():
    """[(label, url)] of the admin's change lists of the tracker's models."""
    from django.contrib import admin

    return [
        (
            f"admin {model._meta.verbose_name_plural}",
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"),
        )
        for model in admin.site._registry
        if model._meta.app_label == "agreements"
    ]
