"""One self-contained HTML file for a network: vis-network, CSS and data inlined, no CDN.

The vis-network script is the copy bundled in the ``pyvis`` package (read from disk, inlined).
Every name is data: it goes into the page as JSON (``<`` escaped) and onto the page with
``textContent``, so ``<img src=x onerror=alert(1)>`` shows as text and never runs.
"""
from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path

import networkx as nx

TYPE_STYLE = {
    "Organisation": {"color": "#4e79a7", "shape": "dot"},
    "Project": {"color": "#f28e2b", "shape": "diamond"},
    "Programme": {"color": "#e15759", "shape": "star"},
    "Person": {"color": "#76b7b2", "shape": "triangle"},
    "Country": {"color": "#59a14f", "shape": "square"},
    "Place": {"color": "#8cd17d", "shape": "triangleDown"},
    "Event": {"color": "#b07aa1", "shape": "hexagon"},
}


@cache
def vis_network_js() -> str:
    """vis-network's standalone build, from the pyvis package (no network needed)."""
    root = Path(str(files("pyvis")))
    for candidate in sorted(root.glob("**/vis-9*/vis-network.min.js"), reverse=True):
        return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError("vis-network.min.js not found in the pyvis package")


def _json_for_script(data) -> str:
    """JSON safe inside <script>: no "</script>", no "<!--"."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def network_data(g: nx.Graph | nx.MultiDiGraph, base_url: str | None = None) -> dict:
    """Nodes and edges as the page's data: names, type, country, degree, articles; relation labels."""
    degree = dict(g.degree())
    funders: dict[str, list[str]] = {}
    for s, o, d in g.edges(data=True):
        if d.get("relation") == "fundedBy":
            funders.setdefault(s, []).append(o)
    nodes = []
    for n, d in g.nodes(data=True):
        articles = [{"iri": a.iri, "title": a.title, "url": a.url} for a in d.get("articles", [])]
        nodes.append({
            "id": n, "label": d.get("label", n), "type": d.get("type", "?"), "aliases": d.get("aliases", []),
            "country": d.get("country"), "degree": degree.get(n, 0), "articles": articles,
            "funders": funders.get(n, []),
            "page": (base_url.rstrip("/") + "/" + n.split("/id/", 1)[1]) if base_url and "/id/" in n else n,
        })
    edges = []
    for i, (s, o, d) in enumerate(g.edges(data=True)):
        label = d.get("relation", "")
        if d.get("weight", 1) > 1:
            label = f"{label} ×{d['weight']}"
        edges.append({"id": i, "from": s, "to": o, "label": label, "role": d.get("role"),
                      "width": min(8, d.get("weight", 1))})
    return {"nodes": nodes, "edges": edges, "types": TYPE_STYLE}


def render(g: nx.Graph | nx.MultiDiGraph, title: str = "Baltic social-innovation network",
           base_url: str | None = None) -> str:
    """The whole page as a string."""
    data = network_data(g, base_url)
    return (PAGE.replace("__TITLE__", _escape(title))
                .replace("__VIS__", vis_network_js().replace("</script", "<\\/script"))
                .replace("__DATA__", _json_for_script(data)))


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def write(g, path: Path, title: str = "Baltic social-innovation network", base_url: str | None = None) -> int:
    """Write the page atomically; returns its size in bytes."""
    page = render(g, title, base_url).encode("utf-8")
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(page)
    tmp.replace(path)
    return len(page)


