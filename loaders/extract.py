"""`sikg extract`: articles in, annotation files (SCHEMA.md shape, with IRIs) out.

>>> from sikg.loaders.articles import Article
>>> art = Article("x", None, "T", "T\\n\\nProjektu atbalsta Sabiedrības integrācijas fonds (SIF).")
>>> [e.name for e in extract_article(art).entities]
['Sabiedrības integrācijas fonds']
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path

from sikg.loaders.annotations import Annotation, Entity, name_key, write_annotation
from sikg.loaders.articles import Article
from sikg.loaders.recognise import Mention, recognise
from sikg.loaders.relations import extract_relations
from sikg.loaders.resolve import resolve_entities, slugify

log = logging.getLogger(__name__)

#: Articles in other languages get an empty annotation (and a log line), not a guess.
SUPPORTED_LANGUAGES = ("lv", "en")


@cache
def _detector():
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    langs = [Language.LATVIAN, Language.ENGLISH, Language.LITHUANIAN, Language.ESTONIAN, Language.RUSSIAN,
             Language.GERMAN, Language.POLISH, Language.FINNISH, Language.SWEDISH]
    return LanguageDetectorBuilder.from_languages(*langs).build()


_LV_LETTERS = re.compile(r"[āčēģīķļņšūž]", re.IGNORECASE)


def detect_language(text: str) -> str:
    """ISO 639-1 code of an article's language (lingua, offline; a letter count where it is absent).

    >>> detect_language("Projektu finansiāli atbalsta Sabiedrības integrācijas fonds.")
    'lv'
    >>> detect_language("The project is funded by the fund.")
    'en'
    """
    sample = text[:3000]
    detector = _detector()
    if detector is not None:
        lang = detector.detect_language_of(sample)
        if lang is not None:
            return lang.iso_code_639_1.name.lower()
    letters = sum(ch.isalpha() for ch in sample) or 1
    return "lv" if len(_LV_LETTERS.findall(sample)) / letters > 0.01 else "en"


def article_language(article: Article) -> str:
    return article.source.language or detect_language(article.text)


def extract_article(article: Article) -> Annotation:
    """Entities and relations of one article (no IRIs yet: see extract_corpus)."""
    language = article_language(article)
    ann = Annotation(article=article.path.name if article.path else f"{article.stem}.txt")
    if language not in SUPPORTED_LANGUAGES:
        log.warning("%s: language %r is not supported (lv, en): empty annotation", article.path, language)
        return ann
    mentions = recognise(article.text, language)
    entities, index = merge_mentions(mentions)
    ann.entities = entities
    ann.relations = extract_relations(article.text, mentions, index, entities, language)
    return ann


def merge_mentions(mentions: list[Mention]) -> tuple[list[Entity], dict[int, Entity]]:
    """One entity per real-world thing of the article: same type and name or alias, a person's
    initial or inflected form joined to the full name, an acronym to the name it abbreviates.
    Returns the entities and, for each mention (by id), its entity."""
    groups: list[list[Mention]] = []
    by_key: dict[tuple[str, str], int] = {}
    for m in mentions:
        keys = {(m.type, _variant_key(f)) for f in (m.name, *m.aliases)}
        hit = next((by_key[k] for k in keys if k in by_key), None)
        if hit is None and m.type == "Person":
            hit = _same_person(m, groups)
        if hit is None and m.type in ("Organisation", "Project", "Programme") and m.name.isupper():
            hit = next((by_key[(t, _variant_key(m.name))] for t in ("Organisation", "Project", "Programme")
                        if (t, _variant_key(m.name)) in by_key), None)
        if hit is None:
            groups.append([m])
            hit = len(groups) - 1
        else:
            groups[hit].append(m)
        for k in keys:
            by_key.setdefault(k, hit)
    entities: list[Entity] = []
    index: dict[int, Entity] = {}
    for group in groups:
        ent = _entity(group)
        entities.append(ent)
        for m in group:
            index[id(m)] = ent
    return entities, index


def _variant_key(name: str) -> str:
    """Spelling variants are one name: diacritics, case, spaces and hyphens ignored
    ("New Door" / "NewDoor", "Šlesvigas" / "Šlēsvigas")."""
    return re.sub(r"[\W_]+", "", slugify(name))


def _same_person(m: Mention, groups: list[list[Mention]]) -> int | None:
    parts = m.name.replace(".", ". ").split()
    if not parts:
        return None
    surname = parts[-1]
    first = parts[0]
    for gi, group in enumerate(groups):
        g = group[0]
        if g.type != "Person":
            continue
        for other in (g.name, *g.aliases):
            o = other.split()
            if len(o) < 2:
                continue
            same_surname = _stem(o[-1]) == _stem(surname)
            same_first = first.rstrip(".") == o[0][: len(first.rstrip("."))] if first.endswith(".") else \
                _stem(first) == _stem(o[0])
            if same_surname and same_first:
                return gi
    return None


def _stem(word: str) -> str:
    return word.casefold()[: max(3, len(word) - 2)]


def _entity(group: list[Mention]) -> Entity:
    etype = group[0].type
    names = [m.name for m in group]
    if etype == "Person":
        full = [n for n in names if not re.match(r"^\w\.", n)]
        # prefer the form found most often, then the longest (the nominative is usually both)
        name = max(full or names, key=lambda n: (names.count(n), -len(n) if False else len(n)))
    else:
        name = max(names, key=lambda n: (names.count(n), len(n)))
    aliases: list[str] = []
    for m in group:
        for a in (m.name, *m.aliases):
            if name_key(a) != name_key(name) and a not in aliases:
                aliases.append(a)
    country = next((m.country for m in group if m.country), None)
    date = place = None
    if etype == "Event":
        date = next((m.cue.split("date:", 1)[1] for m in group if m.cue and m.cue.startswith("date:")), None)
    return Entity(type=etype, name=name, aliases=tuple(aliases), country=country, date=date, place=place)


def extract_corpus(articles: Iterable[Article]) -> Iterator[Annotation]:
    """Extract every article and give every entity its IRI, resolved across all of them."""
    annotations = []
    languages = {}
    for art in articles:
        annotations.append(extract_article(art))
        languages[art.stem] = article_language(art)
    resolution = resolve_entities(annotations, languages=languages)
    for ann in annotations:
        ann.entities = [replace(e, id=resolution.iri(ann.stem, e)) for e in ann.entities]
        yield ann


def write_annotations(annotations: Iterable[Annotation], out_dir: Path) -> int:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    n = 0
    for ann in annotations:
        write_annotation(ann, out_dir / f"{Path(ann.article).stem}.json")
        n += 1
    return n
