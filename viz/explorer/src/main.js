// The partnership explorer: sigma.js (WebGL) over graphology, one page, no request to another host.
// Data come from the page (<script type="application/json" id="sikg-data">, made by viz/explorer.py);
// every name is put on the page as text, never as HTML.
import Graph from "graphology";
import louvain from "graphology-communities-louvain";
import Sigma from "sigma";

performance.mark("sikg-start");
const DATA = JSON.parse(document.getElementById("sikg-data").textContent);
performance.mark("sikg-parsed");
const STRINGS = DATA.strings;
const TYPES = DATA.types; // [{name, color}]
const TYPE_COLOR = Object.fromEntries(TYPES.map((t) => [t.name, t.color]));
const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
  "#9c755f", "#bab0ac", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];
//: Edges answer hover and click while at most this many are shown: sigma draws every shown edge a
//: second time, into its picking buffer, at every frame, which doubles the cost of a frame where
//: WebGL is drawn in software (10,000 nodes: 1.1 s a frame with, 0.5 s without). Filters that hide
//: edges bring hover back.
const EDGE_EVENTS_UP_TO = 5000;

function shownEdges() {
  let n = 0;
  graph.forEachEdge((e, a, s, tt) => { if (visible.has(s) && visible.has(tt)) n += 1; });
  return n;
}
const DIRECTED = new Set(["fundedBy", "partnerIn", "coordinates", "organises", "manages", "memberOf", "worksFor",
  "participatesIn", "heldIn", "locatedIn", "partOf"]);
const $ = (id) => document.getElementById(id);

// ------------------------------------------------------------------ state (the URL holds it)
const params = new URLSearchParams(location.search);
const state = {
  lang: STRINGS[params.get("lang")] ? params.get("lang") : DATA.lang,
  view: "full", focus: null, depth: 1, colour: "type", size: "degree",
  types: new Set(TYPES.map((t) => t.name)), countries: new Set(), funder: null, from: null, to: null,
  camera: null,
};
const t = (key) => (STRINGS[state.lang] || STRINGS.en)[key] ?? key;

function readHash() {
  // what `sikg viz --view/--focus/--country` asked for, unless the URL says otherwise
  const h = new URLSearchParams(location.hash.slice(1) || new URLSearchParams(DATA.initial || {}).toString());
  if (h.get("view") && DATA.views.includes(h.get("view"))) state.view = h.get("view");
  if (h.get("focus")) state.focus = h.get("focus");
  if (h.get("depth")) state.depth = h.get("depth") === "2" ? 2 : 1;
  if (h.get("colour")) state.colour = h.get("colour");
  if (h.get("size")) state.size = h.get("size");
  if (h.has("types")) state.types = new Set(h.get("types").split(",").filter((x) => TYPE_COLOR[x]));
  if (h.get("countries")) state.countries = new Set(h.get("countries").split(",").filter(Boolean));
  if (h.get("funder")) state.funder = h.get("funder");
  if (h.get("from")) state.from = parseInt(h.get("from"), 10) || null;
  if (h.get("to")) state.to = parseInt(h.get("to"), 10) || null;
  if (h.get("lang") && STRINGS[h.get("lang")]) state.lang = h.get("lang");
  const c = (h.get("camera") || "").split(",").map(Number);
  state.camera = c.length === 3 && c.every(Number.isFinite) ? { x: c[0], y: c[1], ratio: c[2] } : null;
}

let hashTimer = null;
function writeHash() {
  clearTimeout(hashTimer);
  hashTimer = setTimeout(() => {
    const h = new URLSearchParams();
    h.set("view", state.view);
    if (state.focus) { h.set("focus", state.focus); h.set("depth", String(state.depth)); }
    if (state.colour !== "type") h.set("colour", state.colour);
    if (state.size !== "degree") h.set("size", state.size);
    if (state.types.size !== TYPES.length) h.set("types", [...state.types].join(","));
    if (state.countries.size) h.set("countries", [...state.countries].join(","));
    if (state.funder) h.set("funder", state.funder);
    if (state.from) h.set("from", String(state.from));
    if (state.to) h.set("to", String(state.to));
    if (state.lang !== DATA.lang) h.set("lang", state.lang);
    if (renderer) {
      const c = renderer.getCamera().getState();
      h.set("camera", [c.x, c.y, c.ratio].map((v) => +v.toFixed(4)).join(","));
    }
    history.replaceState(null, "", "#" + h.toString());
  }, 150);
}

