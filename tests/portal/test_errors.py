"""Errors are styled pages in Chinese that leak nothing (no traceback, path or setting)."""

import pytest
from django.test import Client, override_settings
from django.urls import include, path


def explode(request):
    raise RuntimeError("secret-internal-detail")


urlpatterns = [path("boom/", explode), path("", include("portal.urls"))]
handler500 = "portal.views.server_error"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_server_error_page_is_chinese_and_leaks_nothing():
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "服务暂时不可用" in html
    assert "返回首页" in html
    assert "secret-internal-detail" not in html
    assert "Traceback" not in html
    assert "/static/css/portal.css" in html


@pytest.mark.django_db
def test_not_found_page_keeps_the_site_shell(client):
    response = client.get("/renwu/no-such-task/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html
    assert 'role="search"' in html
    assert html.count("<main") == 1
