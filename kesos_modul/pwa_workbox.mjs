// Called by kesos_modul/pwa.py with one JSON argument: injects the precache
// manifest of a built site's shell into its service worker with Workbox's
// injectManifest, and copies Workbox's runtime into the site (only the files
// the worker loads, without source maps), so the site never needs a CDN.
import { createRequire } from "node:module";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const settings = JSON.parse(process.argv[2]);
const require = createRequire(join(settings.nodeModules, "noop.js"));
const { copyWorkboxLibraries, injectManifest } = require("workbox-build");

const folder = await copyWorkboxLibraries(settings.siteDir);
if (folder !== settings.folder) {
  throw new Error(`Workbox copied ${folder}, expected ${settings.folder}`);
}
for (const name of readdirSync(join(settings.siteDir, folder))) {
  if (!settings.keep.includes(name)) {
    rmSync(join(settings.siteDir, folder, name));
  }
}
const { warnings } = await injectManifest({
  swSrc: settings.swSrc,
  swDest: join(settings.siteDir, "sw.js"),
  globDirectory: settings.siteDir,
  globPatterns: settings.globPatterns,
  dontCacheBustURLsMatching: new RegExp(settings.fingerprinted),
  maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
});
// A pattern may match nothing (another engine names the theme's files differently);
// any other warning (a file too large to precache, say) stops the build.
const serious = warnings.filter((w) => !w.includes("doesn't match any files"));
if (serious.length) {
  throw new Error(serious.join("; "));
}
