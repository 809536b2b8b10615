"""The embedded on-disk store: pyoxigraph (RocksDB) generations behind an atomic pointer.

A store folder holds immutable generations and a ``current`` symbolic link to one of them.
The default graph of a generation is the union of its named graphs, materialised and
deduplicated (a statement made by many articles is stored there once), so that queries join
distinct statements instead of the multiset that a union view of the named graphs yields.
A build writes a new generation beside the old one and only then swaps the link with an
atomic ``rename``: a crash or bad input mid-build leaves the previous generation readable
and intact, and readers that opened it keep their snapshot.

>>> import tempfile, pathlib
>>> from pyoxigraph import NamedNode, Quad
>>> d = pathlib.Path(tempfile.mkdtemp()) / "store"
>>> q = Quad(NamedNode("http://ex/s"), NamedNode("http://ex/p"), NamedNode("http://ex/o"), NamedNode("http://ex/g"))
>>> _ = write_generation(d, [q])
>>> len(open_store(d))  # the quad, and its statement in the default graph
2
>>> [r["o"].value for r in union_query(open_store(d), "SELECT ?o { ?s ?p ?o }")]
['http://ex/o']
"""
from __future__ import annotations

import contextlib
import fcntl
import itertools
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import DefaultGraph, Quad, RdfFormat, Store, parse

from sikg.errors import SikgError
from sikg.graph.projections import PROJECTION_GRAPH, Statements, derive_projections, is_projection

log = logging.getLogger(__name__)

DEFAULT_STORE = Path(".sikg/store")
#: Where `sikg publish` writes a release and `sikg serve` serves it from, unless told otherwise.
DEFAULT_RELEASE = Path(".sikg/release")
CURRENT = "current"
GENERATIONS = "generations"


def with_union(quads: Iterable[Quad]) -> Iterator[Quad]:
    """Each named-graph quad followed by its statement in the default graph (the store keeps one
    copy of a key, so a statement many articles make is stored once there)."""
    default = DefaultGraph()
    for q in quads:
        yield q
        if not isinstance(q.graph_name, DefaultGraph):
            yield Quad(q.subject, q.predicate, q.object, default)


def has_union(store: Store) -> bool:
    """Whether the store's default graph holds the materialised union (every sikg build does)."""
    return any(True for _ in store.quads_for_pattern(None, None, None, DefaultGraph()))


def union_query(store: Store, query: str, **kwargs):
    """Run SPARQL on the union of the store's graphs: its materialised default graph, or for a
    store without one (a bare Store, an older build) Oxigraph's union view of the named graphs."""
    return store.query(query, use_default_graph_as_union=not has_union(store), **kwargs)


def union_count(store: Store, query: str) -> int:
    """The ``?n`` of a one-row counting query on the union."""
    return int(next(iter(union_query(store, query)))["n"].value)


UNION_CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } }"


def union_triples(store: Store) -> Iterator:
    """Every distinct statement of the store once (Triples), streamed."""
    if has_union(store):
        return (q.triple for q in store.quads_for_pattern(None, None, None, DefaultGraph()))
    return iter(store.query(UNION_CONSTRUCT))


def named_quads(store: Store) -> Iterator[Quad]:
    """The quads of the named graphs (what the articles and resolution state), without the
    materialised union or the derived projections: what a dataset export carries."""
    return (q for q in store if not isinstance(q.graph_name, DefaultGraph) and not is_projection(q.graph_name))


def sizes(store: Store) -> tuple[int, int]:
    """(quads in the named graphs but the projections, distinct statements of the union)."""
    derived = int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{PROJECTION_GRAPH.value}> "
                                        "{ ?s ?p ?o } }")))["n"].value)
    if has_union(store):  # the default graph's statements are distinct: Oxigraph counts them itself
        union = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")))["n"].value)
        return len(store) - union - derived, union
    return len(store) - derived, union_count(store, "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }")


class StoreError(SikgError):
    """The store cannot be opened or written: says which folder and why."""


