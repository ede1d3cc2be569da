"""Generated workbooks recomputed by an independent engine (LibreOffice) equal the core to the cent.

All fixed data sets are built first and recalculated in ONE LibreOffice run (a run costs seconds);
the tests then read the values back with openpyxl ``data_only=True``. Expected values come from
the core (`regels`), since the workbook is a face, and for the rule cases also from the amounts
worked out by hand in tests/gevallen/regels.csv.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from openpyxl import Workbook, load_workbook

from buurtxl import herberekenen, invoer, regeling, regels, velden, waarden, werkmap
from buurtxl.invoer import lezen
from buurtxl.model import Aanvraag
from buurtxl.regeling import voorbeeld
from buurtxl.werkmap import begroting, buurtblad, regelingblad
from celopmaak import INVOERGEEL, op_slot, vulkleur
from gedeeld import cent, nl_decimaal, regelgevallen
from rekenmotor import vereis_libreoffice

FOUTWAARDEN = {"#NAME?", "#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!"}


# --- the data sets ------------------------------------------------------------------------


def gevallen(naam: str) -> tuple[list[Aanvraag], list[dict[str, str]]]:
    """The valid rule cases of one regeling: (applications, their hand-worked expectations)."""
    rijen = regelgevallen(naam, alleen_geldig=True)
    invoerrijen = (
        (i, {"buurt": r["geval"], **{k: r[k] for k in invoer.KOLOMMEN if k in r and k != "buurt"}})
        for i, r in enumerate(rijen, start=2)
    )
    resultaat = invoer.valideer(invoerrijen, regeling.laad(naam))
    assert resultaat.ok, resultaat.fouten
    return resultaat.aanvragen, rijen


def supplementen(totaal: str) -> list[Aanvraag]:
    """Buurten without toeslag whose supplements add up to `totaal` (to test §8's thresholds)."""
    rest, uit = Decimal(totaal), []
    while rest > 0:
        deel = min(rest, Decimal(3000))
        uit.append(Aanvraag(buurt=f"Buurt {len(uit) + 1}", huishoudens=800, buurtscore=Decimal(40),
                            supplement_aangevraagd=deel))
        rest -= deel
    return uit


@dataclass
class Set:
    aanvragen: list[Aanvraag]
    regeling: regeling.Regeling  # the regeling the workbook's values must equal
    formules: Workbook
    waarden: Workbook | None = None
    herberekend: Path | None = None  # LibreOffice's file, for a test that needs a fresh read

    @property
    def met_bladen(self) -> bool:
        return "Begroting" in self.formules.sheetnames and len(self.buurtbladen) > 0

    @property
    def buurtbladen(self) -> list[str]:
        return [t for t, rol in werkmap.eigen_bladen(self.formules).items() if rol == "buurt"]


def _bouw_sets() -> dict[str, Set]:
    r2018, r2017 = regeling.laad("2018"), regeling.laad("2017-2018")
    vb = lezen.lees(voorbeeld.pad(), r2018).aanvragen
    sets = {
        "voorbeeld": Set(vb, r2018, werkmap.maak_begroting(vb, r2018)),
        "voorbeeld_udf": Set(vb, r2018, werkmap.maak_begroting(vb, r2018, formules="udf")),
        "buurtwerkmap": Set(vb[10:11], r2018, werkmap.maak_buurtwerkmap(vb[10], r2018)),
        "gevallen_2018": Set(gevallen("2018")[0], r2018, werkmap.maak_begroting(gevallen("2018")[0], r2018)),
        "gevallen_2017": Set(gevallen("2017-2018")[0], r2017,
                             werkmap.maak_begroting(gevallen("2017-2018")[0], r2017)),
        "voorbeeld_2017": Set(vb, r2017, werkmap.maak_begroting(vb, r2017)),
    }
    # Names that must survive as sheet names and in quoted references.
    lastig = [
        Aanvraag(buurt=naam, huishoudens=1300 + i * 97, buurtscore=Decimal(50 + i))
        for i, naam in enumerate([
            "O'Brien-kwartier", "'t Hoogveld", '=HYPERLINK("http://example.org","klik")', "+31 43", "-",
            "@buurt", "Wyck/Céramique: [oost]*?", "Buurtnetwerk in ontwikkeling Heugemerveld Noord",
            "Buurtnetwerk in ontwikkeling Heugemerveld Zuid", "history",
        ])
    ]
    sets["lastige_namen"] = Set(lastig, r2018, werkmap.maak_begroting(lastig, r2018))
    for totaal in ("40000", "40000.01", "60000", "60000.01"):
        aanvragen = supplementen(totaal)
        sets[f"budget_{totaal}"] = Set(aanvragen, r2018, werkmap.maak_begroting(aanvragen, r2018))

    # A policy officer edits parameters on the Regeling sheet: the workbook must follow.
    wijzigingen = {"toeslag.drempel_huishoudens": 1400, "supplement.buurtscore_grens": Decimal("50.2"),
                   "basissubsidie.activiteiten": 400}
    gewijzigd = werkmap.maak_begroting(vb, r2018)
    blad = gewijzigd["Regeling"]
    for naam, waarde in wijzigingen.items():
        blad[f"{regelingblad.WAARDE_KOLOM}{regelingblad.rij_van(blad, naam)}"] = waarde
    sets["voorbeeld_gewijzigd"] = Set(vb, r2018.met_waarden(wijzigingen), gewijzigd)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(werkmap, "MAX_BUURTBLADEN", 5)
        sets["voorbeeld_inline"] = Set(vb, r2018, werkmap.maak_begroting(vb, r2018))
    return sets


def herbereken(sets: dict[str, Set], map_: Path) -> dict[str, Set]:
    (map_ / "in").mkdir(exist_ok=True)
    paden = []
    for naam, s in sets.items():
        pad = map_ / "in" / f"{naam}.xlsx"
        s.formules.save(pad)
        paden.append(pad)
    for naam, pad in zip(sets, herberekenen.converteer(paden, map_ / "uit"), strict=True):
        sets[naam].waarden = load_workbook(pad, data_only=True)
        sets[naam].herberekend = pad
    return sets


@pytest.fixture(scope="module")
def sets(tmp_path_factory) -> dict[str, Set]:
    vereis_libreoffice()
    return herbereken(_bouw_sets(), tmp_path_factory.mktemp("werkmappen"))


# --- comparing a recomputed workbook with the core -----------------------------------------

_BEDRAGEN = ("basissubsidie", "toeslag_communicatie", "supplement_kwetsbaar", "totaal", "onzeker")
_STATUSSEN = ("toeslag_status", "supplement_status")
_HEEFT_TOESLAG = ("potentieel", "gereserveerd", "aangevraagd")


def _kern(r: regeling.Regeling, aanvraag: Aanvraag) -> regels.Resultaat | None:
    """The core's result, or None where the core refuses the input (a row the workbook marks FOUT)."""
    try:
        return regels.bereken(r, aanvraag)
    except regels.RegelFout:
        return None


def _verschillen_resultaat(plaats: str, lees, verwacht: regels.Resultaat, r: regeling.Regeling,
                           *, begroting_rij: bool = False) -> list[str]:
    uit = []
    for key in _BEDRAGEN:
        if cent(lees(key)) != getattr(verwacht, key):
            uit.append(f"{plaats} {key}: werkmap {lees(key)!r}, kern {getattr(verwacht, key)}")
    for key in _STATUSSEN:
        if lees(key) != getattr(verwacht, key).value:
            uit.append(f"{plaats} {key}: werkmap {lees(key)!r}, kern {getattr(verwacht, key).value}")
    if begroting_rij and verwacht.toeslag_status not in _HEEFT_TOESLAG:
        # "Toeslag %" stays empty where there is no toeslag, never 15% beside € 0.
        if lees("toeslag_percentage") not in (None, ""):
            uit.append(f"{plaats} toeslag_percentage: werkmap {lees('toeslag_percentage')!r}, verwacht leeg")
        return uit
    exact = regels.toeslag_percentage(r, verwacht.huishoudens).percentage
    if abs(Fraction(lees("toeslag_percentage")) - exact) > Fraction(1, 10**12):
        uit.append(f"{plaats} toeslag_percentage: werkmap {lees('toeslag_percentage')!r}, kern {float(exact)}")
    return uit


def verschillen_buurtbladen(s: Set) -> list[str]:
    uit = []
    for titel, aanvraag in zip(s.buurtbladen, s.aanvragen, strict=True):
        ws = s.waarden[titel]
        controle = str(ws[buurtblad.uitkomstcel("controle")].value)
        verwacht = _kern(s.regeling, aanvraag)
        if verwacht is None:
            if not controle.startswith("FOUT"):
                uit.append(f"blad {titel!r}: de kern weigert de invoer, controle zegt {controle!r}")
            continue
        uit += _verschillen_resultaat(
            f"blad {titel!r}", lambda key, ws=ws: ws[buurtblad.uitkomstcel(key)].value, verwacht, s.regeling
        )
        onderdelen = regels.basissubsidie(s.regeling, aanvraag.componenten, aanvraag.basissubsidie).componenten
        for c in s.regeling.standaard_componenten:
            waarde = ws[buurtblad.uitkomstcel(f"{c}_gebruikt")].value
            gebruikt = None if waarde in (None, "") else cent(waarde)
            if gebruikt != (onderdelen[c] if onderdelen else None):
                uit.append(f"blad {titel!r} onderdeel {c}: werkmap {waarde!r}, kern {onderdelen}")
        if not controle.startswith("In orde"):
            uit.append(f"blad {titel!r}: controle zegt {controle!r}")
    return uit


def verwachte_begroting(r: regeling.Regeling, aanvragen: list[Aanvraag]):
    """The core's budget over the rows it accepts; refused rows (FOUT) count as problems only."""
    resultaten = [_kern(r, a) for a in aanvragen]
    goed = [u for u in resultaten if u is not None]
    b = regels.begroting(r, goed)
    return regels.samenvatting(
        r, len(aanvragen), b.totaal_basissubsidie, b.totaal_toeslag, b.totaal_supplement,
        onzeker=b.onzeker, problemen=b.problemen + resultaten.count(None),
    )


def verschillen_begroting(s: Set) -> list[str]:
    ws = s.waarden["Begroting"]
    kolom = {spec[0]: i for i, spec in enumerate(begroting.kolommen(s.met_bladen), start=1)}
    resultaten = [_kern(s.regeling, a) for a in s.aanvragen]
    uit = []
    for rij, verwacht in enumerate(resultaten, start=begroting.EERSTE_RIJ):
        def lees(key, rij=rij):
            return ws.cell(rij, kolom[key]).value
        buurt = ws.cell(rij, kolom.get("buurt") or kolom["invoer:buurt"]).value
        if verwacht is None:  # FOUT: the row says so, and none of its amounts is there to be summed
            if not str(lees("controle")).startswith("FOUT"):
                uit.append(f"Begroting rij {rij}: de kern weigert de invoer, controle {lees('controle')!r}")
            uit += [f"Begroting rij {rij} {k}: {lees(k)!r} bij FOUT" for k in _BEDRAGEN if lees(k) not in (None, "")]
            continue
        uit += _verschillen_resultaat(f"Begroting rij {rij}", lees, verwacht, s.regeling, begroting_rij=True)
        if buurt != verwacht.buurt:
            uit.append(f"Begroting rij {rij}: buurt {buurt!r}, verwacht {verwacht.buurt!r}")
    totaalrij = begroting.EERSTE_RIJ + len(resultaten)
    for key in _BEDRAGEN:
        som = sum((getattr(r, key) for r in resultaten if r is not None), Decimal("0.00"))
        if cent(ws.cell(totaalrij, kolom[key]).value) != som:
            uit.append(f"totaalrij {key}: werkmap {ws.cell(totaalrij, kolom[key]).value!r}, kern {som}")
    budget = verwachte_begroting(s.regeling, s.aanvragen)
    for key, rij in begroting.budget_rijen(s.regeling.heeft_budget).items():
        waarde = ws.cell(rij, begroting.budget_kolom(s.met_bladen)).value
        verwacht = getattr(budget, key)
        gelijk = (waarde == verwacht.value) if key == "status" else (
            waarde == verwacht if key in ("aantal", "problemen") else cent(waarde) == verwacht)
        if not gelijk:
            uit.append(f"budget {key}: werkmap {waarde!r}, kern {verwacht}")
    return uit


def foutwaarden(wb: Workbook) -> list[str]:
    return [
        f"{ws.title}!{cel.coordinate}: {cel.value}"
        for ws in wb.worksheets
        for rij in ws.iter_rows()
        for cel in rij
        if cel.data_type == "e"
        or (isinstance(cel.value, str) and (cel.value in FOUTWAARDEN or cel.value.startswith("Err:")))
    ]


# --- the tests ------------------------------------------------------------------------------


ALLE_MET_BEGROTING = ["voorbeeld", "gevallen_2018", "gevallen_2017", "voorbeeld_2017", "lastige_namen"]
ALLE_MET_BLADEN = [*ALLE_MET_BEGROTING, "buurtwerkmap"]


@pytest.mark.parametrize("naam", ALLE_MET_BLADEN)
def test_buurtbladen_rekenen_gelijk_aan_de_kern(sets, naam):
    assert sets[naam].buurtbladen, "geen buurtbladen gevonden"
    assert verschillen_buurtbladen(sets[naam]) == []


@pytest.mark.parametrize("naam", ALLE_MET_BEGROTING)
def test_begroting_rijen_totalen_en_budget_gelijk_aan_de_kern(sets, naam):
    assert verschillen_begroting(sets[naam]) == []


@pytest.mark.parametrize(
    "naam", ["voorbeeld", "voorbeeld_inline", "gevallen_2018", "voorbeeld_gewijzigd", "lastige_namen"]
)
def test_werkmap_zonder_foutwaarden_na_herberekenen(sets, naam):
    assert foutwaarden(sets[naam].waarden) == []


def test_gewijzigde_parameters_op_regelingblad_gelijk_aan_kern_met_die_waarden(sets):
    s = sets["voorbeeld_gewijzigd"]
    assert verschillen_buurtbladen(s) == []
    assert verschillen_begroting(s) == []


def test_gewijzigde_drempel_verandert_de_uitkomst_echt(sets):
    # Guards the test above: with the 1400 drempel the example's totals must differ from 2018's.
    standaard = sets["voorbeeld"].waarden["Begroting"]
    gewijzigd = sets["voorbeeld_gewijzigd"].waarden["Begroting"]
    rij = begroting.budget_rijen()["totaal_extra"]
    kolom = begroting.budget_kolom(True)
    assert standaard.cell(rij, kolom).value != gewijzigd.cell(rij, kolom).value


def test_inline_begroting_zonder_buurtbladen_gelijk_aan_de_kern(sets):
    s = sets["voorbeeld_inline"]
    assert s.buurtbladen == []
    assert verschillen_begroting(s) == []


def test_inline_lege_invoercellen_na_libreoffice_open_en_geel(sets):
    """Empty inline input cells exist only as a column style and a conditional format: LibreOffice
    must keep them unlocked and yellow, and the result columns locked, when it saves the file."""
    s = sets["voorbeeld_inline"]
    # A fresh read: other tests' ws.cell() calls add empty, unstyled cells to the shared workbook.
    ws = load_workbook(s.herberekend)["Begroting"]
    assert ws.protection.sheet is True
    leeg = [
        (rij, kolom) for rij, aanvraag in enumerate(s.aanvragen, start=begroting.EERSTE_RIJ)
        for kolom, key in enumerate(velden.AANVRAAGKOLOMMEN, start=1) if getattr(aanvraag, key) is None
    ]
    assert leeg
    for rij, kolom in leeg:
        assert op_slot(ws, rij, kolom) is False, (rij, kolom)
        assert vulkleur(ws, rij, kolom) == INVOERGEEL, (rij, kolom)
    for rij in range(begroting.EERSTE_RIJ, begroting.EERSTE_RIJ + len(s.aanvragen)):
        assert op_slot(ws, rij, len(velden.AANVRAAGKOLOMMEN) + 1) is True, rij


def test_gevallen_in_de_werkmap_gelijk_aan_handberekening(sets):
    """The amounts worked out by hand in regels.csv, read from the recomputed buurt sheets."""
    for naam, regelingnaam in (("gevallen_2018", "2018"), ("gevallen_2017", "2017-2018")):
        s = sets[naam]
        _, verwacht = gevallen(regelingnaam)
        for titel, rij in zip(s.buurtbladen, verwacht, strict=True):
            ws = s.waarden[titel]
            for key, kolom in (
                ("basissubsidie", "verwacht_basissubsidie"),
                ("toeslag_communicatie", "verwacht_toeslag"),
                ("supplement_kwetsbaar", "verwacht_supplement"),
                ("totaal", "verwacht_totaal"),
            ):
                assert cent(ws[buurtblad.uitkomstcel(key)].value) == nl_decimaal(rij[kolom]), (rij["geval"], key)
            assert ws[buurtblad.uitkomstcel("toeslag_status")].value == rij["verwacht_toeslag_status"], rij["geval"]
            assert ws[buurtblad.uitkomstcel("supplement_status")].value == rij["verwacht_supplement_status"], rij[
                "geval"
            ]


@pytest.mark.parametrize(
    "naam, status",
    [  # §8: €60,000 reserved, €20,000 planned for support, so extras up to €40,000 stay within plan
        ("budget_40000", "binnen plan"),
        ("budget_40000.01", "krap"),
        ("budget_60000", "krap"),
        ("budget_60000.01", "overschreden"),
    ],
)
def test_budgetstatus_op_de_grenzen_van_paragraaf_8(sets, naam, status):
    ws = sets[naam].waarden["Begroting"]
    assert ws.cell(begroting.budget_rijen()["status"], begroting.budget_kolom(True)).value == status
    assert verschillen_begroting(sets[naam]) == []


def test_udf_modus_native_delen_gelijk_aan_de_kern(sets):
    """LibreOffice cannot run the add-in's functions; the native cells around them must still hold."""
    s = sets["voorbeeld_udf"]
    for titel, aanvraag in zip(s.buurtbladen, s.aanvragen, strict=True):
        ws = s.waarden[titel]
        verwacht = regels.bereken(s.regeling, aanvraag)
        assert ws[buurtblad.uitkomstcel("supplement_status")].value == verwacht.supplement_status.value
        onderdelen = regels.basissubsidie(s.regeling, aanvraag.componenten, aanvraag.basissubsidie).componenten
        if onderdelen:
            for c, bedrag in onderdelen.items():
                assert cent(ws[buurtblad.uitkomstcel(f"{c}_gebruikt")].value) == bedrag


def test_udf_modus_zonder_invoegtoepassing_alleen_naamfouten(sets):
    # Without the add-in only the add-in's functions (and what depends on them) are unknown.
    fouten = foutwaarden(sets["voorbeeld_udf"].waarden)
    assert fouten, "zonder invoegtoepassing horen de udf-cellen #NAME? te tonen"
    assert {f.rsplit(": ", 1)[1] for f in fouten} == {"#NAME?"}


# --- generated data sets ------------------------------------------------------------------------

_bedrag = st.decimals(min_value=0, max_value=4000, places=2, allow_nan=False, allow_infinity=False)


def _geldige_naam(naam: str) -> bool:
    """A name as validation hands it on: storable in a workbook and already trimmed."""
    try:
        return waarden.tekst(naam, "buurt") == naam
    except waarden.WaardeFout:
        return False


@st.composite
def aanvraag(draw, nummer: int) -> Aanvraag:
    soort = draw(st.sampled_from(["standaard", "totaal", "onderdelen"]))
    velden: dict = {}
    if soort == "totaal":
        velden["basissubsidie"] = draw(st.decimals(min_value=4850, max_value=5850, places=2))
    elif soort == "onderdelen":
        # With the standard activiteiten and plan van aanpak (1250), these two make 3600–4600.
        org = draw(st.decimals(min_value=1000, max_value=3600, places=2))
        velden["organisatiekosten"] = org
        velden["communicatiekosten"] = draw(st.decimals(min_value=max(0, 3600 - org), max_value=4600 - org, places=2))
    score = draw(st.none() | st.decimals(min_value=0, max_value=100, places=2))
    return Aanvraag(
        # Any name validation accepts (characters a workbook cannot hold are refused there).
        buurt=draw(st.text(min_size=1, max_size=40).map(lambda t: f"{t} {nummer}").filter(_geldige_naam)),
        huishoudens=draw(st.integers(min_value=0, max_value=3000) | st.sampled_from([1300, 1301, 1495])),
        buurtscore=score,
        besteed=draw(st.none() | _bedrag | st.just(Decimal("5850.00"))),
        supplement_aangevraagd=draw(st.none() | _bedrag),
        **velden,
    )


@st.composite
def aanvragen(draw) -> list[Aanvraag]:
    aantal = draw(st.integers(min_value=1, max_value=6))
    return [draw(aanvraag(i)) for i in range(aantal)]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(gegenereerd=aanvragen(), naam=st.sampled_from(["2018", "2017-2018"]))
def test_gegenereerde_aanvragen_gelijk_aan_de_kern(tmp_path_factory, gegenereerd, naam):
    vereis_libreoffice()
    r = regeling.laad(naam)
    s = Set(gegenereerd, r, werkmap.maak_begroting(gegenereerd, r))
    herbereken({"gegenereerd": s}, tmp_path_factory.mktemp("gegenereerd"))
    assert verschillen_buurtbladen(s) == []
    assert verschillen_begroting(s) == []
