"""Refuse a request body over its URL's limit before anything reads it.

Django reads a body when something first asks for `request.POST` (the CSRF check does, for any
POST): an upload larger than `FILE_UPLOAD_MAX_MEMORY_SIZE` is written to a temporary file
first. This middleware comes before that and answers 413 from the Content-Length header alone.
A body sent without Content-Length (chunked) is never read by Django at all.

The editors' article pages (import, a source's text in admin) accept
`settings.ARTICLE_REQUEST_BODY_LIMIT`, room for the documented 5 MB article and the form around
it; every other URL `settings.REQUEST_BODY_LIMIT`.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext

ARTICLE_URL_NAMES = {
    "agreements_candidatefact_import",
    "agreements_source_add",
    "agreements_source_change",
}


def megabytes(size):
    return f"{size / 1024 / 1024:g}"


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(
                gettext("Bad Content-Length header.") + "\n",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        limit = self.limit_for(request.resolver_match)
        if length <= limit:
            return None
        return HttpResponse(
            gettext(
                "Request body too large: this address accepts at most %(limit)s MB. Articles of "
                "up to %(article_limit)s MB are imported on the editors' Import article page."
            )
            % {"limit": megabytes(limit), "article_limit": megabytes(settings.ARTICLE_MAX_BYTES)}
            + "\n",
            status=413,
            content_type="text/plain; charset=utf-8",
        )

    @staticmethod
    def limit_for(match):
        if match is not None and match.url_name in ARTICLE_URL_NAMES:
            return settings.ARTICLE_REQUEST_BODY_LIMIT
        return settings.REQUEST_BODY_LIMIT
