"""Every row of gevallen/regels.csv, the rule cases worked out by hand from the decision."""

from __future__ import annotations

import pytest

from buurtxl import invoer, regeling, regels
from buurtxl.excel import udfs
from buurtxl.regels import tabel
from gedeeld import cent, nl_decimaal, regelgevallen

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


def _cel(tekst: str) -> float | None:
    # A cell as Excel hands it to a function: a number, or None when blank.
    return None if tekst == "" else float(nl_decimaal(tekst))


def _functieargumenten(geval: dict[str, str]) -> dict[str, float | None]:
    """A case as the cells of SUBSIDIE_TOTAAL: the functions take the basissubsidie as a total, so
    the hand-worked one stands in for the components (their rule is BASISSUBSIDIE's, tested there)."""
    return {
        "basissubsidie": _cel(geval["verwacht_basissubsidie"]),
        "huishoudens": _cel(geval["huishoudens"]),
        "buurtscore": _cel(geval["buurtscore"]),
        "besteed": _cel(geval["besteed"]),
        "aangevraagd": _cel(geval["supplement_aangevraagd"]),
        "toeslag_aangevraagd": _cel(geval["toeslag_aangevraagd"]),
    }


def test_excelfuncties_per_cel_en_per_kolom_geven_de_bedragen_van_de_gevallen() -> None:
    for naam in regeling.beschikbaar():
        geldig = [g for g in regelgevallen(naam, alleen_geldig=True) if g["huishoudens"]]
        cellen = [_functieargumenten(g) for g in geldig]
        for g, c in zip(geldig, cellen, strict=True):
            toeslag = udfs.TOESLAG_COMMUNICATIE(
                c["huishoudens"], c["basissubsidie"], c["besteed"], c["toeslag_aangevraagd"], naam
            )
            assert cent(toeslag) == nl_decimaal(g["verwacht_toeslag"]), g["geval"]
            assert cent(udfs.SUBSIDIE_TOTAAL(**c, versie=naam)) == nl_decimaal(g["verwacht_totaal"]), g["geval"]
        # The same cases as one range per argument: the vectorised path.
        kolommen = {k: [[c[k]] for c in cellen] for k in cellen[0]}
        totalen = udfs.SUBSIDIE_TOTAAL(**kolommen, versie=naam)
        assert [cent(r[0]) for r in totalen] == [nl_decimaal(g["verwacht_totaal"]) for g in geldig]
        toeslagen = udfs.TOESLAG_COMMUNICATIE(
            kolommen["huishoudens"], kolommen["basissubsidie"], kolommen["besteed"], kolommen["toeslag_aangevraagd"],
            naam,
        )
        assert [cent(r[0]) for r in toeslagen] == [nl_decimaal(g["verwacht_toeslag"]) for g in geldig]


def test_de_gevallen_hebben_een_toeslagaanvraag_onder_en_boven_het_maximum() -> None:
    aanvragen = [g for g in regelgevallen(alleen_geldig=True) if g["toeslag_aangevraagd"]]
    assert any(nl_decimaal(g["verwacht_toeslag"]) == nl_decimaal(g["toeslag_aangevraagd"]) > 0 for g in aanvragen)
    assert any(0 < nl_decimaal(g["verwacht_toeslag"]) < nl_decimaal(g["toeslag_aangevraagd"]) for g in aanvragen)


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
