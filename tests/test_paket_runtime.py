"""SCORM 1.2 packages played in a real runtime (scorm-again, as an LMS embeds it) in
Chromium at a phone's size: every SCO of a module initialises once, reports
``incomplete``, becomes ``completed`` only once its end has been on screen, and on
leaving commits, finishes and sends a session time and exit the runtime accepts
(scorm-again validates each value: any error code or logged error fails the test).
The practice page reports the first-answer score; a chapter left halfway resumes
at the heading the trainee reached, with a note; a page opened without a platform
still works; nothing is fetched from outside the package; a programme package plays too.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import time
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kesos_modul.loading import load
from kesos_modul.paket import buat
from kesos_modul.sources import FolderSource
from tests.browsing import open_page, sample, serving
from tests.conftest import REPO

RUNTIME = REPO / "node_modules/scorm-again/dist/scorm12.min.js"
MODUL = "dukungan-psikososial-bencana"
CP = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2"}
SESSION_TIME = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")
Packages = tuple[str, list[str], list[str]]  # the served URL, the module's SCOs, the programme's
PHONE: dict[str, Any] = {"width": 390, "height": 844, "is_mobile": True, "has_touch": True}

# The LMS side: scorm-again's SCORM 1.2 API with no commit URL (commits stay in the
# page), every call recorded with its result and the error code right after it, the
# runtime's own warnings and errors kept, CMI state preloaded from ?cmi= (as an LMS
# gives back a suspended attempt), and the SCO from ?sco= in a full-size iframe.
HARNESS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>html, body { margin: 0; height: 100%; } iframe { border: 0; width: 100%; height: 100%; display: block; }</style>
<script src="scorm12.min.js"></script>
<script>
window.calls = [];
window.logged = [];
const query = new URLSearchParams(location.search);
const api = new Scorm12API({
  autocommit: false, lmsCommitUrl: false, logLevel: 3,
  onLogMessage: (level, message) => window.logged.push([level, message]),
});
if (query.get("cmi")) api.loadFromJSON(JSON.parse(query.get("cmi")));
for (const name of ["LMSInitialize", "LMSSetValue", "LMSGetValue", "LMSCommit", "LMSFinish"]) {
  const real = api[name].bind(api);
  api[name] = (...args) => {
    const result = String(real(...args));
    window.calls.push({name, args, result, error: String(api.LMSGetLastError())});
    return result;
  };
}
window.API = api;
window.cmi = () => JSON.parse(JSON.stringify(api.cmi));
</script></head>
<body><iframe id="sco" title="SCO"></iframe>
<script>document.getElementById("sco").src = query.get("sco");</script></body></html>
"""


def unpack(data: bytes, folder: Path) -> list[str]:
    """A package unzipped beside the harness; its SCOs' paths in the manifest's order."""
    zipfile.ZipFile(io.BytesIO(data)).extractall(folder)
    (folder / "lms.html").write_text(HARNESS, encoding="utf-8")
    shutil.copy(RUNTIME, folder / "scorm12.min.js")
    manifest = ET.parse(folder / "imsmanifest.xml").getroot()
    hrefs = {r.get("identifier"): r.get("href") for r in manifest.iterfind(".//cp:resource", CP)}
    return [hrefs[i.get("identifierref")] for i in manifest.iterfind(".//cp:item[@identifierref]", CP)]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Packages]:
    """The served folder's URL, the module package's SCOs and the programme's (under prog/)."""
    if not RUNTIME.exists():
        pytest.skip("scorm-again is not installed (npm install)")
    root = sample(tmp_path_factory.mktemp("runtime"))
    kur = load(FolderSource(root))[0]
    m = kur.modul_by_kode()[MODUL]
    served = root / "served"
    modul = unpack(buat.modul(kur, root, m, "scorm12", "peserta").data, served)
    program = unpack(buat.program(kur, root, kur.program[0], "scorm12", "peserta").data, served / "prog")
    (served / "favicon.ico").write_bytes(b"")  # the host's, asked for by Chromium: no 404 in the console
    with serving(served) as url:
        yield url, modul, program


