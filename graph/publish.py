"""`sikg publish`: a release folder that linked-data portals harvest.

- ``sikg.ttl.gz`` (union, Turtle), ``sikg.nq.gz`` (N-Quads, one graph per article), ``sikg.jsonld.gz``;
  gzip with a fixed timestamp, so the same graph gives the same bytes and checksums;
- ``SHA256SUMS`` and, in the catalogue, each dump's byte size and SHA-256;
- ``catalog.ttl``: DCAT-AP 3 (catalogue, dataset in Latvian and English, publisher, contact point,
  licence, keywords, theme, spatial coverage = the countries present, temporal coverage from the
  articles, one ``dcat:Distribution`` per dump, the SPARQL endpoint as a ``dcat:DataService``);
- ``void.ttl``: VoID computed from the store (triples, entities, distinct subjects and objects,
  class and property partitions, linksets to Wikidata, SPARQL endpoint, URI space, dumps).

Both descriptions are checked against ``ontology/dcat-ap-shapes.ttl`` before the release is
written (into a new version folder beside the release; ``OUT`` is a link swapped to it by one ``rename``, so
a failed or killed publish leaves the old release whole).
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pyshacl
from pyoxigraph import Store
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, SKOS, VOID

from sikg.errors import SikgError
from sikg.graph.export import export_bytes
from sikg.graph.projections import is_projection
from sikg.graph.store import fault_point, fsync_dir, sizes, union_count, union_query
from sikg.loaders.articles import iso_date
from sikg.loaders.gazetteer import load_countries
from sikg.ontology import DEFAULT_BASE_IRI, IRIS, context_path, dcat_shapes_path
from sikg.ontology import SIKG as SIKG_NS
from sikg.ontology.iris import check_base_iri
from sikg.ontology.terms import WIKIDATA

SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
IANA = "https://www.iana.org/assignments/media-types/"
EU_FILE = "http://publications.europa.eu/resource/authority/file-type/"
EU_COUNTRY = "http://publications.europa.eu/resource/authority/country/"
EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EU_THEME_SCHEME = "http://publications.europa.eu/resource/authority/data-theme"
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/NonProfitOrganisation"
AVAILABILITY = URIRef("http://data.europa.eu/r5r/availability")
STABLE = "http://publications.europa.eu/resource/authority/planned-availability/STABLE"
EU_LANG = "http://publications.europa.eu/resource/authority/language/"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"

DUMPS = (  # file, export format, media type, EU file type
    ("sikg.ttl.gz", "turtle", "text/turtle", "RDF_TURTLE"),
    ("sikg.nq.gz", "nquads", "application/n-quads", "RDF_N_QUADS"),
    ("sikg.jsonld.gz", "jsonld", "application/ld+json", "JSON_LD"),
)


class PublishError(SikgError):
    """The release would not pass its shapes, or cannot be written; the old release stays."""


#: SPDX licence identifiers a publisher may give instead of the licence's IRI.
SPDX_LICENCES = {
    "CC-BY-4.0": CC_BY,
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC-BY-3.0": "https://creativecommons.org/licenses/by/3.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODBL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
    "ODC-BY-1.0": "https://opendatacommons.org/licenses/by/1-0/",
    "PDDL-1.0": "https://opendatacommons.org/licenses/pddl/1-0/",
}


#: Licence titles as CKAN's licence register has them: ckanext-dcat recognises a licence by its
#: ``dct:title`` (CC BY 4.0 becomes CKAN's ``cc-by``).
LICENCE_TITLES = {
    SPDX_LICENCES["CC-BY-4.0"]: "Creative Commons Attribution",
    SPDX_LICENCES["CC-BY-SA-4.0"]: "Creative Commons Attribution Share-Alike",
    SPDX_LICENCES["CC0-1.0"]: "Creative Commons CCZero",
    SPDX_LICENCES["ODBL-1.0"]: "Open Data Commons Open Database License (ODbL)",
}
#: The dump formats' names as CKAN's resource formats have them (an ``dct:IMT`` label is what
#: ckanext-dcat shows, instead of the raw file-type IRI).
FORMAT_NAMES = {"text/turtle": "Turtle", "application/n-quads": "N-Quads", "application/ld+json": "JSON-LD"}


WKT = URIRef("http://www.opengis.net/ont/geosparql#wktLiteral")


@cache
def _geometries() -> dict[str, dict[str, str]]:
    """Each country's centroid and bounding box as WKT (``data/gazetteer/country_geometry.tsv``)."""
    import csv

    from sikg.loaders.gazetteer import gazetteer_path

    out: dict[str, dict[str, str]] = {}
    with gazetteer_path("country_geometry.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            shapes = {DCAT.centroid: f"POINT({row['lon']} {row['lat']})"}
            if row["west"]:
                w, s, e, n = row["west"], row["south"], row["east"], row["north"]
                shapes[DCAT.bbox] = f"POLYGON(({w} {s}, {e} {s}, {e} {n}, {w} {n}, {w} {s}))"
            out[row["iso"]] = shapes
    return out


def _geometry(iso: str) -> dict:
    return _geometries().get(iso, {})


def licence_iri(value: str) -> str:
    """A licence's IRI, from its IRI or its SPDX identifier; PublishError (one line) otherwise.

    >>> licence_iri("CC-BY-4.0"), licence_iri("https://creativecommons.org/licenses/by/4.0/")[-4:]
    ('https://creativecommons.org/licenses/by/4.0/', '4.0/')
    """
    value = value.strip()
    if value.upper() in SPDX_LICENCES:
        return SPDX_LICENCES[value.upper()]
    if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value):
        return value
    known = ", ".join(sorted(SPDX_LICENCES))
    raise PublishError(f"--licence {value!r} is neither an http(s) IRI nor an SPDX identifier ({known})")


