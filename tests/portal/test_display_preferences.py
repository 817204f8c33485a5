"""Elder mode and font size are remembered per visitor (cookies) and rendered by the server."""

import pytest

pytestmark = pytest.mark.django_db


def html_tag(client, path="/"):
    html = client.get(path).content.decode()
    return html[html.index("<html") : html.index(">", html.index("<html"))]


def test_default_is_medium_text_without_elder_mode(client):
    tag = html_tag(client)
    assert "font-medium" in tag
    assert "elder" not in tag


def test_switching_elder_mode_on_without_javascript_persists_across_pages(client):
    response = client.get("/xianshi/", {"elder": "1", "next": "/renwu/"})
    assert response.status_code == 302
    assert response["Location"] == "/renwu/"
    assert response.cookies["elder_mode"].value == "1"
    assert response.cookies["elder_mode"]["max-age"] == 365 * 24 * 3600
    assert "elder" in html_tag(client, "/renwu/")
    assert "elder" in html_tag(client, "/danwei/gongan/")
    assert 'aria-pressed="true" data-elder-toggle' in client.get("/").content.decode()
    client.get("/xianshi/", {"elder": "0", "next": "/"})
    assert "elder" not in html_tag(client, "/danwei/")


def test_font_size_choice_persists(client):
    client.get("/xianshi/", {"font": "large", "next": "/"})
    assert "font-large" in html_tag(client, "/renwu/")
    client.get("/xianshi/", {"font": "small", "next": "/"})
    assert "font-small" in html_tag(client, "/danwei/")


def test_unknown_values_are_ignored(client):
    response = client.get("/xianshi/", {"font": "huge", "elder": "maybe", "next": "/"})
    assert "font_size" not in response.cookies
    assert "elder_mode" not in response.cookies
    client.cookies["font_size"] = "<script>"
    assert "font-medium" in html_tag(client)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_the_switch_never_redirects_off_site(client, target):
    response = client.get("/xianshi/", {"elder": "1", "next": target})
    assert response["Location"] == "/"
