"""Shared fixtures. The test database is built once per run with the real demo content (the
same loader `make run` uses), so every test sees the portal as a citizen or editor would."""

import urllib.request

import pytest
from django.core.cache import cache, caches
from django.test import Client

from bureaus import seed
from core import fragment_memo
from portal import site_structure
from tests.factories.bureaus import UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from portal.demo.builder import build_demo_site

    with django_db_blocker.unblock():
        build_demo_site()


@pytest.fixture
def client():
    # The default site is bound to "localhost" (see the demo builder).
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def seed_tasks():
    return seed.tasks()


@pytest.fixture
def seed_bureaus():
    return seed.bureaus()


@pytest.fixture
def make_user(db):
    def make(username, groups=(), **extra):
        return UserFactory(username=username, groups=list(groups), **extra)

    return make


@pytest.fixture
def empty_cache():
    """Rate-limit counters live in the cache, which outlives a test's database transaction: the
    test starts and ends with none. Modules that count requests use it with `usefixtures`."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def empty_memo():
    """No rendered fragment kept from another test (core/fragment_memo.py): each process's memo
    outlives a test's database transaction."""
    fragment_memo.clear()
    yield
    fragment_memo.clear()


@pytest.fixture
def site_structure_cache(settings, monkeypatch):
    """Turns on each process's site-structure snapshot (portal/site_structure.py) for one test.
    A test runs inside a transaction, where the snapshot is never used (rows that may still be
    rolled back must not be remembered): this lifts that rule and forgets the snapshot at both
    ends, so nothing of one test's rolled-back rows reaches another."""
    settings.SITE_STRUCTURE_CACHE = True
    monkeypatch.setattr(site_structure, "_in_transaction", lambda: False)
    caches[settings.PAGE_CACHE_ALIAS].clear()
    site_structure.forget()
    yield site_structure
    site_structure.forget()
    caches[settings.PAGE_CACHE_ALIAS].clear()


class Clock:
    """A fixed clock: `django.utils.timezone.now` (and so `localdate`) answers `moment`."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch

    def move_to(self, moment):
        self.monkeypatch.setattr("django.utils.timezone.now", lambda: moment)


@pytest.fixture
def time_machine(monkeypatch):
    """Used by the message deadlines and the site-health indicators."""
    return Clock(monkeypatch)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to reach the network fails the test (the site-health checks must go through
    their fakes)."""

    def refuse(*args, **kwargs):
        raise AssertionError("the test tried to reach the network")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
