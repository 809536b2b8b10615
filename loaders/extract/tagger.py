"""The learned name tagger: a CRF over the words of each sentence (python-crfsuite), trained from
hand annotations, that decides which words are names of which type.

The rule passes (``sikg.loaders.recognise``) run first and their findings are features, beside the
word, its ending, its shape, its lemma (hunspell-lv, simplemma), whether it is a head noun, a cue
or a first name, and whether it stands in quotes; so the tagger learns when a rule is right and
finds the names the rules miss.  A span the tagger finds gets the rule's canonical name where a
rule found the same words, else its nominative from ``sikg.loaders.morphology``.
"""
from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from sikg.loaders.gazetteer import load_gazetteer
from sikg.loaders.morphology import nominative_person, nominative_phrase, nominative_word
from sikg.loaders.recognise import (
    EN_ORG_HEADS,
    EVENT_CUES,
    ORG_HEADS,
    PLACE_HEADS,
    PROGRAMME_HEADS,
    PROJECT_CUES,
    ROLE_WORDS,
    Mention,
    _lemma,
)
from sikg.loaders.text import CLOSE_QUOTES, OPEN_QUOTES, QUOTES, Token

OUTSIDE = "O"
#: CRF training settings: L-BFGS with elastic-net regularisation, a fixed number of passes, so
#: that training is deterministic (crfsuite has no random state in L-BFGS).  c1/c2 chosen by the
#: cross-validation by publisher (entity F1: 0.05/0.05 0.767, 0.1/0.01 0.765, 0.02/0.1 0.773,
#: 0.01/0.2 0.770, 0.02/0.3 0.767).  Passes: with this round's rules 150 gave 0.849, 300 0.850 and
#: 600 0.850 (twice the training time again): 300, near convergence, so that small changes elsewhere
#: move the tagger less.
CRF_PARAMS = {"c1": 0.02, "c2": 0.1, "max_iterations": 300, "feature.possible_transitions": True}


@dataclass(slots=True)
class Word:
    """A word of a sentence as the tagger sees it: quotation marks are context, not words (made once
    per word and never changed; not frozen, as a frozen dataclass is slow to make)."""

    token: Token
    quoted: bool  # between an opening and a closing quotation mark
    after_quote: bool  # right after an opening mark
    before_quote: bool  # right before a closing mark


def sentence_words(sent: list[Token]) -> list[Word]:
    """The words of a sentence without its quotation marks, each with its quoting context.

    >>> from sikg.loaders.text import tokenize
    >>> [(w.token.text, w.quoted, w.after_quote, w.before_quote) for w in sentence_words(tokenize('Fonds „Cemex” dod'))]
    [('Fonds', False, False, False), ('Cemex', True, True, True), ('dod', False, False, False)]
    """
    out: list[Word] = []
    inside = False
    last = len(sent) - 1
    for i, tok in enumerate(sent):
        text = tok.text
        if text in QUOTES:
            if inside and text in CLOSE_QUOTES:
                inside = False
            elif not inside and text in OPEN_QUOTES:
                inside = True
            continue
        out.append(Word(tok, inside, i > 0 and sent[i - 1].text in OPEN_QUOTES,
                        i < last and sent[i + 1].text in CLOSE_QUOTES))
    return out


def _shape(w: str) -> str:
    out = []
    for ch in w[:6]:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


_HEADS = (("org", ORG_HEADS | EN_ORG_HEADS), ("prog", PROGRAMME_HEADS), ("proj", PROJECT_CUES),
          ("event", EVENT_CUES), ("place", set(PLACE_HEADS)), ("role", ROLE_WORDS))


def _head_class(lemma: str, low: str) -> str:
    for name, words in _HEADS:
        if lemma in words or low in words:
            return name
    return ""


@lru_cache(maxsize=1 << 16)
def _word_static(text: str, language: str, is_word: bool) -> tuple[str, str, str, str, str]:
    """What a word is whatever its context (cached: articles repeat their words)."""
    low = text.casefold()
    lemma = _lemma(text) if language == "lv" and is_word else low
    first_names = load_gazetteer().first_names
    first = "1" if text[:1].isupper() and (text in first_names or nominative_word(text) in first_names) else ""
    return low, lemma, _shape(text), _head_class(lemma, low), first


