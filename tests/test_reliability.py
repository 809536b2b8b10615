"""Crash safety, a full disk, concurrent readers and writers: nothing lost, nothing mixed, nothing hangs.

`SIKG_KILLS` sets how many random SIGKILLs each crash test delivers (default 12; `.ci/run` uses it).
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sikg.graph.build import build
from sikg.graph.checks import run_checks
from sikg.graph.projections import PROJECTION_GRAPH
from sikg.graph.store import current_generation, open_store, reading, sizes
from support import CURATED, SEED_STEMS, SEEDS
from support.servers import sikg_exe

KILLS = int(os.environ.get("SIKG_KILLS", "12"))
STATS: dict[str, int] = {}


@pytest.fixture(scope="module", autouse=True)
def report():
    yield
    print("\nreliability: " + ", ".join(f"{k} {v}" for k, v in sorted(STATS.items())))


def inputs(tmp: Path, n_corpus: int) -> Path:
    """The seeds (curated) plus n curated corpus annotations: two sizes give an old and a new graph."""
    d = tmp / f"in-{n_corpus}"
    d.mkdir()
    for stem in SEED_STEMS:
        shutil.copy(SEEDS / f"{stem}.txt", d)
        shutil.copy(CURATED / f"{stem}.json", d)
    for p in sorted(CURATED.glob("[0-9][0-9]_*.json"))[:n_corpus]:
        shutil.copy(p, d)
    return d


def snapshot(store_dir: Path) -> frozenset[str]:
    with reading(store_dir) as (_, store):  # leased only while read, so that builds may collect it
        return frozenset(str(q) for q in store)


def assert_whole(store_dir: Path, allowed: set[frozenset[str]]) -> None:
    with reading(store_dir) as (_, store):
        assert run_checks(store).conforms
    assert snapshot(store_dir) in allowed, "the store is a mixture of the old and the new graph"


def kill_at_random(cmd: list[str], rnd: random.Random, max_delay: float) -> int | None:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rnd.uniform(0.0, max_delay))
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    return proc.wait(60)


@pytest.mark.slow
def test_build_killed_at_random_points(tmp_path):
    old_in, new_in = inputs(tmp_path, 0), inputs(tmp_path, 6)
    store_dir = tmp_path / "store"
    build([old_in], store_dir, progress=False)
    old = snapshot(store_dir)
    ref = tmp_path / "ref"
    build([new_in], ref, progress=False)
    new = snapshot(ref)
    assert old != new
    rnd = random.Random(4)
    cmd = [sikg_exe(), "build", str(new_in), "--store", str(store_dir), "--curated-only"]
    for _ in range(KILLS):
        kill_at_random(cmd, rnd, 4.0)
        assert_whole(store_dir, {old, new})
        STATS["build kills survived"] = STATS.get("build kills survived", 0) + 1
        if snapshot(store_dir) == new:  # start again from the old graph, so later kills test a swap too
            build([old_in], store_dir, progress=False)
    assert len(list((store_dir / "generations").iterdir())) <= 3  # half-written generations are collected


@pytest.mark.slow
def test_add_killed_at_random_points(tmp_path):
    base = inputs(tmp_path, 0)
    store_dir = tmp_path / "store"
    build([base], store_dir, progress=False)
    old = snapshot(store_dir)
    extra = tmp_path / "extra"
    extra.mkdir()
    shutil.copy(sorted(CURATED.glob("[0-9][0-9]_*.json"))[0], extra)
    rnd = random.Random(5)
    cmd = [sikg_exe(), "add", str(extra), "--store", str(store_dir), "--curated-only"]
    news: set[frozenset[str]] = set()
    for _ in range(KILLS):
        kill_at_random(cmd, rnd, 2.5)
        now = snapshot(store_dir)
        if now != old:
            news.add(now)
        assert_whole(store_dir, {old} | news)
        assert len(news) <= 1, "two different 'new' graphs: an add left a partial result"
        STATS["add kills survived"] = STATS.get("add kills survived", 0) + 1
        if now != old:
            build([base], store_dir, progress=False)
            old = snapshot(store_dir)


def _tiny_tmpfs(path: Path, size_kib: int) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(path)],
                       capture_output=True, text=True)
    return r.returncode == 0


def test_disk_full_leaves_the_old_store(tmp_path):
    """A file system that fills up mid-build (a small tmpfs where mounting is allowed, else a file-size
    limit) fails the build cleanly; the previous graph stays current and whole."""
    old_in, new_in = inputs(tmp_path, 0), inputs(tmp_path, 20)
    probe = tmp_path / "probe"
    build([old_in], probe, progress=False)
    old_size = sum(f.stat().st_size for f in probe.rglob("*") if f.is_file())
    disk = tmp_path / "disk"
    mounted = _tiny_tmpfs(disk, int(old_size * 2 / 1024) + 256)
    try:
        store_dir = disk / "store"
        build([old_in], store_dir, progress=False)
        old, gen = snapshot(store_dir), current_generation(store_dir)

        def limit():
            if not mounted:
                import resource

                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

        r = subprocess.run([sikg_exe(), "build", str(new_in), "--store", str(store_dir), "--curated-only"],
                           capture_output=True, text=True, preexec_fn=limit, timeout=120)
        assert r.returncode != 0, r.stdout
        assert "Traceback" not in r.stderr and r.stderr.strip().startswith("error:")
        assert current_generation(store_dir) == gen
        assert_whole(store_dir, {old})
        STATS["disk-full builds refused (tmpfs)" if mounted else "disk-full builds refused (file-size limit)"] = 1
    finally:
        if mounted:
            subprocess.run(["umount", str(disk)], check=False)


#: The quads of the named graphs but the derived projections: what ``sizes(store)[0]`` counts.
COUNT_DATA = f"SELECT (COUNT(*) AS ?n) {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{PROJECTION_GRAPH.value}>) }}"


def test_readers_during_a_rebuild_see_old_or_new_never_an_error(tmp_path):
    old_in, new_in = inputs(tmp_path, 0), inputs(tmp_path, 6)
    store_dir = tmp_path / "store"
    build([old_in], store_dir, progress=False)
    n_old = sizes(open_store(store_dir))[0]
    errors: list[str] = []
    seen: set[int] = set()
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                store = open_store(store_dir)
                n = int(next(iter(store.query(COUNT_DATA)))["n"].value)
                seen.add(n)
            except Exception as exc:
                errors.append(repr(exc))

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    for _ in range(3):
        build([new_in], store_dir, progress=False)
        build([old_in], store_dir, progress=False)
    stop.set()
    for t in threads:
        t.join()
    assert errors == []
    assert n_old in seen and len(seen) <= 2, seen
    STATS["reads during rebuilds"] = len(seen) and 1


def test_two_builds_at_once_one_waits_or_fails_cleanly(tmp_path):
    a = inputs(tmp_path, 20)
    store_dir = tmp_path / "store"
    build([a], store_dir, progress=False)
    cmd = [sikg_exe(), "build", str(a), "--store", str(store_dir), "--curated-only"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(*p.communicate(timeout=180), p.returncode) for p in procs]
    codes = [r[2] for r in results]
    assert 0 in codes
    for _out, err, code in results:
        if code != 0:
            assert "another build is writing this store" in err and "Traceback" not in err
    assert_whole(store_dir, {snapshot(store_dir)})
    assert run_checks(open_store(store_dir)).conforms


def test_crash_left_generation_is_collected(tmp_path):
    old_in = inputs(tmp_path, 0)
    store_dir = tmp_path / "store"
    build([old_in], store_dir, progress=False)
    junk = store_dir / "generations" / "19990101T000000-1-dead"
    junk.mkdir()
    (junk / "half-written").write_bytes(b"x" * 100)
    build([old_in], store_dir, progress=False)
    assert not junk.exists()


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
