"""A django-tasks backend that hands tasks to django-q2, so Wagtail's own background work (search
and reference index updates, deleting the files of removed images and documents) runs in
`qcluster` beside our scheduled jobs instead of inside the editor's request.

django-tasks ships only the immediate and dummy backends, and django-q2 has no django-tasks
backend of its own. Each task goes to the worker as a call of `run_task` with the task's import
path and its JSON-normalised arguments, which django-q2 pickles without surprises.

Delivery is at least once: with the ORM broker a worker killed mid-task leaves the queue row
locked, and after `Q_CLUSTER["retry"]` seconds another worker runs the task again (Wagtail's
index updates and file deletions are idempotent). The ORM broker writes the queue row in the
caller's transaction, so a rolled-back save leaves no task and a worker never sees a task before
the row it refers to; Wagtail enqueues from `post_save` without waiting for the commit. The Redis
broker is outside the transaction, so there the task is pushed only once the transaction commits."""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.conf import Conf
from django_q.tasks import async_task
from django_tasks import DEFAULT_TASK_QUEUE_NAME
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskContext, TaskError, TaskResult, TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id, normalize_json

RUNNER = "core.background.run_task"
# django-q2 keeps the name in a 100-character column; the id is its unique part.
_NAME_PREFIX_MAX = 60
# The last line of a formatted traceback: "package.module.ExceptionClass: message".
_EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*)(?::|$)")


def run_task(module_path, args, kwargs, result_id=None):
    """What the django-q2 worker executes: the django-tasks task at `module_path`."""
    target = import_string(module_path)
    if not isinstance(target, Task):
        # A plain function at that path (a task object kept under another name).
        return normalize_json(target(*args, **kwargs))
    if target.takes_context:
        context = TaskContext(task_result=_running_result(target, result_id, args, kwargs))
        return normalize_json(target.call(context, *args, **kwargs))
    return normalize_json(target.call(*args, **kwargs))


def _running_result(task, result_id, args, kwargs):
    now = timezone.now()
    return TaskResult(
        task=task,
        id=result_id or get_random_id(),
        status=TaskResultStatus.RUNNING,
        enqueued_at=None,
        started_at=now,
        last_attempted_at=now,
        finished_at=None,
        args=args,
        kwargs=kwargs,
        backend=task.backend,
        errors=[],
        worker_ids=[Conf.CLUSTER_NAME],
    )


def _error_from(text):
    """django-q2 stores a failure as "<message> : <traceback>"; recover the exception class."""
    lines = [line for line in str(text).strip().splitlines() if line.strip()]
    match = _EXCEPTION_LINE.match(lines[-1]) if lines else None
    path = match.group(1) if match else "Exception"
    if "." not in path:
        path = f"builtins.{path}"
    return TaskError(exception_class_path=path, traceback=str(text))


class DjangoQBackend(BaseTaskBackend):
    """TASKS = {"default": {"BACKEND": "core.background.DjangoQBackend"}}.

    Queue names other than "default" go to the django-q2 cluster of that name
    (`manage.py qcluster -n NAME`); list them in QUEUES. django-q2 has no priorities and no
    delayed one-off tasks, so neither is offered."""

    supports_defer = False
    supports_async_task = True  # the worker runs coroutines through async_to_sync
    supports_get_result = True  # results live in django-q2's Task table, readable from any process
    supports_priority = False

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=f"{task.name[:_NAME_PREFIX_MAX]}-{get_random_id()}",
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,  # normalised to JSON types by TaskResult
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        q_options = {"task_name": result.id, "group": task.module_path[:100]}
        if task.queue_name != DEFAULT_TASK_QUEUE_NAME:
            q_options["cluster"] = task.queue_name

        def push():
            async_task(RUNNER, task.module_path, result.args, result.kwargs, result.id, q_options=q_options)

        if Conf.ORM:
            push()
        else:
            transaction.on_commit(push)
        task_enqueued.send(type(self), task_result=result)
        if Conf.SYNC:
            # sync=True (tests, debugging) ran the task inside async_task: report what happened.
            try:
                return self.get_result(result.id)
            except TaskResultDoesNotExist:
                return result
        return result

    def get_result(self, result_id):
        from django_q.models import OrmQ
        from django_q.models import Task as QTask

        done = QTask.objects.filter(name=result_id).first()
        if done is not None:
            return self._finished_result(result_id, done)
        if Conf.ORM:
            # Still queued (or taken by a worker: its lock lies in the future until the retry window).
            now = timezone.now()
            for row in OrmQ.objects.all():
                package = row.task
                if package.get("name") == result_id:
                    running = row.lock is not None and row.lock > now
                    return self._queued_result(result_id, package, running)
        # Redis keeps no receipts; successes beyond Q_CLUSTER["save_limit"] are pruned.
        raise TaskResultDoesNotExist(result_id)

    def _finished_result(self, result_id, done):
        module_path, args, kwargs = done.args[:3]
        result = TaskResult(
            task=import_string(module_path),
            id=result_id,
            status=TaskResultStatus.SUCCESSFUL if done.success else TaskResultStatus.FAILED,
            enqueued_at=None,
            started_at=done.started,
            last_attempted_at=done.started,
            finished_at=done.stopped,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[] if done.success else [_error_from(done.result)],
            worker_ids=[done.cluster or ""] * max(done.attempt_count, 1),
        )
        if done.success:
            object.__setattr__(result, "_return_value", done.result)
        return result

    def _queued_result(self, result_id, package, running):
        module_path, args, kwargs = package["args"][:3]
        return TaskResult(
            task=import_string(module_path),
            id=result_id,
            status=TaskResultStatus.RUNNING if running else TaskResultStatus.READY,
            enqueued_at=package.get("started"),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