// ------------------------------------------------------------------ the data as graphs, one per view
const nodeById = new Map(DATA.nodes.map((n) => [n.id, n]));
const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
  .replace(/[“”„"'«»]/g, "").replace(/\s+/g, " ").trim();
// A crude Latvian stem: endings differ between the cases of one name ("centra", "centrs").
const stem = (w) => (w.length > 5 ? w.slice(0, -2) : w.length > 3 ? w.slice(0, -1) : w);
for (const n of DATA.nodes) {
  n.keys = [n.label, ...(n.aliases || [])].map(fold);
  n.stems = [...new Set(n.keys.flatMap((k) => k.split(" ").map(stem)))];
}

function fullGraph() {
  const g = new Graph({ type: "directed", multi: true });
  for (const n of DATA.nodes) g.addNode(n.id, {});
  for (const e of DATA.edges) if (g.hasNode(e.s) && g.hasNode(e.t)) g.addDirectedEdge(e.s, e.t, { rel: e.r, role: e.o });
  return g;
}

function partnershipGraph() {
  const g = new Graph({ type: "undirected" });
  const members = new Map();
  for (const e of DATA.edges) {
    if ((e.r === "partnerIn" || e.r === "coordinates") && nodeById.get(e.s)?.type === "Organisation") {
      if (!members.has(e.t)) members.set(e.t, new Set());
      members.get(e.t).add(e.s);
    }
  }
  for (const [project, orgs] of members) {
    const list = [...orgs].sort();
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]];
        if (!g.hasNode(a)) g.addNode(a, {});
        if (!g.hasNode(b)) g.addNode(b, {});
        if (g.hasEdge(a, b)) g.getEdgeAttribute(a, b, "projects").push(project);
        else g.addUndirectedEdge(a, b, { rel: "partners", projects: [project] });
      }
    }
  }
  return g;
}

function fundingGraph() {
  // funder -> programme -> project -> organisations: edges drawn in the direction money flows
  const g = new Graph({ type: "directed", multi: true });
  const add = (s, t, rel) => {
    for (const n of [s, t]) if (!g.hasNode(n)) g.addNode(n, {});
    g.addDirectedEdge(s, t, { rel });
  };
  for (const e of DATA.edges) {
    if (e.r === "manages") add(e.s, e.t, "manages");
    else if (e.r === "fundedBy") add(e.t, e.s, "funds");
    else if (e.r === "partnerIn" || e.r === "coordinates") add(e.t, e.s, e.r === "coordinates" ? "coordinatedBy" : "hasPartner");
  }
  return g;
}

function countryGraph() {
  // countries, linked by how many partnerships cross between them
  const g = new Graph({ type: "undirected" });
  const pg = partnershipGraph();
  pg.forEachEdge((edge, attrs, a, b) => {
    const ca = nodeById.get(a).country, cb = nodeById.get(b).country;
    if (!ca || !cb || ca === cb) return;
    const [x, y] = [DATA.countryNodes[ca], DATA.countryNodes[cb]];
    if (!x || !y) return;
    for (const n of [x, y]) if (!g.hasNode(n)) g.addNode(n, {});
    if (g.hasEdge(x, y)) g.updateEdgeAttribute(x, y, "weight", (w) => w + 1);
    else g.addUndirectedEdge(x, y, { rel: "partnerships", weight: 1 });
  });
  return g;
}

const BUILDERS = { full: fullGraph, partnerships: partnershipGraph, funding: fundingGraph, countries: countryGraph };

// ------------------------------------------------------------------ layout: computed once, kept
function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); }
  return h >>> 0;
}

function seeded(graph) {
  // a fixed start from the node IRIs alone: each node at a place its IRI's hash gives, in a disc
  const radius = Math.sqrt(graph.order) * 10;
  graph.forEachNode((n) => {
    const h = hash(n), r = Math.sqrt(((h % 10007) / 10007)), a = (((h >>> 8) % 6283) / 1000);
    graph.mergeNodeAttributes(n, { x: Math.cos(a) * r * radius, y: Math.sin(a) * r * radius });
  });
}

