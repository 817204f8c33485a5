"""Working-day deadlines, reminders, overdue and three-month alarms, with a fixed clock."""

import datetime

import pytest
from django.core import mail

from bureaus.workflows import final_review_group
from interaction.deadlines import add_working_days, alarm_cutoff, due_date, state_of, three_months_after
from interaction.tasks import check_deadlines, purge_personal_data
from portal.schedules import SCHEDULES
from tests.helpers import bureau, dashboard, section
from tests.interaction.helpers import at, make_message

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def test_working_days_skip_weekends_and_holidays(settings):
    settings.MESSAGE_REPLY_WORKING_DAYS = 5
    # Friday 2026-09-25 → the next Friday.
    assert due_date(at(2026, 9, 25)) == datetime.date(2026, 10, 2)
    settings.MESSAGE_HOLIDAYS = ["2026-10-01", "2026-10-02", "2026-10-05"]
    settings.MESSAGE_EXTRA_WORKDAYS = ["2026-09-27"]  # a Sunday worked for the National Day holiday
    # 09-27 (Sun, worked), 09-28, 09-29, 09-30, then 10-06.
    assert due_date(at(2026, 9, 25)) == datetime.date(2026, 10, 6)
    assert add_working_days(datetime.date(2026, 9, 25), 0) == datetime.date(2026, 9, 25)


def test_three_months():
    assert three_months_after(datetime.date(2026, 11, 30)) == datetime.date(2027, 2, 28)
    assert three_months_after(datetime.date(2026, 1, 15)) == datetime.date(2026, 4, 15)


def test_alarm_cutoff(settings):
    settings.MESSAGE_ALARM_LEAD_DAYS = 14
    today = datetime.date(2026, 4, 1)
    # three months after the cutoff is on or before 04-15; the next day's is after.
    cutoff = alarm_cutoff(today)
    assert three_months_after(cutoff) <= datetime.date(2026, 4, 15) < three_months_after(cutoff + datetime.timedelta(1))
    assert cutoff == datetime.date(2026, 1, 15)


def test_the_daily_job_reminds_warns_and_alarms_once(settings, make_user, time_machine):
    settings.MESSAGE_REPLY_WORKING_DAYS = 10
    settings.MESSAGE_REMINDER_WORKING_DAYS = 2
    make_user("dl-editor", [bureau("gongan").editors_group], email="gongan@example.com")
    make_user("dl-office", [final_review_group()], email="office@example.com")
    fresh = make_message(received_at=at(2026, 3, 2), subject="新留言")  # due 2026-03-16 (Mon)
    late = make_message(received_at=at(2026, 2, 2), subject="超期留言")  # due 2026-02-16
    old = make_message(received_at=at(2025, 12, 20), subject="三月留言")
    done = make_message(received_at=at(2026, 2, 2), subject="已答复留言", status="answered")
    assert fresh.due_on == datetime.date(2026, 3, 16)

    time_machine.move_to(at(2026, 3, 12, 8))  # Thursday: 03-16 is two working days away
    mail.outbox.clear()
    sent = check_deadlines()
    assert sent == {"alarm": 1, "overdue": 2, "reminder": 1}
    subjects = {m.subject for m in mail.outbox}
    assert any("即将到期" in s and fresh.display_code in s for s in subjects)
    assert any("超期" in s and late.display_code in s for s in subjects)
    alarm = [m for m in mail.outbox if "临近三个月" in m.subject]
    assert alarm and "office@example.com" in {a for m in alarm for a in m.to}
    assert not any(done.display_code in s for s in subjects)
    assert state_of(old, datetime.date(2026, 3, 12)) == "alarm"
    assert state_of(late, datetime.date(2026, 3, 12)) == "overdue"
    assert state_of(fresh, datetime.date(2026, 3, 12)) == "due-soon"

    mail.outbox.clear()
    assert check_deadlines() == {"alarm": 0, "overdue": 0, "reminder": 0}
    assert mail.outbox == []


def test_the_dashboard_shows_overdue_and_alarms(client, make_user, time_machine):
    editor = make_user("db-editor", [bureau("gongan").editors_group])
    office = make_user("db-office", [final_review_group()])
    old = make_message(received_at=at(2025, 12, 20), subject="三月未答复留言")
    late = make_message(received_at=at(2026, 2, 2), subject="超期未答复留言")
    other = make_message(topic="appearance", received_at=at(2026, 2, 2), subject="城管超期留言")
    time_machine.move_to(at(2026, 3, 12, 9))
    panel = section(dashboard(client, editor), "dashboard-messages")
    assert old.subject in panel and late.subject in panel and "临近三个月" in panel and "逾期" in panel
    assert other.subject not in panel
    panel = section(dashboard(client, office), "dashboard-messages")
    assert other.subject in panel and "市城管综合执法局" in panel


def test_senders_details_are_erased_after_the_answer(settings, time_machine):
    settings.MESSAGE_PURGE_DAYS = 180
    message = make_message(received_at=at(2026, 1, 5), status="answered", answered_at=at(2026, 1, 8))
    time_machine.move_to(at(2026, 7, 1))
    assert purge_personal_data() == 0
    time_machine.move_to(at(2026, 7, 8))
    assert purge_personal_data() == 1
    message.refresh_from_db()
    assert (message.contact_name, message.contact_phone, message.personal_data_erased_at is not None) == ("", "", True)
    assert purge_personal_data() == 0


def test_the_jobs_are_scheduled():
    names = {spec["name"]: spec for spec in SCHEDULES}
    assert names["check_message_deadlines"]["func"] == "interaction.tasks.check_message_deadlines"
    assert names["purge_messages"]["func"] == "interaction.tasks.purge_messages"
