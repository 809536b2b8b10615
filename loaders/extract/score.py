"""The project's scorer: entity, event, relation, role and cross-article identity measures of system
annotations against hand annotations, with the definitions of the shared evaluation script
(a test checks that both give the same figures on the same files).

- An entity matches a hand-annotated one of the same type when its name, or failing that one of
  its aliases, is the gold name or a gold alias (case, quotes and spacing ignored); events also
  match by date.  Core entity types: every type but Event, which is scored on its own.
- A relation matches when its subject and object match gold entities and the predicate is equal.
- Identity: mentions of one real-world entity in different articles should share an ``id``.

>>> gold = {"a": {"entities": [{"type": "Person", "name": "Mārtiņš Urdze"}], "relations": []}}
>>> score(gold, {"a": {"entities": [{"type": "Person", "name": "mārtiņš urdze"}], "relations": []}})["entities_core"]["f1"]
1.0
"""
from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from sikg.ontology.vocabulary import ENTITY_TYPES

CORE_TYPES = tuple(t for t in ENTITY_TYPES if t != "Event")
_QUOTES = "\"'“”„«»‘’‚`"


def norm(text: str | None) -> str:
    """Case-, quote- and whitespace-insensitive form of a name."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if ch not in _QUOTES)
    return re.sub(r"\s+", " ", text).strip(" .,;:-–—()").casefold()


def forms(entity: dict) -> set[str]:
    out = {norm(entity.get("name"))} | {norm(a) for a in entity.get("aliases") or []}
    out.discard("")
    return out


def load_dir(folder: Path) -> dict[str, dict]:
    """The annotation files of a folder, by article stem."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("*.json"))}


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def align_entities(gold: list[dict], system: list[dict]) -> dict[int, int]:
    """One-to-one map from system entity index to gold entity index (names first, then aliases)."""
    taken: set[int] = set()
    mapping: dict[int, int] = {}
    for by_alias in (False, True):
        for si, s in enumerate(system):
            if si in mapping:
                continue
            stype = s.get("type")
            names = forms(s) if by_alias else {norm(s.get("name"))}
            sdate = (s.get("date") or "").strip()
            for gi, g in enumerate(gold):
                if gi in taken or g.get("type") != stype:
                    continue
                hit = bool(names & forms(g))
                if not hit and not by_alias and stype == "Event" and sdate and g.get("date"):
                    gdate = g["date"]
                    hit = sdate == gdate or (gdate.startswith("--") and sdate.endswith(gdate[1:]))
                if hit:
                    mapping[si] = gi
                    taken.add(gi)
                    break
    return mapping


def _role_agrees(gold_role: str | None, sys_role: str | None) -> bool:
    g, s = norm(gold_role), norm(sys_role)
    return bool(g) and bool(s) and (g in s or s in g)


def _gold_keys(gold_docs: dict[str, dict]) -> dict[tuple[str, int], tuple]:
    parent: dict[tuple, tuple] = {}

    def find(x: tuple) -> tuple:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_form: dict[tuple[str, str], tuple] = {}
    for stem, doc in gold_docs.items():
        for gi, g in enumerate(doc.get("entities", [])):
            node = (stem, gi)
            find(node)
            for f in forms(g):
                key = (g.get("type"), f)
                if key in by_form:
                    parent[find(node)] = find(by_form[key])
                else:
                    by_form[key] = node
    return {node: find(node) for node in list(parent)}


