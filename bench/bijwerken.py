"""`buurtxl update` of a large municipal workbook (issues 10 and 23), against building the example.

    python bench/bijwerken.py                    # ~5 MB workbook, 30 buurten: every figure in one run
    python bench/bijwerken.py --snel             # a small workbook: checks that it works

The workbook is made with XlsxWriter as staff keep it: 'Aanvragen' with the 30 buurten of the
built-in example, and a sheet of 'Mutaties' (bookings with formulas and their stored results)
large enough for the file to be about 5 MB, a chart and an image. A second one also has a sheet
'Samenvatting' that points into the Begroting (by its names and its Table): the user's formulas
that depend on buurtxl, which LibreOffice must verify. Each update starts from a fresh copy.

In one run, on the same machine:

- baselines: copying the file (`shutil.copyfile`), `buurtxl build` of the built-in example, and
  python-calamine reading 'Aanvragen' (the fastest reader);
- the readers on 'Aanvragen': python-calamine, openpyxl read-only as buurtxl read it before
  (both views: stored results and formulas), buurtxl's reader (`werkblad`), and `lezen.lees`
  (which adds the checks on the raw file and the validation);
- `buurtxl update` of each workbook, as `buurtxl build` is timed (`bench/kind.py`): a fresh process,
  timed inside it from after `import buurtxl.cli` to the end, with where the time went.

The section it writes in BENCHMARKS.md is its own (between the markers below); `bench/run.py`
keeps it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
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

import meting  # noqa: E402
import opstart  # noqa: E402
import verslag  # noqa: E402
from lezers import BLAD, LEZERS, lees_met_lezen, lees_tijden  # noqa: E402

SECTIE = "bijwerken"  # its marked section of BENCHMARKS.md (verslag.vervang)
DOEL_ZONDER = 3.0  # update without dependent formulas: within 3× the example build + the fastest read
DOEL_MET_S = 20.0  # update with dependent formulas (LibreOffice verifies): within 20 s
DOEL_LEZEN = 3.0  # buurtxl's reader: within 3× python-calamine
DOEL_OPSTART = opstart.DOEL  # `buurtxl build` of the example, whole process: within 2× `import openpyxl`


def maak_werkmap(pad: Path, mutaties: int, *, samenvatting: bool = False) -> Path:
    """The municipal workbook: 30 applications and `mutaties` booking rows with formulas; with
    `samenvatting` also a sheet whose formulas use the Begroting's names and Table."""
    import csv

    import xlsxwriter

    import werkmappen
    from buurtxl.regeling import voorbeeld

    with open(voorbeeld.pad(), encoding="utf-8") as f:
        rijen = list(csv.reader(f))
    wb = xlsxwriter.Workbook(str(pad))
    ws = wb.add_worksheet(BLAD)
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
    if samenvatting:
        som = wb.add_worksheet("Samenvatting")
        som.write_column(0, 0, ["Totaal volgens de begroting", "Som van de tabel", "Aantal buurten", "Verschil"])
        som.write_formula(0, 1, "=Begroting_Totaal", geld, 0)
        som.write_formula(1, 1, "=SUM(Begrotingstabel[Totaal])", geld, 0)
        som.write_formula(2, 1, "=ROWS(Begrotingstabel[Totaal])", None, 0)
        som.write_formula(3, 1, "=B1-B2", geld, 0)
    grafiek = wb.add_chart({"type": "column"})
    grafiek.add_series({"categories": f"={BLAD}!$B$2:$B$31", "values": f"={BLAD}!$C$2:$C$31"})
    ws.insert_chart("J2", grafiek)
    with tempfile.TemporaryDirectory() as map_:
        logo = Path(map_) / "logo.png"
        logo.write_bytes(werkmappen.png())
        ws.insert_image("J20", str(logo))
        wb.close()
    return pad


# -- `buurtxl update` in a fresh process (the child side: `--kind`) ----------------------------------

