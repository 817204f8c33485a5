"""What an indicator answers, and the list of indicators with the rule each one serves.

A status is green, amber (a warning: the rule is not broken yet), red (the rule is broken) or
off (not measured here, e.g. the external probe without an address). "Single veto" (单项否决)
indicators fail a government site outright in the spot check; `manage.py site_health` exits
non-zero when one of them is red."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    GREEN = "green", _("green")
    AMBER = "amber", _("amber")
    RED = "red", _("red")
    OFF = "off", _("not measured")


SEVERITY = {Status.OFF: 0, Status.GREEN: 1, Status.AMBER: 2, Status.RED: 3}


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    single_veto: bool


# In the order the report shows them.
INDICATORS = [
    Indicator("reachability", _("Public pages reachable"), True),
    Indicator("external_probe", _("Public address answers from outside"), True),
    Indicator("home_freshness", _("Home page updated"), True),
    Indicator("column_freshness", _("Columns updated, none empty"), True),
    Indicator("links", _("Links and files resolve"), False),
    Indicator("tampering", _("No tampering left unhandled"), True),
    Indicator("messages", _("Citizens' messages answered within three months"), True),
    Indicator("daily_ad", _("Today's public-service ad shown"), False),
]
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}


@dataclass
class Result:
    """One indicator's answer. `items` are what a person acts on (a page, a column, a message),
    each a dict with `label` and optionally `url`, `bureau_id` and `note`."""

    key: str
    status: str
    summary: str
    figure: int | None = None
    items: list = field(default_factory=list)
    # {bureau pk: figure} for the bureaus' scorecard (scorecard.py).
    by_bureau: dict = field(default_factory=dict)

    @property
    def indicator(self):
        return BY_KEY[self.key]


def count_by_bureau(items):
    counts = {}
    for item in items:
        if item.get("bureau_id"):
            counts[item["bureau_id"]] = counts.get(item["bureau_id"], 0) + 1
    return counts


def worst(statuses):
    statuses = list(statuses)
    return max(statuses, key=lambda status: SEVERITY[status]) if statuses else Status.OFF
