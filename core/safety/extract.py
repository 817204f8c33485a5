"""The text inside an uploaded document, read at a bounded cost, for the content-safety check.

A document library is where spam hides best: a .docx or .pdf on a government site is indexed by
search engines like a page. What an editor uploads is therefore read before it is stored:

- .txt and .csv: decoded as UTF-8, else GB18030;
- .docx, .xlsx, .odt, .ods: zip archives of XML. Each member is read through the zip library up
  to `MAX_MEMBER_BYTES` of *uncompressed* data (a zip bomb stops there), and at most
  `MAX_MEMBERS` members. The XML is not parsed: tags are stripped with a regular expression, so
  no entity is ever expanded (no billion laughs, no external entities) and a truncated member is
  still read; paragraph, row and cell ends become line breaks.
- .pdf: pypdf, the first `MAX_PDF_PAGES` pages;
- .zip: the names of its members.

At most `MAX_TEXT_CHARS` characters are returned. Whatever goes wrong (a damaged or encrypted
file, a format pypdf cannot read) yields the text read so far, never an exception: the upload
then goes on, checked on its title and file name, and the reason is logged."""

import contextlib
import html
import logging
import re
import zipfile
from pathlib import PurePosixPath

logger = logging.getLogger("core.safety")

MAX_TEXT_CHARS = 200_000
MAX_TEXT_FILE_BYTES = 2 * 1024 * 1024
MAX_MEMBER_BYTES = 8 * 1024 * 1024
MAX_MEMBERS = 60
MAX_PDF_PAGES = 30

# Zip members holding a document's text, by format (prefixes, in reading order).
_ZIP_MEMBERS = {
    "docx": ("word/document.xml", "word/header", "word/footer", "word/footnotes.xml", "word/endnotes.xml"),
    "xlsx": ("xl/workbook.xml", "xl/sharedStrings.xml", "xl/worksheets/", "docProps/core.xml"),
    "odt": ("content.xml", "styles.xml", "meta.xml"),
    "ods": ("content.xml", "meta.xml"),
}
_LINE_END = re.compile(r"</(?:w:p|w:tr|a:p|row|text:p|text:h|table:table-row)>|<w:br\b[^>]*>", re.I)
# A spreadsheet's cells and shared strings, a table's cells: words of one row read together.
_SPACE = re.compile(r"</(?:si|c|w:tc|table:table-cell)>|<w:tab\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>?")
_SHEET_NAME = re.compile(r"<sheet\b[^>]*\bname=\"([^\"]*)\"", re.I)


def extension_of(name):
    return PurePosixPath(name or "").suffix.lower().lstrip(".")


def extract_text(upload, name=None):
    """The text of an uploaded file (a Django UploadedFile or any binary file object)."""
    name = name or getattr(upload, "name", "") or ""
    extension = extension_of(name)
    try:
        upload.seek(0)
        if extension in ("txt", "csv"):
            text = _plain_text(upload.read(MAX_TEXT_FILE_BYTES))
        elif extension in _ZIP_MEMBERS:
            text = _zip_xml_text(upload, _ZIP_MEMBERS[extension])
        elif extension == "pdf":
            text = _pdf_text(upload)
        elif extension == "zip":
            text = _zip_names(upload)
        else:
            text = ""
    except Exception as error:  # noqa: BLE001 - any damaged upload: checked on its name alone
        logger.info("content check: could not read the text of %s: %s", name, error)
        text = ""
    finally:
        with contextlib.suppress(Exception):  # a closed file: nothing more to read anyway
            upload.seek(0)
    # PDFs written with two-byte fonts often come out with a NUL between characters.
    return text[:MAX_TEXT_CHARS].replace("\x00", "")


def _plain_text(data):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _xml_text(data):
    text = data.decode("utf-8", errors="replace")
    sheets = " ".join(_SHEET_NAME.findall(text))
    text = _TAG.sub("", _SPACE.sub(" ", _LINE_END.sub("\n", text)))
    return html.unescape((sheets + "\n" if sheets else "") + text)


def _zip_xml_text(upload, prefixes):
    parts, total = [], 0
    with zipfile.ZipFile(upload) as archive:
        members = [
            info
            for prefix in prefixes
            for info in archive.infolist()
            if info.filename.startswith(prefix) and info.filename.endswith(".xml")
        ]
        for info in members[:MAX_MEMBERS]:
            with archive.open(info) as member:
                # Read no more than the cap, whatever the header claims: a bomb stops here.
                text = _xml_text(member.read(MAX_MEMBER_BYTES))
            parts.append(text)
            total += len(text)
            if total >= MAX_TEXT_CHARS:
                break
    return "\n".join(parts)


def _zip_names(upload):
    with zipfile.ZipFile(upload) as archive:
        return "\n".join(info.filename for info in archive.infolist()[: MAX_MEMBERS * 10])


def _pdf_text(upload):
    from pypdf import PdfReader  # loaded only when a PDF is uploaded

    reader = PdfReader(upload)
    parts, total = [], 0
    metadata = reader.metadata or {}
    parts.extend(str(metadata.get(key) or "") for key in ("/Title", "/Subject", "/Keywords"))
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        total += len(text)
        if total >= MAX_TEXT_CHARS:
            break
    return "\n".join(parts)
