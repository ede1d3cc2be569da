"""`update`, `check` and `bereken` on real workbooks saved by Excel (tests/echte_werkmappen.py, issue 21).

Over the whole corpus: no traceback and no English reaches the user, every part `update` does not
own stays byte-identical, the user's styles stay first and no built-in style appears twice. Then the
cases one by one: protected structure, Strict Open XML, chart/dialog/macro sheets before the data, a
verification result openpyxl cannot read.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

import echte_werkmappen as echt
import excel_strikt
import pakketten
from buurtxl import herberekenen, regeling
from buurtxl.invoer import lezen
from buurtxl.pakket import bijwerken
from rekenmotor import vereis_libreoffice
from test_corpus import draai

R = regeling.laad("2018")

INVOER = echt.INVOER
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
BEVEILIGD = {"structuur_beveiligd.xlsx", "structuur_beveiligd_wachtwoord.xlsx", "mac_structuur_beveiligd.xlsx"}
STRICT = {"strict.xlsx", "strict_meer_bladen.xlsx"}
# Words of English that would betray a library's message; names in quotes are left out first.
ENGELS = re.compile(
    r"\b(?:the|not|and|will|removed|supported|expected|object|attribute|warning|error|invalid|file|extension|"
    r"unknown|UserWarning)\b|list index|out of range|has no", re.IGNORECASE
)


def _geen_engels(tekst: str) -> None:
    assert "Traceback" not in tekst and "site-packages" not in tekst, tekst
    zonder_namen = re.sub(r"'[^'\n]*'|\S+\.xls[xm]\b|\S+\.backup-\S+", "", tekst)
    gevonden = ENGELS.findall(zonder_namen)
    assert not gevonden, (gevonden, tekst)


def _kopie(werkmap: echt.Werkmap, map_: Path) -> Path:
    return Path(shutil.copyfile(werkmap.bestand, map_ / werkmap.naam))


def _met_afhankelijke_formule(pad: Path, kenmerk: bytes = b"<sheetData") -> None:
    """Give the first worksheet holding `kenmerk` a formula that uses a name of buurtxl (one row
    below its last), so that `update` has a value of the user's to verify with LibreOffice."""
    with zipfile.ZipFile(pad) as zf:
        delen = {i.filename: zf.read(i) for i in zf.infolist()}
    deel = next(n for n, d in sorted(delen.items(), key=lambda x: (len(x[0]), x[0]))
                if n.startswith("xl/worksheets/sheet") and kenmerk in d)
    data = delen[deel]
    rij = max((int(r) for r in re.findall(rb'<row r="(\d+)"', data)), default=0) + 1
    cel = f'<row r="{rij}"><c r="A{rij}"><f>Begroting_Totaal</f></c></row>'.encode()
    data = data.replace(b"<sheetData/>", b"<sheetData></sheetData>").replace(b"</sheetData>", cel + b"</sheetData>", 1)
    assert cel in data, deel
    delen[deel] = data
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as zf:
        for naam, inhoud in delen.items():
            zf.writestr(naam, inhoud)


def _invoer(map_: Path) -> Path:
    pad = map_ / "aanvragen.csv"
    pad.write_text(INVOER, encoding="utf-8")
    return pad


def _ingebouwde_stijlen(styles: bytes) -> list[tuple[str, str]]:
    boom = etree.fromstring(styles)
    return [(e.get("builtinId", ""), e.get("iLevel", "")) for e in boom.iter(f"{{{MAIN}}}cellStyle")
            if e.get("builtinId") is not None]


# -- the corpus itself -----------------------------------------------------------------------------

def test_elke_werkmap_is_het_origineel_met_bron_en_licentie() -> None:
    genoemd = {w.naam for w in echt.WERKMAPPEN}
    aanwezig = {p.name for p in echt.MAP.iterdir() if p.suffix in (".xlsx", ".xlsm")}
    assert aanwezig - genoemd == set(echt.GEMAAKT), "een bestand in tests/echt/ zonder bron"
    for w in echt.WERKMAPPEN:
        assert echt.blob_id(w.bestand.read_bytes()) == w.blob, f"{w.naam} is niet meer het origineel"
        assert w.licentie in ("MIT", "Apache-2.0")
        assert re.fullmatch(r"[0-9a-f]{40}", w.commit)
    assert sum(p.stat().st_size for p in echt.MAP.iterdir()) < 3 << 20  # a few MB at most


