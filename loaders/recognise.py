"""Entity recognition in Latvian and English articles: mentions with types, canonical names, aliases.

Passes, most reliable first; a later pass never takes tokens an earlier one took:

1. quoted names after a legal-form or head word (``biedrība “NewDoor”``, ``projekta “X”``,
   ``konference “X”``), or before one (``“Vigobot” SIA``);
2. the gazetteers (countries in every case form, places, programmes, known organisations);
3. head-noun chains: capitalised or genitive words up to an organisation or programme head
   (``Liepājas Diakonijas centra`` -> ``Liepājas Diakonijas centrs``), English ``… Association of …``;
4. person names: first name + surname, initial + surname, with the original form in brackets;
5. ``X novads``, ``X pagasts`` places; acronyms next to ``projekts``/``project``.

>>> ms = recognise("Projektu atbalsta Sabiedrības integrācijas fonds (SIF) un biedrība “NewDoor”.", "lv")
>>> sorted({(m.type, m.name) for m in ms})
[('Organisation', 'NewDoor'), ('Organisation', 'Sabiedrības integrācijas fonds')]
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

from sikg.loaders.annotations import Entity
from sikg.loaders.dates import find_date
from sikg.loaders.gazetteer import KnownEntity, load_countries, load_gazetteer
from sikg.loaders.lexicon import words
from sikg.loaders.morphology import (
    WORD_CACHE,
    analyse,
    decline,
    is_adjective,
    nominative_person,
    nominative_phrase,
    nominative_word,
    noun_reading,
)
from sikg.loaders.text import BULLETS, CLOSE_QUOTES, OPEN_QUOTES, QUOTES, WEB_DOMAINS, Token, split_sentences

# Word lists: data/lexicon/names.tsv (loaders/lexicon.py), not code.
ORG_HEADS = set(words("org_head"))
#: heads that also name generic things ("Latvijas biedrības", "jauniešu organizācija"): outside quotes
#: they make a name only with a proper-name word in the chain
WEAK_HEADS = set(words("weak_head"))
AREA_AFTER = tuple(words("area_after"))  # stems of the words after a body's name that make it an area
CHAIN_STOP = set(words("chain_stop"))
LEGAL_FORMS = ORG_HEADS | set(words("legal_form"))
PROGRAMME_HEADS = set(words("programme_head"))
#: Legal-form words that open a phrase before the name they qualify ("Biedrības Zemgales NVO centrs").
NAME_LEADS = set(words("name_lead"))
#: Two words (the first as written, lower case; the second's lemma) that name a programme before a quoted
#: name, though the second alone names a project: "projektu konkursā “X”" (a call for proposals).
PROGRAMME_PHRASES = set(words("programme_phrase"))
PROJECT_PHRASES = set(words("project_phrase"))
PROJECT_CUES = set(words("project_cue"))
EVENT_CUES = set(words("event_cue"))
QUOTE_CUES = LEGAL_FORMS | PROJECT_CUES | EVENT_CUES | PROGRAMME_HEADS  # words that say what a quoted name is
#: Nouns that name an event only as the head of a phrase ("Labo darbu diena"), not before a quoted name
#: ("Šajā dienā „Caritas Latvija” …" is a time).
PHRASE_EVENT_CUES = EVENT_CUES | set(words("phrase_event_cue"))
#: Words that open an event phrase without being part of the event's name (ordinals, "annual").
EVENT_LEADS = set(words("event_lead"))
EN_ORG_HEADS = set(words("org_head_en"))
EN_CONNECTORS = set(words("connector_en"))
EN_DESCRIPTORS = set(words("descriptor_en"))  # capitalised words that say what a body is, before its name
EN_KINDS = EN_ORG_HEADS | set(words("kind_en"))  # lower-case kinds of body a name may follow ("the platform X")
PLACE_HEADS = {w: w for w in words("place_head")}
#: Nouns that end a named venue ("Launkalnes Tautas nams", "Krustpils pils", "Olustveres muiža").
VENUE_HEADS = set(words("venue_head"))
ROLE_WORDS = set(words("role_word"))
STOP_CAPS = set(words("not_a_name_caps"))
MONTHS_LV = words("month_stem")
#: Latvia's historical regions: their genitive opens names ("Latgales Laiks"), never a person's.
REGIONS = set(words("region"))
NOT_NAME_WORDS = set(words("not_a_name_word"))
#: Verbs (stems, as written) that report a happening, each with the noun that names it and the kind of
#: happening: "parakstīja" -> "parakstīšana" (a signing), "viesojās" -> "vizīte" (a visit).
HAPPENING_VERBS = tuple((*w.split("=", 1), kind) for kind in ("signing", "visit") for w in words(f"{kind}_verb"))
#: Labels that open the line under a project's heading in a list of projects ("Lead Partner: X").
PROJECT_LINE_LABELS = tuple(words("project_line_label"))
#: A line that opens with a label ("Priority: …", "Participating countries: …").
_LABEL_LINE = re.compile(r"\w[\w &/-]{0,30}:")
#: "the program's", "the project's": an English possessive that points back to the article's own.
_EN_POSSESSOR = re.compile(r"(program|programme|project|fund)[’']s")
#: The kinds of mention an event may belong to ("Kultūras ministrijas … konference").
_OWNER_TYPES = frozenset({"Organisation", "Programme", "Project"})
#: A capital inside a word: a coined name ("UrbCulturalPlanning", "NewDoor").
_CAMEL = re.compile(r"[a-zāčēģīķļņšūž][A-ZĀČĒĢĪĶĻŅŠŪŽ]")
_HAPPENING_OF_STEM = {stem: (noun, kind) for stem, noun, kind in HAPPENING_VERBS}
_HAPPENING_STEM = re.compile(r"\b(?:" + "|".join(map(re.escape, _HAPPENING_OF_STEM)) + ")", re.IGNORECASE)
#: What is signed at a signing ("līgums", "memorands", "agreement").
SIGNED_DOCUMENTS = set(words("signed_document"))


@dataclass
class Mention:
    """A name found in the text, with its type and canonical (nominative) name."""

    type: str
    name: str
    start: int
    end: int
    sentence: int
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    cue: str | None = None
    known: KnownEntity | None = None
    #: the article's entity this mention names, once mentions are merged (sikg.loaders.extract)
    entity: Entity | None = field(default=None, repr=False, compare=False)


@lru_cache(maxsize=WORD_CACHE)
def _lemma(word: str) -> str:
    return nominative_word(word).casefold()


@lru_cache(maxsize=WORD_CACHE)
def _noun_lemma(word: str) -> str:
    """A noun's nominative singular, plural forms too ("līgumus" -> "līgums"), folded (``_lemma`` keeps a
    plural as written: a plural place is named in the plural)."""
    reading = noun_reading(word.lower())
    return reading.stem if reading is not None else _lemma(word)


def _cue_lemma(word: str) -> str:
    """The lemma by which a word before a quoted name says what the name is, a plural too
    ("projektu konkursus «X», «Y»": "konkurss")."""
    lemma = _lemma(word)
    if lemma not in QUOTE_CUES:
        plural = _noun_lemma(word)
        if plural in QUOTE_CUES:
            return plural
    return lemma


def _is_head(tok: Token, heads: set[str]) -> bool:
    return tok.is_word and _lemma(tok.text) in heads


def _place_head(tok: Token) -> str | None:
    """The place head noun a word is a form of, singular or plural ("novadā", "novados": "novads")."""
    return _place_head_of(tok.text) if tok.is_word else None


@lru_cache(maxsize=WORD_CACHE)
def _place_head_of(word: str) -> str | None:
    lemma = _lemma(word)
    if lemma in PLACE_HEADS:
        return PLACE_HEADS[lemma]
    reading = noun_reading(word)
    return PLACE_HEADS.get(reading.stem.casefold()) if reading is not None and reading.plural else None


POSSESSIVES = set(words("possessive"))


#: How a Latvian genitive ends, singular or plural ("Tukuma", "Kuldīgas", "Priekules", "Cēsu", "Saldus").
GENITIVE_ENDINGS = ("a", "s", "u")


def _is_genitive_like(tok: Token) -> bool:
    if not tok.is_word:
        return False
    if tok.text in POSSESSIVES:
        return True
    readings = analyse(tok.text) or analyse(tok.text[:1].lower() + tok.text[1:])
    if readings:
        if any(a.case == "gen" for a in readings) or any(a.pos.startswith("īpv") for a in readings):
            return True
        if _sixth_declension(readings):
            return True  # the sixth declension's genitive is its nominative ("valsts aģentūra", "pils")
        if tok.text.endswith("u") and any(a.is_noun and a.case == "acc" for a in readings):
            return True  # the genitive plural has the accusative singular's form ("draugu")
        return tok.is_cap and any(a.is_noun and a.proper for a in readings) and \
            not all(a.case in ("loc", "dat") for a in readings)
    low = tok.text.lower()
    return tok.is_cap or low.endswith(("as", "es", "u", "ās", "ības", "ijas"))


def _phrase_stem(words: list[Token]) -> str:
    """A phrase as written, its head cut to a stem that any of its case forms starts with."""
    return " ".join(t.text for t in words[:-1]) + " " + words[-1].text[:max(4, len(words[-1].text) - 3)]


def _capitalised_participle(tok: Token) -> bool:
    """A capitalised past participle in a genitive ending, used as a name's adjective ("Apvienotās
    Karalistes", "Apvienoto Nāciju")."""
    return tok.is_cap and tok.text.endswith(("tās", "tā", "to", "tu")) and _is_verbish(tok)


