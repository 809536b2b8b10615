"""The trained extractor's file: one zip with the name tagger (CRF), the relation classifier (JSON)
and what it was trained on; the shipped one is ``data/models/extractor.zip``.

A model file is data, never code: nothing in it is executed or unpickled, and a file that is not a
model (empty, truncated, another zip, a wrong version) is a one-line InputError naming it.
"""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from sikg.files import write_atomically
from sikg.loaders.errors import InputError
from sikg.loaders.extract.relate import RelationClassifier

#: The model format this code reads and writes.
FORMAT = "sikg-extractor/1"
TAGGER, RELATIONS, META = "tagger.crfsuite", "relations.json", "meta.json"
#: Where `sikg train` writes a model unless told otherwise.
DEFAULT_MODEL = Path(".sikg/extractor.zip")


def shipped_model_path() -> Path:
    """The model shipped in the package (trained on the bundled annotated articles)."""
    return Path(str(files("sikg.data") / "models" / "extractor.zip"))


@dataclass
class Model:
    """A trained extractor: the tagger's bytes, the relation classifier, and its description."""

    tagger: bytes
    relations: RelationClassifier
    meta: dict[str, Any] = field(default_factory=dict)
    _tagger: Any = field(default=None, repr=False, compare=False)

    def entity_tagger(self):
        """The CRF, opened once per process (a pickled Model reopens it where it lands)."""
        if self._tagger is None:
            from sikg.loaders.extract.tagger import EntityTagger

            self._tagger = EntityTagger(self.tagger)
        return self._tagger

    def __getstate__(self) -> dict:
        return {"tagger": self.tagger, "relations": self.relations, "meta": self.meta, "_tagger": None}

    def to_bytes(self) -> bytes:
        """The zip, byte-identical for the same model (fixed member order and timestamps)."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            for name, data in ((META, json.dumps({"format": FORMAT, **self.meta}, ensure_ascii=False, indent=1,
                                                  sort_keys=True).encode()),
                               (TAGGER, self.tagger),
                               (RELATIONS, json.dumps(self.relations.to_json(), ensure_ascii=False,
                                                      separators=(",", ":")).encode())):
                info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data)
        return buf.getvalue()

    def save(self, path: Path) -> Path:
        """Write the model atomically (a temporary file renamed over the target)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, self.to_bytes())
        return path


def load_model(path: Path | None = None) -> Model:
    """Read a model file (the shipped one by default); InputError naming the file when it is not one."""
    path = Path(path) if path is not None else shipped_model_path()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the model: {exc.strerror or exc}") from None
    if not raw:
        raise InputError(path, "the model file is empty")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            names = set(z.namelist())
            missing = {META, TAGGER, RELATIONS} - names
            if missing:
                raise InputError(path, f"not a sikg extractor model (missing {', '.join(sorted(missing))})")
            meta = json.loads(z.read(META))
            if meta.get("format") != FORMAT:
                raise InputError(path, f"model format {meta.get('format')!r} is not {FORMAT!r}: retrain with `sikg train`")
            tagger = z.read(TAGGER)
            relations = RelationClassifier.from_json(json.loads(z.read(RELATIONS)))
    except InputError:
        raise
    except (zipfile.BadZipFile, json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(path, f"not a sikg extractor model ({type(exc).__name__}: {exc})") from None
    meta.pop("format", None)
    model = Model(tagger, relations, meta)
    try:
        model.entity_tagger()
    except Exception as exc:  # crfsuite refuses bytes that are no CRF model
        raise InputError(path, f"the tagger in the model cannot be opened ({exc})") from None
    return model


@cache
def shipped_model() -> Model | None:
    """The shipped model, or None where the package has none (the rules alone then extract)."""
    path = shipped_model_path()
    return load_model(path) if path.exists() else None
