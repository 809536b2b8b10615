"""Latvian morphology: bring inflected names back to the nominative.

Three sources, in order of trust:

1. Debian's ``hunspell-lv`` dictionary through the ``hunspell`` bindings: its analysis gives the
   stem, part of speech and declension, and the case (``birojā`` -> ``st:birojs po:lietv1r is:vpl``).
2. simplemma's Latvian tables, for common nouns hunspell does not analyse.
3. Declension rules, for what neither knows (surnames, foreign names, agreeing adjectives).

In a multi-word organisation name only the head (the last noun) and the adjectives agreeing with
it inflect; genitive modifiers stay as they are.

>>> nominative_phrase(["Liepājas", "Diakonijas", "centra"])
'Liepājas Diakonijas centrs'
>>> nominative_phrase(["Latvijas", "Pilsoniskās", "alianses"])
'Latvijas Pilsoniskā alianse'
>>> nominative_person(["Kristīnei", "Tarvidai"])
'Kristīne Tarvida'
>>> nominative_word("Zviedrijā")
'Zviedrija'
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

#: Words whose analysis is kept; bounded so that memory does not grow with the corpus.
WORD_CACHE = 50_000
HUNSPELL_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"), Path("/usr/share/myspell"))
CASES = ("nom", "gen", "dat", "acc", "loc")


@dataclass(frozen=True)
class Analysis:
    """One hunspell reading of a word."""

    stem: str
    pos: str  # e.g. lietv4i: noun, 4th declension, proper (i) or common (r); īpv: adjective
    case: str  # nom, gen, dat, acc, loc, ins, voc
    plural: bool

    @property
    def is_noun(self) -> bool:
        return self.pos.startswith("lietv")

    @property
    def declension(self) -> int | None:
        m = re.match(r"lietv(\d)", self.pos)
        return int(m.group(1)) if m else None

    @property
    def feminine(self) -> bool | None:
        d = self.declension
        return None if d is None else d >= 4

    @property
    def proper(self) -> bool:
        return self.is_noun and self.pos.endswith("i")


_CASE_CODES = {"n": "nom", "g": "gen", "d": "dat", "a": "acc", "l": "loc", "i": "ins", "v": "voc"}


@cache
def _hunspell():
    try:
        import hunspell
    except ImportError:
        log.warning("hunspell bindings not installed: Latvian morphology falls back to simplemma and rules")
        return None
    for d in HUNSPELL_DIRS:
        dic, aff = d / "lv_LV.dic", d / "lv_LV.aff"
        if dic.exists() and aff.exists():
            return hunspell.HunSpell(str(dic), str(aff))
    log.warning("hunspell-lv dictionary not found (apt-get install hunspell-lv): falling back to rules")
    return None


def hunspell_available() -> bool:
    return _hunspell() is not None


@lru_cache(maxsize=WORD_CACHE)
def analyse(word: str) -> tuple[Analysis, ...]:
    """Hunspell's readings of a word (empty when unknown or hunspell is absent)."""
    h = _hunspell()
    if h is None or not word or len(word) > 60:
        return ()
    try:
        raw = h.analyze(word)
    except (UnicodeError, ValueError):
        return ()
    out = []
    for item in raw:
        text = item.decode("utf-8", "replace") if isinstance(item, bytes) else str(item)
        fields = [f.split(":", 1) for f in text.split() if ":" in f]
        stem = next((v for k, v in fields if k == "st"), "")
        pos = next((v for k, v in fields if k == "po"), "")
        # one reading may carry several cases: "st:ministrs po:lietv1r is:vpa po:lietv1r is:dpg"
        tags = [v for k, v in fields if k == "is"]
        if not stem:
            continue
        if not tags:
            out.append(Analysis(stem=stem, pos=pos, case="nom", plural=False))
        for tag in tags:
            # is:vpg = vienskaitlis (singular) ... g(enitive); is:dpg = daudzskaitlis (plural)
            if len(tag) == 3 and tag[0] in "vd" and tag[2] in _CASE_CODES:
                out.append(Analysis(stem=stem, pos=pos, case=_CASE_CODES[tag[2]], plural=tag[0] == "d"))
            elif tag == "vdn":
                out.append(Analysis(stem=stem, pos=pos, case="nom", plural=False))
    return tuple(out)


def _restore_case(original: str, lemma: str) -> str:
    """Give a lemma the capitalisation of the word it came from."""
    if original.isupper() and len(original) > 1:
        return lemma.upper()
    if original[:1].isupper():
        return lemma[:1].upper() + lemma[1:]
    return lemma[:1].lower() + lemma[1:] if lemma[:1].isupper() and not original[:1].isupper() else lemma


