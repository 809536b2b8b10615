"""Writing a file so that a reader sees the old content or the new, never a part: a temporary file
beside it, renamed over it (one ``rename``).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> write_atomically(path, "één\\n"), path.read_text(encoding="utf-8")
(6, 'één\\n')
"""
from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes | str) -> int:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file renamed into place; bytes written."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_bytes(raw)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return len(raw)
