"""The structure of generated workbooks, checked with openpyxl (no spreadsheet engine needed).

What the formulas compute is checked by LibreOffice in test_werkmap_herberekend.py.
"""

from __future__ import annotations

import datetime as dt
import inspect
import io
import re
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.formula import Tokenizer
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries

from buurtxl import __version__, regeling, velden, werkmap
from buurtxl.invoer import lezen
from buurtxl.model import Aanvraag, Herkomst
from buurtxl.regeling import voorbeeld
from buurtxl.werkmap import begroting, buurtblad, regelingblad, stijl
from buurtxl.werkmap.namen import parameternaam
from celopmaak import INVOERGEEL, op_slot, vulkleur
from gedeeld import VLUCHTIGE_FUNCTIES

R2018 = regeling.laad("2018")
LASTIGE_NAMEN = ['=HYPERLINK("http://example.org","klik")', "+31 43 350 00 00", "-", "@buurt", "O'Brien-kwartier"]
HERKOMST = Herkomst(invoer="aanvragen.csv", sha256="ab" * 32, gegenereerd="2018-03-06 10:00:00",
                    kanttekeningen=("Buurtscores zijn fictief.",))


def opnieuw_geladen(wb: Workbook) -> Workbook:
    """Save and reload: what Excel or LibreOffice would read."""
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return load_workbook(buffer)


@pytest.fixture(scope="module")
def aanvragen() -> list[Aanvraag]:
    return lezen.lees(voorbeeld.pad(), R2018).aanvragen


@pytest.fixture(scope="module")
def wb(aanvragen) -> Workbook:
    return opnieuw_geladen(werkmap.maak_begroting(aanvragen, R2018, herkomst=HERKOMST))


@pytest.fixture(scope="module")
def wb_udf(aanvragen) -> Workbook:
    return opnieuw_geladen(werkmap.maak_begroting(aanvragen, R2018, formules="udf"))


def formulecellen(wb: Workbook):
    for ws in wb.worksheets:
        for rij in ws.iter_rows():
            for cel in rij:
                if cel.data_type == "f":
                    yield ws, cel


def functies(formule: str) -> list[tuple[str, int]]:
    """(function name, number of arguments) of every call in `formule`."""
    uit, stapel = [], []
    for token in Tokenizer(formule).items:
        if token.type == "FUNC" and token.subtype == "OPEN":
            stapel.append([token.value[:-1].upper(), 1])
        elif token.type == "SEP" and token.subtype == "ARG" and stapel:
            stapel[-1][1] += 1
        elif token.type == "FUNC" and token.subtype == "CLOSE":
            uit.append(tuple(stapel.pop()))
    return uit


def bereiken(formule: str) -> list[str]:
    return [t.value for t in Tokenizer(formule).items if t.type == "OPERAND" and t.subtype == "RANGE"]


def _blad_en_cel(verwijzing: str) -> tuple[str | None, str]:
    if "!" not in verwijzing:
        return None, verwijzing
    blad, cel = verwijzing.rsplit("!", 1)
    return blad.strip("'").replace("''", "'"), cel


# --- names and the Regeling sheet ------------------------------------------------------------


def test_elke_parameter_is_een_gedefinieerde_naam_met_zijn_waarde(wb):
    for parameter in R2018.parameters.values():
        naam = wb.defined_names[parameternaam(parameter.naam)]
        [(blad, cel)] = list(naam.destinations)
        waarde = wb[blad][cel.replace("$", "")].value
        if isinstance(parameter.waarde, dt.date):  # the buurtplan's due date (§3.1)
            assert str(waarde)[:10] == parameter.waarde.isoformat()  # a date or a datetime at midnight
            continue
        assert (
            Decimal(str(waarde)) == Decimal(parameter.waarde)
            if not isinstance(waarde, bool)
            else waarde == parameter.waarde
        )


def test_regelingblad_toont_bron_en_eenheid_van_elke_parameter(wb):
    ws = wb["Regeling"]
    rijen = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    for parameter in R2018.parameters.values():
        rij = rijen[parameter.naam]
        kolom = regelingblad.KOLOM
        assert ws.cell(rij, kolom["bron"]).value == parameter.bron
        assert ws.cell(rij, kolom["eenheid"]).value == parameter.eenheid
        assert ws.cell(rij, kolom["herkomst"]).value == parameter.herkomst
        uitgang = ws.cell(rij, kolom["uitgangswaarde"]).value  # the file's value beside the editable one
        if isinstance(parameter.waarde, dt.date):
            assert str(uitgang)[:10] == parameter.waarde.isoformat()
        else:
            gelijk = Decimal(str(uitgang)) == parameter.waarde if not isinstance(uitgang, bool) else None
            assert gelijk if gelijk is not None else uitgang is parameter.waarde


