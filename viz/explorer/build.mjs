// Rebuilds viz/static/explorer.js (and explorer.css, LICENSES.txt) from src/ and the packages pinned
// by package-lock.json: `npm ci && npm run build` here, or scripts/build_explorer from the project root.
import { build } from "esbuild";
import { readFileSync, writeFileSync, copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const out = new URL("../static/", import.meta.url).pathname;
const worker = await build({
  entryPoints: ["src/layout-worker.js"], bundle: true, minify: true, format: "iife", write: false,
  target: "es2020", legalComments: "none",
});
await build({
  entryPoints: ["src/main.js"], bundle: true, minify: true, format: "iife", target: "es2020",
  outfile: join(out, "explorer.js"), legalComments: "none",
  define: { LAYOUT_WORKER_SOURCE: JSON.stringify(worker.outputFiles[0].text) },
});
copyFileSync("src/explorer.css", join(out, "explorer.css"));
const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
let licences = "Third-party code bundled in explorer.js (versions pinned by viz/explorer/package-lock.json)\n";
for (const [path, meta] of Object.entries(lock.packages)) {
  if (!path.startsWith("node_modules/") || path.includes("esbuild")) continue;
  const dir = path;
  const file = ["LICENSE", "LICENSE.txt", "LICENSE.md", "license"].map((f) => join(dir, f)).find(existsSync);
  licences += `\n==== ${path.slice("node_modules/".length)} ${meta.version} (${meta.license || "see below"}) ====\n`;
  licences += file ? readFileSync(file, "utf8") : `licence: ${meta.license}\n`;
}
writeFileSync(join(out, "LICENSES.txt"), licences);
console.log("wrote", join(out, "explorer.js"));