def _sixth_declension(readings) -> bool:
    """Whether a word is a noun of the sixth declension ("valsts", "pils"), whose genitive is its nominative."""
    return any(a.pos.startswith("lietv6") for a in readings)


def _event_genitive(tok: Token) -> bool:
    """A genitive before an event's head ("biedru kopsapulce", "Kurzemes NVO forums"); a lower-case word
    the dictionary does not know is not guessed from its ending here (verbs: "tikās", "piedalīties")."""
    return _is_genitive_like(tok) and (tok.is_cap or bool(analyse(tok.text.lower())))


def _genitive_plural_head(sent: list[Token], i: int) -> bool:
    """A head noun in the genitive plural before another noun names a kind, not one organisation
    ("Kurzemes pašvaldību pārstāvji": its "-u" read as the genitive plural, not the accusative singular,
    when a noun follows), unless names share it ("Saldus un Talsu pašvaldību pārstāvji": two)."""
    if not sent[i].text.endswith("u") or i + 1 >= len(sent) or not sent[i + 1].is_word or sent[i + 1].is_cap:
        return False
    return noun_reading(sent[i].text) is not None and noun_reading(sent[i + 1].text) is not None \
        and not _is_verbish(sent[i + 1])


#: A capitalised web address: a name, then a top-level domain.
_WEB_NAME = re.compile(rf"[^\W\d_][\w-]*\.(?:{'|'.join(WEB_DOMAINS)})")


def _capitalised_web_name(text: str) -> bool:
    return text[:1].isupper() and "." in text and bool(_WEB_NAME.fullmatch(text))


def _is_verbish(tok: Token) -> bool:
    """Whether every reading of a word is a verb's; a "-šana" noun is a noun, however the dictionary
    reads it ("izvērtēšanas konference")."""
    if tok.text.lower().endswith(("šana", "šanas", "šanu", "šanai", "šanā")):
        return False
    readings = analyse(tok.text.lower())
    return bool(readings) and all(a.pos.startswith("darb") for a in readings)


_YEAR = re.compile(r"(19|20)\d\d\.")
#: Spaces around the dash of a period ("2021. – 2027. gadam" is written "2021.–2027. gadam").
_PERIOD_DASH = re.compile(r"(\d\.?)\s+([-–])\s+(\d)")

#: A sentence that says something took place (or will): its event phrases name events. Participles of
#: organising ("rīkotā kopsapulce") say so; the infinitive ("idejas … rīkot Zoom-ā") does not.
_HAPPENED = re.compile(r"\bnotik|\bnorisin|\bnotiks|took place|will take place|was held|was organi[sz]ed"
                       r"|organizēt\w|rīkot\w")

_EN_FUNCTION_WORDS = frozenset(words("connector_en")) | frozenset(words("lead_en")) | {
    "the", "a", "an", "of", "and", "or", "in", "on", "at", "for", "with", "by", "to", "from", "was", "were", "is",
    "are", "be", "been", "this", "that", "these", "those", "its", "their", "our", "his", "her", "as", "into"}


def _event_lead(tok: Token) -> bool:
    return tok.text.lower() in EVENT_LEADS or _lemma(tok.text) in EVENT_LEADS


def _without_event_lead(words: list[Token], name: str) -> list[str]:
    """The event's name without the ordinal or "annual" it opens with, as an alias ("pirmais Kurzemes
    NVO forums" is also "Kurzemes NVO forums")."""
    k = 0
    while k < len(words) - 1 and _event_lead(words[k]):
        k += 1
    if not k:
        return []
    rest = name.split(" ", k)
    return [rest[-1]] if len(rest) > k else []


def _english_modifier(tok: Token) -> bool:
    """An English word that can stand before an event's head: an ordinal, an adjective or a noun used
    as one ("fifth transnational meeting", "closing event"), not a function word."""
    low = tok.text.lower()
    return tok.text.isalpha() and low not in _EN_FUNCTION_WORDS and not low.endswith("ly")


def _without_lead(span: list[Token]) -> list[Token]:
    """An English capitalised run without what leads into the name: a sentence's first function word
    and a role ("As the Chairperson of the Social Entrepreneurship Council", "After the NGO …")."""
    k = 0
    while k < len(span) - 1:
        low = span[k].text.lower()
        if low in _EN_FUNCTION_WORDS and low != "the":
            k += 1
        elif low in ROLE_WORDS and span[k + 1].text.lower() == "of":
            k += 2
        elif k and low == "the":
            k += 1
        else:
            break
    return span[k:]