def test_bronnen_md_is_actueel() -> None:
    assert (echt.MAP / "BRONNEN.md").read_text(encoding="utf-8") == echt.bronnen_md(), (
        "tests/echt/BRONNEN.md loopt achter: draai python tests/echte_werkmappen.py")


# -- update over the corpus ------------------------------------------------------------------------

@pytest.mark.parametrize("werkmap", [w for w in echt.WERKMAPPEN if w.naam not in STRICT], ids=lambda w: w.naam)
def test_update_laat_alles_van_de_gebruiker_staan(werkmap: echt.Werkmap, tmp_path: Path) -> None:
    pad = _kopie(werkmap, tmp_path)
    voor = pakketten.delen(pad)
    al_zo = excel_strikt.overtredingen(pad)  # what the user's own file already has (Excel saved it)
    extra = ["--ondanks-beveiliging"] if werkmap.naam in BEVEILIGD else []
    r = draai("update", pad.name, "aanvragen.csv", "--zonder-libreoffice", *extra, cwd=_invoer(tmp_path).parent)
    _geen_engels(r.stdout + r.stderr)
    assert r.returncode == 0, r.stderr
    na = pakketten.delen(pad)
    assert pakketten.veranderd(voor, na, mag_weg={"xl/calcChain.xml"}) == []  # Excel rebuilds it
    assert pakketten.stijlen_vooraan(voor["xl/styles.xml"], na["xl/styles.xml"]) == []
    stijlen = _ingebouwde_stijlen(na["xl/styles.xml"])
    assert len(stijlen) == len(set(stijlen)), f"dubbele ingebouwde stijl: {stijlen}"
    assert set(stijlen) == set(_ingebouwde_stijlen(voor["xl/styles.xml"])) | {("0", "")}
    assert [o for o in excel_strikt.overtredingen(pad) if o not in al_zo] == []


@pytest.mark.parametrize("werkmap", echt.WERKMAPPEN, ids=lambda w: w.naam)
def test_check_zegt_alles_in_het_nederlands(werkmap: echt.Werkmap, tmp_path: Path) -> None:
    pad = _kopie(werkmap, tmp_path)
    r = draai("check", pad.name, cwd=tmp_path)
    _geen_engels(r.stdout + r.stderr)
    assert r.returncode in (0, 1)
    assert "Fout:" in r.stdout + r.stderr or r.returncode == 0


# -- protected structure -----------------------------------------------------------------------------

@pytest.mark.parametrize("naam", sorted(BEVEILIGD))
def test_beveiligde_structuur_wordt_geweigerd_met_uitleg(naam: str, tmp_path: Path) -> None:
    pad = _kopie(echt.per_naam(naam), tmp_path)
    voor = pad.read_bytes()
    r = draai("update", pad.name, "aanvragen.csv", "--zonder-libreoffice", cwd=_invoer(tmp_path).parent)
    assert r.returncode == 1
    melding = r.stdout + r.stderr
    _geen_engels(melding)
    assert "Controleren › Werkmap beveiligen" in melding and "--ondanks-beveiliging" in melding, melding
    assert pad.read_bytes() == voor
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aanvragen.csv", naam]  # no backup left


# -- Strict Open XML -------------------------------------------------------------------------------

def test_strict_check_en_update_zeggen_hetzelfde(tmp_path: Path) -> None:
    pad = _kopie(echt.per_naam("strict.xlsx"), tmp_path)
    check = draai("check", pad.name, cwd=tmp_path)
    update = draai("update", pad.name, "aanvragen.csv", cwd=_invoer(tmp_path).parent)
    for r in (check, update):
        _geen_engels(r.stdout + r.stderr)
        assert "Strict Open XML" in r.stdout + r.stderr, r.stdout + r.stderr
    assert update.returncode == 1
    assert "Excel-werkmap (.xlsx)" in update.stderr + update.stdout


# -- chart, dialog and macro sheets ------------------------------------------------------------------

@pytest.mark.parametrize("naam", ["grafiekblad.xlsx", "dialoog_macroblad.xlsm", "xlm_macroblad.xlsm",
                                  "dialoogblad.xlsx"])