PAGE = """<!doctype html>
<html lang="lv"><head><meta charset="utf-8"><title>__TITLE__</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
html,body{margin:0;height:100%;font-family:system-ui,sans-serif;font-size:14px;color:#222}
#app{display:flex;height:100%}
#side{width:22rem;padding:.8rem;overflow:auto;border-right:1px solid #ddd;background:#fafafa}
#net{flex:1;position:relative}
#search{width:100%;padding:.4rem;font-size:1rem;box-sizing:border-box}
fieldset{border:1px solid #ddd;margin:.6rem 0;padding:.4rem}
legend{font-weight:600}
.sw{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin-right:.3rem;vertical-align:middle}
#details h3{margin:.4rem 0}#details ul{padding-left:1.1rem;margin:.2rem 0}
#status{color:#555;font-size:.85rem}
select{width:100%}
</style></head><body>
<div id="app"><div id="side">
<h2 style="margin:.2rem 0">__TITLE__</h2>
<input id="search" type="search" placeholder="Meklēt / search: name or alias" list="names" autocomplete="off">
<datalist id="names"></datalist>
<div id="status"></div>
<fieldset><legend>Type</legend><div id="types"></div></fieldset>
<fieldset><legend>Country</legend><select id="country" multiple size="5"></select></fieldset>
<fieldset><legend>Funder</legend><select id="funder"><option value="">(all)</option></select></fieldset>
<div id="details"><p>Click a node to see its names, relations and sources.</p></div>
</div><div id="net"></div></div>
<script>__VIS__</script>
<script type="application/json" id="sikg-data">__DATA__</script>
<script>
"use strict";
const DATA = JSON.parse(document.getElementById("sikg-data").textContent);
const byId = new Map(DATA.nodes.map(n => [n.id, n]));
const fold = s => s.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
const maxDeg = Math.max(1, ...DATA.nodes.map(n => n.degree));
const nodes = new vis.DataSet(DATA.nodes.map(n => ({
  id: n.id, label: n.label.length > 40 ? n.label.slice(0, 38) + "…" : n.label,
  color: (DATA.types[n.type] || {}).color || "#999", shape: (DATA.types[n.type] || {}).shape || "dot",
  size: 8 + 22 * Math.sqrt(n.degree / maxDeg)})));
const edges = new vis.DataSet(DATA.edges.map(e => ({id: e.id, from: e.from, to: e.to, label: e.label,
  arrows: "to", width: e.width, font: {size: 9, color: "#666"}, color: {color: "#bbb"}})));
const state = {types: new Set(Object.keys(DATA.types)), countries: new Set(), funder: ""};
function visible(n) {
  if (!state.types.has(n.type)) return false;
  if (state.countries.size && !state.countries.has(n.country || "")) {
    if (!(n.type === "Project" || n.type === "Programme" || n.type === "Event")) return false;
  }
  if (state.funder) {
    if (n.id === state.funder) return true;
    if (!n.funders.includes(state.funder) && !DATA.edges.some(e => (e.from === n.id && n.funders.length === 0 &&
        byId.get(e.to) && byId.get(e.to).funders.includes(state.funder)))) return false;
  }
  return true;
}
const nodeView = new vis.DataView(nodes, {filter: item => visible(byId.get(item.id))});
const edgeView = new vis.DataView(edges);
const container = document.getElementById("net");
const big = DATA.nodes.length > 1000, small = DATA.nodes.length <= 300;
const network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, {
  layout: {improvedLayout: small},
  physics: {solver: "barnesHut", barnesHut: {gravitationalConstant: -4000, springLength: 120, theta: big ? 0.8 : 0.5},
            stabilization: {iterations: small ? 300 : (big ? 80 : 120), updateInterval: 50}},
  interaction: {hover: true, tooltipDelay: 200, hideEdgesOnDrag: big},
  edges: {smooth: !big}});
window.sikgNetwork = network;
window.sikgStable = false;
network.once("stabilizationIterationsDone", () => {
  network.setOptions({physics: false}); window.sikgStable = true;
  document.getElementById("status").textContent = DATA.nodes.length + " nodes, " + DATA.edges.length + " edges";
});
function el(tag, text, attrs) { const x = document.createElement(tag); if (text !== undefined) x.textContent = text;
  for (const [k, v] of Object.entries(attrs || {})) x.setAttribute(k, v); return x; }
function safeUrl(u) { return typeof u === "string" && /^https?:\\/\\//i.test(u) ? u : null; }
function showDetails(id) {
  const n = byId.get(id), box = document.getElementById("details");
  box.replaceChildren();
  if (!n) return;
  box.appendChild(el("h3", n.label));
  box.appendChild(el("div", n.type + (n.country ? " · " + n.country : "")));
  const page = safeUrl(n.page); if (page) { const a = el("a", "entity page", {href: page}); box.appendChild(a); }
  if (n.aliases.length) { box.appendChild(el("h4", "Also written")); const ul = el("ul");
    n.aliases.forEach(a => ul.appendChild(el("li", a))); box.appendChild(ul); }
  const rel = DATA.edges.filter(e => e.from === id || e.to === id);
  if (rel.length) { box.appendChild(el("h4", "Relations")); const ul = el("ul");
    rel.forEach(e => { const other = byId.get(e.from === id ? e.to : e.from);
      const text = e.from === id ? e.label + " → " + (other ? other.label : e.to) : (other ? other.label : e.from) + " → " + e.label;
      ul.appendChild(el("li", text + (e.role ? " (" + e.role + ")" : ""))); });
    box.appendChild(ul); }
  if (n.articles.length) { box.appendChild(el("h4", "Sources")); const ul = el("ul");
    n.articles.forEach(a => { const li = el("li"); const u = safeUrl(a.url);
      if (u) li.appendChild(el("a", a.title, {href: u, target: "_blank", rel: "noopener noreferrer"}));
      else li.appendChild(el("span", a.title)); ul.appendChild(li); });
    box.appendChild(ul); }
}
network.on("click", p => { if (p.nodes.length) showDetails(p.nodes[0]); });
function search(q) {
  const k = fold(q.trim()); if (!k) return null;
  let hit = DATA.nodes.find(n => [n.label, ...n.aliases].some(x => fold(x) === k));
  if (!hit) hit = DATA.nodes.find(n => [n.label, ...n.aliases].some(x => fold(x).includes(k)));
  if (!hit) { document.getElementById("status").textContent = "not found: " + q; return null; }
  if (!visible(hit)) { state.types.add(hit.type); nodeView.refresh(); }
  network.selectNodes([hit.id]); network.focus(hit.id, {scale: 1.2, animation: false}); showDetails(hit.id);
  document.getElementById("status").textContent = "selected: " + hit.label;
  return hit.id;
}
window.sikgSearch = search;
const input = document.getElementById("search");
input.addEventListener("keydown", ev => { if (ev.key === "Enter") search(input.value); });
input.addEventListener("change", () => search(input.value));
const names = document.getElementById("names");
DATA.nodes.forEach(n => [n.label, ...n.aliases].forEach(x => names.appendChild(el("option", undefined, {value: x}))));
const types = document.getElementById("types");
Object.entries(DATA.types).forEach(([t, s]) => { const lab = el("label"); const cb = el("input", undefined, {type: "checkbox"});
  cb.checked = true; cb.dataset.type = t;
  cb.addEventListener("change", () => { cb.checked ? state.types.add(t) : state.types.delete(t); nodeView.refresh(); });
  const sw = el("span", undefined, {class: "sw"}); sw.style.background = s.color;
  lab.append(cb, sw, document.createTextNode(t + " (" + DATA.nodes.filter(n => n.type === t).length + ")"));
  types.appendChild(lab); types.appendChild(el("br")); });
const country = document.getElementById("country");
[...new Set(DATA.nodes.map(n => n.country).filter(Boolean))].sort().forEach(c => country.appendChild(el("option", c, {value: c})));
country.addEventListener("change", () => { state.countries = new Set([...country.selectedOptions].map(o => o.value)); nodeView.refresh(); });
const funder = document.getElementById("funder");
[...new Set(DATA.nodes.flatMap(n => n.funders))].map(id => byId.get(id)).filter(Boolean)
  .sort((a, b) => a.label.localeCompare(b.label)).forEach(f => funder.appendChild(el("option", f.label, {value: f.id})));
funder.addEventListener("change", () => { state.funder = funder.value; nodeView.refresh(); });
window.sikgVisibleCount = () => nodeView.length;
</script></body></html>
"""
