"""The site-health report: stored nightly and by `manage.py site_health` (its exit code), the
mail to 市文明办 on a turn to red (once), the dashboard panel with its history (only for the
office, with a bounded query count) and the bureaus' scorecard in the quarterly overview.

No test here reaches the network: the external probe is off and links to other sites unchecked
(SITE_HEALTH_EXTERNAL_LINKS is off), and `no_network` fails any real `urlopen`."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bureaus.workflows import final_review_group
from portal.schedules import SCHEDULES
from portal.site_health import runner
from portal.site_health.models import HealthReport
from portal.site_health.results import INDICATORS, Result
from tests.helpers import ADMIN, bureau, dashboard, section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_network")]

D = datetime.timedelta


@pytest.fixture
def people(make_user):
    return {
        "final": make_user("sh-final", [final_review_group()], email="final@wenming.km.gov.cn"),
        "office": make_user("sh-office", [bureau("wenmingban").reviewers_group], email="office@wenming.km.gov.cn"),
        "editor": make_user("sh-editor", [bureau("gongan").editors_group], email="editor@gongan.km.gov.cn"),
    }


def results(**statuses):
    """A measurement: every indicator green except those named (key=status)."""
    gongan = bureau("gongan").pk
    found = []
    for indicator in INDICATORS:
        status = statuses.get(indicator.key, "green")
        items = [{"label": "/haoren/x/", "url": "/haoren/x/", "bureau_id": gongan, "note": "HTTP 500"}]
        found.append(
            Result(
                indicator.key,
                status,
                f"{indicator.key} is {status}",
                1 if status == "red" else 0,
                items if status == "red" else [],
                {gongan: 1} if status == "red" else {},
            )
        )
    return found


@pytest.fixture
def measured(monkeypatch):
    """Replaces the measurement with `measured.now` (set by the test)."""

    class Measured:
        now = results()

    monkeypatch.setattr(runner, "measure", lambda now, **kwargs: Measured.now)
    return Measured


def test_the_mail_goes_to_the_office_on_the_turn_to_red_and_once(people, measured, time_machine):
    day = timezone.make_aware(datetime.datetime(2026, 5, 1, 4, 30))
    time_machine.move_to(day)
    runner.run_report()
    assert mail.outbox == []  # all green

    time_machine.move_to(day + D(days=1))
    measured.now = results(reachability="red")
    mail.outbox.clear()
    report = runner.run_report()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert set(sent.to) == {"final@wenming.km.gov.cn", "office@wenming.km.gov.cn"}
    assert "公开页面可访问" in sent.subject and "/haoren/x/" in sent.body and "单项否决" in sent.body
    assert HealthReport.objects.get(pk=report.pk).mailed_at == day + D(days=1)

    # Still red the next night: no second mail; a second indicator turning red is mailed alone.
    time_machine.move_to(day + D(days=2))
    runner.run_report()
    measured.now = results(reachability="red", daily_ad="red")
    time_machine.move_to(day + D(days=3))
    runner.run_report()
    assert len(mail.outbox) == 2
    assert "今日公益广告" in mail.outbox[1].subject and "公开页面可访问" not in mail.outbox[1].subject

    # Green again, then red again: a new turn, a new mail.
    measured.now = results()
    time_machine.move_to(day + D(days=4))
    runner.run_report()
    measured.now = results(reachability="red")
    time_machine.move_to(day + D(days=5))
    runner.run_report()
    assert len(mail.outbox) == 3


def test_the_command_exits_non_zero_when_a_single_veto_indicator_is_red(measured, capsys):
    measured.now = results(daily_ad="red")  # not a single-veto indicator
    call_command("site_health")
    out = capsys.readouterr().out
    assert "RED  daily_ad" in out and "status: red" in out

    measured.now = results(messages="red")
    with pytest.raises(CommandError) as raised:
        call_command("site_health")
    assert raised.value.returncode == 1
    assert "messages [单项否决]" in capsys.readouterr().out
    assert HealthReport.objects.filter(trigger="command").count() == 2


def test_the_command_measures_the_demo_site_for_real(capsys):
    # The demo leaves some bureaus without content: empty columns, a single-veto indicator.
    started = timezone.now()
    with pytest.raises(CommandError) as raised:
        call_command("site_health")
    assert raised.value.returncode == 1
    report = HealthReport.objects.get(measured_at__gte=started)
    statuses = dict(report.results.values_list("indicator", "status"))
    assert statuses["column_freshness"] == "red"
    assert statuses["reachability"] == statuses["links"] == statuses["tampering"] == "green"
    assert statuses["external_probe"] == "off"
    out = capsys.readouterr().out
    assert "reachability" in out and "empty column" not in out  # printed in Chinese
    assert "栏目" in out


def test_the_nightly_schedule_runs_after_the_audit():
    names = {spec["name"]: spec for spec in SCHEDULES}
    assert names["site_health"]["func"] == "portal.site_health.runner.nightly_site_health"
    assert names["site_health"]["at"] > names["audit_live_pages"]["at"]
    assert names["audit_live_pages"]["func"] == "portal.site_health.tampering.nightly_audit"


# --- the dashboard -------------------------------------------------------------------------------


def nightly_reports(count, measured, time_machine, **red):
    start = timezone.make_aware(datetime.datetime(2026, 5, 1, 4, 30))
    for night in range(count):
        measured.now = results(**(red if night == count - 1 else {}))
        time_machine.move_to(start + D(days=night))
        runner.run_report()


def test_the_office_sees_the_latest_report_and_its_history(client, people, measured, time_machine):
    html = section(dashboard(client, people["final"]), "dashboard-site-health")
    assert "还没有健康报告" in html

    nightly_reports(3, measured, time_machine, reachability="red")
    for who in ("final", "office"):
        html = section(dashboard(client, people[who]), "dashboard-site-health")
        assert re.search(r'data-indicator="reachability" data-status="red"', html)
        assert re.search(r'data-indicator="daily_ad" data-status="green"', html)
        assert "/haoren/x/" in html and "单项否决" in html
        history = html[html.index("site-health-history") :]
        assert history.count("05-0") == 3  # three nights, newest first
        row = re.search(r'<tr data-indicator="reachability">(.*?)</tr>', history, re.S).group(1)
        assert re.findall(r"site-health-status--(\w+)", row) == ["red", "green", "green"]

    assert section(dashboard(client, people["editor"]), "dashboard-site-health") == ""


def test_the_overview_ranks_bureaus_by_their_health_figures(client, people, measured, time_machine):
    nightly_reports(1, measured, time_machine, links="red", tampering="red")
    html = section(dashboard(client, people["final"]), "dashboard-overview")
    row = re.search(r'<tr data-bureau="gongan">(.*?)</tr>', html, re.S).group(1)
    cell = dict(re.findall(r'data-column="(\w+)"[^>]*>(.*?)</td>', row, re.S))
    assert (cell["links"], cell["tampering"], cell["messages"]) == ("1", "1", "0")
    ranks = [int(r) for r in re.findall(r'data-column="rank"[^>]*>(\d+)</td>', html)]
    assert max(ranks) == int(cell["rank"]) and min(ranks) == 1
    assert "文明办" not in section(dashboard(client, people["editor"]), "dashboard-overview")


def test_the_panels_cost_the_same_queries_with_one_report_or_many(client, people, measured, time_machine):
    def count():
        client.force_login(people["final"])
        client.get(ADMIN)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(ADMIN).status_code == 200
        return len(queries)

    nightly_reports(1, measured, time_machine)
    one = count()
    nightly_reports(20, measured, time_machine, reachability="red")
    assert count() == one
