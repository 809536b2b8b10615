"""`sikg extract`: articles in, annotation files (SCHEMA.md shape, with IRIs) out.

>>> from sikg.loaders.articles import Article
>>> art = Article("x", None, "T", "T\\n\\nProjektu atbalsta Sabiedrības integrācijas fonds (SIF).")
>>> [e.name for e in extract_article(art).entities]
['Sabiedrības integrācijas fonds']
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Final

from sikg.loaders.annotations import Annotation, Entity, Relation, name_key, write_annotation
from sikg.loaders.articles import Article
from sikg.loaders.dates import find_date, first_year, with_year
from sikg.loaders.extract.model import Model, load_model, shipped_model
from sikg.loaders.extract.relate import ArticleView, EntityMentions
from sikg.loaders.extract.tagger import (
    canonical_name,
    features,
    mention_tags,
    quoted_parts,
    sentence_words,
    tags_to_spans,
)
from sikg.loaders.language import detect_language
from sikg.loaders.recognise import Mention, Recogniser, _event_lead, _lemma
from sikg.loaders.relations import extract_relations
from sikg.loaders.resolve import resolve_entities, slugify

log = logging.getLogger(__name__)

#: Articles in other languages get an empty annotation (and a log line), not a guess.
SUPPORTED_LANGUAGES = ("lv", "en")


def article_language(article: Article) -> str:
    """The article's language: as read (``read_article`` fills it where the metadata is silent)."""
    return article.source.language or detect_language(article.text)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


#: Markdown emphasis around words (``_Open Society Institute_``, ``*Caritas*``), as text converted
#: from web pages carries it.
_EMPHASIS = re.compile(r"(?<![\w*_])[_*]{1,2}(?=\w)|(?<=[\w.])[_*]{1,2}(?![\w*_])")


#: Two apostrophes written for a quotation mark (''Zinis''): opening before a word, closing after one.
_TWO_APOSTROPHES = re.compile(r"(?<!\w)''(?=\w)|(?<=[\w.!?])''(?!\w)")


#: What a variant key leaves out of a name's slug.
_NOT_LETTERS = re.compile(r"[\W_]+")


def _as_quotation_mark(m: re.Match) -> str:
    opening = m.end() < len(m.string) and m.string[m.end()].isalnum()
    return ' "' if opening else '" '


def clean_text(text: str) -> str:
    """Control and bidirectional-override characters, and markdown emphasis marks, become spaces,
    and two apostrophes a quotation mark (same length, offsets kept): they are never part of a name,
    and names must not carry them into the graph.

    >>> clean_text("(_Open Society Institute_) un *Caritas*; file_name")
    '( Open Society Institute ) un  Caritas ; file_name'
    >>> clean_text("biedrības ''Zinis'' valde")
    'biedrības  "Zinis"  valde'
    """
    if "_" in text or "*" in text:  # the cheap test first: most articles have neither
        text = _EMPHASIS.sub(lambda m: " " * len(m.group()), text)
    if "''" in text:
        text = _TWO_APOSTROPHES.sub(_as_quotation_mark, text)
    return _CONTROL.sub(" ", text)


#: The tagger's mean marginal probability a name it adds must reach (cross-validated by publisher; with
#: this round's rules, entity F1 0.844 at 0.5, 0.845 at 0.6, 0.846 at 0.7, 0.847 at 0.8, 0.845 at 0.9:
#: the better the rules, the surer an addition must be).
ADD_CONFIDENCE: Final = 0.8
#: Stands for "the shipped model" in ``extract_article(..., model=SHIPPED)``.
SHIPPED: Final = "shipped"


@dataclass(slots=True)
class Analysis:
    """One article read: its text and sentences, the rule and final mentions, entities, relations."""

    language: str
    text: str
    sentences: list
    mentions: list[Mention]
    entities: list[Entity]
    rule_relations: list[Relation]