class Recogniser:
    """Finds mentions in one article."""

    def __init__(self, text: str, language: str) -> None:
        self.text = text
        self.language = language
        self.sentences = split_sentences(text)
        self._taken = bytearray(len(text) + 1)
        self.mentions: list[Mention] = []
        self._in_sentence: dict[int, list[Mention]] = {}  # the mentions of each sentence, as they are added
        self._owner_ends: dict[int, Mention] | None = None  # owners' mentions by their end, once read
        self._possessed: dict[str, list[str]] = {}
        self.gazetteer = load_gazetteer()
        self._gazetteer_views: dict[int, tuple[list[str], set[int], list[int]]] = {}

    # -- bookkeeping
    def _free(self, start: int, end: int) -> bool:
        return not any(self._taken[start:end])

    def _add(self, m: Mention) -> Mention | None:
        if not m.name or not self._free(m.start, m.end) or len(m.name) > 200:
            return None
        known = self.gazetteer.lookup(m.name)
        if known is not None and known.type in (m.type, "Programme", "Organisation") and m.type != "Person":
            m.known = known
            if m.name != known.name:
                m.aliases.append(m.name)
            m.type, m.name = known.type, known.name
            m.country = m.country or known.country
        self._taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        self.mentions.append(m)
        self._in_sentence.setdefault(m.sentence, []).append(m)
        if m.type in _OWNER_TYPES:  # what the event passes read stays what a fresh reading would give
            if self._owner_ends is not None:
                self._owner_ends[m.end] = m
            self._possessed.pop(m.type, None)
        return m

    def run(self) -> list[Mention]:
        for si in range(len(self.sentences) - 1):
            self._project_heading(si)
        for si, sent in enumerate(self.sentences):
            self._quoted(si, sent)
        for si, sent in enumerate(self.sentences):
            self._gazetteer(si, sent, ("Organisation", "Programme"))
        for si, sent in enumerate(self.sentences):
            self._web_names(si, sent)
            self._venues(si, sent)
        for si, sent in enumerate(self.sentences):
            self._persons(si, sent)
        for si, sent in enumerate(self.sentences):
            self._english_list_item(si, sent)
            self._chains(si, sent)
            self._english_chains(si, sent)
        for si, sent in enumerate(self.sentences):
            self._places(si, sent)
            self._gazetteer(si, sent, ("Country", "Place"))
            self._acronym_projects(si, sent)
            self._before_country(si, sent)
            self._after_kind(si, sent)
        self._parenthesised_aliases()
        for si, sent in enumerate(self.sentences):
            self._events(si, sent)
            self._happenings(si, sent)
        self._alias_mentions()
        self.mentions.sort(key=lambda m: m.start)
        return self.mentions

    def _whole_line(self, si: int) -> bool:
        """Whether a sentence is a line of its own (a heading, a list item): a line break between it and
        each neighbour (only spaces lie between sentences), read in constant time."""
        sent, sentences = self.sentences[si], self.sentences
        before = sentences[si - 1][-1].end if si and sentences[si - 1] else 0
        after = sentences[si + 1][0].start if si + 1 < len(sentences) and sentences[si + 1] else len(self.text)
        return (si == 0 or "\n" in self.text[before:sent[0].start]) \
            and (si + 1 == len(sentences) or "\n" in self.text[sent[-1].end:after])

    def _project_heading(self, si: int) -> None:
        """A list of projects, each a heading over labelled lines, one naming its lead partner (``A Safe
        Place`` / ``Lead Partner: Active Youth Association …``; ``Priority: …`` / ``Project leader: ROSA``):
        the heading names a project."""
        sent = self.sentences[si]
        if not sent or not sent[0].is_cap or not 2 <= sum(t.is_word for t in sent) <= 16 \
                or sent[-1].text in ".:;,?" or not self._whole_line(si) \
                or _LABEL_LINE.match(self.text[sent[0].start:sent[-1].end]):
            return
        for below in self.sentences[si + 1:si + 4]:
            line = self.text[below[0].start:below[-1].end].casefold() if below else ""
            if line.startswith(PROJECT_LINE_LABELS):
                name = self.text[sent[0].start:sent[-1].end].strip(" -–")
                self._add(Mention("Project", name, sent[0].start, sent[-1].end, si, cue="heading"))
                return
            if not _LABEL_LINE.match(line):
                return

    def _web_names(self, si: int, sent: list[Token]) -> None:
        """An organisation named by its web address, as the press names portals and charities
        ("Ziedot.lv", "LSM.lv"); not an address in a link ("www.caritas.lv/par", "info@x.lv")."""
        for k, tok in enumerate(sent):
            if _capitalised_web_name(tok.text) and self._free(tok.start, tok.end) \
                    and not (k and sent[k - 1].end == tok.start and sent[k - 1].text in "./@") \
                    and not (k + 1 < len(sent) and sent[k + 1].start == tok.end and sent[k + 1].text in "/@"):
                self._add(Mention("Organisation", tok.text, tok.start, tok.end, si))

    def _after_kind(self, si: int, sent: list[Token]) -> None:
        """English apposition: a lower-case kind of body, then its capitalised name ("the call centre
        Sonido", "the platform NewDoor"); not a place's or country's name ("the centre Riga")."""
        if self.language != "en":
            return
        for k in range(len(sent) - 1):
            if not sent[k].is_word or sent[k].is_cap or sent[k].text not in EN_KINDS:
                continue
            span: list[Token] = []
            j = k + 1
            while j < len(sent) and len(span) < 3 and sent[j].is_cap and self._free(sent[j].start, sent[j].end):
                span.append(sent[j])
                j += 1
            if not span or span[0].text.lower() in _EN_FUNCTION_WORDS:
                continue
            name = self.text[span[0].start:span[-1].end]
            known = self.gazetteer.lookup(name)
            if known is None or known.type == "Organisation":
                self._add(Mention("Organisation", known.name if known else name, span[0].start, span[-1].end, si))

    def _before_country(self, si: int, sent: list[Token]) -> None:
        """English partner lists: a name right before its country in parentheses is an organisation
        ("Barnafrid (Sweden)", "Eskilstuna folk high school (Sweden)"), unless the gazetteer knows it
        (a town is no organisation: "Vilnius (Lithuania)")."""
        if self.language != "en":
            return
        for j in range(1, len(sent) - 2):
            if sent[j].text != "(" or sent[j + 2].text != ")":
                continue
            country = self.gazetteer.lookup(sent[j + 1].text)
            if country is None or country.type != "Country":
                continue
            k = j - 1
            span: list[Token] = []
            if sent[k].is_word and not sent[k].is_cap and sent[k].text.lower() in EN_ORG_HEADS:
                while k >= 0 and sent[k].is_word and sent[k].text.islower() and len(span) < 4:
                    span.insert(0, sent[k])  # "folk high school": lower-case words up to the head
                    k -= 1
                if k < 0 or not sent[k].is_cap:
                    continue
            while k >= 0 and len(span) < 10 and self._free(sent[k].start, sent[k].end) and (
                    sent[k].is_cap or (span and sent[k].text.lower() in EN_CONNECTORS)):
                span.insert(0, sent[k])
                k -= 1
            while span and not span[0].is_cap:
                span.pop(0)
            if not span or not all(self._free(t.start, t.end) for t in span):
                continue
            name = self.text[span[0].start:span[-1].end]
            if self.gazetteer.lookup(name) is None:
                self._add(Mention("Organisation", name, span[0].start, span[-1].end, si))

    def _alias_mentions(self) -> None:
        """An acronym or short alias defined once (``Liepājas Diakonijas centrs (LDC)``) is a mention
        wherever it recurs."""
        short: dict[str, Mention] = {}
        for m in self.mentions:
            for a in m.aliases:
                if a.isupper() and 2 <= len(a) <= 12:
                    short.setdefault(a, m)
        if not short:
            return
        pattern = re.compile(r"(?<![\w+])(" + "|".join(re.escape(a) for a in sorted(short, key=len, reverse=True))
                             + r")(?![\w+])")
        for si, sent in enumerate(self.sentences):
            if not sent:
                continue
            for hit in pattern.finditer(self.text, sent[0].start, sent[-1].end):
                src = short[hit.group(1)]
                self._add(Mention(src.type, src.name, hit.start(), hit.end(), si, country=src.country,
                                  known=src.known))

    def _events(self, si: int, sent: list[Token]) -> None:
        """An event named by a phrase, not in quotes: ``Pirmā partneru starptautiskā tikšanās … notika
        Tenerifē``, ``nacionāla līmeņa tikšanās``: modifiers up to an event head, in a sentence that
        says it took place (or will) or gives its date (``24. martā … biedru kopsapulce``)."""
        dated: bool | None = None  # read at the first event head (most sentences have none)
        for i, tok in enumerate(sent):
            if not tok.is_word:
                continue
            lemma = _lemma(tok.text)
            if lemma not in PHRASE_EVENT_CUES and not (i > 1 and sent[i - 1].is_cap):
                continue  # the cheap test first: no head, and no proper name before a plural one
            # one capitalised word before the head, not a longer name ("European Youth Forum" is a body's)
            proper = i > 1 and sent[i - 1].is_cap and sent[i - 1].is_word and not sent[i - 1].is_upper \
                and not sent[i - 2].is_cap
            if lemma not in PHRASE_EVENT_CUES and proper:
                lemma = _noun_lemma(tok.text)  # a plural after a proper name: "Ziedotāju brokastīs"
            if lemma not in PHRASE_EVENT_CUES:
                continue
            if not proper:  # undated, the event needs a proper name: "Ziedotāju brokastīs", "the Pitch day event"
                if dated is None:
                    text = self.text[sent[0].start:sent[-1].end]
                    dated = _HAPPENED.search(text) is not None or find_date(text) is not None
                if not dated:
                    continue
            if not self._free(tok.start, tok.end):
                continue
            words = [tok]
            j = i - 1
            while j >= 0 and len(words) < 6 and sent[j].is_word and self._free(sent[j].start, sent[j].end) \
                    and sent[j].text.lower() not in CHAIN_STOP and not _is_verbish(sent[j]) \
                    and (is_adjective(sent[j].text) or _event_genitive(sent[j]) or _event_lead(sent[j])
                         or (sent[j].text.lower().endswith(("ā", "ais")) and not analyse(sent[j].text.lower()))
                         or (self.language == "en" and _english_modifier(sent[j]))):
                words.insert(0, sent[j])
                j -= 1
            year = len(words) > 2 and words[0].text.lower() == "gada" and j >= 0 and _YEAR.fullmatch(sent[j].text)
            if year:  # "2016. gada izvērtēšanas konference": the year dates the event, it does not name it
                words = words[1:]
            if len(words) < 2:
                continue
            name = self.text[words[0].start:words[-1].end]
            aliases = []
            if self.language == "lv" and lemma != _lemma(tok.text):  # a plural: "Ziedotāju brokastīs"
                aliases, name = [name], " ".join([*(t.text for t in words[:-1]), lemma])
            elif self.language == "lv" and lemma != tok.text.casefold():  # "forumā": named "forums"
                aliases, name = [name], nominative_phrase([t.text for t in words])
            aliases += _without_event_lead(words, name)
            first = sent.index(words[0])
            owners = self._event_owners(sent, first - 1) if self.language == "lv" else self._possessor(sent, first - 1)
            if owners:  # "programmas 2016. gada izvērtēšanas konference" is the programme's conference
                aliases, name = [name, *aliases], " ".join([*owners, name])
            self._add(Mention("Event", name, words[0].start, tok.end, si, aliases=aliases, cue="phrase"))

    def _happenings(self, si: int, sent: list[Token]) -> None:
        """An event a dated sentence reports by its verb, with no event phrase: a signing
        (``14.jūlijā Banku augstskola parakstīja memorandu`` names "Memoranda parakstīšana") or a visit
        (``25.septembrī Liepājā viesojās Klaipēdas Palīdzības centra darbinieki`` names "Klaipēdas
        Palīdzības centra vizīte Liepājā"). The event is the verb's mention; the date dates it."""
        if not sent or not _HAPPENING_STEM.search(self.text, sent[0].start, sent[-1].end):
            return  # the cheap test first: most sentences report no signing or visit
        starts = {tok.start: k for k, tok in enumerate(sent) if tok.is_word}
        verb = next((m for m in _HAPPENING_STEM.finditer(self.text, sent[0].start, sent[-1].end)
                     if m.start() in starts), None)  # the first word that opens with a verb's stem
        if verb is None or any(m.type == "Event" for m in self._in_sentence.get(si, ())) \
                or find_date(self.text[sent[0].start:sent[-1].end]) is None:
            return
        k = starts[verb.start()]
        noun, kind = _HAPPENING_OF_STEM[verb.group().lower()]
        tok = sent[k]
        if not self._free(tok.start, tok.end):
            return
        name = self._signing_name(sent, k, noun) if kind == "signing" else self._visit_name(si, tok.end, noun)
        if name:
            self._add(Mention("Event", name, tok.start, tok.end, si, cue="happening"))

    def _signing_name(self, sent: list[Token], k: int, noun: str) -> str | None:
        """A signing named by what is signed, the nearest document noun to the verb with the genitives
        before it: "Sadarbības līguma parakstīšana", "Memorandum signing"."""
        near = sorted(range(max(0, k - 6), min(len(sent), k + 7)), key=lambda j: (abs(j - k), j < k))
        doc, lemma = None, ""
        for j in near:
            if sent[j].is_word:
                lemma = _noun_lemma(sent[j].text)
                if lemma in SIGNED_DOCUMENTS:
                    doc = j
                    break
        if doc is None:
            return None
        if self.language != "lv":
            return f"{lemma.capitalize()} {noun}"
        j = doc
        while j - 1 >= 0 and sent[j - 1].is_word and not sent[j - 1].is_cap and j - 1 != k \
                and _event_genitive(sent[j - 1]) and not _is_verbish(sent[j - 1]):
            j -= 1
        phrase = decline(" ".join([*(t.text for t in sent[j:doc]), lemma]))["gen"]
        return f"{phrase[0].upper()}{phrase[1:]} {noun}"

    def _visit_name(self, si: int, verb_end: int, noun: str) -> str | None:
        """A visit named by who visits and where: the first organisation after the verb (else before it)
        and the first place of its sentence ("Klaipēdas Palīdzības centra vizīte Liepājā", "Visit of X to Vilnius")."""
        here = sorted(self._in_sentence.get(si, ()), key=lambda m: (m.start < verb_end, m.start))
        body = next((m.name for m in here if m.type == "Organisation"), None)
        first_place = min((m for m in here if m.type == "Place"), key=lambda m: m.start, default=None)
        place = first_place.name if first_place is not None else None
        if body is None and place is None:
            return None
        if self.language != "lv":
            return " ".join(["Visit", *(["of", body] if body else []), *(["to", place] if place else [])])
        parts = [decline(body)["gen"]] if body else []
        parts.append(noun)
        if place:
            parts.append(decline(place)["loc"])
        name = " ".join(parts)
        return f"{name[0].upper()}{name[1:]}"

    def _possessor(self, sent: list[Token], j: int) -> list[str]:
        """English: the article's programme or project an event phrase belongs to when it is named only as
        "the program's" / "the project's" ("The program’s closing event": the most named programme's)."""
        m = _EN_POSSESSOR.fullmatch(sent[j].text.lower()) if j >= 1 and sent[j - 1].text.lower() == "the" else None
        if m is None:
            return []
        kind = "Project" if m.group(1) == "project" else "Programme"
        if kind not in self._possessed:  # once, until a mention of that kind is added
            named = Counter(x.name for x in self.mentions if x.type == kind)
            top = named.most_common(1)[0][0] if named else None
            first = min((x for x in self.mentions if x.name == top), key=lambda x: x.start, default=None)
            self._possessed[kind] = [self.text[first.start:first.end]] if first else []  # as the article writes it
        return self._possessed[kind]

    def _event_owners(self, sent: list[Token], j: int) -> list[str]:
        """The names written in the genitive right before an event phrase (ending at token ``j``), whose
        event it is: ``Kultūras ministrijas Nevalstisko organizāciju atbalsta programmas 2016. gada …``;
        a year (``2016. gada``) and a parenthesised acronym between them are left out of the name."""
        parts: list[str] = []
        if j >= 1 and sent[j].text.lower() == "gada" and _YEAR.fullmatch(sent[j - 1].text):
            parts.insert(0, f"{sent[j - 1].text} {sent[j].text}")
            j -= 2
        if self._owner_ends is None:
            self._owner_ends = {m.end: m for m in self.mentions if m.type in _OWNER_TYPES}
        ends = self._owner_ends
        owners: list[str] = []
        while j >= 0:
            if sent[j].text == ")" and j >= 2 and sent[j - 2].text == "(" and sent[j - 1].is_upper:
                j -= 3
                continue
            m = ends.get(sent[j].end)
            if m is None or not _is_genitive_like(sent[j]) or sent[j].text == m.name.split()[-1]:
                break
            owners.insert(0, self.text[m.start:m.end])
            while j >= 0 and sent[j].start >= m.start:
                j -= 1
        return [*owners, *parts] if owners else []

    # -- 1. quoted names
    def _quoted(self, si: int, sent: list[Token]) -> None:
        i = 0
        quotes: list[tuple[int, int, str | None]] = []  # (opening, closing, what it named)
        while i < len(sent):
            tok = sent[i]
            if tok.text in OPEN_QUOTES:
                j = _closing_quote(sent, i)
                j = _unclosed_before(sent, i, j)
                if j < len(sent) and j > i + 1 and (sent[j].text in CLOSE_QUOTES or sent[j].text == ","):
                    # «Austris» un «Neldi»: a quoted name joined to the one before it is of its kind
                    joined = quotes[-1][2] if quotes and _joined_quotes(sent, quotes[-1][1], i) else None
                    quotes.append((i, j, self._classify_quote(si, sent, i, j, joined)))
                    i = j + 1
                    continue
            i += 1
        # “Zvaigznāja komandas”, “4 vēji” un “Intelekta attīstības centra” vadītāji: a list of quoted
        # names is of the kind its named members are, those before them too
        for k in range(len(quotes) - 2, -1, -1):
            qi, qj, etype = quotes[k]
            after = quotes[k + 1]
            if etype is None and after[2] is not None and _joined_quotes(sent, qj, after[0]):
                quotes[k] = (qi, qj, self._classify_quote(si, sent, qi, qj, after[2]))

    def _classify_quote(self, si: int, sent: list[Token], qi: int, qj: int, joined: str | None = None) -> str | None:
        """Name the quoted words from their cue (or ``joined``: the kind of a quoted name they follow);
        the type named, or None."""
        inner = sent[qi + 1:qj]
        words = [t for t in inner if t.is_word]
        if not words or not any(t.text[:1].isalnum() for t in inner):
            return None
        quoted = self.text[inner[0].start:inner[-1].end].strip()
        quoted = quoted.rstrip(",.;:")
        before = [t for t in sent[max(0, qi - 8):qi] if t.text not in QUOTES]
        while before and (before[-1].kind == "num" or before[-1].text in (".", "Nr", "nr", "No", "no.")):
            before.pop()  # "projektu Nr. 2018-1-LV01 “X”"
        cue_tok = before[-1] if before and before[-1].is_word else None
        # "portāls vecākiem un bērniem “X”", "sabiedrība par atklātību “X”": a legal form a few words back
        if cue_tok is not None and _cue_lemma(cue_tok.text) not in QUOTE_CUES:
            for t in reversed(before[-5:-1]):
                if not t.is_word or t.is_cap:
                    break
                if _lemma(t.text) in LEGAL_FORMS:
                    cue_tok = t
                    break
        after = sent[qj + 1] if qj + 1 < len(sent) else None
        cue = _cue_lemma(cue_tok.text) if cue_tok else ""
        etype = None
        k = sent.index(cue_tok) if cue_tok is not None else 0
        if k and sent[k - 1].is_word and f"{sent[k - 1].text.lower()} {cue}" in PROJECT_PHRASES:
            etype = "Project"  # "ideju konkursā “Tam labam būs augt”": a contest of ideas, no grant programme
        elif k and sent[k - 1].is_word and f"{sent[k - 1].text.lower()} {cue}" in PROGRAMME_PHRASES:
            etype = "Programme"
        elif cue in PROGRAMME_HEADS:
            etype = "Programme"
        elif cue in EVENT_CUES:
            etype = "Event"
        elif cue in PROJECT_CUES or (cue_tok and cue_tok.text.lower().startswith("projekt")):
            etype = "Project"
        elif cue in LEGAL_FORMS or (cue_tok is not None and cue_tok.text.lower() in LEGAL_FORMS):
            etype = "Organisation"
        elif after is not None and after.is_word and after.text.lower() in ("sia", "as", "nodibinājums"):
            etype, cue = "Organisation", after.text.lower()
        elif after is not None and after.text == "(" and qj + 2 < len(sent):
            country = self.gazetteer.lookup(sent[qj + 2].text)
            if country is not None and country.type == "Country":
                etype = "Organisation"
        if etype is None and joined is not None:
            etype = joined
        name = quoted
        short = re.fullmatch(r"(.+?)\s*\(([^()]{2,120})\)", quoted)
        if short and etype is not None and len(short.group(2).split()) <= 3:
            name = short.group(2).strip()
        if etype is None and ("," in quoted or len(words) > 12):
            return None
        if etype is None:
            lemmas = [_lemma(t.text) for t in words]
            if len(words) > 1 and lemmas[-1] in ORG_HEADS and words[0].is_cap:
                etype, name = "Organisation", nominative_phrase([t.text for t in words])
            elif len(words) > 2 and any(lemma in PROJECT_CUES for lemma in lemmas):
                etype = "Project"
                k = max(i for i, lemma in enumerate(lemmas) if lemma in PROJECT_CUES)
                head = nominative_phrase([t.text for t in words[: k + 1]])
                name = " ".join([head, *[t.text for t in words[k + 1:]]])
            elif len(words) > 1 and words[0].is_cap and self._national_branch(words):
                etype = "Organisation"  # “Caritas Latvija”: an organisation's national branch
            elif len(words) > 1 and lemmas[-1] in PHRASE_EVENT_CUES:
                etype = "Event"
                if self.language == "lv" and lemmas[-1] != words[-1].text.casefold():  # “… forumā”: the “… forums”
                    name = self._in_nominative(inner, words)
            else:
                return None
            if etype != "Event":
                cue_tok = None  # the word before the quote is no cue: no "word “Name”" alias
        aliases: list[str] = []
        start = inner[0].start
        if short and etype is not None:
            aliases += [short.group(1).strip(), quoted]
        elif name != quoted:
            aliases.append(quoted)
        if cue_tok is not None and etype in ("Organisation", "Programme", "Event", "Project"):
            chain = self._left_chain(sent, sent.index(cue_tok))
            phrase = nominative_phrase([t.text for t in chain] + [cue_tok.text])
            if chain or etype == "Organisation":
                aliases += [f"{phrase} “{quoted}”", f"{phrase} {quoted}"]
            start = (chain[0] if chain else cue_tok).start if etype == "Organisation" else start
        if etype == "Event" and cue_tok is not None:
            k = sent.index(cue_tok)
            mods = [cue_tok]
            while k > 0 and len(mods) < 4 and sent[k - 1].is_word and is_adjective(sent[k - 1].text):
                k -= 1
                mods.insert(0, sent[k])
            phrase = self.text[mods[0].start:cue_tok.end]
            aliases += [f"{phrase} “{quoted}”", f"{cue_tok.text} “{quoted}”"]
            start = mods[0].start
        m = Mention(etype, name, start, sent[qj].end, si, aliases=aliases, cue=cue or None)
        self._add(m)
        return etype

    def _national_branch(self, words: list[Token]) -> bool:
        """Whether a quoted name ends with a country's own name (“Caritas Latvija”, “SOS Children's
        Villages Lithuania”), as the national branches of international organisations are named."""
        country = load_countries().by_name(words[-1].text)
        return country is not None and words[-1].text in (country.lv, country.en)

    def _in_nominative(self, tokens: list[Token], words: list[Token]) -> str:
        """The text of ``tokens`` with its words (``words``, in order) in the nominative, punctuation and
        spacing as written ("Baltijas – Lielbritānijas … forumā": "Baltijas – Lielbritānijas … forums")."""
        nominative = nominative_phrase([t.text for t in words]).split(" ")
        if len(nominative) != len(words):
            return nominative_phrase([t.text for t in words])
        out, at = [], tokens[0].start
        for tok, word in zip(words, nominative, strict=True):
            out += [self.text[at:tok.start], word]
            at = tok.end
        out.append(self.text[at:tokens[-1].end])
        return "".join(out).strip()

    def _left_chain(self, sent: list[Token], k: int) -> list[Token]:
        """Genitive modifiers left of position k, trimmed to start at a capitalised word."""
        chain: list[Token] = []
        j = k - 1
        while j >= 0 and len(chain) < 8:
            t = sent[j]
            if chain and t.is_word and chain[0].is_word and t.end == chain[0].start:
                break  # words run together are not one name ("DSC03298Kurzemes": a file name, then a word)
            if t.text == "un" and j > 0 and _is_head(sent[j - 1], ORG_HEADS):
                break  # "… pašvaldību un Lietuvas … asociācija": two organisations, each with its head
            if t.text == "un" and j > 0 and not sent[j - 1].is_cap and _sixth_declension(analyse(sent[j - 1].text)):
                break  # "Latvijas valsts un Jēkabpils pilsētas pašvaldības": "valsts" ends the one before
            if t.text == "un" and j > 1 and sent[j - 1].is_cap and self._first_name(sent[j - 2].text):
                break  # "Juris Cebulis un Attīstības finanšu institūcija": a person, then the organisation
            if not t.is_cap and chain and chain[0].is_cap and _lemma(t.text) in NAME_LEADS:
                break  # "biedrības Zemgales NVO centrs": the legal form qualifies the name
            if t.text in ("-", "–") and chain and chain[0].is_cap and j > 0 and sent[j - 1].is_cap \
                    and _is_genitive_like(sent[j - 1]) and (
                        (sent[j - 1].end == t.start and t.end == chain[0].start)
                        or self._known_as(chain[0])):
                # "Latvijas–Lietuvas pārrobežu sadarbības programma", "Baltijas – Vācijas augstskolu birojs"
                chain.insert(0, t)
                j -= 1
                continue
            participle = _capitalised_participle(t)  # "Apvienotās Karalistes": a verb's form, a name's adjective
            if t.is_word and t.text.lower() not in CHAIN_STOP and (t.text in ("un",) or _is_genitive_like(t)
                                                                   or participle) and (participle or not _is_verbish(t)):
                if not self._free(t.start, t.end):
                    break
                chain.insert(0, t)
                j -= 1
            else:
                break
        while chain and (not chain[0].is_cap or chain[0].text == "un"):
            chain.pop(0)
        if len(chain) > 1 and chain[0] is sent[0] and not self._proper(chain[0]) and (
                not chain[1].is_cap or self._known_as(chain[1])):
            # a sentence's capitalised first word, then lower case ("Projektu atbalsta Interreg …") or a
            # place's name ("Pasākumu Aizkraukles novada pašvaldība rīkoja"): the word is no part of the name
            chain.pop(0)
            while chain and (not chain[0].is_cap or chain[0].text == "un"):
                chain.pop(0)
        while chain and chain[-1].text == "un":
            chain.pop()
        return chain

    # -- 2. gazetteers
    def _gazetteer(self, si: int, sent: list[Token], types: tuple[str, ...]) -> None:
        index = _gazetteer_index()
        folded, possessive, inside = self._gazetteer_view(si, sent)
        i = 0
        while i < len(sent):
            best = None
            by_length = index.get(folded[i])
            if by_length:
                rest = bisect_right(inside, i)  # this token, then the next ones read past (longest form first)
                after = [i, *inside[rest:rest + by_length[0][0] - 1]]
                for n, forms in by_length:
                    if len(after) >= n:
                        form = forms.get(tuple([folded[k] for k in after[:n]]))
                        if form is not None:
                            best = (after[n - 1], form)
                            break
            if best is None:
                i += 1
                continue
            last, form = best
            start, end = sent[i].start, sent[last].end - (2 if last in possessive else 0)
            matched = self.text[start:end]
            known = self.gazetteer.lookup(form)
            if known is None or known.type not in types or not self._gazetteer_ok(sent, known, form, matched, start, end):
                i += 1
                continue
            mention = Mention(known.type, known.name, start, end, si, country=known.country, known=known)
            if matched != known.name and (known.type not in ("Country", "Place") or self.language != "lv"):
                mention.aliases.append(matched)
            self._add(mention)
            i = last + 1

    def _gazetteer_view(self, si: int, sent: list[Token]) -> tuple[list[str], set[int], list[int]]:
        """A sentence as the gazetteer passes read it (once for both): its folded words, where an
        English possessive was read without its "'s" ("Russia’s invasion": Russia), and the positions
        not inside a parenthesised acronym, which a name is read past ("Eiropas Ekonomiskās zonas (EEZ)
        un Norvēģijas finanšu instrumentu" is the gazetteer's name of the EEA and Norway Grants)."""
        view = self._gazetteer_views.get(si)
        if view is None:
            folded = [t.text.casefold() for t in sent]
            possessive = {k for k, f in enumerate(folded) if f.endswith(("'s", "’s")) and len(f) > 3}
            for k in possessive:
                folded[k] = folded[k][:-2]
            parenthesised = any(t.text == "(" for t in sent)
            inside = [k for k in range(len(sent)) if not (parenthesised and _in_parenthesised_acronym(sent, k))]
            view = self._gazetteer_views[si] = (folded, possessive, inside)
        return view

    def _gazetteer_ok(self, sent: list[Token], known: KnownEntity, form: str, matched: str, start: int, end: int) -> bool:
        if (form.isupper() or len(form) <= 3) and form != matched:
            return False  # an acronym must match exactly ("UN" is not "un")
        if known.type == "Organisation" and known.country and self._foreign_country_before(sent, start, known.country):
            return False  # "Vācijas Ārlietu ministrija" is Germany's, not the Latvian one the gazetteer knows
        if not matched[:1].isupper() and known.type in ("Country", "Place", "Organisation"):
            return False  # "… un sociālās ekonomikas ministrija" is not the Ministry of Economics
        if known.type == "Organisation" and self._area_after(sent, end):
            return False  # "Eiropas Savienības valstīs", "EU member states": the union as an area, no actor
        return not (known.type in ("Country", "Place") and self._inside_name(sent, start, end))

    def _area_after(self, sent: list[Token], end: int) -> bool:
        """Whether the word after ``end`` makes what precedes it an area ("… valstīs", "… citizens")."""
        nxt = next((t for t in sent if t.start >= end), None)
        return nxt is not None and nxt.is_word and not nxt.is_cap and nxt.text.lower().startswith(AREA_AFTER)

    def _foreign_country_before(self, sent: list[Token], start: int, country: str) -> bool:
        """Whether a country other than ``country`` is named (in the genitive) right before ``start``."""
        idx = next((i for i, t in enumerate(sent) if t.start == start), 0)
        if not idx or not sent[idx - 1].is_cap:
            return False
        before = self.gazetteer.lookup(sent[idx - 1].text)
        return before is not None and before.type == "Country" and before.country not in (None, country) \
            and sent[idx - 1].text.endswith("s")

    def _inside_name(self, sent: list[Token], start: int, end: int) -> bool:
        """A country word that begins an organisation name (Latvijas Universitāte) is not the country."""
        idx = next((i for i, t in enumerate(sent) if t.start == start), None)
        if idx is None or idx + 1 >= len(sent):
            return False
        for t in sent[idx + 1: idx + 6]:
            if not t.is_word:
                return False
            if _is_head(t, ORG_HEADS | PROGRAMME_HEADS) or t.text.lower() in EN_ORG_HEADS:
                return True
            known_genitive = any(a.case == "gen" or a.pos.startswith("īpv") for a in analyse(t.text))
            if not (t.is_cap or known_genitive):
                return False
        return False

    # -- 3. head-noun chains
    def _chains(self, si: int, sent: list[Token]) -> None:
        i = len(sent) - 1
        while i >= 0:
            tok = sent[i]
            if not (_is_head(tok, ORG_HEADS | PROGRAMME_HEADS)) or not self._free(tok.start, tok.end):
                i -= 1
                continue
            chain = self._left_chain(sent, i)
            shared = self._coordinated(sent, chain, tok)
            if not shared and not tok.is_cap and _genitive_plural_head(sent, i):
                i -= 1
                continue
            if shared:  # "Saldus un Talsu pašvaldība": two organisations sharing one head noun
                etype = "Programme" if _lemma(tok.text) in PROGRAMME_HEADS else "Organisation"
                for w in shared:
                    if not tok.is_cap and self._known_as(w, ("Country",)):
                        continue  # "Latvijas un Lielbritānijas pašvaldības": a country's many, no name
                    end = tok.end if w is shared[-1] else w.end
                    self._add(Mention(etype, nominative_phrase([w.text, tok.text]), w.start, end, si))
                i = sent.index(shared[0]) - 1
                continue
            words = [*chain, tok]
            written = words
            if len(words) > 2 and _lemma(words[0].text) in NAME_LEADS and words[1].is_cap:
                words = words[1:]  # "Biedrības Zemgales NVO centrs": the association is the centre
            # extend right: an acronym or name after the head (Centrs MARTA, birojs Latvijā)
            j = i + 1
            tail: list[Token] = []
            while j < len(sent) and len(tail) < 2 and sent[j].is_upper and sent[j].text not in STOP_CAPS \
                    and self._free(sent[j].start, sent[j].end):
                tail.append(sent[j])
                j += 1
            if not tail and j < len(sent) and sent[j].is_cap and not analyse(sent[j].text) \
                    and not self._first_name(sent[j].text) and self._free(sent[j].start, sent[j].end) \
                    and self.gazetteer.lookup(sent[j].text) is None:
                tail.append(sent[j])
            if not tail and _lemma(tok.text) in ("birojs", "pārstāvniecība") and j < len(sent):
                known = self.gazetteer.lookup(sent[j].text)
                if known is not None and known.type == "Country" and sent[j].text.endswith(("ā", "ē")):
                    tail.append(sent[j])
            etype = "Programme" if _lemma(tok.text) in PROGRAMME_HEADS else "Organisation"
            if len(words) == 2 and not tail and not tok.is_cap and etype == "Organisation" \
                    and self._known_as(words[0], ("Country",)):
                i -= 1  # "Latvijas pašvaldība", "Igaunijas ministrija": any of a country's, not a name
                continue
            words = self._drop_leading_country(words)
            aliases = [nominative_phrase([t.text for t in written])] if words is not written else []
            if etype == "Programme":
                tail += self._period(sent, j)
            name = nominative_phrase([t.text for t in words])
            for dash in {t.text for t in words if t.text in ("-", "–")}:
                name = name.replace(f" {dash} ", dash)  # written joined: "Latvijas–Lietuvas"
            if tail:
                name = name + _PERIOD_DASH.sub(r"\1\2\3", self.text[words[-1].end:tail[-1].end])
            if len(words) == 1 and tail and not tok.is_cap and _lemma(tok.text) in LEGAL_FORMS:
                # "biedrība RITINEITIS": the name is the proper part, the whole an alias
                proper = self.text[tail[0].start:tail[-1].end]
                m = Mention(etype, proper, tok.start, tail[-1].end, si,
                            aliases=[f"{nominative_word(tok.text)} {proper}"], cue=_lemma(tok.text))
                self._add(m)
                i -= 1
                continue
            capitalised = words[0].is_cap and not (len(words) == 1 and i == 0)
            if capitalised and words[0] is sent[0] and not tok.is_cap and not self._proper(words[0]) \
                    and not any(t.is_cap for t in words[1:]) and not tail and not self._capitalised_inside(words):
                capitalised = False  # "Projekta konsorcijs: …": only the sentence's start made it capitalised
            if _lemma(tok.text) in WEAK_HEADS | PROGRAMME_HEADS and not tail:
                repeated = self._repeats(words)
                # a country counts in a programme's longer name ("Latvijas un Šveices sadarbības programma")
                countries_count = etype == "Programme" and len(words) >= 3
                # or a common word written capitalised inside a sentence ("Latvijas Ornitoloģijas biedrība")
                written_as_name = any(t.is_cap and t is not sent[0] and not self._proper(t) for t in words[:-1])
                capitalised = capitalised and (any(self._proper(t) and (
                    countries_count or self.gazetteer.lookup(t.text) is None) for t in words[:-1])
                    or repeated or written_as_name)
            known = self.gazetteer.lookup(name)
            slipped = self.gazetteer.lookup_slipped(name) if known is None and not tail else None
            if slipped is not None and words[0].is_cap:  # "Eiropas Reģionālā attīstības fonda": the known name
                self._add(Mention(slipped.type, slipped.name, written[0].start, words[-1].end, si, aliases=[name],
                                  country=slipped.country, known=slipped))
                i = sent.index(written[0]) - 1
                continue
            if known is not None and etype == "Organisation" and self._area_after(sent, (tail or words)[-1].end):
                i = sent.index(written[0]) - 1  # "Eiropas Savienības valstīs": an area (as in the gazetteer pass)
                continue
            if (capitalised and len(words) + len(tail) > 1) or known is not None:
                self._add(Mention(etype, name, written[0].start, (tail or words)[-1].end, si,
                                  aliases=[a for a in aliases if a != name]))
                i = sent.index(written[0]) - 1
                if i >= 0 and not sent[i].is_cap and _lemma(sent[i].text) in NAME_LEADS:
                    i -= 1  # "biedrības Zemgales NVO centrs": the legal form names nothing of its own
                continue
            i -= 1

    def _coordinated(self, sent: list[Token], chain: list[Token], head: Token) -> list[Token]:
        """The proper names that share a lower-case head noun in ``A, B un C HEAD`` (each one word):
        one organisation each (``Saldus un Talsu pašvaldība``), not one name; empty when the chain is
        not such a list (``Vides aizsardzības un reģionālās attīstības ministrija`` is one name)."""
        if head.is_cap or len(chain) != 3 or chain[1].text != "un" or not (chain[0].is_cap and chain[2].is_cap):
            return []
        if any(t.is_upper or not self._proper(t) for t in (chain[0], chain[2])):
            return []
        names = [chain[0], chain[2]]
        k = sent.index(chain[0])
        while k >= 2 and sent[k - 1].text == "," and sent[k - 2].is_cap and _is_genitive_like(sent[k - 2]) \
                and self._proper(sent[k - 2]) and self._free(sent[k - 2].start, sent[k - 2].end):
            names.insert(0, sent[k - 2])
            k -= 2
        return names

    def _capitalised_inside(self, words: list[Token]) -> bool:
        """Whether the phrase of ``words`` (its head's stem) is written capitalised inside a sentence too."""
        for m in re.finditer(re.escape(_phrase_stem(words)), self.text):
            before = self.text[max(0, m.start() - 40):m.start()].rstrip(" \t")
            if before and before[-1] not in "\n.!?:•–-\"“”„":
                return True
        return False

    def _repeats(self, words: list[Token]) -> bool:
        """A capitalised phrase used three times or more in an article is a name, not a phrase."""
        return len(words) > 1 and self.text.count(_phrase_stem(words)) >= 3

    def _known_as(self, tok: Token, types: tuple[str, ...] = ("Place", "Country")) -> bool:
        """Whether the gazetteer knows the word as one of ``types`` (Aizkraukles, Latvijas)."""
        known = self.gazetteer.lookup(tok.text)
        return known is not None and known.type in types

    def _proper(self, tok: Token) -> bool:
        """A capitalised word that is a proper name, not a common word capitalised at a sentence start."""
        if not tok.is_cap:
            return False
        readings = analyse(tok.text) or ()
        if not readings:
            return not analyse(tok.text.lower())
        return any(a.proper for a in readings) or tok.is_upper

    def _drop_leading_country(self, words: list[Token]) -> list[Token]:
        """``Zviedrijas Lūleo Tehnoloģiju Universitāte``: a country before a proper name is not part of it."""
        for k in (2, 1):
            if len(words) > k + 1:
                known = self.gazetteer.lookup(" ".join(t.text for t in words[:k]))
                nxt = words[k]
                if known is None or known.type != "Country":
                    continue
                rest = self.gazetteer.lookup(nominative_phrase([t.text for t in words[k:]]))
                if rest is not None and rest.country not in (None, known.country):
                    return words  # "Vācijas Ārlietu ministrija": without its country, another country's body
                if nxt.is_cap and not analyse(nxt.text) and not analyse(nxt.text.lower()):
                    return words[k:]
        return words

    def _period(self, sent: list[Token], j: int) -> list[Token]:
        """A programme's period after its name: ``2014.-2020. gadam``, ``2021.–2027. gadam``."""
        out: list[Token] = []
        k = j
        while k < len(sent) and len(out) < 6 and (sent[k].kind == "num" or sent[k].text in "-–."):
            out.append(sent[k])
            k += 1
        years = sum(len(re.findall(r"\d{4}", t.text)) for t in out if t.kind == "num")
        if years >= 2 and k < len(sent) and sent[k].text.lower().startswith("gad"):  # a range, not "2016. gadā"
            return [*out, sent[k]]
        return []

    def _english_list_item(self, si: int, sent: list[Token]) -> None:
        """An English list item that opens with a name and says what it does: ``- Tavi Draugi to provide
        …``, ``• TEV to establish …``: the capitalised words between the bullet and "to" + a verb name
        the organisation that does it (a place or country the gazetteer knows is not one)."""
        if self.language != "en" or len(sent) < 4 or sent[0].text not in BULLETS:
            return
        j = 1
        while j < len(sent) and j <= 6 and sent[j].text != "to" \
                and (sent[j].is_cap or (sent[j].text.lower() in EN_CONNECTORS and j > 1)):
            j += 1
        if j == 1 or j + 1 >= len(sent) or sent[j].text != "to" or not sent[j + 1].text.islower() \
                or sent[j - 1].text.lower() in EN_CONNECTORS:
            return
        name = self.text[sent[1].start:sent[j - 1].end]
        known = self.gazetteer.lookup(name)
        if known is None or known.type == "Organisation":
            self._add(Mention("Organisation", known.name if known else name, sent[1].start, sent[j - 1].end, si))

    def _english_chains(self, si: int, sent: list[Token]) -> None:
        i = 0
        n = len(sent)
        while i < n:
            if not sent[i].is_cap or not self._free(sent[i].start, sent[i].end):
                i += 1
                continue
            j = i
            span: list[Token] = []
            while j < n and self._free(sent[j].start, sent[j].end) and (
                    sent[j].is_cap or (sent[j].text.lower() in EN_CONNECTORS and span)
                    or (sent[j].text in "-–" and span and sent[j].start == span[-1].end)):
                span.append(sent[j])
                j += 1
            while span and (span[-1].text.lower() in EN_CONNECTORS or span[-1].text in "-–"):
                span.pop()
            span = _without_lead(span)
            what = next((k for k in range(1, len(span) - 2) if span[k].text in EN_DESCRIPTORS), None)
            if what is not None:  # "Ukrainian NGO Human Rights Centre ZMINA": what it is, then its name
                span = span[what + 1:]
            cut = _two_names_joined(span)
            if cut is not None:  # "Tallinn University and Tartu University": two names, each with its head
                j = sent.index(span[cut])  # go on after "and" (the lead may have been dropped)
                span = span[:cut]
            if len(span) >= 2 and any(t.text.lower() in EN_ORG_HEADS for t in span[1:] + span[:1]):
                if self.language == "lv" and all(analyse(t.text) for t in span if t.is_cap):
                    i = j
                    continue
                name = self.text[span[0].start:span[-1].end]
                aliases = []
                if span[0].text in ("The", "the") and len(span) > 2:  # "The Norwegian Directorate": the name
                    aliases, name = [name], self.text[span[1].start:span[-1].end]  # is what follows its article
                where = next((k for k in range(len(span) - 2, 1, -1) if span[k].text == "in"), None)
                if where is not None and len(span) - where <= 3:  # "U.S. Embassy in Riga" is "the U.S. Embassy"
                    aliases.append(self.text[span[1 if aliases else 0].start:span[where - 1].end])
                etype = "Project" if span[-1].text == "Project" else "Organisation"  # "… Centre Development Project"
                self._add(Mention(etype, name, span[0].start, span[-1].end, si, aliases=aliases))
            i = max(j, i + 1)

    # -- 4. persons
    def _persons(self, si: int, sent: list[Token]) -> None:
        i = 0
        n = len(sent)
        while i < n:
            tok = sent[i]
            # initial + surname: "M. Urdze"
            if tok.is_word and len(tok.text) == 1 and tok.text.isupper() and i + 2 < n and sent[i + 1].text == "." \
                    and sent[i + 2].is_cap and len(sent[i + 2].text) > 2 and self._free(tok.start, sent[i + 2].end) \
                    and not (i >= 2 and sent[i - 1].text == "." and len(sent[i - 2].text) == 1):  # "U.S. Department"
                name = f"{tok.text}. {sent[i + 2].text}"
                self._add(Mention("Person", name, tok.start, sent[i + 2].end, si, cue="initial"))
                i += 3
                continue
            if not (tok.is_cap and not tok.is_upper and i + 1 < n and sent[i + 1].is_cap and not sent[i + 1].is_upper):
                i += 1
                continue
            words = [tok, sent[i + 1]]
            if i + 2 < n and sent[i + 2].is_cap and not sent[i + 2].is_upper and self._first_name(sent[i + 1].text) \
                    and not self._first_name(sent[i + 2].text):
                words.append(sent[i + 2])
            if not self._free(words[0].start, words[-1].end) or not self._person_like(sent, i, words):
                i += 1
                continue
            name = nominative_person([w.text for w in words], self.gazetteer.first_names) if self.language == "lv" else \
                re.sub(r"['’]s$", "", " ".join(w.text for w in words))  # "Viktor Yanukovych's"
            end = words[-1].end
            aliases: list[str] = []
            k = i + len(words)
            # original spelling in brackets: "Heiko Nass (Heiko Naß)"
            if k + 3 < n + 1 and k < n and sent[k].text == "(":
                inner = []
                m = k + 1
                while m < n and sent[m].text != ")" and len(inner) < 4:
                    inner.append(sent[m])
                    m += 1
                if m < n and 2 <= len(inner) <= 3 and all(t.is_cap for t in inner):
                    aliases.append(name)
                    name = " ".join(t.text for t in inner)
                    end = sent[m].end
            self._add(Mention("Person", name, words[0].start, end, si, aliases=aliases))
            i += len(words)

    def _first_name(self, word: str) -> bool:
        base = nominative_person([word]) if self.language == "lv" else word
        if base in self.gazetteer.first_names or word in self.gazetteer.first_names:
            return True
        readings = analyse(word)
        return any(a.is_noun and a.proper and a.declension in (1, 2, 4, 5) for a in readings) and \
            self.gazetteer.lookup(base) is None and self.gazetteer.lookup(word) is None

    def _person_like(self, sent: list[Token], i: int, words: list[Token]) -> bool:
        texts = [w.text for w in words]
        if any(t in NOT_NAME_WORDS for t in texts):
            return False
        if any(self.gazetteer.lookup(t) is not None for t in texts):
            return False
        lemmas = [_lemma(t) for t in texts]
        if lemmas[0] in REGIONS or any(lemma in ORG_HEADS | PROGRAMME_HEADS | EVENT_CUES | PROJECT_CUES
                                       for lemma in lemmas):
            return False
        if any(t.lower() in EN_ORG_HEADS or t.lower().startswith(MONTHS_LV) for t in texts):
            return False
        surname = texts[-1]
        # a surname that the dictionary knows only as a common word is no surname (e.g. "Sociālās Inovācijas")
        readings = analyse(surname.lower())
        common = bool(readings) and not any(a.is_noun for a in readings)
        if common and not analyse(surname):
            return False
        if self._first_name(texts[0]):
            return True
        prev = sent[i - 1] if i > 0 else None
        nxt = sent[i + len(words)] if i + len(words) < len(sent) else None
        role_before = prev is not None and prev.text.lower() in ROLE_WORDS
        role_after = nxt is not None and nxt.text == "," and i + len(words) + 1 < len(sent) and \
            sent[i + len(words) + 1].text.lower() in ROLE_WORDS | {"project", "director"}
        return (role_before or role_after) and not any(analyse(t) and not analyse(t)[0].proper for t in texts)

    # -- 5. places and project acronyms
    def _places(self, si: int, sent: list[Token]) -> None:
        for i, tok in enumerate(sent):
            if i == 0 or not sent[i - 1].is_cap:
                continue
            head = _place_head(tok)
            if head is None or not self._free(sent[i - 1].start, tok.end):
                continue
            names = [sent[i - 1]]  # "Brocēnu, Kuldīgas un Saldus novados": a place each, sharing the head
            k = i - 1
            # a genitive's ending too: not "Līvāni, Līvānu novads" (a town, then its municipality)
            while k >= 2 and sent[k - 1].text in (",", "un") and sent[k - 2].is_cap \
                    and _is_genitive_like(sent[k - 2]) and sent[k - 2].text.endswith(GENITIVE_ENDINGS) \
                    and self._free(sent[k - 2].start, sent[k - 2].end) \
                    and sent[k - 2].text not in {w.text for w in names}:  # "Ventspils, Ventspils novads": a town
                names.insert(0, sent[k - 2])
                k -= 2
            for w in names:
                end = tok.end if w is names[-1] else w.end
                self._add(Mention("Place", f"{w.text} {head}", w.start, end, si, country="LV"))

    def _venues(self, si: int, sent: list[Token]) -> None:
        """A named venue is a place: capitalised genitives (a lower-case genitive may follow the first)
        before a venue noun, ``Ērgļu saieta namā`` -> ``Ērgļu saieta nams``, ``Lahmue manor``."""
        for i, tok in enumerate(sent):
            if not tok.is_word or tok.is_cap or _lemma(tok.text) not in VENUE_HEADS:
                continue
            words_: list[Token] = []
            j = i - 1
            while j >= 0 and len(words_) < 4 and sent[j].is_word and self._free(sent[j].start, sent[j].end) \
                    and sent[j].text.lower() not in CHAIN_STOP \
                    and (sent[j].is_cap if self.language == "en" else _is_genitive_like(sent[j])):
                words_.insert(0, sent[j])
                j -= 1
            while words_ and not words_[0].is_cap:
                words_.pop(0)
            if not words_ or (j < 0 and len(words_) == 1 and self.language == "lv"):
                continue  # a sentence's first word alone may be capitalised for being first
            name = " ".join(t.text for t in words_) + " " + tok.text
            aliases: list[str] = []
            if self.language == "lv":
                nominative = nominative_phrase([*(t.text for t in words_), tok.text])
                if nominative != name:
                    aliases, name = [name], nominative
            self._add(Mention("Place", name, words_[0].start, tok.end, si, aliases=aliases))

    def _acronym_projects(self, si: int, sent: list[Token]) -> None:
        if si == 0:
            self._title_acronym(sent)
        for i, tok in enumerate(sent):
            if not tok.is_cap or not (tok.is_upper or _CAMEL.search(tok.text)) or tok.text in STOP_CAPS \
                    or not self._free(tok.start, tok.end) or analyse(tok.text.lower()):
                continue  # an acronym or a CamelCase coinage ("SEMPRE", "UrbCulturalPlanning")
            nxt = sent[i + 1].text.lower() if i + 1 < len(sent) else ""
            prev = sent[i - 1].text.lower() if i > 0 else ""
            if i + 1 < len(sent) and sent[i + 1].text == "Projects" and self._free(sent[i + 1].start, sent[i + 1].end):
                # "OSFL Projects": a capitalised plural makes the two a company's name, not a project
                self._add(Mention("Organisation", self.text[tok.start:sent[i + 1].end], tok.start, sent[i + 1].end, si))
            elif nxt.startswith(("projekt", "project")) or prev.startswith(("projekt", "project")):
                self._add(Mention("Project", tok.text, tok.start, tok.end, si))

    def _title_acronym(self, sent: list[Token]) -> None:
        """A title that is a description and its acronym, "Sociālo inovāciju kompetences centri – …
        (BuiCaSuS)", titles a project's page: the acronym names the project, the description is its
        long name (an organisation's name before it was found by the passes before: then the acronym
        is that name's alias)."""
        line_end = self.text.find("\n")
        words = [t for t in sent if t.is_word]
        if len(sent) < 6 or sent[-1].text != ")" or sent[-3].text != "(" or sent[0].start > 5 \
                or (line_end >= 0 and sent[-1].end > line_end) or len(words) < 5:
            return
        acronym = sent[-2]
        if not re.fullmatch(r"[A-Za-z0-9+&-]{3,15}", acronym.text) or sum(c.isupper() for c in acronym.text) < 2 \
                or acronym.text in STOP_CAPS or analyse(acronym.text.lower()) or not self._free(acronym.start, acronym.end) \
                or self.gazetteer.lookup(acronym.text) is not None or not self._free(sent[-4].start, sent[-4].end):
            return
        description = self.text[sent[0].start:sent[-3].start].strip()
        self._add(Mention("Project", acronym.text, acronym.start, acronym.end, 0, aliases=[description],
                          cue="title"))

    def _parenthesised_aliases(self) -> None:
        """``Name (ABBR)`` makes ABBR an alias; ``Name (Country)`` gives the country."""
        for m in self.mentions:
            rest = self.text[m.end:m.end + 40]
            par = re.match(r"\s*\(([^()]{1,30})\)", rest)
            if not par:
                continue
            inner = par.group(1).strip()
            known = self.gazetteer.lookup(inner)
            if known is not None and known.type == "Country":
                if m.type == "Organisation":
                    m.country = known.country
                    m.cue = f"in:{known.name}"
                continue
            acronym = re.fullmatch(r"[A-ZĀČĒĢĪĶĻŅŠŪŽ][\w+\-]{1,10}", inner) and inner.upper() == inner
            long_form = len(inner.split()) >= 2 and inner[:1].isupper()
            if m.type in ("Organisation", "Programme", "Project") and (acronym or long_form):
                m.aliases.append(inner)