def test_parameterwaarden_zijn_invoercellen_die_niet_op_slot_zitten(wb):
    naam = wb.defined_names[parameternaam("toeslag.drempel_huishoudens")]
    [(blad, cel)] = list(naam.destinations)
    assert wb[blad][cel.replace("$", "")].protection.locked is False


def test_elke_naam_in_een_formule_bestaat_en_elk_blad_ook(wb, wb_udf):
    for werkmap_ in (wb, wb_udf):
        tabellen = {t.name: t for ws in werkmap_.worksheets for t in ws.tables.values()}
        for ws, cel in formulecellen(werkmap_):
            for verwijzing in bereiken(cel.value):
                blad, doel = _blad_en_cel(verwijzing)
                if "[" in verwijzing:  # a structured reference: Tabel[Kolom]
                    tabel, kolom = re.fullmatch(r"(\w+)\[(.+)\]", verwijzing).groups()
                    assert kolom in [c.name for c in tabellen[tabel].tableColumns], verwijzing
                elif blad is not None:
                    assert blad in werkmap_.sheetnames, f"{ws.title}!{cel.coordinate}: {cel.value}"
                elif not re.fullmatch(r"\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?", doel):
                    assert doel in werkmap_.defined_names, f"{ws.title}!{cel.coordinate}: onbekende naam {doel}"


def gebreken(formule: str) -> list[str]:
    """Volatile functions and whole-column or whole-row references in one formula (Excel would
    recalculate far more than it needs to). The tokenizer skips text literals and sheet names."""
    uit = [f"vluchtige functie {f}" for f, _ in functies(formule) if f in VLUCHTIGE_FUNCTIES]
    for verwijzing in bereiken(formule):
        if re.search(r"(^|!)\$?[A-Z]{1,3}:\$?[A-Z]{1,3}$", verwijzing):
            uit.append(f"hele kolom {verwijzing}")
        if re.search(r"(^|!)\$?\d+:\$?\d+$", verwijzing):
            uit.append(f"hele rij {verwijzing}")
    return uit


def alle_formules(wb: Workbook):
    """(where, formula) of every formula cell, defined name, conditional format and validation."""
    for naam, definitie in wb.defined_names.items():
        yield f"naam {naam}", f"={definitie.attr_text}"
    for ws in wb.worksheets:
        for naam, definitie in ws.defined_names.items():
            yield f"{ws.title}!{naam}", f"={definitie.attr_text}"
        # The cells present, not iter_rows: that would create every empty cell of a shared fixture.
        for cel in list(ws._cells.values()):
            if cel.data_type == "f":  # an array formula carries its text in .text
                yield f"{ws.title}!{cel.coordinate}", getattr(cel.value, "text", cel.value)
        for bereik in ws.conditional_formatting:
            for regel in bereik.rules:
                for formule in regel.formula or []:
                    yield f"{ws.title} voorwaardelijke opmaak {bereik.sqref}", f"={formule}"
        for validatie in ws.data_validations.dataValidation:
            for formule in (validatie.formula1, validatie.formula2):
                if formule:
                    yield f"{ws.title} gegevensvalidatie {validatie.sqref}", f"={formule}"


@pytest.mark.parametrize(
    "formule, gebrek",
    [
        ("=SUM(A:A)", "hele kolom A:A"),
        ("=SUM('Blad 1'!$C:$C)", "hele kolom 'Blad 1'!$C:$C"),
        ("=SUM(2:2)", "hele rij 2:2"),
        ('=INDIRECT("B"&ROW())', "vluchtige functie INDIRECT"),
        ("=offset(A1,1,0)", "vluchtige functie OFFSET"),
        ("=TODAY()-A1", "vluchtige functie TODAY"),
        ("=IF(RANDBETWEEN(1,2)=1,1,0)", "vluchtige functie RANDBETWEEN"),
    ],
)
def test_formulecontrole_vindt_gebrek(formule: str, gebrek: str) -> None:
    assert gebrek in gebreken(formule)


