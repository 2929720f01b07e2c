// kesos-modul: reading without signal. Registers this version's service worker
// (sw.js at the site's root) and shows what it keeps: the "Simpan untuk dibaca
// tanpa sinyal" control on module pages, the list of saved modules, and notices
// when a saved module was updated by a newer release. The worker owns the
// caches; this page only asks it ("daftar", "simpan", "hapus", "periksa").
(function () {
  var root = new URL("..", document.currentScript.src);
  var controls = document.querySelectorAll(".kesos-simpan[data-kode]");
  var lists = document.querySelectorAll(".kesos-tersimpan");
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) {
    var cannot = "Peramban ini tidak dapat menyimpan modul untuk dibaca tanpa sinyal. " +
      "Unduh buku modul (PDF) dari halaman modulnya sebagai gantinya.";
    lists.forEach(function (list) { list.textContent = cannot; });
    controls.forEach(function (control) { control.textContent = cannot; });
    return;
  }
  var sizes = {};

  function size(bytes) {
    var mb = bytes / 1048576;
    return mb >= 1
      ? mb.toLocaleString("id-ID", { maximumFractionDigits: 1 }) + " MB"
      : Math.max(1, Math.round(bytes / 1024)) + " KB";
  }
  function day(iso) {
    return new Date(iso).toLocaleDateString("id-ID", { day: "numeric", month: "long", year: "numeric" });
  }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }
  function button(text, action) {
    var node = element("button", "md-button", text);
    node.type = "button";
    node.addEventListener("click", action);
    return node;
  }
  // This site's own worker (not navigator.serviceWorker.ready, which may be the
  // worker of a site above this one, such as a trainee site above a facilitator one).
  var script = new URL("sw.js", root).href;
  var registration = null;
  var waiting = [];
  function ask(message) {
    var active = registration && registration.active;
    if (active) {
      active.postMessage(message);
    } else {
      waiting.push(message);
    }
  }
  function activated(found) {
    registration = found;
    var next = found.installing || found.waiting;
    if (next && !found.active) {
      next.addEventListener("statechange", function () {
        if (next.state === "activated") {
          activated(found);
        }
      });
      return;
    }
    waiting.splice(0).forEach(ask);
  }
  function saveModule(kode, control) {
    if (navigator.storage && navigator.storage.persist) {
      navigator.storage.persist();  // so the browser keeps it when space runs low
    }
    control.replaceChildren(element("p", "kesos-simpan__keadaan", "Menyimpan modul ini…"));
    ask({ perintah: "simpan", kode: kode });
  }
  function removeModule(kode) {
    ask({ perintah: "hapus", kode: kode });
  }

  function showControl(control, saved) {
    var kode = control.dataset.kode;
    if (saved) {
      var state = element("p", "kesos-simpan__keadaan kesos-simpan__keadaan--tersimpan");
      state.textContent =
        "Tersimpan untuk dibaca tanpa sinyal: versi " + saved.versi + ", " + size(saved.ukuran) +
        ", disimpan " + day(saved.disimpan) + ".";
      var all = element("a", "", "Semua modul tersimpan");
      all.href = new URL("tersimpan/", root).href;
      control.replaceChildren(state, button("Hapus dari perangkat ini", function () { removeModule(kode); }), all);
      return;
    }
    var label = "Simpan untuk dibaca tanpa sinyal" + (sizes[kode] ? " (" + size(sizes[kode]) + ")" : "");
    control.replaceChildren(button(label, function () { saveModule(kode, control); }));
    if (!sizes[kode]) {
      fetch(new URL("modul/" + encodeURIComponent(kode) + "/luring.json", root))
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (list) {
          if (list && !control.querySelector(".kesos-simpan__keadaan")) {
            sizes[kode] = list.ukuran;
            control.querySelector("button").textContent = label + " (" + size(list.ukuran) + ")";
          }
        })
        .catch(function () {});
    }
  }

  function showList(list, saved) {
    if (!saved.length) {
      list.replaceChildren(element("p", "",
        "Belum ada modul yang disimpan di perangkat ini. Buka sebuah modul, lalu ketuk " +
        "\u201cSimpan untuk dibaca tanpa sinyal\u201d."));
      return;
    }
    var items = element("ul");
    saved.forEach(function (m) {
      var item = element("li");
      var link = element("a", "", m.judul);
      link.href = new URL("modul/" + encodeURIComponent(m.kode) + "/", root).href;
      var about = " (versi " + m.versi + ", " + size(m.ukuran) + ", disimpan " + day(m.disimpan) + ") ";
      item.append(link, about, button("Hapus", function () { removeModule(m.kode); }));
      items.append(item);
    });
    list.replaceChildren(items);
  }

  function showNews(news) {
    var old = document.querySelector(".kesos-kabar");
    if (old) {
      old.remove();
    }
    if (!news.length) {
      return;
    }
    var box = element("div", "admonition info kesos-kabar");
    box.setAttribute("role", "status");
    box.append(element("p", "admonition-title", "Modul tersimpan diperbarui"));
    news.forEach(function (n) {
      box.append(element("p", "", n.dihapus
        ? "Modul \u201c" + n.judul + "\u201d tidak ada lagi di rilis " + n.rilis + ", jadi salinannya dihapus dari perangkat ini."
        : "Modul \u201c" + n.judul + "\u201d yang Anda simpan sudah diperbarui dari versi " + n.dari + " ke versi " + n.ke +
          " (rilis " + n.rilis + "). Salinan di perangkat ini kini versi " + n.ke + "."));
    });
    box.append(button("Tutup", function () { ask({ perintah: "tutup-kabar" }); }));
    var content = document.querySelector(".md-content__inner") || document.body;
    content.prepend(box);
  }

  navigator.serviceWorker.addEventListener("message", function (event) {
    if (!event.source || event.source.scriptURL !== script) {
      return;  // another site's worker on this host
    }
    var data = event.data || {};
    if (data.kabar === "daftar") {
      var byKode = {};
      data.tersimpan.forEach(function (m) { byKode[m.kode] = m; });
      controls.forEach(function (control) { showControl(control, byKode[control.dataset.kode]); });
      lists.forEach(function (list) { showList(list, data.tersimpan); });
      showNews(data.pemberitahuan);
    } else if (data.kabar === "gagal") {
      controls.forEach(function (control) {
        if (control.dataset.kode === data.kode) {
          showControl(control, null);
          control.prepend(element("p", "kesos-simpan__keadaan kesos-simpan__keadaan--gagal",
            "Modul ini belum tersimpan: sambungan terputus atau ruang penyimpanan penuh. Coba lagi saat ada sinyal."));
        }
      });
    } else {
      ask({ perintah: "daftar" });
    }
  });
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if ((navigator.serviceWorker.controller || {}).scriptURL === script) {
      ask({ perintah: "periksa" });  // a new release's worker: carry the saved modules over
      ask({ perintah: "daftar" });
    }
  });
  controls.forEach(function (control) { showControl(control, null); });
  // The offline page says which page was asked for, and how to try it again.
  var asked = document.getElementById("kesos-diminta");
  var from = new URLSearchParams(location.search).get("dari");
  if (asked && from && new URL(from, location.href).origin === location.origin) {
    var again = element("a", "", "Coba buka lagi halaman yang diminta");
    again.href = from;
    asked.replaceChildren(again);
  }
  function start() {
    ask({ perintah: "periksa" });
    ask({ perintah: "daftar" });
    navigator.serviceWorker.register(script, { scope: root.pathname }).then(activated).catch(function () {});
  }
  // after the page has loaded: the shell is cached once the trainee can already read
  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start);
  }
})();
