"""Quarterly filing export (备案) of public-service ad works and placements, per bureau.

Two sections, in this order, for one calendar quarter:

- 作品 (works): live PublicServiceAdPage whose first publication falls in the quarter
  (Asia/Shanghai dates), owned by the chosen bureaus.
- 点位 (placements): placements of the chosen bureaus (responsible bureau) that were up at any time
  in the quarter: `starts_on` ≤ quarter end and (`ends_on` empty or ≥ quarter start), and the
  status is not "planned" (never put up). A "removed" placement counts only if its `ends_on`
  says when it came down; without that date we cannot tell it was up in the quarter.

CSV is one file with both sections (a title row, a header row, the rows, a blank line), UTF-8 with
a BOM so Excel opens the Chinese correctly. XLSX has one sheet per section. Dates are YYYY-MM-DD;
headers and choice labels are Chinese whatever the admin user's language (a filing is a
Chinese document)."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from content.ads.models.placements import AdPlacement, PlacementStatus
from content.ads.models.works import PublicServiceAdPage
from core.dates import format_date
from core.spreadsheet import spreadsheet_text

FILING_LANGUAGE = "zh-hans"


def quarter_bounds(year, quarter):
    """First and last day of a calendar quarter (1–4)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1–4, not {quarter!r}")
    start = datetime.date(year, 3 * quarter - 2, 1)
    next_start = datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
    return start, next_start - datetime.timedelta(days=1)


def _date(value):
    return format_date(value)


@dataclass
class Section:
    title: str
    header: list
    rows: list


def works_in_quarter(bureau_ids, year, quarter):
    start, end = quarter_bounds(year, quarter)
    tz = timezone.get_default_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    queryset = PublicServiceAdPage.objects.live().filter(first_published_at__gte=since, first_published_at__lt=until)
    if bureau_ids is not None:
        queryset = queryset.filter(bureau_id__in=bureau_ids)
    return queryset.select_related("theme", "bureau").order_by("bureau__path", "first_published_at", "pk")


def placements_in_quarter(bureau_ids, year, quarter):
    start, end = quarter_bounds(year, quarter)
    queryset = (
        AdPlacement.objects.filter(starts_on__lte=end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
        .exclude(status=PlacementStatus.PLANNED)
        .exclude(status=PlacementStatus.REMOVED, ends_on__isnull=True)
    )
    if bureau_ids is not None:
        queryset = queryset.filter(bureau_id__in=bureau_ids)
    return queryset.select_related("work", "carrier", "district", "bureau").order_by("bureau__path", "code")


def filing_sections(bureau_ids, year, quarter):
    """The two sections for the bureaus with these ids (None: all bureaus)."""
    with translation.override(FILING_LANGUAGE):
        works = Section(
            title=gettext("Works"),
            header=[
                gettext("Title"),
                gettext("Theme"),
                gettext("Medium of the work"),
                gettext("Bureau"),
                gettext("Valid from"),
                gettext("Valid to"),
                gettext("Sponsor"),
                gettext("Licence"),
                gettext("URL"),
            ],
            rows=[
                [
                    spreadsheet_text(work.title),
                    spreadsheet_text(work.theme.name),
                    str(work.get_medium_display()),
                    spreadsheet_text(work.bureau.title if work.bureau else ""),
                    _date(work.valid_from),
                    _date(work.valid_to),
                    spreadsheet_text(work.sponsor),
                    str(work.get_licence_display()),
                    work.full_url or "",
                ]
                for work in works_in_quarter(bureau_ids, year, quarter)
            ],
        )
        placements = Section(
            title=gettext("Placements"),
            header=[
                gettext("Code"),
                gettext("Work"),
                gettext("Carrier"),
                gettext("Place"),
                gettext("District"),
                gettext("Bureau"),
                gettext("From"),
                gettext("To"),
                gettext("Status"),
                gettext("Last inspected"),
            ],
            rows=[
                [
                    placement.code,
                    spreadsheet_text(placement.work.title),
                    spreadsheet_text(placement.carrier.name),
                    spreadsheet_text(placement.place),
                    spreadsheet_text(placement.district.name),
                    spreadsheet_text(placement.bureau.title),
                    _date(placement.starts_on),
                    _date(placement.ends_on),
                    str(placement.get_status_display()),
                    _date(placement.last_inspected_on),
                ]
                for placement in placements_in_quarter(bureau_ids, year, quarter)
            ],
        )
    return [works, placements]


def export_csv(bureau_ids, year, quarter):
    """Bytes of the CSV file (UTF-8 with BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for number, section in enumerate(filing_sections(bureau_ids, year, quarter)):
        if number:
            writer.writerow([])
        writer.writerow([section.title])
        writer.writerow(section.header)
        writer.writerows(section.rows)
    return buffer.getvalue().encode("utf-8-sig")


def export_xlsx(bureau_ids, year, quarter):
    """Bytes of the XLSX workbook, one sheet per section."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for section in filing_sections(bureau_ids, year, quarter):
        sheet = workbook.create_sheet(section.title)
        sheet.append(section.header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in section.rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
        for column, heading in zip(sheet.columns, section.header, strict=False):
            width = max([len(str(heading)) * 2, *(len(str(c.value or "")) * 2 for c in column)])
            sheet.column_dimensions[column[0].column_letter].width = min(max(width, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(bureau_title, year, quarter, extension):
    label = bureau_title or "全部单位"
    return f"公益广告备案-{label}-{year}年第{quarter}季度.{extension}"