#: The file that makes a folder a sikg store, with the store format it holds.
MARKER = ".sikg-store"
STORE_FORMAT = "sikg-store/1"
#: Inside each generation: readers hold a shared lock on it while they use the generation.
LEASE = ".sikg-readers"
#: The names sikg gives generations; nothing else under generations/ is ever touched.
GENERATION_NAME = re.compile(r"^\d{8}T\d{6}-\d+-[a-z0-9-]+$")
_LEGACY_ENTRIES = {CURRENT, GENERATIONS, ".lock", "harvest"}  # harvest: graph/harvest.py


def fault_point(step: str) -> None:
    """Fault injection for the crash tests: ``SIKG_FAULT=step`` kills the process at that step of a
    build, add or publish, as a power cut would (no clean-up, no exit handlers)."""
    if os.environ.get("SIKG_FAULT") == step:
        os._exit(137)


def claim_store(store_dir: Path) -> None:
    """Make ``store_dir`` a sikg store, or check that it is one; a folder holding anything else is
    refused (sikg never writes into, nor deletes from, a folder it did not make)."""
    store_dir = Path(store_dir)
    marker = store_dir / MARKER
    try:
        if marker.is_file():
            fmt = marker.read_text(encoding="utf-8").strip()
            if fmt != STORE_FORMAT:
                raise StoreError(f"{store_dir}: a store of format {fmt!r}; this sikg reads {STORE_FORMAT!r}")
            return
        if store_dir.exists() and not store_dir.is_dir():
            raise StoreError(f"{store_dir}: not a folder")
        if store_dir.is_dir():
            others = [p.name for p in store_dir.iterdir()
                      if p.name not in _LEGACY_ENTRIES and not p.name.startswith(f".{CURRENT}.")]
            if others:
                raise StoreError(f"{store_dir}: not a sikg store (it holds {', '.join(sorted(others)[:3])}"
                                 f"{' …' if len(others) > 3 else ''}); give an empty or new folder")
        store_dir.mkdir(parents=True, exist_ok=True)
        tmp = store_dir / f"{MARKER}.tmp"
        tmp.write_text(STORE_FORMAT + "\n", encoding="utf-8")
        tmp.replace(marker)
    except OSError as exc:
        raise StoreError(f"{store_dir}: cannot use this folder as a store ({exc.strerror or exc})") from None


def current_generation(store_dir: Path) -> Path | None:
    """The generation folder the store's ``current`` link points to, if any."""
    link = Path(store_dir) / CURRENT
    if not link.is_symlink():
        if link.exists():
            raise StoreError(f"{link}: is a real folder, not the link sikg keeps there; move it away")
        return None
    target = (link.parent / os.readlink(link)).resolve()
    return target if target.is_dir() else None


def require_generation(store_dir: Path) -> Path:
    """The current generation; StoreError saying that no graph was built there if there is none."""
    gen = current_generation(store_dir)
    if gen is None:
        raise StoreError(f"{store_dir}: no graph built here yet (run `sikg build --store {store_dir}`)")
    return gen


def _take_lease(gen: Path) -> int | None:
    """A shared lock on the generation's lease file (None for a generation made before leases)."""
    try:
        fd = os.open(gen / LEASE, os.O_RDONLY)
    except FileNotFoundError:
        return None
    fcntl.flock(fd, fcntl.LOCK_SH)
    return fd


@contextlib.contextmanager
def leased_generation(store_dir: Path) -> Iterator[Path]:
    """The current generation's folder, leased: no build or add removes it until the ``with`` block
    ends (a generation swapped out meanwhile stays readable)."""
    store_dir = Path(store_dir)
    for _ in range(20):
        gen = require_generation(store_dir)
        try:
            fd = _take_lease(gen)
        except OSError:
            continue  # collected between reading the link and taking the lease
        try:
            if gen.is_dir():  # else collected while the lease waited: read the new current
                yield gen
                return
        finally:
            if fd is not None:
                os.close(fd)
    raise StoreError(f"{store_dir}: the store kept changing while it was opened; try again")


