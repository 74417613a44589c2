from django.http import HttpResponse
from django.urls import path

from tracker.urls import urlpatterns as site_urlpatterns


def trivial(request):
    """The least a Django view can do: the baseline for the throughput ratio."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *site_urlpatterns]
