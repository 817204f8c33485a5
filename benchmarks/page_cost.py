"""Queries and server time of one uncached render of each main public page, in-process.

    DATABASE_URL=sqlite:////tmp/lean-demo.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/lean-demo.sqlite3 .venv/bin/python manage.py load_demo
    .venv/bin/python manage.py collectstatic --noinput      # the production settings' manifest
    DATABASE_URL=sqlite:////tmp/lean-demo.sqlite3 .venv/bin/python benchmarks/page_cost.py [N] [--profile PATH]

Each page is requested through Django's test client with the production settings (the whole
middleware stack, DEBUG off, the cached template loader), first once to warm the per-process
caches, then N times (default 30); it prints the queries of one request and the median CPU and
wall time per request, and the ratio of the CPU time to a trivial view served by the same stack.
No page cache is involved: this is the cost of a render. `--profile PATH` prints the cProfile
of N requests of that one page instead, `--queries PATH` the SQL of one request. The
whole-server benchmark under load is benchmarks/pages.py; this script is for finding and
checking what one render costs.
"""

import cProfile
import datetime
import logging
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
os.environ.setdefault("DJANGO_SECRET_KEY", "page-cost-benchmark-only-7f3a9c1e5b2d8f4a6c0e1b3d5f7a9c2e")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
# The cost of a render: the page cache would answer every request after the first.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import path  # noqa: E402

from portal import urls as portal_urls  # noqa: E402


def trivial(request):
    return HttpResponse("ok")


# The portal's URLs with one trivial view in front: the baseline of the same stack.
urlpatterns = [path("__trivial__/", trivial), *portal_urls.urlpatterns]
handler404 = portal_urls.handler404
handler500 = portal_urls.handler500
handler403 = portal_urls.handler403


def main_pages():
    # Models are read after django.setup(); the placement code and first detail page of each type
    # come from whatever the demo built.
    from content.ads.models.placements import AdPlacement
    from content.ads.models.works import PublicServiceAdPage
    from content.exemplars.models import ExemplarPage
    from content.exposure.models import BehaviourNoticePage
    from content.handbooks.models import EtiquetteHandbookPage

    def first_url(model):
        page = model.objects.live().order_by("path").first()
        return page.url if page else None

    placement = AdPlacement.objects.order_by("pk").first()
    pages = {
        "trivial view": "/__trivial__/",
        "home": "/",
        "ads index": "/gongyi/",
        "exemplars index": "/haoren/",
        "handbooks index": "/liyi/",
        "exposure index": "/baoguang/",
        "bureaus": "/danwei/",
        "bureau page": "/danwei/gongan/",
        "tasks": "/renwu/",
        "task page": "/renwu/chengshi-guanli-1/",
        "ad work": first_url(PublicServiceAdPage),
        "ad placement": f"/gongyi/dianwei/{placement.code}/" if placement else None,
        "exemplar": first_url(ExemplarPage),
        "handbook": first_url(EtiquetteHandbookPage),
        "exposure notice": first_url(BehaviourNoticePage),
        "nomination form": "/tuijian/",
        "annual plan": f"/gongyi/wenmingban/jihua-{datetime.date.today().year}/",
        "search": "/search/?q=%E4%BA%A4%E9%80%9A",
        "404": "/no-such-page/",
    }
    return {name: url for name, url in pages.items() if url}


def measure(client, url, runs):
    client.get(url)
    queries = []

    # Counted by a wrapper, which outlives the connection that each request closes (CONN_MAX_AGE 0).
    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    cpu, wall = [], []
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        client.get(url)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    if not runs:
        return response.status_code, queries
    return response.status_code, len(queries), statistics.median(cpu) * 1000, statistics.median(wall) * 1000


def main(argv):
    logging.getLogger("django.request").setLevel(logging.ERROR)  # no "Not Found" line per 404
    runs = int(argv[0]) if argv and argv[0].isdigit() else 30
    client = Client()
    with override_settings(ROOT_URLCONF=__name__):
        if "--queries" in argv:
            url = argv[argv.index("--queries") + 1]
            status, queries, *_ = measure(client, url, 0)
            print(status, len(queries), "queries", *queries, sep="\n")
            return
        if "--profile" in argv:
            url = argv[argv.index("--profile") + 1]
            client.get(url)
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(runs):
                client.get(url)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
            return
        print(f"{'page':<18} {'status':>6} {'queries':>7} {'cpu ms':>8} {'wall ms':>8} {'× trivial':>9}  url")
        baseline = None
        for name, url in main_pages().items():
            status, queries, cpu, wall = measure(client, url, runs)
            baseline = baseline or cpu
            print(f"{name:<18} {status:>6} {queries:>7} {cpu:>8.2f} {wall:>8.2f} {cpu / baseline:>9.1f}  {url}")


if __name__ == "__main__":
    main(sys.argv[1:])
