"""Names in generated workbooks: parameter names, sheet names and references."""

from buurtxl import regeling
from buurtxl.werkmap.namen import bladnaam, bladnamen, parameternaam, ref


def test_parameternaam_volgt_uit_de_gestippelde_naam():
    assert parameternaam("toeslag.drempel_huishoudens") == "Toeslag_Drempel_Huishoudens"
    assert parameternaam("basissubsidie.plan_van_aanpak") == "Basissubsidie_Plan_Van_Aanpak"
    assert parameternaam("budget.reservering") == "Budget_Reservering"


def test_elke_parameter_van_beide_regelingen_krijgt_een_eigen_naam():
    for naam in ("2018", "2017-2018"):
        parameters = regeling.laad(naam).parameters
        namen = {parameternaam(p).casefold() for p in parameters}
        assert len(namen) == len(parameters)


def test_bladnaam_is_hoogstens_31_tekens():
    assert len(bladnaam("Buurtnetwerk in ontwikkeling Wittevrouwenveld-Noord")) == 31


def test_bladnaam_vervangt_tekens_die_excel_verbiedt():
    assert bladnaam("Wyck/Céramique: [oost]*?\\") == "Wyck-Céramique- -oost----"


def test_bladnaam_botst_niet_met_andere_hoofdletters():
    assert bladnaam("binnenstad", ["Binnenstad"]) == "binnenstad (2)"
    assert bladnaam("BINNENSTAD", ["Binnenstad", "binnenstad (2)"]) == "BINNENSTAD (3)"


def test_lange_namen_met_zelfde_begin_krijgen_volgnummer_binnen_31_tekens():
    lang = "Buurtnetwerk in ontwikkeling Heugemerveld "
    a, b = bladnamen([lang + "Noord", lang + "Zuid"])
    assert a == lang[:31]
    assert b == lang[:27] + " (2)" and len(b) == 31


def test_bladnaam_begint_en_eindigt_niet_met_een_apostrof():
    assert bladnaam("'t Hoogveld'") == "t Hoogveld"


def test_lege_of_gereserveerde_bladnaam_wordt_vervangen():
    assert bladnaam("  ") == "Buurt"
    assert bladnaam("history").casefold() != "history"


def test_bladnamen_houden_de_volgorde_van_de_invoer():
    assert bladnamen(["Wyck", "Amby", "wyck"], ["Begroting"]) == ["Wyck", "Amby", "wyck (2)"]


def test_bladnaam_houdt_een_buurt_die_op_een_formule_lijkt():
    assert bladnaam('=HYPERLINK("x")') == '=HYPERLINK("x")'


def test_verwijzing_citeert_het_blad_en_verdubbelt_apostrofs():
    assert ref("O'Brien kwartier", "B5") == "'O''Brien kwartier'!$B$5"
    assert ref("Regeling", "C12") == "'Regeling'!$C$12"


def test_bladnaam_telt_tekens_buiten_het_basisvlak_dubbel_zoals_excel():
    # Excel (and LibreOffice) count UTF-16 code units: 26 + 2×2 + 2 = 32 is one too many.
    naam = bladnaam("0" * 26 + "\U00010000\U00010000 0")
    assert len(naam.encode("utf-16-le")) // 2 <= 31
    assert naam == "0" * 26 + "\U00010000\U00010000"


def test_gegenereerde_werkmap_legt_zijn_bladen_vast_in_documenteigenschappen_niet_in_bladnamen() -> None:
    import io

    import openpyxl

    from buurtxl import werkmap
    from buurtxl.invoer import lezen
    from buurtxl.regeling import laad, voorbeeld

    r = laad("2018")
    wb = werkmap.maak_begroting(lezen.lees(voorbeeld.pad(), r).aanvragen[:2], r)
    buf = io.BytesIO()
    wb.save(buf)
    wb = openpyxl.load_workbook(buf)
    assert not any("Buurtxl_Blad" in ws.defined_names for ws in wb.worksheets)
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["buurtxl_blad_2"] == "2|begroting|Begroting"
    kopie = wb.copy_worksheet(wb["Begroting"])  # a copy is not ours
    assert kopie.title not in werkmap.eigen_bladen(wb)
    assert {"Begroting_Totaal", "Begroting_Status"} <= set(wb.defined_names)
