"""Chinese for the admin strings Wagtail ships without a zh_Hans translation.

About a fifth of Wagtail's admin strings have no translation upstream and show in English. The
missing ones are kept, with our Chinese, in a second catalogue directory listed in LOCALE_PATHS
(locale/wagtail_overrides/, see its README). It is separate from locale/zh_Hans/ because our
`makemessages` run drops every msgid our own code does not use.

Which strings are missing is read from the installed Wagtail itself: its English catalogues list
every msgid, its zh_Hans catalogues the translated ones. `manage.py wagtail_messages` brings the
override catalogue in step after a Wagtail upgrade; tests/test_i18n.py fails while an entry is
missing or untranslated. An entry whose translator comment is "keep" stays even when Wagtail
translates it: it corrects Wagtail's Chinese (e.g. where it names "Wagtail" to editors)."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings

DOMAINS = ("django", "djangojs")
LANGUAGE = "zh_Hans"
KEEP = "keep"

HEADER = """\
# Chinese for Wagtail admin strings that Wagtail leaves untranslated (see ../../../README.md).
# Refresh with `manage.py wagtail_messages`, translate every empty msgstr, then `make messages`.
msgid ""
msgstr ""
"Project-Id-Version: kunming-civility-portal wagtail overrides\\n"
"Language: zh_Hans\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"""

_FIELD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$')


@dataclass
class Entry:
    """One message. Strings stay in their escaped .po form (\\" and \\n as written)."""

    msgid: str
    context: str | None = None
    plural: str | None = None
    msgstrs: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def key(self):
        return (self.context, self.msgid)

    @property
    def fuzzy(self):
        return "fuzzy" in self.flags

    @property
    def translated(self):
        return bool(self.msgstrs) and all(self.msgstrs) and not self.fuzzy

    @property
    def kept(self):
        return KEEP in self.comments


def read_po(path):
    """The entries of a .po file (not the header, not obsolete "#~" entries)."""
    entries = []
    for block in re.split(r"\n[ \t]*\n", Path(path).read_text(encoding="utf-8")):
        fields, flags, comments, key = {}, [], [], None
        for line in block.splitlines():
            if line.startswith("#~"):
                fields = {}
                break
            if line.startswith("#,"):
                flags += [flag.strip() for flag in line[2:].split(",") if flag.strip()]
            elif line.startswith("# ") or line == "#":
                comments.append(line[2:].strip())
            elif match := _FIELD.match(line):
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            msgstrs = [v for k, v in sorted(fields.items()) if k.startswith("msgstr")]
            entries.append(
                Entry(fields["msgid"], fields.get("msgctxt"), fields.get("msgid_plural"), msgstrs, flags, comments)
            )
    return entries


def write_po(path, entries):
    lines = [HEADER]
    for entry in entries:
        lines += [f"# {comment}".rstrip() for comment in entry.comments]
        flags = [flag for flag in entry.flags if flag != "fuzzy"]
        if flags:
            lines.append("#, " + ", ".join(flags))
        if entry.context is not None:
            lines.append(f'msgctxt "{entry.context}"')
        lines.append(f'msgid "{entry.msgid}"')
        if entry.plural is not None:
            lines.append(f'msgid_plural "{entry.plural}"')
            lines.append(f'msgstr[0] "{(entry.msgstrs or [""])[0]}"')
        else:
            lines.append(f'msgstr "{(entry.msgstrs or [""])[0]}"')
        lines.append("")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text("\n".join(lines), encoding="utf-8")


def overrides_dir():
    return Path(settings.BASE_DIR) / "locale" / "wagtail_overrides"


def override_path(domain):
    return overrides_dir() / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"


def wagtail_catalogues(domain):
    """(English, Chinese) catalogue paths of each installed Wagtail app that has strings."""
    found = []
    for app in apps.get_app_configs():
        if app.name != "wagtail" and not app.name.startswith("wagtail."):
            continue
        locale = Path(app.path) / "locale"
        english = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
        if english.exists():
            found.append((english, locale / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"))
    return found


def untranslated_upstream(domain):
    """Wagtail's msgids (in installed apps) that its zh_Hans catalogues leave untranslated."""
    needed = {}
    for english, chinese in wagtail_catalogues(domain):
        done = {e.key for e in read_po(chinese) if e.translated} if chinese.exists() else set()
        for entry in read_po(english):
            if entry.key not in done:
                needed.setdefault(entry.key, entry)
    return needed


def missing_translations(domain):
    """msgids still in English in the admin: needed, but absent or empty in our overrides."""
    path = override_path(domain)
    ours = {e.key: e for e in read_po(path)} if path.exists() else {}
    return [key for key in untranslated_upstream(domain) if not (key in ours and ours[key].translated)]


def refresh(domain):
    """Add the newly needed msgids (empty), drop those Wagtail now translates; keep our Chinese."""
    path = override_path(domain)
    ours = {e.key: e for e in read_po(path)} if path.exists() else {}
    needed = untranslated_upstream(domain)
    entries, added = [], 0
    for key, upstream in needed.items():
        if key in ours:
            entries.append(ours[key])
        else:
            added += 1
            entries.append(Entry(upstream.msgid, upstream.context, upstream.plural, [""], upstream.flags))
    entries += [entry for key, entry in ours.items() if entry.kept and key not in needed]
    dropped = [key for key, entry in ours.items() if key not in needed and not entry.kept]
    write_po(path, entries)
    return added, len(dropped)
