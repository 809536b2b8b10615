"""Training the extractor from annotated articles, and measuring it by cross-validation grouped by
publisher (a whole publisher's articles are held out together, so the figure says how the extractor
reads articles from publishers it was not trained on).

Training is seeded and deterministic: the same articles give a byte-identical model file.
"""
from __future__ import annotations

import logging
import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sikg.loaders.annotations import Annotation
from sikg.loaders.articles import Article
from sikg.loaders.extract import analyse_article, article_view, extract_article
from sikg.loaders.extract.align import align
from sikg.loaders.extract.model import Model
from sikg.loaders.extract.relate import NONE, RelationClassifier, candidates, signatures_of, train_classifier
from sikg.loaders.extract.score import align_entities, intervals, score
from sikg.loaders.extract.tagger import features, mention_tags, sentence_words, spans_to_tags, train_tagger
from sikg.loaders.language import DEFAULT_LANGUAGE

log = logging.getLogger(__name__)

#: The relation classifier's decision threshold (probability of the best admissible relation); by
#: cross-validation with this round's names, relation F1 0.444 at 0.2, 0.448 at 0.25, 0.454 at 0.3,
#: 0.455 at 0.35, 0.449 at 0.4, 0.444 at 0.45: 0.3, inside the plateau.
THRESHOLD = 0.3


@dataclass(frozen=True, slots=True)
class Example:
    """An annotated article: the text and what a person found in it."""

    article: Article
    gold: Annotation

    @property
    def publisher(self) -> str:
        """The publisher's web domain (``sif.gov.lv``), else its name, else the article itself."""
        pub = self.article.source.publisher or ""
        domain = re.search(r"\(([a-z0-9.-]+\.[a-z]{2,})\)", pub)
        if domain:
            return domain.group(1).removeprefix("www.")
        if self.article.source.url:
            host = re.sub(r"^https?://(www\.)?", "", self.article.source.url).split("/")[0]
            if host:
                return host
        return pub or self.article.stem


def examples_from(articles: dict[str, Article], annotations: dict[str, Annotation]) -> list[Example]:
    """The articles that have an exhaustive hand annotation (partial corrections do not teach)."""
    return [Example(articles[stem], annotations[stem]) for stem in sorted(articles)
            if stem in annotations and annotations[stem].exhaustive]


def _gold_json(ann: Annotation) -> dict:
    return ann.to_json()


def tagger_sequences(example: Example) -> list[tuple[list, list[str]]]:
    """The CRF's training sentences of one article: features with the rules' findings, and the gold tags."""
    analysis = analyse_article(example.article, None)
    if analysis is None:
        return []
    gold = align(analysis.sentences, example.gold.entities)
    by_sentence: dict[int, list] = defaultdict(list)
    for ent, si, i, j in gold:
        by_sentence[si].append((i, j, ent.type))
    rules_by_sentence: dict[int, list] = defaultdict(list)
    for m in analysis.mentions:
        rules_by_sentence[m.sentence].append(m)
    out = []
    for si, sent in enumerate(analysis.sentences):
        words = sentence_words(sent)
        if not words:
            continue
        x = features(words, mention_tags(words, rules_by_sentence[si]), analysis.language)
        out.append((x, spans_to_tags(len(words), by_sentence[si])))
    return out


def relation_samples(example: Example, model: Model) -> list[tuple[dict[str, float], str]]:
    """Candidate pairs of the entities the model finds in an article, labelled by the gold relations."""
    analysis = analyse_article(example.article, model)
    if analysis is None:
        return []
    view = article_view(example.article, analysis)
    gold = _gold_json(example.gold)
    system = [e.entity.to_json() for e in view.entities]
    mapping = align_entities(gold["entities"], system)
    gold_rel = {(r["subject"], r["object"]): r["predicate"] for r in gold["relations"]}
    gold_names = [g["name"] for g in gold["entities"]]

    samples = []
    for a, b, feats in candidates(view, model.relations.signatures):
        ga, gb = mapping.get(view.entities.index(a)), mapping.get(view.entities.index(b))
        label = NONE
        if ga is not None and gb is not None:
            label = gold_rel.get((gold_names[ga], gold_names[gb]), NONE)
        samples.append((feats, label))
    return samples


