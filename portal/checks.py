"""Deployment checks of the site (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

#: Caches each worker process keeps to itself: every rate limit would be multiplied by the
#: number of workers, and a purge would reach only one of them.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Error(
                f"The default cache is {backend.rsplit('.', 1)[-1]}, which each worker process keeps to itself: "
                "rate limits would count per process.",
                hint="Set REDIS_URL to a Redis server shared by every worker.",
                id="portal.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def second_factor_required(app_configs, **kwargs):
    if not getattr(settings, "ADMIN_REQUIRE_SECOND_FACTOR", True):
        return [
            Warning(
                "ADMIN_REQUIRE_SECOND_FACTOR is off: reviewers and administrators sign in with a password alone.",
                hint="Unset ADMIN_REQUIRE_SECOND_FACTOR (docs/admin-login.md).",
                id="portal.W001",
            )
        ]
    return []