function mulberry(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let z = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    z = (z + Math.imul(z ^ (z >>> 7), 61 | z)) ^ z;
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

function layoutKey(view, graph) {
  let h = hash(view + ":" + graph.order + ":" + graph.size);
  graph.forEachNode((n) => { h = hash(h + n); });
  return "sikg-layout-" + DATA.layoutVersion + "-" + view + "-" + h.toString(36);
}

function cachedLayout(view, graph) {
  // the layout kept from an earlier visit if there is one, else the seeded start: (done?, key)
  const key = layoutKey(view, graph);
  try {
    const saved = JSON.parse(localStorage.getItem(key) || "null");
    if (saved && saved.length === graph.order * 2) {
      let i = 0;
      graph.forEachNode((n) => { graph.mergeNodeAttributes(n, { x: saved[i++], y: saved[i++] }); });
      return [true, key];
    }
  } catch { /* storage refused: lay out again */ }
  seeded(graph);
  return [graph.size === 0, key];
}

function communities() {
  // Louvain communities (seeded), worked out when first asked for (colour by community)
  if (graph.getAttribute("communities")) return;
  const simple = new Graph({ type: "undirected" });
  graph.forEachNode((n) => simple.addNode(n));
  graph.forEachEdge((e, a, s, tt) => { if (s !== tt && !simple.hasEdge(s, tt)) simple.addEdge(s, tt); });
  const found = simple.size ? louvain(simple, { rng: mulberry(7) }) : {};
  graph.forEachNode((n) => graph.setNodeAttribute(n, "community", found[n] ?? 0));
  graph.setAttribute("communities", true);
}

function runLayout(graph, key) {
  const nodes = graph.nodes(), index = new Map(nodes.map((n, i) => [n, i]));
  const x = new Float64Array(nodes.length), y = new Float64Array(nodes.length);
  nodes.forEach((n, i) => { x[i] = graph.getNodeAttribute(n, "x"); y[i] = graph.getNodeAttribute(n, "y"); });
  const edges = new Uint32Array(graph.size * 2);
  let k = 0;
  graph.forEachEdge((e, a, s, tt) => { edges[k++] = index.get(s); edges[k++] = index.get(tt); });
  const iterations = graph.order > 20000 ? 60 : graph.order > 5000 ? 100 : graph.order > 1000 ? 200 : 400;
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([LAYOUT_WORKER_SOURCE], { type: "text/javascript" }));
    const worker = new Worker(url);
    worker.onerror = (err) => { worker.terminate(); reject(err); };
    worker.onmessage = ({ data }) => {
      if (data.progress !== undefined) { status(t("arranging") + " " + Math.round(data.progress * 100) + "%"); return; }
      nodes.forEach((n, i) => graph.mergeNodeAttributes(n, { x: data.x[i], y: data.y[i] }));
      worker.terminate();
      URL.revokeObjectURL(url);
      try {
        const flat = [];
        graph.forEachNode((n, a) => flat.push(+a.x.toFixed(2), +a.y.toFixed(2)));
        localStorage.setItem(key, JSON.stringify(flat));
        let i = 0;  // the kept (rounded) positions, so that this visit and the next look the same
        graph.forEachNode((n) => { graph.mergeNodeAttributes(n, { x: flat[i++], y: flat[i++] }); });
      } catch { /* too large to keep: laid out again next time, the same */ }
      resolve();
    };
    worker.postMessage({ nodes, x, y, edges, iterations }, [x.buffer, y.buffer, edges.buffer]);
  });
}

// ------------------------------------------------------------------ visibility (filters never move a node)
let graph = null, renderer = null, visible = new Set(), near = null;

function funderReach(funder) {
  // the funder, the programmes it manages, what they (or it) fund, and who takes part in that
  const reach = new Set([funder]);
  const out = (s, rels) => DATA.edges.filter((e) => e.s === s && rels.includes(e.r)).map((e) => e.t);
  const into = (t2, rels) => DATA.edges.filter((e) => e.t === t2 && rels.includes(e.r)).map((e) => e.s);
  for (const p of out(funder, ["manages"])) reach.add(p);
  const funded = [...reach].flatMap((f) => into(f, ["fundedBy"]));
  for (const x of funded) {
    reach.add(x);
    for (const o of into(x, ["partnerIn", "coordinates", "partOf"])) reach.add(o);
  }
  return reach;
}

function computeVisible() {
  visible = new Set();
  const reach = state.funder ? funderReach(state.funder) : null;
  const inCountries = new Set();
  if (state.countries.size) {
    for (const n of DATA.nodes) if (n.country && state.countries.has(n.country)) inCountries.add(n.id);
    // what the organisations there take part in, and the people who work for them
    for (const e of DATA.edges) {
      if (inCountries.has(e.s) && ["Project", "Programme", "Event"].includes(nodeById.get(e.t)?.type)) inCountries.add(e.t);
      if (inCountries.has(e.t) && e.r === "worksFor") inCountries.add(e.s);
    }
  }
  graph.forEachNode((id) => {
    const n = nodeById.get(id);
    if (state.view !== "countries" && !state.types.has(n.type)) return;
    if (state.countries.size && state.view !== "countries" && !inCountries.has(id)) return;
    if (reach && !reach.has(id)) return;
    if ((state.from || state.to) && n.years?.length) {
      if (!n.years.some((y) => (!state.from || y >= state.from) && (!state.to || y <= state.to))) return;
    } else if ((state.from || state.to) && !n.years?.length) return;
    visible.add(id);
  });
  near = null;
  if (state.focus && graph.hasNode(state.focus)) {
    near = new Set([state.focus]);
    let frontier = [state.focus];
    for (let d = 0; d < state.depth; d++) {
      const next = [];
      for (const f of frontier) graph.forEachNeighbor(f, (m) => { if (!near.has(m) && visible.has(m)) { near.add(m); next.push(m); } });
      frontier = next;
    }
  }
}

