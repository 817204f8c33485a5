"""CSV export of nominations for reviewers. Nominators' details are columns only for users with
`content.view_nominator`, and each nomination so exported is logged. Cells that a spreadsheet
would run as a formula are prefixed with an apostrophe (core/spreadsheet.py)."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from content.nominations.access import readable
from content.nominations.models import NominatorDataAccess
from core.dates import format_datetime
from core.spreadsheet import spreadsheet_text


def rows(user):
    with_nominator = user.has_perm("content.view_nominator")
    header = [
        _("Tracking code"),
        _("Stage"),
        _("Submitted"),
        _("Additional recommendation of"),
        _("Nominee"),
        _("Gender"),
        _("Year of birth"),
        _("Month of birth"),
        _("District"),
        _("Category"),
        _("Clue"),
        _("Deeds"),
        _("Evidence links"),
        _("Likes"),
    ]
    if with_nominator:
        header += [_("Nominator"), _("Mobile number"), _("Relation"), _("Unit")]
    yield header
    queryset = readable(user).select_related("district", "same_clue_of").order_by("created_at", "id")
    exported = []
    for item in queryset.iterator(chunk_size=500):
        row = [
            item.tracking_code,
            item.get_stage_display(),
            format_datetime(item.created_at),
            item.same_clue_of.tracking_code if item.same_clue_of else "",
            item.nominee_name,
            item.get_gender_display(),
            item.birth_year,
            item.birth_month or "",
            item.district.name,
            item.get_category_display(),
            item.clue,
            item.deeds,
            item.evidence_links,
            item.like_count,
        ]
        if with_nominator:
            row += [item.nominator_name, item.nominator_phone, item.nominator_relation, item.nominator_unit]
            if item.personal_data_erased_at is None:
                exported.append(NominatorDataAccess(nomination_id=item.pk, user=user, action="export"))
        yield [spreadsheet_text(value) if isinstance(value, str) else value for value in row]
    NominatorDataAccess.objects.bulk_create(exported, batch_size=500)


def export_csv(user):
    output = io.StringIO()
    writer = csv.writer(output)
    for row in rows(user):
        writer.writerow(row)
    return "\ufeff" + output.getvalue()  # the BOM makes Excel read the file as UTF-8


def export_response(user):
    response = HttpResponse(export_csv(user), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="nominations-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