# (module, function, label): where the update's time goes; none of these calls another of them.
STAPPEN = [
    ("buurtxl.invoer.voorcontrole", "controleer", "controle van het ruwe bestand (elk onderdeel, expat)"),
    ("buurtxl.invoer.lezen", "lees_xlsx", "'Aanvragen' lezen en valideren"),
    ("buurtxl.pakket.bijwerken", "_bereid_voor", "pakket lezen, onze bladen bouwen (openpyxl), verwijzingen"),
    ("buurtxl.pakket.samenvoegen", "voeg_samen", "samenvoegen"),
    ("buurtxl.pakket.controle", "controleer", "onafhankelijke controle per onderdeel"),
    ("buurtxl.pakket.herrekening", "plan", "afhankelijke formules zoeken"),
    ("buurtxl.pakket.herrekening", "afhankelijk", "afhankelijke cellen (alleen met LibreOffice)"),
    ("buurtxl.pakket.herrekening", "vergelijk", "LibreOffice: beide versies herberekenen en vergelijken"),
]


def _kind(argumenten: list[str]) -> dict:
    """`buurtxl ARG…` timed as bench/kind.py times `build`, with the time per step of `STAPPEN`."""
    import importlib

    start = time.perf_counter()
    from buurtxl import cli

    geladen = time.perf_counter()
    tijden: dict[str, float] = {}
    herberekend: list[bool] = []
    for module_naam, functie, label in STAPPEN:
        module = importlib.import_module(module_naam)
        echte = getattr(module, functie)

        def omhulsel(*a, _echte=echte, _label=label, **k):
            t = time.perf_counter()
            try:
                return _echte(*a, **k)
            finally:
                tijden[_label] = tijden.get(_label, 0.0) + time.perf_counter() - t

        setattr(module, functie, omhulsel)
    bijwerken = importlib.import_module("buurtxl.pakket.bijwerken")
    echt_bijwerken = bijwerken.bijwerken

    def bijwerken_met_uitkomst(*a, **k):
        uitkomst = echt_bijwerken(*a, **k)
        herberekend.append(uitkomst.herberekend)
        return uitkomst

    bijwerken.bijwerken = bijwerken_met_uitkomst
    try:
        cli.main(argumenten)
    except SystemExit as einde:
        if einde.code not in (0, None):
            raise
    klaar = time.perf_counter()
    return {"import_s": geladen - start, "bouw_s": klaar - geladen, "stappen": tijden,
            "herberekend": bool(herberekend and herberekend[0])}


def _update(werkmap: Path) -> meting.Proces:
    return meting.proces([sys.executable, __file__, "--kind", "update", str(werkmap), "--quiet"])


