"""Lose nothing: what sikg may touch, identity collisions, strict metadata, readers during swaps,
atomic and reproducible releases, one-line errors, and a kill at every step of build, add and publish."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from sikg.graph.build import BuildError, build
from sikg.graph.incremental import add_articles
from sikg.graph.publish import publish
from sikg.graph.store import current_generation, reading, write_generation
from sikg.loaders.annotations import load_annotation
from sikg.loaders.articles import read_sources
from sikg.loaders.errors import InputError
from support import CURATED, SEED_STEMS, SEEDS, run_sikg

NORDEN = SEEDS / "02_norden_nvo_grants.txt"


def seeds(tmp: Path, name: str = "in") -> Path:
    d = tmp / name
    d.mkdir()
    for stem in SEED_STEMS:
        shutil.copy(SEEDS / f"{stem}.txt", d)
        shutil.copy(CURATED / f"{stem}.json", d)
    return d


def snapshot(store_dir: Path) -> frozenset[str]:
    with reading(store_dir) as (_, store):
        return frozenset(str(q) for q in store)


def one_line_error(result: subprocess.CompletedProcess, *needles: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.strip().splitlines() if line.startswith("error:")]
    assert lines, result.stderr
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)


# ---------------------------------------------------------------- what sikg may touch

def test_folders_sikg_did_not_make_are_never_removed(tmp_path):
    store = tmp_path / "proj"
    build([seeds(tmp_path)], store, progress=False)
    report = store / "generations" / "wind-turbines-2024"
    report.mkdir()
    (report / "report.pdf").write_bytes(b"%PDF")
    build([seeds(tmp_path, "again")], store, progress=False)
    add_articles([CURATED / "01_sif_lidzfinansejuma_programma.json"], store)
    assert (report / "report.pdf").read_bytes() == b"%PDF"


def test_a_folder_holding_other_files_is_not_made_a_store(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = run_sikg("build", str(seeds(tmp_path)), "--store", str(folder), "--curated-only")
    one_line_error(result, str(folder), "not a sikg store")
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_current_that_is_a_real_folder_is_a_one_line_error(tmp_path):
    store = tmp_path / "s"
    store.mkdir()
    (store / "current").mkdir()
    one_line_error(run_sikg("query", "funders", "--store", str(store)), "current", "real folder")
    one_line_error(run_sikg("build", str(seeds(tmp_path)), "--store", str(store), "--curated-only"), "real folder")
    assert (store / "current").is_dir()


# ---------------------------------------------------------------- article identity

def test_two_files_with_one_identity_in_a_build_name_both(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(NORDEN, d / "norden-grants.txt")
    shutil.copy(NORDEN, d / "Norden Grants.txt")
    with pytest.raises(BuildError) as exc:
        build([d], tmp_path / "s", progress=False, extractor=None)
    assert any("norden-grants.txt" in e and "Norden Grants.txt" in e for e in exc.value.errors), exc.value.errors


def test_add_never_replaces_another_article_unless_asked(tmp_path):
    first = tmp_path / "a"
    first.mkdir()
    shutil.copy(NORDEN, first / "norden-grants.txt")
    store = tmp_path / "s"
    build([first], store, progress=False, extractor=None)
    before = snapshot(store)
    other = tmp_path / "b"
    other.mkdir()
    (other / "Norden Grants.txt").write_text("Cits raksts\n\nPavisam cits teksts.\n", encoding="utf-8")
    result = run_sikg("add", str(other / "Norden Grants.txt"), "--store", str(store), "--curated-only")
    one_line_error(result, "Norden Grants.txt", "--replace")
    assert snapshot(store) == before
    result = run_sikg("add", str(other / "Norden Grants.txt"), "--store", str(store), "--curated-only", "--replace")
    assert result.returncode == 0, result.stderr
    assert snapshot(store) != before


# ---------------------------------------------------------------- strict metadata and annotations

def write_sources(tmp_path: Path, body: str, bom: bool = False) -> Path:
    p = tmp_path / "sources.tsv"
    p.write_text(("\ufeff" if bom else "") + "file\turl\tlanguage\tpublisher\tread\n" + body, encoding="utf-8")
    return p


def test_an_unbalanced_quote_swallows_no_rows(tmp_path):
    p = write_sources(tmp_path, 'a.txt\thttps://e.lv/a\tlv\tbiedrība "Kopā\t2026-01-01\n'
                                "b.txt\thttps://e.lv/b\ten\tPublisher B\t2026-01-02\n")
    rows = read_sources(p)
    assert rows["a"].publisher == 'biedrība "Kopā' and rows["b"].url == "https://e.lv/b" and rows["b"].language == "en"


@pytest.mark.parametrize(("body", "needle"), [
    ("a.txt\t\tlv lv\tX\t\n", "line 2: field 'language'"),
    ("\thttps://e.lv\tlv\tX\t\n", "line 2: field 'file' is empty"),
    ("a.txt\tnot a url\tlv\tX\t\n", "line 2: field 'url'"),
    ("a.txt\t\tlv\tX\t2026-13-40\n", "line 2: field 'read'"),
    ("a.txt\t\tlv\tX\t\t\textra\n", "line 2: 7 cells"),
    ("a.txt\t\tlv\tX\t\na.txt\t\ten\tY\t\n", "line 3: 'a.txt' is already described on line 2"),
])
def test_bad_sources_rows_are_one_line_errors(tmp_path, body, needle):
    with pytest.raises(InputError, match="") as exc:
        read_sources(write_sources(tmp_path, body))
    assert needle in str(exc.value) and "sources.tsv" in str(exc.value) and "\n" not in str(exc.value)


def test_a_byte_order_mark_is_accepted(tmp_path):
    assert read_sources(write_sources(tmp_path, "a.txt\t\ten\tX\t\n", bom=True))["a"].language == "en"


def test_a_bad_language_in_sources_is_one_line_from_the_cli(tmp_path):
    d = seeds(tmp_path)
    (d / "sources.tsv").write_text("file\turl\tlanguage\tpublisher\n02.txt\t\tlv lv\tX\n", encoding="utf-8")
    one_line_error(run_sikg("build", str(d), "--store", str(tmp_path / "s"), "--curated-only"), "lv lv")


def test_exhaustive_must_be_a_boolean(tmp_path):
    p = tmp_path / "a.json"
    p.write_text('{"article": "a.txt", "exhaustive": "false", "entities": [], "relations": []}', encoding="utf-8")
    with pytest.raises(InputError, match="exhaustive: must be true or false"):
        load_annotation(p)


def test_two_annotation_files_for_one_article_are_an_error(tmp_path):
    d = seeds(tmp_path)
    stem = SEED_STEMS[0]
    (d / "copy.json").write_text((d / f"{stem}.json").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(BuildError) as exc:
        build([d], tmp_path / "s", progress=False)
    assert any("a second annotation file" in e and "copy.json" in e for e in exc.value.errors)


def test_direction_overrides_are_removed_from_names(tmp_path):
    p = tmp_path / "a.json"
    p.write_text('{"article": "a.txt", "entities": [{"type": "Organisation", "name": "Banka\\u202eABC"}], '
                 '"relations": []}', encoding="utf-8")
    assert load_annotation(p).entities[0].name == "BankaABC"


# ---------------------------------------------------------------- readers during swaps

def test_readers_never_fail_while_generations_swap(tmp_path):
    """1,200 reads on three threads while another thread swaps generations as fast as it can."""
    store = tmp_path / "s"
    old, new = seeds(tmp_path, "old"), seeds(tmp_path, "new")
    shutil.copy(CURATED / "01_sif_lidzfinansejuma_programma.json", new)
    build([old], store, progress=False)
    from pyoxigraph import Quad  # quads of the two graphs, swapped in with the store's own writer

    with reading(store) as (_, s):
        quads_old = [q for q in s if q.graph_name.__class__.__name__ != "DefaultGraph"]
    build([new], tmp_path / "ref", progress=False)
    with reading(tmp_path / "ref") as (_, s):
        quads_new = [q for q in s if q.graph_name.__class__.__name__ != "DefaultGraph"]
    assert isinstance(quads_old[0], Quad)
    errors: list[str] = []
    reads = [0]
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set() and reads[0] < 1200:
            try:
                with reading(store) as (_, s):
                    next(iter(s.query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")))
                reads[0] += 1
            except Exception as exc:  # any error is a failure of the guarantee
                errors.append(repr(exc))

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    swaps = 0
    while reads[0] < 1200 and not errors:
        write_generation(store, quads_new if swaps % 2 else quads_old)
        swaps += 1
    stop.set()
    for t in threads:
        t.join()
    assert errors == [] and reads[0] >= 1000 and swaps >= 3, (errors[:3], reads, swaps)
    assert len([p for p in (store / "generations").iterdir()]) <= 3  # and old generations are collected


# ---------------------------------------------------------------- releases

def test_two_publishes_give_byte_identical_files_and_clean_up(built, tmp_path):
    from sikg.graph.store import open_store

    store = open_store(built[0])
    out = tmp_path / "release"
    publish(store, out)
    first = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()}
    (tmp_path / ".release.abcd1234").mkdir()  # what an older sikg's killed publish left
    publish(store, out)
    second = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()}
    assert first == second and len(first) >= 6
    assert not (tmp_path / ".release.abcd1234").exists()
    assert len([p for p in (tmp_path / ".release.releases").iterdir() if p.is_dir()]) <= 2


def test_an_older_release_folder_is_taken_over_and_a_foreign_one_refused(built, tmp_path):
    from sikg.graph.publish import PublishError
    from sikg.graph.store import open_store

    store = open_store(built[0])
    foreign = tmp_path / "website"
    foreign.mkdir()
    (foreign / "index.html").write_text("mine")
    with pytest.raises(PublishError, match="not a sikg release"):
        publish(store, foreign)
    assert (foreign / "index.html").read_text() == "mine"


# ---------------------------------------------------------------- kill at every step

STORE_STEPS = ("before-swap", "link-written", "swapped", "collected")
PUBLISH_STEPS = ("publish-written", "publish-link-written", "publish-swapped")


@pytest.mark.parametrize("step", STORE_STEPS)
@pytest.mark.parametrize("command", ["build", "add"])
def test_a_kill_at_every_step_leaves_a_store_that_opens(tmp_path, command, step):
    store = tmp_path / "s"
    base = seeds(tmp_path)
    build([base], store, progress=False)
    old = snapshot(store)
    if command == "build":
        extra = seeds(tmp_path, "more")
        shutil.copy(CURATED / "01_sif_lidzfinansejuma_programma.json", extra)
        args = ["build", str(extra)]
    else:
        args = ["add", str(CURATED / "01_sif_lidzfinansejuma_programma.json")]
    result = run_sikg(*args, "--store", str(store), "--curated-only", env={"SIKG_FAULT": step})
    assert result.returncode != 0  # killed at the step
    now = snapshot(store)
    assert now == old if step in ("before-swap", "link-written") else now != old
    assert run_sikg("query", "funders", "--store", str(store)).returncode == 0
    result = run_sikg(*args, "--store", str(store), "--curated-only", *(["--replace"] if command == "add" else []))
    assert result.returncode == 0, result.stderr  # and the next run cleans up and succeeds
    assert not list(store.glob(".current.*"))


@pytest.mark.parametrize("step", PUBLISH_STEPS)
def test_a_kill_at_every_publish_step_leaves_a_whole_release(built, tmp_path, step):
    out = tmp_path / "release"
    assert run_sikg("publish", "--out", str(out), "--store", str(built[0])).returncode == 0
    sums = (out / "SHA256SUMS").read_text()
    result = run_sikg("publish", "--out", str(out), "--store", str(built[0]), env={"SIKG_FAULT": step})
    assert result.returncode != 0
    assert (out / "SHA256SUMS").read_text() == sums  # the same graph: old or new, the same bytes
    for line in sums.splitlines():
        digest, name = line.split()
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    assert run_sikg("publish", "--out", str(out), "--store", str(built[0])).returncode == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".release.link-")]


# ---------------------------------------------------------------- one-line errors

def _read_only_mount(path: Path) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(path)],
                          capture_output=True).returncode == 0


def test_read_only_output_folders_are_one_line_errors(built, tmp_path):
    ro = tmp_path / "ro"
    if not _read_only_mount(ro):
        pytest.skip("needs root to mount a read-only tmpfs")
    try:
        store = str(built[0])
        one_line_error(run_sikg("build", str(seeds(tmp_path)), "--store", str(ro / "s"), "--curated-only"), str(ro))
        one_line_error(run_sikg("export", "-o", str(ro / "x.ttl"), "--store", store), str(ro))
        one_line_error(run_sikg("extract", str(SEEDS / f"{SEED_STEMS[0]}.txt"), "--out", str(ro / "out")), str(ro))
        one_line_error(run_sikg("viz", "-o", str(ro / "x.html"), "--store", store), str(ro))
        one_line_error(run_sikg("publish", "--out", str(ro / "rel"), "--store", store), str(ro))
    finally:
        subprocess.run(["umount", str(ro)], check=False)


def test_a_damaged_store_is_a_one_line_error(tmp_path):
    store = tmp_path / "s"
    build([seeds(tmp_path)], store, progress=False)
    gen = current_generation(store)
    for f in gen.iterdir():
        if f.is_file() and f.name != ".sikg-readers":
            f.write_bytes(os.urandom(64))
    one_line_error(run_sikg("query", "funders", "--store", str(store)), str(store))
    one_line_error(run_sikg("export", "--store", str(store)), str(store))
    one_line_error(run_sikg("add", str(CURATED / "01_sif_lidzfinansejuma_programma.json"), "--store", str(store),
                            "--curated-only"), str(store))


def test_serve_on_a_port_in_use_is_a_one_line_error(built):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = run_sikg("serve", "--port", str(port), "--store", str(built[0]))
    one_line_error(result, f"127.0.0.1:{port}", "cannot listen")


def test_endpoint_queries_never_fail_while_generations_swap(tmp_path):
    """The endpoint holds a lease on the generation a query runs on: 300 queries, no 500."""
    import urllib.parse
    import urllib.request

    from support.servers import free_port, running, sikg_exe

    store = tmp_path / "s"
    build([seeds(tmp_path)], store, progress=False)
    with reading(store) as (_, s):
        quads = [q for q in s if q.graph_name.__class__.__name__ != "DefaultGraph"]
    port = free_port()
    url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode(
        {"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"})
    statuses: list[int] = []
    stop = threading.Event()

    def client() -> None:
        while not stop.is_set() and len(statuses) < 300:
            try:
                with urllib.request.urlopen(url, timeout=30) as r:
                    statuses.append(r.status)
            except urllib.error.HTTPError as exc:
                statuses.append(exc.code)

    with running([sikg_exe(), "serve", "--port", str(port), "--store", str(store)], url):
        threads = [threading.Thread(target=client) for _ in range(3)]
        for t in threads:
            t.start()
        swaps = 0
        while len(statuses) < 300:
            write_generation(store, quads)
            swaps += 1
        stop.set()
        for t in threads:
            t.join()
    assert set(statuses) == {200} and swaps >= 3, (sorted(set(statuses)), swaps)


def test_a_full_disk_during_publish_keeps_the_old_release(built, tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    out = disk / "release"
    first = run_sikg("publish", "--out", str(tmp_path / "probe"), "--store", str(built[0]))
    assert first.returncode == 0, first.stderr
    size_kib = sum(p.stat().st_size for p in (tmp_path / "probe").iterdir()) // 1024
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={int(size_kib * 1.5) + 64}k", "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a small tmpfs")
    try:
        assert run_sikg("publish", "--out", str(out), "--store", str(built[0])).returncode == 0
        sums = (out / "SHA256SUMS").read_text()
        one_line_error(run_sikg("publish", "--out", str(out), "--store", str(built[0])), str(out))
        assert (out / "SHA256SUMS").read_text() == sums
        assert not list((disk / ".release.releases").glob("*.partial"))
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_add_to_a_store_on_a_read_only_disk_is_a_one_line_error(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("needs root to mount a tmpfs")
    try:
        build([seeds(tmp_path)], disk / "s", progress=False)
        before = snapshot(disk / "s")
        assert subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True).returncode == 0
        one_line_error(run_sikg("add", str(CURATED / "01_sif_lidzfinansejuma_programma.json"), "--store",
                                str(disk / "s"), "--curated-only"), str(disk / "s"))
        assert snapshot(disk / "s") == before
    finally:
        subprocess.run(["umount", str(disk)], check=False)