@dataclass
class ReleaseOptions:
    base_iri: str = DEFAULT_BASE_IRI
    download_url: str | None = None  # where the dumps will be served; default: {base_iri}release/
    sparql_endpoint: str | None = None  # default: {base_iri}sparql
    licence: str = CC_BY
    publisher_name: str = "sikg — Baltic social-innovation knowledge graph project"
    publisher_url: str | None = None
    contact_email: str = "sikg@example.org"
    issued: dt.date | None = None
    keywords: list[str] = field(default_factory=lambda: [
        "sociālās inovācijas", "nevalstiskās organizācijas", "social innovation", "NGO", "Baltic",
        "knowledge graph", "linked data"])


@dataclass
class Dump:
    name: str
    media_type: str
    file_type: str
    byte_size: int
    sha256: str
    statements: int
    sha1: str = ""


@dataclass
class Release:
    folder: Path
    dumps: list[Dump]
    catalog: Graph
    void: Graph
    profiles: list = field(default_factory=list)  # ProfileCheck per official DCAT-AP profile


def _gzip(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buf.getvalue()


def void_description(store: Store, opts: ReleaseOptions, dataset: URIRef, dump_urls: list[str]) -> Graph:
    """VoID figures computed from the store (union of all graphs)."""
    g = Graph()
    g.bind("void", VOID)
    g.bind("dcterms", DCTERMS)
    sikg = str(SIKG_NS._NS)
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, DCTERMS.license, URIRef(opts.licence)))
    distinct = "{ SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } }"
    figures = {
        VOID.triples: union_count(store, f"SELECT (COUNT(*) AS ?n) {distinct}"),
        VOID.distinctSubjects: union_count(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) {distinct}"),
        VOID.distinctObjects: union_count(store, f"SELECT (COUNT(DISTINCT ?o) AS ?n) {distinct}"),
        VOID.properties: union_count(store, f"SELECT (COUNT(DISTINCT ?p) AS ?n) {distinct}"),
        VOID.classes: union_count(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) { ?x a ?c }"),
        # every IRI the dataset mints and describes (entities, articles, roles, memberships)
        VOID.entities: union_count(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) "
                                          f"{{ ?e ?p ?o FILTER(isIRI(?e) && STRSTARTS(STR(?e), '{opts.base_iri}id/')) }}"),
    }
    for prop, n in figures.items():
        g.add((dataset, prop, Literal(n, datatype=XSD.integer)))
    g.add((dataset, VOID.uriSpace, Literal(opts.base_iri + "id/")))
    g.add((dataset, VOID.sparqlEndpoint, URIRef(opts.sparql_endpoint or opts.base_iri + "sparql")))
    for vocabulary in _vocabularies(store):
        g.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    for _, _, media, _ in DUMPS:
        g.add((dataset, VOID.feature, URIRef(FORMAT_FEATURES[media])))
    for row in union_query(store, f"SELECT DISTINCT ?e {{ ?e a <{sikg}Organisation> }} ORDER BY ?e LIMIT 3"):
        g.add((dataset, VOID.exampleResource, URIRef(row["e"].value)))
    for url in dump_urls:
        g.add((dataset, VOID.dataDump, URIRef(url)))
    for row in union_query(store, "SELECT ?c (COUNT(DISTINCT ?e) AS ?n) { ?e a ?c } GROUP BY ?c ORDER BY ?c"):
        part = URIRef(f"{dataset}/class/{hashlib.sha1(row['c'].value.encode()).hexdigest()[:10]}")
        g.add((dataset, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(row["c"].value)))
        g.add((part, VOID.entities, Literal(int(row["n"].value), datatype=XSD.integer)))
    for row in union_query(store, f"SELECT ?p (COUNT(*) AS ?n) {{ {distinct} }} GROUP BY ?p ORDER BY ?p"):
        part = URIRef(f"{dataset}/property/{hashlib.sha1(row['p'].value.encode()).hexdigest()[:10]}")
        g.add((dataset, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(row["p"].value)))
        g.add((part, VOID.triples, Literal(int(row["n"].value), datatype=XSD.integer)))
    wikidata = URIRef("http://www.wikidata.org/")
    for pred, local in ((OWL.sameAs, "sameAs"), (SKOS.exactMatch, "exactMatch")):
        n = union_count(store, f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?s ?o {{ GRAPH ?g {{ ?s <{pred}> ?o }} "
                          f"FILTER(STRSTARTS(STR(?o), '{WIKIDATA}')) }} }}")
        if n:
            ls = URIRef(f"{dataset}/linkset/wikidata-{local}")
            g.add((ls, RDF.type, VOID.Linkset))
            g.add((dataset, VOID.subset, ls))
            g.add((ls, VOID.subjectsTarget, dataset))
            g.add((ls, VOID.objectsTarget, wikidata))
            g.add((ls, VOID.linkPredicate, pred))
            g.add((ls, VOID.triples, Literal(n, datatype=XSD.integer)))
    g.add((wikidata, RDF.type, VOID.Dataset))
    g.add((wikidata, FOAF.homepage, URIRef("https://www.wikidata.org/")))
    return g


#: The W3C format IRIs (void:feature) of the dumps' media types.
FORMAT_FEATURES = {"text/turtle": "http://www.w3.org/ns/formats/Turtle",
                   "application/n-quads": "http://www.w3.org/ns/formats/N-Quads",
                   "application/ld+json": "http://www.w3.org/ns/formats/JSON-LD"}


def _vocabularies(store: Store) -> list[str]:
    """The namespaces of every property and class the data uses."""
    terms = [r["t"].value for r in union_query(store, "SELECT DISTINCT ?t { { ?s ?t ?o } UNION { ?s a ?t } }")]
    return sorted({t[: max(t.rfind("#"), t.rfind("/")) + 1] for t in terms})


def _temporal(store: Store) -> tuple[str | None, str | None]:
    """Temporal coverage: the span of dated events with a year, else of the articles' read dates."""
    dates = [r["d"].value[:10] for r in union_query(store,
        "PREFIX schema: <https://schema.org/> SELECT DISTINCT ?d { ?e schema:startDate ?d }") if r["d"].value[:4].isdigit()]
    dates = [d if len(d) == 10 else (d + "-01-01")[:10] for d in dates]
    if not dates:
        dates = [r["d"].value for r in union_query(store,
            f"SELECT DISTINCT ?d {{ ?a <{SIKG_NS.readOn}> ?d }}")]
    return (min(dates), max(dates)) if dates else (None, None)


def catalog_description(store: Store, opts: ReleaseOptions, dataset: URIRef, dumps: list[Dump],
                        download_base: str, today: dt.date, profile: str = "3") -> Graph:
    """The DCAT-AP description of the release: ``profile`` "3" (DCAT-AP 3.0.1, ``catalog.ttl``) or "2"
    (DCAT-AP 2.1.1, what data.europa.eu converts to: SHA-1 checksums, decimal byte sizes).  Every value
    is typed as the profile's range shapes ask (a ``dct:Location``, a ``dct:LicenseDocument``, …)."""
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("spdx", SPDX),
                       ("adms", ADMS)):
        g.bind(prefix, ns)
    catalog = URIRef(opts.base_iri + "catalog")
    publisher = URIRef(opts.publisher_url or opts.base_iri + "id/publisher")
    contact = URIRef(opts.base_iri + "id/contact")
    issued = (opts.issued or today).isoformat()
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal("Baltijas sociālo inovāciju zināšanu grafs", lang="lv")))
    g.add((catalog, DCTERMS.title, Literal("Baltic social-innovation knowledge graph", lang="en")))
    g.add((catalog, DCTERMS.description,
           Literal("Atvērto datu katalogs ar Baltijas sociālo inovāciju zināšanu grafu.", lang="lv")))
    g.add((catalog, DCTERMS.description,
           Literal("Open-data catalogue of the Baltic social-innovation knowledge graph.", lang="en")))
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, DCAT.dataset, dataset))
    g.add((catalog, FOAF.homepage, URIRef(opts.base_iri)))
    g.add((catalog, DCTERMS.license, URIRef(opts.licence)))
    g.add((catalog, DCTERMS.modified, Literal(today.isoformat(), datatype=XSD.date)))
    g.add((catalog, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    g.add((catalog, DCAT.themeTaxonomy, URIRef(EU_THEME_SCHEME)))
    g.add((URIRef(EU_THEME_SCHEME), RDF.type, SKOS.ConceptScheme))
    g.add((URIRef(EU_THEME_SCHEME), DCTERMS.title, Literal("Data theme", lang="en")))
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, DCTERMS.type, URIRef(PUBLISHER_TYPE)))
    g.add((URIRef(PUBLISHER_TYPE), RDF.type, SKOS.Concept))
    g.add((URIRef(PUBLISHER_TYPE), SKOS.prefLabel, Literal("Non-profit organisation", lang="en")))
    g.add((publisher, FOAF.name, Literal(opts.publisher_name)))
    g.add((contact, RDF.type, VCARD.Kind))
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(opts.publisher_name)))
    g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{opts.contact_email}")))

    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal("Baltijas sociālo inovāciju ekosistēmas zināšanu grafs", lang="lv")))
    g.add((dataset, DCTERMS.title, Literal("Baltic social-innovation ecosystem knowledge graph", lang="en")))
    g.add((dataset, DCTERMS.description, Literal(
        "Kas (NVO, fondi, ministrijas, universitātes, uzņēmumi) ar ko sadarbojas, kādos projektos, kādu programmu "
        "finansējumā, kurās valstīs un ar kādiem cilvēkiem — no Latvijas un angļu valodas ziņām un projektu lapām.",
        lang="lv")))
    g.add((dataset, DCTERMS.description, Literal(
        "Who (NGOs, foundations, ministries, universities, companies) works with whom, on which projects, funded by "
        "which programmes, in which countries, through which people: read from Latvian and English news items and "
        "project pages, one named graph per source article with provenance.", lang="en")))
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((dataset, DCAT.contactPoint, contact))
    g.add((dataset, DCTERMS.license, URIRef(opts.licence)))
    g.add((dataset, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    g.add((dataset, DCTERMS.modified, Literal(today.isoformat(), datatype=XSD.date)))
    g.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
    g.add((dataset, DCAT.landingPage, URIRef(opts.base_iri)))
    g.add((dataset, DCTERMS.conformsTo, URIRef(str(SIKG_NS._NS))))
    g.add((dataset, DCAT.theme, URIRef(EU_THEME + "SOCI")))
    for lang in ("LAV", "ENG"):
        g.add((dataset, DCTERMS.language, URIRef(EU_LANG + lang)))
        g.add((catalog, DCTERMS.language, URIRef(EU_LANG + lang)))
        g.add((URIRef(EU_LANG + lang), RDF.type, DCTERMS.LinguisticSystem))
    for kw in opts.keywords:
        g.add((dataset, DCAT.keyword, Literal(kw, lang="lv" if any(c in kw for c in "āēīūčšžņļķģ") else "en")))
    countries = load_countries()
    for row in union_query(store, f"SELECT DISTINCT ?iso {{ ?c a <{SIKG_NS.Country}> ; <{SIKG_NS.isoCode}> ?iso }}"):
        entry = countries.by_iso(row["iso"].value)
        if entry is not None and entry.iso3:
            g.add((dataset, DCTERMS.spatial, URIRef(EU_COUNTRY + entry.iso3)))
            g.add((URIRef(EU_COUNTRY + entry.iso3), RDF.type, DCTERMS.Location))
            g.add((URIRef(EU_COUNTRY + entry.iso3), SKOS.prefLabel, Literal(entry.en, lang="en")))
            for prop, wkt in _geometry(entry.iso).items():
                g.add((URIRef(EU_COUNTRY + entry.iso3), prop, Literal(wkt, datatype=WKT)))
            # a CKAN without the scheming extension keeps one dct:spatial: the countries as keywords too
            g.add((dataset, DCAT.keyword, Literal(entry.en, lang="en")))
            g.add((dataset, DCAT.keyword, Literal(entry.lv, lang="lv")))
    g.add((catalog, DCTERMS.spatial, URIRef(EU_COUNTRY + "LVA")))
    g.add((URIRef(EU_COUNTRY + "LVA"), RDF.type, DCTERMS.Location))
    start, end = _temporal(store)
    if start:
        period = BNode()
        g.add((dataset, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(start, datatype=XSD.date)))
        g.add((period, DCAT.endDate, Literal(end, datatype=XSD.date)))
    for d in dumps:
        dist = URIRef(f"{dataset}/distribution/{d.name.split('.')[1]}")
        url = URIRef(download_base + d.name)
        g.add((dataset, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"{d.name} ({d.media_type}, gzip)", lang="en")))
        g.add((dist, DCTERMS.description, Literal(
            f"The whole graph as {d.media_type}, gzip-compressed; {d.statements} statements.", lang="en")))
        g.add((dist, DCAT.accessURL, url))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef(IANA + d.media_type)))
        g.add((dist, DCAT.compressFormat, URIRef(IANA + "application/gzip")))
        g.add((dist, DCTERMS.format, URIRef(EU_FILE + d.file_type)))
        g.add((dist, DCTERMS.license, URIRef(opts.licence)))
        size = Literal(Decimal(d.byte_size), datatype=XSD.decimal) if profile == "2" else \
            Literal(d.byte_size, datatype=XSD.nonNegativeInteger)
        g.add((dist, DCAT.byteSize, size))
        g.add((dist, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
        g.add((dist, AVAILABILITY, URIRef(STABLE)))
        g.add((URIRef(STABLE), RDF.type, SKOS.Concept))
        g.add((URIRef(STABLE), SKOS.prefLabel, Literal("stable", lang="en")))
        for media in (URIRef(IANA + d.media_type), URIRef(IANA + "application/gzip")):
            g.add((media, RDF.type, DCTERMS.MediaType))
        file_type = URIRef(EU_FILE + d.file_type)
        g.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
        g.add((file_type, RDF.type, DCTERMS.IMT))
        g.add((file_type, RDFS.label, Literal(FORMAT_NAMES[d.media_type])))
        g.add((file_type, RDF.value, Literal(d.media_type)))
        checksum = BNode()
        g.add((dist, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        if profile == "2":  # DCAT-AP 2.1.1 takes SHA-1 only; SHA256SUMS beside the dumps has the strong ones
            g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha1))
            g.add((checksum, SPDX.checksumValue, Literal(d.sha1, datatype=XSD.hexBinary)))
        else:
            g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
            g.add((checksum, SPDX.checksumValue, Literal(d.sha256, datatype=XSD.hexBinary)))
    service = URIRef(opts.base_iri + "sparql-service")
    endpoint = URIRef(opts.sparql_endpoint or opts.base_iri + "sparql")
    g.add((catalog, DCAT.service, service))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.title, Literal("SPARQL endpoint of the Baltic social-innovation knowledge graph", lang="en")))
    g.add((service, DCAT.endpointURL, endpoint))
    g.add((service, DCAT.endpointDescription, endpoint))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((service, DCAT.servesDataset, dataset))
    g.add((service, DCTERMS.license, URIRef(opts.licence)))
    g.add((service, DCTERMS.publisher, publisher))
    g.add((service, DCAT.contactPoint, contact))
    g.add((service, DCAT.theme, URIRef(EU_THEME + "SOCI")))
    for kw in ("SPARQL", "linked data", "social innovation"):
        g.add((service, DCAT.keyword, Literal(kw, lang="en")))
    for standard in (URIRef(str(SIKG_NS._NS)), URIRef("https://www.w3.org/TR/sparql11-protocol/")):
        g.add((standard, RDF.type, DCTERMS.Standard))
    for page in (URIRef(opts.base_iri),):
        g.add((page, RDF.type, FOAF.Document))
    g.add((URIRef(EU_THEME + "SOCI"), RDF.type, SKOS.Concept))
    g.add((URIRef(EU_THEME + "SOCI"), SKOS.prefLabel, Literal("Population and society", lang="en")))
    g.add((URIRef(EU_THEME + "SOCI"), SKOS.inScheme, URIRef(EU_THEME_SCHEME)))
    g.add((URIRef(opts.licence), RDF.type, DCTERMS.LicenseDocument))
    if opts.licence in LICENCE_TITLES:  # the ADMS licence type of the licences sikg knows
        kind = URIRef("http://purl.org/adms/licencetype/" + ("PublicDomain" if "zero" in opts.licence else "Attribution"))
        g.add((URIRef(opts.licence), DCTERMS.type, kind))
        g.add((kind, RDF.type, SKOS.Concept))
        g.add((kind, SKOS.prefLabel, Literal(str(kind).rsplit("/", 1)[1], lang="en")))
    title = LICENCE_TITLES.get(opts.licence)
    if title:
        g.add((URIRef(opts.licence), DCTERMS.title, Literal(title, lang="en")))
    return g