@contextlib.contextmanager
def reading(store_dir: Path) -> Iterator[tuple[Path, Store]]:
    """The current generation and its store, opened read-only and leased for the ``with`` block."""
    with leased_generation(store_dir) as gen:
        try:
            store = Store.read_only(str(gen))
        except (OSError, RuntimeError) as exc:  # RocksDB reports damage as a RuntimeError ("Corruption: …")
            raise StoreError(f"{store_dir}: cannot open the store, it may be damaged "
                             f"(rebuild it with `sikg build --store {store_dir}`): {exc}") from None
        yield gen, store


_HELD: dict[Path, contextlib.ExitStack] = {}  # one lease per generation this process opened


def open_store(store_dir: Path) -> Store:
    """Open the current generation read-only, leased for the rest of this process (a command's
    lifetime); StoreError if none was built there.  Long-running readers use ``reading``."""
    stack = contextlib.ExitStack()
    gen, store = stack.enter_context(reading(store_dir))
    if gen in _HELD:
        stack.close()  # this process holds that generation's lease already: no second descriptor
    else:
        _HELD[gen] = stack
    return store


@contextlib.contextmanager
def build_lock(store_dir: Path) -> Iterator[None]:
    """Hold the store's build lock; a second build at once fails cleanly instead of waiting forever."""
    store_dir = Path(store_dir)
    claim_store(store_dir)
    try:
        fh = open(store_dir / ".lock", "w")  # noqa: SIM115 (held for the block)
    except OSError as exc:
        raise StoreError(f"{store_dir}: cannot write here ({exc.strerror or exc})") from None
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"{store_dir}: another build is writing this store; try again when it ends") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@dataclass(slots=True)
class Generation:
    """A generation being written: its folder, its open store, and the generation it replaces."""

    path: Path
    store: Store
    previous: Path | None


@contextlib.contextmanager
def new_generation(store_dir: Path, *, copy_current: bool = False, kind: str = "build") -> Iterator[Generation]:
    """Write a new generation and make it current atomically, or leave the store as it was.

    Holds the build lock; opens a new generation beside the current one (a copy of it when
    ``copy_current``: RocksDB's backup hard-links the immutable files, so it costs little).  When
    the ``with`` body returns, the generation is flushed, the ``current`` link is swapped to it by
    one ``rename`` and older generations are removed; when it raises, the new generation is
    removed and the current one is untouched (an OSError becomes a one-line StoreError).
    """
    store_dir = Path(store_dir)
    with build_lock(store_dir):
        previous = require_generation(store_dir) if copy_current else current_generation(store_dir)
        (store_dir / GENERATIONS).mkdir(parents=True, exist_ok=True)
        stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{kind}-{os.urandom(3).hex()}"
        new = store_dir / GENERATIONS / stamp
        try:
            if copy_current:
                try:
                    Store.read_only(str(previous)).backup(str(new))
                except RuntimeError as exc:
                    raise StoreError(f"{store_dir}: cannot copy the current graph, it may be damaged "
                                     f"(rebuild it with `sikg build --store {store_dir}`): {exc}") from None
            gen = Generation(new, Store(str(new)), previous)
            (new / LEASE).touch()
            yield gen
            gen.store.flush()
            del gen.store  # closes the store before it becomes current
            fault_point("before-swap")
        except OSError as exc:  # disk full, permissions, I/O: the current generation is untouched
            shutil.rmtree(new, ignore_errors=True)
            raise StoreError(f"{store_dir}: cannot write the new graph ({exc}); the previous graph is unchanged") from None
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        try:
            link_tmp = store_dir / f".{CURRENT}.{stamp}"
            os.symlink(os.path.join(GENERATIONS, stamp), link_tmp)
            fault_point("link-written")
            os.replace(link_tmp, store_dir / CURRENT)  # the atomic step
            fault_point("swapped")
            fsync_dir(store_dir)
        except OSError as exc:
            shutil.rmtree(new, ignore_errors=True)
            (store_dir / f".{CURRENT}.{stamp}").unlink(missing_ok=True)
            raise StoreError(f"{store_dir}: cannot make the new graph current ({exc.strerror or exc}); "
                             "the previous graph is unchanged") from None
        _collect_old(store_dir, keep={new, previous})
        fault_point("collected")