def _attributes(pairs: Iterable[tuple[str, str | bool]]) -> tuple[str, ...]:
    """crfsuite attributes of (name, value) pairs: ``name:value`` for a text, ``name`` for a true
    flag (weight 1), nothing for an empty text or a false flag."""
    return tuple((f"{k}:{v}" if isinstance(v, str) else k) for k, v in pairs if v)


@lru_cache(maxsize=1 << 16)
def _word_attributes(text: str, language: str, is_word: bool) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """A word's own context-free attributes, and those it gives its neighbours at each offset."""
    low, lemma, shape, head, first = _word_static(text, language, is_word)
    own = _attributes((("lang", language), ("low", low), ("lem", lemma), ("suf2", low[-2:]),
                       ("suf3", low[-3:]), ("suf4", low[-4:]), ("pre4", low[:4]), ("shape", shape),
                       ("head", head), ("first", first), ("title", text[:1].isupper()),
                       ("upper", text.isupper() and len(text) > 1), ("digit", text[:1].isdigit())))
    near = {}
    for d in (-2, -1, 1, 2):
        key = f"{d:+d}"  # as the word d places away from the one being tagged
        pairs: list[tuple[str, str | bool]] = [(key + "low", low), (key + "shape", shape)]
        if abs(d) == 1:
            pairs += [(key + "lem", lemma), (key + "head", head), (key + "first", first)]
        near[d] = _attributes(pairs)
    return own, near


_OFFSETS = (-2, -1, 1, 2)
_PAD = tuple((f"{d:+d}pad",) for d in _OFFSETS)  # in the order of _OFFSETS
_QUOTED_NEIGHBOUR = {d: f"{d:+d}q:1" for d in (-1, 1)}


@lru_cache(maxsize=256)
def _rule_attributes(tag: str) -> tuple[str, str, dict[int, str]]:
    """The attributes of a rule tag: for the word itself, its type, and for its neighbours."""
    return f"rule:{tag}", f"rule_type:{tag[2:] if tag != OUTSIDE else OUTSIDE}", \
        {d: f"{d:+d}rule:{tag}" for d in _OFFSETS}


@lru_cache(maxsize=1 << 16)
def _tagged_word_attributes(text: str, language: str, is_word: bool, tag: str, quoted: bool
                            ) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """A word's attributes with the rules' tag and its quoting: its own (the bias first), and those it
    gives the word it is ``d`` places away from, for each ``d`` of ``_OFFSETS`` (cached: the same
    words come back with the same tags)."""
    own, near = _word_attributes(text, language, is_word)
    rule, rule_type, rule_near = _rule_attributes(tag)
    own_all = ("bias", *own, rule, rule_type, *(("quoted",) if quoted else ()))
    near_all = tuple((*near[d], rule_near[d], *((_QUOTED_NEIGHBOUR[d],) if quoted and d in _QUOTED_NEIGHBOUR else ()))
                     for d in _OFFSETS)
    return own_all, near_all


def features(words: list[Word], rule_tags: list[str], language: str) -> list[list[str]]:
    """The CRF attributes of each word of a sentence (crfsuite's ``name:value`` strings, weight 1):
    the word's text, lemma, endings, shape, head-noun class, first name, quoting, the rules' tag,
    and the same of its neighbours up to two words away."""
    attrs = [_tagged_word_attributes(w.token.text, language, w.token.is_word, tag, w.quoted)
             for w, tag in zip(words, rule_tags, strict=True)]
    n = len(words)
    out: list[list[str]] = []
    for i, w in enumerate(words):
        f = list(attrs[i][0])
        if w.after_quote:
            f.append("open_q")
        if w.before_quote:
            f.append("close_q")
        if i == 0:
            f.append("bos")
        f += attrs[i - 2][1][0] if i >= 2 else _PAD[0]
        f += attrs[i - 1][1][1] if i >= 1 else _PAD[1]
        f += attrs[i + 1][1][2] if i + 1 < n else _PAD[2]
        f += attrs[i + 2][1][3] if i + 2 < n else _PAD[3]
        out.append(f)
    return out