def check_release(catalog: Graph, void: Graph) -> tuple[bool, str]:
    """Validate the catalogue and the VoID description against ``ontology/dcat-ap-shapes.ttl``."""
    data = Graph()
    for t in catalog:
        data.add(t)
    for t in void:
        data.add(t)
    conforms, _, text = pyshacl.validate(data, shacl_graph=Graph().parse(dcat_shapes_path()), inference="none",
                                         allow_warnings=True)
    return bool(conforms), str(text)


#: The official DCAT-AP profiles a release is checked against, and the catalogue file of each.
PROFILES = {"DCAT-AP 3.0.1": ("3.0.1", "3", "catalog.ttl"), "DCAT-AP 2.1.1": ("2.1.1", "2", "catalog-dcat-ap-2.ttl")}


@dataclass
class ProfileCheck:
    """A catalogue against one official profile: base and range violations (none allowed) and the
    recommended properties it lacks (reported, not refused)."""

    profile: str
    violations: int
    missing_recommended: int
    text: str

    @property
    def conforms(self) -> bool:
        return self.violations == 0

    def line(self) -> str:
        state = "conforms" if self.conforms else f"{self.violations} violations"
        return f"{self.profile}: {state}, {self.missing_recommended} recommended properties missing"


def check_profile(catalog: Graph, profile: str) -> ProfileCheck:
    """Validate a catalogue against an official DCAT-AP release's shapes (``ontology/dcat-ap/``)."""
    from sikg.ontology import dcat_ap_shapes

    version = PROFILES[profile][0]
    violations, missing, texts = 0, 0, []
    for part in ("shapes", "range", "shapes_recommended"):
        _, results, text = pyshacl.validate(catalog, shacl_graph=Graph().parse(dcat_ap_shapes(version, part)),
                                            inference="none", allow_warnings=True)
        n = sum(1 for _ in results.objects(None, URIRef("http://www.w3.org/ns/shacl#result")))
        if part == "shapes_recommended":
            missing += n
        else:
            violations += n
            if n:
                texts.append(str(text))
    return ProfileCheck(profile, violations, missing, "\n".join(texts))


