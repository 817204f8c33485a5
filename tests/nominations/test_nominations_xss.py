"""Every line of ../shared/security/xss-payloads.txt, stored in every text field of a nomination,
comes out inert: on the public evaluation page, the admin listing and detail, the CSV export and
the notification mail. Nominations are stored directly (the form refuses some payloads anyway;
what matters is what the outputs do with whatever is stored)."""

import csv
import io
import random
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.utils import timezone

from bureaus.models.districts import District
from content.nominations import codes
from content.nominations.models import Nomination, NominationObjection, Stage
from content.nominations.notifications import notify_stage
from core.spreadsheet import spreadsheet_text

pytestmark = pytest.mark.django_db

PAYLOADS = settings.BASE_DIR.parent / "shared" / "security" / "xss-payloads.txt"
TEXT_FIELDS = ("nominee_name", "clue", "deeds", "nominator_name", "nominator_relation", "nominator_unit")
LIMITS = {"nominee_name": 50, "clue": 70, "nominator_name": 50, "nominator_relation": 50, "nominator_unit": 100}
DANGEROUS = set("<>\"'")


def _payloads():
    if not PAYLOADS.is_file():
        pytest.skip(f"{PAYLOADS} is not there")
    return [line for line in PAYLOADS.read_text(encoding="utf-8").split("\n") if line.strip()]


def _store(payloads, district):
    today = timezone.localdate()
    rows = []
    for number, payload in enumerate(payloads):
        values = {field: payload[: LIMITS.get(field, 3000)] for field in TEXT_FIELDS}
        rows.append(
            Nomination(
                tracking_code=codes.new_code(),
                period="2026Q2",
                clue_key=f"xss|{number}|{codes.new_code()}",
                stage=Stage.PUBLICITY,
                publicity_ends_on=today,
                gender="f",
                birth_year=1970,
                district=district,
                category="honesty",
                nominee_awareness="agrees",
                evidence_links="https://example.com/?q=" + payload[:100].replace("\n", ""),
                **values,
            )
        )
    return Nomination.objects.bulk_create(rows)


class _Structure(HTMLParser):
    """Every start tag with its attribute names, in order: what markup a page has, not its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(name for name, _value in attrs))))


def structure(html):
    parser = _Structure()
    parser.feed(html)
    return parser.tags


def _neutralise(rows):
    """The same rows with harmless text: the page built from them is the markup the payloads must not change."""
    Nomination.objects.filter(pk__in=[row.pk for row in rows]).update(
        evidence_links="https://example.com/?q=x", **dict.fromkeys(TEXT_FIELDS, "x")
    )
    NominationObjection.objects.filter(nomination__in=rows).update(text="x")


def test_payloads_are_inert_everywhere(make_user):
    payloads = _payloads()
    district = District.objects.first()
    reviewer = make_user("xss-reviewer", email="xss@example.org")
    reviewer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_nomination", "view_nominator", "screen_nomination", "access_admin"]
        )
    )
    admin = Client(HTTP_HOST="localhost")
    admin.force_login(reviewer)
    public = Client(HTTP_HOST="localhost")
    detail_sample = set(random.Random(6).sample(range(len(payloads)), min(60, len(payloads))))

    for start in range(0, len(payloads), 100):
        chunk = payloads[start : start + 100]
        stored = _store(chunk, district)
        NominationObjection.objects.bulk_create(
            [NominationObjection(nomination=item, text=payload) for item, payload in zip(stored, chunk, strict=True)]
        )
        details = [item.pk for offset, item in enumerate(stored) if start + offset in detail_sample]
        urls = [
            (public, "/tuijian/gongshi/"),
            (admin, "/admin/nominations/?stage=publicity"),
            (admin, "/admin/nominations/?stage=publicity&p=2"),
        ] + [(admin, f"/admin/nominations/{pk}/") for pk in details]
        with_payloads = [client.get(url).content.decode() for client, url in urls]
        assert with_payloads[0].count('class="candidate"') >= len(chunk)
        _neutralise(stored)
        for (_client, url), html in zip(urls, with_payloads, strict=True):
            assert structure(html) == structure(_client.get(url).content.decode()), url
        Nomination.objects.filter(pk__in=[item.pk for item in stored]).update(stage=Stage.REJECTED)

    kept = _store([p for p in payloads if DANGEROUS & set(p[:70])][:100], district)
    export = admin.get("/admin/nominations/export/")
    assert export["Content-Type"].startswith("text/csv") and export["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in export["Content-Disposition"]
    rows = {row[0]: row for row in csv.reader(io.StringIO(export.content.decode("utf-8-sig")))}
    for item in kept:
        cell = rows[item.tracking_code][10]  # the clue: the text itself, never a formula
        assert cell == spreadsheet_text(item.clue) and not cell.startswith(("=", "+", "-", "@"))

    mail.outbox.clear()
    sample = next(item for item in kept if DANGEROUS & set(item.clue))
    notify_stage(sample, Stage.RECEIVED)
    assert mail.outbox, "the screener was not mailed"
    message = mail.outbox[0]
    assert message.content_subtype == "plain" and not getattr(message, "alternatives", [])
    assert sample.clue in message.body  # as text, in a mail that has no HTML part to run it in
