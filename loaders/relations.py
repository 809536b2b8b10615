"""Relations between the entities of one article, from the cues the articles actually use.

Every rule works on one sentence (or a list under a heading) and the mentions in it:

- ``worksFor``: ``ORG role PERSON`` (``ALTUM valdes priekšsēdētājs Reinis Bērziņš``),
  ``PERSON, ORG role`` (``Daina Mežecka, … biroja Latvijā padomniece``), ``PERSON, role of ORG``,
  ``PERSON no ORG`` / ``PERSON from ORG``; the role words are kept as written;
- ``fundedBy``: funding cues (``finansiāli atbalsta``, ``ar … atbalstu``, ``funded by``) link the
  projects of a sentence (or the article's project) to its funders and programmes; grant
  recipients (``saņēmēju vidū ir …``) to the programme and the organisation that manages it;
- ``manages``: a funder and a programme with a call or grant cue and no project;
- ``partnerIn``: partner lists (``sadarbības partneri ir …``, ``Project partners``);
- ``coordinates`` (``īsteno``, ``coordinated by``), ``organises`` (``organizē``, ``rīko``, ``hosted``);
- ``participatesIn``: people of sentences with participation cues, at the article's event; the bodies
  of a sentence that reports a signing or a visit, at that event;
- ``memberOf``: the bodies of a sentence with a membership cue, of the consortium or network nearest it;
- ``heldIn``, ``locatedIn`` (``ORG (Country)``, country headings, a place and its country), ``partOf``.
"""
from __future__ import annotations

import re
from collections import Counter

from sikg.loaders import lexicon
from sikg.loaders.annotations import Entity, Relation, name_key
from sikg.loaders.gazetteer import load_gazetteer
from sikg.loaders.morphology import nominative_word
from sikg.loaders.recognise import PLACE_HEADS, ROLE_WORDS, Mention
from sikg.loaders.text import BULLETS, split_sentences

# Cue patterns and word lists: data/lexicon/cues.tsv (loaders/lexicon.py), not code.
FUNDING_CUES = lexicon.cue("funding")
RECIPIENT_CUES = lexicon.cue("recipient")
MANAGE_CUES = lexicon.cue("manage")
PARTNER_CUES = lexicon.cue("partner")
COORDINATE_CUES = lexicon.cue("coordinate")
ORGANISE_CUES = lexicon.cue("organise")
PARTICIPATE_CUES = lexicon.cue("participate")
#: The participation cues that say a body took part (not only that a person spoke).
ATTEND_CUES = lexicon.cue("attend")
PART_OF_CUES = lexicon.cue("part_of")
ROLE_SUFFIXES = lexicon.cue_words("role_suffix")
FUNDER_HEADS = lexicon.cue_words("funder_head")
MEMBER_CUES = lexicon.cue("member")
#: How far (in characters) from a membership cue the body the members make may be named.
MEMBER_REACH = 40
#: How far (in characters) after a grant recipient its project may be named ("biedrības “X” projekts “Y”").
PROJECT_OF_REACH = 25
#: How far (in sentences) a project's heading reaches down a list of projects.
SECTION_SENTENCES = 8
#: Head words of bodies made of other bodies (a consortium, a network, a federation).
COLLECTIVE_HEADS = frozenset(lexicon.cue_words("collective_head"))
#: A sentence naming a programme "under" which (or "ietvaros") something is done.
_UNDER = re.compile(r"\bunder\b|ietvaros")
_BULLETS_AND_SPACES = re.compile(f"[{re.escape(BULLETS)}\\s]+")


def _administrative(name: str) -> bool:
    """Whether a place's name ends with an administrative division's head ("Cēsu novads", "Zaubes pagasts").

    >>> _administrative("Cēsu novads"), _administrative("Līvāni")
    (True, False)
    """
    return name.rsplit(" ", 1)[-1].casefold() in PLACE_HEADS


def extract_relations(text: str, mentions: list[Mention], entities: list[Entity], language: str,
                      sentences: list | None = None) -> list[Relation]:
    """All relations of one article, named by the entities' canonical names."""
    return RelationFinder(text, mentions, entities, language, sentences).run()


