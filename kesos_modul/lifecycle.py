"""The life-cycle steps writers used to do by hand in modul.yaml, each one small
and safe edit (see :mod:`kesos_modul.yamledit`):

- :func:`telaah`: send a module to review, naming its reviewers;
- :func:`sahkan`: record that an official approved exactly this content;
- :func:`redaksional`: a reviewer marks a patch as an editorial change, so the
  approval of the version it patches stays valid;
- :func:`jadwal`: set the date of the next review.

Each takes the module as validation read it, and refuses with a message for the
writer before anything is written. Whoever wrote a module never reviews, approves
or marks it. When the curriculum has a signer registry, :func:`sahkan` and
:func:`redaksional` are signed with the person's own key, who is then known from
that key (:mod:`kesos_modul.tanda_tangan`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kesos_modul import tanda_tangan
from kesos_modul.findings import Finding, Severity
from kesos_modul.model import Modul, Penandatangan, Registri, parse_date
from kesos_modul.pengesahan import berlaku, dasar_redaksional, sidik
from kesos_modul.tanda_tangan import Pernyataan, SigningError
from kesos_modul.yamledit import EditError, YamlEdit

# Findings that the approval steps themselves resolve, so they do not block them.
_RESOLVED_BY_APPROVAL = {"KM603", "KM607", "KM608", "KM609"}


class LifecycleError(Exception):
    """A step that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Langkah:
    """One step on one module: its file, and where it lives in the repository."""

    root: Path
    modul: Modul
    findings: list[Finding]  # validation's findings about this module's files
    today: date
    registri: Registri

    @property
    def rel(self) -> str:
        return self.modul.metadata_file

    def edit(self) -> YamlEdit:
        try:
            return YamlEdit(self.root / self.rel, self.rel)
        except EditError as exc:
            raise LifecycleError(str(exc)) from exc

    def require_valid(self) -> None:
        errors = [
            f for f in self.findings if f.severity is Severity.ERROR and f.code not in _RESOLVED_BY_APPROVAL
        ]
        if errors:
            codes = ", ".join(sorted({f.code for f in errors}))
            raise LifecycleError(
                f"modul belum lolos pemeriksaan ({len(errors)} galat: {codes}); perbaiki dulu, "
                f"lihat: kesos-modul validate {self.modul.folder}"
            )


def _not_a_writer(m: Modul, nama: str, act: str) -> None:
    if m.disusun_oleh(nama):
        raise LifecycleError(f"'{nama}' adalah penyusun modul ini dan tidak dapat {act}nya")


def _approval(m: Modul, who: Penandatangan, digest: str, tanggal: str) -> Pernyataan:
    """The statement an approver signs: this content, with the reviewers listed now."""
    reviewers = tuple(" ".join(o.nama.split()) for o in m.penelaah)
    return Pernyataan("pengesah", m.kode, m.versi, digest, who.kode, who.nama, tanggal, reviewers)


def _signer(step: Langkah, peran: str, oleh: str, day: date) -> Penandatangan | None:
    """Who signs, known from the key git signs with; None when approvals are not signed."""
    signers = step.registri.penandatangan
    if signers is None:
        if len(oleh) < 2:
            raise LifecycleError(f'sebutkan nama {peran}: --oleh "Nama"')
        return None
    try:
        key = tanda_tangan.signing_key(step.root)
    except SigningError as exc:
        raise LifecycleError(str(exc)) from exc
    who = next((s for s in signers.values() if s.kunci == key), None)
    if who is None:
        raise LifecycleError(
            f"kunci penandatanganan git Anda ({key[:32]}…) tidak tercatat di registri/penandatangan.yaml; "
            "kunci ditambahkan ke registri lewat perubahan yang ditelaah"
        )
    if oleh and oleh != who.nama:
        raise LifecycleError(f"kunci penandatanganan git Anda milik {who.nama}, bukan '{oleh}'")
    if not who.boleh(peran, day):
        raise LifecycleError(
            f"{who.nama} tidak tercatat di registri/penandatangan.yaml sebagai {peran} pada {day}"
        )
    return who