def published_data(store: Store, opts: ReleaseOptions, dataset: URIRef, dump_urls: list[str]) -> Store:
    """What a release publishes: the graph without its internal name index (``sikg:searchKey``,
    ``sikg:searchWord``: a lookup aid, not data), moved to the publisher's base IRI, with a graph
    stating the licence and the dataset every dump belongs to."""
    from pyoxigraph import DefaultGraph, NamedNode, Quad
    from pyoxigraph import Literal as Lit

    index = {str(SIKG_NS.searchKey), str(SIKG_NS.searchWord)}
    copy = Store()  # one pass: moved and without the index
    copy.bulk_extend(q for q in rebased_quads(store, opts.base_iri) if q.predicate.value not in index)
    g = NamedNode(opts.base_iri + "graph/release")
    ds, lic = NamedNode(str(dataset)), NamedNode(opts.licence)
    about = [Quad(ds, NamedNode(str(RDF.type)), NamedNode(str(DCAT.Dataset)), g),
             Quad(ds, NamedNode(str(DCTERMS.license)), lic, g),
             Quad(ds, NamedNode(str(DCTERMS.title)), Lit("Baltic social-innovation knowledge graph", language="en"), g)]
    for url in dump_urls:
        about += [Quad(NamedNode(url), NamedNode(str(VOID.inDataset)), ds, g),
                  Quad(NamedNode(url), NamedNode(str(DCTERMS.license)), lic, g)]
    copy.bulk_extend(about)
    copy.bulk_extend(Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in about)
    return copy


