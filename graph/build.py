"""`sikg build`: articles and curated annotations in, a validated store out, atomically."""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from pyoxigraph import Store
from tqdm import tqdm

from sikg.errors import SikgError
from sikg.graph.store import LOW_MEMORY_BATCH, sizes, union_count, write_generation
from sikg.graph.triples import article_quads, entity_quads, role_quads
from sikg.graph.validate import ValidationReport, validate_store
from sikg.loaders.annotations import Annotation, load_annotation, merge_annotations, name_key
from sikg.loaders.articles import Article, Source, discover_inputs, read_sources
from sikg.loaders.errors import InputError
from sikg.loaders.language import DEFAULT_LANGUAGE
from sikg.loaders.readers import read_articles
from sikg.loaders.resolve import Resolution, resolve_entities
from sikg.ontology import IRIS, NAMESPACE, TERMS

log = logging.getLogger(__name__)

Extractor = Callable[[Article], Annotation]


class BuildError(SikgError):
    """The build was refused; the previous store is untouched.  ``errors`` lists each reason."""

    footer = "build refused; the previous store (if any) is unchanged"

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))

    def lines(self) -> list[str]:
        return self.errors


@dataclass
class BuildReport:
    store: Path
    articles: int
    entities_by_type: dict[str, int]
    relations: int
    triples: int
    quads: int
    validation: ValidationReport
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"built {self.store}: {self.articles} articles"]
        lines.append("entities: " + ", ".join(f"{t} {n}" for t, n in sorted(self.entities_by_type.items())))
        lines.append(f"relations: {self.relations}; triples: {self.triples} (union), quads: {self.quads}")
        lines.append(f"{self.validation.method}: " + ("conforms" if self.validation.conforms else
                                                      f"{self.validation.violations} violations"))
        lines += [f"skipped {s}" for s in self.skipped]
        return "\n".join(lines)


def bundled_data() -> Path:
    """The folder of the bundled articles and curated annotations."""
    return Path(str(files("sikg.data")))


@dataclass
class Corpus:
    """What the inputs hold, read and checked: articles, curated annotations, source metadata."""

    articles: dict[str, Article]
    curated: dict[str, Annotation]
    errors: list[str]


def read_corpus(inputs: Iterable[Path]) -> Corpus:
    """Read every article, metadata and annotation file; collect each bad file's error."""
    found = discover_inputs(inputs)
    errors: list[str] = []
    sources: dict[str, Source] = {}
    for meta in found.metadata:
        try:
            sources.update(read_sources(meta))
        except InputError as exc:
            errors.append(str(exc))
    articles: dict[str, Article] = {}
    by_graph: dict[str, str] = {}  # one article, one graph: two file names that slug alike collide
    for path in found.articles:
        try:
            read, bad = read_articles(path, sources)
        except InputError as exc:
            errors.append(str(exc))
            continue
        errors += bad
        for art in read:
            graph = IRIS.article_graph(art.stem)
            first = articles.get(by_graph[graph]) if graph in by_graph else None
            if first is not None and _same_article(first, art):
                if len(art.text) > len(first.text):  # a page over its feed's summary: the fuller text
                    articles[first.stem] = art
                continue
            if first is not None:
                errors.append(f"{path}: the same article identity ({graph}) as {first.path}; rename one of them")
                continue
            by_graph[graph] = art.stem
            articles[art.stem] = art
    curated: dict[str, Annotation] = {}
    curated_from: dict[str, Path] = {}
    for path in found.annotations:
        try:
            ann = load_annotation(path)
        except InputError as exc:
            errors.append(str(exc))
            continue
        stem = Path(ann.article).stem
        if stem in curated:
            errors.append(f"{path}: a second annotation file for {ann.article} (the first: {curated_from[stem]})")
            continue
        curated[stem], curated_from[stem] = ann, path
    return Corpus(articles, curated, errors)


def _same_article(a: Article, b: Article) -> bool:
    """Two readings of one article: the same canonical URL (a page saved twice, or a feed entry and its
    page), or the same text without a URL; not two files whose names happen to slug alike."""
    from sikg.loaders.readers import canonical_url

    if a.source.url and b.source.url:
        return canonical_url(a.source.url) == canonical_url(b.source.url) and a.stem == b.stem
    return a.stem == b.stem and a.text.strip() == b.text.strip()


def _extract_one(args: tuple[Extractor, Article]) -> tuple[str, Annotation | None, str | None]:
    extractor, article = args
    try:
        return article.stem, extractor(article), None
    except Exception as exc:  # the batch goes on; the article keeps its curated part
        return article.stem, None, f"{article.path}: extraction failed: {type(exc).__name__}: {exc}"


