"""The portal's URLs plus a trivial view, the baseline of benchmarks/pages.py: it passes through
the same middleware stack as every page and does nothing else."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import handler403, handler404, handler500
from portal.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    # Never stored by the page cache (Cache-Control: private), so that in cached mode pages are
    # compared with a view the server really runs, as the baseline is meant.
    response = HttpResponse("ok")
    response["Cache-Control"] = "private"
    return response


urlpatterns = [path("_trivial/", trivial, name="benchmark_trivial"), *portal_urlpatterns]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
