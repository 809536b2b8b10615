"""The word lists and cue patterns of the rule passes, read from data files (``data/lexicon/``), so that
a linguist extends them without touching code (the way spaCy keeps patterns and word lists as data).

>>> "fonds" in words("org_head"), bool(cue("funding").search("Projektu finansiāli atbalsta fonds"))
(True, True)
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
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


class Cue:
    """A category of ``cues.tsv`` as one case-insensitive pattern (its alternatives in file order).

    Searched case-sensitively in the lower-cased text where the pattern is all lower case and
    lower-casing keeps every offset (4-5x faster than ``re.IGNORECASE``, same matches); otherwise
    with ``re.IGNORECASE``.  Its matches give offsets (``start``, ``end``, ``span``) in the text
    searched; their ``group`` may be in lower case.

    >>> c = Cue("fund(ed|ing)? by|līdzfinansē")
    >>> c.search("Funded by the EEA").span(), c.search("LĪDZFINANSĒ") is not None, c.search("Fund") is None
    ((0, 9), True, True)
    >>> [m.start() for m in Cue("by").finditer("FUNDED BY İ by")]  # "İ" lower-cases to two letters
    [7, 12]
    """

    __slots__ = ("_lower", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern, re.IGNORECASE)
        self._lower = re.compile(pattern) if pattern == pattern.lower() else None

    def _searched(self, text: str) -> tuple[re.Pattern[str], str]:
        if self._lower is not None:
            low = text.lower()
            if len(low) == len(text):  # no letter lower-cases to two ("İ"): the offsets are the text's
                return self._lower, low
        return self.pattern, text

    def search(self, text: str) -> re.Match[str] | None:
        pattern, searched = self._searched(text)
        return pattern.search(searched)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pattern, searched = self._searched(text)
        return pattern.finditer(searched)


@cache
def cue(category: str) -> Cue:
    """A category of ``cues.tsv`` as one case-insensitive pattern (its alternatives in file order)."""
    return Cue("|".join(cue_words(category)))
