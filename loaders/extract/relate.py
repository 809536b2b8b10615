"""The learned relation classifier: for every pair of an article's entities whose types a relation
allows, which relation (if any) the article states.

One multinomial logistic regression (scikit-learn at training, plain arithmetic at extraction) over
features of the pair: its types, what the rule cues said of it (``sikg.loaders.relations``), whether
and how close the two are named in one sentence, the words between them, the head word of each
name (a "fonds" funds, a "biedrība" is funded), and the article as a whole (how often each is
named, whether it is the article's main project or event, whether it is in the title).  Pairs never
named in one sentence are classified too: half the relations of an article are stated across
sentences.  The ontology's domain and range limit the candidates.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sikg.loaders.annotations import Entity, Relation, name_key
from sikg.ontology.vocabulary import DOMAIN, PREDICATES, RANGE

NONE = "none"
#: Predicates an article states once for each subject (or object), as far as the classifier guesses:
#: a person's employer (two guessed employers are mostly one wrong: cross-validated worksFor F1
#: 0.67 -> 0.71), a project's coordinator.
ONE_PER_ARTICLE: dict[str, str] = {"worksFor": "subject", "coordinates": "object"}
#: Words between two mentions that carry no cue (kept out of the features).
MAX_BETWEEN = 8


@dataclass(slots=True)
class EntityMentions:
    """An entity of an article with where it is named: (sentence, first char, end char) per mention."""

    entity: Entity
    spans: list[tuple[int, int, int]] = field(default_factory=list)
    _sentences: frozenset[int] | None = None

    @property
    def sentences(self) -> frozenset[int]:
        if self._sentences is None:
            self._sentences = frozenset(s for s, _, _ in self.spans)
        return self._sentences


def _closest(a: frozenset[int], b: frozenset[int]) -> int:
    """The least distance between a sentence of ``a`` and one of ``b`` (merging two sorted lists:
    linear, however often both are named).

    >>> _closest(frozenset({1, 9}), frozenset({4, 12})), _closest(frozenset(), frozenset({1}))
    (3, 99)
    """
    xs, ys = sorted(a), sorted(b)
    i = j = 0
    best = 99
    while i < len(xs) and j < len(ys):
        best = min(best, abs(xs[i] - ys[j]))
        if xs[i] < ys[j]:
            i += 1
        else:
            j += 1
    return best


@dataclass(slots=True)
class ArticleView:
    """What the classifier reads of one article."""

    text: str
    title: str
    sentence_words: list[list[tuple[int, int, str]]]  # per sentence: (start, end, lemma) of its words
    entities: list[EntityMentions]
    rule_relations: list[Relation]


def ontology_allows(predicate: str, subject_type: str, object_type: str) -> bool:
    """Whether the ontology's domain and range admit the pair (where it states them)."""
    dom, rng = DOMAIN.get(predicate), RANGE.get(predicate)
    return (dom is None or subject_type in dom) and (rng is None or object_type in rng)


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _head_word(name: str) -> str:
    """The last word of a name, folded: a Latvian name's head noun in the nominative ("fonds",
    "ministrija", "biedrība"), what kind of body it names whatever the name.

    >>> _head_word("Sabiedrības integrācijas fonds"), _head_word("Erasmus+")
    ('fonds', 'erasmus')
    """
    found = re.findall(r"\w+", name.casefold())
    return found[-1] if found else ""


@dataclass(slots=True)
class _Salience:
    """What the features say of one entity whatever its partner: its name key, how often and how early
    it is named, whether it is the most named of its type or in the title, its head word."""

    key: str
    side: tuple[str, ...]  # feature names with "@" for the entity's role in the pair ("a" or "b")


def _salience(view: ArticleView, e: EntityMentions, context: dict) -> _Salience:
    title = context["title"]
    in_title = any(name_key(x) in title for x in (e.entity.name, *e.entity.aliases) if len(x) > 2)
    side = [f"c@={_bucket(len(e.spans), (1, 2, 4))}", f"@_head={_head_word(e.entity.name)}",
            f"@_first={_bucket(min(e.sentences, default=0), (0, 2))}",
            f"n@_type={_bucket(context['per_type'][e.entity.type], (1, 3))}"]
    if context["top"].get(e.entity.type) is e:
        side.append("@_top")
    if in_title:
        side.append("@_title")
    return _Salience(name_key(e.entity.name), tuple(side))


