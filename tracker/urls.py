from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from .health import healthz

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path(
        "print.css",
        TemplateView.as_view(template_name="print.css", content_type="text/css; charset=utf-8"),
        name="print-css",
    ),
    path("", include("agreements.urls")),
]
