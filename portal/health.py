"""/healthz/: the state of each dependency, for monitoring and load balancers.

The database is critical (nothing works without it); the cache, the task queue and the search
backend degrade a feature when down, so they are reported but do not fail the check.

Anyone gets the status and its HTTP code (200, or 503 when the database is down): enough for a
load balancer. Which database, cache and broker the site runs and how long its queue is helps an
attacker, so the checks are shown only to monitoring that sends `Authorization: Bearer
<HEALTHZ_TOKEN>` and to signed-in superusers."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache

from search.es import portal_index


def _timed(check):
    started = time.perf_counter()
    try:
        detail = check() or {}
        state = {"ok": True, **detail}
    except Exception as exc:  # noqa: BLE001 - any failure of a dependency is a reportable state
        state = {"ok": False, "error": type(exc).__name__}
    state["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return state


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def check_cache():
    key = "healthz:probe"
    value = str(time.time())
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("cache did not return what was stored")
    return {"backend": type(cache).__name__}


def check_task_queue():
    from django_q.brokers import get_broker
    from django_q.conf import Conf

    # Asked of the broker in use: the ORM table is empty when the queue is in Redis.
    queued = get_broker().queue_size()
    return {"broker": "orm" if Conf.ORM else "redis" if Conf.REDIS else "other", "queued": queued}


def check_search():
    """The database index always answers (it is the fallback); with SEARCH_BACKEND=elasticsearch the
    cluster is asked too, and its failure is reported as "fallback": the page still answers."""
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    list(get_search_backend("database").search("文明", Page.objects.live())[:1])
    detail = {"backend": getattr(settings, "SEARCH_BACKEND", "database")}
    if detail["backend"] == "elasticsearch":
        try:
            portal_index.ping()
        except Exception as exc:
            # Reported as error "ElasticsearchUnreachable"; the public page answers from the database.
            raise portal_index.ElasticsearchUnreachable(type(exc).__name__) from exc
    return detail


CHECKS = {
    "database": (check_database, True),
    "cache": (check_cache, False),
    "task_queue": (check_task_queue, False),
    "search": (check_search, False),
}


def may_see_details(request):
    token = getattr(settings, "HEALTHZ_TOKEN", "")
    sent = request.headers.get("Authorization", "")
    if token and sent.startswith("Bearer ") and constant_time_compare(sent.removeprefix("Bearer "), token):
        return True
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_superuser)


@never_cache
def healthz(request):
    results = {name: {**_timed(check), "critical": critical} for name, (check, critical) in CHECKS.items()}
    healthy = all(r["ok"] for r in results.values() if r["critical"])
    body = {
        "status": "ok" if healthy and all(r["ok"] for r in results.values()) else ("degraded" if healthy else "down")
    }
    if may_see_details(request):
        body["time"] = timezone.localtime().strftime("%Y-%m-%d %H:%M:%S")
        body["checks"] = results
    return JsonResponse(body, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})