def _side_features(parts: tuple[str, ...], role: str, tp: str) -> list[str]:
    """One side's salience features for a type pair (role "a" or "b"): "ca=2|tp", "a_head=fonds|tp", ..."""
    return [f"{part.replace('@', role)}|{tp}" for part in parts]


def pair_features(view: ArticleView, a: EntityMentions, b: EntityMentions, context: dict) -> list[str]:
    """The features of the ordered pair (a, b): the names of those that hold (binary features)."""
    ta, tb = a.entity.type, b.entity.type
    tp = f"{ta}>{tb}"
    sal_a, sal_b = context["salience"][id(a)], context["salience"][id(b)]
    f: list[str] = [f"tp={tp}"]
    rules = context["rules"]
    for pred in rules.get((sal_a.key, sal_b.key), ()):
        f += (f"rule={pred}", f"rule={pred}|{tp}")
    for pred in rules.get((sal_b.key, sal_a.key), ()):
        f.append(f"rule_rev={pred}")
    if (sal_a.key, sal_b.key) not in rules:
        for pred in context["rule_siblings"].get((ta, sal_b.key), ()):
            f.append(f"sib={pred}|{tp}")
    shared = a.sentences & b.sentences
    cooc = _bucket(len(shared), (0, 1, 2))
    f += (f"cooc={cooc}|{tp}", f"cooc={cooc}")
    f.append(f"sdist={_bucket(_closest(a.sentences, b.sentences), (0, 1, 2, 5))}|{tp}")
    sides = context["sides"]
    for sal, role in ((sal_a, "a"), (sal_b, "b")):
        key = (id(sal), role, tp)
        if key not in sides:
            sides[key] = _side_features(sal.side, role, tp)
        f += sides[key]
    if shared:
        _sentence_features(view, a, b, shared, tp, f)
    return list(dict.fromkeys(f))


def _sentence_features(view: ArticleView, a: EntityMentions, b: EntityMentions, shared: set[int], tp: str,
                       f: list[str]) -> None:
    """Words between the closest mentions of a and b in a sentence they share, and their order."""
    b_in: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for sb, b0, b1 in b.spans:
        if sb in shared:
            b_in[sb].append((b0, b1))
    best = None
    for sa, a0, a1 in a.spans:
        for b0, b1 in b_in.get(sa, ()):
            gap = b0 - a1 if a1 <= b0 else a0 - b1
            if best is None or gap < best[0]:
                best = (gap, sa, a0, a1, b0, b1)
    if best is None:
        return
    _, si, a0, a1, b0, b1 = best
    f.append(f"order={'ab' if a1 <= b0 else 'ba'}|{tp}")
    lo, hi = (a1, b0) if a1 <= b0 else (b1, a0)
    words = view.sentence_words[si]
    between = [lem for s, e, lem in words if s >= lo and e <= hi]
    f.append(f"wdist={_bucket(len(between), (0, 2, 5, 10))}|{tp}")
    for lem in between[:MAX_BETWEEN]:
        f.append(f"btw={lem}")
    if len(between) <= MAX_BETWEEN:
        for lem in between:
            f.append(f"btw={lem}|{tp}")
    start = min(a0, b0)
    left = [lem for s, e, lem in words if e <= start][-2:]
    for lem in left:
        f.append(f"left={lem}")
    end = max(a1, b1)
    right = [lem for s, e, lem in words if s >= end][:2]
    for lem in right:
        f.append(f"right={lem}")


