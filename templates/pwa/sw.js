// kesos-modul's service worker: one per edition and published version, at the
// version's root, so that a trainee can read without signal what they opened or saved.
//
// - Pages: network first, so a trainee online always reads the newest release;
//   offline, or when the network has not answered in PATIENCE_MS, the copy kept
//   when the page was opened or saved with its module; else (offline) the
//   offline page (tanpa-sinyal/).
// - The shell (theme assets, home page, module list, the offline and saved pages):
//   precached on the first visit, cache first (its URLs carry Workbox revisions).
// - Whole modules, on request from the page ("Simpan untuk dibaca tanpa sinyal"):
//   every file modul/<kode>/luring.json lists, in a cache of their own.
// - Only this site's own files, and only pages of this edition, are ever stored:
//   cache names carry the edition, the version (with its modules' fingerprint) and the scope.
//
// kesos_modul/pwa.py fills in KESOS below; Workbox's injectManifest fills in the
// precache manifest. The Workbox runtime is served from this site, never a CDN.
const KESOS = self.__KESOS__;
importScripts(KESOS.workbox + "/workbox-sw.js");
workbox.setConfig({ modulePathPrefix: KESOS.workbox + "/", debug: false });
// the shell's cache: kesos-<edisi>-precache-v2-<bangunan>-<scope> (forgetEarlier finds
// this scope's earlier ones by the scope at the end)
workbox.core.setCacheNameDetails({ prefix: "kesos-" + KESOS.edisi, suffix: KESOS.bangunan + "-" + self.registration.scope });
const { precacheAndRoute, getCacheKeyForURL } = workbox.precaching;
const SHELL = workbox.core.cacheNames.precache;
const { registerRoute } = workbox.routing;
const { NetworkFirst } = workbox.strategies;

const SCOPE = self.registration.scope;
const ROOT = new URL(SCOPE);
const SEP = "|";
// kesos|<edisi>|halaman|<bangunan>|<scope>, kesos|<edisi>|modul|<kode>|<bangunan>|<scope>,
// kesos|<edisi>|kabar|<scope> (notices for the trainee, across versions). <bangunan>
// is the version's name and a fingerprint of its modules (pwa.py), so that a build
// that changed a module is a new one even under the same name (build's "pratinjau").
const cacheName = (...parts) => ["kesos", KESOS.edisi, ...parts, SCOPE].join(SEP);
const PAGES = cacheName("halaman", KESOS.bangunan);
const NEWS = cacheName("kabar");
const NEWS_URL = new URL("kabar.json", SCOPE).href;
const json = (data) => new Response(JSON.stringify(data), { headers: { "content-type": "application/json" } });
const listUrl = (kode) => new URL("modul/" + encodeURIComponent(kode) + "/luring.json", SCOPE).href;

// A cache of this edition and scope, by its name: { jenis: "modul", kode, bangunan }
// or { jenis: "halaman", bangunan }; null for any other cache.
function parse(name) {
  const parts = name.split(SEP);
  if (parts[0] !== "kesos" || parts[1] !== KESOS.edisi || parts.at(-1) !== SCOPE) {
    return null;
  }
  if (parts[2] === "modul" && parts.length === 6) {
    return { jenis: "modul", kode: parts[3], bangunan: parts[4] };
  }
  if (parts[2] === "halaman" && parts.length === 5) {
    return { jenis: "halaman", bangunan: parts[3] };
  }
  return null;
}

// This site's own files: under the scope, in a top-level entry of this build
// (so another site below the scope, such as another edition, is never touched).
function ours(url) {
  if (url.origin !== ROOT.origin || !url.pathname.startsWith(ROOT.pathname)) {
    return false;
  }
  const first = decodeURIComponent(url.pathname.slice(ROOT.pathname.length).split("/")[0]);
  return first === "" || KESOS.isi.includes(first);
}