class Player:
    """A phone playing one SCO in the harness, recording every request it makes."""

    def __init__(self, browser: Any, url: str) -> None:
        self.url = url
        self.page = open_page(browser, **PHONE)
        self.requests: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, sco: str, cmi: dict[str, Any] | None = None) -> Any:
        query = {"sco": sco} | ({"cmi": json.dumps(cmi)} if cmi else {})
        self.page.goto(f"{self.url}lms.html?{urllib.parse.urlencode(query)}")
        self.page.wait_for_function("calls.some(c => c.name === 'LMSInitialize')")
        self.frame = self.page.locator("#sco").element_handle().content_frame()
        self.frame.wait_for_load_state("load")
        return self.frame

    def calls(self) -> list[dict[str, Any]]:
        return self.page.evaluate("calls")

    def cmi(self) -> dict[str, Any]:
        return self.page.evaluate("cmi()")

    def status(self) -> str:
        return self.cmi()["core"]["lesson_status"]

    def wait(self, condition: str) -> None:
        self.page.wait_for_function(condition, timeout=5000)

    def scroll(self, fraction: float) -> None:
        self.frame.evaluate(
            "f => window.scrollTo(0, f * (document.documentElement.scrollHeight - innerHeight))", fraction
        )

    def leave(self) -> list[dict[str, Any]]:
        """The trainee goes to another page: the SCO must commit and finish."""
        self.page.evaluate("document.getElementById('sco').src = 'about:blank'")
        self.wait("calls.some(c => c.name === 'LMSFinish')")
        return self.calls()

    def close(self) -> None:
        assert self.page.evaluate("window.logged || []") == [], "scorm-again logged warnings or errors"
        assert self.page.console_errors == []
        foreign = [u for u in self.requests if not u.startswith(self.url)]
        assert foreign == [], f"requests that leave the package: {foreign}"
        self.page.context.close()


def values(calls: list[dict[str, Any]], element: str) -> list[str]:
    return [c["args"][1] for c in calls if c["name"] == "LMSSetValue" and c["args"][0] == element]


def check_session(calls: list[dict[str, Any]], exit: str) -> None:
    """One initialise, one finish after a commit, a session time and exit the runtime accepted."""
    names = [c["name"] for c in calls]
    assert names.count("LMSInitialize") == 1 and names.count("LMSFinish") == 1 and names[-1] == "LMSFinish"
    assert names[-2] == "LMSCommit"
    bad = [c for c in calls if c["error"] != "0" or c["result"] == "false"]
    assert bad == [], f"calls the runtime refused: {bad}"
    (session,) = values(calls, "cmi.core.session_time")
    assert SESSION_TIME.match(session), session
    assert values(calls, "cmi.core.exit") == [exit]


def answer_practice(player: Player) -> int:
    """First question wrong then right, the others right; the score that should follow."""
    questions = player.frame.locator(".latihan")
    count = questions.count()
    assert count >= 2
    for index in range(count):
        q = questions.nth(index)
        if index == 0:
            q.locator('.latihan__opsi[data-benar="0"]').first.tap()
            assert "Belum tepat." in q.locator(".latihan__umpan").inner_text()
        q.locator('.latihan__opsi[data-benar="1"]').tap()
        assert "Tepat" in q.locator(".latihan__umpan").inner_text()
        # the score goes once every question has been answered, not before
        reported = values(player.calls(), "cmi.core.score.raw")
        assert reported == ([] if index < count - 1 else [str(round(100 * (count - 1) / count))])
    return round(100 * (count - 1) / count)


def play_through(browser: Any, url: str, sco: str, practice: bool = False) -> int:
    """Open, read to the end, leave; returns the number of API calls checked."""
    player = Player(browser, url)
    frame = player.open(sco)
    assert values(player.calls(), "cmi.core.lesson_status")[:1] == ["incomplete"]
    if frame.evaluate("document.documentElement.scrollHeight > 1.5 * innerHeight"):
        assert player.status() == "incomplete", f"{sco} completed before its end was on screen"
    if practice:
        score = answer_practice(player)
        core = player.cmi()["core"]["score"]
        assert (core["min"], core["max"], core["raw"]) == ("0", "100", str(score))
    player.scroll(1)
    player.wait("cmi().core.lesson_status === 'completed'")
    calls = player.leave()
    check_session(calls, "")
    assert player.status() == "completed"
    player.close()
    return len(calls)