#: A quote that closes with a different character opens a nested quote when it recurs inside
#: (“Fotoizstāde “Zeltiņpuika Kristers””); „…“ and "…" do not nest.
_NESTING = {"“": "”", "«": "»", "‘": "’"}


def _two_names_joined(span: list[Token]) -> int | None:
    """Where "and" joins two English organisation names in one capitalised chain: after a head noun
    with a head noun (or an acronym) to follow ("Tallinn University and Tartu University", "Open
    Lithuania Foundation and OSFL Projects"), else the last "and" with a head noun on each side
    ("Ministry of Economic Affairs and Communications and Social Innovation Laboratory"); None where
    the "and" is inside one name ("Ministry of Education and Research")."""
    ands = [k for k in range(1, len(span) - 1) if span[k].text.lower() in ("and", "&")]

    def has_head(part: list[Token]) -> bool:
        return any(t.text.lower() in EN_ORG_HEADS for t in part)

    for k in ands:
        if span[k - 1].text.lower() in EN_ORG_HEADS and (has_head(span[k + 1:]) or span[k + 1].is_upper):
            return k
    return next((k for k in reversed(ands) if has_head(span[:k]) and has_head(span[k + 1:])), None)


def _closing_quote(sent: list[Token], i: int) -> int:
    """Where the quote opened at ``i`` closes: past a nested quote where its opening character recurs
    before the closing one (and the nesting closes in the sentence); else at the first closing quote;
    past the sentence, or 40 tokens on, where none does."""
    opener = sent[i].text
    end = min(len(sent), i + 40)
    closer = _NESTING.get(opener)
    if closer is not None:
        depth = 0
        for j in range(i + 1, end):
            if sent[j].text == opener:
                depth += 1
            elif sent[j].text == closer:
                if not depth:
                    return j
                depth -= 1
    j = next((j for j in range(i + 1, end) if sent[j].text in CLOSE_QUOTES), end)
    if j + 1 < end and sent[j + 1].text in CLOSE_QUOTES and any(sent[k].text == "„" for k in range(i + 1, j)):
        return j + 1  # „Sporta klubs „Zeltiņi””
    if j + 2 < end and _opens_inner(sent, j):  # "Imanta Ziedoņa fonds "Viegli"": the inner one closes, then ours
        m = next((m for m in range(j + 1, end) if sent[m].text in CLOSE_QUOTES), end)
        if m + 1 < end and sent[m + 1].text in CLOSE_QUOTES:
            return m + 1
    return j


