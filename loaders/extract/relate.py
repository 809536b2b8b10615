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
from bisect import bisect_left, bisect_right
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


def _closest(xs: list[int], ys: list[int]) -> int:
    """The least distance between a sentence of ``xs`` and one of ``ys``, both sorted (merging the two
    lists: linear, however often both are named).

    >>> _closest([1, 9], [4, 12]), _closest([], [1])
    (3, 99)
    """
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
    side: dict[str, tuple[str, ...]]  # by the entity's role in the pair ("a" or "b"): feature names
    sentences: list[int]  # where it is named, in order


def _salience(e: EntityMentions, context: PairContext) -> _Salience:
    in_title = any(name_key(x) in context.title for x in (e.entity.name, *e.entity.aliases) if len(x) > 2)
    side = [f"c@={_bucket(len(e.spans), (1, 2, 4))}", f"@_head={_head_word(e.entity.name)}",
            f"@_first={_bucket(min(e.sentences, default=0), (0, 2))}",
            f"n@_type={_bucket(context.per_type[e.entity.type], (1, 3))}"]
    if context.top.get(e.entity.type) is e:
        side.append("@_top")
    if in_title:
        side.append("@_title")
    by_role = {role: tuple(part.replace("@", role) for part in side) for role in ("a", "b")}
    return _Salience(name_key(e.entity.name), by_role, sorted(e.sentences))


def _side_features(parts: tuple[str, ...], tp: str) -> list[str]:
    """One side's salience features for a type pair: "ca=2|tp", "a_head=fonds|tp", ..."""
    return [f"{part}|{tp}" for part in parts]


#: Bucket edges: sentences both entities share, the least sentence distance between them.
_COOC_EDGES = (0, 1, 2)
_SDIST_EDGES = (0, 1, 2, 5)


@dataclass(slots=True)
class _TypePairFeatures:
    """The feature names of a type pair that do not depend on which entities form it (made once)."""

    tp: str
    first: str  # "tp=Organisation>Project"
    cooc: list[tuple[str, str]]  # by shared-sentence count (the last for more): with and without the type pair
    sdist: dict[str, str]  # by distance bucket
    sides: dict[tuple[int, str], list[str]] = field(default_factory=dict)  # (salience id, role) -> features

    @classmethod
    def of(cls, tp: str) -> _TypePairFeatures:
        cooc = [(f"cooc={b}|{tp}", f"cooc={b}") for b in
                (*(str(e) for e in _COOC_EDGES), f">{_COOC_EDGES[-1]}")]
        sdist = {b: f"sdist={b}|{tp}" for b in (*(str(e) for e in _SDIST_EDGES), f">{_SDIST_EDGES[-1]}")}
        return cls(tp, f"tp={tp}", cooc, sdist)

    def side(self, sal: _Salience, role: str) -> list[str]:
        key = (id(sal), role)
        found = self.sides.get(key)
        if found is None:
            found = self.sides[key] = _side_features(sal.side[role], self.tp)
        return found


@dataclass(slots=True)
class PairContext:
    """What the features of every pair of one article read: the rules' relations by name keys, the
    predicates the rules gave entities of a type, the most named entity of each type, how many of each
    type, the title, each entity's salience, and the feature names of each type pair."""

    rules: dict[tuple[str, str], set[str]]
    rule_siblings: dict[tuple[str, str], set[str]]  # (subject type, object key) -> predicates
    top: dict[str, EntityMentions]
    per_type: Counter
    title: str
    salience: dict[int, _Salience] = field(default_factory=dict)  # by id of the EntityMentions
    type_pairs: dict[tuple[str, str], _TypePairFeatures] = field(default_factory=dict)
    bounds: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict)  # by sentence

    def word_bounds(self, view: ArticleView, si: int) -> tuple[list[int], list[int]]:
        """Where the words of sentence ``si`` start, and where they end (in order)."""
        found = self.bounds.get(si)
        if found is None:
            words = view.sentence_words[si]
            found = self.bounds[si] = ([w[0] for w in words], [w[1] for w in words])
        return found

    def type_pair(self, ta: str, tb: str) -> _TypePairFeatures:
        found = self.type_pairs.get((ta, tb))
        if found is None:
            found = self.type_pairs[(ta, tb)] = _TypePairFeatures.of(f"{ta}>{tb}")
        return found


