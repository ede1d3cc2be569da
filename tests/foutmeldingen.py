"""docs/foutmeldingen.md, generated: what `buurtxl check` prints today for every corpus case.

`python tests/corpus.py` rewrites the file; `test_corpus.test_foutmeldingen_tabel_is_actueel` fails
when the file and the command's behaviour drift apart.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from click.testing import CliRunner

import corpus
from buurtxl import opmaak, waarden
from buurtxl.cli import buurtxl
from buurtxl.invoer import voorcontrole

DOCS = Path(__file__).resolve().parents[1] / "docs" / "foutmeldingen.md"

# Notations a person may type in a money cell, in the order the README explains them.
NOTATIES = ["4850", "4850.50", "4850,50", "4.850,00", "€ 4.850,00", "€\u00a04.850,50", "1.300", "€ 4.850",
            "4,850.00", "1300,5"]


def check_uitvoer(pad: Path) -> tuple[int, str]:
    """Exit code and everything `buurtxl check` prints (stdout and stderr as a terminal shows them)."""
    resultaat = CliRunner().invoke(buurtxl, ["check", str(pad)], catch_exceptions=False)
    return resultaat.exit_code, resultaat.output


def _cel(tekst: str) -> str:
    regels = [r.replace("|", "\\|") for r in tekst.strip().splitlines() if r.strip()]
    return "<br>".join(f"`{r}`" for r in regels)


def tabel() -> str:
    rijen = ["| Geval | `check` | `build` | Wat de gebruiker ziet (`buurtxl check`) |", "|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for geval in corpus.GEVALLEN:
            map_ = Path(tmp) / geval.naam
            map_.mkdir()
            code, uitvoer = check_uitvoer(geval.maak(map_))
            build = "werkmap geschreven" if geval.aanvaard else "1, niets geschreven"
            rijen.append(f"| {geval.omschrijving} | {code} | {build} | {_cel(uitvoer)} |")
    return "\n".join(rijen)


def notaties() -> str:
    rijen = ["| Ingetypt | Gelezen als |", "|---|---|"]
    for tekst in NOTATIES:
        try:
            uitkomst = opmaak.als_euro(waarden.bedrag(tekst, "bedrag"))
        except waarden.WaardeFout as fout:
            uitkomst = f"geweigerd: {fout}"
        rijen.append(f"| `{tekst.replace(chr(0xa0), ' ')}` | {uitkomst} |")
    return "\n".join(rijen)


# Settlement cases (issue 20): what `buurtxl vaststellen` says about each row. Nothing is silent:
# an empty amount is 'ontbreekt', every message names the buurt and the row.
VASTSTELLING = [
    ("supplement_besteed leeg: ontbreekt, niet € 0", "buurt;huishoudens;buurtscore;besteed;betaald\n"
     "Mariaberg;900;40;5850;8850\n"),
    ("meer besteed dan de basissubsidie, toeslag_besteed leeg (toeslag aangevraagd)",
     "buurt;huishoudens;besteed;toeslag_aangevraagd;betaald\nMalberg;1495;6400;877,50;5850\n"),
    ("meer besteed dan de basissubsidie, toeslag niet aangevraagd",
     "buurt;huishoudens;besteed;betaald\nCaberg;1495;6400;5850\n"),
    ("toeslag besteed zonder aanvraag", "buurt;huishoudens;besteed;toeslag_besteed;betaald\n"
     "Wyck;1495;6400;877,50;6727,50\n"),
    ("besteed en betaald leeg", "buurt;huishoudens;besteed;betaald\nHeer;1000;;\n"),
    ("negatief betaald bedrag", "buurt;huishoudens;besteed;betaald\nWyck;800;5850;-100\n"),
]


def vaststelling_tabel() -> str:
    rijen = ["| Geval | `vaststellen` | Wat de gebruiker ziet (meldingen) |", "|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for omschrijving, inhoud in VASTSTELLING:
            pad = Path(tmp) / "eind_2018.csv"
            pad.write_text(inhoud, encoding="utf-8")
            uit = CliRunner().invoke(buurtxl, ["vaststellen", str(pad), "--csv"], catch_exceptions=False)
            rijen.append(f"| {omschrijving} | {uit.exit_code} | {_cel(uit.stderr)} |")
    return "\n".join(rijen)


def docs_tekst() -> str:
    mb = voorcontrole.MB
    vanaf = voorcontrole.VERHOUDING_VANAF // mb
    return f"""# Foutmeldingen: elk geval van verkeerde invoer en wat de gebruiker ziet

Dit bestand is gegenereerd door `python tests/corpus.py` uit de testverzameling `tests/corpus.py`;
een test (`tests/test_corpus.py`) faalt zodra het niet meer klopt met wat `buurtxl` doet. Elk
geval gaat in de tests ook door `buurtxl build`: bij een fout is de uitgangscode 1, verschijnt
geen traceback en blijft er geen (half) uitvoerbestand achter.

Uitgangscodes: 0 klaar, 1 problemen in de invoer, 2 verkeerd gebruik.

## Grenzen (gecontroleerd vóór het uitpakken of lezen, in `buurtxl.voorcontrole`)

| Grens | Waarde |
|---|---|
| grootte van een invoerbestand op schijf | {voorcontrole.MAX_BESTAND // mb} MB |
| alle onderdelen van een werkmap samen, uitgepakt | {voorcontrole.MAX_UITGEPAKT // mb} MB |
| uitgepakt ÷ ingepakt voor één onderdeel (vanaf {vanaf} MB) | {voorcontrole.MAX_VERHOUDING} |
| aantal onderdelen in een werkmap | {voorcontrole.MAX_ONDERDELEN} |
| XML-documenttypedefinitie (DTD, entiteiten) | nooit toegestaan |

## Getallen in Nederlandse notatie

Een punt vóór precies drie cijfers zonder decimale komma (`1.300`, `€ 4.850`) is voor een
Nederlandse lezer een duizendtalpunt en voor een Engelse een decimaalpunt: buurtxl weigert te
raden en vraagt om wat het daarna aanvaardt: `1300` bij een aantal huishoudens, `1300` of
`1,300` bij een bedrag. Een bedrag met duizendtalpunten én een decimale komma is ondubbelzinnig
en wordt gelezen.

{notaties()}

## De gevallen

{tabel()}

## Vaststelling na afloop van het jaar (`buurtxl vaststellen`)

Een leeg bedrag is *ontbreekt*, nooit € 0: dat onderdeel wordt niet vastgesteld en de rij zegt
het. De toeslag wordt alleen vastgesteld als hij is aangevraagd (§3.4 punt 2, §8). Elke melding
noemt de buurt en de rij.

{vaststelling_tabel()}
"""


def schrijf_docs() -> Path:
    DOCS.write_text(docs_tekst(), encoding="utf-8")
    return DOCS
