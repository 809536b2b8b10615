"""The `sikg` command line: a thin wrapper over the stage functions."""
from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

import click

from sikg import __version__
from sikg.errors import SikgError
from sikg.graph.export import FORMATS as RDF_FORMATS
from sikg.graph.publish import ReleaseOptions
from sikg.graph.push import PROTOCOLS, Pusher
from sikg.graph.store import DEFAULT_RELEASE, DEFAULT_STORE, open_store
from sikg.loaders.extract.model import DEFAULT_MODEL
from sikg.ontology import DEFAULT_BASE_IRI, ENTITY_TYPES
from sikg.ontology.iris import BASE_IRI_VARIABLE, check_base_iri
from sikg.queries.run import TABLE_FORMATS
from sikg.serve.config import ServeConfig
from sikg.viz.explorer import EXPLORER_VIEWS
from sikg.viz.explorer import LANGUAGES as EXPLORER_LANGUAGES
from sikg.viz.export import NETWORK_FORMATS
from sikg.viz.views import VIEWS

SERVE = ServeConfig(store=DEFAULT_STORE)
RELEASE = ReleaseOptions()

log = logging.getLogger("sikg")


def model_options(f):
    """--model and --rules-only: which extractor reads the articles."""
    f = click.option("--rules-only", is_flag=True, help="Extract with the rules alone (no trained model).")(f)
    return click.option("--model", "model_path", type=click.Path(dir_okay=False, path_type=Path),
                        help="A model file from `sikg train` (default: the shipped model).")(f)


def _extractor(model_path: Path | None = None, rules_only: bool = False):
    """The extractor to run; a model file that is not one is a one-line error before any work."""
    from sikg.loaders.extract import Extractor
    from sikg.loaders.extract.model import load_model

    if model_path is not None and not rules_only:
        load_model(model_path)
    return Extractor(model_path, rules_only)
store_option = click.option(
    "--store", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_STORE, show_default=True,
    envvar="SIKG_STORE", help="The store folder (environment: SIKG_STORE).",
)


class SikgGroup(click.Group):
    """Turns the project's own errors into clear lines on stderr and a non-zero exit."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SikgError as exc:
            for line in exc.lines():
                click.echo(f"error: {line}", err=True)
            if exc.footer:
                click.echo(exc.footer, err=True)
            sys.exit(1)
        except OSError as exc:  # a read-only or full disk, a damaged store: the path and the reason
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"error: {where}{exc.strerror or exc}", err=True)
            sys.exit(1)


@click.group(cls=SikgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sikg")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """The Baltic social-innovation knowledge graph.

    Articles (plain text, line 1 = title) and curated annotations (JSON) go in; a validated
    RDF graph in an embedded store comes out, to query and export.  Start with `sikg build`.
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@store_option
@click.option("--keep-going", is_flag=True, help="Skip bad files (listed at the end) instead of refusing the build.")
@click.option("--curated-only", is_flag=True, help="Use only curated annotations; do not run the extractor.")
@click.option("--jobs", "-j", default=1, show_default=True, type=int,
              help="Processes for extraction (0: one per core).")
@click.option("--validate", "validation", type=click.Choice(["auto", "shacl", "sparql"]), default="auto",
              show_default=True, help="auto: pySHACL up to 400,000 quads, the same constraints as SPARQL checks above.")
@model_options
@click.option("--low-memory", is_flag=True,
              help="Load the store in small batches: the loader stays near 250 MiB instead of 2 GB "
                   "(100,000 articles: 2.0 GB at peak instead of 3.4 GB, 26% slower).")
def build(inputs: tuple[Path, ...], store: Path, keep_going: bool, curated_only: bool, jobs: int,
          validation: str, model_path: Path | None, rules_only: bool, low_memory: bool) -> None:
    """Build the graph from INPUTS into the store (default: the bundled articles).

    INPUTS are files or folders: `.txt` files are articles, `.json` files are curated
    annotations (SCHEMA.md shape) that correct the extractor, `sources.tsv` gives each
    article's URL, language, publisher and read date.  The new graph must pass SHACL before
    it atomically replaces the previous one; a bad file refuses the build (one line per file).
    """
    from sikg.graph.build import build as run_build

    extractor = None if curated_only else _extractor(model_path, rules_only)
    import os

    jobs = jobs or len(os.sched_getaffinity(0))
    report = run_build(list(inputs), store, extractor=extractor, keep_going=keep_going, jobs=jobs,
                       validation=validation, low_memory=low_memory)
    click.echo(report.summary())


