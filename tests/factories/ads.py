"""Test data builders."""

import base64
import datetime
import itertools

from bureaus.models.districts import District
from content.ads.models.placements import (
    AdPlacement,
)
from content.ads.models.works import AdCarrier, AdTheme, PublicServiceAdPage

OWN, OTHER = "gongan", "minzheng"  # 市公安局 and 市民政局


_counter = itertools.count(1)


# 1×1 transparent GIF
GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")


def make_theme():
    n = next(_counter)
    return AdTheme.objects.create(name=f"测试主题{n}", slug=f"test-theme-{n}")


def make_carrier(interval=30, name=None):
    n = next(_counter)
    return AdCarrier.objects.create(
        name=name or f"测试载体{n}", slug=f"test-carrier-{n}", inspection_interval_days=interval
    )


def make_work(owner, title=None, theme=None, **fields):
    n = next(_counter)
    work = PublicServiceAdPage(
        title=title or f"测试作品{n}", slug=f"test-work-{n}", theme=theme or make_theme(), **fields
    )
    owner.add_child(instance=work)
    return work


def make_placement(owner, work=None, carrier=None, place=None, **fields):
    n = next(_counter)
    fields.setdefault("district", District.objects.order_by("sort_order").first())
    fields.setdefault("starts_on", datetime.date(2025, 1, 1))
    return AdPlacement.objects.create(
        work=work or make_work(owner),
        carrier=carrier or make_carrier(),
        place=place or f"测试地点{n}",
        bureau=owner,
        **fields,
    )
