"""Shared fixtures: the graph built once from the bundled data (seeds + corpus, curated)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sikg.graph.build import BuildReport, build
from sikg.graph.store import open_store
from support import CURATED, SEED_STEMS, SEEDS


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
