"""Logging that says what happened in one line.

Django logs every refused request (PermissionDenied → 403) on `django.request` with the whole
traceback of the refusal, and Wagtail's admin re-raises inside its own handler, so one refused
click filled the log with two tracebacks. A refusal is an expected answer, not an error: one line
with the status and the path is enough. Server errors (5xx) keep their traceback."""

import logging


class OneLineRefusals(logging.Filter):
    def filter(self, record):
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
