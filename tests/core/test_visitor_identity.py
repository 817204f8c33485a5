"""Rate limits and counters know a visitor by a keyed hash of their address: nobody can recover
an address or a phone number from the cache by trying them all, and an IPv6 visitor cannot dodge
a limit by moving to another address of their own /64."""

import hashlib

import pytest
from django.test import Client, RequestFactory, override_settings

from core import ratelimit
from core.visitor import client_address, client_hash, keyed_hash

pytestmark = pytest.mark.django_db


def request_from(address):
    return RequestFactory().get("/", REMOTE_ADDR=address)


@pytest.mark.parametrize(
    ("address", "identity"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:9", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("", ""),
    ],
)
def test_an_ipv6_visitor_is_known_by_their_64(address, identity):
    assert client_address(request_from(address)) == identity


def test_the_hash_needs_the_key_to_be_recomputed():
    phone = "13700000001"
    assert keyed_hash(phone, "ratelimit") != hashlib.sha256(phone.encode()).hexdigest()
    with override_settings(SECRET_KEY="another-secret-key-for-this-test-only-0123456789"):
        other = keyed_hash(phone, "ratelimit")
    assert other != keyed_hash(phone, "ratelimit")
    assert keyed_hash(phone, "ratelimit") != keyed_hash(phone, "client")  # one purpose, one key


def test_the_cache_key_of_a_limit_holds_no_plain_hash_of_the_identifier():
    limit = ratelimit.Limit("identity-test", limit=1, window=60)
    key = ratelimit._key(limit, "13700000001", 0)
    assert hashlib.sha256(b"13700000001").hexdigest()[:32] not in key
    assert "13700000001" not in key


def test_two_addresses_of_one_64_share_a_hash_and_other_64s_do_not():
    same = client_hash(request_from("2001:db8:1:2::1")), client_hash(request_from("2001:db8:1:2:aaaa::5"))
    assert same[0] == same[1]
    assert client_hash(request_from("2001:db8:1:3::1")) != same[0]


def test_the_search_suggestions_limit_counts_an_ipv6_64_as_one_visitor(monkeypatch, empty_cache):
    from search import views

    monkeypatch.setattr(views, "SUGGEST_LIMIT", ratelimit.Limit("suggest-identity-test", limit=1, window=60))
    client = Client(HTTP_HOST="localhost")
    assert client.get("/search/suggest/", {"q": "文明"}, REMOTE_ADDR="2001:db8:5:6::1").status_code == 200
    assert client.get("/search/suggest/", {"q": "文明"}, REMOTE_ADDR="2001:db8:5:6:1234::99").status_code == 429
    assert client.get("/search/suggest/", {"q": "文明"}, REMOTE_ADDR="2001:db8:5:7::1").status_code == 200


# Behind nginx, gunicorn's peer is nginx itself: the visitor is the address nginx names.


def test_behind_the_local_nginx_each_visitor_is_counted_apart():
    first = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    second = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.4")
    assert client_address(first) == "203.0.113.7"
    assert client_address(second) == "198.51.100.4"
    assert client_hash(first) != client_hash(second)


def test_a_visitor_who_names_another_address_is_still_counted_as_themselves():
    forged = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_REAL_IP="198.51.100.4")
    assert client_address(forged) == "203.0.113.7"
    garbled = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7, 10.0.0.1")
    assert client_address(garbled) == "127.0.0.1"


@override_settings(TRUSTED_PROXY_IPS=["10.1.0.0/16"])
def test_an_nginx_on_another_host_is_trusted_when_configured():
    assert client_address(RequestFactory().get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_REAL_IP="2001:db8:1:2::9")) == (
        "2001:db8:1:2::/64"
    )
    assert client_address(RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")) == (
        "127.0.0.1"
    )