@pytest.mark.parametrize(
    "formule",
    ["=SUM(B2:B45)", '=IF(A1="1.300: meer",1,0)', "='A:B'!C3", "=SUM(Tabel[Totaal])", "=NOWA(1)", "=$B$2:$B$45"],
)
def test_formulecontrole_laat_goede_formule_door(formule: str) -> None:
    assert gebreken(formule) == []


@pytest.mark.parametrize("werkmap_", ["wb", "wb_udf", "wb_inline"])
def test_geen_vluchtige_functies_en_geen_hele_kolommen_of_rijen(werkmap_: str, request) -> None:
    wb_ = request.getfixturevalue(werkmap_)
    formules = list(alle_formules(wb_))
    assert len(formules) > 100  # the check sees the workbook's formulas, not an empty list
    assert [f"{waar}: {g}: {formule}" for waar, formule in formules for g in gebreken(formule)] == []


def test_regels_staan_niet_als_losse_getallen_in_de_formules(wb):
    # Every number of the regeling is read through its name: no 1300, 57, 3000 or 0.15 in formulas.
    for ws, cel in formulecellen(wb):
        getallen = {t.value for t in Tokenizer(cel.value).items if t.subtype == "NUMBER"}
        assert getallen <= {"0", "2", "109"}, f"{ws.title}!{cel.coordinate}: {cel.value}"


# --- the Begroting tab ---------------------------------------------------------------------


def test_tabel_dekt_elke_buurt_plus_kop_en_totaalrij(wb, aanvragen):
    ws = wb["Begroting"]
    [tabel] = ws.tables.values()
    min_kol, min_rij, max_kol, max_rij = range_boundaries(tabel.ref)
    assert (min_rij, max_rij) == (begroting.KOP_RIJ, begroting.KOP_RIJ + len(aanvragen) + 1)
    assert max_kol - min_kol + 1 == len(begroting.KOLOMMEN_BLADEN)
    assert tabel.totalsRowCount == 1
    assert [ws.cell(r, 1).value for r in range(min_rij + 1, max_rij)] == [
        f"='{t}'!$B${buurtblad.INVOER_RIJEN['buurt']}"
        for t in werkmap.eigen_bladen(wb)
        if werkmap.eigen_bladen(wb)[t] == "buurt"
    ]
    assert [c.name for c in tabel.tableColumns] == [ws.cell(min_rij, k).value for k in range(min_kol, max_kol + 1)]


def test_hyperlinks_wijzen_naar_bestaande_bladen(wb, aanvragen):
    links = [(ws, cel.hyperlink) for ws in wb.worksheets for rij in ws.iter_rows() for cel in rij if cel.hyperlink]
    intern = [h.location for _, h in links if h.location]
    assert len([1 for ws, h in links if ws.title == "Begroting"]) == len(aanvragen)
    for locatie in intern:
        blad, _ = _blad_en_cel(locatie)
        assert blad in wb.sheetnames, locatie


def test_statuscel_heeft_voorwaardelijke_opmaak_voor_elke_budgetstatus(wb):
    ws = wb["Begroting"]
    statuscel = ws.cell(begroting.budget_rijen()["status"], begroting.budget_kolom(True)).coordinate
    regels = [r for cf in ws.conditional_formatting for r in cf.rules if statuscel in str(cf.sqref)]
    assert sorted(r.formula[0] for r in regels) == [
        '"binnen plan"', '"controleer invoer"', '"krap"', '"overschreden"']


def test_grafiek_toont_toeslag_en_supplement_per_buurt(aanvragen):
    ws = werkmap.maak_begroting(aanvragen, R2018)["Begroting"]
    [grafiek] = ws._charts
    # Aangevraagd, potentieel and gereserveerd stacked apart, every buurt labelled (no skipped labels).
    eerste = begroting.budget_kolom(True) + 2  # helper columns right of the budget block
    assert [s.tx.strRef.f for s in grafiek.series] == [
        f"'Begroting'!{get_column_letter(eerste + i)}{begroting.KOP_RIJ}" for i in range(3)]
    assert [ws.cell(begroting.KOP_RIJ, eerste + i).value.split()[0] for i in range(3)] == [
        "Aangevraagd", "Potentieel", "Gereserveerd"]
    assert grafiek.grouping == "stacked" and grafiek.type == "bar"
    assert grafiek.x_axis.tickLblSkip == 1
    assert len({str(s.graphicalProperties.solidFill.srgbClr) for s in grafiek.series}) == 3