def pair_features(view: ArticleView, a: EntityMentions, b: EntityMentions, context: PairContext) -> list[str]:
    """The features of the ordered pair (a, b): the names of those that hold (binary features)."""
    ta, tb = a.entity.type, b.entity.type
    typed = context.type_pair(ta, tb)
    tp = typed.tp
    sal_a, sal_b = context.salience[id(a)], context.salience[id(b)]
    f: list[str] = [typed.first]
    rules = context.rules
    keys = (sal_a.key, sal_b.key)
    stated = rules.get(keys)
    if stated:
        for pred in sorted(stated):  # sorted: the same order of features whatever the hash seed
            f += (f"rule={pred}", f"rule={pred}|{tp}")
    stated = rules.get((sal_b.key, sal_a.key))
    if stated:
        for pred in sorted(stated):
            f.append(f"rule_rev={pred}")
    if keys not in rules:
        stated = context.rule_siblings.get((ta, sal_b.key))
        if stated:
            for pred in sorted(stated):
                f.append(f"sib={pred}|{tp}")
    shared = a.sentences & b.sentences
    f += typed.cooc[min(len(shared), len(_COOC_EDGES))]
    distance = 0 if shared else _closest(sal_a.sentences, sal_b.sentences)
    f.append(typed.sdist[_bucket(distance, _SDIST_EDGES)])
    f += typed.side(sal_a, "a")
    f += typed.side(sal_b, "b")
    if shared:
        _sentence_features(view, context, a, b, shared, tp, f)
    return list(dict.fromkeys(f))


def _sentence_features(view: ArticleView, context: PairContext, a: EntityMentions, b: EntityMentions,
                       shared: set[int], tp: str, f: list[str]) -> None:
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
    starts, ends = context.word_bounds(view, si)  # words never overlap: both sorted
    between = [lem for _, _, lem in words[bisect_left(starts, lo):bisect_right(ends, hi)]]
    f.append(f"wdist={_bucket(len(between), (0, 2, 5, 10))}|{tp}")
    for lem in between[:MAX_BETWEEN]:
        f.append(f"btw={lem}")
    if len(between) <= MAX_BETWEEN:
        for lem in between:
            f.append(f"btw={lem}|{tp}")
    before = bisect_right(ends, min(a0, b0))  # the words that end before the first mention begins
    for _, _, lem in words[max(0, before - 2):before]:
        f.append(f"left={lem}")
    after = bisect_left(starts, max(a1, b1))
    for _, _, lem in words[after:after + 2]:
        f.append(f"right={lem}")


def _context(view: ArticleView) -> PairContext:
    rules: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in view.rule_relations:
        rules[(name_key(r.subject), name_key(r.object))].add(r.predicate)
    top: dict[str, EntityMentions] = {}
    for e in sorted(view.entities, key=lambda e: (-len(e.spans), min((s[1] for s in e.spans), default=0))):
        top.setdefault(e.entity.type, e)
    type_of = {name_key(e.entity.name): e.entity.type for e in view.entities}
    siblings: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in view.rule_relations:
        siblings[(type_of.get(name_key(r.subject), ""), name_key(r.object))].add(r.predicate)
    context = PairContext(dict(rules), dict(siblings), top, Counter(e.entity.type for e in view.entities),
                          name_key(view.title))
    context.salience = {id(e): _salience(e, context) for e in view.entities}
    return context


def candidates(view: ArticleView, signatures: set[tuple[str, str, str]], skip: set[tuple[str, str]] = frozenset()
               ) -> list[tuple[EntityMentions, EntityMentions, list[str]]]:
    """Every ordered pair of entities that some known relation signature admits, with its features
    (but the pairs in ``skip``, by name keys)."""
    pair_types = {(s, o) for s, _, o in signatures}
    context = _context(view)
    keys = [context.salience[id(e)].key for e in view.entities]
    out = []
    for a, key_a in zip(view.entities, keys, strict=True):
        type_a = a.entity.type
        for b, key_b in zip(view.entities, keys, strict=True):
            if a is b or (type_a, b.entity.type) not in pair_types or (key_a, key_b) in skip:
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
