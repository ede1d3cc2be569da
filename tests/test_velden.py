"""One description of each input field, one family of errors, one spelling of each cited section.

Every face that shows an input field must list exactly the fields of `velden`, in its order; every
exception class of the package must derive from `BuurtxlFout`; no module but `bronnen` spells a
section of the decision in a string.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

import buurtxl
from buurtxl import invoer, regeling, velden, werkmap
from buurtxl.invoer import formulier, lezen
from buurtxl.model import Aanvraag, BuurtxlFout
from buurtxl.regeling import bronnen, voorbeeld
from buurtxl.werkmap import begroting, buurtblad
from buurtxl.werkmap.namen import parameternaam

R2018 = regeling.laad("2018")
BRON = Path(buurtxl.__file__).parent


# The app module uvicorn imports inside `buurtxl serve`: it needs the server's settings and xlwings
# PRO's licence before it can be imported (tests/test_server*.py start it the way `serve` does).
_ALLEEN_IN_SERVE = {"buurtxl.excel.serverapp"}


def _modules():
    for info in pkgutil.walk_packages(buurtxl.__path__, "buurtxl."):
        if info.name in _ALLEEN_IN_SERVE:
            continue
        yield importlib.import_module(info.name)


@pytest.fixture(scope="module")
def aanvragen():
    return lezen.lees(voorbeeld.pad(), R2018).aanvragen[:3]


# --- the field table -----------------------------------------------------------------------------


def test_contract_kolommen_zijn_de_velden_van_aanvraag():
    # toelichting is carried to the buurt sheet (issue 11), the group's details to the letters (issue 20);
    # neither is computed with
    beschrijvend = {"toelichting", "groepsnaam", "contactpersoon", "postadres", "email", "iban", "datum"}
    assert beschrijvend == {v.sleutel for v in velden.VELDEN if not v.rekent_mee}
    assert set(invoer.KOLOMMEN) | beschrijvend == set(Aanvraag.__dataclass_fields__)
    assert invoer.KOLOMMEN == velden.KOLOMMEN
    assert set(invoer.VERPLICHT) == {"buurt", "huishoudens"}
    assert "toelichting" in invoer.INFORMATIEF and "toelichting" not in invoer.KOLOMMEN


def test_formulier_vraagt_precies_de_velden_in_volgorde(tmp_path):
    pad = tmp_path / "f.xlsx"
    formulier.maak(R2018).save(pad)
    ws = load_workbook(pad).active
    sleutels = [ws.cell(r, 1).value for r in range(formulier.EERSTE_VELD, ws.max_row + 1)]
    assert [s for s in sleutels if s] == [v.sleutel for v in velden.FORMULIERVELDEN]
    rijen = range(formulier.EERSTE_VELD, formulier.EERSTE_VELD + len(velden.FORMULIERVELDEN))
    # A long text's label carries its explanation after a colon (its input spans that column).
    labels = [str(ws.cell(r, 2).value).split(": ", 1)[0] for r in rijen]
    assert labels == [v.label + (" *" if v.verplicht else "") for v in velden.FORMULIERVELDEN]


def test_buurtblad_en_begroting_tonen_precies_de_invoervelden(aanvragen, monkeypatch):
    wb = werkmap.maak_begroting(aanvragen, R2018)
    ws = wb[next(t for t, rol in werkmap.eigen_bladen(wb).items() if rol == "buurt")]
    rijen = range(buurtblad.EERSTE_INVOER_RIJ, buurtblad.EERSTE_INVOER_RIJ + len(velden.AANVRAAGVELDEN))
    assert [ws.cell(r, 1).value for r in rijen] == [v.kop for v in velden.AANVRAAGVELDEN]
    assert [ws.cell(r, 4).value for r in rijen] == [v.sectie or None for v in velden.AANVRAAGVELDEN]
    # The input section ends where the table ends: the next row is empty, then the calculation.
    assert ws.cell(rijen[-1] + 1, 1).value is None
    # Each input cell has its field's validation, titled with the field's short name.
    titels = {str(dv.sqref): dv.promptTitle for dv in ws.data_validations.dataValidation}
    verwacht = [v.kop for v in velden.AANVRAAGVELDEN]
    assert [titels[buurtblad.invoercel(v.sleutel)] for v in velden.AANVRAAGVELDEN] == verwacht

    monkeypatch.setattr(werkmap, "MAX_BUURTBLADEN", 2)  # inline: the inputs are the first columns
    ws = werkmap.maak_begroting(aanvragen, R2018)["Begroting"]
    koppen = [ws.cell(begroting.KOP_RIJ, k).value for k in range(1, len(velden.AANVRAAGVELDEN) + 1)]
    assert koppen == [v.kolomkop or v.kop for v in velden.AANVRAAGVELDEN]
    assert koppen[velden.KOLOMMEN.index("basissubsidie")] == "Basissubsidie opgegeven"


def test_validatie_grenzen_uit_de_tabel_op_formulier_en_werkmap(tmp_path, aanvragen):
    pad = tmp_path / "f.xlsx"
    formulier.maak(R2018).save(pad)
    ws = load_workbook(pad).active
    per_rij = {next(iter(dv.sqref.ranges)).min_row: dv for dv in ws.data_validations.dataValidation}
    rij = formulier.EERSTE_VELD + velden.KOLOMMEN.index("basissubsidie")
    # The form has no Regeling sheet: the regeling's minimum and maximum, € 4.850 and € 5.850 (§3.4 punt 1).
    assert (per_rij[rij].operator, per_rij[rij].formula1, per_rij[rij].formula2) == ("between", "4850", "5850")
    assert per_rij[formulier.EERSTE_VELD].allow_blank is False  # buurt is required

    wb = werkmap.maak_begroting(aanvragen, R2018)
    blad = wb[next(t for t, rol in werkmap.eigen_bladen(wb).items() if rol == "buurt")]
    dv = next(d for d in blad.data_validations.dataValidation if str(d.sqref) == buurtblad.invoercel("basissubsidie"))
    # In a workbook: the names on sheet Regeling, so an edited parameter moves the check along.
    grenzen = (parameternaam("basissubsidie.minimum"), parameternaam("basissubsidie.maximum"))
    assert (dv.formula1, dv.formula2) == grenzen


def test_standaard_en_grenzen_noemen_bestaande_parameters():
    for v in velden.VELDEN:
        for naam in (v.standaard, v.minimum, v.maximum):
            if isinstance(naam, str):
                R2018.waarde(naam)  # raises for a name the regeling does not have
    assert [v.sleutel for v in velden.VELDEN if v.standaard] == list(regeling.COMPONENTEN)


def test_uitleg_leest_de_getallen_uit_de_regeling():
    huishoudens = velden.veld("huishoudens")
    assert "1.300" in huishoudens.uitleg(R2018)
    anders = R2018.met_waarden({"toeslag.drempel_huishoudens": 1500})
    assert "1.500" in huishoudens.uitleg(anders) and "1.300" not in huishoudens.uitleg(anders)


# --- one family of errors ------------------------------------------------------------------------


def test_elke_uitzondering_van_buurtxl_stamt_van_buurtxlfout():
    from buurtxl.cli import Stop  # the CLI's way to end a command, not a domain error

    gevonden = {
        obj
        for module in _modules()
        for _, obj in inspect.getmembers(module, inspect.isclass)
        if issubclass(obj, BaseException) and obj.__module__.startswith("buurtxl") and obj is not Stop
    }
    namen = {c.__name__ for c in gevonden}
    assert {"RegelFout", "RegelingFout", "WaardeFout", "FormulierFout", "OnveiligBestand", "OpslaanFout",
            "BijwerkFout", "HerberekenFout", "UdfFout"} <= namen
    assert [c.__name__ for c in gevonden if not issubclass(c, BuurtxlFout)] == []


def test_een_klasse_die_fout_heet_is_een_uitzondering():
    # The naming rule: "…Fout" names an exception class; an error cell or a mask has another name.
    namen = {
        (module.__name__, naam): obj
        for module in _modules()
        for naam, obj in inspect.getmembers(module, inspect.isclass)
        if naam.endswith("Fout") and obj.__module__ == module.__name__
    }
    assert len(namen) >= 9
    assert [k for k, obj in namen.items() if not issubclass(obj, BuurtxlFout)] == []


def test_fouten_houden_hun_ingebouwde_basis():
    from buurtxl import herberekenen, opslaan, regels, waarden
    from buurtxl.invoer import voorcontrole

    for klasse in (regels.RegelFout, regeling.RegelingFout, waarden.WaardeFout, formulier.FormulierFout,
                   voorcontrole.OnveiligBestand):
        assert issubclass(klasse, ValueError), klasse
    assert issubclass(opslaan.OpslaanFout, OSError)
    assert issubclass(herberekenen.HerberekenFout, RuntimeError)
    assert str(opslaan.OpslaanFout("kan niet schrijven")) == "kan niet schrijven"


# --- one spelling of each section ----------------------------------------------------------------


def _strings_buiten_docstrings(boom: ast.AST):
    docstrings = {
        id(knoop.body[0].value)
        for knoop in ast.walk(boom)
        if isinstance(knoop, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and knoop.body and isinstance(knoop.body[0], ast.Expr) and isinstance(knoop.body[0].value, ast.Constant)
    }
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Constant) and isinstance(knoop.value, str) and id(knoop) not in docstrings:
            yield knoop


@pytest.mark.parametrize("pad", sorted(BRON.rglob("*.py")), ids=lambda p: str(p.relative_to(BRON)))
def test_paragrafen_alleen_in_bronnen(pad):
    if pad.name == "bronnen.py":
        return
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    letterlijk = [(k.lineno, k.value) for k in _strings_buiten_docstrings(boom) if "§" in k.value]
    assert letterlijk == [], f"cite a section with a constant of buurtxl.bronnen: {letterlijk}"


def test_bronnen_zijn_paragrafen_van_het_besluit():
    assert bronnen.BASISSUBSIDIE == "§3.4 punt 1"
    assert bronnen.TOESLAG == "§3.4 punt 2"
    assert bronnen.SUPPLEMENT == "§3.4 punt 3"
    assert bronnen.BUDGET == "§8"
    assert len(set(bronnen.ALLE)) == len(bronnen.ALLE)


# --- no number of the scheme in a help text --------------------------------------------------------


def test_geen_bedrag_van_de_regeling_in_de_teksten_van_de_opdrachtregel():
    import re

    bedragen = [
        (pad.name, k.lineno, k.value)
        for pad in sorted((BRON / "cli").glob("*.py"))
        for k in _strings_buiten_docstrings(ast.parse(pad.read_text(encoding="utf-8")))
        if re.search(r"€\s*\d", k.value)
    ]
    assert bedragen == [], "read the amount from the regeling"


def test_impact_help_noemt_raming_en_reservering_uit_de_regeling():
    from click.testing import CliRunner

    from buurtxl import cli

    uit = CliRunner().invoke(cli.buurtxl, ["impact", "--help"])
    tekst = " ".join(uit.output.split())
    # §8: "circa € 40.000" for the adjustment out of "€ 60.000 gereserveerd".
    assert "raming (circa € 40.000) en de reservering (€ 60.000) uit §8" in tekst