@cli.command()
@click.option("--format", "fmt",
              type=click.Choice([*RDF_FORMATS, *NETWORK_FORMATS]),
              default="turtle", show_default=True,
              help="RDF (TriG and N-Quads keep the per-article graphs) or a network for Gephi (graphml, gexf) "
                   "and Kumu/spreadsheets (csv: FILE-nodes.csv and FILE-edges.csv; needs -o).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
@store_option
def export(fmt: str, output: Path | None, store: Path) -> None:
    """Export the built graph as RDF (Turtle, TriG, N-Quads, N-Triples, JSON-LD) or as a network."""
    if fmt in NETWORK_FORMATS:
        from sikg.viz.export import export_network
        from sikg.viz.networks import load_network

        if output is None:
            raise click.UsageError(f"--format {fmt} writes files: give -o FILE")
        for path in export_network(load_network(open_store(store)), fmt, output):
            click.echo(f"wrote {path}", err=True)
        return
    from sikg.graph.export import export as run_export

    data = run_export(open_store(store), fmt, output)
    if data is not None:
        sys.stdout.buffer.write(data)
    else:
        click.echo(f"wrote {output}", err=True)


@cli.command()
@click.argument("query", required=False)
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the query (repeatable); bound as an RDF literal, never pasted into the text.")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default=TABLE_FORMATS[0],
              show_default=True)
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL 1.1 endpoint (SPARQLWrapper) instead of the store.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and the questions they answer.")
@store_option
def query(query: str | None, params: tuple[str, ...], fmt: str, endpoint: str | None, list_queries: bool,
          store: Path) -> None:
    """Run a named query (NAME, see --list) or a SPARQL file (FILE.rq) on the graph.

    On the embedded store the default graph is the union of all article graphs. With
    --endpoint the same query (parameters bound the same way) runs on a remote endpoint.
    """
    from sikg.queries.named import bind, list_named, load_named, paging_value, parse_params
    from sikg.queries.run import run_query

    if list_queries:
        for q in list_named():
            args = " ".join(f"[--param {p.name}={p.default or '…'}]" for p in q.params)
            click.echo(f"{q.name}: {q.summary}" + (f"\n    {args}" if args else ""))
        return
    if not query:
        raise click.UsageError("give a query NAME or FILE.rq, or --list")
    named = load_named(query)
    given = parse_params(params)
    if endpoint:
        from sikg.queries.remote import run_remote

        result = run_remote(endpoint, bind(named, given))
    else:
        from sikg.queries.run import word_counter

        local = open_store(store)
        result = run_query(local, bind(named, given, word_count=word_counter(local)))
    click.echo(result.format(fmt))
    page = None if "limit" in given else paging_value(named, {}, "limit")  # the query's default page
    if page is not None and len(result.rows) == page:
        offset = (paging_value(named, given, "offset") or 0) + page
        click.echo(f"(the first page of {page} rows: --param offset={offset} for the next, "
                   "--param limit=(all) for every row)", err=True)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for one annotation file per article (created if missing).")
@model_options
def extract(inputs: tuple[Path, ...], out_dir: Path, model_path: Path | None, rules_only: bool) -> None:
    """Extract entities and relations from articles into annotation files (SCHEMA.md shape).

    Each entity gets its graph IRI (`id`), resolved across all the articles given. A bad
    article (empty, binary, not UTF-8, too large) is reported on one line and skipped; the
    batch goes on, and the exit status is 1 if any article was skipped.
    """
    from sikg.graph.build import read_corpus
    from sikg.loaders.extract import extract_corpus, write_annotations

    corpus = read_corpus(list(inputs))
    for err in corpus.errors:
        click.echo(f"error: {err}", err=True)
    extractor = _extractor(model_path, rules_only)
    n = write_annotations(extract_corpus(corpus.articles.values(), extractor=extractor), out_dir)
    click.echo(f"wrote {n} annotation files to {out_dir}")
    if corpus.errors:
        sys.exit(1)


@cli.command()
@click.option("--type", "etype", type=click.Choice(ENTITY_TYPES), help="Only entities of this type.")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default=TABLE_FORMATS[0], show_default=True)
@store_option
def entities(etype: str | None, fmt: str, store: Path) -> None:
    """The resolution table: each entity's IRI, type, canonical name, aliases and the articles naming it."""
    from sikg.queries.run import resolution_table

    click.echo(resolution_table(open_store(store), etype).format(fmt))