function sizes() {
  const values = {};
  let max = 1;
  graph.forEachNode((id) => {
    const n = nodeById.get(id);
    const v = state.size === "articles" ? (n.articles?.length || 0) : state.size === "none" ? 1 : graph.degree(id);
    values[id] = v; max = Math.max(max, v);
  });
  const big = graph.order > 5000 ? 10 : 16;
  for (const id in values) graph.setNodeAttribute(id, "size", 2 + (big * Math.sqrt(values[id])) / Math.sqrt(max));
}

function colours() {
  if (state.colour === "community") communities();
  const countryList = [...new Set(DATA.nodes.map((n) => n.country).filter(Boolean))].sort();
  graph.forEachNode((id, a) => {
    const n = nodeById.get(id);
    let colour = TYPE_COLOR[n.type] || "#999";
    if (state.colour === "country") colour = n.country ? PALETTE[countryList.indexOf(n.country) % PALETTE.length] : "#bbb";
    if (state.colour === "community") colour = PALETTE[(a.community ?? 0) % PALETTE.length];
    graph.setNodeAttribute(id, "color", colour);
  });
}

// ------------------------------------------------------------------ the picture
function nodeReducer(id, attrs) {
  const res = { ...attrs, label: nodeById.get(id).label };
  if (!visible.has(id)) { res.hidden = true; return res; }
  if (near && !near.has(id)) { res.color = "#e4e4e4"; res.label = ""; res.zIndex = 0; }
  else if (near) { res.zIndex = 1; res.forceLabel = id === state.focus || graph.order < 400; }
  if (id === state.focus) { res.highlighted = true; res.forceLabel = true; }
  return res;
}

function edgeReducer(edge, attrs) {
  const [s, tt] = graph.extremities(edge);
  const res = { ...attrs };
  if (!visible.has(s) || !visible.has(tt)) { res.hidden = true; return res; }
  if (near && !(near.has(s) && near.has(tt))) { res.color = "#f0f0f0"; }
  return res;
}

function edgeStyle() {
  const directed = graph.type === "directed";
  graph.forEachEdge((e, a) => {
    const count = a.projects?.length || a.weight || 1;
    graph.mergeEdgeAttributes(e, {
      type: directed ? "arrow" : "line", size: Math.min(8, 0.6 + Math.sqrt(count)), color: "#c8c8d0",
    });
  });
}

async function showView(view, keepCamera) {
  status(t("loading"));
  delete document.body.dataset.ready;
  state.view = view;
  graph = BUILDERS[view]();
  const started = performance.now();
  performance.mark("sikg-graph");
  const [laidOut, key] = cachedLayout(view, graph);
  sizes(); colours(); edgeStyle();
  computeVisible();
  performance.mark("sikg-styled");
  if (renderer) renderer.kill();
  renderer = new Sigma(graph, $("graph"), {
    nodeReducer, edgeReducer, zIndex: true, renderEdgeLabels: false, enableEdgeEvents: shownEdges() <= EDGE_EVENTS_UP_TO,
    labelDensity: 0.35, labelGridCellSize: 120, labelRenderedSizeThreshold: graph.order > 2000 ? 9 : 6,
    labelFont: "system-ui, sans-serif", minCameraRatio: 0.02, maxCameraRatio: 8, allowInvalidContainer: true,
    hideEdgesOnMove: graph.size > 5000, hideLabelsOnMove: graph.order > 5000,
  });
  renderer.on("clickNode", ({ node }) => focusOn(node));
  renderer.on("clickStage", () => { if (state.focus) focusOn(null); });
  renderer.on("enterEdge", ({ edge }) => status(edgeText(edge)));
  renderer.on("clickEdge", ({ edge }) => status(edgeText(edge)));
  renderer.getCamera().on("updated", writeHash);
  document.body.dataset.view = view;
  performance.mark("sikg-drawn");
  document.body.dataset.interactive = "true";  // search, filters and details work from here on
  window.sikgExplorer = api();
  renderFilters();
  renderDetails();
  if (!laidOut) {  // the first visit: the seeded picture is usable while the layout is worked out
    await runLayout(graph, key);
    renderer.refresh();
  }
  if (keepCamera && state.camera) renderer.getCamera().setState(state.camera);
  else if (state.focus) focusOn(state.focus);
  document.body.dataset.ready = "true";
  status(`${visible.size.toLocaleString()} / ${graph.order.toLocaleString()} ${t("nodes")} · ${Math.round(performance.now() - started)} ms`);
  writeHash();
}

