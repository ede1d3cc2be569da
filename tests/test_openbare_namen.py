"""The public surface survives the layout: the modules and names that xlwings, the console script, the
docs, the README and the xl/ builders use still import, and `buurtxl --help` runs as installed.

A name moved inside the package must stay reachable here; a name removed on purpose leaves this list
in the same commit.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

# module → the names callers use (README, docs, xl/, the Office.js project, the tests' helpers)
OPENBAAR = {
    "buurtxl": ["__version__"],
    "buurtxl.regeling": [
        "BASISLIJN", "BUDGET", "COMPONENTEN", "STANDAARD", "VERPLICHT", "Regeling", "RegelingFout",
        "beschikbaar", "laad", "laad_bestand", "bronnen",
    ],
    "buurtxl.regeling.bronnen": ["ALLE", "BASISSUBSIDIE", "TOESLAG", "SUPPLEMENT", "BUDGET"],
    "buurtxl.regeling.voorbeeld": ["NAAM", "pad"],
    "buurtxl.regels": [
        "RegelFout", "Resultaat", "basissubsidie", "toeslag_percentage", "toeslag_bedrag", "toeslag_communicatie",
        "supplement_kwetsbaar", "onzeker", "percentage_decimaal", "bereken", "begroting", "samenvatting",
    ],
    "buurtxl.regels.tabel": ["frame", "bereken_tabel", "begroting", "impact", "impact_totalen"],
    "buurtxl.regels.vaststelling": ["vaststellen", "totalen", "vaststel_invoer"],
    "buurtxl.regels.vaststelling_controle": ["controleer"],
    "buurtxl.regels.ondersteuning": ["Uitgave", "lees", "bereken"],
    "buurtxl.regels.groepen": ["tel", "samenvatting"],
    "buurtxl.invoer": ["Invoer", "valideer", "controleer_kolommen", "normaliseer_kolom", "KOLOMMEN", "VERPLICHT"],
    "buurtxl.invoer.lezen": [
        "lees", "lees_csv_tekst", "lees_xlsx", "lees_map", "lees_formulier", "formulieren", "EXCEL", "TEKST",
    ],
    "buurtxl.invoer.formulier": ["maak", "lees", "FormulierFout"],
    "buurtxl.invoer.voorcontrole": ["controleer", "OnveiligBestand"],
    "buurtxl.excel.excelfuncties": ["FUNCTIES", "OMSCHRIJVING"],
    "buurtxl.excel.udfs": ["__all__", "CATEGORIE", "DOC"],
    "buurtxl.excel.server": ["PROJECT", "beschikbaar", "start"],
    "buurtxl.werkmap": ["maak_begroting", "maak_buurtwerkmap", "eigen_bladen", "vul_werkmap", "MAX_BUURTBLADEN"],
    "buurtxl.pakket.bijwerken": ["bijwerken", "BijwerkFout", "WerkmapOpen"],
    "buurtxl.cli": ["main", "buurtxl", "Stop", "serve"],
    "buurtxl.model": ["Aanvraag", "Resultaat", "Begroting", "Probleem", "BuurtxlFout"],
    "buurtxl.opmaak": ["als_euro", "als_getal", "als_procent", "aantal"],
    "buurtxl.opslaan": ["schrijf_atomair", "OpslaanFout"],
    "buurtxl.waarden": ["getal", "bedrag", "cent"],
    "buurtxl.velden": ["VELDEN", "KOLOMMEN", "veld"],
    "buurtxl.herberekenen": ["soffice", "converteer", "herbereken"],
}


@pytest.mark.parametrize("module", sorted(OPENBAAR))
def test_openbare_namen_bestaan(module: str) -> None:
    geladen = importlib.import_module(module)
    ontbreekt = [naam for naam in OPENBAAR[module] if not hasattr(geladen, naam)]
    assert ontbreekt == [], f"{module} mist {ontbreekt}"


def test_buurtxl_udfs_is_de_module_die_xlwings_kent() -> None:
    # xl/buurtxl_udfs.bas calls XLPy.CallUDF("buurtxl.udfs", …) and the add-in's UDF Modules says buurtxl.udfs.
    from buurtxl import udfs
    from buurtxl.excel import udfs as echt

    assert udfs.__all__ == echt.__all__
    assert {naam: getattr(udfs, naam) for naam in udfs.__all__} == {naam: getattr(echt, naam) for naam in echt.__all__}
    assert [n for n in dir(udfs) if not n.startswith("_")] == sorted(echt.__all__)


def test_regelingen_en_voorbeeld_zijn_pakketgegevens() -> None:
    from buurtxl import regeling
    from buurtxl.excel import server
    from buurtxl.regeling import voorbeeld

    assert set(regeling.beschikbaar()) >= {"2018", "2017-2018"}
    assert voorbeeld.pad().is_file()
    assert (server.PROJECT / "config.py").is_file() and (server.PROJECT / "custom_functions").is_dir()


def test_zware_modules_niet_via_de_pakketten() -> None:
    # The sub-packages' __init__ re-export light modules only (tests/test_cli_opstart.py holds the CLI).
    code = (
        "import sys, buurtxl.regels, buurtxl.regeling, buurtxl.invoer, buurtxl.excel, buurtxl.cli\n"
        "print(sorted({'pandas', 'numpy', 'openpyxl', 'xlwings', 'rich'} & set(sys.modules)))"
    )
    src = Path(__file__).resolve().parent.parent / "src"
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(src), "PATH": ""})
    assert uit.stdout.strip() == "[]"


def test_console_script_wijst_naar_cli_main() -> None:
    [script] = [e for e in metadata.entry_points(group="console_scripts") if e.name == "buurtxl"]
    assert script.value == "buurtxl.cli:main"
    from buurtxl.cli import main

    assert script.load() is main


def test_buurtxl_help_via_het_console_script() -> None:
    programma = Path(sys.executable).with_name("buurtxl")
    if not programma.exists():  # Windows: Scripts\buurtxl.exe
        programma = Path(sys.executable).with_name("buurtxl.exe")
    uit = subprocess.run([str(programma), "--help"], capture_output=True, text=True)
    assert uit.returncode == 0, uit.stderr
    for opdracht in ("build", "template", "check", "bereken", "impact", "vaststellen", "update", "serve"):
        assert opdracht in uit.stdout
