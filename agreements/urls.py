from django.urls import path

from .feeds import UpdatesFeed
from .views import lists, pages

urlpatterns = [
    path("", lists.OverviewView.as_view(), name="overview"),
    path("agreements/", lists.AgreementListView.as_view(), name="agreement-list"),
    path(
        "agreements/export.csv",
        lists.AgreementCSVExportView.as_view(),
        name="agreement-export-csv",
    ),
    path(
        "agreements/export.json",
        lists.AgreementJSONExportView.as_view(),
        name="agreement-export-json",
    ),
    path("feeds/updates/", UpdatesFeed(), name="feed-updates"),
    path("agreements/<slug:slug>/", pages.AgreementDetailView.as_view(), name="agreement-detail"),
    path("countries/", pages.CountryListView.as_view(), name="country-list"),
    path("countries/<str:iso2>/", pages.CountryDetailView.as_view(), name="country-detail"),
    path(
        "declarations/<slug:slug>/",
        pages.DeclarationDetailView.as_view(),
        name="declaration-detail",
    ),
    path("timeline/", pages.TimelineView.as_view(), name="timeline"),
    path("sources/", pages.SourceListView.as_view(), name="source-list"),
    path("sources/<int:pk>/", pages.SourceDetailView.as_view(), name="source-detail"),
]