def _joined_quotes(sent: list[Token], closing: int, opening: int) -> bool:
    """Whether a quote closing at ``closing`` and the next opening at ``opening`` are joined as one
    list ("“A”, “B”", "“A” un “B”")."""
    return opening - closing == 2 and sent[opening - 1].text in ("un", ",", "and")


def _unclosed_before(sent: list[Token], i: int, j: int) -> int:
    """Where the quote opened at ``i`` ends when its writer forgot to close it: at the comma before a
    legal form or cue word that opens the next quoted name (biedrību „Jaunie Vanagi, nodibinājumu
    „Cemex fonds”); else ``j``, where it closes."""
    for k in range(i + 3, min(j, len(sent))):
        if sent[k].text in OPEN_QUOTES and sent[k].text not in CLOSE_QUOTES and sent[k - 2].text == "," \
                and sent[k - 1].is_word and not sent[k - 1].is_cap \
                and _lemma(sent[k - 1].text) in QUOTE_CUES:
            return k - 2
    return j


def _opens_inner(sent: list[Token], j: int) -> bool:
    """Whether the quotation mark at ``j`` opens a quote (a space before it, a word right after it) rather
    than closing the one open."""
    return 0 < j < len(sent) - 1 and sent[j - 1].end < sent[j].start and sent[j + 1].start == sent[j].end \
        and sent[j + 1].is_word


