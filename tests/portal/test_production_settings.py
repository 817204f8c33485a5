"""Production refuses to start half-configured, and passes Django's deployment checklist."""

from tests.helpers import SECRET, run_production


def test_production_refuses_to_start_without_a_secret_key():
    result = run_production(["check"], DJANGO_ALLOWED_HOSTS="wenming.km.gov.cn")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_production(["check"], DJANGO_SECRET_KEY=SECRET)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = run_production(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="wenming.km.gov.cn",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_fails_the_deployment_checklist_without_a_shared_cache():
    env = {"DJANGO_SECRET_KEY": SECRET, "DJANGO_ALLOWED_HOSTS": "wenming.km.gov.cn"}
    result = run_production(["check", "--deploy"], **env, REDIS_URL="")
    assert result.returncode != 0
    assert "portal.E001" in result.stderr and "REDIS_URL" in result.stderr