def test_gegevens_naast_grafiek_dialoog_en_macrobladen(naam: str, tmp_path: Path) -> None:
    pad = echt.met_aanvragen(echt.per_naam(naam), tmp_path, INVOER)
    check = draai("check", pad.name, cwd=tmp_path)
    _geen_engels(check.stdout + check.stderr)
    assert check.returncode == 0, check.stdout + check.stderr
    bereken = draai("bereken", pad.name, "--csv", cwd=tmp_path)
    assert [r["buurt"] for r in csv.DictReader(io.StringIO(bereken.stdout))] == ["Binnenstad", "Wyckerpoort"]


# -- the verification step ---------------------------------------------------------------------------

def _aanvragen(map_: Path):
    gelezen = lezen.lees(_invoer(map_), R)
    assert gelezen.ok
    return gelezen.aanvragen


def test_controle_leest_wat_libreoffice_schrijft_ook_als_openpyxl_het_niet_kan(tmp_path: Path) -> None:
    """Excel for Mac's merged whole column B1:B1048576 comes back from LibreOffice as B:B."""
    vereis_libreoffice()
    pad = _kopie(echt.per_naam("mac_zeer_verborgen_extern.xlsx"), tmp_path)
    [omgezet] = herberekenen.converteer([pad], tmp_path / "lo")
    with pytest.raises(TypeError):  # what made update end in a traceback
        openpyxl.load_workbook(omgezet, data_only=True)
    # LibreOffice verifies only sheets whose values can change: make it the one with the whole column.
    _met_afhankelijke_formule(pad, b'mergeCell ref="B1:B1048576"')
    voor = pakketten.delen(pad)
    meldingen: list[str] = []
    uitkomst = bijwerken.bijwerken(pad, _aanvragen(tmp_path), R, meld=meldingen.append)
    assert uitkomst.herberekend
    assert any(m.startswith("LibreOffice rekent ter controle na:") for m in meldingen), meldingen
    assert pakketten.veranderd(voor, pakketten.delen(pad), mag_weg={"xl/calcChain.xml"}) == []


def test_onleesbare_uitkomst_van_de_controle_laat_de_werkmap_staan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def kapot(paden, map_, naar="xlsx", **_):
        Path(map_).mkdir(parents=True, exist_ok=True)
        uit = [Path(map_) / f"{Path(p).stem}.xlsx" for p in paden]
        for p in uit:
            p.write_bytes(b"PK\x03\x04 half geschreven")
        return uit

    monkeypatch.setattr(herberekenen, "soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(herberekenen, "converteer", kapot)
    pad = _kopie(echt.per_naam("standaard_nl.xlsx"), tmp_path)
    _met_afhankelijke_formule(pad)  # otherwise no value can change and LibreOffice is not asked
    voor = pad.read_bytes()
    aanvragen = _aanvragen(tmp_path)
    with pytest.raises(bijwerken.BijwerkFout) as fout:
        bijwerken.bijwerken(pad, aanvragen, R)
    melding = str(fout.value)
    _geen_engels(melding.split("(")[0] + melding.split(")")[-1])
    assert "de controle met LibreOffice is mislukt" in melding and "--zonder-libreoffice" in melding, melding
    assert "niet veranderd" in melding
    assert pad.read_bytes() == voor
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aanvragen.csv", "standaard_nl.xlsx"]


@pytest.mark.parametrize("ref", ["H:H", "H1:H1048576"])
def test_samengevoegde_hele_kolom_naast_de_aanvragen(ref: str, tmp_path: Path) -> None:
    """LibreOffice writes a merged whole column as H:H, Excel for Mac as H1:H1048576: read like any merge."""
    pad = echt.met_aanvragen(echt.per_naam("standaard_nl.xlsx"), tmp_path, INVOER)
    delen = pakketten.delen(pad)
    blad = delen["xl/worksheets/aanvragen.xml"]
    delen["xl/worksheets/aanvragen.xml"] = blad.replace(
        b"</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'.encode())
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as zf:
        for naam, data in delen.items():
            zf.writestr(naam, data)
    gelezen = lezen.lees(pad, R, blad="Aanvragen")
    assert gelezen.ok, [str(p) for p in gelezen.problemen]
    assert [a.buurt for a in gelezen.aanvragen] == ["Binnenstad", "Wyckerpoort"]
