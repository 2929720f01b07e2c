// kesos-modul: small accessibility repairs to Material for MkDocs' markup.
// The search overlay is a dialog without a name; screen readers announce it as "Pencarian".
document.querySelectorAll(".md-search[role='dialog']").forEach(function (dialog) {
  dialog.setAttribute("aria-label", "Pencarian");
});

// Practice questions (latihan): choose an answer, read its feedback. Works offline.
document.querySelectorAll(".latihan").forEach(function (question) {
  var feedback = question.querySelector(".latihan__umpan");
  var options = question.querySelectorAll(".latihan__opsi");
  options.forEach(function (option) {
    option.addEventListener("click", function () {
      options.forEach(function (other) {
        other.classList.remove("latihan__opsi--benar", "latihan__opsi--salah");
        other.setAttribute("aria-pressed", "false");
      });
      var right = option.dataset.benar === "1";
      option.classList.add(right ? "latihan__opsi--benar" : "latihan__opsi--salah");
      option.setAttribute("aria-pressed", "true");
      // the verdict once: feedback written as "Tepat. …" keeps its own words
      var verdict = right ? "Tepat." : "Belum tepat.";
      var text = option.dataset.umpan;
      feedback.textContent = text.toLowerCase().startsWith(verdict.toLowerCase()) ? text : verdict + " " + text;
      feedback.className = "latihan__umpan " + (right ? "latihan__umpan--benar" : "latihan__umpan--salah");
    });
  });
});

// mike's version selector is added after the page loads; its button is named
// "Pilih versi" but shows the version, so its accessible name must contain what it shows.
new MutationObserver(function () {
  document.querySelectorAll(".md-version__current").forEach(function (button) {
    var name = "Pilih versi: " + button.textContent.trim().replace(/\s+/g, " ");
    if (button.getAttribute("aria-label") !== name) {
      button.setAttribute("aria-label", name);
    }
  });
}).observe(document.body, { childList: true, subtree: true });
