"""Support code of the test suite (one package; bench/ does not import from it): where the bundled
and shared data are, running the installed `sikg` as a user would, real servers and a real browser."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from sikg.graph.build import bundled_data

ROOT = Path(__file__).resolve().parent.parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = bundled_data() / "articles"
CURATED = bundled_data() / "curated"
SEED_STEMS = sorted(p.stem for p in SEEDS.glob("*.txt") if re.fullmatch(r"\d{3}_[0-9a-f]{16}", p.stem))  # the five seeds


def sikg_exe() -> str:
    """The installed `sikg` command beside this Python."""
    return str(Path(sys.executable).with_name("sikg"))


def run_sikg(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed `sikg` command as a user would."""
    exe = Path(sikg_exe())
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "sikg.cli"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=300)
