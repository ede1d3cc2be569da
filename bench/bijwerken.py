"""`buurtxl update` of a large municipal workbook (issue 10), against copying the file.

    python bench/bijwerken.py                    # ~5 MB workbook, 30 buurten, 3 runs each
    python bench/bijwerken.py --met-libreoffice  # also one run with the LibreOffice value check
    python bench/bijwerken.py --snel             # a small workbook: checks that it works

The workbook is made with XlsxWriter as staff keep it: 'Aanvragen' with the 30 buurten of the
built-in example, and a sheet of 'Mutaties' (bookings with formulas and their stored results)
large enough for the file to be about 5 MB, a chart and an image. Each run starts from a fresh
copy. The baseline, in the same run, is copying the file (`shutil.copyfile`): what any tool that
writes the whole file at least pays. Timed: reading 'Aanvragen' (`lezen.lees`) plus
`bijwerken.bijwerken`, as `buurtxl update` does. The section it writes in BENCHMARKS.md is its own
(between the markers below); `bench/run.py` keeps it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(BENCH))

import verslag  # noqa: E402

SECTIE = "bijwerken"  # its marked section of BENCHMARKS.md (verslag.vervang)


def maak_werkmap(pad: Path, mutaties: int) -> Path:
    """The municipal workbook: 30 applications and `mutaties` booking rows with formulas."""
    import csv

    import xlsxwriter

    import werkmappen
    from buurtxl.regeling import voorbeeld

    with open(voorbeeld.pad(), encoding="utf-8") as f:
        rijen = list(csv.reader(f))
    wb = xlsxwriter.Workbook(str(pad))
    ws = wb.add_worksheet("Aanvragen")
    for r, rij in enumerate(rijen):
        for k, waarde in enumerate(rij):
            if waarde and r and waarde.replace(".", "", 1).isdigit():
                ws.write_number(r, k, float(waarde))
            elif waarde:
                ws.write_string(r, k, waarde)
    geboekt = wb.add_worksheet("Mutaties")
    geboekt.write_row(0, 0, ["datum", "buurt", "omschrijving", "kostenplaats", "bedrag", "btw", "totaal", "cumulatief"])
    buurten = [rij[1] for rij in rijen[1:]]
    geld = wb.add_format({"num_format": "€ #,##0.00"})
    cumulatief = 0.0
    for i in range(1, mutaties + 1):
        bedrag = round(10 + (i * 37 % 1000) / 3, 2)
        totaal = round(bedrag * 1.21, 2)
        cumulatief = round(cumulatief + totaal, 2)
        geboekt.write_string(i, 0, f"2018-{1 + i % 12:02d}-{1 + i % 28:02d}")
        geboekt.write_string(i, 1, buurten[i % len(buurten)])
        geboekt.write_string(i, 2, f"Boeking {i} activiteit buurtnetwerk")
        geboekt.write_string(i, 3, f"KP{6000 + i % 40}")
        geboekt.write_number(i, 4, bedrag, geld)
        geboekt.write_formula(i, 5, f"=E{i + 1}*0.21", geld, round(bedrag * 0.21, 2))
        geboekt.write_formula(i, 6, f"=E{i + 1}+F{i + 1}", geld, totaal)
        geboekt.write_formula(i, 7, f"=G{i + 1}" if i == 1 else f"=H{i}+G{i + 1}", geld, cumulatief)
    grafiek = wb.add_chart({"type": "column"})
    grafiek.add_series({"categories": "=Aanvragen!$B$2:$B$31", "values": "=Aanvragen!$C$2:$C$31"})
    ws.insert_chart("J2", grafiek)
    with tempfile.TemporaryDirectory() as map_:
        logo = Path(map_) / "logo.png"
        logo.write_bytes(werkmappen.png())
        ws.insert_image("J20", str(logo))
        wb.close()
    return pad


def _update(pad: Path, herbereken: bool) -> tuple[float, float]:
    """(seconds for reading 'Aanvragen' plus the update, of which reading)."""
    from buurtxl import regeling
    from buurtxl.invoer import lezen
    from buurtxl.pakket import bijwerken

    r = regeling.laad("2018")
    start = time.perf_counter()
    gelezen = lezen.lees(pad, r, blad="Aanvragen")
    assert gelezen.ok, [str(p) for p in gelezen.problemen]
    gelezen_na = time.perf_counter() - start
    bijwerken.bijwerken(pad, gelezen.aanvragen, r, herbereken=herbereken)
    return time.perf_counter() - start, gelezen_na


def meet(mutaties: int, herhalingen: int, met_libreoffice: bool) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="buurtxl-bench-update-") as map_:
        bron = maak_werkmap(Path(map_) / "bron.xlsx", mutaties)
        grootte = bron.stat().st_size
        kopie: list[float] = []
        update: list[tuple[float, float]] = []
        lo: list[tuple[float, float]] = []
        for i in range(herhalingen):
            doel = Path(map_) / f"kopie{i}.xlsx"
            start = time.perf_counter()
            shutil.copyfile(bron, doel)
            kopie.append(time.perf_counter() - start)
            werk = Path(map_) / f"afdeling{i}" / "afdeling.xlsx"
            werk.parent.mkdir()
            shutil.copyfile(bron, werk)
            update.append(_update(werk, herbereken=False))
        if met_libreoffice:
            werk = Path(map_) / "lo" / "afdeling.xlsx"
            werk.parent.mkdir()
            shutil.copyfile(bron, werk)
            lo.append(_update(werk, herbereken=True))
        na = werk.stat().st_size
    return {"grootte": grootte, "na": na, "kopie": statistics.median(kopie),
            "update": statistics.median(u for u, _ in update), "lezen": statistics.median(g for _, g in update),
            "libreoffice": lo[0][0] if lo else None, "herhalingen": herhalingen, "mutaties": mutaties}


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")


def _s(x: float) -> str:
    return (f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s").replace(".", ",")


def sectie(uitkomst: dict, opdracht: str, datum: str) -> str:
    m = verslag.machine()
    regels = [
        "## `buurtxl update` van een grote eigen werkmap (issue 10)",
        "",
        f"- Opdracht: `{opdracht}`",
        f"- Datum: {datum}; machine: {m.get('processor', '?')}, {m.get('kernen', '?')} kernen",
        f"- Werkmap (XlsxWriter): 'Aanvragen' met de 30 buurten van het ingebouwde voorbeeld, een grafiek en een "
        f"afbeelding, en 'Mutaties' met {uitkomst['mutaties']:_} boekingen".replace("_", ".")
        + f" (drie formules per rij met bewaarde uitkomst); {_mb(uitkomst['grootte'])} → "
        f"{_mb(uitkomst['na'])} na de update",
        "",
        "| wat | tijd (mediaan) | tegenover kopiëren |",
        "|---|---|---|",
        f"| basislijn: het bestand kopiëren (`shutil.copyfile`) | {_s(uitkomst['kopie'])} | 1× |",
        (f"| `update`: 'Aanvragen' lezen + pakket samenvoegen, controleren, schrijven (zonder LibreOffice) | "
         f"{_s(uitkomst['update'])} | {uitkomst['update'] / uitkomst['kopie']:.0f}× |"),
        f"| waarvan 'Aanvragen' lezen (`lezen.lees`, openpyxl) | {_s(uitkomst['lezen'])} | |",
    ]
    if uitkomst["libreoffice"] is not None:
        regels.append(f"| `update` met de LibreOffice-controle (voor en na herberekend, 1 keer) | "
                      f"{_s(uitkomst['libreoffice'])} | {uitkomst['libreoffice'] / uitkomst['kopie']:.0f}× |")
    regels += [
        "",
        (f"{uitkomst['herhalingen']} herhalingen, elk op een verse kopie. Het grote blad 'Mutaties' wordt niet "
         "ontleed en niet opnieuw ingepakt: het gaat met zijn opgeslagen zip-bytes mee. De tijd zit in het lezen "
         "van 'Aanvragen' (openpyxl laadt daarvoor de tabel met gedeelde teksten van de hele werkmap), de "
         "voorcontrole die elk XML-onderdeel één keer leest (bij het lezen en bij de update), en het bouwen "
         "van de bladen van buurtxl (openpyxl). De LibreOffice-controle (standaard in `buurtxl update` als "
         "LibreOffice er is; `--zonder-libreoffice` slaat haar over) rekent beide versies helemaal door en "
         "kost het meeste."),
    ]
    return "\n".join(regels)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="buurtxl update van een grote werkmap, tegenover kopiëren")
    p.add_argument("--snel", action="store_true", help="kleine werkmap: controleert alleen dat het werkt")
    p.add_argument("--met-libreoffice", action="store_true", help="ook één update met de LibreOffice-controle")
    p.add_argument("--uit", type=Path, default=REPO / "BENCHMARKS.md", help="het Markdown-verslag")
    args = p.parse_args(argv)
    mutaties, herhalingen = (500, 1) if args.snel else (80_000, 3)
    uitkomst = meet(mutaties, herhalingen, args.met_libreoffice)
    opdracht = "python bench/bijwerken.py" + (" " + shlex.join(argv if argv is not None else sys.argv[1:])
                                               if (argv or sys.argv[1:]) else "")
    datum = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    tekst = sectie(uitkomst, opdracht, datum)
    print(tekst)
    if not args.snel:
        bestaand = args.uit.read_text(encoding="utf-8") if args.uit.exists() else ""
        args.uit.write_text(verslag.vervang(bestaand, SECTIE, tekst), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
