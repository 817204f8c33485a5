"""The daily overdue job of the exposure board with a fixed clock, its command and its schedule."""

import datetime

import pytest
from django.core.management import call_command
from django_q.models import Schedule

from content.exposure.models import BehaviourNoticePage, ExposureNoticePage, RectificationStatus, UnitNoticePage
from content.exposure.tasks import mark_overdue_notices
from portal.schedules import ensure_schedules

pytestmark = pytest.mark.django_db

S = RectificationStatus
D = datetime.timedelta
DAY = datetime.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    # save() applies the deadline rule for today; fix today so the tests do not depend on the calendar.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: DAY)


def status(page):
    return ExposureNoticePage.objects.get(pk=page.pk).status


@pytest.fixture
def open_notices():
    """Two open notices due on DAY, stored as an editor left them (the job has not run)."""
    behaviour = BehaviourNoticePage.objects.get(slug="renmin-zhonglu-luanchuan-malu")
    unit = UnitNoticePage.objects.get(slug="gongdi-weidang-posun")
    ExposureNoticePage.objects.filter(pk=behaviour.pk).update(status=S.PENDING, deadline=DAY)
    ExposureNoticePage.objects.filter(pk=unit.pk).update(status=S.IN_PROGRESS, deadline=DAY)
    return behaviour, unit


def test_open_notices_turn_overdue_the_day_after_their_deadline(open_notices):
    behaviour, unit = open_notices
    mark_overdue_notices(today=DAY)
    assert (status(behaviour), status(unit)) == (S.PENDING, S.IN_PROGRESS)  # the deadline day is still in time

    summary = mark_overdue_notices(today=DAY + D(1))
    assert (status(behaviour), status(unit)) == (S.OVERDUE, S.OVERDUE)
    assert summary["newly_overdue"] >= 2
    assert ExposureNoticePage.objects.get(pk=behaviour.pk).days_overdue(DAY + D(4)) == 4


def test_second_run_changes_nothing(open_notices):
    first = mark_overdue_notices(today=DAY + D(1))
    rows = list(ExposureNoticePage.objects.order_by("pk").values_list("pk", "status", "latest_revision_id"))
    assert first["newly_overdue"] >= 2
    assert mark_overdue_notices(today=DAY + D(1)) == {"date": "2026-11-29", "newly_overdue": 0, "reopened": 0}
    assert list(ExposureNoticePage.objects.order_by("pk").values_list("pk", "status", "latest_revision_id")) == rows


def test_closed_notices_and_notices_without_deadline_stay(open_notices):
    done = BehaviourNoticePage.objects.get(slug="cuihu-nanlu-luanting")
    no_deadline, _unit = open_notices
    ExposureNoticePage.objects.filter(pk=no_deadline.pk).update(deadline=None)
    mark_overdue_notices(today=DAY + D(400))
    assert status(done) == S.DONE
    assert status(no_deadline) == S.PENDING


def test_draft_notices_are_marked_too(open_notices):
    behaviour, _unit = open_notices
    BehaviourNoticePage.objects.get(pk=behaviour.pk).unpublish()
    assert status(behaviour) == S.PENDING
    mark_overdue_notices(today=DAY + D(1))
    assert status(behaviour) == S.OVERDUE


def test_an_extended_deadline_reopens_an_overdue_notice(open_notices):
    behaviour, _unit = open_notices
    mark_overdue_notices(today=DAY + D(1))
    ExposureNoticePage.objects.filter(pk=behaviour.pk).update(deadline=DAY + D(30))
    summary = mark_overdue_notices(today=DAY + D(1))
    assert summary["reopened"] == 1
    assert status(behaviour) == S.IN_PROGRESS


def test_the_job_writes_no_revision_and_an_older_revision_published_later_is_still_overdue(open_notices, monkeypatch):
    behaviour, _unit = open_notices
    page = BehaviourNoticePage.objects.get(pk=behaviour.pk)
    old_revision = page.save_revision()  # says 待整改 with the deadline DAY
    revisions = page.revisions.count()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: DAY + D(3))
    mark_overdue_notices()
    assert page.revisions.count() == revisions
    assert status(behaviour) == S.OVERDUE

    old_revision.publish()
    assert status(behaviour) == S.OVERDUE
    assert BehaviourNoticePage.objects.get(pk=behaviour.pk).days_overdue() == 3


def test_the_job_logs_its_counts(open_notices, caplog):
    with caplog.at_level("INFO", logger="content.exposure.tasks"):
        mark_overdue_notices(today=DAY + D(1))
    assert "became overdue" in caplog.text and "2026-11-29" in caplog.text


def test_command_takes_a_date(open_notices, capsys):
    behaviour, _unit = open_notices
    call_command("mark_overdue_notices", "--date", "2026-11-30")
    assert status(behaviour) == S.OVERDUE
    assert "date=2026-11-30" in capsys.readouterr().out


def test_the_schedule_exists_and_runs_through_django_q():
    Schedule.objects.filter(name="mark_overdue_notices").delete()
    assert ensure_schedules()["mark_overdue_notices"] == "created"
    assert ensure_schedules()["mark_overdue_notices"] == "unchanged"
    schedule = Schedule.objects.get(name="mark_overdue_notices")
    assert schedule.func == "content.exposure.tasks.mark_overdue_notices"
    assert schedule.schedule_type == Schedule.DAILY

    from django_q.tasks import async_task, result

    task_id = async_task(schedule.func, "2026-11-29", sync=True)
    assert result(task_id)["date"] == "2026-11-29"