class RelationFinder:
    def __init__(self, text: str, mentions: list[Mention],
                 entities: list[Entity], language: str, sentences: list | None = None) -> None:
        self.text = text
        self.language = language
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.entities = entities
        self.relations: list[Relation] = []
        self._seen: set[tuple[str, str, str]] = set()
        self.sentences = sentences if sentences is not None else split_sentences(text)
        self.by_sentence: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self.by_sentence.setdefault(m.sentence, []).append(m)
        counts = Counter(m.entity.name for m in self.mentions if m.type == "Project")
        self.main_project = self._entity_named(counts.most_common(1)[0][0]) if counts else None
        ev = Counter(m.entity.name for m in self.mentions if m.type == "Event" and m.cue != "phrase") or \
            Counter(m.entity.name for m in self.mentions if m.type == "Event")
        self.main_event = self._entity_named(ev.most_common(1)[0][0]) if ev else None
        self.gazetteer = load_gazetteer()
        self._funder_cache: dict[str, bool] = {}

    # -- helpers
    def _entity_named(self, name: str) -> Entity | None:
        return next((e for e in self.entities if e.name == name), None)

    def ent(self, m: Mention) -> Entity:
        return m.entity

    def add(self, s: Entity | None, p: str, o: Entity | None, role: str | None = None) -> None:
        if s is None or o is None or s is o or s.name == o.name:
            return
        key = (name_key(s.name), p, name_key(o.name))
        if key in self._seen:
            return
        self._seen.add(key)
        self.relations.append(Relation(s.name, p, o.name, role))

    def sentence_text(self, si: int) -> str:
        toks = self.sentences[si]
        return self.text[toks[0].start:toks[-1].end] if toks else ""

    def cue_text(self, si: int) -> str:
        """The sentence with its names blanked out, so that a cue inside a name ("… atbalsta un
        monitoringa sistēmas …") is no cue."""
        toks = self.sentences[si]
        if not toks:
            return ""
        start = toks[0].start
        chars = list(self.text[start:toks[-1].end])
        for m in self.by_sentence.get(si, []):
            for k in range(max(0, m.start - start), min(len(chars), m.end - start)):
                chars[k] = "_"
        return "".join(chars)

    def between(self, a: int, b: int) -> str:
        return self.text[a:b] if a < b else ""

    def _is_funder(self, e: Entity) -> bool:
        if e.name in self._funder_cache:
            return self._funder_cache[e.name]
        self._funder_cache[e.name] = answer = self._funder_like(e)
        return answer

    def _funder_like(self, e: Entity) -> bool:
        low = e.name.lower()
        known = self.gazetteer.lookup(e.name)
        return e.type == "Programme" or any(h in low for h in FUNDER_HEADS) or \
            (known is not None and known.type == "Organisation")

    # -- the rules
    def run(self) -> list[Relation]:
        for si in range(len(self.sentences)):
            ms = self.by_sentence.get(si, [])
            if not ms:
                continue
            text = self.cue_text(si)
            self._works_for(si, ms)
            self._funding(si, ms, text)
            self._partners(si, ms, text)
            self._coordinates(si, ms, text)
            self._participation(si, ms, text)
            self._organises(si, ms, text)
            self._places(si, ms)
            self._part_of(si, ms, text)
            self._membership(si, ms, text)
        self._located_in()
        self._list_sections()
        self._recipients()
        leads = {(r.subject, r.object) for r in self.relations if r.predicate == "coordinates"}
        self.relations = [r for r in self.relations
                          if not (r.predicate == "partnerIn" and (r.subject, r.object) in leads)]
        return self.relations

    # worksFor
    def _works_for(self, si: int, ms: list[Mention]) -> None:
        orgs = [m for m in ms if m.type == "Organisation"]
        for pi, p in enumerate(ms):
            if p.type != "Person":
                continue
            # ORG role PERSON (the role right before the person), or an org earlier in a list
            before = [m for m in ms[:pi] if m.end <= p.start]
            prev = before[-1] if before else None
            role = self._role_before(p, prev)
            if prev is not None and prev.type == "Person" and re.fullmatch(r"\s+(un|and)\s+",
                                                                          self.between(prev.end, p.start)):
                for r in [r for r in self.relations if r.subject == self.ent(prev).name and r.predicate == "worksFor"]:
                    self.add(self.ent(p), "worksFor", self._entity_named(r.object), r.role)
                continue
            if prev is not None and prev.type == "Organisation" and role is not None:
                self.add(self.ent(p), "worksFor", self.ent(prev), role or None)
                self._chained_roles(p, before)
            elif role and self._ministry_of(role):
                self.add(self.ent(p), "worksFor", self._ministry_of(role), role)
            elif role and orgs:
                earlier = [o for o in orgs if o.end <= p.start and p.start - o.end < 400]
                if earlier and self.language == "lv":
                    self.add(self.ent(p), "worksFor", self.ent(earlier[-1]), role)
            # PERSON, ORG role  /  PERSON, role of ORG  /  PERSON (ORG role, ORG role)
            after = [m for m in ms if m.start >= p.end]
            nxt_person = next((m for m in after if m.type == "Person"), None)
            limit = nxt_person.start if nxt_person else len(self.text)
            gap_after = self.text[p.end:p.end + 3].lstrip()
            if gap_after.startswith((",", "(")):
                for o in [m for m in after if m.type == "Organisation" and m.end <= limit and m.start - p.end < 200]:
                    pre = self.between(p.end, o.start)
                    if re.search(r"[.;]\s", pre) or self._describes_next_person(o, after):
                        break
                    role = self._role_after(o, limit) or self._role_before_of(pre)
                    self.add(self.ent(p), "worksFor", self.ent(o), role)
            # PERSON no ORG / PERSON from ORG
            for o in after[:1]:
                if o.type == "Organisation" and re.fullmatch(r"\s+(no|from|at)\s+", self.between(p.end, o.start)):
                    self.add(self.ent(p), "worksFor", self.ent(o), None)

    def _chained_roles(self, p: Mention, before: list[Mention]) -> None:
        """``ORG1 role1 un ORG2 role2 PERSON``: the person holds both offices."""
        k = len(before) - 1
        while k >= 1 and before[k].type == "Organisation" and before[k - 1].type == "Organisation":
            gap = self.between(before[k - 1].end, before[k].start)
            m = re.fullmatch(r"\s+([a-zāčēģīķļņšūž ]+?)\s+(un|and)\s+", gap)
            if not m or not self._looks_like_role(m.group(1).split()):
                break
            self.add(self.ent(p), "worksFor", self.ent(before[k - 1]), m.group(1))
            k -= 1

    def _ministry_of(self, role: str) -> Entity | None:
        """``Labklājības ministrs`` works for ``Labklājības ministrija`` when the article names it."""
        m = re.match(r"(\w+)\s+ministr[se]\b", role, re.IGNORECASE)
        if not m:
            return None
        target = name_key(f"{m.group(1)} ministrija")
        return next((e for e in self.entities if e.type == "Organisation" and name_key(e.name) == target), None)

    def _looks_like_role(self, words: list[str]) -> bool:
        return any(w.lower() in ROLE_WORDS or nominative_word(w).lower() in ROLE_WORDS
                   or w.lower().endswith(ROLE_SUFFIXES) for w in words[-2:])

    def _describes_next_person(self, o: Mention, after: list[Mention]) -> bool:
        """``…, ORG role PERSON2``: the org and role belong to the next person, not to this one."""
        nxt = next((m for m in after if m.start >= o.end and m.type == "Person"), None)
        if nxt is None:
            return False
        gap = self.text[o.end:nxt.start]
        return not re.search(r"[,.;()\n]", gap) and len(gap.split()) <= 12

    def _role_before(self, p: Mention, prev: Mention | None) -> str | None:
        """Lower-case role words right before a person (``valdes priekšsēdētāja``); '' when the gap is
        empty but adjacent; None when there are none."""
        start = prev.end if prev is not None else max(0, p.start - 120)
        gap = self.text[start:p.start]
        gap = re.split(r"[.;:()\n–—]|,\s", gap)[-1] if prev is None or re.search(r"[.;:\n–—]|,\s", gap) else gap
        words = gap.strip(" ,–-:").split()
        if prev is not None and not words and self.text[prev.end:p.start].strip() == "":
            return None
        role_words: list[str] = []
        for w in reversed(words):
            if w[:1].isupper() and w.lower() not in ROLE_WORDS and not role_words:
                return None
            if not re.fullmatch(r"[\w\-]+", w) or w.lower() in ("un", "and", "ar", "kā", "arī"):
                break
            role_words.insert(0, w)
            if len(role_words) >= 7:
                break
        if not role_words:
            return None
        if not self._looks_like_role(role_words):
            return None
        return " ".join(role_words)

    def _role_after(self, o: Mention, limit: int) -> str | None:
        seg = self.text[o.end:min(limit, o.end + 80)]
        seg = re.split(r"[.,;()\n]|\s–\s", seg)[0]
        words = seg.split()
        out = []
        for w in words:
            if w[:1].isupper() or w.lower() in ("un", "and"):
                break
            out.append(w)
        if out and self._looks_like_role(out):
            return " ".join(out)
        return None

    def _role_before_of(self, pre: str) -> str | None:
        m = re.search(r",\s*([a-z][a-z \-]+?)(?:,\s*respectively)?,?\s+of\s+(the\s+)?$", pre)
        return m.group(1).strip() if m else None

    # fundedBy / manages
    def _funding(self, si: int, ms: list[Mention], text: str) -> None:
        ents = [self.ent(m) for m in ms]
        programmes = [e for e in ents if e.type == "Programme"]
        funders = [e for e in ents if e.type in ("Organisation", "Programme") and self._is_funder(e)]
        projects = [e for e in ents if e.type in ("Project", "Event")]
        explicit = bool(FUNDING_CUES.search(text))
        funding = explicit or bool(programmes and [e for e in projects if e.type == "Project"]) \
            or bool(programmes and _UNDER.search(text))
        if funding:
            targets = [e for e in projects if e.type == "Project"] or \
                ([self.main_project] if self.main_project and funders else [])
            chosen = self._funders_after_cue(ms, text) if explicit else []
            if not explicit:
                chosen = [self.ent(m) for m in self._nearest(ms, "Programme", [m for m in ms if m.type == "Project"])]
            for t in targets:
                for f in chosen or funders:
                    if f is not t:
                        self.add(t, "fundedBy", f)
        # managers and recipients
        orgs = [e for e in ents if e.type == "Organisation"]
        if programmes and orgs and not [e for e in projects if e.type == "Project"] and MANAGE_CUES.search(text):
            managers = [o for o in orgs if self._is_funder(o)]
            for o in managers[:1]:
                for p in programmes:
                    self.add(o, "manages", p)
        if RECIPIENT_CUES.search(text) or (funding and len(orgs) > 2):
            managed = [(r.subject, r.object) for r in self.relations if r.predicate == "manages"]
            pool = programmes or [self._entity_named(p) for _, p in managed]
            managers = {s for s, _ in managed}
            for om in (m for m in ms if m.type == "Organisation"):
                o = self.ent(om)
                if o.name in managers or (self._is_funder(o) and o.name in {f.name for f in funders}
                                          and self._first_in_sentence(o, ms)):
                    continue
                grantee = self._grantee(om)
                for p in pool:
                    if p is not None:
                        self.add(grantee, "fundedBy", p)
                        for s, obj in managed:
                            if obj == p.name:
                                self.add(grantee, "fundedBy", self._entity_named(s))

    def _grantee(self, m: Mention) -> Entity:
        """Who a grant to a recipient organisation funds: the project named right after it, where there is
        one ("biedrības “X” projekts “Y” (200 eiro)": the grant is the project's), else the organisation."""
        project = next((x for x in self.by_sentence.get(m.sentence, ()) if x.type == "Project"
                        and 0 <= x.start - m.end <= PROJECT_OF_REACH), None)
        return self.ent(project if project is not None else m)

    def _funders_after_cue(self, ms: list[Mention], text: str) -> list[Entity]:
        """``finansiāli atbalsta SIF no …``, ``ar SIF finansiālu atbalstu``, ``funded by X``: the funders
        named right at the cue, when there are such."""
        start = self.sentences[ms[0].sentence][0].start
        funders = [m for m in ms if m.type in ("Organisation", "Programme") and self._is_funder(self.ent(m))]
        out: list[Entity] = []
        for cue in FUNDING_CUES.finditer(text):
            for m in funders:
                rel_start, rel_end = m.start - start, m.end - start
                if rel_start > cue.end() + 60 or rel_end < cue.start() - 60:
                    continue  # too far from the cue to be named at it
                gap = text[cue.end():rel_start] if rel_start >= cue.end() else text[rel_end:cue.start()]
                if len(gap.split()) <= 3 and not re.search(r"[.;]", gap):
                    out.append(self.ent(m))
        return list(dict.fromkeys(out))

    def _nearest(self, ms: list[Mention], etype: str, anchors: list[Mention]) -> list[Mention]:
        cands = [m for m in ms if m.type == etype]
        if not cands or not anchors:
            return cands[:1]
        return [min(cands, key=lambda m: min(abs(m.start - a.start) for a in anchors))]

    def _projects_at(self, si: int, ms: list[Mention]) -> list[Entity]:
        """The projects a sentence speaks of: those it names, else the project whose heading is the nearest
        above it (a list of projects, each a heading over its lines), else the article's main project."""
        named = [self.ent(m) for m in ms if m.type == "Project"]
        if named:
            return named
        for above in range(si - 1, max(-1, si - SECTION_SENTENCES), -1):
            heading = [self.ent(m) for m in self.by_sentence.get(above, ()) if m.type == "Project" and m.cue == "heading"]
            if heading:
                return heading
        return [self.main_project] if self.main_project else []

    def _first_in_sentence(self, e: Entity, ms: list[Mention]) -> bool:
        orgs = [m for m in ms if m.type == "Organisation"]
        return bool(orgs) and self.ent(orgs[0]) is e

    # partnerIn
    def _partners(self, si: int, ms: list[Mention], text: str) -> None:
        if not PARTNER_CUES.search(text):
            return
        projects = self._projects_at(si, ms)
        cue = PARTNER_CUES.search(text)
        abs_cue = self.sentences[si][0].start + cue.start()
        for m in ms:
            if m.type != "Organisation":
                continue
            near_partner_word = abs(m.start - abs_cue) < 250
            if near_partner_word:
                for p in projects[:1]:
                    role = "asociētais partneris" if re.search(r"asociēt\w* partner", text) else None
                    self.add(self.ent(m), "partnerIn", p, role)

    # coordinates
    def _coordinates(self, si: int, ms: list[Mention], text: str) -> None:
        cue = COORDINATE_CUES.search(text)
        if not cue:
            return
        projects = self._projects_at(si, ms)
        abs_cue = self.sentences[si][0].start + cue.start()
        orgs = [m for m in ms if m.type == "Organisation" and not self._is_funder(self.ent(m))] or \
            [m for m in ms if m.type == "Organisation"]
        if not orgs or not projects:
            return
        nearest = min(orgs, key=lambda m: abs(m.start - abs_cue))
        partnered = {r.subject for r in self.relations if r.predicate == "partnerIn"}
        if self.ent(nearest).name not in partnered or re.search(r"vadošais|\blead\b", text, re.IGNORECASE):
            self.add(self.ent(nearest), "coordinates", projects[0])

    # organises
    def _organises(self, si: int, ms: list[Mention], text: str) -> None:
        cue = ORGANISE_CUES.search(text)
        if not cue:
            return
        events = [self.ent(m) for m in ms if m.type == "Event"] or \
            ([self.main_event] if self.main_event else [])
        orgs = [m for m in ms if m.type == "Organisation"]
        if not events or not orgs:
            return
        abs_cue = self.sentences[si][0].start + cue.start()
        nearest = self.ent(min(orgs, key=lambda m: abs(m.start - abs_cue)))
        if (name_key(nearest.name), "participatesIn", name_key(events[0].name)) not in self._seen:
            self.add(nearest, "organises", events[0])  # a visitor, a party to a signing: not its organiser

    # participatesIn
    def _participation(self, si: int, ms: list[Mention], text: str) -> None:
        events = [self.ent(m) for m in ms if m.type == "Event"]
        target = events[0] if events else self.main_event
        if target is None:
            return
        if not (PARTICIPATE_CUES.search(text) or events):
            return
        for m in ms:
            if m.type == "Person":
                self.add(self.ent(m), "participatesIn", target)
        if ATTEND_CUES.search(text) and not ORGANISE_CUES.search(text):
            for m in ms:  # "piedalījās arī Britu Padome", "representatives of X attended"
                if m.type == "Organisation":
                    self.add(self.ent(m), "participatesIn", target)
        for happening in (m for m in ms if m.type == "Event" and m.cue == "happening"):
            for m in ms:  # the parties of a signing, the visitors of a visit: the bodies its sentence names
                if m.type == "Organisation":
                    self.add(self.ent(m), "participatesIn", self.ent(happening))

    # heldIn
    def _places(self, si: int, ms: list[Mention]) -> None:
        events = [self.ent(m) for m in ms if m.type == "Event"]
        places = [self.ent(m) for m in ms if m.type == "Place"]
        for e in events:
            for p in places[:1]:
                self.add(e, "heldIn", p)

    # partOf
    def _part_of(self, si: int, ms: list[Mention], text: str) -> None:
        events = [self.ent(m) for m in ms if m.type == "Event"]
        projects = self._projects_at(si, ms)
        if events and projects and PART_OF_CUES.search(text):
            self.add(events[0], "partOf", projects[0])

    # memberOf
    def _membership(self, si: int, ms: list[Mention], text: str) -> None:
        """``NVO konsorcijs, kuru veido … X, Y un Z``, ``a new member to Euclid Network, ESEN``: with a
        membership cue, the bodies of a sentence are members of the body made of bodies (a consortium,
        a network, a federation) named at the cue."""
        cue = MEMBER_CUES.search(text)
        orgs = [m for m in ms if m.type == "Organisation"]
        if not cue or len(orgs) < 2:
            return
        collectives = [m for m in orgs if self.ent(m).name.rsplit(" ", 1)[-1].casefold() in COLLECTIVE_HEADS]
        if not collectives:
            return
        cue_start, cue_end = (self.sentences[si][0].start + k for k in cue.span())

        def gap(m: Mention) -> int:  # characters between the cue and a name, 0 where they touch
            return max(m.start - cue_end, cue_start - m.end, 0)

        whole = min(collectives, key=gap)
        if gap(whole) > MEMBER_REACH:
            return  # the cue speaks of another membership ("biedrības biedrs": a person's)
        for m in orgs:
            if self.ent(m) is not self.ent(whole):
                self.add(self.ent(m), "memberOf", self.ent(whole))

    # locatedIn
    def _located_in(self) -> None:
        countries = {e.name: e for e in self.entities if e.type == "Country"}
        for m in self.mentions:
            e = self.ent(m)
            if m.type == "Organisation" and m.cue and m.cue.startswith("in:"):
                self.add(e, "locatedIn", countries.get(m.cue[3:]))
        for k, (a, b) in enumerate(zip(self.mentions, self.mentions[1:], strict=False)):
            gap = self.text[a.end:b.start]
            apposed = re.fullmatch(r"\s*[,(]\s*", gap) is not None  # "Place, Country", "Place (Country)"
            if {a.type, b.type} == {"Place", "Country"} and apposed:
                place, country = (a, b) if a.type == "Place" else (b, a)
                if self.ent(place).country in (None, self.ent(country).country):
                    self.add(self.ent(place), "locatedIn", self.ent(country))
            elif a.type == b.type == "Place" and apposed and _administrative(b.name) \
                    and not _administrative(a.name) \
                    and not (k and self.mentions[k - 1].type == "Place"
                             and re.fullmatch(r"\s*,\s*", self.text[self.mentions[k - 1].end:a.start])):
                self.add(self.ent(a), "locatedIn", self.ent(b))  # "Līvāni, Līvānu novads" (not a list's last)
            elif a.type == "Place" and b.type in ("Place", "Organisation") and _administrative(a.name) \
                    and not gap.strip() and self.text[a.start:a.end].endswith("a"):
                self.add(self.ent(b), "locatedIn", self.ent(a))  # "Cēsu novada Zaubes pagastā"

    def _list_sections(self) -> None:
        """Bulleted lists: a line naming only a country gives the organisations under it that country;
        a "partners" heading makes the organisations under it partners of the article's project."""
        lines = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n]+", self.text)]
        country: Entity | None = None
        partners_open = False
        funders: list[Entity] = []  # while a list of funded organisations is open: who funds them
        by_start = sorted(self.mentions, key=lambda m: m.start)
        k = 0  # mentions walked once, line by line: linear in the article's length
        for start, end, line in lines:
            while k < len(by_start) and by_start[k].start < start:
                k += 1
            in_line = []
            j = k
            while j < len(by_start) and by_start[j].start < end:
                in_line.append(by_start[j])
                j += 1
            bare = _BULLETS_AND_SPACES.sub(" ", line).strip()
            bulleted = line.lstrip()[:1] in BULLETS
            if funders and bulleted:
                first = next((m for m in in_line if m.type == "Organisation"), None)
                for funder in funders:
                    self.add(self.ent(first) if first else None, "fundedBy", funder)
            elif funders:
                funders = []
            if line.rstrip().endswith(":") and (FUNDING_CUES.search(line) or RECIPIENT_CUES.search(line)):
                funders = self._list_funders(end)
                continue
            if len(in_line) == 1 and in_line[0].type == "Country" and \
                    name_key(bare) == name_key(self.text[in_line[0].start:in_line[0].end]):
                country = self.ent(in_line[0])
                continue
            if re.search(r"\bpartner", bare, re.IGNORECASE) and len(bare) < 40 and not in_line:
                partners_open = True
                continue
            if not in_line and len(bare) < 40 and bare and not partners_open:
                country = None
            orgs = [m for m in in_line if m.type == "Organisation"]
            if not orgs:
                if bare and len(bare) > 60:
                    country = None
                    partners_open = False
                continue
            for o in orgs:
                if country is not None:
                    self.add(self.ent(o), "locatedIn", country)
                if partners_open and self.main_project is not None:
                    self.add(self.ent(o), "partnerIn", self.main_project)

    def _list_funders(self, heading_end: int) -> list[Entity]:
        """Who funds the organisations of a list under a funding heading ("The funding will support the
        following NGOs:"): the funders the article names before the list (a funder-like name), else the
        first organisation it names (the news is that it gives)."""
        before = [m for m in self.mentions if m.start < heading_end]
        named = [self.ent(m) for m in before if m.type in ("Organisation", "Programme") and self._is_funder(self.ent(m))]
        if not named:
            named = [self.ent(m) for m in before if m.type == "Organisation"][:1]
        return list(dict.fromkeys(named))[:2]

    def _recipients(self) -> None:
        """News of a funding round: the organisations named as grant recipients (introduced with
        their legal form, or in a sentence with a recipient cue) are funded by the round's
        programme and by the organisation that manages it; or the project named right after one,
        where there is one (the grant is the project's)."""
        head = " ".join(self.sentence_text(i) for i in range(min(3, len(self.sentences))))
        if not re.search(r"atbalstīti|atbalstītas|saņem|grant|līdzfinans|piešķir|awarded|recipient", head, re.I):
            return
        managed = [(r.subject, r.object) for r in self.relations if r.predicate == "manages"][:1]
        programmes = [self._entity_named(o) for _, o in managed] or \
            [e for e in self.entities if e.type == "Programme"][:1]
        if not programmes:
            return
        if not managed:
            early = [m for m in self.mentions if m.sentence < 3 and m.type == "Organisation"
                     and self._is_funder(self.ent(m)) and self.gazetteer.lookup(self.ent(m).name) is not None]
            if early:
                self.add(self.ent(early[0]), "manages", programmes[0])
                managed = [(self.ent(early[0]).name, programmes[0].name)]
        managers = {s for s, _ in managed}
        for m in self.mentions:
            e = self.ent(m)
            if m.type != "Organisation" or e.name in managers or \
                    (self.gazetteer.lookup(e.name) is not None and self._is_funder(e)):
                continue
            in_recipient_sentence = bool(RECIPIENT_CUES.search(self.cue_text(m.sentence)))
            if not (m.cue in ("biedrība", "nodibinājums", "sia", "as", "klubs", "skoliņa", "veikals", "portāls",
                              "federācija", "fonds", "uzņēmums") or in_recipient_sentence):
                continue
            e = self._grantee(m)
            for p in programmes:
                self.add(e, "fundedBy", p)
            for s in managers:
                self.add(e, "fundedBy", self._entity_named(s))
