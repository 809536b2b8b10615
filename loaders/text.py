"""Tokens and sentences of an article, with character offsets.

>>> sents = split_sentences("M. Urdze iepazīstināja ar LDC. Pēc tam sekoja 5. septembra darbs.")
>>> [" ".join(t.text for t in s) for s in sents]
['M . Urdze iepazīstināja ar LDC .', 'Pēc tam sekoja 5. septembra darbs .']
>>> [t.text for t in tokenize("DSC03298Kurzemes NVO, Youth4Cooperation, Erasmus+, Ziedot.lv, don't")]
['DSC03298', 'Kurzemes', 'NVO', ',', 'Youth4Cooperation', ',', 'Erasmus+', ',', 'Ziedot.lv', ',', "don't"]
>>> [t.text for t in tokenize("the U.S. Embassy")]
['the', 'U.S.', 'Embassy']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

#: A word ends where a run of digits (three or more: not "Youth4Cooperation") runs into a capitalised word:
#: "DSC03298Kurzemes" is a photo's file name, then a word.
_DIGITS_THEN_WORD = r"(?<=\d\d\d)[A-ZĀČĒĢĪĶĻŅŠŪŽ][a-zāčēģīķļņšūž]"
#: The top-level domains of the web addresses that are one word ("Ziedot.lv", "LSM.lv").
WEB_DOMAINS = ("lv", "lt", "ee", "eu", "com", "org", "net", "info")
_WEB_DOMAINS = "|".join(WEB_DOMAINS)
_TOKEN = re.compile(
    r"(?P<initials>(?:[A-ZĀČĒĢĪĶĻŅŠŪŽ]\.){2,}(?![^\W\d_]))"  # "U.S.": one word, its dots part of it
    rf"|(?P<word>[^\W\d_](?:(?:(?!{_DIGITS_THEN_WORD})[\w'’+\-])*(?<=[\w+]))?(?:\.(?:{_WEB_DOMAINS})\b)?)"
    r"|(?P<num>\d+(?:[.,:/\-]\d+)*\.?)"
    r"|(?P<punct>\S)"
)
_KINDS = {"initials": "word", "word": "word", "num": "num"}
_LINE = re.compile(r"[^\n]+")
#: The marks that open a list item ("- X", "• X", "● X").
BULLETS = "-–•*·▪●"
OPEN_QUOTES = "“„«\"‘"
CLOSE_QUOTES = "”“»\"’"
QUOTES = set(OPEN_QUOTES + CLOSE_QUOTES)
_ABBREVIATIONS = {"piem", "u.c", "nr", "pl", "sk", "plkst", "t.sk", "utt", "g", "st", "tel", "prof", "dr", "vs", "etc",
                  "mr", "ms"}


@dataclass(slots=True, init=False, unsafe_hash=True)
class Token:
    """A word, number or mark of an article, at ``text[start:end]``. Made once by ``tokenize`` and never
    changed (not frozen only because a frozen dataclass is slow to make, and articles have many tokens)."""

    text: str
    start: int
    end: int
    kind: str  # word, num, punct
    #: asked of every token many times by every pass: answered once, when the token is made
    is_word: bool = field(compare=False)
    is_cap: bool = field(compare=False)

    def __init__(self, text: str, start: int, end: int, kind: str) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind
        self.is_word = word = kind == "word"
        self.is_cap = word and text[:1].isupper()

    @property
    def is_upper(self) -> bool:
        return self.kind == "word" and len(self.text) > 1 and self.text.replace("-", "").replace("+", "").isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text`` (of ``text[start:end]``, offsets in ``text``)."""
    found = _TOKEN.finditer(text, start, len(text) if end is None else end)
    return [Token(m.group(), m.start(), m.end(), _KINDS.get(m.lastgroup, "punct")) for m in found]


#: A "sentence" longer than this many tokens is no sentence (a list, a table, a broken page): it is
#: cut into pieces, so that work per sentence stays bounded.
MAX_SENTENCE_TOKENS = 150


def split_sentences(text: str) -> list[list[Token]]:
    """Sentences as token lists: a line break, or . ! ? before a capital, ends one."""
    out: list[list[Token]] = []
    for sent in _split(text):
        out += [sent[i:i + MAX_SENTENCE_TOKENS] for i in range(0, len(sent), MAX_SENTENCE_TOKENS)]
    return out


def _split(text: str) -> list[list[Token]]:
    sentences: list[list[Token]] = []
    for line_match in _LINE.finditer(text):
        tokens = tokenize(text, line_match.start(), line_match.end())  # one token object each, offsets in text
        current: list[Token] = []
        for i, tok in enumerate(tokens):
            current.append(tok)
            if tok.text in ".!?" and i + 1 < len(tokens):
                prev = tokens[i - 1] if i else None
                nxt = tokens[i + 1]
                initial = prev is not None and prev.is_word and len(prev.text) == 1 and prev.text.isupper()
                abbrev = prev is not None and prev.text.lower() in _ABBREVIATIONS
                if (nxt.is_cap or nxt.text in OPEN_QUOTES) and not initial and not abbrev:
                    sentences.append(current)
                    current = []
        if current:
            sentences.append(current)
    return sentences
