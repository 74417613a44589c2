"""Whole-page caching of the public pages that never serves outdated facts.

Every cache key includes a *data version*: a random token kept in the shared cache and replaced
whenever a row of this app is saved or deleted (and again when the transaction commits, so that
a page rendered from not-yet-committed data cannot outlive the edit). A replaced token orphans
every cached page at once; orphans expire or are culled. Writes that bypass model signals
(`QuerySet.update()`, `bulk_create()`, raw SQL) must call `bump_data_version()` themselves.

`PublicPageCacheMiddleware` serves the views named in `settings.PAGE_CACHE_VIEWS` from the cache
for anonymous GET/HEAD requests. Logged-in users (editors) always get a fresh page.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse

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


def page_key(request, version):
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{version}:{request.method}:{digest}"


class PublicPageCacheMiddleware:
    """Serves the public pages listed in `PAGE_CACHE_VIEWS` from the cache, until any edit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and self.cacheable(request, response):
            headers = {h: response[h] for h in CACHED_HEADERS if h in response}
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            not settings.PAGE_CACHE_SECONDS
            or request.method not in ("GET", "HEAD")
            or request.resolver_match.view_name not in settings.PAGE_CACHE_VIEWS
            or request.user.is_authenticated
        ):
            return None
        key = page_key(request, data_version())
        cached = cache.get(key)
        if cached is None:
            request._page_cache_key = key
            return None
        content, headers = cached
        return HttpResponse(content, headers=headers)

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