def analyse_article(article: Article, model: Model | None) -> Analysis | None:
    """Names (the rules, then the model's tagger) and the rules' relations of one article; None for an
    article in a language the extractor does not read."""
    language = article_language(article)
    if language not in SUPPORTED_LANGUAGES:
        log.warning("%s: language %r is not supported (lv, en): empty annotation", article.path, language)
        return None
    text = clean_text(article.text)
    recogniser = Recogniser(text, language)
    mentions = recogniser.run()
    if model is not None:
        mentions = tagged_mentions(model, text, recogniser.sentences, mentions, language)
    entities = merge_mentions(mentions)
    relations = extract_relations(text, mentions, entities, language, recogniser.sentences)
    return Analysis(language, text, recogniser.sentences, mentions, entities, relations)


def tagged_mentions(model: Model, text: str, sentences: list, rule_mentions: list[Mention],
                    language: str) -> list[Mention]:
    """The rules' mentions, and the names the model's tagger finds where the rules found none (the
    tagger reads the rules' findings as features), named by their nominative."""
    tagger = model.entity_tagger()
    by_sentence: dict[int, list[Mention]] = {}
    for m in rule_mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    out: list[Mention] = list(rule_mentions)
    for si, sent in enumerate(sentences):
        words = sentence_words(sent)
        if not words:
            continue
        rules = by_sentence.get(si, [])
        tags = tagger.tag(features(words, mention_tags(words, rules), language))
        spans = [(a, b, etype) for i, j, etype in tags_to_spans(tags) for a, b in quoted_parts(words, i, j)]
        for i, j, etype in spans:
            while j - i > 1 and not words[i].token.is_cap and _event_lead(words[i].token):
                i += 1  # "trešo Caritas sveču akciju": an ordinal counts the name, it is not part of it
            start, end = words[i].token.start, words[j - 1].token.end
            if any(m.start < end and start < m.end for m in rules):
                continue  # the rules named these words already
            if tagger.confidence(tags, i, j) < ADD_CONFIDENCE:
                continue  # measured by cross-validation: unsure additions cost more precision than they add recall
            name, surface = canonical_name(text, words[i:j], etype, language)
            if not name_key(name) or (etype == "Country" and not _is_country(name)):
                continue  # a country is one the gazetteer knows (with its ISO code), never a guess
            out.append(Mention(etype, name, start, end, si, aliases=[surface] if surface != name else []))
    out.sort(key=lambda m: m.start)
    return out


def _is_country(name: str) -> bool:
    from sikg.loaders.gazetteer import load_countries

    return load_countries().by_name(name) is not None


def article_view(article: Article, analysis: Analysis) -> ArticleView:
    """What the relation classifier reads of an analysed article."""
    lemma = _lemma if analysis.language == "lv" else str.casefold
    words = [[(t.start, t.end, lemma(t.text)) for t in sent if t.is_word] for sent in analysis.sentences]
    spans = {e: EntityMentions(e) for e in analysis.entities}  # distinct: merging made them so
    for m in analysis.mentions:
        if m.entity is not None:
            spans[m.entity].spans.append((m.sentence, m.start, m.end))
    return ArticleView(analysis.text, article.title or "", words, list(spans.values()), analysis.rule_relations)


def extract_article(article: Article, model: Model | str | None = SHIPPED) -> Annotation:
    """Entities and relations of one article (no IRIs yet: see extract_corpus).

    ``model``: the shipped trained extractor (default), another ``Model``, or None for the rules alone.
    """
    if model == SHIPPED:
        model = shipped_model()
    ann = Annotation(article=article.file_name)
    analysis = analyse_article(article, model)
    if analysis is None:
        return ann
    relations = analysis.rule_relations
    if model is not None:
        relations = model.relations.predict(article_view(article, analysis))
    sentences = [analysis.text[s[0].start:s[-1].end] if s else "" for s in analysis.sentences]
    year = first_year(analysis.text)
    ann.entities = [_with_date_and_place(e, analysis.mentions, relations, sentences, year)
                    for e in analysis.entities]
    ann.relations = relations
    return ann