def _sign(step: Langkah, statement: Pernyataan) -> None:
    try:
        tanda_tangan.sign(step.root, statement)
    except SigningError as exc:
        raise LifecycleError(str(exc)) from exc


def _write(edit: YamlEdit) -> None:
    try:
        edit.write()
    except EditError as exc:
        raise LifecycleError(str(exc)) from exc


def telaah(step: Langkah, penelaah: tuple[str, ...], instansi: str | None) -> list[str]:
    """Status ``telaah``, with the named reviewers listed (the ones recorded, when none is
    named); returns the reviewers added."""
    m = step.modul
    if not penelaah and not m.penelaah:
        raise LifecycleError('sebutkan penelaahnya: --penelaah "Nama Penelaah" (boleh berulang)')
    for nama in penelaah:
        _not_a_writer(m, " ".join(nama.split()), "menelaah")
    known = {o.nama for o in m.penelaah}
    new = [nama for nama in dict.fromkeys(" ".join(p.split()) for p in penelaah) if nama not in known]
    if new and not (instansi and instansi.strip()):
        raise LifecycleError(
            f'sebutkan instansi penelaah baru ({", ".join(new)}): --instansi "Nama Instansi"'
        )
    edit = step.edit()
    edit.set((), "status", "telaah")
    entries = [{"nama": nama, "instansi": " ".join(instansi.split())} for nama in new] if new else []
    if entries:
        if m.penelaah:
            for entry in entries:
                edit.add(("penelaah",), entry)
        else:
            edit.set((), "penelaah", entries, after=("penyusun",))
    _write(edit)
    return new


def sahkan(
    step: Langkah, oleh: str, jabatan: str | None, instansi: str | None, tanggal: date
) -> tuple[str, str, str, date]:
    """Record the approval of the module's current content; returns (version, digest, approver, day)."""
    m = step.modul
    oleh = " ".join(oleh.split())
    if m.status == "draf":
        raise LifecycleError(
            f'modul masih draf; kirim ke telaah dulu: kesos-modul telaah {m.kode} --penelaah "Nama Penelaah"'
        )
    if m.status == "usang":
        raise LifecycleError("modul berstatus usang tidak disahkan; buat versi baru dan telaah dulu")
    if tanggal > step.today:
        raise LifecycleError(f"tanggal pengesahan {tanggal} ada di masa depan")
    who = _signer(step, "pengesah", oleh, tanggal)
    if who is not None:
        oleh, jabatan, instansi = who.nama, who.jabatan, who.instansi
    _not_a_writer(m, oleh, "mengesahkan")
    step.require_valid()
    jabatan = jabatan or (m.pengesah.jabatan if m.pengesah else None)
    instansi = instansi or (m.pengesah.instansi if m.pengesah else None)
    if not (jabatan and instansi):
        raise LifecycleError('sebutkan jabatan dan instansi pengesah: --jabatan "…" --instansi "…"')
    digest = sidik(m)
    done = m.riwayat[0].pengesahan
    if done is not None:
        if done.sidik == digest:
            if who is not None and who.nama == done.oleh:  # recorded before approvals were signed
                return _sign_recorded(step, who, done.tanggal, digest)
            raise LifecycleError(
                f"versi {m.versi} dengan isi ini sudah disahkan pada {done.tanggal} oleh {done.oleh}"
            )
        raise LifecycleError(
            f"versi {m.versi} sudah disahkan pada {done.tanggal} dengan isi yang lain; satu versi, satu isi "
            f'yang disahkan: naikkan versinya dulu (kesos-modul bump {m.kode} minor -m "…")'
        )
    edit = step.edit()  # read before signing: a file that cannot be edited leaves no tag behind
    if who is not None:
        _sign(step, _approval(m, who, digest, tanggal.isoformat()))
    edit.set((), "status", "disahkan")
    edit.set((), "tanggal_disahkan", tanggal.isoformat(), after=("status",))
    edit.set(
        (),
        "pengesah",
        {"nama": oleh, "jabatan": jabatan, "instansi": instansi},
        after=("penelaah", "penyusun"),
    )
    edit.set(("riwayat", 0), "pengesahan", {"oleh": oleh, "tanggal": tanggal.isoformat(), "sidik": digest})
    _write(edit)
    return m.versi, digest, oleh, tanggal


