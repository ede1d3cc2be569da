"""The command line in-process (click's runner): Dutch help, usage errors, tables, CSV guard.

The end-to-end tests through the installed console script are in test_cli_e2e.py.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from importlib.metadata import version

import pytest
from click.testing import CliRunner

from buurtxl import cli, regeling, regels
from buurtxl.cli.uitvoer_csv import cel, onschadelijk
from buurtxl.invoer import lezen
from buurtxl.regeling import voorbeeld

OPDRACHTEN = ("build", "template", "check", "bereken", "impact")
VOORBEELD = str(voorbeeld.pad())


def _run(*args: str):
    return CliRunner().invoke(cli.buurtxl, list(args), prog_name="buurtxl")


def _euro(tekst: str) -> Decimal:
    """'€ 1.234,56' → Decimal('1234.56')."""
    return Decimal(tekst.replace("€", "").strip().replace(".", "").replace(",", "."))


# Help and usage -------------------------------------------------------------------------------

@pytest.mark.parametrize("opdracht", OPDRACHTEN)
def test_hulp_per_opdracht_is_nederlands_met_voorbeeld(opdracht):
    uit = _run(opdracht, "--help")
    assert uit.exit_code == 0
    assert uit.stdout.startswith(f"Gebruik: buurtxl {opdracht} [OPTIES]")
    assert "Opties:" in uit.stdout and "Toon deze hulp en stop." in uit.stdout
    voorbeelden = uit.stdout.split("Voorbeelden:", 1)[1]
    assert f"buurtxl {opdracht}" in voorbeelden
    assert not re.search(r"Usage|Options|Show this message", uit.stdout)


def test_hoofdhulp_noemt_alle_opdrachten_en_uitgangscodes():
    uit = _run("--help")
    assert "Opdrachten:" in uit.stdout and "Uitgangscodes" in uit.stdout
    assert all(o in uit.stdout for o in OPDRACHTEN)


def test_versie():
    uit = _run("--version")
    assert uit.exit_code == 0 and uit.stdout.strip() == f"buurtxl, versie {version('buurtxl')}"


def test_onbekende_optie_geeft_code_2_in_het_nederlands():
    uit = _run("bereken", "--xyz", VOORBEELD)
    assert uit.exit_code == 2
    assert "onbekende optie '--xyz'" in uit.stderr and "buurtxl bereken --help" in uit.stderr
    assert "Error" not in uit.stderr


def test_onbekende_opdracht_stelt_de_goede_voor():
    uit = _run("bild")
    assert uit.exit_code == 2 and "'build'" in uit.stderr


def test_ontbrekend_argument_geeft_code_2():
    uit = _run("update")
    assert uit.exit_code == 2 and "'WERKMAP' ontbreekt" in uit.stderr


@pytest.mark.parametrize("opdracht", ["check", "bereken", "impact"])
def test_zonder_invoer_het_voorbeeld_met_kanttekeningen(opdracht):
    uit = _run(opdracht)
    assert uit.exit_code == 0
    assert "Fictief:" in uit.stderr  # the example's made-up values are always said
    met_pad = _run(opdracht, VOORBEELD)
    assert uit.stdout == met_pad.stdout


def test_ongeldige_keuze_noemt_de_keuzes():
    uit = _run("build", "--formules", "vba")
    assert uit.exit_code == 2
    assert "'vba'" in uit.stderr and "'native'" in uit.stderr and "'udf'" in uit.stderr


def test_onbekende_regeling_geeft_code_2():
    uit = _run("check", VOORBEELD, "--regeling", "2019")
    assert uit.exit_code == 2 and "'2019'" in uit.stderr


# check ----------------------------------------------------------------------------------------

def test_check_schone_invoer_code_0():
    uit = _run("check", VOORBEELD)
    assert uit.exit_code == 0 and "30 aanvragen" in uit.stderr


def test_check_meldt_elk_probleem_en_geeft_code_1(tmp_path):
    pad = tmp_path / "a.csv"
    pad.write_text("buurt,huishoudens,buurtscore\nWyck,veel,68\nHeer,2120,101\n", encoding="utf-8")
    uit = _run("check", str(pad))
    assert uit.exit_code == 1
    assert "a.csv, rij 2, kolom 'huishoudens'" in uit.stdout
    assert "a.csv, rij 3, kolom 'buurtscore'" in uit.stdout
    assert "Traceback" not in uit.output


def test_stil_verbergt_waarschuwingen_maar_niet_de_uitkomst(tmp_path):
    pad = tmp_path / "a.csv"
    pad.write_text(
        "buurt,huishoudens,buurtscore,supplement_aangevraagd,kleur\nWyck,3685,40,3500,rood\n", encoding="utf-8"
    )
    luid = _run("bereken", str(pad), "--csv")
    stil = _run("bereken", str(pad), "--csv", "--quiet")
    assert "Waarschuwing" in luid.stderr and stil.stderr == ""
    assert stil.exit_code == 0 and stil.stdout == luid.stdout


# bereken and impact ---------------------------------------------------------------------------

def test_bereken_tabel_totaal_gelijk_aan_de_kern():
    r = regeling.laad("2018")
    begroting = regels.begroting(r, [regels.bereken(r, a) for a in lezen.lees(VOORBEELD, r).aanvragen])
    uit = _run("bereken", VOORBEELD)
    assert uit.exit_code == 0
    [totaal] = [regel for regel in uit.stdout.splitlines() if regel.strip().startswith("Totaal:")]
    assert _euro(totaal.split(":", 1)[1]) == begroting.totaal
    assert begroting.toelichting in uit.stdout


def test_bereken_toont_elke_buurt():
    r = regeling.laad("2018")
    uit = _run("bereken", VOORBEELD)
    assert all(a.buurt in uit.stdout for a in lezen.lees(VOORBEELD, r).aanvragen)


def test_bereken_redenen_citeren_het_besluit():
    uit = _run("bereken", VOORBEELD, "--redenen")
    assert "(§3.4 punt 1)" in uit.stdout and "(§3.4 punt 2)" in uit.stdout and "(§3.4 punt 3)" in uit.stdout


def test_bereken_csv_stil_schrijft_niets_naar_stderr():
    uit = _run("bereken", VOORBEELD, "--csv", "--quiet")
    assert uit.exit_code == 0 and uit.stderr == ""
    assert len(list(csv.DictReader(io.StringIO(uit.stdout)))) == 30


def test_bereken_csv_beschermt_tegen_formules(tmp_path):
    pad = tmp_path / "a.csv"
    pad.write_text('buurt,buurtcode,huishoudens\n"=HYPERLINK(""http://x"")",@BU1,900\n', encoding="utf-8")
    uit = _run("bereken", str(pad), "--csv")
    [rij] = list(csv.DictReader(io.StringIO(uit.stdout)))
    assert rij["buurt"] == "'=HYPERLINK(\"http://x\")"
    assert rij["buurtcode"] == "'@BU1"


def test_impact_voettotalen_zijn_de_som_van_de_rijen():
    uit = _run("impact", VOORBEELD)
    assert uit.exit_code == 0
    regels = uit.stdout.splitlines()
    rijen = [
        re.findall(r"€ [\d.]+,\d\d", r) for r in regels if re.match(r"\s+\S", r) and not r.strip().startswith("Totaal")
    ]
    rijen = [r for r in rijen if len(r) == 3]
    [voet] = [re.findall(r"€ [\d.]+,\d\d", r) for r in regels if r.strip().startswith("Totaal ")]
    assert len(rijen) == 30
    for kolom in range(3):
        assert _euro(voet[kolom]) == sum(_euro(r[kolom]) for r in rijen)


def test_impact_tegen_raming_en_reservering_van_paragraaf_8():
    uit = _run("impact", VOORBEELD)
    assert "Raming §8: € 40.000,00" in uit.stdout and "Reservering §8: € 60.000,00" in uit.stdout


# template -------------------------------------------------------------------------------------

def test_template_standaardnaam_krijgt_een_volgnummer(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _run("template").exit_code == 0
    uit = _run("template")
    assert uit.exit_code == 0 and "aanvraag_2018_2.xlsx" in uit.stdout
    assert (tmp_path / "aanvraag_2018.xlsx").exists() and (tmp_path / "aanvraag_2018_2.xlsx").exists()


def test_template_expliciete_bestaande_naam_vraagt_force(tmp_path):
    doel = tmp_path / "form.xlsx"
    doel.write_bytes(b"van iemand anders")
    uit = _run("template", "-o", str(doel))
    assert uit.exit_code == 2 and "--force" in uit.stderr
    assert doel.read_bytes() == b"van iemand anders"
    assert _run("template", "-o", str(doel), "--force").exit_code == 0
    assert doel.read_bytes()[:2] == b"PK"


# CSV cells ------------------------------------------------------------------------------------

@pytest.mark.parametrize("tekst", ["=1+1", "+31", "-2", "@SOM(A1)", "\t=1", "\r=1"])
def test_csv_tekst_die_een_formule_kan_zijn_krijgt_een_apostrof(tekst):
    assert onschadelijk(tekst) == "'" + tekst


def test_csv_gewone_tekst_blijft_gelijk():
    assert onschadelijk("Sint Pieter") == "Sint Pieter"


def test_csv_bedrag_als_kaal_getal():
    assert cel(Decimal("1234.50")) == "1234.50" and cel(Decimal("1E+2")) == "100"


def test_csv_lege_waarde_is_leeg():
    assert cel(None) == ""


def test_bereken_2017_2018_toont_geen_budgetstatus(tmp_path):
    pad = tmp_path / "a.csv"
    pad.write_text("buurt,huishoudens,buurtscore\nWyck,3685,62\nMalberg,2695,50.2\n", encoding="utf-8")
    uit = _run("bereken", str(pad), "--regeling", "2017-2018")
    assert uit.exit_code == 0, uit.output
    assert "Reservering" not in uit.stdout and "binnen plan" not in uit.stdout.lower()
    assert "kent geen budget" in uit.stdout


def test_bereken_telt_onbekende_buurtscore_als_onzeker(tmp_path):
    pad = tmp_path / "a.csv"
    pad.write_text("buurt,huishoudens,buurtscore\nWyck,900,\nMalberg,900,62\n", encoding="utf-8")
    uit = _run("bereken", str(pad))
    [regel] = [r for r in uit.stdout.splitlines() if "Onzeker (gegevens ontbreken)" in r]
    assert _euro(regel.split(":", 1)[1].split("hoogstens")[0]) == Decimal("3000.00")
    assert "onzeker € 3.000,00" in uit.stdout  # the status is judged on it


def test_impact_2017_2018_zonder_paragraaf_8(tmp_path):
    pad = tmp_path / "a.csv"
    pad.write_text("buurt,huishoudens,buurtscore\nWyck,900,62\n", encoding="utf-8")
    uit = _run("impact", str(pad), "--regeling", "2017-2018", "--basislijn", "2018")
    assert uit.exit_code == 0, uit.output
    assert "Reservering §8" not in uit.stdout and "Raming §8" not in uit.stdout


@pytest.mark.parametrize("args, melding", [
    (["--basislijn", "2018"],
     "ongeldige waarde voor '--basislijn': 2018 is de regeling zelf (--regeling 2018); een vergelijking met "
     "zichzelf geeft altijd € 0,00 verschil. Kies een andere regeling: --basislijn 2017-2018"),
    (["--regeling", "2017-2018", "--basislijn", "2017-2018"],
     "ongeldige waarde voor '--basislijn': 2017-2018 is de regeling zelf (--regeling 2017-2018)"),
    # 2017-2018 replaces nothing: without --basislijn it would be compared with itself.
    (["--regeling", "2017-2018"], "regeling 2017-2018 vervangt geen andere regeling, dus er is niets om mee te "
     "vergelijken; geef --basislijn 2018 op, of kies de nieuwe regeling met --regeling 2018"),
])
def test_impact_vergelijkt_een_regeling_niet_met_zichzelf(tmp_path, args, melding):
    pad = tmp_path / "a.csv"
    pad.write_text("buurt,huishoudens,buurtscore\nWyck,900,62\n", encoding="utf-8")
    uit = _run("impact", str(pad), *args)
    assert uit.exit_code == 2 and uit.stdout == ""
    assert uit.stderr.startswith(f"Fout: {melding}")
    assert "Zie 'buurtxl impact --help' voor hulp." in uit.stderr


def test_impact_standaard_tegen_de_vervangen_regeling():
    uit = _run("impact", VOORBEELD)
    assert uit.exit_code == 0 and "Impact 2018 tegenover 2017-2018" in uit.stdout