def noun_reading(word: str) -> Analysis | None:
    """The best singular noun reading of a word, preferring oblique cases over nominative ones
    only when there is no nominative reading."""
    readings = [a for a in analyse(word) if a.is_noun]
    if not readings:
        readings = [a for a in analyse(word[:1].lower() + word[1:]) if a.is_noun]
    if not readings:
        return None
    readings.sort(key=lambda a: (a.plural, a.case != "nom", a.case == "acc"))
    return readings[0]


# suffix rules for nouns that no dictionary knows: (oblique ending, nominative ending, case, feminine)
_NOUN_RULES = (
    ("ajai", "ā", "dat", True), ("ijai", "ija", "dat", True), ("ijas", "ija", "gen", True),
    ("ijā", "ija", "loc", True), ("iju", "ija", "acc", True),
    ("ai", "a", "dat", True), ("ei", "e", "dat", True), ("as", "a", "gen", True), ("es", "e", "gen", True),
    ("ā", "a", "loc", True), ("ē", "e", "loc", True),
)


def nominative_word(word: str) -> str:
    """A single noun back to its nominative singular (a guess where nothing knows the word).

    >>> nominative_word("centra"), nominative_word("Valmieras"), nominative_word("birojā")
    ('centrs', 'Valmiera', 'birojs')
    >>> nominative_word("Talsos"), nominative_word("Cēsīs"), nominative_word("ērgļos")
    ('Talsi', 'Cēsis', 'ērgļos')
    """
    if not word or not word[:1].isalpha():
        return word
    reading = noun_reading(word)
    if reading is not None:
        if reading.plural:  # a plural place name is named in the plural: "Talsos", "Cēsīs" -> "Talsi", "Cēsis"
            proper = next((a for a in analyse(word) if a.is_noun and a.proper), None) if word[:1].isupper() else None
            return proper.stem if proper is not None else word
        return _restore_case(word, reading.stem)
    lemma = _simplemma(word)
    if lemma and lemma.casefold() != word.casefold() and abs(len(lemma) - len(word)) <= 3:
        return _restore_case(word, lemma)
    for ending, nom, _case, _fem in _NOUN_RULES:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + nom
    return word


@lru_cache(maxsize=WORD_CACHE)
def _simplemma(word: str) -> str | None:
    try:
        import simplemma
    except ImportError:
        return None
    try:
        return simplemma.lemmatize(word, lang="lv")
    except Exception:  # simplemma raises on odd input; a lemma is only a hint
        return None


def word_case(word: str) -> tuple[str, bool | None]:
    """The case of a noun and whether it is feminine, as far as can be told."""
    reading = noun_reading(word)
    if reading is not None and not reading.plural:
        return reading.case, reading.feminine
    for ending, _nom, case, fem in _NOUN_RULES:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return case, fem
    if word.endswith(("a", "e")):
        return "nom", True
    if word.endswith(("s", "š", "is")):
        return "nom", False
    return "nom", None


# adjective endings by (case, feminine): definite first, then indefinite -> nominative ending
_ADJ_RULES = {
    ("gen", True): (("ās", "ā"), ("as", "a")),
    ("dat", True): (("ajai", "ā"), ("ai", "a")),
    ("acc", True): (("o", "ā"), ("u", "a")),
    ("loc", True): (("ajā", "ā"), ("ā", "a")),
    ("gen", False): (("ā", "ais"), ("a", "s")),
    ("dat", False): (("ajam", "ais"), ("am", "s")),
    ("acc", False): (("o", "ais"), ("u", "s")),
    ("loc", False): (("ajā", "ais"), ("ā", "s")),
}


def is_adjective(word: str) -> bool:
    readings = analyse(word) or analyse(word[:1].lower() + word[1:])
    if any(a.pos.startswith("īpv") for a in readings):
        return True
    if readings:
        return False
    return bool(re.search(r"(isk|ēj|āl|īg|ain|īv)(ās|ā|ajai|ajam|ajā|o|ais|as|ai|am)$", word.lower()))


def nominative_adjective(word: str, case: str, feminine: bool) -> str:
    """An adjective agreeing with a head noun in ``case``, back to the nominative.

    >>> nominative_adjective("Pilsoniskās", "gen", True), nominative_adjective("Sociālā", "gen", False)
    ('Pilsoniskā', 'Sociālais')
    """
    for ending, nom in _ADJ_RULES.get((case, feminine), ()):
        if word.endswith(ending):
            return word[: -len(ending)] + nom
    return word


