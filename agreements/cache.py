"""Whole-page caching of the public pages that never serves outdated facts.

Every cached page is stored with the *data version* it was rendered at: a random token kept in
the shared cache and replaced whenever a row of this app is saved or deleted (and again when the
transaction commits, so that a page rendered from not-yet-committed data cannot outlive the
edit). A page is served only while its version is the current one, so one replaced token
invalidates every page at once. The token and the page are read in one cache round trip. Writes
that bypass model signals (`QuerySet.update()`, `bulk_create()`, raw SQL) must call
`bump_data_version()` themselves.

If the cache cannot be read, pages are rendered afresh; if the version cannot be replaced, the
edit fails loudly rather than leaving outdated pages to be served.

`PublicPageCacheMiddleware` serves the views named in `settings.PAGE_CACHE_VIEWS` (URL names,
with or without namespace) from the cache for anonymous GET/HEAD requests. Logged-in users
(editors) always get a fresh page.

Each process also keeps the pages it served most recently (`LocalPages`, a few megabytes), each
with its version. A visit to one of those reads only the version token from the shared cache,
not the page: the same check against the same token, so an edit invalidates them just as fast,
for less than half the cost of fetching the page itself.
"""

import hashlib
import logging
import threading
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse

logger = logging.getLogger(__name__)

VERSION_KEY = "agreements:data-version"
CACHED_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")


def data_version():
    """The current data version token, created on first use (or after the cache lost it)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_data_version():
    """Invalidate every cached page."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def create_cache_table(using, **kwargs):
    """`migrate` also creates the database cache table (`createcachetable` is idempotent)."""
    call_command("createcachetable", database=using, verbosity=0)


@receiver(post_save)
@receiver(post_delete)
def data_changed(sender, using=None, **kwargs):
    if sender._meta.app_label != "agreements" or sender.__name__.startswith("Historical"):
        return
    bump_data_version()
    transaction.on_commit(bump_data_version, using=using)


class LocalPages:
    """The most recently used pages of this process, at most `max_bytes` of content."""

    def __init__(self, max_bytes=8 * 1024 * 1024):
        self.max_bytes = max_bytes
        self.pages = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.pages.get(key)
            if entry is not None:
                self.pages.move_to_end(key)
            return entry

    def put(self, key, entry):
        content = entry[1]
        if len(content) > self.max_bytes // 8:
            return  # large exports stay in the shared cache only
        with self.lock:
            old = self.pages.pop(key, None)
            if old is not None:
                self.size -= len(old[1])
            self.pages[key] = entry
            self.size += len(content)
            while self.size > self.max_bytes:
                _, evicted = self.pages.popitem(last=False)
                self.size -= len(evicted[1])


local_pages = LocalPages()


def page_key(request):
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{request.method}:{digest}"


class PublicPageCacheMiddleware:
    """Serves the public pages listed in `PAGE_CACHE_VIEWS` from the cache, until any edit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        pending = getattr(request, "_page_cache", None)
        if pending and self.cacheable(request, response):
            key, version = pending
            headers = {h: response[h] for h in CACHED_HEADERS if h in response}
            entry = (version, response.content, headers)
            try:
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("Page cache unavailable: %s not stored", key, exc_info=True)
            else:
                local_pages.put(key, entry)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            not settings.PAGE_CACHE_SECONDS
            or request.method not in ("GET", "HEAD")
            or not self.listed(request.resolver_match)
            or request.user.is_authenticated
        ):
            return None
        key = page_key(request)
        local = local_pages.get(key)
        try:
            if local is not None:
                version = cache.get(VERSION_KEY) or data_version()
                found = {key: local}
                if local[0] != version:
                    found = cache.get_many([key])
            else:
                found = cache.get_many([VERSION_KEY, key])
                version = found.get(VERSION_KEY) or data_version()
        except Exception:
            # A cache that is down costs speed, never correctness: render the page afresh.
            logger.warning("Page cache unavailable: serving uncached", exc_info=True)
            return None
        if key in found:
            page_version, content, headers = found[key]
            if page_version == version:
                if found[key] is not local:
                    local_pages.put(key, found[key])
                return HttpResponse(content, headers=headers)
        request._page_cache = (key, version)
        return None

    @staticmethod
    def listed(match):
        names = settings.PAGE_CACHE_VIEWS
        return match.view_name in names or match.url_name in names

    @staticmethod
    def cacheable(request, response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Vary")
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not request.META.get("CSRF_COOKIE_USED")
        )