function refresh() {
  computeVisible();
  const edgeEvents = shownEdges() <= EDGE_EVENTS_UP_TO;
  if (renderer && renderer.getSetting("enableEdgeEvents") !== edgeEvents) renderer.setSetting("enableEdgeEvents", edgeEvents);
  renderer?.refresh();
  renderDetails();
  writeHash();
}

function focusOn(id) {
  state.focus = id && graph.hasNode(id) ? id : null;
  refresh();
  if (state.focus) {
    const d = renderer.getNodeDisplayData(state.focus);
    if (d) renderer.getCamera().animate({ x: d.x, y: d.y, ratio: Math.min(renderer.getCamera().ratio, 0.5) }, { duration: 300 });
  }
}

// ------------------------------------------------------------------ words
function relationText(rel, outgoing) {
  const r = STRINGS[state.lang].relations[rel];
  return r ? (outgoing ? r.out : r.in) : rel;
}

function edgeText(edge) {
  const a = graph.getEdgeAttributes(edge);
  const [s, tt] = graph.extremities(edge);
  const name = (x) => nodeById.get(x)?.label || x;
  if (a.projects) return `${name(s)} — ${name(tt)}: ${t("shared")} ${a.projects.map(name).join(", ")}`;
  if (a.weight) return `${name(s)} — ${name(tt)}: ${a.weight} ${t("partnershipsCount")}`;
  return `${name(s)} ${relationText(a.rel, true)} ${name(tt)}`;
}

function status(text) { $("status").textContent = text; }

// ------------------------------------------------------------------ search
function search(text) {
  const q = fold(text);
  if (!q) return [];
  const qStems = q.split(" ").map(stem);
  const scored = [];
  for (const n of DATA.nodes) {
    if (graph && !graph.hasNode(n.id)) continue;
    let score = 0;
    if (n.keys.includes(q)) score = 4;
    else if (n.keys.some((k) => k.startsWith(q))) score = 3;
    else if (n.keys.some((k) => k.includes(q))) score = 2;
    else if (qStems.every((s) => s.length >= 3 && n.stems.some((m) => m.startsWith(s) || (m.length >= 4 && s.startsWith(m))))) score = 1;
    if (score) scored.push([score, visible.has(n.id) ? 1 : 0, n]);
  }
  scored.sort((a, b) => b[0] - a[0] || b[1] - a[1] || a[2].label.localeCompare(b[2].label));
  return scored.slice(0, 50).map((x) => x[2]);
}

function renderResults() {
  const list = $("results");
  list.replaceChildren();
  const found = search($("search").value);
  found.forEach((n, i) => {
    const li = document.createElement("li");
    li.id = "result-" + i;
    li.setAttribute("role", "option");
    li.tabIndex = -1;
    li.dataset.id = n.id;
    const name = document.createElement("span");
    name.textContent = n.label;
    const kind = document.createElement("small");
    kind.textContent = ` ${t("type_" + n.type)}${n.country ? " · " + n.country : ""}${visible.has(n.id) ? "" : " · " + t("filteredOut")}`;
    li.append(name, kind);
    li.addEventListener("click", () => choose(n.id));
    list.append(li);
  });
  $("search").setAttribute("aria-expanded", found.length ? "true" : "false");
  $("results-count").textContent = $("search").value ? `${found.length}${found.length === 50 ? "+" : ""} ${t("matches")}` : "";
}

function choose(id) {
  if (!visible.has(id)) {  // a match the filters hide: show its type again rather than fail
    state.types.add(nodeById.get(id).type);
    state.countries.clear(); state.funder = null; state.from = state.to = null;
    renderFilters();
  }
  focusOn(id);
  $("details").focus();
}