// A page is stored only when it says it is a page of this edition.
const sameEdition = {
  cacheWillUpdate: async ({ response }) => {
    if (!response || response.status !== 200) {
      return null;
    }
    if ((response.headers.get("content-type") || "").includes("text/html")) {
      const found = (await response.clone().text()).match(/<meta name="kesos-edisi" content="([a-z]+)"/);
      if (!found || found[1] !== KESOS.edisi) {
        return null;
      }
    }
    return response;
  },
};

// The caches of the modules saved in this version.
async function savedNames() {
  return (await caches.keys()).filter((name) => {
    const cache = parse(name);
    return cache && cache.jenis === "modul" && cache.bangunan === KESOS.bangunan;
  });
}

// The copy kept of a page or file: opened pages, saved modules, then the shell.
// (caches.match with a name never creates a cache, so a worker still answering
// while the next release's takes over does not bring an earlier version's back.)
async function kept(request) {
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  const keys = url.pathname.endsWith("/") ? [url.href, url.href + "index.html"] : [url.href];
  for (const cacheName of [PAGES, ...(await savedNames())]) {
    for (const key of keys) {
      const found = await caches.match(key, { cacheName });
      if (found) {
        return found;
      }
    }
  }
  for (const key of keys) {
    const shellKey = getCacheKeyForURL(key);
    const found = shellKey && (await caches.match(shellKey, { cacheName: SHELL }));
    if (found) {
      return found;
    }
  }
  return undefined;
}

// The caches of this scope's earlier versions: pages kept as opened, and the shell.
async function forgetEarlier() {
  for (const name of await caches.keys()) {
    const cache = parse(name);
    const earlierPages = cache && cache.jenis === "halaman" && cache.bangunan !== KESOS.bangunan;
    const shell = name.startsWith("kesos-" + KESOS.edisi + "-precache-") && name.endsWith("-" + SCOPE);
    if (earlierPages || (shell && name !== SHELL)) {
      await caches.delete(name);
    }
  }
}

const network = new NetworkFirst({ cacheName: PAGES, plugins: [sameEdition] });

// A connection that is there but hardly moves: after this long without an answer,
// the copy kept of the page in this version, when there is one (the network's
// answer, when it comes, still renews the copy). Workbox's own timeout only
// looks in the opened pages' cache, not in saved modules.
const PATIENCE_MS = 3000;

registerRoute(
  ({ request, url }) => request.mode === "navigate" && ours(url),
  async (options) => {
    const fromNetwork = network.handle(options);
    options.event.waitUntil(fromNetwork.catch(() => undefined));
    const patience = new Promise((resolve) => setTimeout(resolve, PATIENCE_MS));
    try {
      return await Promise.race([
        fromNetwork,
        patience.then(async () => (await kept(options.request)) || fromNetwork),
      ]);
    } catch (error) {
      const found = await kept(options.request);
      if (found) {
        return found;
      }
      // a redirect, so that the offline page's relative links and assets resolve
      const offline = new URL(KESOS.luring, SCOPE);
      offline.searchParams.set("dari", options.url.href);
      return Response.redirect(offline.href, 302);
    }
  },
);
precacheAndRoute(self.__WB_MANIFEST);
// Images, the PDF and the rest: a saved copy first (a release never changes), else the network.
registerRoute(
  ({ request, url }) => request.mode !== "navigate" && ours(url),
  async (options) => (await kept(options.request)) || network.handle(options),
);

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(forgetEarlier().then(() => self.clients.claim())));

async function tell(message) {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true })) {
    client.postMessage(message);
  }
}

async function download(kode, list) {
  const name = cacheName("modul", kode, KESOS.bangunan);
  const urls = list.berkas.map((path) => new URL(path, SCOPE));
  if (!urls.every(ours)) {
    throw new Error("daftar berkas keluar dari situs ini");
  }
  await caches.delete(name);
  const cache = await caches.open(name);
  try {
    await cache.addAll(urls.map((url) => new Request(url.href, { cache: "no-cache" })));
  } catch (error) {
    await caches.delete(name);
    throw error;
  }
  return cache;
}

