// kesos-modul's search page: Pagefind's interface over this edition's own index
// (pagefind/ beside the pages), in Indonesian from <html lang="id">.
(function () {
  var element = document.getElementById("kotak-cari");
  if (!element) {
    return;
  }
  // The site's root as the theme knows it, so results lead into this version.
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href).pathname;
  // Without signal the index cannot be fetched (it is never cached: it is the
  // whole curriculum's), so say so and lead to what can be read.
  function needsConnection() {
    element.innerHTML = "";
    var message = document.createElement("p");
    message.textContent =
      "Pencarian memerlukan sambungan internet. Tanpa sinyal, baca modul yang Anda simpan: ";
    var saved = document.createElement("a");
    saved.href = "../tersimpan/";
    saved.textContent = "Modul tersimpan";
    message.append(saved);
    element.append(message);
  }
  if (!navigator.onLine) {
    needsConnection();
    return;
  }
  // Pagefind's interface did not load: either this site has no index (the
  // preview), or the connection failed although the phone thinks it has one.
  if (typeof PagefindUI === "undefined") {
    fetch(base + "pagefind/pagefind-ui.js", { cache: "no-store" }).then(
      function (response) {
        if (response.status !== 404) {
          needsConnection();
          return;
        }
        element.textContent =
          "Indeks pencarian tidak ada di sini. Pratinjau (kesos-modul serve) tidak membuatnya; " +
          "situs yang dibangun dengan kesos-modul build dan setiap rilis memilikinya.";
      },
      needsConnection,
    );
    return;
  }
  function asHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  var ui = new PagefindUI({
    element: "#kotak-cari",
    baseUrl: base,
    bundlePath: base + "pagefind/",
    showSubResults: true,
    showImages: false,
    autofocus: true,
    // a module's overview is found as the module: its short description says
    // more than the first lines of the page (the list of its chapters)
    // Pagefind's interface shows an excerpt as HTML, and a meta value is the page's
    // text: as written, so it is escaped to be shown as written.
    processResult: function (result) {
      if (result.meta && result.meta.ringkasan) {
        var ringkasan = asHtml(result.meta.ringkasan);
        delete result.meta.ringkasan;  // not also as a tag
        result.excerpt = ringkasan;
        result.sub_results = [{ title: "Ringkasan modul", url: result.url, excerpt: ringkasan, locations: [] }];
      }
      return result;
    },
  });
  // the search box has a placeholder but no name; screen readers announce this one
  var input = element.querySelector("input");
  if (input) {
    input.setAttribute("aria-label", "Kata yang dicari");
  }
  // cari/?q=... opens with a search, so a search can be linked or bookmarked
  var query = new URLSearchParams(location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
  // On a connection that stalls, Pagefind waits for its files without end. When a
  // search has shown no result for a while, say so and offer to search again: the
  // page anew, with the words typed (?q=).
  var STALLED_MS = 10000;
  var timer = null;
  function watch(words) {
    clearTimeout(timer);
    var notice = element.querySelector(".kesos-cari__lambat");
    if (notice) {
      notice.remove();
    }
    if (!words) {
      return;
    }
    timer = setTimeout(function () {
      var message = (element.querySelector(".pagefind-ui__message") || {}).textContent || "";
      if (/hasil|ditemukan/i.test(message) || element.querySelector(".pagefind-ui__result")) {
        return;
      }
      var stalled = document.createElement("p");
      stalled.className = "kesos-cari__lambat";
      stalled.setAttribute("role", "status");
      stalled.textContent = "Pencarian belum selesai: sambungan lambat atau terputus. ";
      var again = document.createElement("a");
      again.href = "?q=" + encodeURIComponent(words);
      again.textContent = "Cari lagi";
      stalled.append(again);
      element.prepend(stalled);
    }, STALLED_MS);
  }
  if (input) {
    input.addEventListener("input", function () {
      watch(input.value.trim());
    });
  }
  if (query) {
    watch(query);
  }
})();
