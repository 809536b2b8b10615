"""Gazetteers shipped as data files: countries (ISO code, Latvian and English names, Wikidata).

>>> countries = load_countries()
>>> countries.by_name("Zviedrija").iso, countries.by_name("sweden").wikidata
('SE', 'Q34')
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from sikg.loaders.annotations import name_key


def gazetteer_path(name: str) -> Path:
    """A bundled gazetteer file by name (``countries.tsv`` ...)."""
    return Path(str(files("sikg.data") / "gazetteer" / name))


@dataclass(frozen=True)
class CountryEntry:
    iso: str
    lv: str
    en: str
    wikidata: str
    other_names: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.lv, self.en, *self.other_names)


class Countries:
    """Look countries up by ISO code or by any of their names."""

    def __init__(self, entries: list[CountryEntry]) -> None:
        self.entries = entries
        self._by_iso = {e.iso: e for e in entries}
        self._by_name: dict[str, CountryEntry] = {}
        for e in entries:
            for n in e.names:
                self._by_name.setdefault(name_key(n), e)

    def by_iso(self, iso: str | None) -> CountryEntry | None:
        return self._by_iso.get((iso or "").upper())

    def by_name(self, name: str) -> CountryEntry | None:
        return self._by_name.get(name_key(name))

    def __iter__(self):
        return iter(self.entries)


@cache
def load_countries() -> Countries:
    """The bundled country gazetteer."""
    with gazetteer_path("countries.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        entries = [
            CountryEntry(r["iso"], r["lv"], r["en"], r["wikidata"],
                         tuple(n for n in (r.get("other_names") or "").split("|") if n))
            for r in rows
        ]
    return Countries(entries)
