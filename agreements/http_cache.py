"""HTTP validators and Cache-Control, so that browsers and a shared cache (nginx, see deploy/)
can keep the public pages and ask cheaply whether they are still current.

An anonymous GET or HEAD of a public page (`settings.PAGE_CACHE_VIEWS`) is answered with

- `ETag`: a digest of the page cache's data version token (agreements/cache.py), the code
  version, today's date (the overview's chart moves with it) and the page's absolute URL.
  It is known before the page is rendered, so a conditional request that still holds it gets
  `304 Not Modified` without the view running.
- `Last-Modified`: when the current data version was first seen by any process (recorded in
  the shared cache on first sight), or midnight if later: never earlier than the last edit.
- `Cache-Control: public, max-age=0, s-maxage=N, stale-while-revalidate=M`: a shared cache may
  serve the page for N seconds (`PROXY_CACHE_SECONDS`) and then, for M more seconds, serve the
  copy it has while it revalidates; a browser revalidates on every visit (a cheap 304).

Every response to a logged-in user (an editor) is `private, no-cache`: no shared cache keeps
it and the browser asks again each time.
"""

import datetime
import hashlib
import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language

from .cache import PublicPageCacheMiddleware, data_version

logger = logging.getLogger(__name__)

SEEN_KEY = "agreements:data-version-seen:{}"
# A version's first sighting is kept this long; if it is lost, the next sighting counts, which
# only makes Last-Modified later (a refetch), never earlier than the edit.
SEEN_SECONDS = 30 * 24 * 60 * 60
CODE_ROOTS = [Path(settings.BASE_DIR) / "templates", Path(__file__).resolve().parent]
CODE_SUFFIXES = {".py", ".html", ".txt", ".xml"}


def code_version():
    """A digest of the templates and this app's code: a deploy that changes a page changes
    its ETag even when the data did not. The same on every process and host running it."""
    digest = hashlib.sha256()
    for root in CODE_ROOTS:
        for path in sorted(root.rglob("*")):
            if path.suffix in CODE_SUFFIXES and "migrations" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


CODE_VERSION = code_version()


class VersionTimes:
    """When each data version was first seen, read once per process from the shared cache."""

    def __init__(self, keep=16):
        self.keep = keep
        self.times = {}

    def first_seen(self, version):
        seen = self.times.get(version)
        if seen is None:
            key = SEEN_KEY.format(version)
            cache.add(key, int(time.time()), timeout=SEEN_SECONDS)
            seen = cache.get(key) or int(time.time())
            if len(self.times) >= self.keep:
                self.times.clear()
            self.times[version] = seen
        return seen


version_times = VersionTimes()


def validators(request):
    """(ETag, Last-Modified as a timestamp) of the page `request` asks for."""
    version = data_version()
    today = timezone.localdate()
    # The language too, as in the page cache's key: one URL, one language, one ETag.
    language = get_language() or ""
    page = "\n".join(
        [version, CODE_VERSION, language, today.isoformat(), request.build_absolute_uri()]
    )
    etag = quote_etag(hashlib.sha256(page.encode()).hexdigest()[:32])
    midnight = datetime.datetime.combine(
        today, datetime.time(), tzinfo=timezone.get_current_timezone()
    )
    return etag, max(version_times.first_seen(version), int(midnight.timestamp()))


class HTTPCachingMiddleware:
    """Validators and Cache-Control on public pages (conditional requests get 304 before the
    view runs); `private` for editors. Place it after AuthenticationMiddleware and before the
    page cache, so that a 304 costs neither the page cache nor the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
            return response
        found = getattr(request, "_http_validators", None)
        # A response that sets a cookie is someone's own: never offered to a shared cache.
        if found and response.status_code == 200 and not response.cookies:
            self.add_headers(response, *found)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            request.method not in ("GET", "HEAD")
            or not PublicPageCacheMiddleware.listed(request.resolver_match)
            or request.user.is_authenticated
        ):
            return None
        try:
            etag, last_modified = validators(request)
        except Exception:
            # Without the shared cache there is no data version: answer without validators.
            logger.warning("Data version unavailable: no validators", exc_info=True)
            return None
        request._http_validators = (etag, last_modified)
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None and not_modified.status_code == 304:
            self.add_headers(not_modified, etag, last_modified)
        return not_modified

    @staticmethod
    def add_headers(response, etag, last_modified):
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=settings.PROXY_CACHE_SECONDS,
            stale_while_revalidate=settings.PROXY_STALE_SECONDS,
        )
