"""Annotation files (the JSON shape of SCHEMA.md): records, validation, reading, writing, merging.

>>> ann = parse_annotation({"article": "a.txt",
...     "entities": [{"type": "Organisation", "name": "KalmarCo", "country": "SE"}],
...     "relations": []}, "a.json")
>>> ann.entities[0].name, ann.entities[0].country
('KalmarCo', 'SE')
>>> parse_annotation({"entities": [{"type": "Funder", "name": "X"}]}, "b.json")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
sikg.loaders.errors.InputError: b.json: entities[0].type: unknown entity type 'Funder' (expected one of ...)
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from sikg.files import write_atomically
from sikg.loaders.errors import InputError
from sikg.ontology.iris import strip_diacritics
from sikg.ontology.vocabulary import ENTITY_TYPES, PREDICATES

MAX_NAME_CHARS = 300
MAX_ANNOTATION_BYTES = 20_000_000
_QUOTES = "\"'“”„«»‘’‚`"
_DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$")


_UNQUOTE = str.maketrans("", "", _QUOTES)
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def name_key(text: str | None) -> str:
    """The form under which two names count as the same: case, quotes and spacing ignored.

    It is the normalisation of the shared scorer, so that the graph and the scores agree.  Cached:
    the same names are keyed again and again in an article (bounded, so memory stays flat).

    >>> name_key(" Biedrība “NewDoor”. ")
    'biedrība newdoor'
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).translate(_UNQUOTE)
    return _SPACES.sub(" ", text).strip(" .,;:-–—()").casefold()


def fold(text: str | None) -> str:
    """A name folded for lookup: ``name_key`` without diacritics, so that a search typed with or
    without them finds it.

    >>> fold("Sabiedrības integrācijas fonds")
    'sabiedribas integracijas fonds'
    """
    return strip_diacritics(name_key(text))