def spans_to_tags(n: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIO tags of ``n`` words from (first, end, type) spans."""
    tags = [OUTSIDE] * n
    for i, j, etype in spans:
        if all(t == OUTSIDE for t in tags[i:j]):
            tags[i] = f"B-{etype}"
            for k in range(i + 1, j):
                tags[k] = f"I-{etype}"
    return tags


def tags_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first, end, type) spans of BIO tags (an I- without its B- starts a span).

    >>> tags_to_spans(["O", "B-Person", "I-Person", "I-Place", "O"])
    [(1, 3, 'Person'), (3, 4, 'Place')]
    """
    spans: list[tuple[int, int, str]] = []
    start, etype = None, None
    for i, tag in enumerate([*tags, OUTSIDE]):
        kind, _, t = tag.partition("-")
        if start is not None and (kind != "I" or t != etype):
            spans.append((start, i, etype))
            start = None
        if kind == "B" or (kind == "I" and start is None):
            start, etype = i, t
    return spans


def quoted_parts(words: list[Word], i: int, j: int) -> list[tuple[int, int]]:
    """The parts of the span of words i..j that are a name: the whole span where no quotation mark
    cuts it, else only its runs in quotes ("2018-1-LV01 “Social Entrepreneurship”" is the quoted
    title; "„Jaunie Vanagi”, nodibinājumu „Cemex fonds”" two names).

    >>> from sikg.loaders.text import tokenize
    >>> ws = sentence_words(tokenize('projekts 2018-1 “Open Doors” un „Cemex fonds”'))
    >>> [" ".join(w.token.text for w in ws[a:b]) for a, b in quoted_parts(ws, 1, len(ws))]
    ['Open Doors', 'Cemex fonds']
    """
    cuts = [k for k in range(i + 1, j) if words[k].after_quote or words[k - 1].before_quote
            or words[k].quoted != words[k - 1].quoted]
    if not cuts:
        return [(i, j)]
    bounds = [i, *cuts, j]
    return [(a, b) for a, b in pairwise(bounds) if words[a].quoted]


def mention_tags(words: list[Word], mentions: Iterable[Mention]) -> list[str]:
    """BIO tags of the words that rule mentions cover (by characters)."""
    spans = []
    for m in mentions:
        idx = [k for k, w in enumerate(words) if w.token.start >= m.start and w.token.end <= m.end]
        if idx:
            spans.append((idx[0], idx[-1] + 1, m.type))
    return spans_to_tags(len(words), spans)


def canonical_name(text: str, words: list[Word], etype: str, language: str) -> tuple[str, str]:
    """The canonical name of a span the rules did not name, and its surface form."""
    first, last = words[0].token, words[-1].token
    surface = text[first.start:last.end]
    gazetteer = load_gazetteer()
    known = gazetteer.lookup(surface)
    if known is not None and known.type == etype:
        return known.name, surface
    if language != "lv" or all(w.quoted for w in words):
        return surface, surface
    parts = [w.token.text for w in words]
    if etype == "Person":
        return nominative_person(parts, gazetteer.first_names), surface
    if etype in ("Country", "Place") and len(parts) == 1:
        return nominative_word(parts[0]), surface
    name = nominative_phrase(parts)
    if " ".join(parts) == surface:  # keep the text's own spacing and hyphens otherwise
        return name, surface
    return (name if name.count(" ") == surface.count(" ") else surface), surface


class EntityTagger:
    """A trained CRF, loaded from its bytes."""

    def __init__(self, model: bytes) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(model)
        self.labels = tuple(self._tagger.labels())

    def tag(self, feats: list[list[str]]) -> list[str]:
        return list(self._tagger.tag(feats)) if feats else []

    def confidence(self, tags: list[str], i: int, j: int) -> float:
        """The mean marginal probability of the tags of words i..j (after ``tag`` on the same sentence)."""
        return sum(self._tagger.marginal(tags[k], k) for k in range(i, j)) / max(1, j - i)


def train_tagger(sequences: Iterable[tuple[list[list[str]], list[str]]]) -> bytes:
    """A CRF trained on (features, tags) sentences; the model's bytes."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for xseq, yseq in sequences:
        if xseq:
            trainer.append(xseq, yseq)
    trainer.set_params(CRF_PARAMS)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tagger.crfsuite"
        trainer.train(str(path))
        return path.read_bytes()
