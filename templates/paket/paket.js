// A page of a kesos-modul package, when a learning platform plays it as a SCORM 1.2
// SCO: its reports to the platform: started, where the trainee is (to resume),
// completed at the end of the page, and the practice questions' score (the questions
// themselves are kesos-latihan.js, as on the site). Without a SCORM API the page just reads.
(function () {
  "use strict";

  // The SCORM 1.2 API object: in a parent frame, or in the window that opened this one.
  function findApi(win) {
    for (var hops = 0; win && hops < 10; hops++) {
      if (win.API) return win.API;
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = null;
  try {
    api = findApi(window) || (window.opener ? findApi(window.opener) : null);
  } catch (e) {
    api = null; // a frame of another origin: no platform to report to
  }
  var started = Date.now();
  var finished = false;
  var completed = false;

  // Nothing reaches the platform once the SCO has finished: a scroll event can
  // still fire while the frame unloads (scroll anchoring after a late image).
  function set(name, value) {
    if (api && !finished) api.LMSSetValue(name, String(value));
  }
  function commit() {
    if (api && !finished) api.LMSCommit("");
  }

  if (api && String(api.LMSInitialize("")) === "true") {
    var status = api.LMSGetValue("cmi.core.lesson_status");
    completed = status === "completed" || status === "passed";
    if (!completed) set("cmi.core.lesson_status", "incomplete");
    var where = api.LMSGetValue("cmi.core.lesson_location");
    var target = where && document.getElementById(where);
    if (target) {
      var note = document.createElement("p");
      note.className = "kesos-lanjut";
      note.setAttribute("role", "status");
      note.textContent = "Melanjutkan dari bagian terakhir yang Anda baca.";
      // below the heading, so that both are on screen once it is scrolled to the top
      target.parentNode.insertBefore(note, target.nextSibling);
      target.scrollIntoView();
    }
    commit();
  } else {
    api = null;
  }

  // Where the trainee is: the last heading scrolled past, kept for the next visit.
  var headings = Array.prototype.slice.call(document.querySelectorAll("main h2[id], main h3[id]"));
  var place = "";
  function track() {
    var current = "";
    headings.forEach(function (h) {
      if (h.getBoundingClientRect().top < window.innerHeight / 3) current = h.id;
    });
    if (current && current !== place) {
      place = current;
      set("cmi.core.lesson_location", current.slice(0, 255));
    }
  }

  // Completed: the end of the page has been on screen.
  var end = document.getElementById("akhir-halaman");
  function reachedEnd() {
    if (completed || !end) return;
    if (end.getBoundingClientRect().top <= window.innerHeight) {
      completed = true;
      set("cmi.core.lesson_status", "completed");
      commit();
    }
  }
  window.addEventListener("scroll", function () {
    track();
    reachedEnd();
  }, { passive: true });
  window.addEventListener("load", reachedEnd);
  reachedEnd();

  // Practice questions (kesos-latihan.js announces each answer): the first answer to
  // each question counts toward the score, reported once all are answered.
  var questions = document.querySelectorAll(".latihan");
  var first = {};
  document.addEventListener("kesos:jawaban", function (event) {
    if (!(event.detail.soal in first)) {
      first[event.detail.soal] = event.detail.benar;
      report();
    }
  });
  function report() {
    var answered = Object.keys(first);
    if (answered.length < questions.length) return;
    var right = answered.filter(function (k) { return first[k]; }).length;
    set("cmi.core.score.min", 0);
    set("cmi.core.score.max", 100);
    set("cmi.core.score.raw", Math.round((100 * right) / questions.length));
    commit();
  }

  // Leaving: the time spent, and whether the trainee will come back to this page.
  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }
  function finish() {
    if (!api || finished) return;
    var seconds = Math.round((Date.now() - started) / 1000);
    var time = pad(Math.floor(seconds / 3600)) + ":" + pad(Math.floor(seconds / 60) % 60) + ":" + pad(seconds % 60);
    set("cmi.core.session_time", time);
    set("cmi.core.exit", completed ? "" : "suspend");
    commit();
    api.LMSFinish("");
    finished = true;
  }
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();
