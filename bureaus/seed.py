"""Reading the directive and lead units the repository ships (copied from the seed)."""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class SeedTask:
    mechanism_number: int
    mechanism_title: str
    number: int
    title: str
    text: str
    lead_units: tuple

    @property
    def reference(self):
        return f"{self.mechanism_title} {self.number}. {self.title}"


@dataclass(frozen=True)
class SeedBureau:
    name: str
    slug: str
    kind: str
    task_references: tuple = field(default_factory=tuple)


def _load(name):
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return json.load(fh)


@cache
def directive():
    return _load("directive.json")


@cache
def meta():
    return _load("bureau_meta.json")


def mechanism_sections():
    return next(part for part in directive()["parts"] if part["sections"])["sections"]


def mechanisms():
    slugs = meta()["mechanisms"]
    return [(n, section["title"], slugs[section["title"]]) for n, section in enumerate(mechanism_sections(), 1)]


def tasks():
    result = []
    for mechanism_number, section in enumerate(mechanism_sections(), 1):
        for item in section["items"]:
            result.append(
                SeedTask(
                    mechanism_number=mechanism_number,
                    mechanism_title=section["title"],
                    number=item["n"],
                    title=item["title"],
                    text=item["text"],
                    lead_units=tuple(item["lead_units"]),
                )
            )
    return result


def bureaus():
    lead_units = _load("lead_units.json")
    bureau_meta = meta()["bureaus"]
    return [
        SeedBureau(
            name=name, slug=bureau_meta[name]["slug"], kind=bureau_meta[name]["kind"], task_references=tuple(refs)
        )
        for name, refs in lead_units.items()
    ]


def districts():
    return meta()["districts"]