def write_generation(
    store_dir: Path,
    quads: Iterable[Quad] | Path,
    *,
    check: Callable[[Store], None] | None = None,
    batch: int | None = None,
) -> Path:
    """Write ``quads`` as a new generation and make it current, atomically (``new_generation``).

    ``check`` runs on the new store before the swap; if it raises, the new generation is
    removed and the current one stays.  ``quads`` may also be the path of an N-Quads file.
    The default graph gets the deduplicated union of the named graphs (``with_union``), and the
    projections graph is derived from them (graph/projections.py; one in the input is ignored).
    ``batch``: hand Oxigraph's bulk loader this many quads at a time (``LOW_MEMORY_BATCH``
    bounds the loader near 250 MiB); None loads in one pass, which Oxigraph bounds near 2 GB.
    Returns the new generation's folder.
    """
    with new_generation(store_dir) as gen:
        if isinstance(quads, Path):  # an N-Quads file, parsed by Oxigraph as a stream
            quads = parse(path=str(quads), format=RdfFormat.N_QUADS)
        statements = Statements()  # what the projections follow from, gathered on the way in

        def gathered(quads: Iterable[Quad]) -> Iterator[Quad]:
            read = statements.reads
            for q in quads:
                if not is_projection(q.graph_name):  # derived again, whatever the input carried
                    if read(q.predicate):
                        statements.add(q.subject, q.predicate, q.object)
                    yield q

        load_quads(gen.store, with_union(gathered(quads)), batch)
        # The projections are worked out and written in a second thread while Oxigraph compacts and
        # checks the store (it lets go of the interpreter meanwhile): measured, that hides most of
        # their cost (bench/named_queries.py).  The thread is always waited for before leaving.
        with ThreadPoolExecutor(1, thread_name_prefix="projections") as pool:
            derived = pool.submit(derive_projections, gen.store, statements)
            try:
                gen.store.flush()
                gen.store.optimize()  # compaction: measured, the named queries take 1.3-2.8x as long without it
                if check is not None:
                    check(gen.store)
            finally:
                wait([derived])
            derived.result()
            gen.store.flush()
    return gen.path


#: Quads per bulk-loader call in low-memory builds.  Measured (bench/, README): the loader peaks
#: near 2 GB in one pass and near 250 MiB in batches of 100,000 quads; a 100,000-article build
#: then peaks at 2.0 GB instead of 3.4 GB and takes 26% longer.
LOW_MEMORY_BATCH = 100_000


def load_quads(store: Store, quads: Iterable[Quad], batch: int | None = None) -> None:
    """Load ``quads`` with Oxigraph's bulk loader, in one pass or ``batch`` quads per call."""
    if not batch:
        store.bulk_extend(quads)
        return
    it = iter(quads)
    while chunk := list(itertools.islice(it, batch)):
        store.bulk_extend(chunk)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _collect_old(store_dir: Path, keep: set[Path | None]) -> None:
    """Remove the generations sikg made (by their names) but the new one and the previous one, and
    what a crashed build left half-written, unless a reader holds them; and stale link files.
    Anything else under the store is left alone."""
    kept = {k.resolve() for k in keep if k is not None}
    for stale in store_dir.glob(f".{CURRENT}.*"):
        stale.unlink(missing_ok=True)
    for old in (store_dir / GENERATIONS).iterdir():
        if not GENERATION_NAME.match(old.name) or old.resolve() in kept or not old.is_dir():
            continue
        try:
            fd = os.open(old / LEASE, os.O_RDONLY)
        except OSError:
            fd = None  # crash-left or made before leases: nobody can be reading it through a lease
        try:
            if fd is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # a reader holds it: removed by a later build
            trash = old.with_name(f".trash-{old.name}")
            try:
                old.rename(trash)  # readers that come after this find it gone and read the new current
            except OSError:
                continue
        finally:
            if fd is not None:
                os.close(fd)
        shutil.rmtree(trash, ignore_errors=True)
    for trash in (store_dir / GENERATIONS).glob(".trash-*"):
        shutil.rmtree(trash, ignore_errors=True)
