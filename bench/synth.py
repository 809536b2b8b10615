#!/usr/bin/env python3
"""Synthetic data at scale.

- ``articles``: Latvian-style news items written from templates, with pools of organisation,
  project, programme, person and place names in the case forms the sentences need
  (``Valmieras attīstības centra``, ``Kristīnei Ozolai``, ``Jelgavā``), plus a ``sources.tsv``;
- ``annotations``: curated annotation files (the JSON of a curator, no extraction needed) for N
  articles with the shape of the news: organisations with a home country and skewed popularity
  (a few in hundreds of articles), one project an article with its coordinator, partners (a third
  of them abroad), funders and programmes, people in roles, dated events in places; plus a
  ``sources.tsv`` and a one-line text per article (for the publication date).  What
  ``sikg build --curated-only`` reads for the query benchmarks at 1k, 10k and 100k articles;
- ``graph``: an N-Quads file with the shape of a sikg build (an entity graph and one named graph
  per article, provenance, labels, relations, memberships) of about N triples, for store and
  query benchmarks at 1M and 10M triples.

    .venv/bin/python bench/synth.py articles 1000 OUT_DIR
    .venv/bin/python bench/synth.py annotations 10000 OUT_DIR
    .venv/bin/python bench/synth.py graph 1000000 OUT.nq
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from sikg.loaders.annotations import fold, fold_words
from sikg.loaders.gazetteer import load_countries
from sikg.loaders.morphology import decline
from sikg.loaders.resolve import slugify
from sikg.ontology import IRIS
from sikg.ontology.vocabulary import PREFIXES

PLACES = ["Valmiera", "Jelgava", "Liepāja", "Ventspils", "Rēzekne", "Cēsis", "Tukums", "Sigulda", "Ogre",
          "Kuldīga", "Talsi", "Madona", "Bauska", "Dobele", "Gulbene", "Alūksne", "Limbaži", "Saldus"]
REGIONS = ["Zemgales", "Kurzemes", "Vidzemes", "Latgales", "Sēlijas", "Pierīgas"]
HEADS = ["centrs", "fonds", "biedrība", "asociācija", "apvienība", "padome"]
TOPICS = ["attīstības", "sociālās palīdzības", "jauniešu", "senioru", "kopienu", "kultūras", "uzņēmējdarbības",
          "izglītības", "vides", "brīvprātīgo", "integrācijas", "veselības"]
QUOTED = ["Zaļā Sirds", "Saules Stars", "Tilts", "Jaunā Ideja", "Kopā", "Vienoti", "Gaišais Ceļš", "Ozols",
          "Dzirkstele", "Atbalsts", "Mājas", "Sirdsdarbs", "Spārni", "Aka", "Pavasaris", "Līdzsvars"]
FIRST_F = ["Kristīne", "Anna", "Līga", "Inese", "Dace", "Ilze", "Laura", "Zane", "Baiba", "Agnese"]
FIRST_M = ["Jānis", "Andris", "Mārtiņš", "Juris", "Edgars", "Kārlis", "Pēteris", "Reinis", "Gatis", "Uldis"]
SURNAMES_F = ["Ozola", "Kalniņa", "Bērziņa", "Liepa", "Krūmiņa", "Vītola", "Zariņa", "Eglīte", "Balode", "Priede"]
SURNAMES_M = ["Ozols", "Kalniņš", "Bērziņš", "Liepiņš", "Krūmiņš", "Vītols", "Zariņš", "Eglītis", "Balodis", "Priede"]
PROGRAMMES = ["Eiropas Sociālais fonds", "NVO fonds", "Aktīvo iedzīvotāju fonds", "Erasmus+",
              "Interreg Baltijas jūras reģiona programma", "Ziemeļvalstu un Baltijas valstu NVO programma"]
FUNDERS = ["Sabiedrības integrācijas fonds", "Kultūras ministrija", "Labklājības ministrija", "Altum"]
COUNTRIES = [("Lietuva", "LT"), ("Igaunija", "EE"), ("Zviedrija", "SE"), ("Somija", "FI"), ("Dānija", "DK"),
             ("Norvēģija", "NO"), ("Vācija", "DE"), ("Polija", "PL")]
ROLES_F = ["valdes priekšsēdētāja", "projekta vadītāja", "direktore", "koordinatore", "valdes locekle"]
ROLES_M = ["valdes priekšsēdētājs", "projekta vadītājs", "direktors", "koordinators", "valdes loceklis"]
PROJECT_WORDS = ["Kopienu stiprināšana", "Līdzdalības skola", "Sociālās inovācijas darbnīca", "Jauniešu tilts",
                 "Zaļā kopiena", "Senioru aktivitātes", "Digitālās prasmes", "Iekļaujošā sabiedrība"]


def organisation(rnd: random.Random) -> str:
    return f"{decline(rnd.choice(PLACES))['gen']} " \
           f"{rnd.choice(TOPICS)} {rnd.choice(HEADS)}"


def article(rnd: random.Random, i: int) -> str:
    org = organisation(rnd)
    org_gen = " ".join([*org.split()[:-1], decline(org.split()[-1])["gen"]])
    quoted = rnd.choice(QUOTED)
    project = f"{rnd.choice(PROJECT_WORDS)} {i}"
    programme, funder = rnd.choice(PROGRAMMES), rnd.choice(FUNDERS)
    place = rnd.choice(PLACES)
    female = rnd.random() < 0.5
    first = rnd.choice(FIRST_F if female else FIRST_M)
    last = rnd.choice(SURNAMES_F if female else SURNAMES_M)
    role = rnd.choice(ROLES_F if female else ROLES_M)
    partner_country, _ = rnd.choice(COUNTRIES)
    partner = rnd.choice(QUOTED)
    dat_first, dat_last = (decline(first)["dat"], decline(last)["dat"])
    return "\n".join([
        f"{org} uzsāk projektu “{project}”",
        "",
        f"{rnd.randint(1, 28)}. {rnd.choice(['janvārī', 'martā', 'maijā', 'septembrī', 'oktobrī'])} "
        f"{decline(place)['loc']} notika biedrības “{quoted}” organizēta konference “{project} {rnd.randint(2020, 2025)}”.",
        f"Projektu “{project}” īsteno {org}, un to finansiāli atbalsta {funder}.",
        f"Projekts tiek īstenots programmas “{programme}” ietvaros.",
        f"Sadarbības partneri ir biedrība “{quoted}” un “{partner}” ({partner_country}).",
        f"{org_gen} {role} {first} {last} stāsta, ka darbs turpināsies {decline(place)['loc']}.",
        f"Pateicamies {dat_first} {dat_last} par ieguldījumu.",
        f"Konferencē piedalījās {rnd.choice(FIRST_F)} {rnd.choice(SURNAMES_F)} un {rnd.choice(FIRST_M)} "
        f"{rnd.choice(SURNAMES_M)}.",
    ]) + "\n" + ("Papildu informācija par projekta aktivitātēm un rezultātiem būs pieejama vēlāk. " * 8) + "\n"


def write_articles(out: Path, n: int, seed: int = 1) -> Path:
    rnd = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "sources.tsv").open("w", encoding="utf-8") as src:
        src.write("file\turl\tlanguage\tpublisher\tread\n")
        for i in range(n):
            name = f"synth-{i:06d}.txt"
            (out / name).write_text(article(rnd, i), encoding="utf-8")
            src.write(f"{name}\thttps://example.org/news/{i}\tlv\tsynthetic\t2026-11-23\n")
    return out


def _skewed(rnd: random.Random, pool: list, power: float = 3.0):
    """An item of ``pool``, the first ones far more often (a few actors appear in many articles)."""
    return pool[int(len(pool) * rnd.random() ** power)]


def write_annotations(out: Path, n: int, seed: int = 1) -> Path:
    """N curated annotation files (and their sources.tsv and one-line texts) in ``out``."""
    rnd = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    abroad = [iso for _, iso in COUNTRIES]
    gazetteer = load_countries()
    organisations = []
    for i in range(max(200, n)):
        name = f"{rnd.choice(PLACES)} {rnd.choice(TOPICS)} {rnd.choice(HEADS)} {rnd.choice(QUOTED)} {i}"
        organisations.append((name, "LV" if rnd.random() < 0.75 else rnd.choice(abroad)))
    funders = [(f, "LV") for f in FUNDERS] + [(f"{rnd.choice(QUOTED)} fonds {i}", "LV") for i in range(max(10, n // 500))]
    programmes = [f"{p} {i}" for i in range(max(3, n // 400)) for p in PROGRAMMES]
    manager = {p: _skewed(rnd, funders, 2) for p in programmes}
    people = [f"{rnd.choice(FIRST_F + FIRST_M)} {rnd.choice(SURNAMES_F + SURNAMES_M)} {i}" for i in range(max(100, n // 2))]
    places = [f"{p} {i}" for i in range(max(2, n // 300)) for p in PLACES]
    projects: list[str] = []
    with (out / "sources.tsv").open("w", encoding="utf-8") as src:
        src.write("file\turl\tlanguage\tpublisher\tread\tissued\n")
        for i in range(n):
            entities: dict[str, dict] = {}
            relations: list[dict] = []

            def entity(etype: str, name: str, country: str | None = None, entities=entities, **extra) -> str:
                entities.setdefault(name, {"type": etype, "name": name, "aliases": [], "country": country, **extra})
                return name

            def relate(s: str, p: str, o: str, role: str | None = None, relations=relations) -> None:
                relations.append({"subject": s, "predicate": p, "object": o, "role": role})

            reuse = projects and rnd.random() < 0.1
            project = entity("Project", _skewed(rnd, projects) if reuse else f"{rnd.choice(PROJECT_WORDS)} {i}", "LV")
            if not reuse:
                projects.insert(0, project)
            coordinator = _skewed(rnd, organisations)
            relate(entity("Organisation", coordinator[0], coordinator[1]), "coordinates", project)
            for _ in range(rnd.choice([0, 1, 1, 2, 2, 3, 4])):
                partner = _skewed(rnd, organisations, 2)
                if partner[0] not in entities:
                    relate(entity("Organisation", partner[0], partner[1]), "partnerIn", project)
            programme = _skewed(rnd, programmes, 2)
            funder = manager[programme]
            relate(project, "fundedBy", entity("Programme", programme, "LV"))
            relate(entity("Organisation", funder[0], funder[1]), "manages", programme)
            if rnd.random() < 0.3:
                relate(project, "fundedBy", funder[0])
            for _ in range(rnd.choice([1, 1, 2])):
                person = _skewed(rnd, people, 1.5)
                if person not in entities:
                    role = rnd.choice(ROLES_F + ROLES_M)
                    relate(entity("Person", person), "worksFor", coordinator[0], role)
            for iso in sorted({entities[o]["country"] for o in entities if entities[o]["country"] not in (None, "LV")}):
                entity("Country", gazetteer.by_iso(iso).lv, iso)
            year = 2015 + i * 11 // max(1, n)
            if rnd.random() < 0.4:
                place = entity("Place", rnd.choice(places), "LV")
                date = f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
                event = entity("Event", f"Konference {project} {year}", "LV", date=date, place=place)
                relate(event, "heldIn", place)
                relate(coordinator[0], "organises", event)
                relate(event, "partOf", project)
                for other in rnd.sample(sorted(entities), min(2, len(entities))):
                    if entities[other]["type"] in ("Organisation", "Person"):
                        relate(other, "participatesIn", event)
            stem = f"synth-{i:06d}"
            (out / f"{stem}.json").write_text(json.dumps(
                {"article": f"{stem}.txt", "exhaustive": True, "entities": list(entities.values()),
                 "relations": relations}, ensure_ascii=False), encoding="utf-8")
            (out / f"{stem}.txt").write_text(f"{project}\n", encoding="utf-8")
            src.write(f"{stem}.txt\thttps://example.org/news/{i}\tlv\tsynthetic {i % 40}\t2026-11-23\t"
                      f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}\n")
    return out


def write_graph(out: Path, triples: int, seed: int = 1) -> int:
    """An N-Quads file of about ``triples`` quads with the shape of a sikg build: an entity graph
    (types, one prefLabel, countries with ISO codes, roles) and one graph per article (mentions,
    inflected aliases, relations, memberships with roles, event dates).  Entities are mentioned
    with a skewed popularity, as in the news (a few funders and programmes in thousands of
    articles), so that the same statement recurs across article graphs."""
    rnd = random.Random(seed)
    base = IRIS.base
    sikg, skos, org = PREFIXES["sikg"], PREFIXES["skos"], PREFIXES["org"]
    rdf_type = f"<{PREFIXES['rdf']}type>"
    eg = f"<{base}graph/entities>"
    per_article = 48
    n_articles = max(1, triples // per_article)
    n_entities = max(50, n_articles // 2)
    types = ["Organisation"] * 5 + ["Project"] * 3 + ["Person"] * 4 + ["Programme", "Place", "Event"]
    gazetteer = load_countries()
    countries = [("LV", "Latvija", "Latvia")] * 6 + [(iso, lv, gazetteer.by_iso(iso).en) for lv, iso in COUNTRIES]
    entities = []
    written = 0
    with out.open("w", encoding="utf-8") as fh:
        for iso, lv, en in dict.fromkeys(countries):
            c = f"<{base}id/country/{iso.lower()}>"
            fh.write(f'{c} {rdf_type} <{sikg}Country> {eg} .\n{c} <{sikg}isoCode> "{iso}" {eg} .\n'
                     f'{c} <{skos}prefLabel> "{lv}"@lv {eg} .\n{c} <{skos}prefLabel> "{en}"@en {eg} .\n')
            written += 4
        roles = [f"<{base}id/role/{slugify(r)}>" for r in ROLES_M]
        for r, label in zip(roles, ROLES_M, strict=True):
            fh.write(f'{r} {rdf_type} <{org}Role> {eg} .\n{r} <{skos}prefLabel> "{label}"@lv {eg} .\n')
            written += 2
        for i in range(n_entities):
            t = rnd.choice(types)
            name = f"{t} {rnd.choice(QUOTED)} {i}"
            iri = f"<{base}id/{t.lower()}/{slugify(name)}>"
            entities.append((iri, t, name))
            fh.write(f'{iri} {rdf_type} <{sikg}{t}> {eg} .\n{iri} <{skos}prefLabel> "{name}"@lv {eg} .\n')
            written += 2
            index = [name] + [f"{name} ({k})" for k in range(3)]  # the name index of the build
            keys = dict.fromkeys(map(fold, index))
            words = dict.fromkeys(w for k in keys for w in fold_words(k))
            fh.write("".join(f'{iri} <{sikg}searchKey> "{k}" {eg} .\n' for k in keys))
            fh.write("".join(f'{iri} <{sikg}searchWord> "{w}" {eg} .\n' for w in words))
            written += len(keys) + len(words)
            if t in ("Organisation", "Project", "Programme", "Place"):
                iso = rnd.choice(countries)[0]
                fh.write(f"{iri} <{sikg}country> <{base}id/country/{iso.lower()}> {eg} .\n")
                written += 1
        by_type: dict[str, list] = {}
        for e in entities:
            by_type.setdefault(e[1], []).append(e)

        def popular(kind: str):
            pool = by_type[kind]
            return pool[int(len(pool) * rnd.random() ** 3)]

        rel = [("Organisation", "partnerIn", "Project"), ("Organisation", "coordinates", "Project"),
               ("Project", "fundedBy", "Programme"), ("Project", "fundedBy", "Organisation"),
               ("Person", "worksFor", "Organisation"), ("Person", "participatesIn", "Event"),
               ("Event", "heldIn", "Place"), ("Organisation", "organises", "Event"), ("Event", "partOf", "Project")]
        for a in range(n_articles):
            g = f"<{base}graph/article/a{a}>"
            art = f"<{base}id/article/a{a}>"
            lines = [f"{g} {rdf_type} <{sikg}ArticleGraph> {g} .",
                     f"{g} <http://www.w3.org/ns/prov#wasDerivedFrom> {art} {g} .",
                     f"{art} {rdf_type} <{sikg}Article> {g} .",
                     f'{art} <http://purl.org/dc/terms/title> "Raksts {a}"@lv {g} .',
                     f'{art} <http://purl.org/dc/terms/language> "lv" {g} .',
                     f'{eg} <http://www.w3.org/ns/prov#wasDerivedFrom> {art} {eg} .']
            for _ in range(9):
                s_t, p, o_t = rnd.choice(rel)
                s, o = popular(s_t), popular(o_t)
                lines += [f"{s[0]} <{sikg}{p}> {o[0]} {g} .", f"{art} <https://schema.org/mentions> {s[0]} {g} .",
                          f"{art} <https://schema.org/mentions> {o[0]} {g} .",
                          f'{s[0]} <{skos}altLabel> "{s[2]} ({a % 3})"@lv {g} .']
                if p == "worksFor":
                    m = f"<{base}id/membership/{slugify(s[2] + ' ' + o[2])}>"
                    lines += [f"{m} {rdf_type} <{org}Membership> {g} .", f"{m} <{org}member> {s[0]} {g} .",
                              f"{m} <{org}organization> {o[0]} {g} .", f"{m} <{org}role> {rnd.choice(roles)} {g} ."]
                if s_t == "Event":
                    lines.append(f'{s[0]} <https://schema.org/startDate> "2024-{1 + len(s[2]) % 12:02d}-01"'
                                 f'^^<http://www.w3.org/2001/XMLSchema#date> {g} .')
            fh.write("\n".join(lines) + "\n")
            written += len(lines)
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("kind", choices=["articles", "annotations", "graph"])
    ap.add_argument("size", type=int)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    if args.kind == "articles":
        write_articles(args.out, args.size)
        print(f"wrote {args.size} articles to {args.out}")
    elif args.kind == "annotations":
        write_annotations(args.out, args.size)
        print(f"wrote {args.size} annotated articles to {args.out}")
    else:
        print(f"wrote {write_graph(args.out, args.size):,} quads to {args.out}")


if __name__ == "__main__":
    main()