def fold_words(text: str | None) -> list[str]:
    """The words of a folded name, in order (letters and digits; punctuation splits).

    >>> fold_words("“NewDoor” (Jaunās durvis)")
    ['newdoor', 'jaunas', 'durvis']
    """
    return re.findall(r"\w+", fold(text))


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity of one article, as annotated."""

    type: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    id: str | None = None
    date: str | None = None
    place: str | None = None

    def forms(self) -> set[str]:
        """Every name key of this entity: its name and its aliases."""
        out = {name_key(self.name)} | {name_key(a) for a in self.aliases}
        out.discard("")
        return out

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "name": self.name, "aliases": list(self.aliases),
                               "country": self.country}
        if self.id:
            out["id"] = self.id
        if self.type == "Event":
            out["date"] = self.date
            out["place"] = self.place
        return out


@dataclass(frozen=True, slots=True)
class Relation:
    """One relation between two entities of the same article, named as in its entities."""

    subject: str
    predicate: str
    object: str
    role: str | None = None

    def key(self) -> tuple[str, str, str]:
        return (name_key(self.subject), self.predicate, name_key(self.object))

    def to_json(self) -> dict[str, Any]:
        return {"subject": self.subject, "predicate": self.predicate, "object": self.object, "role": self.role}


@dataclass(slots=True)
class Annotation:
    """The entities and relations of one article.

    A curated annotation may also remove what the extractor found (``removed_entities``,
    ``removed_relations``) or declare itself ``exhaustive``: then only what it lists stays.
    """

    article: str
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    exhaustive: bool = False
    removed_entities: list[tuple[str, str]] = field(default_factory=list)
    removed_relations: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return Path(self.article).stem

    def entity_by_name(self) -> dict[str, Entity]:
        """Every name and alias key of this annotation to its entity (names win over aliases)."""
        out: dict[str, Entity] = {}
        for e in self.entities:
            for f in sorted(e.forms() - {name_key(e.name)}):
                out.setdefault(f, e)
        for e in self.entities:
            out[name_key(e.name)] = e
        return out

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "article": self.article,
            "entities": [e.to_json() for e in self.entities],
            "relations": [r.to_json() for r in self.relations],
        }
        if self.exhaustive:
            out["exhaustive"] = True
        if self.removed_entities or self.removed_relations:
            out["remove"] = {
                "entities": [{"type": t, "name": n} for t, n in self.removed_entities],
                "relations": [{"subject": s, "predicate": p, "object": o} for s, p, o in self.removed_relations],
            }
        return out


#: Bidirectional overrides and isolates, zero-width characters and the byte-order mark: never part of a
#: name, and a name carrying them can display as another ("spoofed"); removed from names and roles.
_INVISIBLE = str.maketrans("", "", "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                  "\u2066\u2067\u2068\u2069\ufeff")


def _text(value: Any, source: str, where: str, *, required: bool = True) -> str | None:
    """A name, role or other text field, cleaned: spacing collapsed, invisible and direction-changing
    characters removed; control characters are an error.

    >>> _text("Liep\u202eājas\u200b centrs", "a.json", "entities[0].name")
    'Liepājas centrs'
    """
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise InputError(source, f"expected a string, got {type(value).__name__}", field=where)
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", value).translate(_INVISIBLE)).strip()
    if not text:
        if required:
            raise InputError(source, "must not be empty", field=where)
        return None
    if len(text) > MAX_NAME_CHARS:
        raise InputError(source, f"longer than {MAX_NAME_CHARS} characters", field=where)
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
        raise InputError(source, "contains control characters", field=where)
    return text


def _parse_entity(raw: Any, source: str, where: str) -> Entity:
    if not isinstance(raw, dict):
        raise InputError(source, "an entity must be a JSON object", field=where)
    etype = raw.get("type")
    if etype not in ENTITY_TYPES:
        raise InputError(source, f"unknown entity type {etype!r} (expected one of {', '.join(ENTITY_TYPES)})",
                         field=f"{where}.type")
    name = _text(raw.get("name"), source, f"{where}.name")
    aliases_raw = raw.get("aliases") or []
    if not isinstance(aliases_raw, list):
        raise InputError(source, "aliases must be a list of strings", field=f"{where}.aliases")
    aliases = []
    for i, a in enumerate(aliases_raw):
        text = _text(a, source, f"{where}.aliases[{i}]", required=False)
        if text and text != name and text not in aliases:
            aliases.append(text)
    country = raw.get("country")
    if country is not None:
        if not (isinstance(country, str) and re.fullmatch(r"[A-Za-z]{2}", country)):
            raise InputError(source, f"country must be an ISO 3166-1 alpha-2 code, got {country!r}",
                             field=f"{where}.country")
        country = country.upper()
    date = raw.get("date")
    if date is not None and not (isinstance(date, str) and _DATE.match(date)):
        raise InputError(source, f"date must be ISO 8601 (YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD), got {date!r}",
                         field=f"{where}.date")
    return Entity(
        type=etype, name=name or "", aliases=tuple(aliases), country=country,
        id=_text(raw.get("id"), source, f"{where}.id", required=False),
        date=date, place=_text(raw.get("place"), source, f"{where}.place", required=False),
    )


def parse_annotation(data: Any, source: str | Path, *, require_declared: bool = True) -> Annotation:
    """Validate a decoded annotation document; InputError names the file and field at fault."""
    source = str(source)
    if not isinstance(data, dict):
        raise InputError(source, "an annotation must be a JSON object")
    article = data.get("article") or Path(source).with_suffix(".txt").name
    if not isinstance(article, str):
        raise InputError(source, "must be the article's file name", field="article")
    ents_raw = _list(data, "entities", source)
    rels_raw = _list(data, "relations", source)
    exhaustive = data.get("exhaustive", False)
    if not isinstance(exhaustive, bool):  # "false" (a string) must not mean true
        raise InputError(source, f"must be true or false, not {json.dumps(exhaustive)[:40]}", field="exhaustive")
    ann = Annotation(article=article, exhaustive=exhaustive)
    seen: set[tuple[str, str]] = set()
    for i, raw in enumerate(ents_raw):
        ent = _parse_entity(raw, source, f"entities[{i}]")
        if (ent.type, name_key(ent.name)) in seen:
            continue
        seen.add((ent.type, name_key(ent.name)))
        ann.entities.append(ent)
    names = ann.entity_by_name()
    rel_seen: set[tuple[str, str, str]] = set()
    for i, raw in enumerate(rels_raw):
        where = f"relations[{i}]"
        if not isinstance(raw, dict):
            raise InputError(source, "a relation must be a JSON object", field=where)
        pred = raw.get("predicate")
        if pred not in PREDICATES:
            raise InputError(source, f"unknown predicate {pred!r} (expected one of {', '.join(PREDICATES)})",
                             field=f"{where}.predicate")
        subj = _text(raw.get("subject"), source, f"{where}.subject")
        obj = _text(raw.get("object"), source, f"{where}.object")
        for part, value in (("subject", subj), ("object", obj)):
            if require_declared and name_key(value) not in names:
                raise InputError(source, f"{value!r} is not the name or alias of an entity in this file",
                                 field=f"{where}.{part}")
        rel = Relation(subj or "", pred, obj or "", _text(raw.get("role"), source, f"{where}.role", required=False))
        if rel.key() not in rel_seen:
            rel_seen.add(rel.key())
            ann.relations.append(rel)
    remove = data.get("remove") or {}
    if not isinstance(remove, dict):
        raise InputError(source, "must be an object with 'entities' and 'relations'", field="remove")
    for i, raw in enumerate(_list(remove, "entities", source, "remove.")):
        if not isinstance(raw, dict) or raw.get("type") not in ENTITY_TYPES:
            raise InputError(source, "needs a known 'type' and a 'name'", field=f"remove.entities[{i}]")
        ann.removed_entities.append((raw["type"], _text(raw.get("name"), source, f"remove.entities[{i}].name") or ""))
    for i, raw in enumerate(_list(remove, "relations", source, "remove.")):
        if not isinstance(raw, dict) or raw.get("predicate") not in PREDICATES:
            raise InputError(source, "needs subject, a known predicate and object", field=f"remove.relations[{i}]")
        ann.removed_relations.append((
            _text(raw.get("subject"), source, f"remove.relations[{i}].subject") or "",
            raw["predicate"],
            _text(raw.get("object"), source, f"remove.relations[{i}].object") or "",
        ))
    return ann


def _list(data: dict, key: str, source: Path | str, prefix: str = "") -> list:
    """``data[key]`` as a list (absent or null: empty); anything else is an InputError naming the field."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(source, "must be a list", field=prefix + key)
    return value


