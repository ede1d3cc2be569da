"""The Excel functions called directly (the Linux route: plain Python functions).

Expected amounts come from the decision's numbers worked out by hand, or, where a whole column is
checked, from the core (`regels.bereken`), since the functions are a face over it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from buurtxl import regeling, regels
from buurtxl.excel import udfs
from buurtxl.excel.udf_argumenten import Foutcel
from buurtxl.invoer import lezen
from buurtxl.model import Aanvraag
from buurtxl.regeling import voorbeeld
from gedeeld import cent


def getal(x: Decimal | int | None) -> float | None:
    """A cell as Excel hands it over: a float, or nothing."""
    return None if x is None else float(x)


def is_fout(x: object, *woorden: str) -> bool:
    return isinstance(x, Foutcel) and all(w in x.melding for w in woorden)


@pytest.fixture(scope="module")
def aanvragen():
    return lezen.lees(voorbeeld.pad(), regeling.laad("2018")).aanvragen


# BASISSUBSIDIE (§3.4 punt 1: € 4.850 – € 5.850, onderdelen uitwisselbaar)


def test_basissubsidie_zonder_onderdelen_is_de_som_van_de_standaardbedragen() -> None:
    # 2600 + 2000 + 500 (handgeld) + 750 (plan van aanpak), the parameter file's components.
    assert cent(udfs.BASISSUBSIDIE()) == Decimal("5850.00")


def test_basissubsidie_leeg_onderdeel_telt_met_standaardbedrag() -> None:
    assert cent(udfs.BASISSUBSIDIE(1600, None, "", None)) == Decimal("4850.00")


def test_basissubsidie_precies_het_minimum_mag() -> None:
    assert cent(udfs.BASISSUBSIDIE(1600, 2000, 500, 750)) == Decimal("4850.00")


def test_basissubsidie_een_cent_onder_het_minimum_is_een_fout() -> None:
    assert is_fout(udfs.BASISSUBSIDIE(1599.99, 2000, 500, 750), "4.849,99", "buiten", "§3.4 punt 1")


def test_basissubsidie_een_cent_boven_het_maximum_is_een_fout() -> None:
    assert is_fout(udfs.BASISSUBSIDIE(2600.01), "5.850,01", "buiten")


def test_basissubsidie_uitwisselbaar_andere_verdeling_zelfde_totaal() -> None:
    assert cent(udfs.BASISSUBSIDIE(3100, 1500)) == Decimal("5850.00")


def test_basissubsidie_negatief_onderdeel_is_een_fout() -> None:
    assert is_fout(udfs.BASISSUBSIDIE(-100), "organisatiekosten", "negatief")


def test_basissubsidie_tekst_met_komma_wordt_gelezen() -> None:
    assert cent(udfs.BASISSUBSIDIE("2600,00", "2000")) == Decimal("5850.00")


# TOESLAG_PERCENTAGE (§3.4 punt 2: meer dan 1.300 huishoudens, maximaal 15%)


def test_toeslag_percentage_niet_bij_precies_1300_huishoudens() -> None:
    assert udfs.TOESLAG_PERCENTAGE(1300) == 0


def test_toeslag_percentage_wel_bij_1301_huishoudens() -> None:
    assert udfs.TOESLAG_PERCENTAGE(1301) == pytest.approx(1 / 1300, rel=1e-12)


def test_toeslag_percentage_afgetopt_op_15_procent() -> None:
    # (1495 - 1300) / 1300 = 0.15 exactly; more households stay at 15%.
    assert udfs.TOESLAG_PERCENTAGE(1495) == pytest.approx(0.15)
    assert udfs.TOESLAG_PERCENTAGE(4510) == pytest.approx(0.15)


def test_toeslag_percentage_oude_regeling_kent_geen_toeslag() -> None:
    assert udfs.TOESLAG_PERCENTAGE(4510, "2017-2018") == 0


def test_versie_als_benoemd_argument_en_leeg_is_2018() -> None:
    # 'versie', not 'regeling': in VBA a parameter named like its function does not compile.
    assert udfs.TOESLAG_PERCENTAGE(4510, versie="2017-2018") == 0
    assert udfs.REGELING("toeslag.drempel_huishoudens", versie="") == 1300
    assert udfs.TOESLAG_PERCENTAGE(1420, versie=None) == pytest.approx(120 / 1300)


def test_toeslag_percentage_regeling_als_getal_getypt() -> None:
    assert udfs.TOESLAG_PERCENTAGE(1420, 2018.0) == pytest.approx(120 / 1300)


def test_toeslag_percentage_onbekende_regeling_is_een_fout() -> None:
    assert is_fout(udfs.TOESLAG_PERCENTAGE(1420, "2019"), "Onbekende regeling", "2019")


def test_toeslag_percentage_half_huishouden_is_een_fout() -> None:
    assert is_fout(udfs.TOESLAG_PERCENTAGE(1300.5), "huishoudens", "geheel")


# TOESLAG_COMMUNICATIE (§3.4 punt 2: pas als de basissubsidie volledig is besteed)


def test_toeslag_zonder_besteed_is_de_potentiele_toeslag() -> None:
    # 1420 huishoudens: (1420 - 1300) / 1300 = 9.23…%; 5850 × 120 / 1300 = 540.00
    assert cent(udfs.TOESLAG_COMMUNICATIE(1420, 5850)) == Decimal("540.00")


def test_toeslag_niet_als_besteed_een_cent_onder_de_basissubsidie() -> None:
    assert cent(udfs.TOESLAG_COMMUNICATIE(1420, 5850, 5849.99)) == Decimal("0.00")


def test_toeslag_wel_als_basissubsidie_precies_besteed() -> None:
    assert cent(udfs.TOESLAG_COMMUNICATIE(1420, 5850, 5850)) == Decimal("540.00")


def test_toeslag_aangevraagd_onder_het_maximum_is_de_aanvraag() -> None:
    # Maximum 5850 × 120 / 1300 = 540.00; asked 300 → 300, once the basissubsidie is fully spent.
    assert cent(udfs.TOESLAG_COMMUNICATIE(1420, 5850, 5850, 300)) == Decimal("300.00")
    assert cent(udfs.TOESLAG_COMMUNICATIE(1420, 5850, None, 300)) == Decimal("300.00")  # planning reserves the request
    assert cent(udfs.TOESLAG_COMMUNICATIE(1420, 5850, 5849.99, 300)) == Decimal("0.00")


def test_toeslag_aangevraagd_boven_het_maximum_wordt_afgetopt() -> None:
    assert cent(udfs.TOESLAG_COMMUNICATIE(1420, 5850, 5850, 600)) == Decimal("540.00")
    assert cent(udfs.TOESLAG_COMMUNICATIE(1420, 5850, toeslag_aangevraagd="540,01")) == Decimal("540.00")


def test_toeslag_aangevraagd_nul_en_geen_toeslag() -> None:
    assert cent(udfs.TOESLAG_COMMUNICATIE(1420, 5850, 5850, 0)) == Decimal("0.00")
    assert cent(udfs.TOESLAG_COMMUNICATIE(1300, 5850, 5850, 300)) == Decimal("0.00")  # 1300: no toeslag at all


def test_toeslag_aangevraagd_fout_noemt_het_argument() -> None:
    assert is_fout(udfs.TOESLAG_COMMUNICATIE(1420, 5850, 5850, -1), "toeslag_aangevraagd", "negatief")


def test_toeslag_aangevraagd_over_een_kolom() -> None:
    uit = udfs.TOESLAG_COMMUNICATIE([[1420], [1420], [1495], [1420]], 5850, 5850, [[300], [None], [1000], [0]])
    # 1495: 5850 × 195 / 1300 = 877.50, under the request of 1000.
    assert [cent(r[0]) for r in uit] == [Decimal("300.00"), Decimal("540.00"), Decimal("877.50"), Decimal("0.00")]


def test_toeslag_afgerond_op_de_cent_half_naar_boven() -> None:
    # 4850 × 3 / 1300 = 11.1923… → 11.19; 4850 × 150 / 1300 = 559.6153… → 559.62
    assert cent(udfs.TOESLAG_COMMUNICATIE(1303, 4850)) == Decimal("11.19")
    assert cent(udfs.TOESLAG_COMMUNICATIE(1450, 4850)) == Decimal("559.62")


def test_toeslag_lege_basissubsidie_is_een_fout_geen_nul() -> None:
    assert is_fout(udfs.TOESLAG_COMMUNICATIE(1420, None), "basissubsidie", "leeg")


def test_toeslag_basissubsidie_buiten_bereik_is_een_fout() -> None:
    assert is_fout(udfs.TOESLAG_COMMUNICATIE(1420, 6000), "buiten")


# SUPPLEMENT_KWETSBAAR (§3.4 punt 3: buurtscore < 57, maximaal € 3.000)


def test_supplement_niet_bij_buurtscore_precies_57() -> None:
    assert cent(udfs.SUPPLEMENT_KWETSBAAR(57)) == Decimal("0.00")


def test_supplement_maximum_gereserveerd_bij_56_99_zonder_aanvraag() -> None:
    assert cent(udfs.SUPPLEMENT_KWETSBAAR(56.99)) == Decimal("3000.00")


def test_supplement_aanvraag_boven_3000_afgetopt() -> None:
    assert cent(udfs.SUPPLEMENT_KWETSBAAR(50, 3500)) == Decimal("3000.00")


def test_supplement_aanvraag_onder_het_maximum_aangevraagd() -> None:
    assert cent(udfs.SUPPLEMENT_KWETSBAAR(51.3, 1800)) == Decimal("1800.00")


def test_supplement_lege_buurtscore_betekent_onbekend_dus_geen_supplement() -> None:
    assert cent(udfs.SUPPLEMENT_KWETSBAAR(None)) == Decimal("0.00")


def test_supplement_buurtscore_boven_100_is_een_fout() -> None:
    assert is_fout(udfs.SUPPLEMENT_KWETSBAAR(101), "buurtscore", "0–100")


def test_supplement_oude_regeling_kent_geen_supplement() -> None:
    assert cent(udfs.SUPPLEMENT_KWETSBAAR(40, None, "2017-2018")) == Decimal("0.00")


# SUBSIDIE_TOTAAL


def test_totaal_is_basis_plus_toeslag_plus_supplement() -> None:
    # 5850 + 540 (1420 huishoudens, potentieel) + 3000 (buurtscore 50, geen aanvraag)
    assert cent(udfs.SUBSIDIE_TOTAAL(5850, 1420, 50)) == Decimal("9390.00")


def test_totaal_met_aangevraagde_toeslag_en_supplement() -> None:
    # 5850 + toeslag asked 300 (maximum 540) + supplement asked 1000 (maximum 3000) = 7150
    assert cent(udfs.SUBSIDIE_TOTAAL(5850, 1420, 50, 5850, 1000, 300)) == Decimal("7150.00")
    # asked 600: capped at 540 → 5850 + 540 + 3000 = 9390
    assert cent(udfs.SUBSIDIE_TOTAAL(5850, 1420, 50, None, None, 600)) == Decimal("9390.00")
    uit = udfs.SUBSIDIE_TOTAAL([[5850], [5850]], 1420, 50, 5850, 1000, [[300], [None]])
    assert [cent(r[0]) for r in uit] == [Decimal("7150.00"), Decimal("7390.00")]


def test_uitleg_noemt_de_aangevraagde_toeslag() -> None:
    tekst = udfs.UITLEG(5850, 1420, 50, 5850, 1000, 300)
    assert "aangevraagd € 300,00, niet meer dan € 540,00" in tekst and "Totaal € 7.150,00" in tekst


def test_totaal_oude_regeling_alleen_basissubsidie() -> None:
    assert cent(udfs.SUBSIDIE_TOTAAL(5850, 1420, 50, None, None, None, "2017-2018")) == Decimal("5850.00")


@pytest.mark.parametrize("naam", ["2018", "2017-2018"])
def test_totaal_per_rij_gelijk_aan_de_kern_voor_het_hele_voorbeeld(aanvragen, naam) -> None:
    r = regeling.laad(naam)
    for a in aanvragen:
        if a.basissubsidie is None:
            onderdelen = (a.organisatiekosten, a.communicatiekosten, a.activiteiten, a.plan_van_aanpak)
            basis = udfs.BASISSUBSIDIE(*map(getal, onderdelen), naam)
            try:
                regels.bereken(r, a)
            except regels.RegelFout as fout:
                # 2017-2018: a split that only 2018 allows is an error in the core and the function alike.
                assert is_fout(basis, "niet uitwisselbaar") and basis.melding == str(fout), a.buurt
                continue
        else:
            basis = getal(a.basissubsidie)
        uit = udfs.SUBSIDIE_TOTAAL(
            basis, getal(a.huishoudens), getal(a.buurtscore), getal(a.besteed),
            getal(a.supplement_aangevraagd), getal(a.toeslag_aangevraagd), naam,
        )
        assert cent(uit) == regels.bereken(r, a).totaal, a.buurt


def test_totaal_hele_kolom_in_een_keer_gelijk_aan_de_kern(aanvragen) -> None:
    r = regeling.laad("2018")
    def kolom(veld: str) -> list[list[float | None]]:
        return [[getal(getattr(a, veld))] for a in aanvragen]

    basis = [[getal(regels.bereken(r, a).basissubsidie)] for a in aanvragen]
    uit = udfs.SUBSIDIE_TOTAAL(
        basis, kolom("huishoudens"), kolom("buurtscore"), kolom("besteed"), kolom("supplement_aangevraagd")
    )
    assert len(uit) == len(aanvragen) and all(len(rij) == 1 for rij in uit)
    assert [cent(rij[0]) for rij in uit] == [regels.bereken(r, a).totaal for a in aanvragen]


# Ranges: same shape out, only the bad cells fail


def test_bereik_geeft_zelfde_vorm_terug_en_alleen_foute_cellen_falen() -> None:
    uit = udfs.TOESLAG_PERCENTAGE([[1300, "abc", 1495], [None, -5, 1301]])
    assert len(uit) == 2 and all(len(rij) == 3 for rij in uit)
    assert uit[0][0] == 0 and uit[0][2] == pytest.approx(0.15) and uit[1][2] == pytest.approx(1 / 1300)
    assert is_fout(uit[0][1], "huishoudens", "'abc'", "geen getal")
    assert is_fout(uit[1][0], "huishoudens", "leeg")
    assert is_fout(uit[1][1], "negatief")


def test_losse_cel_tegen_een_kolom_wordt_over_de_kolom_herhaald() -> None:
    uit = udfs.TOESLAG_COMMUNICATIE([[1300], [1420], [1495]], 5850)
    assert [cent(rij[0]) for rij in uit] == [Decimal("0.00"), Decimal("540.00"), Decimal("877.50")]


def test_rij_tegen_kolom_geeft_een_tabel_zoals_excel() -> None:
    uit = udfs.TOESLAG_PERCENTAGE([[1420]], [["2018"], ["2017-2018"]])
    assert uit == [[pytest.approx(120 / 1300)], [0.0]]


def test_bereiken_van_ongelijke_lengte_zijn_een_fout() -> None:
    assert is_fout(udfs.TOESLAG_COMMUNICATIE([[1420], [1500]], [[5850], [5850], [5850]]), "afmetingen", "2×1", "3×1")


def test_cel_met_een_excel_fout_wordt_genoemd_niet_als_leeg_gelezen() -> None:
    # A besteed cell holding #N/A must not fall back to "besteed unknown" (the potential toeslag).
    assert is_fout(udfs.TOESLAG_COMMUNICATIE(1420, 5850, "#N/A"), "besteed", "#N/A")


# REGELING


def test_regeling_toont_de_drempel_uit_het_besluit() -> None:
    assert udfs.REGELING("toeslag.drempel_huishoudens") == 1300


def test_regeling_max_percentage_per_regeling() -> None:
    assert udfs.REGELING([["toeslag.max_percentage"]], [["2018"], ["2017-2018"]]) == [[0.15], [0.0]]


def test_regeling_ja_nee_parameter_is_waar_of_onwaar() -> None:
    assert udfs.REGELING("basissubsidie.uitwisselbaar") is True
    assert udfs.REGELING("basissubsidie.uitwisselbaar", "2017-2018") is False


def test_regeling_onbekende_parameter_is_een_fout_met_de_naam() -> None:
    assert is_fout(udfs.REGELING("toeslag.drempel"), "Onbekende parameter", "toeslag.drempel")


def test_regeling_lege_naam_is_een_fout() -> None:
    assert is_fout(udfs.REGELING(None), "naam")


# UITLEG


def test_uitleg_noemt_de_redenen_van_de_kern() -> None:
    a = regels.bereken(
        regeling.laad("2018"),
        Aanvraag(buurt="x", basissubsidie=Decimal("5850"), huishoudens=1420, buurtscore=Decimal("50")),
    )
    tekst = udfs.UITLEG(5850, 1420, 50)
    for reden in (a.reden_basissubsidie, a.reden_toeslag, a.reden_supplement):
        assert reden in tekst
    assert "1.420 huishoudens: meer dan 1.300" in tekst and "€ 9.390,00" in tekst


def test_uitleg_geeft_de_fout_als_tekst() -> None:
    assert udfs.UITLEG(5850, "veel", 50) == "Fout: huishoudens: 'veel' is geen getal"


# Help texts


@pytest.mark.parametrize("naam", udfs.__all__)
def test_help_tekst_past_in_de_functiewizard(naam) -> None:
    # Excel's function wizard cuts descriptions off at 255 characters.
    doc = getattr(udfs, naam).__doc__
    assert doc and "\n" not in doc and len(doc) <= 255


def test_argument_help_past_in_de_functiewizard() -> None:
    assert all(0 < len(tekst) <= 255 for tekst in udfs.DOC.values())


def test_fractie_van_toeslag_percentage_is_exact_het_breukdeel() -> None:
    # Returned as the float nearest the exact fraction, not a rounded percentage.
    assert udfs.TOESLAG_PERCENTAGE(1420) == float(Fraction(120, 1300))


# Error texts in Excel's terms: what a Dutch Excel shows in the cell, not Python's spelling.


@pytest.mark.parametrize(
    "functie,args,tekst",
    [
        ("TOESLAG_PERCENTAGE", (True,), "huishoudens: 'WAAR' is geen getal"),
        ("REGELING", (False,), "naam: 'ONWAAR' is geen tekst"),
        ("TOESLAG_PERCENTAGE", (1420.5,), "huishoudens: '1420,5' is geen geheel aantal huishoudens"),
        ("BASISSUBSIDIE", (1e300,), "organisatiekosten: '1E+300' is te groot"),
        ("BASISSUBSIDIE", (1234.567,), "organisatiekosten: '1234,567' heeft meer dan 2 decimalen"),
        ("SUPPLEMENT_KWETSBAAR", (100.5,), "buurtscore: '100,5' ligt buiten 0–100"),
        ("TOESLAG_PERCENTAGE", (1420, 2018.5), "Onbekende regeling '2018,5'"),
    ],
)
def test_foutmelding_in_de_woorden_van_excel(functie, args, tekst) -> None:
    uitkomst = getattr(udfs, functie)(*args)
    assert isinstance(uitkomst, Foutcel) and tekst in uitkomst.melding
    assert not any(python in uitkomst.melding for python in ("True", "False", "e+", ".5'"))


def test_basissubsidie_2017_2018_eist_de_vaste_onderdelen() -> None:
    # 2017-2018: components not interchangeable (§3.4 punt 1 makes them so from 2018 on).
    assert is_fout(udfs.BASISSUBSIDIE(3100, 1500, None, None, "2017-2018"), "Organisatiekosten € 3.100,00",
                   "vaste bedrag € 2.600,00", "niet uitwisselbaar")
    assert cent(udfs.BASISSUBSIDIE(2600, 2000, 500, 750, "2017-2018")) == Decimal("5850.00")
    assert cent(udfs.BASISSUBSIDIE(3100, 1500)) == Decimal("5850.00")  # 2018: interchangeable


def test_basissubsidie_2017_2018_bereik_weigert_alleen_de_afwijkende_cel() -> None:
    uit = udfs.BASISSUBSIDIE([[2600], [3100]], [[2000], [1500]], None, None, "2017-2018")
    assert cent(uit[0][0]) == Decimal("5850.00")
    assert isinstance(uit[1][0], Foutcel)
