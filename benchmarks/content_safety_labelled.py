"""Recall and false alarms of the content-safety guard on labelled text:
`.venv/bin/python benchmarks/content_safety_labelled.py [--old REV] [--show tune|heldout|all]`.

The labelled examples are in benchmarks/data/ (README.md there): a `tune` part the rules were
developed against and a `heldout` part written and committed before any indicator rule existed,
on which nothing is ever tuned. A text counts as flagged when the guard reports a content finding
(gambling, SEO spam, pornography, fraud, a replaced issuer); an off-list link alone does not count,
since it is a policy finding that says nothing about what the text is.

Three guards are compared:

- `old`: the term-list guard as it was at REV (default 3644e9e, before this work), loaded from git
  into a temporary folder and run in a subprocess;
- `terms`: today's guard with the indicator layer switched off (CONTENT_SAFETY_INDICATORS=False):
  the term list with the new normalisation (Japanese variants, letters as separators);
- `new`: today's guard as it runs on every save.

Misses and false alarms of the tune part are listed with `--show tune`; the held-back part's are
listed only when asked for (`--show heldout`), for reporting, never for tuning; `--part tune`
reports the tune part alone, as rules are developed."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CONTENT = {"gambling", "seo_spam", "pornography", "fraud", "issuer"}
DEFAULT_OLD = "3644e9e"


def examples():
    rows = []
    for path in sorted(DATA.glob("safety_labelled_*.jsonl")):
        rows.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return rows


def shipped_clean_texts():
    """Every string of the directive and the demo data: genuine text the portal publishes."""

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    paths = [*(ROOT / "bureaus/data").glob("*.json"), *(ROOT / "content").glob("*/demo_data.json")]
    texts = [text for path in sorted(paths) for text in strings(json.loads(path.read_text(encoding="utf-8")))]
    return [text for text in texts if len(text) >= 8]


def verdicts(texts):
    """[categories found] for each text, with the guard importable as core.safety.scanner."""
    from core.safety.scanner import scan_text

    return [sorted({finding.category for finding in scan_text(text)} & CONTENT) for text in texts]


def run_in_child(code_root, texts, indicators=True):
    """The verdicts of the guard whose `core` package is under `code_root`, in a fresh process."""
    script = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(code_root)!r})\n"
        "import django\n"
        "from django.conf import settings\n"
        f"settings.configure(USE_I18N=False, ALLOWED_HOSTS=[], CONTENT_SAFETY_INDICATORS={indicators!r})\n"
        f"sys.path.insert(1, {str(Path(__file__).resolve().parent)!r})\n"
        "from content_safety_labelled import verdicts\n"
        "print(json.dumps(verdicts(json.load(sys.stdin))))\n"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", script], input=json.dumps(texts), capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def old_guard(rev, texts):
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(  # noqa: S603 - a revision of this repository
            ["git", "-C", str(ROOT), "archive", rev, "core/__init__.py", "core/safety"],  # noqa: S607 - git on PATH
            capture_output=True,
            check=True,
        )
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)  # noqa: S603, S607
        return run_in_child(folder, texts)


def rates(rows, flagged):
    spam = [row for row, hit in zip(rows, flagged, strict=True) if row["label"] == "spam"]
    found = sum(1 for row, hit in zip(rows, flagged, strict=True) if row["label"] == "spam" and hit)
    clean = [row for row in rows if row["label"] == "clean"]
    alarms = sum(1 for row, hit in zip(rows, flagged, strict=True) if row["label"] == "clean" and hit)
    return found, len(spam), alarms, len(clean)


def percent(part, whole):
    return f"{100 * part / whole:5.1f} %" if whole else "   - "


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", default=DEFAULT_OLD, help="git revision of the term-only guard (default %(default)s)")
    parser.add_argument("--show", choices=["tune", "heldout", "all"], help="list the misses and false alarms")
    parser.add_argument("--part", choices=["tune", "heldout"], help="report one part only (tune while developing)")
    args = parser.parse_args()

    rows = examples()
    texts = [row["text"] for row in rows]
    shipped = shipped_clean_texts()
    guards = {
        "old": lambda batch: old_guard(args.old, batch),
        "terms": lambda batch: run_in_child(ROOT, batch, indicators=False),
        "new": lambda batch: run_in_child(ROOT, batch, indicators=True),
    }
    results, shipped_alarms = {}, {}
    for name, guard in guards.items():
        found = guard(texts + shipped)
        results[name] = [bool(categories) for categories in found[: len(texts)]]
        shipped_alarms[name] = sum(1 for categories in found[len(texts) :] if categories)

    print(f"{len(rows)} labelled examples; {len(shipped)} strings of the shipped directive and demo data (all clean)")
    print(f"{'part':8} {'guard':6} {'recall':>16} {'false alarms':>16}")
    parts = [args.part] if args.part else ["tune", "heldout"]
    for part in parts:
        indexes = [i for i, row in enumerate(rows) if row["part"] == part]
        for name in guards:
            found, spam, alarms, clean = rates([rows[i] for i in indexes], [results[name][i] for i in indexes])
            recall = f"{found:3}/{spam:<3} {percent(found, spam)}"
            print(f"{part:8} {name:6} {recall}  {alarms:3}/{clean:<3} {percent(alarms, clean)}")
    for name in guards:
        alarms = shipped_alarms[name]
        print(f"shipped  {name:6} {'':16}  {alarms:3}/{len(shipped):<4}{percent(alarms, len(shipped))}")

    print("\nrecall by kind (new guard; old guard in brackets), and false alarms by kind")
    for part in parts:
        by_kind = defaultdict(lambda: [0, 0, 0])
        for i, row in enumerate(rows):
            if row["part"] == part:
                entry = by_kind[(row["label"], row["kind"])]
                entry[0] += results["new"][i]
                entry[1] += results["old"][i]
                entry[2] += 1
        line = ", ".join(f"{kind} {new}({old})/{total}" for (label, kind), (new, old, total) in sorted(by_kind.items()))
        print(f"{part}: {line}")

    if args.show:
        print()
        for i, row in enumerate(rows):
            if args.show not in ("all", row["part"]):
                continue
            wrong = results["new"][i] != (row["label"] == "spam")
            if wrong:
                what = "missed" if row["label"] == "spam" else "false alarm"
                print(f"{row['part']} {what} [{row['kind']}]: {row['text']}")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    main()