def nominative_phrase(words: list[str]) -> str:
    """An organisation-like name: the head (last word) and its agreeing adjectives to the nominative.

    >>> nominative_phrase(["pirmajā", "Kurzemes", "NVO", "sadarbības", "forumā"])
    'pirmais Kurzemes NVO sadarbības forums'
    """
    if not words:
        return ""
    head = words[-1]
    case, fem = word_case(head)
    if case == "nom" and fem and len(words) > 1 and words[-2].endswith("ās") and is_adjective(words[-2]):
        return " ".join([*words[:-2], words[-2][:-1], head])  # agreement slip in the source: "Pilsoniskās alianse"
    if case == "nom" or fem is None:
        return " ".join(words)
    out = list(words)
    out[-1] = nominative_word(head)
    i = len(words) - 2
    while i >= 0 and is_adjective(words[i]):
        out[i] = nominative_adjective(words[i], case, fem)
        i -= 1
    if case in ("loc", "dat"):  # an adjective in the head's case further left agrees with it too
        endings = _ADJ_RULES[(case, fem)]  # ("pirmajā Kurzemes NVO forumā": genitives cannot be locative)
        for k in range(i - 1, -1, -1):
            ordinal = any(a.pos.startswith("skv") for a in analyse(words[k].lower()))  # "pirmajā"
            if (is_adjective(words[k]) or ordinal) and words[k].endswith(tuple(e for e, _ in endings)):
                out[k] = nominative_adjective(words[k], case, fem)
    return " ".join(out)


def nominative_person(words: list[str], first_names: frozenset[str] | set[str] = frozenset()) -> str:
    """A person's name (first name(s) + surname) to the nominative; the first name tells the case.

    >>> nominative_person(["Ramonai", "Petravičai"]), nominative_person(["Mārtiņam", "Urdzem"])
    ('Ramona Petraviča', 'Mārtiņš Urdze')
    >>> nominative_person(["Robertu", "Šilingu"], {"Roberts"})
    'Roberts Šilings'
    """
    if not words:
        return ""
    first = words[0]
    case, fem = "nom", None
    reading = noun_reading(first)
    known = [a for a in analyse(first) if a.is_noun and a.proper and not a.plural
             and _restore_case(first, a.stem) in first_names]
    if known and (reading is None or _restore_case(first, reading.stem) not in first_names):
        reading = known[0]  # "Robertu": the accusative of the known name "Roberts", not of "Roberta"
    if first not in first_names and first + "s" in first_names:  # "Uldi" is the accusative of "Uldis"
        return " ".join([first + "s", *(_surname_nominative(w, "acc", False, first + "s") for w in words[1:])])
    if reading is not None and reading.proper and not reading.plural:
        case, fem = reading.case, reading.feminine
        first_nom = _restore_case(first, reading.stem)
    else:
        first_nom = first
        for ending, nom, c, f in (("ai", "a", "dat", True), ("ei", "e", "dat", True), ("am", "s", "dat", False),
                                  ("im", "is", "dat", False), ("as", "a", "gen", True), ("es", "e", "gen", True)):
            if first.endswith(ending) and len(first) > 3:
                first_nom, case, fem = first[: -len(ending)] + nom, c, f
                break
    rest = [_surname_nominative(w, case, fem, first_nom) for w in words[1:]]
    return " ".join([first_nom, *rest])


def _surname_nominative(word: str, case: str, fem: bool | None, first_nom: str) -> str:
    if case == "nom":
        return word
    if fem is None:
        fem = first_nom.endswith(("a", "e")) and not first_nom.endswith("o")
    rules_f = {"gen": (("as", "a"), ("es", "e")), "dat": (("ai", "a"), ("ei", "e")),
               "acc": (("u", "a"), ("i", "e")), "loc": (("ā", "a"), ("ē", "e"))}
    rules_m = {"gen": (("ņa", "ņš"), ("ša", "šs"), ("es", "e"), ("sa", "ss"), ("a", "s")),
               "dat": (("ņam", "ņš"), ("em", "e"), ("im", "is"), ("am", "s")),
               "acc": (("ņu", "ņš"), ("u", "s"), ("i", "is")), "loc": (("ā", "s"),)}
    for ending, nom in (rules_f if fem else rules_m).get(case, ()):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)] + nom
    return word


