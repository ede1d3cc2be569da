"""Loading and validating the parameter files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from buurtxl import regeling
from buurtxl.regeling import RegelingFout

BRON_2018 = (Path(regeling.__file__).parent / "regelingen" / "2018.toml").read_text(encoding="utf-8")


def test_beide_regelingen_worden_meegeleverd() -> None:
    assert regeling.beschikbaar() == ["2018", "2017-2018"]


def test_getallen_uit_het_besluit() -> None:
    r = regeling.laad("2018")
    assert r.waarde("basissubsidie.minimum") == Decimal("4850")
    assert r.waarde("basissubsidie.maximum") == Decimal("5850")
    assert r.waarde("basissubsidie.activiteiten") == Decimal("500")
    assert r.waarde("basissubsidie.plan_van_aanpak") == Decimal("750")
    assert r.waarde("toeslag.drempel_huishoudens") == Decimal("1300")
    assert r.waarde("toeslag.max_percentage") == Decimal("0.15")
    assert r.waarde("supplement.buurtscore_grens") == Decimal("57")
    assert r.waarde("supplement.max_bedrag") == Decimal("3000")
    assert r.waarde("budget.reservering") == Decimal("60000")
    assert r.waarde("budget.raming_bijstelling") == Decimal("40000")
    assert r.waarde("budget.ondersteuning") == Decimal("20000")


@pytest.mark.parametrize("naam", ["2018", "2017-2018"])
def test_elke_parameter_heeft_eenheid_periode_en_bron(naam: str) -> None:
    r = regeling.laad(naam)
    for p in r.parameters.values():
        assert p.eenheid and p.omschrijving, p.naam
        assert p.geldig_vanaf <= p.geldig_tot, p.naam
        assert p.bron.startswith(("raadsvoorstel 2018 §", "aanname:")), p.naam


def test_de_verdeling_organisatie_communicatie_is_als_aanname_gemarkeerd() -> None:
    r = regeling.laad("2018")
    assert r.parameters["basissubsidie.organisatiekosten"].is_aanname
    assert r.parameters["basissubsidie.communicatiekosten"].is_aanname
    assert r.parameters["toeslag.basis_huishoudens"].is_aanname
    assert not r.parameters["toeslag.drempel_huishoudens"].is_aanname


def test_standaardonderdelen_vallen_binnen_het_bereik() -> None:
    r = regeling.laad("2018")
    assert Decimal("4850") <= sum(r.standaard_componenten.values()) <= Decimal("5850")


def test_basislijn_2017_2018_kent_geen_toeslag_en_geen_supplement() -> None:
    r = regeling.laad("2017-2018")
    assert r.waarde("toeslag.max_percentage") == 0
    assert r.waarde("supplement.max_bedrag") == 0
    assert r.vlag("basissubsidie.uitwisselbaar") is False
    assert regeling.laad("2018").vlag("basissubsidie.uitwisselbaar") is True


def test_onbekende_regeling_geeft_nederlandse_fout() -> None:
    with pytest.raises(RegelingFout, match="Onbekende regeling '2019'"):
        regeling.laad("2019")


def test_onbekende_parameter_noemt_de_bekende() -> None:
    with pytest.raises(KeyError, match="toeslag.drempel_huishoudens"):
        regeling.laad("2018").waarde("toeslag.drempel")


def _kapot(tmp_path: Path, oud: str, nieuw: str) -> Path:
    assert oud in BRON_2018
    pad = tmp_path / "kapot.toml"
    pad.write_text(BRON_2018.replace(oud, nieuw, 1), encoding="utf-8")
    return pad


@pytest.mark.parametrize(
    ("oud", "nieuw", "melding"),
    [
        ('bron = "raadsvoorstel 2018 §3.4 punt 2"\n', "\n", "mist bron"),
        ("waarde = 1300", 'waarde = "veel"', "geen getal"),
        ("waarde = 4850", "waarde = -4850", "≥ 0"),
        ("waarde = 3000", "waarde = 3000.001", "meer dan 2 decimalen"),
        ("waarde = 0.15", "waarde = 15", "fractie"),
        ("waarde = 5850", "waarde = 4000", "boven het maximum"),
        ("[supplement.max_bedrag]", "[supplement.max]", "verplichte parameter 'supplement.max_bedrag'"),
        ("[regeling]", "[kop]", "[regeling] ontbreekt"),
        ('eenheid = "huishoudens"\nwaarde = 1300\nbron = "raadsvoorstel 2018 §3.4 punt 2"',
         'eenheid = "euro"\nwaarde = 1300\nbron = "raadsvoorstel 2018 §3.4 punt 2"', "eenheid 'euro'"),
        ("waarde = 2600", "waarde = 9600", "tellen op tot"),
    ],
)
def test_kapot_parameterbestand_wordt_geweigerd(tmp_path: Path, oud: str, nieuw: str, melding: str) -> None:
    with pytest.raises(RegelingFout, match=melding.replace("[", r"\[").replace("]", r"\]")):
        regeling.laad_bestand(_kapot(tmp_path, oud, nieuw))


@pytest.mark.parametrize(
    ("oud", "nieuw", "melding"),
    [
        # A typo no longer falls back to the regeling's own period: the file and the key are named.
        ("geldig_vanaf = 2018-01-01", "geldig_vanf = 2018-01-01",
         "kapot.toml: [regeling] heeft een onbekende sleutel 'geldig_vanf'; bedoelt u 'geldig_vanaf'?"),
        ('omschrijving = "Onderdeel activiteiten (handgeld)"\neenheid = "euro"\nwaarde = 500',
         'omschrijving = "Onderdeel activiteiten (handgeld)"\neenheid = "euro"\nwaarde = 500\ngeldig_tott = 2018-06-30',
         "kapot.toml: parameter 'basissubsidie.activiteiten' heeft een onbekende sleutel 'geldig_tott'; "
         "bedoelt u 'geldig_tot'?"),
        (
            'vervangt = "2017-2018"', 'vervangt = "2017-2018"\nopmerking = "x"',
            "onbekende sleutel 'opmerking'; toegestaan: naam",
        ),
        ('vervangt = "2017-2018"', "vervangt = 2017", "vervangt hoort de naam van een regeling te zijn"),
    ],
)
def test_onbekende_sleutel_wordt_geweigerd_met_bestand_en_sleutel(
    tmp_path: Path, oud: str, nieuw: str, melding: str
) -> None:
    with pytest.raises(RegelingFout) as fout:
        regeling.laad_bestand(_kapot(tmp_path, oud, nieuw))
    assert melding in str(fout.value)


def test_vervangt_en_ingetrokken_door_wijzen_naar_elkaar() -> None:
    nieuw, oud = regeling.laad(regeling.STANDAARD), regeling.laad(regeling.BASISLIJN)
    assert (nieuw.vervangt, oud.ingetrokken_door) == ("2017-2018", "2018")
    assert (nieuw.ingetrokken_door, oud.vervangt) == (None, None)


def test_geen_toml_geeft_nederlandse_fout(tmp_path: Path) -> None:
    pad = tmp_path / "x.toml"
    pad.write_text("dit is = = geen toml", encoding="utf-8")
    with pytest.raises(RegelingFout, match="geen geldig TOML-bestand"):
        regeling.laad_bestand(pad)


def test_ontbrekend_bestand_geeft_nederlandse_fout(tmp_path: Path) -> None:
    with pytest.raises(RegelingFout, match="kan het parameterbestand niet lezen"):
        regeling.laad_bestand(tmp_path / "bestaat-niet.toml")


def test_met_waarden_verandert_alleen_de_kopie() -> None:
    r = regeling.laad("2018")
    anders = r.met_waarden({"toeslag.drempel_huishoudens": 1400})
    assert anders.waarde("toeslag.drempel_huishoudens") == Decimal("1400")
    assert r.waarde("toeslag.drempel_huishoudens") == Decimal("1300")


def test_met_waarden_controleert_de_nieuwe_waarde() -> None:
    with pytest.raises(RegelingFout, match="boven het maximum"):
        regeling.laad("2018").met_waarden({"basissubsidie.minimum": 6000})
