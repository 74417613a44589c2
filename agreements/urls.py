from django.urls import path

from .feeds import UpdatesFeed
from .views import agreements, countries, sources, timeline

urlpatterns = [
    path("", agreements.OverviewView.as_view(), name="overview"),
    path("agreements/", agreements.AgreementListView.as_view(), name="agreement-list"),
    path(
        "agreements/export.csv",
        agreements.AgreementCSVExportView.as_view(),
        name="agreement-export-csv",
    ),
    path(
        "agreements/export.json",
        agreements.AgreementJSONExportView.as_view(),
        name="agreement-export-json",
    ),
    path(
        "agreements/compare/",
        agreements.AgreementCompareView.as_view(),
        name="agreement-compare",
    ),
    path("feeds/updates/", UpdatesFeed(), name="feed-updates"),
    path(
        "agreements/<slug:slug>/", agreements.AgreementDetailView.as_view(), name="agreement-detail"
    ),
    path("countries/", countries.CountryListView.as_view(), name="country-list"),
    path("countries/<str:iso2>/", countries.CountryDetailView.as_view(), name="country-detail"),
    path("declaration/", countries.DeclarationRedirectView.as_view(), name="declaration"),
    path(
        "declarations/<slug:slug>/",
        countries.DeclarationDetailView.as_view(),
        name="declaration-detail",
    ),
    path("timeline/", timeline.TimelineView.as_view(), name="timeline"),
    path("sources/", sources.SourceListView.as_view(), name="source-list"),
    path("sources/<int:pk>/", sources.SourceDetailView.as_view(), name="source-detail"),
]
