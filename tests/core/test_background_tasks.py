"""Background work on django-q2: Wagtail's own tasks through the django-tasks adapter, scheduled
publishing through the q2 scheduler, and tasks that survive a worker dying mid-run.

The worker is run in this process with django-q2's own worker and monitor functions (what
`qcluster` runs in its child processes), so it sees the test's transaction."""

import contextlib
import datetime
from multiprocessing import Value

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.models import OrmQ, Schedule, Success
from django_q.monitor import monitor
from django_q.queues import Queue
from django_q.scheduler import scheduler
from django_q.signing import SignedPackage
from django_q.worker import worker
from django_tasks.base import TaskResultStatus
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.tasks import delete_file_from_storage_task, update_reference_index_task

from bureaus.models.directive import CreationTaskIndexPage, CreationTaskPage, Mechanism
from core.background import RUNNER
from portal.schedules import ensure_schedules
from tests.factories.bureaus import CreationTaskFactory
from tests.helpers import bureau

pytestmark = pytest.mark.django_db

ADAPTER = {"default": {"BACKEND": "core.background.DjangoQBackend"}}
REFERENCE_TASK = "wagtail.tasks.update_reference_index_task"
SEARCH_TASK = "modelsearch.tasks.insert_or_update_object_task"


class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside the task: nothing after this line runs."""


@pytest.fixture
def adapter(settings):
    settings.TASKS = ADAPTER


@contextlib.contextmanager
def queued():
    """Enqueue for a worker instead of running inline (test settings have sync=True)."""
    previous = Conf.SYNC
    Conf.SYNC = False
    try:
        yield
    finally:
        Conf.SYNC = previous


def run_worker(deliveries=None):
    """Run what `qcluster` runs (pusher, worker, monitor) once over the queue, in this process."""
    broker = get_broker()
    if deliveries is None:
        deliveries = []
        while OrmQ.objects.filter(lock__lt=timezone.now()).exists():
            deliveries += broker.dequeue() or []
    task_queue, result_queue = Queue(), Queue()
    for ack_id, payload in deliveries:
        task = SignedPackage.loads(payload)
        task.update(ack_id=ack_id, cluster=Conf.CLUSTER_NAME)
        task_queue.put(task)
    task_queue.put("STOP")
    worker(task_queue, result_queue, Value("f", -1))
    result_queue.put("STOP")
    monitor(result_queue, broker)
    for q in (task_queue, result_queue):
        q.close()
        q.join_thread()
    return len(deliveries)


def references_to(page, target):
    return ReferenceIndex.get_references_for_object(page).filter(to_object_id=str(target.pk)).count()


def test_wagtail_tasks_run_through_django_q(adapter):
    lead = bureau("gongan")
    page = CreationTaskFactory(title="后台任务测试页 qtestpage", lead_bureaus=[lead])

    # The index updates ran as django-q2 tasks, recorded under the Wagtail task's path.
    assert Success.objects.filter(group=REFERENCE_TASK, func=RUNNER).exists()
    assert Success.objects.filter(group=SEARCH_TASK, func=RUNNER).exists()
    assert references_to(page, lead) == 1
    assert list(CreationTaskPage.objects.search("qtestpage")) == [page.page_ptr.specific]

    result = update_reference_index_task.enqueue("content", "creationtaskpage", str(page.pk))
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value is None
    assert update_reference_index_task.get_result(result.id).status == TaskResultStatus.SUCCESSFUL
    assert references_to(page, lead) == 1


def test_queued_tasks_wait_for_a_worker(adapter):
    lead = bureau("gongan")
    with queued():
        page = CreationTaskFactory(lead_bureaus=[lead])
        result = update_reference_index_task.enqueue("content", "creationtaskpage", str(page.pk))

    queued_funcs = {row.task["group"] for row in OrmQ.objects.all()}
    assert {REFERENCE_TASK, SEARCH_TASK} <= queued_funcs
    assert result.status == TaskResultStatus.READY
    result.refresh()
    assert result.status == TaskResultStatus.READY
    assert references_to(page, lead) == 0  # nothing ran in the request

    assert run_worker() >= 3
    assert not OrmQ.objects.exists()  # acknowledged
    assert references_to(page, lead) == 1
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.worker_ids == [Conf.CLUSTER_NAME]


def test_a_failed_task_is_reported_with_its_exception(adapter):
    with queued():
        result = delete_file_from_storage_task.enqueue(["django.core.files.storage.NoSuchStorage", [], {}], "x.txt")
    run_worker()
    result.refresh()
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class is ImportError


def test_an_unknown_result_id_does_not_exist(adapter):
    from django_tasks.exceptions import TaskResultDoesNotExist

    with pytest.raises(TaskResultDoesNotExist):
        update_reference_index_task.get_result("update_reference_index_task-nosuchid")


def test_a_task_whose_worker_died_is_delivered_again(adapter):
    lead = bureau("gongan")
    page = CreationTaskFactory(lead_bureaus=[lead])
    ReferenceIndex.remove_for_object(page)
    with queued():
        update_reference_index_task.enqueue("content", "creationtaskpage", str(page.pk))
    broker = get_broker()
    first = broker.dequeue()
    assert len(first) == 1
    # The worker that took it died: no acknowledgement. Until the retry window passes, nobody
    # else gets it...
    assert broker.dequeue() is None
    row = OrmQ.objects.get()
    assert row.lock > timezone.now() + datetime.timedelta(seconds=Conf.RETRY - 60)
    # ...and after it, the same task is delivered again and runs once to completion.
    OrmQ.objects.filter(pk=row.pk).update(lock=timezone.now() - datetime.timedelta(seconds=1))
    again = broker.dequeue()
    assert again == first
    run_worker(again)
    assert not OrmQ.objects.exists()
    assert references_to(page, lead) == 1


def scheduled_page(title, slug, number, go_live_in):
    """A draft approved for publishing `go_live_in` from now, as the editor's "publish" with a
    go-live date leaves it."""
    page = CreationTaskPage(
        title=title, slug=slug, mechanism=Mechanism.objects.get(number=1), number=number, text="内容", live=False
    )
    CreationTaskIndexPage.objects.get().add_child(instance=page)
    page.go_live_at = timezone.now() + go_live_in
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    return page, revision


def let_go_live_time_pass(revision):
    """The go-live moment passes: move it (in the revision and its approval) into the past."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])