def train_model(examples: list[Example], *, threshold: float = THRESHOLD,
                progress: Callable[[str], None] | None = None) -> Model:
    """Train the tagger, then the relation classifier on the entities the tagger finds."""
    examples = sorted(examples, key=lambda e: e.article.stem)
    say = progress or (lambda _msg: None)
    say(f"tagger: {len(examples)} articles")
    tagger = train_tagger(seq for ex in examples for seq in tagger_sequences(ex))
    signatures = signatures_of(
        (types[r.subject], r.predicate, types[r.object])
        for ex in examples
        for types in [{e.name: e.type for e in ex.gold.entities}]
        for r in ex.gold.relations if r.subject in types and r.object in types)
    draft = Model(tagger, RelationClassifier([NONE], {}, [0.0], signatures, threshold))
    say("relations: candidate pairs")
    samples = [s for ex in examples for s in relation_samples(ex, draft)]
    if not any(label != NONE for _, label in samples):
        raise ValueError("the annotations hold no relation between entities the tagger finds: nothing to learn")
    classifier = train_classifier(samples, signatures, threshold=threshold)
    meta = {"articles": len(examples), "publishers": len({e.publisher for e in examples}),
            "relation_samples": len(samples), "threshold": threshold,
            "trained_on": [e.article.stem for e in examples]}
    return Model(tagger, classifier, meta)


def folds_by_publisher(examples: list[Example], k: int) -> list[list[Example]]:
    """``k`` folds, each publisher's articles in one fold, folds balanced by article count (largest
    publishers first, each into the fold with fewest articles; ties by name, so it is deterministic)."""
    groups: dict[str, list[Example]] = defaultdict(list)
    for ex in examples:
        groups[ex.publisher].append(ex)
    folds: list[list[Example]] = [[] for _ in range(k)]
    for _, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        min(folds, key=len).extend(members)
    return [f for f in folds if f]


def annotate_held_out(examples: Iterable[Example], model: Model | None) -> dict[str, dict]:
    """The system annotations (with resolved IDs) of held-out articles, as score() reads them."""
    from sikg.loaders.resolve import resolve_entities

    anns = {ex.article.stem: extract_article(ex.article, model) for ex in examples}
    languages = {ex.article.stem: ex.article.source.language or DEFAULT_LANGUAGE for ex in examples}
    resolution = resolve_entities(anns.values(), languages=languages)
    out = {}
    for stem, ann in anns.items():
        data = ann.to_json()
        for e, ent in zip(data["entities"], ann.entities, strict=True):
            e["id"] = resolution.iri(stem, ent)
        out[stem] = data
    return out


@dataclass
class CrossValidation:
    """Per-fold scores and their mean; ``pooled`` scores every held-out article at once, and
    ``intervals`` says how far the pooled F1s would move on other publishers (a bootstrap over
    publishers: ``score.intervals``)."""

    folds: list[dict]
    pooled: dict
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)

    def mean(self, measure: str, key: str = "f1") -> float:
        values = [f[measure][key] for f in self.folds if f[measure][key] is not None]
        return round(statistics.fmean(values), 4) if values else 0.0

    def table(self) -> dict[str, float]:
        return {"entities_core_f1": self.mean("entities_core"), "relations_f1": self.mean("relations"),
                "events_f1": self.mean("events"), "identity_recall": self.mean("identity", "recall"),
                "false_merges": sum(f["identity"]["false_merges"] for f in self.folds)}


def cross_validate(examples: list[Example], k: int = 5, *, rules_only: bool = False, threshold: float = THRESHOLD,
                   progress: Callable[[str], None] | None = None) -> CrossValidation:
    """Train on k-1 publisher folds, score the held-out fold, for each fold."""
    say = progress or (lambda _msg: None)
    folds = folds_by_publisher(examples, k)
    results, system_all, gold_all = [], {}, {}
    publisher_of = {ex.article.stem: ex.publisher for ex in examples}
    for i, held in enumerate(folds):
        train = [ex for j, f in enumerate(folds) if j != i for ex in f]
        say(f"fold {i + 1}/{len(folds)}: training on {len(train)} articles, holding out {len(held)}")
        model = None if rules_only else train_model(train, threshold=threshold)
        system = annotate_held_out(held, model)
        gold = {ex.article.stem: _gold_json(ex.gold) for ex in held}
        results.append(score(gold, system))
        system_all.update(system)
        gold_all.update(gold)
    return CrossValidation(results, score(gold_all, system_all), intervals(gold_all, system_all, publisher_of))


def read_examples(inputs: Iterable, *, bundled: bool = True) -> tuple[list[Example], list[str]]:
    """The annotated articles of ``inputs`` (folders or files: articles, ``sources.tsv``, annotation
    files), with the bundled ones unless ``bundled`` is False; and the one-line errors of bad files."""
    from pathlib import Path

    from sikg.graph.build import bundled_data, read_corpus

    paths = [Path(p) for p in inputs]
    if bundled or not paths:
        paths = [bundled_data(), *paths]
    corpus = read_corpus(paths)
    return examples_from(corpus.articles, corpus.curated), corpus.errors


def evaluate(gold: dict[str, Annotation], articles: dict[str, Article], model: Model | None) -> dict:
    """The scores of the extractor (a model, or the rules alone) on articles with hand annotations."""
    examples = [Example(articles[stem], gold[stem]) for stem in sorted(gold) if stem in articles]
    system = annotate_held_out(examples, model)
    return score({ex.article.stem: _gold_json(ex.gold) for ex in examples}, system)
