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

What it stores is bounded:

- One entry per page, not per URL: each of those views declares the query parameters it reads
  (`query_parameters`), and a request for any other spelling – unknown parameters, empty
  fields, another order – is redirected to the canonical URL (`querystrings.canonical_query`)
  before anything is cached or rendered.
- A response over `settings.PAGE_CACHE_MAX_BYTES` (a large export) is not stored.
- The key holds the code's version (`code_version()`): a deploy starts from an empty cache
  instead of serving pages rendered by the old templates.
- Identical concurrent misses are rendered once: the first takes a short lock in the cache, the
  others wait for its page (at most `settings.PAGE_CACHE_WAIT_SECONDS`, then render it
  themselves).

Each process also keeps the pages it served most recently (`LocalPages`, a few megabytes), each
with its version. A visit to one of those reads only the version token from the shared cache,
not the page: the same check against the same token, so an edit invalidates them just as fast,
for less than half the cost of fetching the page itself.
"""

import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict
from functools import cache as computed_once
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import get_language

from .querystrings import canonical_query

logger = logging.getLogger(__name__)

# "~" sorts after the letters every other key starts with: the database cache culls the keys
# that sort first, so a full cache drops old pages, never the version (which would make every
# page stale at once). Redis: see the README (an eviction policy that spares keys without TTL).
VERSION_KEY = "~agreements:data-version"
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


def lock_key(page):
    return f"lock:{page}"


# locale/: a corrected translation is a new build too.
CODE_FOLDERS = ("agreements", "tracker", "templates", "static", "locale")


@computed_once
def code_version():
    """A digest of this build's code, templates and static files (read once per process)."""
    digest = hashlib.sha256()
    for folder in CODE_FOLDERS:
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def page_key(request, query=None):
    """The cache key of the page at this URL, its query string given as `query` (canonical),
    in the active language. Public URLs carry their language (/en/, /uk/), so the URL alone
    would do; the language is part of the key too, so that a page whose language came from
    elsewhere (a cookie, the browser) can never be served in another language."""
    query = request.META.get("QUERY_STRING", "") if query is None else query
    url = request.build_absolute_uri(request.path) + (f"?{query}" if query else "")
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page:{code_version()}:{get_language()}:{request.method}:{digest}"


def query_parameters(view_func):
    """The query parameters a page reads, as its view declares them (none if it does not)."""
    view = getattr(view_func, "view_class", view_func)
    return tuple(getattr(view, "query_parameters", ()))


def canonical_url(request, view_func):
    """(the page's canonical query string, whether the request must be redirected to it).

    Only the order of the parameters may differ without a redirect (links keep the order of
    the page they come from); anything else the page would ignore – an unknown parameter, an
    empty field, a repeated value – is dropped from the address by a redirect.
    """
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    canonical = canonical_query(pairs, query_parameters(view_func))
    return canonical, sorted(parse_qsl(canonical)) != sorted(pairs)


class PublicPageCacheMiddleware:
    """Serves the public pages listed in `PAGE_CACHE_VIEWS` from the cache, until any edit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        pending = getattr(request, "_page_cache", None)
        if pending:
            key, version = pending
            try:
                if self.cacheable(request, response):
                    headers = {h: response[h] for h in CACHED_HEADERS if h in response}
                    entry = (version, response.content, headers)
                    cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
                    local_pages.put(key, entry)
                cache.delete(lock_key(key))
            except Exception:
                logger.warning("Page cache unavailable: %s not stored", key, exc_info=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD") or not self.listed(request.resolver_match):
            return None
        query, needs_redirect = canonical_url(request, view_func)
        if needs_redirect:
            return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))
        if not settings.PAGE_CACHE_SECONDS or request.user.is_authenticated:
            return None
        key = page_key(request, query)
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
        try:
            rendered = self.wait_for_another_render(key, version)
        except Exception:
            logger.warning("Page cache unavailable: serving uncached", exc_info=True)
            return None
        if rendered is not None:
            return HttpResponse(rendered[1], headers=rendered[2])
        request._page_cache = (key, version)
        return None

    @staticmethod
    def wait_for_another_render(key, version):
        """The page once another request rendering it has stored it; None when this request
        is to render it (it holds the lock now, or waited long enough)."""
        lock = lock_key(key)
        wait = settings.PAGE_CACHE_WAIT_SECONDS
        if cache.add(lock, 1, timeout=wait):
            return None
        deadline, pause = time.monotonic() + wait, 0.02
        while time.monotonic() < deadline:
            time.sleep(pause)
            pause = min(pause * 2, 0.25)
            found = cache.get_many([key, lock])
            if found.get(key) and found[key][0] == version:
                return found[key]
            if lock not in found:
                return None  # rendered but not stored (an error, too large): render it here
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
            and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
            and "no-store" not in response.get("Cache-Control", "")
            and not response.cookies
            and not response.has_header("Vary")
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not request.META.get("CSRF_COOKIE_USED")
        )
