"""herberekenen: the LibreOffice run behind the workbook tests, checked with a stand-in `soffice`."""

from __future__ import annotations

import os
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from buurtxl import herberekenen

# A stand-in for LibreOffice: keeps a copy of the profile it was given and "converts" each file.
NEP_SOFFICE = r"""#!/bin/sh
for arg in "$@"; do
  case "$arg" in
    -env:UserInstallation=file://*) profiel="${arg#-env:UserInstallation=file://}" ;;
  esac
done
cp "$profiel/user/registrymodifications.xcu" "$BUURTXL_TEST_PROFIEL"
printf '%s\n' "$@" > "$BUURTXL_TEST_ARGS"
[ -n "$BUURTXL_TEST_SLAAP" ] && sleep "$BUURTXL_TEST_SLAAP"
while [ $# -gt 0 ]; do
  if [ "$1" = "--outdir" ]; then uit="$2"; shift; fi
  case "$1" in *.xlsx) naam=$(basename "$1"); cp "$1" "$uit/$naam" ;; esac
  shift
done
"""


@pytest.fixture
def nep_soffice(tmp_path, monkeypatch) -> Path:
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    programma = bin_ / "soffice"
    programma.write_text(NEP_SOFFICE)
    programma.chmod(programma.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("BUURTXL_TEST_PROFIEL", str(tmp_path / "profiel.xcu"))
    monkeypatch.setenv("BUURTXL_TEST_ARGS", str(tmp_path / "args.txt"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "werkmap.xlsx").write_bytes(b"PK")
    return tmp_path


def _instellingen(profiel: Path) -> dict[str, str]:
    ns = {"oor": "http://openoffice.org/2001/registry"}
    root = ET.parse(profiel).getroot()
    return {
        f"{item.get('{' + ns['oor'] + '}path')}/{prop.get('{' + ns['oor'] + '}name')}": prop.find("value").text
        for item in root for prop in item
    }


def test_profiel_herberekent_altijd_bij_openen_en_draait_geen_macros(nep_soffice):
    herberekenen.herbereken(nep_soffice / "in" / "werkmap.xlsx", nep_soffice / "uit.xlsx")
    instellingen = _instellingen(nep_soffice / "profiel.xcu")
    assert instellingen["/org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode"] == "0"
    assert instellingen["/org.openoffice.Office.Common/Security/Scripting/DisableMacrosExecution"] == "true"
    assert instellingen["/org.openoffice.Office.Common/Security/Scripting/MacroSecurityLevel"] == "3"


def test_herberekende_kopie_komt_op_de_gevraagde_plaats_en_het_origineel_blijft(nep_soffice):
    doel = herberekenen.herbereken(nep_soffice / "in" / "werkmap.xlsx", nep_soffice / "uit.xlsx")
    assert doel == nep_soffice / "uit.xlsx" and doel.exists()
    assert (nep_soffice / "in" / "werkmap.xlsx").exists()


def test_elke_run_krijgt_een_eigen_wegwerpprofiel(nep_soffice):
    herberekenen.herbereken(nep_soffice / "in" / "werkmap.xlsx", nep_soffice / "a.xlsx")
    eerste = [a for a in (nep_soffice / "args.txt").read_text().split("\n") if "UserInstallation" in a]
    herberekenen.herbereken(nep_soffice / "in" / "werkmap.xlsx", nep_soffice / "b.xlsx")
    tweede = [a for a in (nep_soffice / "args.txt").read_text().split("\n") if "UserInstallation" in a]
    assert eerste != tweede
    assert not Path(eerste[0].split("file://", 1)[1]).exists()  # thrown away after the run


def test_te_trage_libreoffice_wordt_gestopt_met_nederlandse_melding(nep_soffice, monkeypatch):
    monkeypatch.setenv("BUURTXL_TEST_SLAAP", "30")
    with pytest.raises(herberekenen.HerberekenFout, match="reageerde niet binnen 1 seconden"):
        herberekenen.herbereken(nep_soffice / "in" / "werkmap.xlsx", timeout=1)


def test_ontbrekende_libreoffice_geeft_nederlandse_melding(tmp_path, monkeypatch):
    monkeypatch.setattr(herberekenen, "soffice", lambda: None)
    with pytest.raises(herberekenen.HerberekenFout, match="LibreOffice \\(soffice\\) is niet gevonden"):
        herberekenen.herbereken(tmp_path / "werkmap.xlsx")


def test_ontbrekende_libreoffice_laat_de_werkmaptests_falen_in_ci(monkeypatch):
    from test_werkmap_herberekend import vereis_libreoffice

    monkeypatch.setattr(herberekenen, "soffice", lambda: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="LibreOffice"):
        vereis_libreoffice()