def _mediaan(metingen: list[meting.Proces]) -> meting.Proces:
    return sorted(metingen, key=lambda m: m.uitvoer["bouw_s"])[len(metingen) // 2]


def meet(mutaties: int, herhalingen: int, map_: Path, *, met_libreoffice: bool = True) -> dict[str, object]:
    """Every figure of the section; `met_libreoffice=False` leaves out the update LibreOffice verifies."""
    from buurtxl import regeling
    from buurtxl.pakket import bijwerken

    belasting = os.getloadavg()[0]
    bron = maak_werkmap(map_ / "bron.xlsx", mutaties)
    met = maak_werkmap(map_ / "met_samenvatting.xlsx", mutaties, samenvatting=True)
    # The summary sheet points into a Begroting that exists: updated once before, untimed.
    gelezen = lees_met_lezen(met)
    bijwerken.bijwerken(met, gelezen.aanvragen, regeling.laad("2018"), herbereken=False)
    kopie = []
    for i in range(herhalingen):
        start = time.perf_counter()
        shutil.copyfile(bron, map_ / f"kopie{i}.xlsx")
        kopie.append(time.perf_counter() - start)
    voorbeeld = _mediaan([meting.kind("bouw", "build", "-o", str(map_ / "voorbeeld.xlsx"), "--force", "--quiet")
                          for _ in range(herhalingen)])
    lezen = lees_tijden(bron, 3 * herhalingen)  # quick: more runs, a steadier median
    py = sys.executable
    build_s, openpyxl_s = opstart._om_en_om(
        [py, "-c", opstart._BUURTXL, "build", "-o", str(map_ / "opstart.xlsx"), "--force", "--quiet"],
        [py, "-c", "import openpyxl"], 5 * herhalingen)

    def update(werkmap: Path, naam: str, keer: int) -> meting.Proces:
        metingen = []
        for i in range(keer):
            werk = map_ / f"{naam}{i}" / "afdeling.xlsx"
            werk.parent.mkdir()
            shutil.copyfile(werkmap, werk)
            metingen.append(_update(werk))
        return _mediaan(metingen)

    zonder = update(bron, "zonder", herhalingen)
    met_lo = update(met, "met", 1).uitvoer if met_libreoffice else None
    return {"grootte": bron.stat().st_size, "kopie": statistics.median(kopie), "voorbeeld": voorbeeld.uitvoer,
            "lezen": lezen, "zonder": zonder.uitvoer, "met": met_lo, "herhalingen": herhalingen,
            "mutaties": mutaties, "opstart": {"build_s": build_s, "openpyxl_s": openpyxl_s},
            "belasting": (belasting, os.getloadavg()[0])}


def _s(x: float) -> str:
    return verslag.seconden(x)


def _keer(x: float) -> str:
    return f"{verslag.getal(x, 2)}×"


def _stappen(uitvoer: dict) -> str:
    stappen = sorted(uitvoer["stappen"].items(), key=lambda s: -s[1])
    rest = uitvoer["bouw_s"] - sum(t for _, t in stappen)
    delen = [f"{label} {_s(t)}" for label, t in stappen if t >= 0.0005]
    return "; ".join([*delen, f"de rest (imports van openpyxl en de schrijvers, reservekopie, schrijven) {_s(rest)}"])


def doelen(u: dict) -> list[verslag.Doel]:
    bouw = u["voorbeeld"]["bouw_s"]
    calamine = u["lezen"]["calamine"]
    grens = DOEL_ZONDER * bouw + calamine
    zonder = u["zonder"]["bouw_s"]
    met = u["met"]["bouw_s"] if u["met"] else None
    return [
        verslag.Doel(f"`update` zonder afhankelijke formules binnen {_keer(DOEL_ZONDER)} het voorbeeld bouwen + "
                     f"python-calamine ({_s(grens)})", zonder <= grens and not u["zonder"]["herberekend"],
                     f"{_s(zonder)}, {_keer((zonder - calamine) / bouw)} het bouwen na aftrek van het lezen"),
        verslag.Doel(f"`update` met afhankelijke formules (LibreOffice controleert) binnen {_s(DOEL_MET_S)}",
                     None if met is None else met <= DOEL_MET_S and u["met"]["herberekend"],
                     "–" if met is None else _s(met)),
        verslag.Doel(f"'{BLAD}' lezen (`werkblad`) binnen {_keer(DOEL_LEZEN)} python-calamine",
                     u["lezen"]["werkblad"] <= DOEL_LEZEN * calamine,
                     _keer(u["lezen"]["werkblad"] / calamine)),
        verslag.Doel(f"`buurtxl build` van het voorbeeld (hele proces) binnen {_keer(DOEL_OPSTART)} "
                     "`import openpyxl`", opstart_ratio(u) <= DOEL_OPSTART, _keer(opstart_ratio(u))),
    ]


def opstart_ratio(u: dict) -> float:
    return u["opstart"]["build_s"] / u["opstart"]["openpyxl_s"]


def sectie(u: dict, opdracht: str, datum: str) -> str:
    m = verslag.machine()
    bouw = u["voorbeeld"]["bouw_s"]
    calamine = u["lezen"]["calamine"]
    regels = [
        "## `buurtxl update` van een grote eigen werkmap (issues 10 en 23)",
        "",
        f"- Opdracht: `{opdracht}`",
        f"- Datum: {datum}; machine: {m.get('processor', '?')}, {m.get('kernen', '?')} kernen; belasting "
        f"(load average, 1 min) {verslag.getal(u['belasting'][0], 1)} bij het begin, "
        f"{verslag.getal(u['belasting'][1], 1)} aan het einde",
        f"- Werkmap (XlsxWriter): '{BLAD}' met de 30 buurten van het ingebouwde voorbeeld, een grafiek en een "
        f"afbeelding, en 'Mutaties' met {verslag.getal(u['mutaties'], 0)} boekingen (drie formules per rij met "
        f"bewaarde uitkomst); {verslag.getal(u['grootte'] / 1024 / 1024, 1)} MB. De tweede heeft ook een blad "
        "'Samenvatting' met formules naar de namen en de tabel van de Begroting (=Begroting_Totaal, "
        "=SUM(Begrotingstabel[Totaal]), …) en is al eens bijgewerkt.",
        "",
        "| wat | tijd (mediaan) | verhouding |",
        "|---|---|---|",
        f"| basislijn: het bestand kopiëren (`shutil.copyfile`) | {_s(u['kopie'])} | |",
        f"| basislijn: `buurtxl build` van het ingebouwde voorbeeld (30 buurten), na `import buurtxl.cli` | "
        f"{_s(bouw)} | 1× |",
    ]
    regels.append(f"| basislijn: `python -c \"import openpyxl\"` (hele proces) | "
                  f"{_s(u['opstart']['openpyxl_s'])} | 1× |")
    regels.append(f"| `buurtxl build` van het voorbeeld, hele proces (opstarten inbegrepen) | "
                  f"{_s(u['opstart']['build_s'])} | {_keer(opstart_ratio(u))} `import openpyxl` |")
    for sleutel, (label, _) in LEZERS.items():
        regels.append(f"| '{BLAD}' lezen: {label} | {_s(u['lezen'][sleutel])} | "
                      f"{_keer(u['lezen'][sleutel] / calamine)} python-calamine |")
    for sleutel, label in (("zonder", "zonder afhankelijke formules"),
                           ("met", "met 'Samenvatting' (afhankelijke formules)")):
        uitvoer = u[sleutel]
        if uitvoer is None:
            continue
        lo = "LibreOffice controleerde" if uitvoer["herberekend"] else "zonder LibreOffice (niet nodig)"
        regels.append(f"| `buurtxl update`, {label}: {lo} | {_s(uitvoer['bouw_s'])} | "
                      f"{_keer((uitvoer['bouw_s'] - calamine) / bouw)} het bouwen na aftrek van het lezen |")
    regels += ["", *(verslag._doel(d) for d in doelen(u)), ""]
    regels += [
        f"Waar de tijd van `update` zonder afhankelijke formules zit: {_stappen(u['zonder'])}.",
        "",
        *([f"Met afhankelijke formules: {_stappen(u['met'])}.", ""] if u["met"] else []),
        (f"Elke `build` en `update` draait in een eigen proces en wordt gemeten vanaf na `import buurtxl.cli` tot "
         f"het einde (zoals `bench/kind.py` het bouwen meet: de imports van openpyxl en de schrijvers tellen "
         f"bij beide mee); mediaan van {u['herhalingen']} (de update met LibreOffice: 1), elk op een verse kopie. "
         f"De lezers draaien in dit proces, mediaan van {3 * u['herhalingen']} na één ongetimede run. Opstarten: "
         f"mediaan van {5 * u['herhalingen']} nieuwe processen om en om met de basislijn (`bench/opstart.py`). "
         "Het grote "
         "blad 'Mutaties' wordt niet ontleed en niet opnieuw ingepakt: het gaat met zijn opgeslagen zip-bytes "
         "mee. LibreOffice draait alleen als een formule of naam van de gebruiker van buurtxl afhangt, en "
         "rekent dan alleen de bladen door die daarvoor nodig zijn (de andere zijn in beide kopieën leeg)."),
    ]
    return "\n".join(regels)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--kind"]:
        print(json.dumps(_kind(argv[1:])))
        return 0
    p = argparse.ArgumentParser(description="buurtxl update van een grote werkmap, tegenover het voorbeeld bouwen")
    p.add_argument("--snel", action="store_true", help="kleine werkmap: controleert alleen dat het werkt")
    p.add_argument("--uit", type=Path, default=REPO / "BENCHMARKS.md", help="het Markdown-verslag")
    args = p.parse_args(argv)
    mutaties, herhalingen = (500, 1) if args.snel else (80_000, 3)
    with tempfile.TemporaryDirectory(prefix="buurtxl-bench-update-") as map_:
        uitkomst = meet(mutaties, herhalingen, Path(map_))
    opdracht = "python bench/bijwerken.py" + (" " + shlex.join(argv) if argv else "")
    datum = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    tekst = sectie(uitkomst, opdracht, datum)
    print(tekst)
    if not args.snel:
        bestaand = args.uit.read_text(encoding="utf-8") if args.uit.exists() else ""
        args.uit.write_text(verslag.vervang(bestaand, SECTIE, tekst), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
