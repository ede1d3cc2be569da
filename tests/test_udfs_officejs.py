"""The Excel functions through xlwings' own custom-functions protocol, the one Excel's Office.js
runtime uses, over HTTP to `buurtxl serve` (xlwings Server / xlwings PRO, here under its
noncommercial licence key).

Payloads are shaped as xlwings' custom-functions JavaScript sends them: every argument a 2-D
matrix (a single cell is [[value]]), an empty cell null or "", an omitted optional argument null, an
error cell an Excel error object.
"""

from __future__ import annotations

import json

import pytest

from buurtxl import regeling, regels
from buurtxl.excel import excelfuncties, udfs
from buurtxl.invoer import lezen
from buurtxl.regeling import voorbeeld
from gedeeld import cent, voorbeeld_als_totaal
from server_proces import Server, server, vereis_server

# The contract with the workbook writer (issue 4), from the one table of the functions' arguments:
# names, argument order, which may be left out.
VERWACHT = {
    f.naam: [(a, a not in f.verplicht) for a in f.argumenten] for f in excelfuncties.FUNCTIES.values()
}
HANDLEIDING = "https://intranet.example/buurtxl/README.md#excel-functies"
WAARDE_FOUT = {"type": "Error", "errorType": "Value"}


class Excel:
    """Excel's Office.js runtime as xlwings' custom-functions JavaScript talks to the server: real
    HTTP to `buurtxl serve` (tests/server_proces.py). An answer is {"resultaat": …}, or for a call
    the server refuses {"fout": HTTP status, "melding": its text} (400: a Dutch message from
    buurtxl, shown on the cell's error flag and not retried by the add-in)."""

    def __init__(self, server: Server) -> None:
        self.server = server
        status, tekst = server.get("/xlwings/custom-functions-meta")
        assert status == 200, tekst
        self.meta = json.loads(tekst)

    def roep(self, functie: str, *args: object, runtime: str = "1.4") -> dict:
        args = args + (None,) * (len(VERWACHT[functie]) - len(args))
        status, uitkomst = self.server.roep(functie, *args, runtime=runtime)
        return {"resultaat": uitkomst} if status == 200 else {"fout": status, "melding": uitkomst}


@pytest.fixture(scope="module")
def excel():
    vereis_server()
    with server(omgeving={"BUURTXL_HANDLEIDING": HANDLEIDING}) as s:
        yield Excel(s)


def functies(meta: dict) -> dict[str, dict]:
    return {f["name"]: f for f in meta["functions"]}


def col(waarden: list) -> list[list]:
    return [[w] for w in waarden]


# The metadata Excel registers the functions with


def test_meta_beschrijft_precies_de_afgesproken_functies(excel) -> None:
    assert sorted(functies(excel.meta)) == sorted(VERWACHT)
    assert sorted(udfs.__all__) == sorted(VERWACHT)


@pytest.mark.parametrize("naam", sorted(VERWACHT))
def test_meta_parameters_volgorde_en_optioneel(excel, naam) -> None:
    parameters = functies(excel.meta)[naam]["parameters"]
    assert [(p["name"], p.get("optional", False)) for p in parameters] == VERWACHT[naam]


@pytest.mark.parametrize("naam", sorted(VERWACHT))
def test_meta_elk_argument_mag_een_bereik_zijn_en_het_resultaat_ook(excel, naam) -> None:
    f = functies(excel.meta)[naam]
    assert {p["dimensionality"] for p in f["parameters"]} == {"matrix"}
    assert f["result"]["dimensionality"] == "matrix"


@pytest.mark.parametrize("naam", sorted(VERWACHT))
def test_meta_nederlandse_beschrijvingen(excel, naam) -> None:
    f = functies(excel.meta)[naam]
    assert f["description"] == getattr(udfs, naam).__doc__
    for p in f["parameters"]:
        # xlwings' fallback would be the English "Positional argument N".
        assert p["description"] == udfs.DOC[p["name"]]
        assert not p["description"].startswith("Positional")


def test_meta_versie_noemt_de_beschikbare_regelingen(excel) -> None:
    versie = functies(excel.meta)["REGELING"]["parameters"][1]
    assert versie["name"] == "versie"
    assert '"2018" of "2017-2018"; leeg = standaard' in versie["description"]
    assert "§3.4 punt 2" in functies(excel.meta)["TOESLAG_COMMUNICATIE"]["description"]


@pytest.mark.parametrize("naam", sorted(VERWACHT))
def test_meta_hulplink_naar_de_functie_in_de_handleiding(excel, naam) -> None:
    # The README's anchor for the function, under the address the municipality configured.
    assert functies(excel.meta)[naam]["helpUrl"] == f"https://intranet.example/buurtxl/README.md#{naam.lower()}"


def test_meta_staat_foutwaarden_in_het_resultaat_toe(excel) -> None:
    assert excel.meta["allowErrorForDataTypeAny"] is True


# Calls as Excel makes them


def test_losse_cellen(excel) -> None:
    # 1420 huishoudens, basissubsidie 5850, besteed omitted: potential 5850 × 120/1300 = 540.00
    assert excel.roep("TOESLAG_COMMUNICATIE", [[1420]], [[5850]]) == {"resultaat": [[540.0]]}


