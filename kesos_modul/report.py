"""``kesos-modul report``: what needs attention at the two-week planning meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kesos_modul.model import Entri, Kurikulum, Modul, Program, parse_date
from kesos_modul.pengesahan import berlaku

CYCLE_DAYS = 14
ASN_MINIMUM_JP = 20  # PP 11/2017 as amended by PP 17/2020: competency development a year


@dataclass(frozen=True)
class Laporan:
    tanggal: date
    sampai: date  # the end of the next cycle
    telaah_lewat: tuple[Modul, ...]
    telaah_segera: tuple[Modul, ...]
    draf: tuple[Modul, ...]
    menunggu_telaah: tuple[Modul, ...]
    # approved, then changed: in revision, waiting for its approval (telaah, then sahkan)
    direvisi: tuple[Modul, ...]
    tanpa_unit: tuple[Modul, ...]
    unit_tak_tercakup: tuple[Entri, ...]
    ranah_kosong: tuple[Entri, ...]
    program_kurang: tuple[Program, ...]

    @property
    def perhatian(self) -> int:
        """How many items need attention."""
        return sum(
            len(x)
            for x in (
                self.telaah_lewat, self.telaah_segera, self.draf, self.menunggu_telaah, self.direvisi,
                self.tanpa_unit,
                self.unit_tak_tercakup, self.ranah_kosong, self.program_kurang,
            )
        )  # fmt: skip


def laporan(kurikulum: Kurikulum, today: date, cycle_days: int = CYCLE_DAYS) -> Laporan:
    reg = kurikulum.registri
    until = today + timedelta(days=cycle_days)
    active = [m for m in kurikulum.modul if m.status != "usang"]

    def due(m: Modul) -> date | None:
        return parse_date(m.tanggal_telaah_berikutnya)

    covered_units = {u for m in active for u in m.unit_kompetensi}
    covered_ranah = {reg.ranah_kode(r) for m in active for r in m.ranah}
    return Laporan(
        tanggal=today,
        sampai=until,
        telaah_lewat=tuple(sorted((m for m in active if due(m) and due(m) < today), key=due)),
        telaah_segera=tuple(sorted((m for m in active if due(m) and today <= due(m) <= until), key=due)),
        draf=tuple(m for m in active if m.status == "draf"),
        menunggu_telaah=tuple(m for m in active if m.status == "telaah"),
        direvisi=tuple(m for m in active if m.status == "disahkan" and berlaku(m) is None),
        tanpa_unit=tuple(m for m in active if not m.unit_kompetensi),
        unit_tak_tercakup=tuple(u for u in reg.unit.values() if u.kode not in covered_units),
        ranah_kosong=tuple(r for r in reg.ranah.values() if r.kode not in covered_ranah),
        program_kurang=tuple(p for p in kurikulum.program if p.jp.total < ASN_MINIMUM_JP),
    )
