"""A refused admin request is one line in the log; a server error keeps its traceback."""

import logging

import pytest

from content.exemplars.models import ExemplarPage
from tests.helpers import bureau

pytestmark = pytest.mark.django_db


def test_a_refused_admin_request_is_logged_as_one_line(client, make_user, caplog):
    editor = make_user("log-editor", [bureau("gongan").editors_group])
    client.force_login(editor)
    other = ExemplarPage.objects.exclude(path__startswith=bureau("gongan").path).first()
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(f"/admin/pages/{other.pk}/edit/")
    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == f"Forbidden (Permission denied): /admin/pages/{other.pk}/edit/"
    assert record.exc_info is None and "Traceback" not in caplog.text


def test_a_server_error_keeps_its_traceback(caplog):
    import sys

    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.utils.log import log_response

    request = RequestFactory().get("/boom/")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        error = sys.exc_info()[1]
    with caplog.at_level(logging.ERROR, logger="django.request"):
        log_response(
            "Internal Server Error: %s",
            request.path,
            request=request,
            response=HttpResponse(status=500),
            exception=error,
        )
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info is not None and "RuntimeError: boom" in caplog.text
