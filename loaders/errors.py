"""The one error type every loader raises for bad input: the file, the field, the reason."""
from __future__ import annotations

from pathlib import Path

from sikg.errors import SikgError


class InputError(SikgError):
    """Bad input, reported on one line as ``FILE[: FIELD]: REASON``.

    >>> str(InputError("a.json", "no such type 'Funder'", field="entities[0].type"))
    "a.json: entities[0].type: no such type 'Funder'"
    """

    def __init__(self, path: str | Path, reason: str, *, field: str | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: {self.field}" if self.field else self.path
        return f"{where}: {self.reason}"