@cli.command()
@click.option("--host", default=SERVE.host, show_default=True, help="Address to listen on.")
@click.option("--port", default=SERVE.port, show_default=True, type=int, help="Port.")
@click.option("--base-iri", envvar=BASE_IRI_VARIABLE, metavar="IRI",
              help=f"Serve the data's IRIs under this base (environment: {BASE_IRI_VARIABLE}, as `sikg publish` does): "
                   "answers name them there, and queries may use them; default: the base the graph was built with.")
@click.option("--public-url", metavar="URL",
              help="The address users reach the server at, behind a proxy (default: --base-iri if given, else "
                   "http://HOST:PORT/): the service "
                   "description names its endpoint there, and pages link there.")
@click.option("--timeout", "timeout_s", default=SERVE.timeout_s, show_default=True, type=float,
              help="Time limit in seconds of every job that reads the graph (a query, an entity page, the explorer); "
                   "one running longer is stopped (HTTP 503).")
@click.option("--max-response", "max_response_mib", default=SERVE.max_response_bytes // 2**20, show_default=True,
              type=int, help="Largest answer in MiB (HTTP 413 beyond: add LIMIT).")
@click.option("--max-memory", "max_memory_mib", default=SERVE.max_memory_mib, show_default=True, type=int,
              help="Memory cap in MiB of a query worker; a job that makes it grow beyond is stopped (HTTP 503).")
@click.option("--workers", default=SERVE.workers, show_default=True, type=int,
              help="Query workers, each with the store open (0: one a core, at least two, at most eight).")
@click.option("--per-client", default=SERVE.per_client, show_default=True, type=int,
              help="Jobs one client address may run at once; more wait their turn (0: all workers but one).")
@click.option("--page-size", default=SERVE.page_size, show_default=True, type=int,
              help="Rows per page of a named query that lists everything (/query/NAME).")
@click.option("--max-body", default=SERVE.max_body_bytes, show_default=True, type=int,
              help="Largest request body in bytes (HTTP 413 beyond).")
@click.option("--cache", "cache_mib", default=SERVE.cache_bytes // 2**20, show_default=True, type=int,
              help="MiB of answers kept for repeated requests while the same build is current (0: no cache).")
@click.option("--request-timeout", "request_timeout_s", default=SERVE.request_timeout_s, show_default=True, type=float,
              help="Seconds a client has to send its request line, headers and body; a connection idle or slower "
                   "than that is closed.")
@click.option("--release", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_RELEASE,
              show_default=True, help="A `sikg publish` folder: served at /catalog, /.well-known/void and /release/.")
@store_option
def serve(host: str, port: int, base_iri: str | None, public_url: str | None, timeout_s: float, max_response_mib: int,
          max_memory_mib: int,
          workers: int, per_client: int, page_size: int, max_body: int, cache_mib: int, request_timeout_s: float,
          release: Path, store: Path) -> None:
    """Serve the graph: a read-only SPARQL 1.1 endpoint at /sparql, the named queries at /query/NAME, the
    query page (YASGUI) at /, every IRI we mint as a page and as RDF, and the explorer at /explore."""
    from sikg.graph.store import require_generation
    from sikg.serve.server import serve as run_server

    require_generation(store)
    if public_url and not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", public_url):
        raise SikgError(f"--public-url must be an http(s) URL, got {public_url!r}")
    if base_iri:
        try:
            check_base_iri(base_iri)
        except ValueError as exc:
            raise SikgError(f"--base-iri: {exc}") from None
    config = ServeConfig(store=store, host=host, port=port, base_iri=base_iri, public_url=public_url, timeout_s=timeout_s,
                         max_response_bytes=max_response_mib * 2**20, max_memory_mib=max_memory_mib, workers=workers,
                         per_client=per_client, page_size=page_size, max_body_bytes=max_body,
                         cache_bytes=cache_mib * 2**20, request_timeout_s=request_timeout_s, release=release)
    click.echo(f"serving {store} at {config.endpoint_url} (query page at {config.base_url})", err=True)
    try:
        run_server(config)
    except OSError as exc:
        raise SikgError(f"{host}:{port}: cannot listen there ({exc.strerror or exc})") from None