#: Plural nominative endings and their genitive, dative, accusative and locative.
_PLURAL_DECLENSION = (("as", ("u", "ām", "as", "ās")), ("es", ("u", "ēm", "es", "ēs")),
                      ("is", ("u", "īm", "is", "īs")), ("i", ("u", "iem", "us", "os")))


def decline(noun: str) -> dict[str, str]:
    """The singular case forms of a nominative noun or adjective + noun (for gazetteers).

    >>> decline("Zviedrija")["loc"], decline("Apvienotā Karaliste")["gen"]
    ('Zviedrijā', 'Apvienotās Karalistes')
    >>> decline("Talsi")["loc"], decline("Cēsis")["loc"], decline("Daugavpils")["loc"], decline("Saldus")["loc"]
    ('Talsos', 'Cēsīs', 'Daugavpilī', 'Saldū')
    """
    words = noun.split()
    if len(words) > 1:
        head_forms = decline(words[-1])
        fem = words[-1].endswith(("a", "e"))
        plural = _plural_declension(words[-1]) is not None
        forms = {c: list(words[:-1]) for c in CASES}
        # only the adjectives next to the head agree with it: "Eiropas Ekonomiskās zonas un Norvēģijas
        # finanšu instrumenti" keeps its genitives however the head is declined
        k = len(words) - 2
        while k >= 0 and not plural and _agrees_in_nominative(words[k], fem):
            for c in CASES:
                forms[c][k] = _adjective_form(words[k], c, fem)
            k -= 1
        return {c: " ".join([*forms[c], head_forms[c]]) for c in CASES}
    w = noun
    plural = _plural_declension(w)
    if plural is not None:
        return plural
    table = (
        ("pils", ("pils", "pilij", "pili", "pilī")), ("us", ("us", "um", "u", "ū")),
        ("ija", ("ijas", "ijai", "iju", "ijā")), ("a", ("as", "ai", "u", "ā")), ("e", ("es", "ei", "i", "ē")),
        ("is", ("a", "im", "i", "ī")), ("š", ("ša", "šam", "šu", "šā")), ("s", ("a", "am", "u", "ā")),
    )
    for ending, (gen, dat, acc, loc) in table:
        if w.endswith(ending) and not (ending == "s" and w.endswith("is")):
            stem = w[: -len(ending)]
            return {"nom": w, "gen": stem + gen, "dat": stem + dat, "acc": stem + acc, "loc": stem + loc}
    return dict.fromkeys(CASES, w)


def _plural_declension(w: str) -> dict[str, str] | None:
    """The case forms of a plural noun in the nominative, or None for a word that is not one."""
    plural_noun = any(a.is_noun and a.plural and a.case == "nom" for a in analyse(w) or analyse(w.lower()))
    for ending, (gen, dat, acc, loc) in _PLURAL_DECLENSION:
        if w.endswith(ending) and len(w) > len(ending) + 1:
            stem = w[: -len(ending)]
            # a plural name ("Talsi", "Cēsis", "Pļaviņas"): the dictionary says so of it or of its locative
            if plural_noun or (w[:1].isupper() and (ending in ("i", "as", "es") or any(
                    a.plural and a.stem.casefold() == w.casefold() for a in analyse(stem + loc)))):
                return {"nom": w, "gen": stem + gen, "dat": stem + dat, "acc": stem + acc, "loc": stem + loc}
    return None


def _agrees_in_nominative(word: str, feminine: bool) -> bool:
    """Whether a word before a nominative head is an adjective agreeing with it (so it declines with it):
    "Apvienotā", "Sociālais", "liels", not the genitives "Ekonomiskās", "Rīgas", "finanšu"."""
    if feminine:
        return word.endswith("ā") or (word.endswith("a") and not word.endswith("ija") and is_adjective(word))
    if word.endswith("ais"):
        return True
    return word.endswith("s") and len(word) > 2 and word[-2] not in "aāeēiīouū" and is_adjective(word)


def _adjective_form(word: str, case: str, fem: bool) -> str:
    if case == "nom":
        return word
    if fem and word.endswith("ā"):
        return word[:-1] + {"gen": "ās", "dat": "ajai", "acc": "o", "loc": "ajā"}[case]
    if not fem and word.endswith("ais"):
        return word[:-3] + {"gen": "ā", "dat": "ajam", "acc": "o", "loc": "ajā"}[case]
    if fem and word.endswith("a"):
        return word[:-1] + {"gen": "as", "dat": "ai", "acc": "u", "loc": "ā"}[case]
    if not fem and word.endswith("s"):
        return word[:-1] + {"gen": "a", "dat": "am", "acc": "u", "loc": "ā"}[case]
    return word