def _context(view: ArticleView) -> dict:
    rules: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in view.rule_relations:
        rules[(name_key(r.subject), name_key(r.object))].add(r.predicate)
    top: dict[str, EntityMentions] = {}
    for e in sorted(view.entities, key=lambda e: (-len(e.spans), min((s[1] for s in e.spans), default=0))):
        top.setdefault(e.entity.type, e)
    type_of = {name_key(e.entity.name): e.entity.type for e in view.entities}
    siblings: dict[tuple[str, str], set[str]] = defaultdict(set)  # (subject type, object key) -> predicates
    for r in view.rule_relations:
        siblings[(type_of.get(name_key(r.subject), ""), name_key(r.object))].add(r.predicate)
    context = {"rules": rules, "rule_siblings": siblings, "top": top,
               "per_type": Counter(e.entity.type for e in view.entities), "title": name_key(view.title), "sides": {}}
    context["salience"] = {id(e): _salience(view, e, context) for e in view.entities}
    return context


def candidates(view: ArticleView, signatures: set[tuple[str, str, str]], skip: set[tuple[str, str]] = frozenset()
               ) -> list[tuple[EntityMentions, EntityMentions, list[str]]]:
    """Every ordered pair of entities that some known relation signature admits, with its features
    (but the pairs in ``skip``, by name keys)."""
    pair_types = {(s, o) for s, _, o in signatures}
    context = _context(view)
    out = []
    for a in view.entities:
        for b in view.entities:
            if a is b or (a.entity.type, b.entity.type) not in pair_types:
                continue
            if (context["salience"][id(a)].key, context["salience"][id(b)].key) in skip:
                continue
            out.append((a, b, pair_features(view, a, b, context)))
    return out


class _FeatureIndex(dict):
    """Feature name -> row of the weight matrix; an unknown name gives the zero row (not stored)."""

    def __init__(self, rows: dict[str, int], zero: int) -> None:
        super().__init__(rows)
        self.zero = zero

    def __missing__(self, name: str) -> int:
        return self.zero