def test_weggelaten_argumenten_geven_de_standaard(excel) -> None:
    assert excel.roep("BASISSUBSIDIE") == {"resultaat": [[5850.0]]}


def test_lege_optionele_cel_telt_als_weggelaten(excel) -> None:
    assert excel.roep("SUPPLEMENT_KWETSBAAR", [[56.99]], [[""]], [[None]]) == {"resultaat": [[3000.0]]}


def test_blok_van_2_bij_2_met_lege_cellen(excel) -> None:
    antwoord = excel.roep("TOESLAG_PERCENTAGE", [[1300, None], ["", 1495]])
    assert antwoord == {"resultaat": [[0.0, WAARDE_FOUT], [WAARDE_FOUT, 0.15]]}


def test_alleen_de_foute_cel_in_een_kolom_faalt(excel) -> None:
    antwoord = excel.roep("TOESLAG_COMMUNICATIE", col([1420, "veel", 1495]), [[5850]])
    assert antwoord == {"resultaat": [[540.0], [WAARDE_FOUT], [877.5]]}


def test_oudere_runtime_krijgt_de_foutcode_als_tekst(excel) -> None:
    antwoord = excel.roep("TOESLAG_PERCENTAGE", col([1301, "veel"]), runtime="1.3")
    assert antwoord["resultaat"][1] == ["#VALUE!"]


def test_losse_foute_cel_geeft_fout_met_nederlandse_melding(excel) -> None:
    antwoord = excel.roep("BASISSUBSIDIE", [[2600.01]])
    assert antwoord["fout"] == 400
    assert "Basissubsidie € 5.850,01 ligt buiten € 4.850,00–€ 5.850,00" in antwoord["melding"]


def test_lege_verplichte_cel_is_een_fout_geen_nul(excel) -> None:
    antwoord = excel.roep("TOESLAG_COMMUNICATIE", [[1420]], [[None]])
    assert antwoord == {"fout": 400, "melding": "basissubsidie: de cel is leeg, maar deze waarde is verplicht"}


def test_foutcel_als_invoer_wordt_genoemd(excel) -> None:
    na = {"type": "Error", "errorType": "NotAvailable", "basicValue": "#N/A"}
    antwoord = excel.roep("TOESLAG_COMMUNICATIE", [[1420]], [[5850]], [[na]])
    assert antwoord["fout"] == 400 and "besteed" in antwoord["melding"] and "#N/A" in antwoord["melding"]


def test_onbekende_parameter(excel) -> None:
    antwoord = excel.roep("REGELING", [["budget.onbekend"]])
    assert antwoord["fout"] == 400 and "Onbekende parameter 'budget.onbekend'" in antwoord["melding"]


def test_regeling_parameters_per_regeling(excel) -> None:
    antwoord = excel.roep("REGELING", [["supplement.max_bedrag"]], col(["2018", "2017-2018"]))
    assert antwoord == {"resultaat": [[3000.0], [0.0]]}


def test_uitleg_als_tekst(excel) -> None:
    antwoord = excel.roep("UITLEG", [[5850]], [[1301]], [[57]], [[5850]])
    tekst = antwoord["resultaat"][0][0]
    assert "1.301 huishoudens: meer dan 1.300" in tekst
    assert "Buurtscore 57: niet lager dan 57, geen supplement" in tekst


@pytest.mark.parametrize("naam", ["2018", "2017-2018"])
def test_hele_voorbeeldkolom_gelijk_aan_de_kern(excel, naam) -> None:
    r = regeling.laad(naam)
    aanvragen = voorbeeld_als_totaal()
    resultaten = [regels.bereken(r, a) for a in aanvragen]

    def kolom(waarden: list) -> list[list]:
        # JSON numbers, empty cells as null, as Excel sends them.
        return col([None if w is None else float(w) for w in waarden])

    antwoord = excel.roep(
        "SUBSIDIE_TOTAAL",
        kolom([x.basissubsidie for x in resultaten]),
        kolom([a.huishoudens for a in aanvragen]),
        kolom([a.buurtscore for a in aanvragen]),
        kolom([a.besteed for a in aanvragen]),
        kolom([a.supplement_aangevraagd for a in aanvragen]),
        kolom([a.toeslag_aangevraagd for a in aanvragen]),
        [[naam]],
    )
    assert [cent(rij[0]) for rij in antwoord["resultaat"]] == [x.totaal for x in resultaten]


def test_toeslag_kolom_gelijk_aan_de_kern(excel) -> None:
    r = regeling.laad("2018")
    aanvragen = lezen.lees(voorbeeld.pad(), r).aanvragen
    resultaten = [regels.bereken(r, a) for a in aanvragen]
    antwoord = excel.roep(
        "TOESLAG_COMMUNICATIE",
        col([a.huishoudens for a in aanvragen]),
        col([float(x.basissubsidie) for x in resultaten]),
        col([None if a.besteed is None else float(a.besteed) for a in aanvragen]),
    )
    assert [cent(rij[0]) for rij in antwoord["resultaat"]] == [x.toeslag_communicatie for x in resultaten]