// ------------------------------------------------------------------ filters
function renderFilters() {
  const types = $("types");
  types.replaceChildren();
  const counts = {};
  graph.forEachNode((id) => { const ty = nodeById.get(id).type; counts[ty] = (counts[ty] || 0) + 1; });
  for (const ty of TYPES) {
    if (!counts[ty.name]) continue;
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox"; box.checked = state.types.has(ty.name); box.value = ty.name;
    box.addEventListener("change", () => { box.checked ? state.types.add(ty.name) : state.types.delete(ty.name); refresh(); });
    const swatch = document.createElement("span");
    swatch.className = "swatch"; swatch.style.background = ty.color; swatch.setAttribute("aria-hidden", "true");
    const text = document.createElement("span");
    text.textContent = `${t("type_" + ty.name)} (${counts[ty.name]})`;
    label.append(box, swatch, text);
    types.append(label);
  }
  const countries = $("countries");
  if (!countries.options.length) {
    for (const c of DATA.countries) countries.append(new Option(`${c.code} — ${c.name[state.lang] || c.name.en}`, c.code));
  }
  for (const o of countries.options) o.selected = state.countries.has(o.value);
  const funder = $("funder");
  if (funder.options.length <= 1) {
    for (const f of DATA.funders) funder.append(new Option(nodeById.get(f)?.label || f, f));
  }
  funder.value = state.funder || "";
  $("from").value = state.from || ""; $("to").value = state.to || "";
  $("colour").value = state.colour; $("size").value = state.size; $("view").value = state.view;
  $("depth").value = String(state.depth);
}

// ------------------------------------------------------------------ details
function renderDetails() {
  const box = $("details");
  box.replaceChildren();
  if (!state.focus) { const p = document.createElement("p"); p.textContent = t("clickHint"); box.append(p); return; }
  const n = nodeById.get(state.focus);
  const h = document.createElement("h2");
  h.textContent = n.label;
  const meta = document.createElement("p");
  meta.textContent = `${t("type_" + n.type)}${n.country ? " · " + n.country : ""}`;
  box.append(h, meta);
  if (n.aliases?.length) {
    const p = document.createElement("p");
    p.className = "aliases";
    p.textContent = t("alsoWritten") + ": " + n.aliases.join("; ");
    box.append(p);
  }
  const groups = new Map();
  for (const e of DATA.edges) {
    let key = null, other = null;
    if (e.s === n.id) { key = relationText(e.r, true); other = e.t; }
    else if (e.t === n.id) { key = relationText(e.r, false); other = e.s; }
    if (!key) continue;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push([other, e.o]);
  }
  for (const [key, others] of groups) {
    const p = document.createElement("p");
    p.className = "relation";
    const strong = document.createElement("strong");
    strong.textContent = key + ": ";
    p.append(strong);
    others.forEach(([other, role], i) => {
      const b = document.createElement("button");
      b.type = "button"; b.className = "link";
      b.textContent = (nodeById.get(other)?.label || other) + (role ? ` (${role})` : "");
      b.addEventListener("click", () => choose(other));
      p.append(b);
      if (i < others.length - 1) p.append(", ");
    });
    box.append(p);
  }
  if (n.articles?.length) {
    const h3 = document.createElement("h3");
    h3.textContent = t("sources");
    const ul = document.createElement("ul");
    for (const i of n.articles) {
      const a = DATA.articles[i];
      const li = document.createElement("li");
      if (a.url && /^https?:\/\//.test(a.url)) {
        const link = document.createElement("a");
        link.href = a.url; link.rel = "noopener noreferrer"; link.textContent = a.title;
        li.append(link);
      } else li.textContent = a.title;
      if (a.date) li.append(` (${a.date})`);
      ul.append(li);
    }
    box.append(h3, ul);
  }
  if (DATA.pageBase !== null && n.id.includes("/id/")) {
    const a = document.createElement("a");
    a.href = DATA.pageBase + "/id/" + n.id.split("/id/")[1];
    a.textContent = t("entityPage");
    box.append(a);
  }
}

// ------------------------------------------------------------------ export
function visibleSubgraph() {
  const nodes = [...visible].filter((id) => !near || near.has(id));
  const keep = new Set(nodes);
  const edges = [];
  graph.forEachEdge((e, a, s, tt) => { if (keep.has(s) && keep.has(tt)) edges.push([s, tt, a]); });
  return { nodes, edges };
}