@cli.command()
@click.argument("url")
@click.option("--graph-per-article", is_flag=True,
              help="Keep one named graph per article (default: the union into the default graph).")
@click.option("--protocol", type=click.Choice(PROTOCOLS), default=Pusher.protocol, show_default=True,
              help="gsp: URL is a Graph Store Protocol endpoint; update: URL is a SPARQL Update endpoint.")
@click.option("--batch-size", default=Pusher.batch_size, show_default=True, type=int, help="Triples per request.")
@click.option("--user", help="User name for HTTP basic authentication.")
@click.option("--password", envvar="SIKG_PUSH_PASSWORD", help="Password (environment: SIKG_PUSH_PASSWORD).")
@store_option
def push(url: str, graph_per_article: bool, protocol: str, batch_size: int, user: str | None,
         password: str | None, store: Path) -> None:
    """Load the built graph into a SPARQL 1.1 store at URL, replacing what an earlier push sent.

    Oxigraph: `oxigraph serve --union-default-graph`, then `sikg push http://127.0.0.1:7878/store
    --graph-per-article`. Virtuoso: `sikg push http://127.0.0.1:8890/sparql-graph-crud-auth
    --graph-per-article --user dba --password …`.
    """
    from sikg.graph.push import push as run_push

    report = run_push(open_store(store), url, graph_per_article=graph_per_article, protocol=protocol,
                      batch_size=batch_size, user=user, password=password)
    click.echo(f"pushed {report.triples} triples in {report.graphs} graphs to {url} "
               f"({report.requests} requests, {report.retries} retried)")


@cli.command()
@click.option("--view", type=click.Choice(EXPLORER_VIEWS), default=EXPLORER_VIEWS[0], show_default=True,
              help="The view the page opens with (it offers all): full: every entity and relation; partnerships: "
                   "organisations linked by shared projects; funding: funder → programme → project → organisations; "
                   "countries: partnerships between countries.")
@click.option("--focus", "focus_name", metavar="NAME",
              help="Open focused on this entity (any name, alias or inflected form).")
@click.option("--depth", type=click.Choice(["1", "2"]), default="1", show_default=True, help="Steps out from --focus.")
@click.option("--country", "countries", metavar="LV,LT,…", help="Open filtered to entities in these countries.")
@click.option("--lang", type=click.Choice(EXPLORER_LANGUAGES), default=EXPLORER_LANGUAGES[0], show_default=True,
              help="The language of the page (it switches between them).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("sikg-network.html"),
              show_default=True, help="The HTML file to write (self-contained, opens offline).")
@store_option
def viz(view: str, focus_name: str | None, depth: str, countries: str | None, lang: str, output: Path,
        store: Path) -> None:
    """Write the partnership explorer as one self-contained HTML file (for e-mail or an intranet):
    search, focus, filters, views, exports; the whole network inside, opened as asked."""
    from sikg.viz.explorer import write_explorer
    from sikg.viz.networks import load_network
    from sikg.viz.views import resolve_focus

    g = load_network(open_store(store))
    initial = {"view": view}
    if focus_name:
        initial.update(focus=resolve_focus(g, focus_name), depth=depth)
    if countries:
        initial["countries"] = ",".join(sorted({c.strip().upper() for c in countries.split(",") if c.strip()}))
    size = write_explorer(g, output, lang=lang, initial=initial)
    click.echo(f"wrote {output}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, {size:,} bytes")