def test_every_sco_of_a_module_plays_on_a_phone(browser: Any, packages: Packages) -> None:
    url, scos, _ = packages
    assert any(s.endswith("/latihan.html") for s in scos)
    began, checked = time.monotonic(), 0
    for sco in scos:
        checked += play_through(browser, url, sco, practice=sco.endswith("/latihan.html"))
    print(
        f"\n{len(scos)} SCOs of {MODUL} played, {checked} API calls checked, {time.monotonic() - began:.1f} s"
    )


def test_a_chapter_left_halfway_resumes_where_the_trainee_was(browser: Any, packages: Packages) -> None:
    url, scos, _ = packages
    sco = next(s for s in scos if s.endswith("/index.html"))
    first = Player(browser, url)
    frame = first.open(sco)
    ids = frame.evaluate("[...document.querySelectorAll('main h2[id], main h3[id]')].map(h => h.id)")
    first.scroll(0.5)
    first.wait("calls.some(c => c.args[0] === 'cmi.core.lesson_location')")
    check_session(first.leave(), "suspend")
    core = first.cmi()["core"]
    assert core["lesson_status"] == "incomplete"
    where = core["lesson_location"]
    assert where in ids[1:], where  # a heading past the first, in this page
    first.close()

    # the platform gives the attempt back: where the trainee was, and its status
    again = Player(browser, url)
    frame = again.open(sco, {"core": {"lesson_location": where, "lesson_status": "incomplete"}})
    assert values(again.calls(), "cmi.core.lesson_status") == ["incomplete"]
    top = frame.evaluate("id => document.getElementById(id).getBoundingClientRect().top", where)
    assert abs(top) < 80, f"heading {where} at {top}px, not at the top"
    note = frame.locator(".kesos-lanjut")
    assert note.inner_text() == "Melanjutkan dari bagian terakhir yang Anda baca."
    box = note.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"], f"the note is off screen: {box}"
    again.close()


def test_nothing_reaches_the_platform_after_the_sco_finished(browser: Any, packages: Packages) -> None:
    """The frame still scrolls while it unloads (scroll anchoring after a late image):
    a location or status sent after LMSFinish is an error the platform records."""
    url, scos, _ = packages
    player = Player(browser, url)
    frame = player.open(next(s for s in scos if s.endswith("/index.html")))
    frame.evaluate("dispatchEvent(new Event('beforeunload'))")
    player.wait("calls.some(c => c.name === 'LMSFinish')")
    player.scroll(1)  # past every heading and to the end of the page
    frame.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    frame.evaluate("dispatchEvent(new Event('pagehide'))")
    check_session(player.calls(), "suspend")
    player.close()


def test_a_page_opened_without_a_platform_still_works(browser: Any, packages: Packages) -> None:
    url, scos, _ = packages
    player = Player(browser, url)
    page = player.page
    page.goto(url + next(s for s in scos if s.endswith("/latihan.html")))
    question = page.locator(".latihan").first
    question.locator('.latihan__opsi[data-benar="0"]').first.tap()
    assert question.locator(".latihan__umpan").inner_text().startswith("Belum tepat.")
    question.locator('.latihan__opsi[data-benar="1"]').tap()
    assert question.locator(".latihan__umpan").inner_text().startswith("Tepat")
    assert page.locator(".kesos-lanjut").count() == 0
    player.close()  # no console errors, nothing fetched from outside


def test_a_programme_package_plays(browser: Any, packages: Packages) -> None:
    url, _, scos = packages
    modules = {s.split("/")[0]: s for s in reversed(scos)}  # each module's first SCO
    assert len(modules) >= 2
    for sco in modules.values():
        play_through(browser, url + "prog/", sco)
