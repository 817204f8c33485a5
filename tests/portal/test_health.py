import pytest
from django.db.utils import OperationalError
from django.test import override_settings

from portal import health

pytestmark = pytest.mark.django_db

TOKEN = "monitoring-token-5f1c"


@pytest.fixture(autouse=True)
def monitoring_token(settings):
    settings.HEALTHZ_TOKEN = TOKEN


def monitored(client):
    """/healthz/ as the monitoring sees it, with the token."""
    return client.get("/healthz/", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")


def test_anyone_gets_only_the_status(client, make_user):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    for header in ("Bearer wrong-token", f"Basic {TOKEN}", "Bearer "):
        assert client.get("/healthz/", HTTP_AUTHORIZATION=header).json() == {"status": "ok"}
    client.force_login(make_user("health-editor"))
    assert client.get("/healthz/").json() == {"status": "ok"}


def test_without_a_configured_token_nobody_gets_details_by_token(client, settings):
    settings.HEALTHZ_TOKEN = ""
    assert client.get("/healthz/", HTTP_AUTHORIZATION="Bearer ").json() == {"status": "ok"}


def test_a_superuser_sees_the_details_in_the_browser(client, make_user):
    client.force_login(make_user("health-admin", is_superuser=True))
    assert set(client.get("/healthz/").json()["checks"]) == {"database", "cache", "task_queue", "search"}


def test_healthz_reports_each_dependency_to_the_monitoring(client):
    response = monitored(client)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "task_queue", "search"}
    assert body["checks"]["database"]["critical"] is True
    assert body["checks"]["task_queue"]["broker"] == "orm"
    assert response["Cache-Control"].startswith("max-age=0")


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            # Nothing listens on port 1: a real refused connection, not a mock.
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
)
def test_a_cache_outage_degrades_but_stays_200(client):
    response = monitored(client)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["ok"] is False


def test_a_database_outage_answers_503(client, monkeypatch):
    # The test database cannot be stopped under the running test; the check's query is made to
    # fail the way a lost connection does.
    def lost_connection():
        raise OperationalError("connection lost")

    monkeypatch.setitem(health.CHECKS, "database", (lost_connection, True))
    assert client.get("/healthz/").json() == {"status": "down"}
    response = monitored(client)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError",
        "ms": body["checks"]["database"]["ms"],
        "critical": True,
    }
    assert "connection lost" not in response.content.decode()
