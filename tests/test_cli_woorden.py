"""What the command line says, word for word: singular and plural, help texts, the README's claims."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from buurtxl import cli
from buurtxl.opmaak import aantal
from buurtxl.regeling import voorbeeld

README = Path(__file__).resolve().parents[1] / "README.md"


def _run(*args: str):
    return CliRunner().invoke(cli.buurtxl, list(args), prog_name="buurtxl")


def _csv(tmp_path: Path, *rijen: str) -> str:
    pad = tmp_path / "a.csv"
    pad.write_text("\n".join(["buurt,huishoudens,buurtscore,soort_groep", *rijen]) + "\n", encoding="utf-8")
    return str(pad)


@pytest.mark.parametrize("n, verwacht", [
    (0, "0 aanvragen"), (1, "1 aanvraag"), (2, "2 aanvragen"), (1300, "1.300 aanvragen"),
])
def test_aantal_kiest_enkelvoud_of_meervoud(n: int, verwacht: str) -> None:
    assert aantal(n, "aanvraag", "aanvragen") == verwacht


def test_check_met_een_aanvraag_is_enkelvoud(tmp_path: Path) -> None:
    uit = _run("check", _csv(tmp_path, "Wyck,900,62,"))
    assert uit.exit_code == 0
    assert uit.stderr.strip() == "Geen fouten: 1 aanvraag gelezen, 0 waarschuwingen."


def test_check_met_een_fout_en_een_waarschuwing(tmp_path: Path) -> None:
    pad = tmp_path / "a.csv"
    pad.write_text("buurt,huishoudens,kleur\nWyck,veel,rood\n", encoding="utf-8")
    uit = _run("check", str(pad))
    assert uit.exit_code == 1
    assert uit.stdout.splitlines()[-1] == "1 fout, 1 waarschuwing."


def test_bereken_een_buurtnetwerk_en_de_groepen_in_enkelvoud(tmp_path: Path) -> None:
    uit = _run("bereken", _csv(tmp_path, "Wyck,900,62,voormalig buurtplatform",
                               "Malberg,900,62,nieuwe bewonersgroep"))
    assert uit.exit_code == 0, uit.output
    assert "Regeling 2018: 2 buurtnetwerken i.o." in uit.stdout
    assert "Groepen: 1 voormalig buurtplatform, 1 nieuwe bewonersgroep;" in uit.stdout
    een = _run("bereken", _csv(tmp_path, "Wyck,900,62,"))
    assert "Regeling 2018: 1 buurtnetwerk i.o." in een.stdout


def test_bereken_voorbeeld_23_voormalige_en_7_nieuwe_groepen() -> None:
    # The decision (§3.1) counts 23 former buurtplatforms and 7 new groups; the example follows it.
    uit = _run("bereken", str(voorbeeld.pad()))
    assert "Regeling 2018: 30 buurtnetwerken i.o." in uit.stdout
    assert "Groepen: 23 voormalige buurtplatforms, 7 nieuwe bewonersgroepen;" in uit.stdout


def test_geen_meervoud_tussen_haakjes_in_wat_check_zegt(tmp_path: Path) -> None:
    uit = _run("check", _csv(tmp_path, "Wyck,900,62,", "Malberg,800,50,"))
    assert "Geen fouten: 2 aanvragen gelezen, 0 waarschuwingen." in uit.stderr
    assert "(en)" not in uit.output


def _hulp(opdracht: str) -> str:
    uit = _run(opdracht, "--help")
    assert uit.exit_code == 0
    return " ".join(uit.stdout.split())  # click wraps the text; compare it as one line


def test_build_hulp_noemt_het_voorbeeld_een_keer() -> None:
    hulp = _hulp("build")
    assert hulp.count("Zonder INVOER") == 1
    assert "Zonder INVOER: het ingebouwde Maastrichtse voorbeeld, met een vrije standaardnaam" in hulp


def test_elke_hulp_zegt_uitgangscode() -> None:
    hulpen = {o: _hulp(o) for o in cli.buurtxl.commands}
    assert "(uitgangscode 2)" in hulpen["update"]
    assert not [o for o, h in hulpen.items() if "afsluitcode" in h]


def test_readme_zegt_welke_opdrachten_regeling_en_quiet_hebben() -> None:
    tekst = README.read_text(encoding="utf-8")
    sectie = " ".join(tekst.split("<!-- cli:begin")[1].split("<!-- cli:end")[0].split())

    def opties(opdracht: click.Command) -> set[str]:
        return {o for p in opdracht.params for o in getattr(p, "opts", [])}

    zonder = {naam for naam, o in cli.buurtxl.commands.items() if not {"--regeling", "--quiet"} <= opties(o)}
    assert zonder == {"serve"}
    assert "elke opdracht behalve `serve`" in sectie and "`--regeling 2018|2017-2018` en `--quiet`" in sectie
    # Every command is in the README's table.
    assert set(re.findall(r"\| `buurtxl (\w+)", sectie)) == set(cli.buurtxl.commands)