def _in_parenthesised_acronym(sent: list[Token], k: int) -> bool:
    """Whether token ``k`` is part of ``( ACRONYM )``."""
    for lo in (k - 2, k - 1, k):
        if lo >= 0 and lo + 2 < len(sent) and sent[lo].text == "(" and sent[lo + 2].text == ")" \
                and sent[lo + 1].is_upper and 2 <= len(sent[lo + 1].text) <= 12:
            return True
    return False


@cache
def _gazetteer_index() -> dict[str, list[tuple[int, dict[tuple[str, ...], str]]]]:
    """Every gazetteer form as a token sequence, keyed by its first token, then by its length (longest
    first): a sentence's words are looked up once per length, not compared with every form."""
    from sikg.loaders.text import tokenize

    index: dict[str, dict[int, dict[tuple[str, ...], str]]] = {}
    for entry in load_gazetteer().entries:
        for form in (entry.name, *entry.aliases):
            toks = tuple(t.text.casefold() for t in tokenize(form))
            if toks and len(form) > 1:
                index.setdefault(toks[0], {}).setdefault(len(toks), {}).setdefault(toks, form)
    return {first: sorted(by_length.items(), reverse=True) for first, by_length in index.items()}


def recognise(text: str, language: str = "lv") -> list[Mention]:
    """All mentions in an article's text."""
    return Recogniser(text, language).run()
