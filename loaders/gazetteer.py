"""Gazetteers shipped as data files: countries (ISO code, Latvian and English names, Wikidata).

>>> countries = load_countries()
>>> countries.by_name("Zviedrija").iso, countries.by_name("sweden").wikidata
('SE', 'Q34')
"""
from __future__ import annotations

import csv
import re
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
    iso3: str = ""

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
                         tuple(n for n in (r.get("other_names") or "").split("|") if n), r.get("iso3") or "")
            for r in rows
        ]
    return Countries(entries)


@dataclass(frozen=True)
class KnownEntity:
    """A gazetteer entry: a place, programme or organisation with its canonical name."""

    type: str
    name: str
    country: str | None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None


class Gazetteer:
    """Every name form of the shipped gazetteers, looked up by name key.

    >>> gz = load_gazetteer()
    >>> gz.lookup("Zviedrijā").name, gz.lookup("University of Latvia").name
    ('Zviedrija', 'Latvijas Universitāte')
    """

    def __init__(self, entries: list[KnownEntity], first_names: set[str]) -> None:
        self.entries = entries
        self.first_names = first_names
        self._by_form: dict[str, KnownEntity] = {}
        self._by_slip: dict[tuple[str, ...], KnownEntity] | None = None
        for e in entries:
            for form in (e.name, *e.aliases):
                self._by_form.setdefault(name_key(form), e)

    def lookup(self, name: str) -> KnownEntity | None:
        return self._by_form.get(name_key(name))

    def lookup_slipped(self, name: str) -> KnownEntity | None:
        """A name of three words or more whose modifiers slipped in their endings, as writers' agreement
        slips do ("Eiropas Reģionālā attīstības fonds" for "… Reģionālās …"): the same words but for the
        endings of the words before the head, the same head.

        >>> load_gazetteer().lookup_slipped("Eiropas Reģionālā attīstības fonds").name
        'Eiropas Reģionālās attīstības fonds'
        """
        key = _slip_key(name)
        if key is None:
            return None
        if self._by_slip is None:
            self._by_slip = {}
            for e in self.entries:
                if e.type in ("Organisation", "Programme"):
                    k = _slip_key(e.name)
                    if k is not None:
                        self._by_slip.setdefault(k, e)
        return self._by_slip.get(key)

    def forms(self) -> dict[str, KnownEntity]:
        return self._by_form


def _slip_key(name: str) -> tuple[str, ...] | None:
    """A long name's words before its head by their first six letters (where endings slip), its head in full."""
    words = name_key(name).split()
    if len(words) < 3:
        return None
    return (*(w[:6] for w in words[:-1]), words[-1])


def _rows(name: str) -> list[dict[str, str]]:
    with gazetteer_path(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))


def inflected_forms(name: str) -> list[str]:
    """The case forms of a Latvian multi-word name, inflecting its head noun (and the adjectives
    agreeing with it) and keeping what follows the head; a plural head too.

    >>> inflected_forms("Eiropas Solidaritātes korpuss")[1]
    'Eiropas Solidaritātes korpusa'
    >>> inflected_forms("EEZ un Norvēģijas finanšu instrumenti")[1]
    'EEZ un Norvēģijas finanšu instrumentu'
    """
    from sikg.loaders.morphology import analyse, decline

    words = name.split()
    if len(words) < 2 or (not any(ch in name for ch in "āēīūčšžņļķģ") and not analyse(words[-1])):
        return []
    head = len(words) - 1
    while head > 0 and not any(a.is_noun and a.case == "nom" for a in analyse(words[head])):
        head -= 1
    if head == 0:
        return []
    forms = decline(" ".join(words[: head + 1]))
    rest = " ".join(words[head + 1:])
    return [f"{f} {rest}".strip() for f in forms.values()]


@dataclass(frozen=True)
class Link:
    """A curated link to Wikidata (``data/links.tsv``)."""

    type: str
    name: str
    wikidata: str
    relation: str  # sameAs | exactMatch


@cache
def load_links() -> tuple[Link, ...]:
    """The curated Wikidata links; a bad row is an InputError naming the line."""
    from sikg.loaders.errors import InputError

    path = Path(str(files("sikg.data") / "links.tsv"))
    out = []
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        for n, row in enumerate(rows, start=2):
            qid, rel = (row.get("wikidata") or "").strip(), (row.get("relation") or "sameAs").strip()
            if not re.fullmatch(r"Q[1-9][0-9]*", qid) or rel not in ("sameAs", "exactMatch"):
                raise InputError(path, f"row {n}: needs a Wikidata Q-identifier and sameAs or exactMatch")
            out.append(Link(row["type"].strip(), row["name"].strip(), qid, rel))
    return tuple(out)


@cache
def load_gazetteer() -> Gazetteer:
    """Countries (every case form), places, programmes, organisations and first names."""
    from sikg.loaders.morphology import decline

    entries: list[KnownEntity] = []
    countries = load_countries()
    forms_by_iso: dict[str, list[str]] = {}
    for row in _rows("country_forms.tsv"):
        forms_by_iso.setdefault(row["iso"], []).append(row["form"])
    for c in countries:
        entries.append(KnownEntity("Country", c.lv, c.iso, tuple(forms_by_iso.get(c.iso, c.names)), c.wikidata))
    for row in _rows("places.tsv"):
        aliases = [a for a in (row.get("aliases") or "").split("|") if a]
        forms = [f for f in decline(row["name"]).values() if f != row["name"]]
        entries.append(KnownEntity("Place", row["name"], row["country"] or None, tuple(aliases + forms)))
    for kind, fname in (("Programme", "programmes.tsv"), ("Organisation", "organisations.tsv")):
        for row in _rows(fname):
            aliases = tuple(a for a in (row.get("aliases") or "").split("|") if a)
            aliases += tuple(dict.fromkeys(f for form in (row["name"], *aliases) for f in inflected_forms(form)
                                           if f != form))  # an alias is written in every case too
            entries.append(KnownEntity(kind, row["name"], row.get("country") or None, aliases))
    first_names: set[str] = set()
    with gazetteer_path("first_names.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                first_names.update(line.split())
    return Gazetteer(entries, first_names)
