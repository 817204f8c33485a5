"""The daily placement check (content.ads.tasks.check_ad_placements) with a fixed clock, its command and
the django-q2 schedules."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django_q.models import Schedule

from content.ads.models.placements import AdInspection, AdPlacement, AdUpdateTask, InspectionState, PlacementStatus
from content.ads.tasks import check_ad_placements
from portal.schedules import ensure_schedules
from tests.factories.ads import make_carrier, make_placement
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

OWN, OTHER = "gongan", "minzheng"
START = datetime.date(2025, 1, 1)
D = datetime.timedelta


@pytest.fixture
def editors(make_user):
    own, other = bureau(OWN), bureau(OTHER)
    return {
        "own": make_user("own-editor", groups=[own.editors_group], email="own@example.cn"),
        "own_no_mail": make_user("own-editor-2", groups=[own.editors_group], email=""),
        "own_reviewer": make_user("own-reviewer", groups=[own.reviewers_group], email="reviewer@example.cn"),
        "other": make_user("other-editor", groups=[other.editors_group], email="other@example.cn"),
    }


def state(placement):
    placement.refresh_from_db()
    return placement.inspection_state


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_states_move_ok_due_overdue_at_the_carrier_interval(editors):
    own = bureau(OWN)
    monthly = make_placement(own, carrier=make_carrier(interval=30), starts_on=START)
    weekly = make_placement(own, carrier=make_carrier(interval=7), starts_on=START)

    # 30-day carrier: due on 2025-01-31, "due" from 3 days before (AD_INSPECTION_DUE_SOON_DAYS).
    check_ad_placements(today=START + D(26))
    assert state(monthly) == InspectionState.OK
    assert monthly.next_inspection_on == datetime.date(2025, 1, 31)
    assert state(weekly) == InspectionState.OVERDUE  # due 2025-01-08
    check_ad_placements(today=START + D(27))
    assert state(monthly) == InspectionState.DUE
    check_ad_placements(today=START + D(30))
    assert state(monthly) == InspectionState.DUE  # the due day itself is not overdue yet
    check_ad_placements(today=START + D(31))
    assert state(monthly) == InspectionState.OVERDUE

    # An inspection restarts the clock from its date.
    AdInspection.objects.create(placement=monthly, inspected_on=START + D(31), inspector="张三", result="intact")
    check_ad_placements(today=START + D(32))
    assert state(monthly) == InspectionState.OK
    assert monthly.next_inspection_on == START + D(61)


def test_weekly_carrier_is_due_and_overdue_on_its_own_dates(editors):
    weekly = make_placement(bureau(OWN), carrier=make_carrier(interval=7), starts_on=START)
    check_ad_placements(today=START + D(3))
    assert state(weekly) == InspectionState.OK
    check_ad_placements(today=START + D(4))
    assert state(weekly) == InspectionState.DUE
    check_ad_placements(today=START + D(8))
    assert state(weekly) == InspectionState.OVERDUE


def test_placements_not_on_display_are_not_inspected(editors):
    own = bureau(OWN)
    planned = make_placement(own, status=PlacementStatus.PLANNED, starts_on=START)
    removed = make_placement(own, status=PlacementStatus.REMOVED, starts_on=START)
    check_ad_placements(today=START + D(100))
    assert state(planned) == InspectionState.NOT_APPLICABLE
    assert state(removed) == InspectionState.NOT_APPLICABLE
    assert not mails_to("own@example.cn")


def test_second_run_the_same_day_changes_nothing_and_sends_nothing(editors):
    own = bureau(OWN)
    placement = make_placement(own, carrier=make_carrier(interval=30), starts_on=START)
    today = START + D(40)
    first = check_ad_placements(today=today)
    assert first["placements_changed"] >= 1
    assert first["newly_overdue"] >= 1
    assert first["mails_sent"] >= 1
    snapshot = list(AdPlacement.objects.order_by("pk").values_list("pk", "next_inspection_on", "inspection_state"))
    tasks = list(AdUpdateTask.objects.order_by("pk").values_list("pk", "overdue"))
    mail.outbox.clear()

    second = check_ad_placements(today=today)
    assert second["placements_changed"] == 0
    assert second["newly_due"] == second["newly_overdue"] == second["tasks_newly_overdue"] == 0
    assert second["mails_sent"] == 0
    assert mail.outbox == []
    assert list(AdPlacement.objects.order_by("pk").values_list("pk", "next_inspection_on", "inspection_state")) == (
        snapshot
    )
    assert list(AdUpdateTask.objects.order_by("pk").values_list("pk", "overdue")) == tasks
    assert state(placement) == InspectionState.OVERDUE


def test_mail_goes_to_the_responsible_bureau_editors_only(editors):
    own, other = bureau(OWN), bureau(OTHER)
    mine = make_placement(own, carrier=make_carrier(interval=30), starts_on=START, place="本局的站台")
    theirs = make_placement(other, carrier=make_carrier(interval=30), starts_on=START + D(20), place="他局的站台")
    check_ad_placements(today=START + D(28))  # mine due (31st), theirs not yet (due 2025-02-20)

    to_own = mails_to("own@example.cn")
    assert len(to_own) == 1
    message = to_own[0]
    assert message.to == ["own@example.cn"]  # editors with an address; not reviewers, not the other bureau
    assert "公益广告" in message.subject and own.title in message.subject
    assert mine.code in message.body and "本局的站台" in message.body
    assert "即将到期巡查的点位" in message.body
    assert theirs.code not in message.body
    assert not mails_to("other@example.cn")
    assert not mails_to("reviewer@example.cn")

    mail.outbox.clear()
    check_ad_placements(today=START + D(32))  # mine becomes overdue: a change, so a new mail
    to_own = mails_to("own@example.cn")
    assert len(to_own) == 1
    assert "巡查逾期的点位" in to_own[0].body
    assert not mails_to("other@example.cn")


def test_open_update_tasks_become_overdue_after_their_deadline(editors, settings):
    own = bureau(OWN)
    placement = make_placement(own, starts_on=START)
    task = AdUpdateTask.open_for(placement, problem="damaged", today=START)
    deadline = START + D(settings.AD_UPDATE_DEADLINE_DAYS)
    assert task.deadline == deadline
    check_ad_placements(today=deadline)
    task.refresh_from_db()
    assert not task.overdue
    mail.outbox.clear()

    summary = check_ad_placements(today=deadline + D(1))
    task.refresh_from_db()
    assert task.overdue
    assert summary["tasks_newly_overdue"] >= 1
    body = mails_to("own@example.cn")[0].body
    assert "已逾期的更新任务" in body and placement.code in body

    mail.outbox.clear()
    assert check_ad_placements(today=deadline + D(1))["tasks_newly_overdue"] == 0
    assert not mails_to("own@example.cn")

    task.close(editors["own"], "已修复")
    task.refresh_from_db()
    assert not task.overdue
    check_ad_placements(today=deadline + D(5))
    task.refresh_from_db()
    assert not task.overdue


def test_command_takes_a_date(editors, capsys):
    placement = make_placement(bureau(OWN), carrier=make_carrier(interval=30), starts_on=START)
    call_command("check_ad_placements", "--date", "2025-02-15")
    assert state(placement) == InspectionState.OVERDUE
    assert "date=2025-02-15" in capsys.readouterr().out


def test_ensure_schedules_is_idempotent():
    names = [
        "audit_live_pages",
        "check_ad_placements",
        "check_message_deadlines",
        "mark_overdue_notices",
        "publish_scheduled",
        "purge_messages",
        "purge_nominations",
        "site_health",
    ]
    Schedule.objects.filter(name__in=names).delete()
    assert ensure_schedules() == dict.fromkeys(names, "created")
    rows = list(Schedule.objects.order_by("name").values())
    assert ensure_schedules() == dict.fromkeys(names, "unchanged")
    assert list(Schedule.objects.order_by("name").values()) == rows

    daily = Schedule.objects.get(name="check_ad_placements")
    assert daily.func == "content.ads.tasks.check_ad_placements"
    assert daily.schedule_type == Schedule.DAILY
    from django.utils import timezone

    local = timezone.localtime(daily.next_run)
    assert (local.hour, local.minute) == (1, 0)
    assert str(local.tzinfo) == "Asia/Shanghai"
    audit = Schedule.objects.get(name="audit_live_pages")
    assert (audit.func, audit.schedule_type) == ("portal.site_health.tampering.nightly_audit", Schedule.DAILY)
    assert timezone.localtime(audit.next_run).hour == 3
    publish = Schedule.objects.get(name="publish_scheduled")
    assert publish.func == "django.core.management.call_command"
    assert publish.args == "'publish_scheduled'"
    assert (publish.schedule_type, publish.minutes) == (Schedule.MINUTES, 1)

    Schedule.objects.filter(pk=publish.pk).update(minutes=60)
    assert ensure_schedules()["publish_scheduled"] == "updated"
    assert Schedule.objects.get(pk=publish.pk).minutes == 1
    call_command("ensure_schedules")
    assert Schedule.objects.filter(name__in=names).count() == len(names)
    purge = Schedule.objects.get(name="purge_nominations")
    assert (purge.func, purge.schedule_type) == ("content.nominations.tasks.purge_nominations", Schedule.DAILY)


def test_the_scheduled_job_runs_through_django_q():
    from django_q.tasks import async_task, result

    task_id = async_task("content.ads.tasks.check_ad_placements", "2025-03-01", sync=True)
    summary = result(task_id)
    assert summary["date"] == "2025-03-01"
