"""Text a spreadsheet program opens as text, never as a formula (CSV/formula injection).

A cell starting with = + - @ (or a tab or carriage return before them) runs as a formula when a
CSV is opened in Excel or WPS: a page title, a quiz question or a nominee's name typed as
`=HYPERLINK(...)` would become a live link or worse on a reviewer's desk. Our own exports write
every text cell through `spreadsheet_text`; `install()` makes Wagtail's list and report exports
(which write CSV cells as they are) do the same."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """The text of a cell, prefixed with an apostrophe when a spreadsheet would run it."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def install():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises_formulas", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        value = original(self, field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return spreadsheet_text(value)
        return value

    preprocess_field_value.neutralises_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
