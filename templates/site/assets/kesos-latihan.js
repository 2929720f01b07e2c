// Practice questions (latihan), on the site and in the learning-platform packages:
// choose an answer, read its feedback. Works offline. Each answer is also announced
// as a "kesos:jawaban" event ({ soal, benar }) for the package's score (paket.js).
// Plain ES5: platforms play packages in whatever browser the trainee has.
(function () {
  "use strict";
  document.querySelectorAll(".latihan").forEach(function (question, index) {
    var feedback = question.querySelector(".latihan__umpan");
    var options = question.querySelectorAll(".latihan__opsi");
    options.forEach(function (option) {
      option.addEventListener("click", function () {
        options.forEach(function (other) {
          other.classList.remove("latihan__opsi--benar", "latihan__opsi--salah");
          other.setAttribute("aria-pressed", "false");
        });
        var right = option.getAttribute("data-benar") === "1";
        option.classList.add(right ? "latihan__opsi--benar" : "latihan__opsi--salah");
        option.setAttribute("aria-pressed", "true");
        // the verdict once: feedback written as "Tepat. …" keeps its own words
        var verdict = right ? "Tepat." : "Belum tepat.";
        var text = option.getAttribute("data-umpan");
        feedback.textContent = text.toLowerCase().indexOf(verdict.toLowerCase()) === 0 ? text : verdict + " " + text;
        feedback.className = "latihan__umpan " + (right ? "latihan__umpan--benar" : "latihan__umpan--salah");
        document.dispatchEvent(new CustomEvent("kesos:jawaban", { detail: { soal: index, benar: right } }));
      });
    });
  });
})();
