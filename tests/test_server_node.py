"""The Office.js add-in's own JavaScript, as `buurtxl serve` serves it, run in Node against the server.

`officejs_client.mjs` loads xlwings' custom-functions code, its HTTP helper and the server's client
config over HTTP and stands in only for what Excel's runtime provides (Office, Excel,
CustomFunctions). The amounts that come back are compared to the cent with the rules core.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from buurtxl.excel import udfs
from gedeeld import cent, subsidie_totaal_argumenten
from server_proces import Server, server, vereis_node, vereis_server

CLIENT = Path(__file__).with_name("officejs_client.mjs")


@pytest.fixture(scope="module")
def srv() -> Iterator[Server]:
    vereis_server()
    with server() as s:
        yield s


def excel(srv: Server, *aanroepen: tuple[str, list[Any]]) -> dict[str, Any]:
    """Let the add-in's JavaScript make these calls; every omitted trailing argument is null."""
    node = vereis_node()
    status, tekst = srv.get("/xlwings/custom-functions-meta")
    assert status == 200
    aantal = {f["name"]: len(f["parameters"]) for f in json.loads(tekst)["functions"]}
    invoer = [{"functie": f, "args": a + [None] * (aantal[f] - len(a))} for f, a in aanroepen]
    uit = subprocess.run([node, str(CLIENT), srv.url], check=False, input=json.dumps(invoer), capture_output=True,
                         text=True, timeout=120)
    assert uit.returncode == 0, uit.stderr
    return json.loads(uit.stdout)


def test_de_invoegtoepassing_registreert_alle_functies(srv: Server) -> None:
    assert sorted(excel(srv)["geregistreerd"]) == sorted(udfs.__all__)


def test_losse_cel_met_de_hand_uitgerekend(srv: Server) -> None:
    # 5850 × (1420 − 1300) / 1300 = 540,00 (§3.4 punt 2); supplement at score 56,99: € 3.000.
    uit = excel(srv, ("TOESLAG_COMMUNICATIE", [[[1420]], [[5850]]]), ("SUPPLEMENT_KWETSBAAR", [[[56.99]]]))
    assert uit["uitkomsten"] == [{"waarde": [[540]]}, {"waarde": [[3000]]}]


@pytest.mark.parametrize("naam", ["2018", "2017-2018"])
def test_bereik_van_het_voorbeeld_op_de_cent_gelijk_aan_de_regels(srv: Server, naam: str) -> None:
    _, resultaten, argumenten = subsidie_totaal_argumenten(naam)
    (uitkomst,) = excel(srv, ("SUBSIDIE_TOTAAL", argumenten))["uitkomsten"]
    assert [cent(rij[0]) for rij in uitkomst["waarde"]] == [x.totaal for x in resultaten]
    assert len(resultaten) == 30


def test_foute_cel_wordt_waarde_fout_met_de_nederlandse_melding(srv: Server) -> None:
    # 2600,01 + 2000 + 500 + 750 = 5850,01: one cent above the maximum (§3.4 punt 1).
    (uitkomst,) = excel(srv, ("BASISSUBSIDIE", [[[2600.01]]]))["uitkomsten"]
    assert uitkomst == {"fout": {
        "code": "#VALUE!",
        "melding": "Basissubsidie € 5.850,01 ligt buiten € 4.850,00–€ 5.850,00 (regeling 2018, §3.4 punt 1)",
    }}


def test_in_een_bereik_alleen_de_foute_cel(srv: Server) -> None:
    (uitkomst,) = excel(srv, ("TOESLAG_COMMUNICATIE", [[[1420], ["veel"], [1495]], [[5850]]]))["uitkomsten"]
    # 1495 huishoudens: 15% (the maximum) of 5850 = 877,50.
    assert uitkomst == {"waarde": [[540], [{"type": "Error", "errorType": "Value"}], [877.5]]}
