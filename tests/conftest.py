"""Shared fixtures: the graph built once from the bundled data (seeds + corpus, curated)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sikg.graph.build import BuildReport, build, bundled_data
from sikg.graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = bundled_data() / "articles"
CURATED = bundled_data() / "curated"
SEED_STEMS = sorted(p.stem for p in SEEDS.glob("[0-9][0-9][0-9]_*.txt"))  # the five seeds


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[Path, BuildReport]:
    """The bundled data built (curated annotations only) into a session-wide store."""
    store = tmp_path_factory.mktemp("store") / "store"
    report = build(None, store, progress=False)
    return store, report


@pytest.fixture(scope="session")
def store(built):
    return open_store(built[0])


@pytest.fixture
def seed_dir(tmp_path) -> Path:
    """A writable copy of the five seed articles and their curated annotations."""
    d = tmp_path / "seeds"
    d.mkdir()
    for stem in SEED_STEMS:
        shutil.copy(SEEDS / f"{stem}.txt", d)
        shutil.copy(CURATED / f"{stem}.json", d)
    return d


def run_sikg(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed `sikg` command as a user would."""
    exe = Path(sys.executable).with_name("sikg")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "sikg.cli"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=300)
