"""Gold names back to the text: where each entity of a hand annotation is mentioned, inflected or not.

Annotations give canonical (nominative) names; the text has "Liepājas Diakonijas centra" or
"Zviedrijā".  Training needs token spans, so each name and alias is matched against the sentences
word by word, tolerating a changed ending (a shared stem of all but the last three letters), longest
names first, without overlaps.

>>> from sikg.loaders.annotations import Entity
>>> from sikg.loaders.text import split_sentences
>>> sents = split_sentences("Projektu vada Liepājas Diakonijas centra vadītājs.")
>>> [(e.name, s, i, j) for e, s, i, j in align(sents, [Entity("Organisation", "Liepājas Diakonijas centrs")])]
[('Liepājas Diakonijas centrs', 0, 2, 5)]
"""
from __future__ import annotations

from collections.abc import Iterable

from sikg.loaders.annotations import Entity
from sikg.loaders.text import QUOTES, Token, tokenize


def same_word(text_word: str, name_word: str) -> bool:
    """Whether a word of the text is a form of a word of a name (case and ending aside).

    >>> same_word("centra", "centrs"), same_word("Zviedrijā", "Zviedrija"), same_word("fonds", "forums")
    (True, True, False)
    """
    a, b = text_word.casefold(), name_word.casefold()
    if a == b:
        return True
    if len(b) < 4 or not a[:1].isalpha():
        return False
    stem = max(3, len(b) - 3)
    return a[:stem] == b[:stem] and abs(len(a) - len(b)) <= 3


def _words(tokens: Iterable[Token]) -> list[Token]:
    return [t for t in tokens if t.text not in QUOTES]


def align(sentences: list[list[Token]], entities: Iterable[Entity]) -> list[tuple[Entity, int, int, int]]:
    """(entity, sentence, first token, end token) of every mention found; token indices count the
    sentence's tokens without quotation marks."""
    patterns: list[tuple[list[str], Entity]] = []
    for ent in entities:
        for form in dict.fromkeys((ent.name, *ent.aliases)):
            words = [t.text for t in _words(tokenize(form))]
            if words:
                patterns.append((words, ent))
    patterns.sort(key=lambda p: -len(p[0]))
    out: list[tuple[Entity, int, int, int]] = []
    for si, sent in enumerate(sentences):
        words = _words(sent)
        taken = [False] * len(words)
        for pat, ent in patterns:
            n = len(pat)
            for i in range(len(words) - n + 1):
                if any(taken[i:i + n]):
                    continue
                if all(same_word(words[i + k].text, pat[k]) for k in range(n)):
                    if n == 1 and ent.type != "Country" and not (words[i].text[:1].isupper() or words[i].text.isupper()):
                        continue  # a single lower-case word is a common noun here, not the name
                    taken[i:i + n] = [True] * n
                    out.append((ent, si, i, i + n))
    return out