def _with_date_and_place(ent: Entity, mentions: list[Mention], relations: list, sentences: list[str],
                         year: str | None) -> Entity:
    """An event's start date (the first date in a sentence that names it; a date without a year in the
    year the article names first, its dateline's mostly) and place (heldIn)."""
    if ent.type != "Event":
        return ent
    place = next((r.object for r in relations if r.subject == ent.name and r.predicate == "heldIn"), None)
    date = None
    for m in mentions:
        if m.entity is ent:
            date = find_date(sentences[m.sentence])
            if date:
                break
    return replace(ent, date=with_year(date, year), place=place)


def merge_mentions(mentions: list[Mention]) -> list[Entity]:
    """One entity per real-world thing of the article: same type and name or alias, a person's
    initial or inflected form joined to the full name, an acronym to the name it abbreviates.
    Returns the entities; each mention carries its own (``Mention.entity``)."""
    groups: list[list[Mention]] = []
    by_key: dict[tuple[str, str], int] = {}
    for m in mentions:
        keys = sorted({(m.type, _variant_key(f)) for f in (m.name, *m.aliases)})  # sorted: the same groups
        hit = min((by_key[k] for k in keys if k in by_key), default=None)  # whatever the hash seed
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
    for group in groups:
        ent = _entity(group)
        entities.append(ent)
        for m in group:
            m.entity = ent
    return entities


@lru_cache(maxsize=1 << 16)
def _variant_key(name: str) -> str:
    """Spelling variants are one name: diacritics, case, spaces and hyphens ignored
    ("New Door" / "NewDoor", "Šlesvigas" / "Šlēsvigas"). Cached like ``name_key`` (bounded)."""
    return _NOT_LETTERS.sub("", slugify(name))


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
    counts = Counter(names)  # counted once: an article repeating a name thousands of times stays linear
    candidates = [n for n in counts if not re.match(r"^\w\.", n)] if etype == "Person" else list(counts)
    # prefer the form found most often, then the longest (the nominative is usually both)
    name = max(candidates or list(counts), key=lambda n: (counts[n], len(n)))
    forms = [a for m in group for a in (m.name, *m.aliases)]
    forms += [a[4:] for a in forms if a.startswith("The ") and len(a) > 8]  # "The Baltic Times" is "Baltic Times"
    aliases = list(dict.fromkeys(a for a in forms if name_key(a) != name_key(name)))
    country = next((m.country for m in group if m.country), None)
    return Entity(type=etype, name=name, aliases=tuple(aliases), country=country)


@cache
def _model_at(path: str) -> Model:
    return load_model(Path(path))


@dataclass(frozen=True, slots=True)
class Extractor:
    """``extract_article`` with a chosen model, as one picklable callable (a worker process loads the
    model file itself, once): the shipped model by default, a trained file, or the rules alone."""

    model_path: Path | None = None
    rules_only: bool = False

    def model(self) -> Model | None:
        if self.rules_only:
            return None
        return shipped_model() if self.model_path is None else _model_at(str(self.model_path))

    def __call__(self, article: Article) -> Annotation:
        return extract_article(article, self.model())


def safe_extract(article: Article, extractor: Callable[[Article], Annotation] = extract_article) -> Annotation:
    """An extractor's annotation, but a failure on one article is logged and gives an empty annotation,
    so that a batch always goes on."""
    try:
        return extractor(article)
    except Exception as exc:  # one odd article must not stop the batch
        log.error("%s: extraction failed (%s: %s); empty annotation written", article.path,
                  type(exc).__name__, exc)
        return Annotation(article=article.file_name)


def extract_corpus(articles: Iterable[Article], *, progress: bool = False,
                   extractor: Callable[[Article], Annotation] = extract_article) -> Iterator[Annotation]:
    """Extract every article and give every entity its IRI, resolved across all of them."""
    from tqdm import tqdm

    annotations = []
    languages = {}
    articles = list(articles)
    for art in tqdm(articles, desc="extracting", unit="article", disable=not progress or len(articles) < 200):
        language = article_language(art)  # detected once, then carried by the article
        annotations.append(safe_extract(replace(art, source=replace(art.source, language=language)), extractor))
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