function download(name, type, content) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  a.download = name;
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function exportPng() {
  renderer.refresh();
  const canvases = renderer.getCanvases();
  const { width, height } = renderer.getDimensions();
  const ratio = window.devicePixelRatio || 1;
  const out = document.createElement("canvas");
  out.width = width * ratio; out.height = height * ratio;
  const ctx = out.getContext("2d");
  ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, out.width, out.height);
  for (const layer of ["edges", "nodes", "edgeLabels", "labels", "hovers", "hoverNodes"]) {
    if (canvases[layer]) ctx.drawImage(canvases[layer], 0, 0, out.width, out.height);
  }
  const data = out.toDataURL("image/png");
  download("sikg-network.png", "image/png", dataUrlBlob(data));
  return data;
}

function dataUrlBlob(url) {
  const [head, body] = url.split(",");
  const bytes = atob(body);
  const arr = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) arr[i] = bytes.charCodeAt(i);
  return new Blob([arr], { type: head.split(":")[1].split(";")[0] });
}

const xml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]);

function exportSvg() {
  const { width, height } = renderer.getDimensions();
  const { nodes, edges } = visibleSubgraph();
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`];
  for (const [s, tt] of edges) {
    const a = renderer.getNodeDisplayData(s), b = renderer.getNodeDisplayData(tt);
    const p = renderer.framedGraphToViewport(a), q = renderer.framedGraphToViewport(b);
    parts.push(`<line x1="${p.x.toFixed(1)}" y1="${p.y.toFixed(1)}" x2="${q.x.toFixed(1)}" y2="${q.y.toFixed(1)}" stroke="#c8c8d0"/>`);
  }
  for (const id of nodes) {
    const d = renderer.getNodeDisplayData(id);
    const p = renderer.framedGraphToViewport(d);
    const r = renderer.scaleSize(d.size);
    const attrs = nodeReducer(id, graph.getNodeAttributes(id));
    parts.push(`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${r.toFixed(1)}" fill="${xml(attrs.color)}"><title>${xml(nodeById.get(id).label)}</title></circle>`);
    if (attrs.forceLabel || r > 6) parts.push(`<text x="${(p.x + r + 2).toFixed(1)}" y="${(p.y + 4).toFixed(1)}" font-family="sans-serif" font-size="12">${xml(nodeById.get(id).label)}</text>`);
  }
  parts.push("</svg>");
  const svg = parts.join("\n");
  download("sikg-network.svg", "image/svg+xml", svg);
  return svg;
}

function exportCsv() {
  const { nodes, edges } = visibleSubgraph();
  const cell = (v) => `"${String(v ?? "").replace(/"/g, '""')}"`;
  const rows = [["kind", "id", "label", "type", "country", "source", "target", "relation"].join(",")];
  for (const id of nodes) { const n = nodeById.get(id); rows.push(["node", id, n.label, n.type, n.country, "", "", ""].map(cell).join(",")); }
  for (const [s, tt, a] of edges) rows.push(["edge", "", "", "", "", s, tt, a.rel].map(cell).join(","));
  const csv = rows.join("\n") + "\n";
  download("sikg-network.csv", "text/csv", csv);
  return csv;
}

function exportGexf() {
  const { nodes, edges } = visibleSubgraph();
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    `<graph defaultedgetype="${graph.type === "directed" ? "directed" : "undirected"}">`,
    '<attributes class="node"><attribute id="type" title="type" type="string"/><attribute id="country" title="country" type="string"/></attributes>',
    "<nodes>"];
  for (const id of nodes) {
    const n = nodeById.get(id), a = graph.getNodeAttributes(id);
    out.push(`<node id="${xml(id)}" label="${xml(n.label)}"><attvalues><attvalue for="type" value="${xml(n.type)}"/>` +
      `<attvalue for="country" value="${xml(n.country || "")}"/></attvalues>` +
      `<viz:position xmlns:viz="http://gexf.net/1.3/viz" x="${a.x}" y="${a.y}" z="0"/></node>`);
  }
  out.push("</nodes><edges>");
  edges.forEach(([s, tt, a], i) => out.push(`<edge id="${i}" source="${xml(s)}" target="${xml(tt)}" label="${xml(a.rel)}"/>`));
  out.push("</edges></graph></gexf>");
  const text = out.join("\n");
  download("sikg-network.gexf", "application/gexf+xml", text);
  return text;
}

// ------------------------------------------------------------------ wiring
function translate() {
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll("[data-t-placeholder]")) el.placeholder = t(el.dataset.tPlaceholder);
  for (const el of document.querySelectorAll("[data-t-label]")) el.setAttribute("aria-label", t(el.dataset.tLabel));
  for (const o of $("view").options) o.textContent = t("view_" + o.value);
  $("lang").textContent = state.lang === "lv" ? "English" : "Latviski";
  $("lang").lang = state.lang === "lv" ? "en" : "lv";
}

