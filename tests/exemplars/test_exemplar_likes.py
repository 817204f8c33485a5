"""Likes (点赞): once per exemplar, visitor and day, without an account; bulk liking is refused."""

import datetime
import logging

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from content.exemplars import likes
from content.exemplars import models as exemplar_models
from content.exemplars.models import ExemplarLike, ExemplarLikeTally, ExemplarPage, RefusedLike
from core import visitor as visitor_identity
from core.ratelimit import Limit

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 9, 20)


@pytest.fixture(autouse=True)
def fixed_day(empty_cache, monkeypatch):
    monkeypatch.setattr(exemplar_models, "today", lambda: DAY)


@pytest.fixture
def exemplar():
    return ExemplarPage.objects.get(slug="zhou-hongmei")


def zh(message):
    with translation.override("zh-hans"):
        return translation.gettext(message)


def tally(page):
    return ExemplarLikeTally.objects.filter(exemplar=page).values_list("total", flat=True).first() or 0


def like(client, page, json=True, **extra):
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post(reverse("exemplar_like", args=[page.pk]), **headers, **extra)


def visitor(address="203.0.113.7"):
    return Client(HTTP_HOST="localhost", REMOTE_ADDR=address)


def test_a_first_like_counts_and_gives_the_visitor_a_cookie(exemplar):
    before = tally(exemplar)
    client = visitor()
    response = like(client, exemplar)
    assert response.status_code == 200
    assert response.json()["count"] == before + 1 == tally(exemplar)
    cookie = response.cookies[visitor_identity.VISITOR_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 365 * 24 * 3600
    # The page shows the new count and that the visitor liked it today.
    html = client.get(exemplar.url).content.decode()
    assert f"<span data-like-count>{before + 1}</span>" in html
    # The address is kept only as a salted hash.
    row = ExemplarLike.objects.get(exemplar=exemplar)
    assert "203.0.113.7" not in row.source_hash and len(row.source_hash) == 64


def test_a_second_like_the_same_day_changes_nothing_but_the_next_day_counts(exemplar, monkeypatch):
    client = visitor()
    first = like(client, exemplar).json()["count"]
    again = like(client, exemplar)
    assert again.status_code == 200
    assert again.json()["ok"] is False
    assert again.json()["count"] == first == tally(exemplar)
    assert ExemplarLike.objects.filter(exemplar=exemplar).count() == 1
    # Another exemplar the same day is fine.
    other = ExemplarPage.objects.get(slug="liu-changsheng")
    assert like(client, other).json()["ok"] is True

    monkeypatch.setattr(exemplar_models, "today", lambda: DAY + datetime.timedelta(days=1))
    response = like(client, exemplar)
    assert response.json()["ok"] is True
    assert response.json()["count"] == first + 1 == tally(exemplar)


def test_the_form_works_without_javascript(exemplar):
    client = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    page = client.get(exemplar.url)
    token = page.cookies["csrftoken"].value
    html = page.content.decode()
    assert f'action="{reverse("exemplar_like", args=[exemplar.pk])}"' in html
    before = tally(exemplar)
    response = client.post(reverse("exemplar_like", args=[exemplar.pk]), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response["Location"] == f"{exemplar.url}#like"
    html = client.get(exemplar.url).content.decode()
    assert f"<span data-like-count>{before + 1}</span>" in html
    status = html[html.index("data-like-status>") :].split("</p>", 1)[0]
    assert zh("Thank you for your like.") in status


def test_a_like_without_the_csrf_token_is_refused(exemplar):
    client = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    before = tally(exemplar)
    assert like(client, exemplar, json=False).status_code == 403
    assert tally(exemplar) == before


def test_only_post(exemplar):
    assert visitor().get(reverse("exemplar_like", args=[exemplar.pk])).status_code == 405


def test_unknown_or_unpublished_exemplars_cannot_be_liked(exemplar):
    client = visitor()
    assert client.post(reverse("exemplar_like", args=[999999])).status_code == 404
    exemplar.unpublish()
    before = tally(exemplar)
    assert like(client, exemplar).status_code == 404
    assert tally(exemplar) == before


def test_a_tampered_cookie_is_a_new_visitor(exemplar):
    client = visitor()
    client.cookies[visitor_identity.VISITOR_COOKIE] = "0" * 32  # not signed
    response = like(client, exemplar)
    assert response.json()["ok"] is True
    assert response.cookies[visitor_identity.VISITOR_COOKIE].value != "0" * 32


def test_bulk_liking_from_one_source_is_refused_and_logged(exemplar, monkeypatch, caplog):
    monkeypatch.setattr(likes, "LIKES_PER_SOURCE", Limit("test-likes", limit=3, window=3600))
    pages = list(ExemplarPage.objects.live().order_by("pk")[:4])
    client = visitor("198.51.100.9")
    for page in pages[:3]:
        assert like(client, page).status_code == 200
    before = tally(pages[3])
    with caplog.at_level(logging.WARNING, logger="portal.likes"):
        response = like(client, pages[3])
    assert response.status_code == 429
    assert response.json()["message"] == zh("Too many likes have come from your network. Please try again later.")
    assert int(response["Retry-After"]) > 0
    assert tally(pages[3]) == before
    refused = RefusedLike.objects.get()
    assert refused.exemplar_id == pages[3].pk and refused.reason == "rate"
    assert "198.51.100.9" not in refused.source_hash
    assert any(r.name == "portal.likes" and r.levelno == logging.WARNING for r in caplog.records)
    # Another source is not affected.
    assert like(visitor("198.51.100.10"), pages[3]).status_code == 200


def test_many_new_visitor_ids_from_one_source_are_refused(exemplar, monkeypatch):
    monkeypatch.setattr(likes, "NEW_VISITORS_PER_SOURCE", Limit("test-new-visitors", limit=2, window=86400))
    before = tally(exemplar)
    # A script that drops its cookie each time looks like a new visitor every time.
    statuses = [like(visitor("192.0.2.44"), exemplar).status_code for _ in range(4)]
    assert statuses == [200, 200, 429, 429]
    assert tally(exemplar) == before + 2
    assert RefusedLike.objects.filter(reason="new-visitors").count() == 1  # the first refusal of the window


def test_a_refusal_without_javascript_stays_on_the_page_with_a_message(exemplar, monkeypatch):
    monkeypatch.setattr(likes, "LIKES_PER_SOURCE", Limit("test-likes-html", limit=0, window=3600))
    response = like(visitor(), exemplar, json=False)
    assert response.status_code == 429
    html = response.content.decode()
    assert exemplar.person_name in html
    status = html[html.index("data-like-status>") :].split("</p>", 1)[0]
    assert zh("Too many likes have come from your network. Please try again later.") in status
