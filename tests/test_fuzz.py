"""Property tests: whatever a table or a file holds, the result is correct or a list of problems.

Never an unhandled exception; and money always reconciles: the budget total equals the sum of
the buurt totals to the cent (core), and the Begroting tab recalculated by LibreOffice agrees.
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import corpus
from buurtxl import herberekenen, invoer, regeling, regels, waarden
from buurtxl.invoer import lezen, voorcontrole
from buurtxl.regels import tabel
from gedeeld import cent
from rekenmotor import vereis_libreoffice

R = regeling.laad("2018")
NUL = Decimal("0.00")
KOLOMMEN = [*invoer.KOLOMMEN, "wijk", "kleur", "Huishoudens ", "BUURT"]

# -- what a cell may hold ----------------------------------------------------------------------

_getal_als_tekst = st.one_of(
    st.integers(-10**6, 10**7).map(str),
    st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False).map(lambda d: str(d).replace(".", ",")),
    st.integers(1, 9999).map(lambda n: f"{n // 1000}.{n % 1000:03d}" if n >= 1000 else str(n)),
    st.integers(4850, 5850).map(lambda n: f"€ {n // 1000}.{n % 1000:03d},00"),
    st.sampled_from(["1.300", "€ 4.850", "4.850,00", "1e3", "1E400", "NaN", "inf", "-0", "0x10", "١٢٣"]),
)
cel = st.one_of(
    st.none(),
    st.just(""),
    st.text(" \t\r\n\u00a0", max_size=3),
    st.text(max_size=20),
    st.sampled_from(['=HYPERLINK("http://x","y")', "+31", "-1", "@SUM(A1)", "\t=1", "\r=1", "'", "Céramique"]),
    st.integers(-(10**20), 10**20),
    st.integers(0, 3000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=0, max_value=6000),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=0, max_value=6000, places=2),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    _getal_als_tekst,
)
rij = st.dictionaries(st.sampled_from(KOLOMMEN), cel, max_size=len(KOLOMMEN))
# Rows that mostly pass, so the rules are exercised too, not only validation.
geldige_rij = st.fixed_dictionaries(
    {"buurt": st.text(min_size=1, max_size=30).filter(str.strip), "huishoudens": st.integers(0, 5000)},
    optional={
        "buurtscore": st.decimals(min_value=0, max_value=100, places=1),
        "basissubsidie": st.decimals(min_value=4850, max_value=5850, places=2),
        "besteed": st.decimals(min_value=0, max_value=6000, places=2) | st.just(Decimal("5850")),
        "supplement_aangevraagd": st.decimals(min_value=0, max_value=4000, places=2),
        "organisatiekosten": st.decimals(min_value=1000, max_value=2200, places=2),
    },
)
tabellen = st.lists(st.one_of(rij, geldige_rij), max_size=8)


# What leaks when an exception's own text reaches the user instead of our Dutch message.
_ENGELS = re.compile(r"Traceback|Error\b|Exception|invalid literal|could not convert|not supported|object has no")


def _controleer_uitkomst(gelezen: invoer.Invoer, rijnummers: set[int]) -> None:
    """Either every application is computed correctly and reconciles, or there are problems."""
    for p in gelezen.problemen:
        # The message the user reads: Dutch, no traceback or Python exception text, and it names
        # the file, and the row and column when the problem has them.
        melding = str(p)
        soort = "Fout" if p.is_fout else "Waarschuwing"
        assert p.bestand == "fuzz.csv" and melding.startswith(f"{soort}: fuzz.csv"), melding
        assert p.reden.strip() and p.reden in melding
        assert not _ENGELS.search(p.reden), melding  # our text; the value echoed after it is the user's
        assert p.rij is None or (p.rij in rijnummers and f"rij {p.rij}" in melding), melding
        assert p.kolom is None or f"kolom '{p.kolom}'" in melding, melding
    if not gelezen.ok:
        assert gelezen.aanvragen == []
        return
    per_rij = [regels.bereken(R, a) for a in gelezen.aanvragen]
    uitkomst = tabel.bereken_tabel(R, tabel.frame(gelezen.aanvragen), met_redenen=False)
    minimum, maximum = R.waarde("basissubsidie.minimum"), R.waarde("basissubsidie.maximum")
    drempel, grens = R.waarde("toeslag.drempel_huishoudens"), R.waarde("supplement.buurtscore_grens")
    max_supplement, max_pct = R.waarde("supplement.max_bedrag"), R.waarde("toeslag.max_percentage")
    for res, tot in zip(per_rij, uitkomst["totaal"], strict=True):
        assert tot == res.totaal  # the table path equals the per-row rules to the cent
        assert minimum <= res.basissubsidie <= maximum  # §3.4 punt 1
        assert res.totaal == res.basissubsidie + res.toeslag_communicatie + res.supplement_kwetsbaar
        assert NUL <= res.toeslag_communicatie <= res.basissubsidie * max_pct + Decimal("0.005")  # punt 2
        if res.huishoudens <= drempel:
            assert res.toeslag_communicatie == NUL
        assert NUL <= res.supplement_kwetsbaar <= max_supplement  # punt 3
        if res.supplement_kwetsbaar:
            assert res.buurtscore is not None and res.buurtscore < grens
    som = sum((r.totaal for r in per_rij), NUL)
    assert regels.begroting(R, per_rij).totaal == som
    if per_rij:
        assert tabel.begroting(R, uitkomst).totaal == som


@settings(max_examples=300, deadline=None)
@given(rijen=tabellen)
def test_elke_tabel_geeft_uitkomst_of_problemen_nooit_een_uitzondering(rijen: list[dict]) -> None:
    genummerd = list(enumerate(rijen, start=2))
    _controleer_uitkomst(invoer.valideer(genummerd, R, bestand="fuzz.csv"), {n for n, _ in genummerd})


def _csv_cel(waarde: object) -> str:
    return "" if waarde is None else str(waarde)


@settings(max_examples=150, deadline=None)
@given(rijen=st.lists(st.one_of(rij, geldige_rij), min_size=1, max_size=6),
       scheiding=st.sampled_from([",", ";", "\t"]))
def test_elke_csv_geeft_uitkomst_of_problemen(rijen: list[dict], scheiding: str) -> None:
    kolommen = sorted({k for r in rijen for k in r}) or ["buurt"]
    tekst = corpus.csv_bytes([kolommen] + [[_csv_cel(r.get(k)) for k in kolommen] for r in rijen],
                             scheiding=scheiding).decode()
    gelezen = lezen.lees_csv_tekst(tekst, R, bestand="fuzz.csv")
    _controleer_uitkomst(gelezen, set(range(1, len(rijen) + 2)))


@settings(max_examples=200, deadline=None)
@given(tekst=st.text(max_size=300))
def test_willekeurige_tekst_als_csv(tekst: str) -> None:
    gelezen = lezen.lees_csv_tekst(tekst, R, bestand="ruis.csv")
    assert gelezen.ok or gelezen.problemen


# -- damaged files -------------------------------------------------------------------------------

_GOED = corpus.xlsx_bytes([corpus.KOP, *corpus.GOED])
with zipfile.ZipFile(io.BytesIO(_GOED)) as _zf:
    _ONDERDELEN = {n: _zf.read(n) for n in _zf.namelist()}
_INVOEGSELS = [b"<", b">", b'"', b"x", b"0", b"-1", b"999999999", b"&amp;", b' r="ZZZ9"', b' t="n"', b' t="e"',
               b' t="d"', b' count="-1"', b"<c/>", b"</row>"]


@st.composite
def beschadigde_werkmap(draw) -> bytes:
    deel = draw(st.sampled_from(sorted(_ONDERDELEN)))
    data = bytearray(_ONDERDELEN[deel])
    for _ in range(draw(st.integers(1, 3))):
        plek = draw(st.integers(0, len(data) - 1))
        soort = draw(st.sampled_from(["weg", "erbij", "anders"]))
        if soort == "weg":
            del data[plek:plek + draw(st.integers(1, 30))]
        elif soort == "erbij":
            data[plek:plek] = draw(st.sampled_from(_INVOEGSELS))
        else:
            data[plek] = draw(st.integers(32, 126))
    return corpus.vervang_onderdeel(_GOED, deel, bytes(data))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=beschadigde_werkmap())
def test_beschadigde_werkmap_geeft_melding_nooit_een_uitzondering(data: bytes, tmp_path: Path) -> None:
    pad = tmp_path / "beschadigd.xlsx"
    pad.write_bytes(data)
    gelezen = lezen.lees(pad, R)
    assert gelezen.ok or all(p.bestand == "beschadigd.xlsx" for p in gelezen.fouten)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kop=st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF", b"\xff\xfe"]),
       rest=st.binary(max_size=2000), naam=st.sampled_from(["x.xlsx", "x.xlsm", "x.csv"]),
       afkappen=st.integers(0, len(_GOED)))
def test_willekeurige_bytes_geven_melding_nooit_een_uitzondering(
    kop: bytes, rest: bytes, naam: str, afkappen: int, tmp_path: Path
) -> None:
    pad = tmp_path / naam
    for data in (kop + rest, _GOED[:afkappen] + rest):
        pad.write_bytes(data)
        probleem = voorcontrole.controleer(pad)
        assert probleem is None or probleem.bestand == naam
        gelezen = lezen.lees(pad, R)
        assert gelezen.ok or gelezen.fouten


# -- the workbook side, recalculated by LibreOffice ---------------------------------------------

def _opslaanbaar(naam: str) -> bool:
    """Names validation accepts: not blank, and only characters a workbook can hold."""
    try:
        return bool(waarden.tekst(naam, "buurt"))
    except waarden.WaardeFout:
        return False


# Always valid: unique names, the basissubsidie as a total (never contradicting components).
_lo_rij = st.fixed_dictionaries(
    {"buurt": st.text(min_size=1, max_size=30).filter(_opslaanbaar), "huishoudens": st.integers(0, 5000),
     "basissubsidie": st.decimals(min_value=4850, max_value=5850, places=2)},
    optional={
        "buurtscore": st.decimals(min_value=0, max_value=100, places=1),
        "besteed": st.decimals(min_value=0, max_value=6000, places=2) | st.just(Decimal("5850")),
        "supplement_aangevraagd": st.decimals(min_value=0, max_value=4000, places=2),
    },
)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(rijen=st.lists(_lo_rij, min_size=1, max_size=5, unique_by=lambda r: r["buurt"].strip().casefold()))
def test_begroting_in_libreoffice_sluit_op_decent(rijen: list[dict], tmp_path_factory) -> None:
    vereis_libreoffice()
    import openpyxl

    from buurtxl.werkmap import begroting, maak_begroting

    gelezen = invoer.valideer(list(enumerate(rijen, start=2)), R)
    assert gelezen.ok and len(gelezen.aanvragen) == len(rijen), [str(p) for p in gelezen.fouten]
    map_ = tmp_path_factory.mktemp("fuzz-lo")
    pad = map_ / "begroting.xlsx"
    maak_begroting(gelezen.aanvragen, R).save(pad)
    [herberekend] = herberekenen.converteer([pad], map_ / "uit")
    ws = openpyxl.load_workbook(herberekend, data_only=True)["Begroting"]

    kolom = {spec[0]: i for i, spec in enumerate(begroting.kolommen(True), start=1)}
    eerste, n = begroting.EERSTE_RIJ, len(gelezen.aanvragen)
    rijtotalen = [cent(ws.cell(r, kolom["totaal"]).value) for r in range(eerste, eerste + n)]
    totaalrij = cent(ws.cell(eerste + n, kolom["totaal"]).value)
    budget = cent(ws.cell(begroting.budget_rijen()["totaal"], begroting.budget_kolom(True)).value)
    kern = [regels.bereken(R, a).totaal for a in gelezen.aanvragen]
    assert rijtotalen == kern
    assert totaalrij == sum(rijtotalen, NUL) == budget


# -- what the fuzz found, kept as plain examples ------------------------------------------------

@pytest.mark.parametrize("waarde", ["1E400", "1e999999999", Decimal("1E+400"), 10**20, 1e300])
def test_absurd_groot_bedrag_is_een_melding_geen_uitzondering(waarde: object) -> None:
    gelezen = invoer.valideer([(2, {"buurt": "Malberg", "huishoudens": 900, "besteed": waarde})], R)
    assert [p.kolom for p in gelezen.fouten] == ["besteed"]
    assert "te groot" in gelezen.fouten[0].reden


def test_signalerende_nan_telt_als_lege_cel() -> None:
    gelezen = invoer.valideer([(2, {"buurt": "Malberg", "huishoudens": 900, "buurtscore": Decimal("sNaN")})], R)
    assert gelezen.ok and gelezen.aanvragen[0].buurtscore is None


# -- a clerk's workbook: totals rows, hidden rows, percent formats, formulas -----------------------

_klerk_rij = st.fixed_dictionaries({
    "huishoudens": st.integers(1, 5000),
    "buurtscore": st.decimals(min_value=0, max_value=100, places=1),
    "basissubsidie": st.decimals(min_value=4850, max_value=5850, places=2),
    "procent": st.booleans(),  # the buurtscore typed as 68%
    "formule": st.booleans(),  # huishoudens as a formula with its stored result
    "verborgen": st.booleans(),
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rijen=st.lists(_klerk_rij, min_size=1, max_size=6),
       totaal=st.sampled_from(["geen", "woord", "tabel", "som"]), zonder_verborgen=st.booleans())
def test_werkmap_van_een_medewerker_geeft_het_bedrag_met_de_hand(
    rijen: list[dict], totaal: str, zonder_verborgen: bool, tmp_path: Path
) -> None:
    """Whatever Excel shows is what is counted: a totals row never, a hidden row only when asked,
    68% as 68, a formula's stored result. The oracle is the plain table of what a clerk sees."""
    import xlsxwriter

    kop = ["buurt", "huishoudens", "buurtscore", "basissubsidie"]
    pad = tmp_path / "medewerker.xlsx"
    wb = xlsxwriter.Workbook(str(pad))
    ws = wb.add_worksheet("Aanvragen")
    procent = wb.add_format({"num_format": "0.0%"})
    n = len(rijen)
    hh_som = sum(r["huishoudens"] for r in rijen)
    basis_som = float(sum(r["basissubsidie"] for r in rijen))
    if totaal == "tabel":
        kolommen = [{"header": kop[0], "total_string": "Samen"},
                    {"header": kop[1], "total_function": "sum", "total_value": hh_som},
                    {"header": kop[2]},
                    {"header": kop[3], "total_function": "sum", "total_value": basis_som}]
        ws.add_table(0, 0, n + 1, 3, {"columns": kolommen, "total_row": True, "name": "Lijst"})
    else:
        ws.write_row(0, 0, kop)
    for i, r in enumerate(rijen, start=1):
        ws.write(i, 0, f"Buurt {i}")
        if r["formule"]:
            ws.write_formula(i, 1, f"={r['huishoudens'] - 1}+1", None, r["huishoudens"])
        else:
            ws.write_number(i, 1, r["huishoudens"])
        if r["procent"]:  # what Excel stores for 56.9%: the double nearest 0.569
            ws.write_number(i, 2, float(str(r["buurtscore"] / 100)), procent)
        else:
            ws.write_number(i, 2, float(r["buurtscore"]))
        ws.write_number(i, 3, float(r["basissubsidie"]))
        if r["verborgen"]:
            ws.set_row(i, None, None, {"hidden": True})
    if totaal in ("woord", "som"):
        ws.write(n + 1, 0, "Totaal" if totaal == "woord" else "")
        ws.write_formula(n + 1, 1, f"=SUM(B2:B{n + 1})", None, hh_som)
        ws.write_formula(n + 1, 3, f"=SUM(D2:D{n + 1})", None, basis_som)
    wb.close()
    corpus.als_door_excel_bewaard(pad)  # the stored results are Excel's: no longer marked stale

    gelezen = lezen.lees(pad, R, zonder_verborgen=zonder_verborgen)
    verwacht = [(f"Buurt {i}", r) for i, r in enumerate(rijen, start=1)
                if not (zonder_verborgen and r["verborgen"])]
    if not verwacht:
        assert not gelezen.ok
        return
    assert gelezen.ok, [str(p) for p in gelezen.problemen]
    assert [(a.buurt, a.huishoudens, a.buurtscore, a.basissubsidie) for a in gelezen.aanvragen] == [
        (naam, r["huishoudens"], r["buurtscore"].normalize() if r["buurtscore"] == r["buurtscore"].to_integral_value()
         else r["buurtscore"], r["basissubsidie"]) for naam, r in verwacht
    ]
    overgeslagen = {p.rij for p in gelezen.waarschuwingen if "overgeslagen" in p.reden}
    assert (n + 2 in overgeslagen) == (totaal != "geen")
    verborgen = {i + 1 for i, r in enumerate(rijen, start=1) if r["verborgen"]}
    assert verborgen <= {p.rij for p in gelezen.waarschuwingen}
    som = sum((regels.bereken(R, a).totaal for a in gelezen.aanvragen), NUL)
    kern = sum((regels.bereken(R, invoer.valideer([(2, {"buurt": naam, "huishoudens": r["huishoudens"],
                                                        "buurtscore": r["buurtscore"],
                                                        "basissubsidie": r["basissubsidie"]})], R).aanvragen[0]).totaal
                for naam, r in verwacht), NUL)
    assert som == kern