def extract_all(corpus: Corpus, extractor: Extractor, *, jobs: int = 1, progress: bool = True) -> dict[str, Annotation]:
    """Run the extractor on every article that has no exhaustive curated file, on ``jobs`` processes."""
    todo = [a for stem, a in sorted(corpus.articles.items())
            if not (stem in corpus.curated and corpus.curated[stem].exhaustive)]
    out: dict[str, Annotation] = {}
    bar = tqdm(total=len(todo), desc="extracting", unit="article", disable=not progress or len(todo) < 200)
    work = ((extractor, a) for a in todo)
    pool = None
    if jobs > 1 and len(todo) > 1:
        import multiprocessing

        pool = multiprocessing.get_context("fork").Pool(jobs)
    try:
        for stem, ann, err in (pool.imap(_extract_one, work, chunksize=32) if pool else map(_extract_one, work)):
            bar.update()
            if err:
                log.error(err)
                corpus.errors.append(err)
            elif ann is not None:
                out[stem] = ann
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    bar.close()
    return out


def annotate(corpus: Corpus, extractor: Extractor | None, *, progress: bool = True, jobs: int = 1
             ) -> dict[str, Annotation]:
    """Each article's annotation: extracted (if an extractor is given), corrected by curated files."""
    out: dict[str, Annotation] = {}
    extracted_all = extract_all(corpus, extractor, jobs=jobs, progress=progress) if extractor else {}
    stems = sorted(set(corpus.articles) | set(corpus.curated))
    for stem in stems:
        extracted = extracted_all.get(stem)
        ann = merge_annotations(extracted, corpus.curated.get(stem))
        ann.article = ann.article or f"{stem}.txt"
        out[stem] = ann
    return out


def article_for(corpus: Corpus, stem: str) -> Article:
    """The article of a stem, or a stand-in for an annotation whose article was not given."""
    if stem in corpus.articles:
        return corpus.articles[stem]
    return Article(stem=stem, path=Path(f"{stem}.txt"), title=stem, text=stem)


def resolve(corpus: Corpus, annotations: dict[str, Annotation]) -> Resolution:
    languages = {stem: a.source.language or DEFAULT_LANGUAGE for stem, a in corpus.articles.items()}
    curated = {(stem, e.type, name_key(e.name)) for stem, ann in corpus.curated.items() for e in ann.entities}
    return resolve_entities(annotations.values(), languages=languages, curated=curated)


def build(
    inputs: Sequence[Path] | None,
    store_dir: Path,
    *,
    extractor: Extractor | None = None,
    keep_going: bool = False,
    progress: bool = True,
    jobs: int = 1,
    validation: str = "auto",
    low_memory: bool = False,
) -> BuildReport:
    """Build the graph from ``inputs`` (the bundled data when empty) into ``store_dir``.

    Bad input raises BuildError listing every bad file, unless ``keep_going`` (then bad files
    are skipped and listed in the report).  A graph failing SHACL is never made current.
    ``low_memory`` loads the store in small batches (see ``LOW_MEMORY_BATCH``).
    """
    inputs = list(inputs or [bundled_data()])
    corpus = read_corpus(inputs)
    if corpus.errors and not keep_going:
        raise BuildError(corpus.errors)
    if not corpus.articles and not corpus.curated:
        raise BuildError([f"{', '.join(map(str, inputs))}: no articles (.txt) or annotations (.json) found"])
    annotations = annotate(corpus, extractor, progress=progress, jobs=jobs)
    if corpus.errors and not keep_going:
        raise BuildError(corpus.errors)
    resolution = resolve(corpus, annotations)

    def quads():
        yield from entity_quads(resolution)
        yield from role_quads(annotations.values())
        for stem in sorted(annotations):
            yield from article_quads(article_for(corpus, stem), annotations[stem], resolution)

    report: dict[str, ValidationReport] = {}

    def check(store: Store) -> None:
        report["v"] = validate_built(store, validation)
        if not report["v"].conforms:
            raise BuildError([f"the built graph fails {report['v'].method} ({report['v'].violations} violations):\n"
                              + report["v"].text])

    gen = write_generation(store_dir, quads(), check=check, batch=LOW_MEMORY_BATCH if low_memory else None)
    store = Store.read_only(str(gen))
    quads, triples = sizes(store)
    relations = union_count(store, "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o "
                                   f"FILTER(STRSTARTS(STR(?p), '{NAMESPACE}') && isIRI(?o) "
                                   f"&& ?p NOT IN ({TERMS.country})) }} }}")
    by_type = Counter(e.type for e in resolution.entities.values())
    return BuildReport(
        store=Path(store_dir), articles=len(annotations), entities_by_type=dict(by_type),
        relations=relations, triples=triples, quads=quads, validation=report["v"],
        skipped=corpus.errors,
    )


#: Above this many quads in the store (named graphs and their materialised union), the SPARQL
#: form of the shapes (graph/checks.py) replaces pySHACL.
SHACL_LIMIT = 400_000


def validate_built(store: Store, validation: str = "auto") -> ValidationReport:
    """pySHACL for graphs up to SHACL_LIMIT quads (or when asked), the SPARQL checks above it."""
    if validation not in ("auto", "shacl", "sparql"):
        raise ValueError(f"unknown validation {validation!r} (auto, shacl or sparql)")
    if validation == "sparql" or (validation == "auto" and len(store) > SHACL_LIMIT):
        from sikg.graph.checks import run_checks

        r = run_checks(store)
        return ValidationReport(conforms=r.conforms, violations=r.violations, text=r.text, method="SPARQL checks")
    return validate_store(store)
