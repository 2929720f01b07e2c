// kesos-modul: small accessibility repairs to Material for MkDocs' markup.
// The search overlay is a dialog without a name; screen readers announce it as "Pencarian".
document.querySelectorAll(".md-search[role='dialog']").forEach(function (dialog) {
  dialog.setAttribute("aria-label", "Pencarian");
});

// mike's version selector is added after the page loads; its button is named
// "Pilih versi" but shows the version, so its accessible name must contain what it shows.
new MutationObserver(function () {
  document.querySelectorAll(".md-version__current").forEach(function (button) {
    // the version and its alias as two words ("2026.12.01 terbaru"), in the text as on
    // the screen, so the name contains what is visible even when a phone clips the alias
    var alias = button.querySelector(".md-version__alias");
    if (alias && alias.previousSibling && !/\s$/.test(alias.previousSibling.textContent)) {
      alias.before(" ");
    }
    var name = "Pilih versi: " + button.textContent.trim().replace(/\s+/g, " ");
    if (button.getAttribute("aria-label") !== name) {
      button.setAttribute("aria-label", name);
    }
  });
}).observe(document.body, { childList: true, characterData: true, subtree: true });

// Wide tables scroll sideways; when one does not fit, say so above it.
function markWideTables() {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    // the theme lets the table itself scroll inside its wrapper
    var table = wrap.querySelector("table");
    var wide = wrap.scrollWidth > wrap.clientWidth + 1 || (table && table.scrollWidth > table.clientWidth + 1);
    var cue = wrap.previousElementSibling;
    var hasCue = cue && cue.classList.contains("kesos-geser");
    if (wide && !hasCue) {
      cue = document.createElement("p");
      cue.className = "kesos-geser";
      cue.textContent = "Tabel ini lebih lebar dari layar: geser ke samping untuk melihat semua kolom →";
      wrap.parentNode.insertBefore(cue, wrap);
    } else if (!wide && hasCue) {
      cue.remove();
    }
  });
}
if (window.document$) {
  window.document$.subscribe(markWideTables);  // the theme wraps tables once the page is mounted
} else {
  document.addEventListener("DOMContentLoaded", markWideTables);
}
window.addEventListener("resize", markWideTables);

// Another version from the selector, or the newest from an old version's banner:
// the same page there when it exists, else that version's home page.
document.addEventListener(
  "click",
  function (event) {
    var link = event.target.closest && event.target.closest(".md-version__link, .kesos-ke-terbaru");
    var config = document.getElementById("__config");
    if (!link || !config || event.metaKey || event.ctrlKey || event.shiftKey) {
      return;
    }
    var base = JSON.parse(config.textContent).base.replace(/\/?$/, "/");
    var here = new URL(base, location.href).pathname;
    var rest = location.pathname.slice(here.length);
    if (!location.pathname.startsWith(here) || !rest) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    var home = new URL(link.getAttribute("href"), location.href);
    var same = new URL(rest, home);
    fetch(same, { method: "HEAD" }).then(
      function (response) {
        location.href = response.ok ? same.href + location.hash : home.href;
      },
      function () {
        location.href = home.href;
      }
    );
  },
  true
);

// A site without reading offline (the preview of kesos-modul serve) at an address where a
// built site was once opened: that site's service worker would still answer here, with its
// own copies. This site's root has no worker of its own, so that one is removed, caches and all.
(function () {
  var config = document.getElementById("__config");
  if (document.querySelector('link[rel="manifest"]') || !config || !("serviceWorker" in navigator)) {
    return;
  }
  var root = new URL(JSON.parse(config.textContent).base.replace(/\/?$/, "/"), location.href).href;
  navigator.serviceWorker.getRegistrations().then(function (registrations) {
    registrations.forEach(function (registration) {
      if (registration.scope === root) {
        registration.unregister();
        caches.keys().then(function (names) {
          names.forEach(function (name) {
            if (name.startsWith("kesos") && name.endsWith(root)) {
              caches.delete(name);
            }
          });
        });
      }
    });
  });
})();
