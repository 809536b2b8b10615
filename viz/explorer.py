"""The partnership explorer: one HTML page (sigma.js + graphology, bundled in ``viz/static/``) that
`sikg viz` writes as a self-contained file and `sikg serve` serves at ``/explore``.

The page carries the network as data (names, types, countries, aliases, source articles with their
dates, relations with roles) and works out its views itself: the whole network, partnerships
(organisations linked by the projects they share), funding flows (funder → programme → project →
organisations) and a country summary.  Its layout is ForceAtlas2 from positions fixed by the node
IRIs, run once in a web worker and kept in the browser, so the same graph always looks the same
and no filter moves a node.  The interface is in Latvian and English (``?lang=``); the URL holds
the view, focus, filters and camera.  The bundle is made from ``viz/explorer`` (npm packages
pinned by its lockfile) by ``scripts/build_explorer``; their licences are in ``static/LICENSES.txt``.

Every name is data: it goes into the page as JSON (``<`` escaped) and onto the page as text.

>>> g = nx.MultiDiGraph()
>>> g.add_node("https://w3id.org/sikg/id/organisation/a", type="Organisation", label="<b>A</b>", country="LV")
>>> page = explorer_page(explorer_data(g))
>>> "<b>A</b>" in page, "\\\\u003cb\\\\u003eA" in page
(False, True)
"""
from __future__ import annotations

import html
import json
from functools import cache
from importlib.resources import files
from pathlib import Path

import networkx as nx

from sikg.files import write_atomically
from sikg.loaders.gazetteer import load_countries
from sikg.ontology import IRIS

#: The views the page offers, the first its default.
EXPLORER_VIEWS = ("full", "partnerships", "funding", "countries")
LANGUAGES = ("lv", "en")
#: Node colours by type (Tableau 10), also the legend's order.
TYPE_COLOURS = {
    "Organisation": "#4e79a7", "Project": "#f28e2b", "Programme": "#e15759", "Person": "#76b7b2",
    "Country": "#59a14f", "Place": "#8cd17d", "Event": "#b07aa1",
}
#: Bump when the layout code changes, so that browsers lay the graphs out again.
LAYOUT_VERSION = 2


def _resource(*parts: str) -> Path:
    return Path(str(files("sikg.viz").joinpath(*parts)))


@cache
def strings() -> dict:
    """The interface's words in each language (``viz/templates/explorer-strings.json``)."""
    return json.loads(_resource("templates", "explorer-strings.json").read_text(encoding="utf-8"))


class BundleMissing(FileNotFoundError):
    """The explorer's script bundle is not built (scripts/build_explorer makes it)."""


def bundle() -> tuple[str, str]:
    """(the script, the style sheet) of the explorer, from ``viz/static/``."""
    js, css = _resource("static", "explorer.js"), _resource("static", "explorer.css")
    if not js.exists() or not css.exists():
        raise BundleMissing(f"{js}: the explorer bundle is missing; run scripts/build_explorer")
    return js.read_text(encoding="utf-8"), css.read_text(encoding="utf-8")


def explorer_data(g: nx.Graph | nx.MultiDiGraph, *, lang: str = "lv", base_url: str | None = None,
                  initial: dict | None = None) -> dict:
    """The page's data from a network (``viz.networks.load_network`` or a view of it)."""
    articles: list[dict] = []
    article_index: dict[str, int] = {}
    nodes = []
    for n, d in sorted(g.nodes(data=True), key=lambda x: x[0]):
        refs, years = [], set()
        for a in d.get("articles", []):
            if a.iri not in article_index:
                article_index[a.iri] = len(articles)
                articles.append({"title": a.title, "url": a.url, "date": a.issued})
            refs.append(article_index[a.iri])
            if a.issued and a.issued[:4].isdigit():
                years.add(int(a.issued[:4]))
        if d.get("date") and str(d["date"])[:4].isdigit():
            years.add(int(str(d["date"])[:4]))
        nodes.append({"id": n, "label": d.get("label", n), "type": d.get("type", "Organisation"),
                      "country": d.get("country"), "aliases": list(d.get("aliases", [])),
                      "articles": refs, "years": sorted(years)})
    edges, funders = [], set()
    for s, o, d in g.edges(data=True):
        relation = d.get("relation", "")
        edges.append({"s": s, "t": o, "r": relation, **({"o": d["role"]} if d.get("role") else {})})
        if relation == "fundedBy" or (relation == "manages" and s in g):
            funders.add(o if relation == "fundedBy" else s)
    labels = {n["id"]: n["label"] for n in nodes}
    gazetteer = load_countries()
    codes = sorted({n["country"] for n in nodes if n["country"]})
    countries = []
    for code in codes:
        entry = gazetteer.by_iso(code)
        countries.append({"code": code, "name": {"lv": entry.lv if entry else code, "en": entry.en if entry else code}})
    return {
        "lang": lang if lang in LANGUAGES else LANGUAGES[0],
        "views": list(EXPLORER_VIEWS),
        "types": [{"name": t, "color": c} for t, c in TYPE_COLOURS.items()],
        "nodes": nodes, "edges": edges, "articles": articles, "countries": countries,
        "countryNodes": {c: IRIS.country(c) for c in codes if IRIS.country(c) in g},
        "funders": sorted((f for f in funders if f in labels), key=lambda f: labels[f].casefold()),
        "strings": strings(), "pageBase": base_url.rstrip("/") if base_url is not None else None,
        "layoutVersion": LAYOUT_VERSION, "initial": initial or {},
    }


def _json_for_script(data) -> str:
    """JSON safe inside <script>: no "</script>", no "<!--", no line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def explorer_page(data: dict, title: str | None = None) -> str:
    """The whole page, self-contained: script, style and data inlined, nothing fetched."""
    js, css = bundle()
    lang = data["lang"]
    title = title or strings()[lang]["title"]
    options = "".join(f'<option value="{v}">{html.escape(strings()[lang]["view_" + v])}</option>'
                      for v in data["views"])
    template = _resource("templates", "explorer.html").read_text(encoding="utf-8")
    # each placeholder once, data last: a name in the data that looks like a placeholder stays a name
    page = template.replace("__LANG__", lang).replace("__TITLE__", html.escape(title)) \
        .replace("__VIEW_OPTIONS__", options).replace("__CSS__", css)
    head, _, tail = page.partition("__JS__")
    page = head + js.replace("</script", "<\\/script") + tail
    head, _, tail = page.partition("__DATA__")
    return head + _json_for_script(data) + tail


def write_explorer(g: nx.Graph | nx.MultiDiGraph, path: Path, *, lang: str = "lv", title: str | None = None,
                   initial: dict | None = None) -> int:
    """Write the explorer of ``g`` as one HTML file, atomically; its size in bytes."""
    return write_atomically(path, explorer_page(explorer_data(g, lang=lang, initial=initial), title))