def load_annotation(path: Path) -> Annotation:
    """Read and validate one annotation file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if not data.strip():
        raise InputError(path, "empty file")
    if len(data) > MAX_ANNOTATION_BYTES:
        raise InputError(path, f"too large for an annotation ({len(data):,} bytes)")
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (invalid byte at offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise InputError(path, "JSON nested too deeply") from None
    return parse_annotation(doc, path)


def write_annotation(annotation: Annotation, path: Path) -> None:
    """Write an annotation file atomically (a temporary file renamed into place)."""
    write_atomically(path, json.dumps(annotation.to_json(), ensure_ascii=False, indent=1) + "\n")


def merge_annotations(extracted: Annotation | None, curated: Annotation | None) -> Annotation:
    """Apply a curated annotation to what the extractor found for the same article.

    Curated entities and relations are added; a curated entity replaces an extracted one that
    shares a name or alias (curated names win, extracted aliases are kept); curated removals are
    honoured; an ``exhaustive`` curated annotation keeps nothing else.

    >>> ex = Annotation("a.txt", [Entity("Organisation", "Liepājas Diakonijas centra")],)
    >>> cu = Annotation("a.txt", [Entity("Organisation", "Liepājas Diakonijas centrs",
    ...                                  ("Liepājas Diakonijas centra",))])
    >>> [e.name for e in merge_annotations(ex, cu).entities]
    ['Liepājas Diakonijas centrs']
    """
    if curated is None:
        return extracted or Annotation("")
    if extracted is None or curated.exhaustive:
        return replace(curated, exhaustive=False, removed_entities=[], removed_relations=[])
    removed = {(t, name_key(n)) for t, n in curated.removed_entities}
    removed_rel = {(name_key(s), p, name_key(o)) for s, p, o in curated.removed_relations}
    entities: list[Entity] = []
    renamed: dict[str, str] = {}
    for ex in extracted.entities:
        if (ex.type, name_key(ex.name)) in removed:
            continue
        match = next((c for c in curated.entities if c.type == ex.type and c.forms() & ex.forms()), None)
        if match is not None:
            renamed[name_key(ex.name)] = match.name
            continue
        entities.append(ex)
    merged_curated = []
    for c in curated.entities:
        extra = [a for ex in extracted.entities if ex.type == c.type and c.forms() & ex.forms()
                 for a in (ex.name, *ex.aliases)]
        aliases = tuple(dict.fromkeys(a for a in (*c.aliases, *extra) if name_key(a) != name_key(c.name)))
        merged_curated.append(replace(c, aliases=aliases))
    entities = merged_curated + entities
    relations: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    for r in [*curated.relations, *extracted.relations]:
        r = replace(r, subject=renamed.get(name_key(r.subject), r.subject),
                    object=renamed.get(name_key(r.object), r.object))
        if r.key() in seen or r.key() in removed_rel:
            continue
        seen.add(r.key())
        relations.append(r)
    kept = Annotation(curated.article, entities, relations)
    names = kept.entity_by_name()
    kept.relations = [r for r in relations if name_key(r.subject) in names and name_key(r.object) in names]
    return kept
