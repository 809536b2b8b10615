"""The `sikg` command line: a thin wrapper over the stage functions."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from sikg import __version__
from sikg.graph.store import DEFAULT_STORE, StoreError, open_store
from sikg.loaders.errors import InputError
from sikg.queries.run import QueryError

log = logging.getLogger("sikg")
store_option = click.option(
    "--store", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_STORE, show_default=True,
    envvar="SIKG_STORE", help="The store folder (environment: SIKG_STORE).",
)


class SikgGroup(click.Group):
    """Turns the project's own errors into one clear line on stderr and a non-zero exit."""

    def invoke(self, ctx: click.Context):
        from sikg.graph.build import BuildError

        try:
            return super().invoke(ctx)
        except BuildError as exc:
            for err in exc.errors:
                click.echo(f"error: {err}", err=True)
            click.echo("build refused; the previous store (if any) is unchanged", err=True)
            sys.exit(1)
        except (InputError, StoreError, QueryError) as exc:
            click.echo(f"error: {exc}", err=True)
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
def build(inputs: tuple[Path, ...], store: Path, keep_going: bool, curated_only: bool) -> None:
    """Build the graph from INPUTS into the store (default: the bundled articles).

    INPUTS are files or folders: `.txt` files are articles, `.json` files are curated
    annotations (SCHEMA.md shape) that correct the extractor, `sources.tsv` gives each
    article's URL, language, publisher and read date.  The new graph must pass SHACL before
    it atomically replaces the previous one; a bad file refuses the build (one line per file).
    """
    from sikg.graph.build import build as run_build

    extractor = None if curated_only else _extractor()
    report = run_build(list(inputs), store, extractor=extractor, keep_going=keep_going)
    click.echo(report.summary())


def _extractor():
    from sikg.loaders.extract import extract_article

    return extract_article


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "ntriples", "jsonld"]),
              default="turtle", show_default=True, help="TriG and N-Quads keep the per-article graphs.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
@store_option
def export(fmt: str, output: Path | None, store: Path) -> None:
    """Export the built graph as Turtle, TriG, N-Quads, N-Triples or JSON-LD."""
    from sikg.graph.export import export as run_export

    data = run_export(open_store(store), fmt, output)
    if data is not None:
        sys.stdout.buffer.write(data)
    else:
        click.echo(f"wrote {output}", err=True)


@cli.command()
@click.argument("query", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
@store_option
def query(query: Path, fmt: str, store: Path) -> None:
    """Run a SPARQL query file (FILE.rq) on the union of all article graphs."""
    from sikg.queries.run import read_query, run_query

    result = run_query(open_store(store), read_query(query))
    click.echo(result.format(fmt))


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for one annotation file per article (created if missing).")
def extract(inputs: tuple[Path, ...], out_dir: Path) -> None:
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
    n = write_annotations(extract_corpus(corpus.articles.values()), out_dir)
    click.echo(f"wrote {n} annotation files to {out_dir}")
    if corpus.errors:
        sys.exit(1)


@cli.command()
@click.option("--type", "etype", type=click.Choice(["Organisation", "Project", "Programme", "Person", "Country",
                                                    "Place", "Event"]), help="Only entities of this type.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True)
@store_option
def entities(etype: str | None, fmt: str, store: Path) -> None:
    """The resolution table: each entity's IRI, type, canonical name, aliases and the articles naming it."""
    from sikg.queries.run import resolution_table

    click.echo(resolution_table(open_store(store), etype).format(fmt))


def main() -> None:
    cli(prog_name="sikg")


if __name__ == "__main__":
    main()