async function fetchList(kode) {
  const response = await fetch(listUrl(kode), { cache: "no-cache" });
  if (response.status === 404) {
    return null;
  }
  if (!response.ok) {
    throw new Error("HTTP " + response.status);
  }
  return response.json();
}

async function save(kode) {
  const list = await fetchList(kode);
  if (!list) {
    throw new Error("modul tidak ada di rilis ini");
  }
  const cache = await download(kode, list);
  await cache.put(listUrl(kode), json({ ...list, disimpan: new Date().toISOString() }));
}

async function addNews(items) {
  if (!items.length) {
    return;
  }
  const cache = await caches.open(NEWS);
  const found = await cache.match(NEWS_URL);
  const news = found ? await found.json() : [];
  await cache.put(NEWS_URL, json([...news, ...items]));
}

// A saved module of an earlier version in this scope (terbaru/ after a new
// release) is carried over: copied when its files did not change, downloaded
// again when they did, with a notice when its version changed.
async function refresh() {
  await forgetEarlier(); // again: the worker of the earlier version may have answered meanwhile
  const news = [];
  for (const name of await caches.keys()) {
    const saved = parse(name);
    if (!saved || saved.jenis !== "modul" || saved.bangunan === KESOS.bangunan) {
      continue;
    }
    const old = await caches.open(name);
    const before = await (await old.match(listUrl(saved.kode))).json();
    const list = await fetchList(saved.kode);
    if (!list) {
      await caches.delete(name);
      news.push({ kode: saved.kode, judul: before.judul, dari: before.versi, rilis: KESOS.versi, dihapus: true });
      continue;
    }
    let cache;
    if (list.sidik === before.sidik) {
      cache = await caches.open(cacheName("modul", saved.kode, KESOS.bangunan));
      for (const request of await old.keys()) {
        await cache.put(request, await old.match(request));
      }
    } else {
      cache = await download(saved.kode, list);
    }
    await cache.put(listUrl(saved.kode), json({ ...list, disimpan: before.disimpan, diperbarui: new Date().toISOString() }));
    await caches.delete(name);
    if (list.versi !== before.versi) {
      news.push({ kode: saved.kode, judul: list.judul, dari: before.versi, ke: list.versi, rilis: KESOS.versi });
    }
  }
  await addNews(news);
  return news.length;
}

// What the pages show: the modules saved in this version, and the notices.
async function state() {
  const tersimpan = [];
  for (const name of await savedNames()) {
    const found = await (await caches.open(name)).match(listUrl(parse(name).kode));
    if (found) {
      tersimpan.push(await found.json());
    }
  }
  const news = await (await caches.open(NEWS)).match(NEWS_URL);
  return { tersimpan, pemberitahuan: news ? await news.json() : [] };
}

let refreshing = null;

self.addEventListener("message", (event) => {
  const { perintah, kode } = event.data || {};
  let work;
  if (perintah === "simpan") {
    work = save(kode).then(
      () => tell({ kabar: "tersimpan", kode }),
      (error) => tell({ kabar: "gagal", kode, alasan: String(error && error.message) }),
    );
  } else if (perintah === "hapus") {
    work = caches.delete(cacheName("modul", kode, KESOS.bangunan)).then(() => tell({ kabar: "dihapus", kode }));
  } else if (perintah === "daftar") {
    work = state().then((data) => event.source.postMessage({ kabar: "daftar", ...data }));
  } else if (perintah === "tutup-kabar") {
    work = caches.delete(NEWS).then(() => tell({ kabar: "daftar-berubah" }));
  } else if (perintah === "periksa") {
    refreshing = refreshing || refresh().finally(() => (refreshing = null));
    work = refreshing.then(
      (count) => count && tell({ kabar: "diperbarui" }),
      () => undefined, // offline or interrupted: tried again on the next page
    );
  }
  if (work) {
    event.waitUntil(work);
  }
});
