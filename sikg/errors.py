"""The one base of every error sikg reports to a user: a message of one line, saying where and why.

The CLI catches ``SikgError`` once and prints each of its ``lines()`` on stderr; anything else is a
bug and keeps its traceback.

>>> str(SikgError("a.json: entities[0].type: no such type"))
'a.json: entities[0].type: no such type'
>>> SikgError("x").lines()
['x']
"""
from __future__ import annotations


class SikgError(Exception):
    """Bad input, a refused build, a store that cannot be opened, a bad query or parameter."""

    #: Printed after the error lines (e.g. that the previous store is unchanged).
    footer: str | None = None

    def lines(self) -> list[str]:
        """The message, one line per reason."""
        return [str(self)]
