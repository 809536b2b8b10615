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
from sikg.loaders.recognise import Mention, Recogniser
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
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


_LV_LETTERS = re.compile(r"[āčēģīķļņšūž]", re.IGNORECASE)


def detect_language(text: str) -> str:
    """ISO 639-1 code of an article's language (lingua, offline; a letter count where it is absent).

    >>> detect_language("Projektu finansiāli atbalsta Sabiedrības integrācijas fonds.")
    'lv'
    >>> detect_language("The project is funded by the fund.")
    'en'
    """
    sample = text[:1500]
    detector = _detector()
    if detector is not None:
        lang = detector.detect_language_of(sample)
        if lang is not None:
            return lang.iso_code_639_1.name.lower()
    letters = sum(ch.isalpha() for ch in sample) or 1
    return "lv" if len(_LV_LETTERS.findall(sample)) / letters > 0.01 else "en"


def article_language(article: Article) -> str:
    return article.source.language or detect_language(article.text)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_text(text: str) -> str:
    """Control and bidirectional-override characters become spaces (same length, offsets kept):
    they are never part of a name, and names must not carry them into the graph."""
    return _CONTROL.sub(" ", text)


def extract_article(article: Article) -> Annotation:
    """Entities and relations of one article (no IRIs yet: see extract_corpus)."""
    language = article_language(article)
    ann = Annotation(article=article.path.name if article.path else f"{article.stem}.txt")
    if language not in SUPPORTED_LANGUAGES:
        log.warning("%s: language %r is not supported (lv, en): empty annotation", article.path, language)
        return ann
    text = clean_text(article.text)
    recogniser = Recogniser(text, language)
    mentions = recogniser.run()
    entities, index = merge_mentions(mentions)
    relations = extract_relations(text, mentions, index, entities, language, recogniser.sentences)
    sentences = [text[s[0].start:s[-1].end] if s else "" for s in recogniser.sentences]
    ann.entities = [_with_date_and_place(e, mentions, index, relations, sentences) for e in entities]
    ann.relations = relations
    return ann


def _with_date_and_place(ent: Entity, mentions: list[Mention], index: dict[int, Entity],
                         relations: list, sentences: list[str]) -> Entity:
    """An event's start date (the first date in a sentence that names it) and place (heldIn)."""
    if ent.type != "Event":
        return ent
    place = next((r.object for r in relations if r.subject == ent.name and r.predicate == "heldIn"), None)
    date = None
    for m in mentions:
        if index.get(id(m)) is ent:
            date = find_date(sentences[m.sentence])
            if date:
                break
    return replace(ent, date=date, place=place)


_MONTHS = {"janvār": 1, "februār": 2, "mart": 3, "aprīl": 4, "maij": 5, "jūnij": 6, "jūlij": 7, "august": 8,
           "septembr": 9, "oktobr": 10, "novembr": 11, "decembr": 12, "january": 1, "february": 2, "march": 3,
           "april": 4, "may": 5, "june": 6, "july": 7, "august ": 8, "september": 9, "october": 10,
           "november": 11, "december": 12}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True)).replace(" ", "")


def find_date(text: str) -> str | None:
    """The first date in a text as ISO 8601 (``--MM-DD`` when the year is not given).

    >>> find_date("2021. gada 7. janvārī notika"), find_date("No 13. līdz 15. septembrim")
    ('2021-01-07', '--09-13')
    >>> find_date("between 16th and 19th of August 2022")
    '2022-08-16'
    """
    m = re.search(rf"(?:(\d{{4}})\.\s*gada\s+)?(\d{{1,2}})\.\s*(?:(?:līdz|-|–)\s*\d{{1,2}}\.\s*)?({_MONTH_RE})\w*",
                  text, re.IGNORECASE)
    if m:
        year, day, month = m.group(1), int(m.group(2)), _MONTHS[m.group(3).lower()]
        if 1 <= day <= 31:
            return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    m = re.search(rf"(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:and|-|–)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
                  rf"({_MONTH_RE})\w*\s*(\d{{4}})?", text, re.IGNORECASE)
    if m:
        day, month, year = int(m.group(1)), _MONTHS.get(m.group(2).lower()), m.group(3)
        if month and 1 <= day <= 31:
            return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    m = re.search(r"\b(\d{2})\.(\d{2})\.(\d{4})\b", text)
    if m and 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
    return None


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
        name = max(full or names, key=lambda n: (names.count(n), len(n)))
    else:
        name = max(names, key=lambda n: (names.count(n), len(n)))
    aliases: list[str] = []
    for m in group:
        for a in (m.name, *m.aliases):
            if name_key(a) != name_key(name) and a not in aliases:
                aliases.append(a)
    country = next((m.country for m in group if m.country), None)
    return Entity(type=etype, name=name, aliases=tuple(aliases), country=country)


def safe_extract(article: Article) -> Annotation:
    """extract_article, but a failure on one article is logged and gives an empty annotation,
    so that a batch always goes on."""
    try:
        return extract_article(article)
    except Exception as exc:  # one odd article must not stop the batch
        log.error("%s: extraction failed (%s: %s); empty annotation written", article.path,
                  type(exc).__name__, exc)
        return Annotation(article=article.path.name if article.path else f"{article.stem}.txt")


def extract_corpus(articles: Iterable[Article], *, progress: bool = False) -> Iterator[Annotation]:
    """Extract every article and give every entity its IRI, resolved across all of them."""
    from tqdm import tqdm

    annotations = []
    languages = {}
    articles = list(articles)
    for art in tqdm(articles, desc="extracting", unit="article", disable=not progress or len(articles) < 200):
        language = article_language(art)  # detected once, then carried by the article
        annotations.append(safe_extract(replace(art, source=replace(art.source, language=language))))
        languages[art.stem] = language
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