HISTORY = "history.json"


def _release_dates(releases: Path, graph_digest: str, issued: dt.date | None, today: dt.date
                   ) -> tuple[dt.date, dt.date, dict]:
    """When the dataset was first released (``issued``) and last changed (``modified``), from the record
    kept beside the release and the digest of the graph's N-Quads dump; and the record to keep once the
    release is in place.  Publishing the same graph again changes neither (nor any byte)."""
    try:
        seen = json.loads((releases / HISTORY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        seen = {}
    issued = issued or iso_date(seen.get("issued")) or today
    modified = (iso_date(seen.get("modified")) if seen.get("graph") == graph_digest else None) or today
    return issued, modified, {"issued": issued.isoformat(), "modified": modified.isoformat(), "graph": graph_digest}


def rebased_quads(store: Store, base_iri: str):
    """The store's quads (not the projections) with the data's IRIs (``id/`` and ``graph/``) moved to ``base_iri``, for a
    publisher that serves the graph under its own domain; the ontology's terms stay where they are."""
    from pyoxigraph import DefaultGraph, NamedNode, Quad

    data = (q for q in store if not is_projection(q.graph_name))  # derived, for our own queries only
    if base_iri == IRIS.base:
        yield from data
        return

    def move(term):
        if isinstance(term, NamedNode) and IRIS.is_minted(term.value):
            return NamedNode(base_iri + term.value[len(IRIS.base):])
        return term

    for q in data:
        yield Quad(move(q.subject), move(q.predicate), move(q.object),
                   q.graph_name if isinstance(q.graph_name, DefaultGraph) else move(q.graph_name))


#: The names sikg gives release versions; nothing else beside a release is ever removed.
_RELEASE_NAME = re.compile(r"^\d{8}T\d{6}-\d+-[0-9a-f]{6}(\.partial)?$")


def _claim_release(out: Path) -> Path:
    """The folder of ``out``'s versions (``.NAME.releases`` beside it); ``out`` itself becomes a link to
    the current version.  A real folder at ``out`` made by an earlier sikg is moved in as a version;
    any other real folder there is refused."""
    releases = out.parent / f".{out.name}.releases"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        releases.mkdir(exist_ok=True)
        if out.exists() and not out.is_symlink():
            if not (out.is_dir() and (out / "SHA256SUMS").is_file() and (out / "catalog.ttl").is_file()):
                raise PublishError(f"{out}: not a sikg release (no SHA256SUMS and catalog.ttl); give another --out")
            legacy = releases / f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{os.urandom(3).hex()}"
            out.rename(legacy)
            os.symlink(os.path.relpath(legacy, out.parent), out)
    except OSError as exc:
        raise PublishError(f"{out}: cannot write the release here ({exc.strerror or exc})") from None
    return releases


def _collect_releases(out: Path, releases: Path, keep: set[Path | None]) -> None:
    """Remove older release versions (but the current and the previous one), half-written ones,
    stale link files, and what an older sikg's interrupted publishes left (``.NAME.XXXXXXXX``)."""
    kept = {k.resolve() for k in keep if k is not None}
    for old in releases.iterdir():
        if _RELEASE_NAME.match(old.name) and old.resolve() not in kept:
            shutil.rmtree(old, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.*"):
        legacy_tmp = re.fullmatch(rf"\.{re.escape(out.name)}\.([a-z0-9_]{{8}}|old|link-.*)", stale.name)
        if legacy_tmp and stale != releases:
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)


def publish(store: Store, out: Path, opts: ReleaseOptions | None = None, today: dt.date | None = None) -> Release:
    """Write the release folder atomically; PublishError if the descriptions fail their shapes."""
    opts = replace(opts or ReleaseOptions())
    try:
        check_base_iri(opts.base_iri)
    except ValueError as exc:
        raise PublishError(f"--base-iri: {exc}") from None
    opts.licence = licence_iri(opts.licence)
    today = today or dt.date.today()
    out = Path(out)
    download_base = (opts.download_url or opts.base_iri + "release/").rstrip("/") + "/"
    dataset = URIRef(opts.base_iri + "dataset")
    store = published_data(store, opts, dataset, [download_base + name for name, *_ in DUMPS])
    releases = _claim_release(out)
    stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{os.urandom(3).hex()}"
    tmp = releases / f"{stamp}.partial"
    try:
        tmp.mkdir()
        dumps = []
        for name, fmt, media, ftype in DUMPS:
            raw = export_bytes(store, fmt)
            data = _gzip(raw)
            (tmp / name).write_bytes(data)
            statements = sizes(store)[0 if fmt == "nquads" else 1]
            dumps.append(Dump(name, media, ftype, len(data), hashlib.sha256(data).hexdigest(), statements,
                              hashlib.sha1(data).hexdigest()))
        nquads = next(d.sha256 for d in dumps if d.media_type == "application/n-quads")
        opts.issued, today, history = _release_dates(releases, nquads, opts.issued, today)
        (tmp / "SHA256SUMS").write_text("".join(f"{d.sha256}  {d.name}\n" for d in dumps), encoding="utf-8")
        shutil.copy(context_path(), tmp / "context.jsonld")
        catalog = catalog_description(store, opts, dataset, dumps, download_base, today)
        void = void_description(store, opts, dataset, [download_base + d.name for d in dumps])
        ok, report = check_release(catalog, void)
        if not ok:
            raise PublishError("the release descriptions fail ontology/dcat-ap-shapes.ttl:\n" + report)
        checks = []
        for profile, (_, variant, file_name) in PROFILES.items():
            described = catalog if variant == "3" else catalog_description(store, opts, dataset, dumps,
                                                                           download_base, today, variant)
            check = check_profile(described, profile)
            if not check.conforms:
                raise PublishError(f"the catalogue fails the official {profile} shapes "
                                   f"({check.violations} violations):\n{check.text}")
            checks.append(check)
            if variant != "3":
                (tmp / file_name).write_bytes(described.serialize(format="turtle").encode("utf-8"))
        (tmp / "catalog.ttl").write_bytes(catalog.serialize(format="turtle").encode("utf-8"))
        (tmp / "void.ttl").write_bytes(void.serialize(format="turtle").encode("utf-8"))
        tmp.chmod(0o755)
        fault_point("publish-written")
        final = releases / stamp
        tmp.rename(final)
        previous = out.resolve() if out.is_symlink() else None
        link_tmp = out.with_name(f".{out.name}.link-{stamp}")
        os.symlink(os.path.relpath(final, out.parent), link_tmp)
        fault_point("publish-link-written")
        os.replace(link_tmp, out)  # the atomic step: readers see the old release or the new, whole
        fault_point("publish-swapped")
        fsync_dir(out.parent)
        record = releases / f".{HISTORY}.tmp"  # the dates change only with a release that is in place
        record.write_text(json.dumps(history, indent=1), encoding="utf-8")
        record.replace(releases / HISTORY)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise PublishError(f"{out}: cannot write the release ({exc.strerror or exc}); the previous release "
                           "is unchanged") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _collect_releases(out, releases, keep={final, previous})
    return Release(out, dumps, catalog, void, checks)
