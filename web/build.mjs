// Builds the web page into internal/server/assets (committed; the Go binary
// embeds it). Run: npm ci && npm run build
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, statSync } from "node:fs";

const out = "../internal/server/assets";
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: ["src/app.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outfile: `${out}/app.js`,
  legalComments: "eof",
  logLevel: "info",
});
await esbuild.build({
  entryPoints: ["src/app.css"],
  bundle: true,
  minify: true,
  outfile: `${out}/app.css`,
  logLevel: "info",
});
copyFileSync("index.html", `${out}/index.html`);
for (const f of ["app.js", "app.css", "index.html"]) {
  console.log(f, statSync(`${out}/${f}`).size, "bytes");
}