@dataclass
class RelationClassifier:
    """A trained classifier: its labels, feature weights and the relation signatures it may output."""

    labels: list[str]
    weights: dict[str, list[float]]  # feature -> one weight per label
    intercept: list[float]
    signatures: set[tuple[str, str, str]]  # (subject type, predicate, object type)
    threshold: float = 0.5
    _index: dict[str, int] | None = field(default=None, repr=False, compare=False)
    _w: object = field(default=None, repr=False, compare=False)
    _b: object = field(default=None, repr=False, compare=False)

    def _matrix(self):
        """The weights as one matrix (features x labels, and a last row of zeros that every row
        reads, so that a row without known features scores the intercept) and a feature index
        (an unknown feature reads the zero row)."""
        if self._index is None:
            import numpy as np

            names = sorted(self.weights)
            self._index = _FeatureIndex({n: i for i, n in enumerate(names)}, len(names))
            self._w = np.array([*(self.weights[n] for n in names), [0.0] * len(self.labels)], dtype=np.float64)
            self._b = np.array(self.intercept, dtype=np.float64)
        return self._index, self._w, self._b

    def probabilities_of(self, many: list[list[str]]):
        """The label probabilities of many pairs at once (one row each, from the names of the
        features that hold), by softmax."""
        import numpy as np

        if not many:
            return np.zeros((0, len(self.labels)))
        index, w, b = self._matrix()
        cols: list[int] = []
        starts: list[int] = []
        for names in many:
            starts.append(len(cols))
            cols.append(index.zero)
            cols.extend(map(index.__getitem__, names))
        scores = np.add.reduceat(w[cols], starts, axis=0) + b
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict(self, view: ArticleView) -> list[Relation]:
        """The rules' relations, and the classifier's for the pairs the rules said nothing of (where the
        best admissible relation reaches the threshold; for a predicate in ``ONE_PER_ARTICLE``, only the
        most probable one of each subject or object, and none where a rule gave it one)."""
        out: dict[tuple[str, str], list[Relation]] = defaultdict(list)
        for r in view.rule_relations:
            out[(name_key(r.subject), name_key(r.object))].append(r)
        pairs = candidates(view, self.signatures, skip=set(out))
        if not pairs:
            return [r for rels in out.values() for r in rels]
        given = {(r.predicate, name_key(r.subject if ONE_PER_ARTICLE[r.predicate] == "subject" else r.object))
                 for r in view.rule_relations if r.predicate in ONE_PER_ARTICLE}
        best: dict[tuple[str, str], tuple[float, Relation]] = {}
        probs = self.probabilities_of([feats for _, _, feats in pairs])
        allowed_of: dict[tuple[str, str], list[int]] = {}
        for (a, b, _), p in zip(pairs, probs, strict=True):
            types = (a.entity.type, b.entity.type)
            if types not in allowed_of:
                allowed_of[types] = [k for k, label in enumerate(self.labels)
                                     if label != NONE and (types[0], label, types[1]) in self.signatures]
            allowed = allowed_of[types]
            if not allowed:
                continue
            k = max(allowed, key=lambda k: p[k])
            if p[k] < self.threshold:
                continue
            relation = Relation(a.entity.name, self.labels[k], b.entity.name)
            side = ONE_PER_ARTICLE.get(relation.predicate)
            if side is None:
                out[(name_key(a.entity.name), name_key(b.entity.name))].append(relation)
                continue
            key = (relation.predicate, name_key(a.entity.name if side == "subject" else b.entity.name))
            if key not in given and (key not in best or best[key][0] < p[k]):
                best[key] = (float(p[k]), relation)
        for _, relation in best.values():
            out[(name_key(relation.subject), name_key(relation.object))].append(relation)
        return [r for rels in out.values() for r in rels]

    def to_json(self) -> dict:
        return {"labels": self.labels, "intercept": self.intercept, "threshold": self.threshold,
                "signatures": sorted(list(s) for s in self.signatures),
                "weights": {k: [round(x, 5) for x in v] for k, v in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict) -> RelationClassifier:
        labels = list(data["labels"])
        weights = {str(k): [float(x) for x in v] for k, v in data["weights"].items()}
        if any(len(v) != len(labels) for v in weights.values()) or len(data["intercept"]) != len(labels):
            raise ValueError("weights do not match the labels")
        return cls(labels, weights, [float(x) for x in data["intercept"]],
                   {tuple(s) for s in data["signatures"]}, float(data.get("threshold", 0.5)))


def signatures_of(examples: Iterable[tuple[str, str, str]], min_count: int = 2) -> set[tuple[str, str, str]]:
    """The relation signatures seen at least ``min_count`` times in training that the ontology admits."""
    seen = Counter(examples)
    return {sig for sig, n in seen.items() if n >= min_count and sig[1] in PREDICATES
            and ontology_allows(sig[1], sig[0], sig[2])}


def train_classifier(samples: list[tuple[list[str], str]], signatures: set[tuple[str, str, str]],
                     *, threshold: float = 0.5, min_feature_count: int = 2, c: float = 0.5) -> RelationClassifier:
    """A multinomial logistic regression over (features, label) samples (deterministic: lbfgs)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    freq = Counter(k for feats, _ in samples for k in feats)
    keep = {k for k, n in freq.items() if n >= min_feature_count}
    xs = [{k: 1.0 for k in feats if k in keep} for feats, _ in samples]
    ys = [label for _, label in samples]
    vec = DictVectorizer(sparse=True, sort=True)
    x = vec.fit_transform(xs)
    model = LogisticRegression(C=c, max_iter=2000, solver="lbfgs")
    model.fit(x, ys)
    labels = [str(lbl) for lbl in model.classes_]
    coef = model.coef_
    intercept = list(model.intercept_)
    if len(labels) == 2:  # binary: scikit-learn keeps one row; make it two, as softmax over labels
        coef = [[-w / 2 for w in coef[0]], [w / 2 for w in coef[0]]]
        intercept = [-intercept[0] / 2, intercept[0] / 2]
    else:
        coef = coef.tolist()
    names = vec.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        column = [coef[k][j] for k in range(len(labels))]
        if max(abs(w) for w in column) >= 1e-4:
            weights[str(name)] = column
    return RelationClassifier(labels, weights, [float(v) for v in intercept], signatures, threshold)
