"""Reading an honour roll from the XLSX 市文明办 uploads: every row checked, all or nothing.

`read_roll()` parses and validates without writing (the dry run shows its result);
`import_roll()` writes only when no row was rejected, in one transaction, so a file is either
wholly imported or not at all. Rows already on the roll (same kind, level, year and name) are
updated, not doubled, so importing the same file twice changes nothing.

The spreadsheet is untrusted input: size and row caps before parsing, a formula is refused as a
value (never evaluated, never stored), and the text goes through the model's content check."""

import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from bureaus.models.districts import District
from content.honours.models import HonourKind, HonourLevel, HonourRollEntry
from core.spreadsheet import FORMULA_PREFIXES

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
FIRST_YEAR = 1980

# The spreadsheet's own words (the header row and the values 市文明办's lists use).
COLUMNS = {"kind": "类别", "year": "年度", "level": "级别", "name": "名称", "district": "所属地区", "note": "备注"}
REQUIRED = ("kind", "year", "level", "name")
KIND_WORDS = {
    "文明单位": HonourKind.UNIT,
    "文明家庭": HonourKind.FAMILY,
    "文明校园": HonourKind.CAMPUS,
    "文明村镇": HonourKind.VILLAGE,
}
LEVEL_WORDS = {
    "全国": HonourLevel.NATIONAL,
    "全国级": HonourLevel.NATIONAL,
    "省": HonourLevel.PROVINCE,
    "省级": HonourLevel.PROVINCE,
    "云南省": HonourLevel.PROVINCE,
    "市": HonourLevel.CITY,
    "市级": HonourLevel.CITY,
    "昆明市": HonourLevel.CITY,
}


@dataclass
class RowError:
    row: int
    column: str
    reason: str


@dataclass
class RollFile:
    entries: list = field(default_factory=list)  # (row number, unsaved HonourRollEntry)
    errors: list = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self):
        return not self.errors and bool(self.entries)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _open_rows(data):
    """The first sheet's rows as tuples, or raise ValueError with what is wrong with the file."""
    if len(data) > MAX_BYTES:
        raise ValueError(_("The file is larger than 2 MB."))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ValueError(_("The file is not an Excel workbook (.xlsx).")) from error
    sheet = book.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append(values)
        if len(rows) > MAX_ROWS + 1:
            raise ValueError(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
    book.close()
    return rows


def read_roll(data, today=None):
    """Parse and check every row of the workbook `data` (bytes). Nothing is written."""
    result = RollFile()
    try:
        rows = _open_rows(data)
    except ValueError as error:
        result.errors.append(RowError(0, "", str(error)))
        return result
    if not rows:
        result.errors.append(RowError(1, "", _("The sheet is empty.")))
        return result
    header = [_text(value) for value in rows[0]]
    positions = {}
    for key, word in COLUMNS.items():
        if word in header:
            positions[key] = header.index(word)
        elif key in REQUIRED:
            result.errors.append(RowError(1, word, _("The header row has no column “%(column)s”.") % {"column": word}))
    if result.errors:
        return result
    districts = {d.name: d for d in District.objects.all()}
    last_year = (today or timezone.localdate()).year
    seen = {}
    for number, values in enumerate(rows[1:], start=2):
        cells = {key: _text(values[pos]) if pos < len(values) else "" for key, pos in positions.items()}
        if not any(cells.values()):
            continue
        errors = _check_row(number, cells, districts, last_year)
        if errors:
            result.errors.extend(errors)
            continue
        entry = HonourRollEntry(
            kind=KIND_WORDS[cells["kind"]],
            level=LEVEL_WORDS[cells["level"]],
            year=int(cells["year"]),
            name=cells["name"],
            district=districts.get(cells.get("district", "")),
            note=cells.get("note", ""),
        )
        try:
            # The content check and the fields' own limits; uniqueness is the file's (below) and
            # the roll's (an update), not an error.
            entry.full_clean(exclude=["district"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = COLUMNS.get(name, "")
                result.errors.extend(RowError(number, column, message) for message in messages)
            continue
        key = (entry.kind, entry.level, entry.year, entry.name)
        if key in seen:
            result.errors.append(
                RowError(number, COLUMNS["name"], _("The same entry is already on row %(row)d.") % {"row": seen[key]})
            )
            continue
        seen[key] = number
        result.entries.append((number, entry))
    if not result.entries and not result.errors:
        result.errors.append(RowError(2, "", _("The sheet has no rows below the header.")))
    return result


def _check_row(number, cells, districts, last_year):
    errors = []

    def refuse(key, reason):
        errors.append(RowError(number, COLUMNS[key], reason))

    for key, value in cells.items():
        # "=…" is a formula as openpyxl reads it; "+", "-", "@" would become one when the roll is
        # opened in a spreadsheet again.
        if value[:1] in FORMULA_PREFIXES:
            refuse(key, _("A formula is not accepted; type the value itself."))
            return errors
    for key in REQUIRED:
        if not cells.get(key):
            refuse(key, _("This column is empty."))
    if cells["kind"] and cells["kind"] not in KIND_WORDS:
        refuse("kind", _("Must be one of: %(words)s.") % {"words": "、".join(KIND_WORDS)})
    if cells["level"] and cells["level"] not in LEVEL_WORDS:
        refuse("level", _("Must be one of: 全国, 省级, 市级."))
    if cells["year"]:
        year = cells["year"].removesuffix("年")
        if not year.isdigit() or not FIRST_YEAR <= int(year) <= last_year:
            refuse("year", _("Must be a year from %(first)d to %(last)d.") % {"first": FIRST_YEAR, "last": last_year})
        else:
            cells["year"] = year
    district = cells.get("district", "")
    if district and district not in districts:
        refuse("district", _("No district of Kunming is called “%(name)s”.") % {"name": district})
    return errors


def import_roll(data, today=None):
    """Read the workbook and, when no row is rejected, write all of it in one transaction."""
    result = read_roll(data, today=today)
    if not result.ok:
        return result
    entries = [entry for _row, entry in result.entries]
    with transaction.atomic():
        rolls = {(e.kind, e.level, e.year) for e in entries}
        existing = {}
        for kind, level, year in rolls:
            for row in HonourRollEntry.objects.select_for_update().filter(kind=kind, level=level, year=year):
                existing[(row.kind, row.level, row.year, row.name)] = row
        new, changed = [], []
        for entry in entries:
            current = existing.get((entry.kind, entry.level, entry.year, entry.name))
            if current is None:
                new.append(entry)
            elif (current.district_id, current.note) != (entry.district_id, entry.note):
                current.district, current.note = entry.district, entry.note
                current.imported_at = timezone.now()
                changed.append(current)
        HonourRollEntry.objects.bulk_create(new)
        HonourRollEntry.objects.bulk_update(changed, ["district", "note", "imported_at"])
        if new or changed:
            # Bulk writes send no post_save; one tells the page cache (which empties on any save of
            # a content model, portal/page_cache/purge.py) that /rongyu/ changed.
            post_save.send(sender=HonourRollEntry, instance=(new or changed)[0], created=False, raw=False)
    result.created, result.updated = len(new), len(changed)
    return result