function api() {
  // what the tests (and a curious user in the console) can ask the page
  return {
    positions: () => Object.fromEntries(graph.mapNodes((id, a) => [id, [a.x, a.y]])),
    visible: () => [...visible].sort(),
    near: () => (near ? [...near].sort() : null),
    state: () => ({ ...state, types: [...state.types], countries: [...state.countries] }),
    exportPng, exportSvg, exportCsv, exportGexf,
    search: (text) => search(text).map((n) => n.id),
    pan: (dx) => { const c = renderer.getCamera(); c.setState({ x: c.x + dx }); },
    edgeEvents: () => renderer.getSetting("enableEdgeEvents"),
    renderMs: (settings) => {  // one full draw, with some settings changed (for bench/viz.py)
      for (const [k, v] of Object.entries(settings || {})) renderer.setSetting(k, v);
      const t0 = performance.now(); renderer.refresh(); return performance.now() - t0;
    },
  };
}

function wire() {
  const input = $("search");
  input.addEventListener("input", renderResults);
  input.addEventListener("keydown", (ev) => {
    const items = [...$("results").children];
    if (ev.key === "ArrowDown" && items.length) { ev.preventDefault(); items[0].focus(); }
    if (ev.key === "Enter" && items.length) { ev.preventDefault(); choose(items[0].dataset.id); }
    if (ev.key === "Escape") { input.value = ""; renderResults(); }
  });
  $("results").addEventListener("keydown", (ev) => {
    const items = [...$("results").children];
    const i = items.indexOf(document.activeElement);
    if (ev.key === "ArrowDown") { ev.preventDefault(); items[Math.min(items.length - 1, i + 1)]?.focus(); }
    if (ev.key === "ArrowUp") { ev.preventDefault(); (i <= 0 ? input : items[i - 1]).focus(); }
    if (ev.key === "Enter" && i >= 0) { ev.preventDefault(); choose(items[i].dataset.id); }
    if (ev.key === "Escape") input.focus();
  });
  $("view").addEventListener("change", () => { state.focus = null; showView($("view").value, false); });
  $("depth").addEventListener("change", () => { state.depth = $("depth").value === "2" ? 2 : 1; refresh(); });
  $("colour").addEventListener("change", () => { state.colour = $("colour").value; colours(); refresh(); });
  $("size").addEventListener("change", () => { state.size = $("size").value; sizes(); refresh(); });
  $("countries").addEventListener("change", () => {
    state.countries = new Set([...$("countries").selectedOptions].map((o) => o.value)); refresh();
  });
  $("funder").addEventListener("change", () => { state.funder = $("funder").value || null; refresh(); });
  for (const id of ["from", "to"]) {
    $(id).addEventListener("change", () => { state[id] = parseInt($(id).value, 10) || null; refresh(); });
  }
  $("clear").addEventListener("click", () => {
    state.types = new Set(TYPES.map((x) => x.name)); state.countries.clear(); state.funder = null;
    state.from = state.to = null; state.focus = null; renderFilters(); refresh();
  });
  $("png").addEventListener("click", exportPng);
  $("svg").addEventListener("click", exportSvg);
  $("csv").addEventListener("click", exportCsv);
  $("gexf").addEventListener("click", exportGexf);
  $("lang").addEventListener("click", () => {
    state.lang = state.lang === "lv" ? "en" : "lv"; translate(); renderFilters(); renderDetails(); renderResults();
    renderer.refresh(); writeHash();
  });
  $("menu").addEventListener("click", () => {
    const open = document.body.classList.toggle("drawer-open");
    $("menu").setAttribute("aria-expanded", String(open));
  });
  $("graph").addEventListener("keydown", (ev) => {
    const cam = renderer.getCamera(), s = cam.getState(), step = 0.1 * s.ratio;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (moves[ev.key]) { ev.preventDefault(); cam.setState({ x: s.x + moves[ev.key][0], y: s.y + moves[ev.key][1] }); }
    if (ev.key === "+" || ev.key === "=") cam.animatedZoom({ duration: 200 });
    if (ev.key === "-") cam.animatedUnzoom({ duration: 200 });
    if (ev.key === "0") cam.animatedReset({ duration: 200 });
    if (ev.key === "Escape") focusOn(null);
  });
  window.addEventListener("hashchange", () => {
    const before = state.view;
    readHash();
    if (state.view !== before) showView(state.view, true);
    else { renderFilters(); refresh(); if (state.camera) renderer.getCamera().setState(state.camera); }
  });
}

readHash();
translate();
wire();
showView(state.view, true).catch((err) => { status(t("failed") + ": " + err.message); throw err; });
