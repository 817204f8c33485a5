"""Dates in lists: a valid <time datetime> (no microseconds), the date without the time of day,
and demo pages that were not all published in the same minute."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.models import Page

from core.dates import iso_datetime
from portal.demo.builder import spread_publication_dates

pytestmark = pytest.mark.django_db

# The forms of a valid HTML date or global date-and-time string the templates write.
VALID = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$")


def test_iso_datetime_is_local_whole_seconds():
    value = datetime.datetime(2026, 3, 4, 16, 5, 6, 123456, tzinfo=datetime.UTC)
    assert iso_datetime(value) == "2026-03-05T00:05:06+08:00"
    assert iso_datetime(datetime.date(2026, 3, 4)) == "2026-03-04"
    assert iso_datetime(None) == ""


@pytest.mark.parametrize("path", ["/", "/danwei/"])
def test_list_dates_are_valid_and_show_no_time_of_day(client, path):
    Page.objects.filter(depth__gt=2).update(first_published_at=timezone.now().replace(microsecond=654321))
    html = client.get(path).content.decode()
    values = re.findall(r'<time datetime="([^"]*)">([^<]*)</time>', html)
    for value, shown in values:
        assert VALID.match(value), value
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", shown), shown


def test_the_demo_spreads_publication_dates_once():
    now = timezone.now()
    pages = list(Page.objects.filter(depth__gt=2).order_by("pk")[:12])
    Page.objects.filter(pk__in=[p.pk for p in pages]).update(first_published_at=now)
    spread_publication_dates(now)
    dates = list(Page.objects.filter(pk__in=[p.pk for p in pages]).values_list("first_published_at", flat=True))
    assert len({d.date() for d in dates}) > 6
    assert all(now - datetime.timedelta(days=181) < d < now for d in dates)
    spread_publication_dates(now)  # a second run leaves them where they are
    assert list(Page.objects.filter(pk__in=[p.pk for p in pages]).values_list("first_published_at", flat=True)) == dates
