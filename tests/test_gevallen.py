"""Every row of gevallen/regels.csv, the rule cases worked out by hand from the decision."""

from __future__ import annotations

import pytest

from buurtxl import invoer, regeling, regels, tabel
from gedeeld import nl_decimaal, regelgevallen

INVOER = [k for k in invoer.KOLOMMEN if k not in ("buurt", "buurtcode")]


def _valideer(geval: dict[str, str]) -> invoer.Invoer:
    rij = {k: geval.get(k, "") for k in INVOER}  # settlement columns live in vaststelling.csv
    rij["buurt"] = geval["geval"][:40]
    return invoer.valideer([(2, rij)], regeling.laad(geval["regeling"]), bestand="regels.csv")


@pytest.mark.parametrize("geval", regelgevallen(), ids=lambda g: g["geval"])
def test_geval(geval: dict[str, str]) -> None:
    r = regeling.laad(geval["regeling"])
    resultaat = _valideer(geval)
    if geval["verwacht_fout"]:
        assert not resultaat.ok, f"moet geweigerd worden: {geval['geval']}"
        assert geval["verwacht_fout"] in str(resultaat.fouten[0])
        return
    assert resultaat.ok, [str(p) for p in resultaat.fouten]
    uit = regels.bereken(r, resultaat.aanvragen[0])
    assert uit.basissubsidie == nl_decimaal(geval["verwacht_basissubsidie"])
    assert uit.toeslag_percentage == nl_decimaal(geval["verwacht_toeslag_percentage"])
    assert uit.toeslag_communicatie == nl_decimaal(geval["verwacht_toeslag"])
    assert uit.toeslag_status == geval["verwacht_toeslag_status"]
    assert uit.supplement_kwetsbaar == nl_decimaal(geval["verwacht_supplement"])
    assert uit.supplement_status == geval["verwacht_supplement_status"]
    assert uit.totaal == nl_decimaal(geval["verwacht_totaal"])
    assert uit.onzeker == nl_decimaal(geval["verwacht_onzeker"])


def test_tabelpad_geeft_dezelfde_bedragen_als_de_gevallen() -> None:
    for naam in regeling.beschikbaar():
        geldig = regelgevallen(naam, alleen_geldig=True)
        aanvragen = [_valideer(g).aanvragen[0] for g in geldig]
        uit = tabel.bereken_tabel(regeling.laad(naam), tabel.frame(aanvragen), met_redenen=False)
        assert list(uit["totaal"]) == [nl_decimaal(g["verwacht_totaal"]) for g in geldig]
        assert list(uit["toeslag_communicatie"]) == [nl_decimaal(g["verwacht_toeslag"]) for g in geldig]
        assert list(uit["toeslag_status"]) == [g["verwacht_toeslag_status"] for g in geldig]
        assert list(uit["supplement_kwetsbaar"]) == [nl_decimaal(g["verwacht_supplement"]) for g in geldig]
        assert list(uit["toeslag_percentage"]) == [nl_decimaal(g["verwacht_toeslag_percentage"]) for g in geldig]
        assert list(uit["supplement_status"]) == [g["verwacht_supplement_status"] for g in geldig]
        assert list(uit["onzeker"]) == [nl_decimaal(g["verwacht_onzeker"]) for g in geldig]


def test_elk_geval_noemt_een_paragraaf_van_het_besluit() -> None:
    for geval in regelgevallen():
        assert geval["paragraaf"].startswith("§"), geval["geval"]


def test_de_gevallen_raken_elke_grens_van_de_regeling() -> None:
    gezien = {(g["huishoudens"], g["buurtscore"], g["basissubsidie"], g["besteed"]) for g in regelgevallen()}
    huishoudens = {h for h, *_ in gezien}
    assert {"1300", "1301", "1494", "1495"} <= huishoudens
    assert {"57", "56,99"} <= {s for _, s, *_ in gezien}
    assert {"4849,99", "4850", "5850", "5850,01"} <= {b for *_, b, _ in gezien}
    assert {"5849,99", "5850,00"} <= {b for *_, b in gezien}