@cli.command()
@click.option("--view", type=click.Choice(VIEWS), default="full", show_default=True)
@click.option("--top", default=10, show_default=True, type=int, help="How many entities in each ranking.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@store_option
def stats(view: str, top: int, as_json: bool, store: Path) -> None:
    """Headline network figures: sizes, most connected, most between, communities (Louvain)."""
    import json as jsonlib

    from sikg.viz.networks import metrics
    from sikg.viz.views import build_view

    m = metrics(build_view(open_store(store), view), top=top)
    if as_json:
        click.echo(jsonlib.dumps(m, ensure_ascii=False, indent=1))
        return
    click.echo(f"{view} network: {m['nodes']} nodes, {m['edges']} edges, {m['components']} components, "
               f"{m['communities']} communities (Louvain)")
    click.echo("nodes: " + ", ".join(f"{t} {n}" for t, n in sorted(m["nodes_by_type"].items())))
    click.echo("edges: " + ", ".join(f"{t} {n}" for t, n in sorted(m["edges_by_relation"].items())))
    click.echo("most connected: " + "; ".join(f"{n} ({v})" for n, v in m["top_degree"]))
    click.echo("most between:   " + "; ".join(f"{n} ({v})" for n, v in m["top_betweenness"]))
    for i, c in enumerate(m["largest_communities"], 1):
        click.echo(f"community {i}: " + ", ".join(c) + (" …" if len(c) == 5 else ""))


@cli.command()
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The release folder (replaced atomically).")
@click.option("--base-iri", default=DEFAULT_BASE_IRI, show_default=True, envvar=BASE_IRI_VARIABLE,
              help=f"The IRI base the graph is published under (environment: {BASE_IRI_VARIABLE}; "
                   "`sikg serve` reads it too).")
@click.option("--download-url", help="Where the dumps will be downloadable (default: BASE/release/).")
@click.option("--sparql-endpoint", help="The public SPARQL endpoint URL (default: BASE/sparql).")
@click.option("--licence", default=RELEASE.licence, show_default=True,
              help="The data's licence: its IRI, or an SPDX identifier such as CC-BY-4.0 or CC0-1.0.")
@click.option("--publisher", help="Publisher name.")
@click.option("--contact-email", help="Contact point e-mail.")
@store_option
def publish(out_dir: Path, base_iri: str | None, download_url: str | None, sparql_endpoint: str | None,
            licence: str, publisher: str | None, contact_email: str | None, store: Path) -> None:
    """Write a release for linked-data portals: gzipped dumps with SHA-256, DCAT-AP 3 catalog.ttl, void.ttl.

    Both descriptions are validated against ontology/dcat-ap-shapes.ttl before anything is replaced.
    """
    from sikg.graph.publish import publish as run_publish

    opts = ReleaseOptions(base_iri=base_iri, licence=licence, download_url=download_url, sparql_endpoint=sparql_endpoint)
    if publisher:
        opts.publisher_name = publisher
    if contact_email:
        opts.contact_email = contact_email
    release = run_publish(open_store(store), out_dir, opts)
    for d in release.dumps:
        click.echo(f"{d.name}: {d.statements} statements, {d.byte_size:,} bytes, sha256 {d.sha256}")
    click.echo(f"wrote {out_dir}/catalog.ttl (DCAT-AP 3.0.1), catalog-dcat-ap-2.ttl (DCAT-AP 2.1.1) and void.ttl")
    for check in release.profiles:
        click.echo(f"  {check.line()}")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--curated-only", is_flag=True, help="Use only curated annotations; do not run the extractor.")
@click.option("--replace", is_flag=True, help="Replace articles already in the store (else they are an error).")
@model_options
@store_option
def add(inputs: tuple[Path, ...], curated_only: bool, replace: bool, model_path: Path | None, rules_only: bool,
        store: Path) -> None:
    """Add or replace articles in the built store without a full rebuild (atomic, validated).

    Existing entities keep their IRIs; a later full `sikg build` re-resolves everything.
    """
    from sikg.graph.incremental import add_articles

    report = add_articles(list(inputs), store, extractor=None if curated_only else _extractor(model_path, rules_only),
                          replace=replace)
    click.echo(f"added {', '.join(report.articles)}: {report.quads_added} quads, {report.new_entities} new and "
               f"{report.reused_entities} existing entities, in {report.seconds:.2f} s")


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--delay", "delay_s", default=1.0, show_default=True, type=float,
              help="Seconds between two requests to one host.")
@click.option("--timeout", "timeout_s", default=20.0, show_default=True, type=float, help="Seconds a request may take.")
@model_options
@store_option
def harvest(sources: tuple[str, ...], delay_s: float, timeout_s: float, model_path: Path | None, rules_only: bool,
            store: Path) -> None:
    """Keep the graph current from feeds and pages: fetch SOURCES (feed or page URLs), follow each feed's
    entries to their pages, and add the articles that are new or changed.

    Polite: robots.txt honoured, --delay between requests to one host, conditional requests (an
    unchanged page is a 304, not a download).  Every raw response is kept in STORE/harvest/warc/, so
    `sikg build STORE/harvest/warc` reads the same pages offline.  A source that fails is one line;
    the rest go on (exit status 1 if any failed).
    """
    from sikg.graph.harvest import harvest as run_harvest

    report = run_harvest(list(sources), store, extractor=_extractor(model_path, rules_only), delay_s=delay_s,
                         timeout_s=timeout_s)
    for line in report.failed:
        click.echo(f"error: {line}", err=True)
    click.echo(report.summary())
    if report.failed:
        sys.exit(1)


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_MODEL,
              show_default=True, help="Where to write the model file.")