def score(gold_docs: dict[str, dict], sys_docs: dict[str, dict]) -> dict:
    """Every measure, for the articles of ``gold_docs`` (a missing system file found nothing)."""
    ent = defaultdict(lambda: [0, 0, 0])
    rel = [0, 0, 0]
    by_pred = defaultdict(lambda: [0, 0, 0])
    role_total = role_ok = 0
    keys = _gold_keys(gold_docs)
    ids_of_key: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for stem, gdoc in gold_docs.items():
        sdoc = sys_docs.get(stem, {"entities": [], "relations": []})
        gents, sents = gdoc.get("entities", []), sdoc.get("entities", [])
        mapping = align_entities(gents, sents)
        for si, s in enumerate(sents):
            if si in mapping:
                ent[s.get("type")][0] += 1
                if s.get("id"):
                    ids_of_key[keys[(stem, mapping[si])]].append((stem, s["id"]))
            else:
                ent[s.get("type")][1] += 1
        for gi, g in enumerate(gents):
            if gi not in set(mapping.values()):
                ent[g.get("type")][2] += 1
        name_to_gold: dict[str, int] = {}
        for si, gi in mapping.items():
            name_to_gold.setdefault(norm(sents[si].get("name")), gi)
        gold_rels = {(norm(r["subject"]), r["predicate"], norm(r["object"])): r for r in gdoc.get("relations", [])}
        seen = set()
        for r in sdoc.get("relations", []):
            s_, o_ = name_to_gold.get(norm(r.get("subject"))), name_to_gold.get(norm(r.get("object")))
            key = None
            if s_ is not None and o_ is not None:
                key = (norm(gents[s_]["name"]), r.get("predicate"), norm(gents[o_]["name"]))
            if key is not None and key in gold_rels and key not in seen:
                seen.add(key)
                rel[0] += 1
                by_pred[r.get("predicate")][0] += 1
                if gold_rels[key].get("role"):
                    role_total += 1
                    role_ok += _role_agrees(gold_rels[key]["role"], r.get("role"))
            else:
                rel[1] += 1
                by_pred[r.get("predicate")][1] += 1
        for key, r in gold_rels.items():
            if key not in seen:
                rel[2] += 1
                by_pred[r["predicate"]][2] += 1
    linked = missed = 0
    for mentions in ids_of_key.values():
        for (a1, i1), (a2, i2) in itertools.combinations(mentions, 2):
            if a1 != a2:
                linked += i1 == i2
                missed += i1 != i2
    keys_of_id: dict[str, set] = defaultdict(set)
    for key, mentions in ids_of_key.items():
        for _, sid in mentions:
            keys_of_id[sid].add(key)
    return {
        "articles": len(gold_docs),
        "entities_core": prf(*[sum(ent[t][i] for t in CORE_TYPES) for i in range(3)]),
        "entities_by_type": {t: prf(*c) for t, c in sorted(ent.items(), key=lambda kv: str(kv[0]))},
        "events": prf(*ent["Event"]),
        "relations": prf(*rel),
        "relations_by_predicate": {p: prf(*c) for p, c in sorted(by_pred.items(), key=lambda kv: str(kv[0]))},
        "role_agreement": round(role_ok / role_total, 4) if role_total else None,
        "identity": {
            "cross_article_pairs": linked + missed,
            "linked": linked,
            "recall": round(linked / (linked + missed), 4) if linked + missed else None,
            "false_merges": sum(len(k) - 1 for k in keys_of_id.values() if len(k) > 1),
        },
    }


def summary_line(result: dict) -> str:
    """The headline figures on one line."""
    ident = result["identity"]
    return (f"entities F1 {result['entities_core']['f1']:.3f} (P {result['entities_core']['precision']:.3f} "
            f"R {result['entities_core']['recall']:.3f}), relations F1 {result['relations']['f1']:.3f} "
            f"(P {result['relations']['precision']:.3f} R {result['relations']['recall']:.3f}), "
            f"events F1 {result['events']['f1']:.3f}, identity recall {ident['recall']}, "
            f"false merges {ident['false_merges']}")


#: The per-article measures a bootstrap interval is given for.
INTERVAL_MEASURES = ("entities_core", "relations", "events")


def intervals(gold_docs: dict[str, dict], sys_docs: dict[str, dict], groups: dict[str, str] | None = None, *,
              resamples: int = 2000, level: float = 0.95, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Bootstrap intervals of the F1 measures: whole groups of articles (``groups``: article stem ->
    publisher; each article its own group by default) drawn with replacement, the measure computed on
    each draw, the central ``level`` of the draws reported.  Resampling publishers, not articles, says
    how much the figure would move on another set of publishers like these.  Seeded: deterministic.

    >>> gold = {s: {"entities": [{"type": "Person", "name": n}], "relations": []} for s, n in (("a", "X Y"), ("b", "Z W"))}
    >>> intervals(gold, {"a": gold["a"], "b": {"entities": [], "relations": []}}, resamples=200)["entities_core"]
    (0.0, 1.0)
    """
    import numpy as np

    stems = sorted(gold_docs)
    group_of = groups or {}
    names = sorted({group_of.get(s, s) for s in stems})
    index = {g: i for i, g in enumerate(names)}
    counts = np.zeros((len(names), len(INTERVAL_MEASURES), 3))
    for stem in stems:
        one = score({stem: gold_docs[stem]}, {stem: sys_docs[stem]} if stem in sys_docs else {})
        for m, measure in enumerate(INTERVAL_MEASURES):
            counts[index[group_of.get(stem, stem)], m] += [one[measure][k] for k in ("tp", "fp", "fn")]
    if not names:
        return {m: (0.0, 0.0) for m in INTERVAL_MEASURES}
    draws = np.random.default_rng(seed).integers(0, len(names), size=(resamples, len(names)))
    summed = counts[draws].sum(axis=1)  # resamples x measures x (tp, fp, fn)
    tp, fp, fn = summed[..., 0], summed[..., 1], summed[..., 2]
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), 0.0)
    lo, hi = np.quantile(f1, [(1 - level) / 2, (1 + level) / 2], axis=0)
    return {m: (round(float(lo[i]), 3), round(float(hi[i]), 3)) for i, m in enumerate(INTERVAL_MEASURES)}


def intervals_line(found: dict[str, tuple[float, float]], level: float = 0.95) -> str:
    """``intervals`` on one line."""
    return f"{level:.0%} bootstrap intervals: " + ", ".join(
        f"{m.replace('_core', '')} F1 {lo:.3f}–{hi:.3f}" for m, (lo, hi) in found.items())
