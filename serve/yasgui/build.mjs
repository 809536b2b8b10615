// Copies YASGUI's own browser bundle (the package's build/yasgui.min.js and .css, versions pinned by
// package-lock.json) into serve/static/, with the licences of every package it bundles:
// `npm ci && npm run build` here, or scripts/build_query_page from the project root.
import { readFileSync, writeFileSync, copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const out = new URL("../static/", import.meta.url).pathname;
const dist = "node_modules/@zazuko/yasgui/build";
for (const f of ["yasgui.min.js", "yasgui.min.css"]) {
  // the source-map comment would make browsers' developer tools ask the server for a map it does not ship
  const text = readFileSync(join(dist, f), "utf8").replace(/\n?\/[/*]# sourceMappingURL=\S+(\s*\*\/)?\s*$/, "\n");
  writeFileSync(join(out, f), text);
}
const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
let licences = "Third-party code in yasgui.min.js and yasgui.min.css (versions pinned by serve/yasgui/package-lock.json)\n";
for (const [path, meta] of Object.entries(lock.packages)) {
  if (!path.startsWith("node_modules/")) continue;
  const file = ["LICENSE", "LICENSE.txt", "LICENSE.md", "license", "LICENCE", "LICENSE-MIT"].map((f) => join(path, f)).find(existsSync);
  licences += `\n==== ${path.slice("node_modules/".length)} ${meta.version} (${meta.license || "see below"}) ====\n`;
  licences += file ? readFileSync(file, "utf8") : `licence: ${meta.license}\n`;
}
writeFileSync(join(out, "YASGUI-LICENSES.txt"), licences);
console.log("wrote", join(out, "yasgui.min.js"));
