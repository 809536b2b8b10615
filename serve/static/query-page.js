// The query page of `sikg serve`: YASGUI on this server's endpoint, the named queries as tabs,
// the ontology's prefixes preset, and result IRIs of our graph opening their page on this server.
// Nothing here (nor in the bundle it drives) fetches anything from another host.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("sikg-config").textContent);
  // the first tab declares what its query uses; every prefix of the ontology completes as you type
  const prefixLines = ["sikg", "skos"].map((p) => `PREFIX ${p}: <${config.prefixes[p]}>`).join("\n");
  const start = `${prefixLines}\n\nSELECT ?organisation ?name WHERE {\n  ?organisation a sikg:Organisation ; skos:prefLabel ?name .\n} LIMIT 20\n`;
  const root = document.getElementById("yasgui");
  const yasgui = new Yasgui(root, {
    requestConfig: {
      endpoint: config.endpoint,
      method: "POST",
      acceptHeaderSelect: "application/sparql-results+json",
      acceptHeaderGraph: "text/turtle",
    },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: config.endpoint }] },
    persistenceId: null,  // every visit starts from the named queries, not yesterday's tabs
    populateFromUrl: true,
    corsProxy: undefined,
    yasqe: { value: start, autocompleters: ["prefixes", "variables"], resizeable: true, editorHeight: "22rem" },
    yasr: { prefixes: config.prefixes, defaultPlugin: "table" },
  });
  // the named queries, each as a ready tab (the first open)
  const first = yasgui.getTab();
  for (const q of config.named) {
    yasgui.addTab(false, { ...Yasgui.Tab.getDefaults(), name: q.name, yasqe: { value: q.query },
                           requestConfig: { ...yasgui.config.requestConfig, endpoint: config.endpoint } });
  }
  if (first) first.show();
  // result IRIs of our graph open their page here, not at the IRI's own host
  const local = (href) => href && href.startsWith(config.dataBase) ? config.base + href.slice(config.dataBase.length) : null;
  const entity = new RegExp("^" + config.dataBase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") +
                            "id/(organisation|project|programme|person|country|place|event)/");
  const relink = (el) => {
    for (const a of el.querySelectorAll("a.iri:not([data-local])")) {
      const iri = a.getAttribute("href");
      const to = local(iri);
      if (!to) continue;
      a.setAttribute("href", to); a.setAttribute("target", "_self"); a.removeAttribute("rel");
      a.dataset.local = "true";
      if (entity.test(iri)) {  // and its place in the partnership network
        const n = document.createElement("a");
        n.href = config.base + "explore#focus=" + encodeURIComponent(iri);
        n.textContent = " ⊙"; n.title = "show in network"; n.className = "in-network";
        a.after(n);
      }
    }
  };
  new MutationObserver((changes) => {
    for (const c of changes) for (const n of c.addedNodes) if (n.nodeType === 1) relink(n);
  }).observe(root, { childList: true, subtree: true });
  yasgui.on("queryResponse", () => { root.dataset.results = String(Number(root.dataset.results || 0) + 1); });
  window.sikgYasgui = yasgui;
  root.dataset.ready = "true";
})();