def run_due_schedules():
    Schedule.objects.filter(name="publish_scheduled").update(next_run=timezone.now() - datetime.timedelta(seconds=1))
    scheduler(broker=get_broker())


def test_a_scheduled_page_goes_live_and_expires_through_the_q2_schedule(client):
    ensure_schedules()
    page, revision = scheduled_page("定时发布测试", "scheduled-go-live", 990, datetime.timedelta(hours=1))
    run_due_schedules()
    page.refresh_from_db()
    assert not page.live  # not yet time

    let_go_live_time_pass(revision)
    runs_before = Success.objects.filter(group="publish_scheduled").count()
    run_due_schedules()
    page.refresh_from_db()
    assert page.live
    assert Success.objects.filter(group="publish_scheduled").count() == runs_before + 1
    url = page.url
    assert client.get(url).status_code == 200
    schedule = Schedule.objects.get(name="publish_scheduled")
    assert timezone.now() < schedule.next_run <= timezone.now() + datetime.timedelta(minutes=1)

    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(seconds=1))
    run_due_schedules()
    page.refresh_from_db()
    assert (page.live, page.expired) == (False, True)
    assert client.get(url).status_code == 404


def test_publish_scheduled_killed_mid_run_finishes_without_publishing_twice(monkeypatch):
    first, first_rev = scheduled_page("定时发布一", "scheduled-one", 991, datetime.timedelta(hours=1))
    second, second_rev = scheduled_page("定时发布二", "scheduled-two", 992, datetime.timedelta(hours=1))
    let_go_live_time_pass(first_rev)
    let_go_live_time_pass(second_rev)

    publish = Revision.publish
    calls = []

    def dies_on_the_second(revision, *args, **kwargs):
        calls.append(revision.pk)
        if len(calls) == 2:
            raise WorkerKilled
        return publish(revision, *args, **kwargs)

    monkeypatch.setattr(Revision, "publish", dies_on_the_second)
    with pytest.raises(WorkerKilled):
        call_command("publish_scheduled")
    monkeypatch.setattr(Revision, "publish", publish)
    assert [Page.objects.get(pk=p.pk).live for p in (first, second)] == [True, False]

    call_command("publish_scheduled")  # the re-run after the retry window
    call_command("publish_scheduled")  # and a further minute's run changes nothing
    for page in (first, second):
        assert Page.objects.get(pk=page.pk).live
        entries = PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled")
        assert entries.count() == 1