def _sign_recorded(
    step: Langkah, who: Penandatangan, tanggal: str, digest: str
) -> tuple[str, str, str, date]:
    """The approver signs the approval already recorded for this content (a curriculum that
    starts signing), on the day it was recorded."""
    m, day = step.modul, date.fromisoformat(tanggal)
    if not who.boleh("pengesah", day):
        raise LifecycleError(
            f"{who.nama} tidak tercatat di registri/penandatangan.yaml sebagai pengesah pada {day}"
        )
    try:
        tanda_tangan.sign(step.root, _approval(m, who, digest, tanggal))
    except SigningError as exc:
        raise LifecycleError(
            f"versi {m.versi} dengan isi ini sudah disahkan dan ditandatangani ({exc})"
        ) from exc
    return m.versi, digest, who.nama, day


def redaksional(step: Langkah, oleh: str) -> tuple[str, str]:
    """A reviewer marks the current patch as editorial; returns (approved version, digest)."""
    m = step.modul
    oleh = " ".join(oleh.split())
    if m.status != "disahkan":
        raise LifecycleError(
            "perbaikan redaksional hanya untuk modul yang sudah disahkan; modul ini berstatus " + m.status
        )
    who = _signer(step, "penelaah", oleh, step.today)
    if who is not None:
        oleh = who.nama
    _not_a_writer(m, oleh, "menandai perbaikan redaksional")
    reviewers = [o.nama for o in m.penelaah]
    if oleh not in reviewers:
        raise LifecycleError(
            f"'{oleh}' bukan penelaah modul ini"
            + (f"; penelaahnya: {', '.join(reviewers)}" if reviewers else "; modul ini belum punya penelaah")
        )
    if berlaku(m) is not None:
        raise LifecycleError("isi modul sama dengan isi yang disahkan; tidak ada yang perlu ditandai")
    base = dasar_redaksional(m)
    if base is None:
        raise LifecycleError(
            f"versi {m.versi} bukan versi patch dari versi yang disahkan; naikkan versinya dengan "
            f'kesos-modul bump {m.kode} patch -m "…", atau, untuk perubahan isi, sahkan lagi'
        )
    if m.riwayat[0].perbaikan_redaksional is not None:
        raise LifecycleError(
            f"versi {m.versi} sudah ditandai redaksional dengan isi yang lain; naikkan versinya dulu "
            f'(kesos-modul bump {m.kode} patch -m "…")'
        )
    step.require_valid()
    digest = sidik(m)
    edit = step.edit()
    if who is not None:
        _sign(step, Pernyataan("penelaah", m.kode, m.versi, digest, who.kode, oleh, step.today.isoformat()))
    record = {"oleh": oleh, "tanggal": step.today.isoformat(), "sidik": digest}
    edit.set(("riwayat", 0), "perbaikan_redaksional", record)
    _write(edit)
    return base.versi, digest


def jadwal(step: Langkah, tanggal: date) -> None:
    """Set the date of the next review."""
    m = step.modul
    if tanggal <= step.today:
        raise LifecycleError(f"tanggal telaah berikutnya ({tanggal}) harus sesudah hari ini ({step.today})")
    approved = parse_date(m.tanggal_disahkan)
    if approved and tanggal <= approved:
        raise LifecycleError(f"tanggal telaah berikutnya harus sesudah tanggal pengesahan ({approved})")
    edit = step.edit()
    edit.set((), "tanggal_telaah_berikutnya", tanggal.isoformat(), after=("tanggal_disahkan", "status"))
    _write(edit)
