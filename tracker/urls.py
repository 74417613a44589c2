from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from .health import healthz

# Not prefixed: the admin (its language is the editor's: the language cookie the switcher sets,
# else the browser's), the readiness probe and the print stylesheet, which hold no page text.
urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "print.css",
        TemplateView.as_view(template_name="print.css", content_type="text/css; charset=utf-8"),
        name="print-css",
    ),
]

# Every public page, the feed and the exports under /en/ and /uk/: each URL names its language,
# so a shared link, a cached page and a search engine all see one language per address. An
# unprefixed URL (/agreements/, links from before) redirects to the browser's language.
urlpatterns += i18n_patterns(path("", include("agreements.urls")), prefix_default_language=True)