@click.option("--cross-validate", "folds", default=5, show_default=True, type=int,
              help="Folds of the cross-validation by publisher printed before training (0: none).")
@click.option("--no-bundled", is_flag=True, help="Train on INPUTS alone, without the bundled annotated articles.")
def train(inputs: tuple[Path, ...], out_path: Path, folds: int, no_bundled: bool) -> None:
    """Train the extractor from annotated articles: the bundled ones and INPUTS (articles with their
    exhaustive annotation files, as `sikg build` reads them), then use it with `--model OUT`.

    Prints the cross-validated scores (each publisher's articles held out together), then trains on
    everything and writes the model.  Seeded: the same articles give the same model file.
    """
    from sikg.loaders.extract.score import intervals_line, summary_line
    from sikg.loaders.extract.train import cross_validate, read_examples, train_model

    examples, errors = read_examples(inputs, bundled=not no_bundled)
    for err in errors:
        click.echo(f"error: {err}", err=True)
    if len(examples) < 2:
        raise click.UsageError("need at least two articles with exhaustive annotations to train on")
    publishers = len({e.publisher for e in examples})
    click.echo(f"training on {len(examples)} annotated articles from {publishers} publishers")
    if folds and folds > 1:
        cv = cross_validate(examples, folds, progress=lambda msg: click.echo(msg, err=True))
        click.echo(f"cross-validated ({len(cv.folds)} folds by publisher), mean of folds: "
                   + ", ".join(f"{k} {v}" for k, v in cv.table().items()))
        click.echo(f"all held-out articles pooled: {summary_line(cv.pooled)}")
        click.echo(f"publishers resampled, {intervals_line(cv.intervals)}")
    model = train_model(examples, progress=lambda msg: click.echo(msg, err=True))
    click.echo(f"wrote {model.save(out_path)}")


@cli.command()
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--articles", "articles_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The articles (.txt and sources.tsv) of the annotations (default: GOLD_DIR).")
@click.option("--cross-validate", "folds", default=0, type=int,
              help="Instead of scoring a model: train and score K times, each publisher held out once.")
@model_options
@click.option("--json", "as_json", is_flag=True, help="Print every measure as JSON.")
def evaluate(gold_dir: Path, articles_dir: Path | None, folds: int, model_path: Path | None, rules_only: bool,
             as_json: bool) -> None:
    """Score the extractor against hand annotations in GOLD_DIR (one JSON per article, SCHEMA.md shape):
    entities, events, relations, roles and cross-article identity, as the shared scorer defines them."""
    import json as jsonlib

    from sikg.graph.build import read_corpus
    from sikg.loaders.annotations import load_annotation
    from sikg.loaders.extract.score import intervals_line, summary_line
    from sikg.loaders.extract.train import Example, cross_validate
    from sikg.loaders.extract.train import evaluate as run_evaluate

    corpus = read_corpus([articles_dir or gold_dir])
    gold = {p.stem: load_annotation(p) for p in sorted(gold_dir.glob("*.json"))}
    if not gold:
        raise click.UsageError(f"{gold_dir}: no annotation files (.json)")
    if folds and folds > 1:
        examples = [Example(corpus.articles[s], g) for s, g in gold.items() if s in corpus.articles]
        cv = cross_validate(examples, folds, rules_only=rules_only, progress=lambda msg: click.echo(msg, err=True))
        result = {"folds": cv.folds, "mean": cv.table(), "pooled": cv.pooled,
                  "intervals": {m: list(v) for m, v in cv.intervals.items()}}
        line = ", ".join(f"{k} {v}" for k, v in cv.table().items())
        text = f"cross-validated ({len(cv.folds)} folds by publisher), mean of folds: {line}\n" \
               f"pooled: {summary_line(cv.pooled)}\npublishers resampled, {intervals_line(cv.intervals)}"
    else:
        result = run_evaluate(gold, corpus.articles, _extractor(model_path, rules_only).model())
        text = f"{result['articles']} articles: {summary_line(result)}"
    click.echo(jsonlib.dumps(result, ensure_ascii=False, indent=1) if as_json else text)


def main() -> None:
    cli(prog_name="sikg")


if __name__ == "__main__":
    main()