def test_bedragen_hebben_een_euroformaat(wb):
    ws = wb["Begroting"]
    kolom = {k[0]: i for i, k in enumerate(begroting.KOLOMMEN_BLADEN, start=1)}
    for key in ("basissubsidie", "toeslag_communicatie", "supplement_kwetsbaar", "totaal"):
        assert "€" in ws.cell(begroting.EERSTE_RIJ, kolom[key]).number_format


def test_begroting_drukt_het_overzicht_af_liggend_a4_op_90_procent(wb):
    """Issue 22: the print area is the overview (and the chart below it), not the working table."""
    ws = wb["Begroting"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize in (None, "9", 9)  # 9 = A4, the default when unset
    assert not ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.scale == 90
    assert ws.print_title_rows is None and ws.print_title_cols is None
    [bereik] = str(ws.print_area).split(",")
    links = bereik.split("!")[1].split(":")[0].replace("$", "")
    assert ws[links].value == ws["A1"].value  # the overview's title, left of the budget block's helpers
    assert openpyxl_kolom(links) > begroting.budget_kolom(True)
    assert ws.freeze_panes == f"B{begroting.EERSTE_RIJ}"


def openpyxl_kolom(cel: str) -> int:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    return column_index_from_string(coordinate_from_string(cel)[0])


def test_begroting_is_het_actieve_blad(wb):
    assert wb.active.title == "Begroting"


# --- buurt sheets ------------------------------------------------------------------------------


def test_elke_buurt_heeft_een_blad_in_de_volgorde_van_de_invoer(wb, aanvragen):
    titels = [t for t, rol in werkmap.eigen_bladen(wb).items() if rol == "buurt"]
    assert [wb[t][buurtblad.invoercel("buurt")].value for t in titels] == [a.buurt for a in aanvragen]


def test_invoercellen_open_met_validatie_en_invoerbericht_formules_op_slot(wb):
    ws = wb["Binnenstad"]
    gevalideerd = {str(c) for dv in ws.data_validations.dataValidation for c in dv.sqref.ranges}
    for key in buurtblad.INVOER_RIJEN:
        cel = ws[buurtblad.invoercel(key)]
        assert cel.protection.locked is False, key
        assert cel.coordinate in gevalideerd, key
    for dv in ws.data_validations.dataValidation:
        assert dv.showInputMessage and dv.prompt and dv.error
    for key in buurtblad.UITKOMST_RIJEN:
        assert ws[buurtblad.uitkomstcel(key)].protection.locked is True, key


def test_bladen_beveiligd_zonder_wachtwoord(wb):
    for ws in wb.worksheets:
        assert ws.protection.sheet is True
        assert not ws.protection.password


def test_elke_berekeningsregel_heeft_uitleg_en_paragraaf(wb):
    ws = wb["Binnenstad"]
    for key, rij in buurtblad.UITKOMST_RIJEN.items():
        assert ws.cell(rij, 3).value, key
        assert str(ws.cell(rij, 4).value).startswith("§"), key


@pytest.mark.parametrize("naam", LASTIGE_NAMEN)
def test_buurtnaam_blijft_tekst_ook_als_hij_op_een_formule_lijkt(naam):
    wb = opnieuw_geladen(werkmap.maak_begroting([Aanvraag(buurt=naam, huishoudens=1400)], R2018))
    [titel] = [t for t, rol in werkmap.eigen_bladen(wb).items() if rol == "buurt"]
    cel = wb[titel][buurtblad.invoercel("buurt")]
    assert (cel.value, cel.data_type) == (naam, "s")


def test_stuurtekens_in_een_buurtnaam_worden_weggelaten():
    wb = werkmap.maak_begroting([Aanvraag(buurt="Wyck\x1b\x07", huishoudens=1400)], R2018)
    assert wb["Wyck"][buurtblad.invoercel("buurt")].value == "Wyck"


# --- formula modes ----------------------------------------------------------------------------


def udf_handtekeningen() -> dict[str, int]:
    """Worksheet functions of buurtxl.udfs with their number of parameters (the contract)."""
    from buurtxl.excel import udfs

    return {naam.upper(): len(inspect.signature(getattr(udfs, naam)).parameters) for naam in udfs.__all__}


def test_udf_modus_roept_alleen_functies_van_udfs_aan_met_hun_aantal_argumenten(wb_udf):
    handtekeningen = udf_handtekeningen()
    gebruikt = set()
    for ws, cel in formulecellen(wb_udf):
        for functie, aantal in functies(cel.value):
            if functie in handtekeningen:
                gebruikt.add(functie)
                assert aantal == handtekeningen[functie], f"{ws.title}!{cel.coordinate}: {cel.value}"
            else:
                assert functie in {"IF", "AND", "OR", "NOT", "ROUND", "SUM", "ROWS", "MIN", "ISTEXT", "LEFT",
                                   "LEN", "COUNTIF", "COUNTBLANK", "SUMIF", "N", "RIGHT"}, functie
    # Every function is used except REGELING: the Regeling sheet holds the values themselves.
    assert gebruikt == set(handtekeningen) - {"REGELING"}


def test_native_modus_roept_geen_functies_van_de_invoegtoepassing_aan(wb):
    for _, cel in formulecellen(wb):
        assert not {f for f, _ in functies(cel.value)} & set(udf_handtekeningen()), cel.value


def test_onbekende_formulemodus_geeft_een_nederlandse_fout(aanvragen):
    with pytest.raises(ValueError, match="Onbekende formulemodus 'vba'"):
        werkmap.maak_begroting(aanvragen, R2018, formules="vba")


def test_zonder_aanvragen_een_nederlandse_fout():
    with pytest.raises(ValueError, match="Geen aanvragen"):
        werkmap.maak_begroting([], R2018)


# --- size limit, single-buurt files, refreshing staff workbooks ---------------------------------


def test_boven_de_grens_geen_buurtbladen_maar_invoerkolommen(aanvragen, monkeypatch):
    monkeypatch.setattr(werkmap, "MAX_BUURTBLADEN", 3)
    wb = werkmap.maak_begroting(aanvragen, R2018)
    assert wb.sheetnames == ["Toelichting", "Begroting", "Vaststelling", "Regeling"]
    ws = wb["Begroting"]
    [tabel] = ws.tables.values()
    assert range_boundaries(tabel.ref)[3] == begroting.KOP_RIJ + len(aanvragen) + 1
    assert ws.cell(begroting.EERSTE_RIJ, 1).value == aanvragen[0].buurt
    assert ws.cell(begroting.EERSTE_RIJ, 1).protection.locked is False
    assert "Bij meer dan 3 buurten" in str([c.value for c in wb["Toelichting"]["B"]])


@pytest.fixture(scope="module")
def wb_inline(aanvragen) -> Workbook:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(werkmap, "MAX_BUURTBLADEN", 3)
        return opnieuw_geladen(werkmap.maak_begroting(aanvragen, R2018))


def inline_invoercellen(aanvragen) -> list[tuple[int, int, bool]]:
    """(row, column, empty) of every input cell of the inline Begroting's body."""
    return [
        (rij, kolom, getattr(aanvraag, key) is None)
        for rij, aanvraag in enumerate(aanvragen, start=begroting.EERSTE_RIJ)
        for kolom, key in enumerate(velden.AANVRAAGKOLOMMEN, start=1)
    ]


def test_inline_invoercellen_open_en_geel_ook_leeg_en_zonder_cel(wb_inline, aanvragen):
    ws = wb_inline["Begroting"]
    cellen = inline_invoercellen(aanvragen)
    assert sum(leeg for *_, leeg in cellen) > 100  # the example leaves many inputs empty
    for rij, kolom, leeg in cellen:
        assert ((rij, kolom) in ws._cells) is not leeg, (rij, kolom)  # an empty input is not written
        assert op_slot(ws, rij, kolom) is False, (rij, kolom)
        assert vulkleur(ws, rij, kolom) == INVOERGEEL, (rij, kolom)


def test_inline_buiten_de_invoercellen_op_slot_en_niet_geel(wb_inline, aanvragen):
    ws = wb_inline["Begroting"]
    invoer = len(velden.AANVRAAGKOLOMMEN)
    laatste = begroting.EERSTE_RIJ + len(aanvragen) - 1
    # Result columns, the gap and the budget block, beside every row of the table.
    for rij in range(1, laatste + 2):
        for kolom in range(invoer + 1, begroting.budget_kolom(False) + 2):
            assert op_slot(ws, rij, kolom) is True, (rij, kolom)
            assert vulkleur(ws, rij, kolom) != INVOERGEEL, (rij, kolom)
    # The input columns above the table, in its header and in its totals row.
    for rij in (*range(1, begroting.EERSTE_RIJ), laatste + 1):
        for kolom in range(1, invoer + 1):
            assert op_slot(ws, rij, kolom) is True, (rij, kolom)
            assert vulkleur(ws, rij, kolom) != INVOERGEEL, (rij, kolom)


def test_inline_invoerkolom_geeft_getypte_waarde_de_getalnotatie(wb_inline):
    ws = wb_inline["Begroting"]
    for kolom, veld in enumerate(velden.AANVRAAGVELDEN, start=1):
        key, invoerstijl = veld.sleutel, buurtblad.INVOERSTIJL[veld.soort]
        verwacht = {"bx invoer euro": stijl.EURO, "bx invoer aantal": stijl.AANTAL,
                    "bx invoer score": stijl.SCORE, "bx invoer tekst": "@", "bx invoer datum": stijl.DATUM}[invoerstijl]
        assert ws.column_dimensions[ws.cell(begroting.KOP_RIJ, kolom).column_letter].number_format == verwacht, key


def test_buurtwerkmap_heeft_een_blad_voor_die_ene_buurt(aanvragen):
    wb = werkmap.maak_buurtwerkmap(aanvragen[3], R2018)
    # The Begroting holds this buurt alone, without the city-wide budget block (§8).
    # Its own sheet first (issue 22): it opens there and prints first.
    assert wb.sheetnames == [aanvragen[3].buurt, "Toelichting", "Begroting", "Regeling"]
    assert wb.active.title == aanvragen[3].buurt  # what prints by default


def test_toelichting_noemt_herkomst_versie_en_kanttekeningen(wb):
    tekst = " ".join(str(c.value) for rij in wb["Toelichting"].iter_rows() for c in rij if c.value)
    # "Gemaakt op" in Dutch, Amsterdam time (the Herkomst holds 2018-03-06 10:00:00).
    for verwacht in ("aanvragen.csv", "ab" * 32, "6 maart 2018, 10:00 (Amsterdamse tijd)", f"buurtxl {__version__}",
                     "Buurtscores zijn fictief.", R2018.titel, R2018.besluit):
        assert verwacht in tekst


def test_kanttekeningen_staan_boven_de_begroting_en_elk_buurtblad(wb, aanvragen):
    # The example's buurtscores are fictitious: that must show wherever they are shown.
    for titel in ("Begroting", aanvragen[0].buurt):
        assert "Buurtscores zijn fictief." in wb[titel]["A3"].value


def test_zonder_kanttekeningen_geen_let_op_regel(aanvragen):
    wb = werkmap.maak_begroting(aanvragen[:2], R2018)
    assert wb["Begroting"]["A3"].value is None


def test_vul_werkmap_laat_bladen_en_namen_van_medewerkers_ongemoeid(aanvragen):
    wb = Workbook()
    eigen = wb.active
    eigen.title = "Begroting"  # a staff sheet that happens to carry our name
    eigen["A1"] = "notitie van de medewerker"
    wb.create_sheet("Overzicht")["B2"] = "=Begroting!A1"
    from openpyxl.workbook.defined_name import DefinedName

    wb.defined_names["Mijn_Naam"] = DefinedName("Mijn_Naam", attr_text="'Overzicht'!$B$2")
    werkmap.vul_werkmap(wb, aanvragen[:2], R2018)
    wb = opnieuw_geladen(wb)
    assert wb["Begroting"]["A1"].value == "notitie van de medewerker"
    assert wb["Overzicht"]["B2"].value == "=Begroting!A1"
    assert "Mijn_Naam" in wb.defined_names
    assert werkmap.eigen_bladen(wb) == {"Toelichting": "toelichting", "Begroting (2)": "begroting",
                                        "Vaststelling": "vaststelling", "Regeling": "regeling",
                                        aanvragen[0].buurt: "buurt",
                                        aanvragen[1].buurt: "buurt"}


def test_vul_werkmap_vervangt_de_eigen_bladen_op_dezelfde_plaats(aanvragen):
    wb = Workbook()
    wb.active.title = "Voorblad"
    wb.create_sheet("Achterblad")
    wb.move_sheet("Achterblad", offset=0)
    werkmap.vul_werkmap(wb, aanvragen[:3], R2018)
    wb.move_sheet("Achterblad", offset=len(wb.sheetnames))  # staff move their sheet to the end
    voor = wb.sheetnames
    wb = opnieuw_geladen(wb)
    werkmap.vul_werkmap(wb, aanvragen[:2], R2018)
    assert wb.sheetnames == [t for t in voor if t != aanvragen[2].buurt]
    assert len(wb["Begroting"].tables) == 1
    assert len([n for n in wb.defined_names if n == parameternaam("toeslag.drempel_huishoudens")]) == 1
