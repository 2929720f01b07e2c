// kesos-modul: small accessibility repairs to Material for MkDocs' markup.
// The search overlay is a dialog without a name; screen readers announce it as "Pencarian".
document.querySelectorAll(".md-search[role='dialog']").forEach(function (dialog) {
  dialog.setAttribute("aria-label", "Pencarian");
});
