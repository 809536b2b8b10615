"""The word lists and cue patterns of the rule passes, read from data files (``data/lexicon/``), so that
a linguist extends them without touching code (the way spaCy keeps patterns and word lists as data).

>>> "fonds" in words("org_head"), bool(cue("funding").search("Projektu finansiāli atbalsta fonds"))
(True, True)
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from functools import cache
from importlib.resources import files
from pathlib import Path


def lexicon_path(name: str) -> Path:
    return Path(str(files("sikg.data") / "lexicon" / name))


@cache
def _table(name: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    with lexicon_path(name).open(encoding="utf-8") as fh:
        rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t",
                          quoting=csv.QUOTE_NONE)
        next(rows)  # the header
        for category, value in rows:
            out[category].append(value)
    return {k: tuple(v) for k, v in out.items()}


def words(category: str) -> tuple[str, ...]:
    """The words of a category of ``names.tsv``, in file order."""
    return _table("names.tsv")[category]


def cue_words(category: str) -> tuple[str, ...]:
    """The entries of a category of ``cues.tsv``, in file order."""
    return _table("cues.tsv")[category]


def cue(category: str) -> re.Pattern[str]:
    """A category of ``cues.tsv`` as one case-insensitive pattern (its alternatives in file order)."""
    return re.compile("|".join(cue_words(category)), re.IGNORECASE)
