"""Validation of the input contract collects every problem with its row, column and value."""

from __future__ import annotations

from decimal import Decimal as D

from buurtxl import invoer, regeling

R = regeling.laad("2018")


def _valideer(*rijen: dict) -> invoer.Invoer:
    return invoer.valideer(enumerate(rijen, start=2), R, bestand="aanvragen.csv", blad="Blad1")


def test_kolomnamen_zijn_hoofdletterongevoelig() -> None:
    uit = _valideer({"Buurt": "Wyck", "HUISHOUDENS": "3685", "Buurt Score": None, "Besteed": "5850"})
    assert uit.ok
    assert uit.aanvragen[0].huishoudens == 3685
    assert uit.aanvragen[0].besteed == D("5850.00")


def test_alle_problemen_worden_verzameld_met_plaats_en_waarde() -> None:
    uit = _valideer(
        {"buurt": "A", "huishoudens": "veel", "buurtscore": "120"},
        {"buurt": "B", "huishoudens": "-3", "besteed": "-1"},
    )
    assert not uit.ok and uit.aanvragen == []
    plaatsen = {(p.rij, p.kolom) for p in uit.fouten}
    assert plaatsen == {(2, "huishoudens"), (2, "buurtscore"), (3, "huishoudens"), (3, "besteed")}
    tekst = str(next(p for p in uit.fouten if p.kolom == "buurtscore"))
    assert tekst.startswith("Fout: aanvragen.csv, blad 'Blad1', rij 2, kolom 'buurtscore': ")
    assert "'120'" in tekst


def test_verplichte_waarden() -> None:
    uit = _valideer({"buurt": "", "huishoudens": "12"}, {"buurt": "X", "huishoudens": None})
    assert [(p.rij, p.kolom) for p in uit.fouten] == [(2, "buurt"), (3, "huishoudens")]


def test_lege_rij_wordt_overgeslagen() -> None:
    uit = _valideer(
        {"buurt": "A", "huishoudens": "1"}, {"buurt": "", "huishoudens": ""}, {"buurt": "B", "huishoudens": "2"}
    )
    assert uit.ok and [a.buurt for a in uit.aanvragen] == ["A", "B"]


def test_dubbele_buurt_ook_bij_ander_hoofdlettergebruik() -> None:
    uit = _valideer({"buurt": "Wyck", "huishoudens": "1"}, {"buurt": "WYCK", "huishoudens": "2"})
    assert [(p.rij, p.kolom, p.reden) for p in uit.fouten] == [(3, "buurt", "buurt komt al voor op rij 2")]


def test_dubbele_buurtcode() -> None:
    uit = _valideer(
        {"buurt": "A", "buurtcode": "BU09350000", "huishoudens": "1"},
        {"buurt": "B", "buurtcode": "bu09350000", "huishoudens": "2"},
    )
    assert [(p.rij, p.kolom) for p in uit.fouten] == [(3, "buurtcode")]


def test_basissubsidie_buiten_bereik_wordt_aan_de_kolom_gekoppeld() -> None:
    uit = _valideer({"buurt": "A", "huishoudens": "1", "organisatiekosten": "3100", "communicatiekosten": "1600"})
    (fout,) = uit.fouten
    assert fout.kolom == "organisatiekosten, communicatiekosten"
    assert "ligt buiten € 4.850,00–€ 5.850,00" in fout.reden


def test_onderdelen_naast_basissubsidie_tonen_wat_is_ingetypt() -> None:
    # By hand: 2600 + 2000 + activiteiten 500 + plan van aanpak 750 (standard) = 5850, not the 5000
    # given. The message shows the cells as typed; 2600 + 2000 = 4600 is a sum nobody wrote.
    uit = _valideer({"buurt": "A", "huishoudens": "1400", "organisatiekosten": "2600",
                     "communicatiekosten": "2000", "basissubsidie": "5000"})
    (fout,) = uit.fouten
    assert fout.kolom == "organisatiekosten, communicatiekosten, basissubsidie"
    assert fout.waarde == "organisatiekosten 2600, communicatiekosten 2000, basissubsidie 5000"
    assert "€ 5.850,00" in fout.reden and "€ 5.000,00" in fout.reden
    assert "4600" not in str(fout)


def test_vaste_onderdelen_tonen_wat_is_ingetypt() -> None:
    # 2017-2018: components are fixed (organisatiekosten 2600); 3100 is refused, shown as typed.
    uit = invoer.valideer([(2, {"buurt": "A", "huishoudens": "1400", "organisatiekosten": "3100,00",
                                "communicatiekosten": 1500.0})], regeling.laad("2017-2018"))
    (fout,) = uit.fouten
    assert fout.waarde == "organisatiekosten 3100,00, communicatiekosten 1500"
    assert "€ 3.100,00" in fout.reden and "4600" not in str(fout)


def test_alleen_basissubsidie_toont_de_cel() -> None:
    (fout,) = _valideer({"buurt": "A", "huishoudens": "1", "basissubsidie": "€ 6.000,00"}).fouten
    assert (fout.kolom, fout.waarde) == ("basissubsidie", "€ 6.000,00")


def test_supplement_boven_maximum_is_een_waarschuwing() -> None:
    uit = _valideer({"buurt": "A", "huishoudens": "1", "buurtscore": "40", "supplement_aangevraagd": "3500"})
    assert uit.ok
    (w,) = uit.waarschuwingen
    assert w.kolom == "supplement_aangevraagd" and "afgetopt" in w.reden


def test_kopregel_controle() -> None:
    problemen = invoer.controleer_kolommen(["Buurt", "buurt", "extra", "wijk"], bestand="x.csv")
    soorten = sorted((p.kolom, p.ernst) for p in problemen)
    assert soorten == [("buurt", "fout"), ("extra", "waarschuwing"), ("huishoudens", "fout")]


def test_buurtnaam_met_teken_dat_een_werkmap_breekt_wordt_geweigerd() -> None:
    uit = _valideer({"buurt": "Wyck\ufffe", "huishoudens": "1"})
    (fout,) = uit.fouten
    assert (fout.rij, fout.kolom) == (2, "buurt") and "U+FFFE" in fout.reden
