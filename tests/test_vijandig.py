"""Issue 24, items 1–13: hostile files on every path, tracebacks and silence, faults.

Every hostile file is generated here (`vijandig`), never stored. Commands run as the user runs
them (the installed `buurtxl`); peak memory and time of the costly cases are measured with
`/usr/bin/time -v` (bench/vijandige_invoer.py measures every command on every hostile input).
"""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from click.testing import CliRunner

import corpus
import vijandig
import werkmappen
from buurtxl import herberekenen, model, osfouten, restanten, slot, velden
from buurtxl.cli import buurtxl
from buurtxl.invoer import lezen, werkblad
from buurtxl.pakket import bijwerken
from test_corpus import buurtxl_pad

TIJD = "/usr/bin/time"
MAX_MB, MAX_SECONDEN = 300, 5.0


def _draai(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    omgeving = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
    return subprocess.run([buurtxl_pad(), *args], capture_output=True, text=True, encoding="utf-8",
                          cwd=cwd, env=omgeving, timeout=timeout)


def _gemeten(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """The command under `/usr/bin/time -v`: (result without time's report, seconds, peak MB)."""
    r = subprocess.run([TIJD, "-v", buurtxl_pad(), *args], capture_output=True, text=True, encoding="utf-8",
                       cwd=cwd, env=_omgeving(), timeout=120)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    klok = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    assert rss and klok, r.stderr[-2000:]
    seconden = int(klok.group(1) or 0) * 3600 + int(klok.group(2)) * 60 + float(klok.group(3))
    fout = r.stderr[: r.stderr.find("\tCommand being timed")]
    return subprocess.CompletedProcess(r.args, r.returncode, r.stdout, fout), seconden, int(rss.group(1)) / 1024


def _nederlands(r: subprocess.CompletedProcess[str], *verwacht: str) -> None:
    uitvoer = r.stdout + r.stderr
    assert "Traceback" not in uitvoer, uitvoer
    for engels in ("Error", "error:", "File exists", "list index", "not a zip", "Unable to", "could not"):
        assert engels not in uitvoer, uitvoer
    for tekst in verwacht:
        assert tekst in uitvoer, uitvoer


def _begrensd(r: subprocess.CompletedProcess[str], seconden: float, mb: float) -> None:
    assert mb < MAX_MB, f"{mb:.0f} MB: {r.args}"
    assert seconden < MAX_SECONDEN, f"{seconden:.1f} s: {r.args}"


def _omgeving() -> dict[str, str]:
    """The environment of a measured run: bytecode may be cached (a run should not be measured
    compiling pandas from source because the environment says PYTHONDONTWRITEBYTECODE)."""
    omgeving = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200", "LC_ALL": "C"}
    omgeving.pop("PYTHONDONTWRITEBYTECODE", None)
    return omgeving


@pytest.fixture(scope="module")
def tijd_aanwezig() -> None:
    """/usr/bin/time is there, and the libraries' bytecode is cached before anything is timed."""
    assert Path(TIJD).exists(), "/usr/bin/time ontbreekt: apt-get install time (scripts/test.sh doet het)"
    subprocess.run([sys.executable, "-c", "import buurtxl.cli, pandas, openpyxl, lxml, rich, defusedxml"],
                   env=_omgeving(), check=True, timeout=300)


def _csv(pad: Path, rijen: list[list[str]] | None = None) -> Path:
    pad.write_bytes(corpus.csv_bytes(rijen or [corpus.KOP, *corpus.GOED]))
    return pad


def _vaststelling_csv(pad: Path) -> Path:
    kop = [*corpus.KOP, "betaald"]
    return _csv(pad, [kop, *[[*r, "0"] for r in corpus.GOED]])


# -- 1, 2: every path runs the hostile-file check first -----------------------------------------------

def test_vaststellen_weigert_een_zip_bom_voordat_openpyxl_hem_opent(tmp_path: Path, tijd_aanwezig: None) -> None:
    bom = vijandig.zip_bom(tmp_path / "eind_2018.xlsx")
    r, seconden, mb = _gemeten("vaststellen", str(bom), cwd=tmp_path)
    assert r.returncode == 1
    _nederlands(r, "eind_2018.xlsx", "zip-bom")
    _begrensd(r, seconden, mb)


@pytest.mark.parametrize("opdracht", ["build", "bereken"])
def test_ondersteuning_doorloopt_de_voorcontrole(tmp_path: Path, opdracht: str, tijd_aanwezig: None) -> None:
    invoer = _csv(tmp_path / "aanvragen.csv")
    gevallen = {
        "bom.xlsx": (lambda p: vijandig.zip_bom(p), "zip-bom"),
        "xxe.xlsx": (lambda p: p.write_bytes(corpus.billion_laughs()) and p, "DTD"),
        "kapot.xlsx": (lambda p: p.write_bytes(corpus.afgekapt()) and p, "beschadigd of onvolledig"),
        "geheim.xlsx": (lambda p: p.write_bytes(corpus.versleutelde_werkmap()) and p, "wachtwoord"),
        "groot.csv": (lambda p: corpus.te_groot(tmp_path) .rename(p), "de grens is 20,0 MB"),
        "lang.csv": (lambda p: vijandig.lang_veld_csv(p), "tekens lang"),
    }
    for naam, (maak, verwacht) in gevallen.items():
        steun = maak(tmp_path / naam)
        r, seconden, mb = _gemeten(opdracht, str(invoer), "--ondersteuning", str(steun), cwd=tmp_path)
        assert r.returncode == 1, (naam, r.stderr)
        _nederlands(r, naam, verwacht)
        _begrensd(r, seconden, mb)
    assert not list(tmp_path.glob("begroting_*.xlsx"))  # nothing written


# -- 3: a DTD in any XML part, whatever the part is called ----------------------------------------------

def _gedeelde_teksten(pad: Path) -> Path:
    wb = xlsxwriter.Workbook(str(pad))
    ws = wb.add_worksheet("Aanvragen")
    for r, rij in enumerate([corpus.KOP, *corpus.GOED]):
        for k, waarde in enumerate(rij):
            ws.write(r, k, waarde)
    wb.close()
    return pad


@pytest.mark.parametrize(("deel", "nieuw"), [
    ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.dat"),
    ("xl/sharedStrings.xml", "xl/sharedStrings.txt"),
])
def test_update_en_check_weigeren_een_dtd_in_een_anders_genoemd_onderdeel(tmp_path: Path, deel: str,
                                                                          nieuw: str) -> None:
    bron = _gedeelde_teksten(tmp_path / "bron.xlsx").read_bytes()
    werkmap = vijandig.dtd_in_deel(tmp_path / "afdeling.xlsx", deel, nieuw, bron)
    with zipfile.ZipFile(werkmap) as zf:
        assert nieuw in zf.namelist() and b"<!DOCTYPE" in zf.read(nieuw)
    voor = werkmap.read_bytes()
    invoer = _csv(tmp_path / "aanvragen.csv")
    for args in (["update", str(werkmap), str(invoer), "--zonder-libreoffice"], ["check", str(werkmap)]):
        r = _draai(*args, cwd=tmp_path)
        assert r.returncode == 1, r
        _nederlands(r, "afdeling.xlsx", "DTD")
    assert werkmap.read_bytes() == voor
    assert not list(tmp_path.glob("afdeling.backup-*"))


def test_dtd_in_onderdeel_met_een_niet_xml_inhoudstype_wordt_aan_de_inhoud_herkend(tmp_path: Path) -> None:
    werkmap = vijandig.dtd_in_deel(tmp_path / "a.xlsx", "xl/worksheets/sheet1.xml", "xl/worksheets/blad.bin")
    typen = re.sub(rb'<Override PartName="/xl/worksheets/blad.bin"[^>]*/>',
                   b'<Default Extension="bin" ContentType="application/octet-stream"/>',
                   zipfile.ZipFile(werkmap).read("[Content_Types].xml"))
    inhoud = corpus.vervang_onderdeel(werkmap.read_bytes(), "[Content_Types].xml", typen)
    werkmap.write_bytes(inhoud)
    r = _draai("check", str(werkmap), cwd=tmp_path)
    assert r.returncode == 1
    _nederlands(r, "DTD")


# -- 4, 5: overlong fields and texts ----------------------------------------------------------------

def test_csv_veld_boven_de_grens_van_python_is_een_nederlandse_melding_in_elke_opdracht(tmp_path: Path) -> None:
    lang = vijandig.lang_veld_csv(tmp_path / "lang.csv")
    werkmap = werkmappen.eigen_werkmap(tmp_path / "afdeling.xlsx")
    for args in (["check", str(lang)], ["build", str(lang)], ["bereken", str(lang)], ["impact", str(lang)],
                 ["vaststellen", str(lang)], ["update", str(werkmap), str(lang), "--zonder-libreoffice"]):
        r = _draai(*args, cwd=tmp_path)
        assert r.returncode == 1, (args, r.stderr)
        _nederlands(r, "lang.csv, rij 3, kolom 'buurt'", "140.000 tekens")
        assert len(r.stdout + r.stderr) < 2000  # the value is quoted, cut short


def test_een_buurtnaam_van_40000_tekens_wordt_geweigerd_en_niet_afgekapt(tmp_path: Path) -> None:
    pad = vijandig.lange_naam_csv(tmp_path / "naam.csv")
    r = _draai("check", str(pad), cwd=tmp_path)
    assert r.returncode == 1
    _nederlands(r, "naam.csv, rij 2, kolom 'buurt'", "40.000 tekens lang; hoogstens 200 tekens")
    assert "Geen fouten" not in r.stdout
    assert len(r.stdout) < 1000


def test_elk_tekstveld_heeft_een_grens_en_die_geldt_bij_het_lezen(tmp_path: Path) -> None:
    from buurtxl import invoer, regeling

    r = regeling.laad(regeling.STANDAARD)
    for veld in velden.VELDEN:
        if veld.soort is not velden.Soort.TEKST:
            continue
        assert isinstance(veld.maximum, int) and 0 < veld.maximum <= 255, veld.sleutel
        rij = {"buurt": "Wyck", "huishoudens": 1200, veld.sleutel: "a" * (veld.maximum + 1)}
        gelezen = invoer.valideer([(2, rij)], r)
        assert [p.kolom for p in gelezen.fouten] == [veld.sleutel], veld.sleutel


def test_een_lange_waarde_in_een_melding_wordt_ingekort() -> None:
    tekst = str(model.Probleem("te lang", "a.csv", waarde="x" * 50_000))
    assert len(tekst) < model.MAX_GETOOND + 60 and "50.000 tekens" in tekst


# -- 6: a documented row limit, refused quickly ---------------------------------------------------------

@pytest.mark.parametrize("soort", ["csv", "xlsx", "xlsx zonder afmeting", "xlsx met gat"])
def test_een_miljoen_rijen_wordt_snel_en_in_het_nederlands_geweigerd(tmp_path: Path, soort: str,
                                                                     tijd_aanwezig: None) -> None:
    if soort == "csv":
        pad = vijandig.miljoen_csv(tmp_path / "veel.csv")
    elif soort == "xlsx met gat":  # a few rows, the last numbered a million: openpyxl fills the gap
        pad = vijandig.miljoen_xlsx(tmp_path / "veel.xlsx", 4, laatste=vijandig.MILJOEN)
    else:
        pad = vijandig.miljoen_xlsx(tmp_path / "veel.xlsx", afmeting=soort == "xlsx")
    for opdracht in ("check", "build", "bereken"):
        r, seconden, mb = _gemeten(opdracht, str(pad), cwd=tmp_path)
        assert r.returncode == 1, r.stderr
        _nederlands(r, pad.name, "rijen")
        _begrensd(r, seconden, mb)


def test_onder_de_rijgrens_wordt_gelezen(tmp_path: Path) -> None:
    pad = vijandig.miljoen_xlsx(tmp_path / "genoeg.xlsx", 2_000)
    r = _draai("check", str(pad), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Geen fouten: 1.999 aanvragen gelezen" in r.stdout + r.stderr


# -- 7: no English left ----------------------------------------------------------------------------

def test_besturingssysteemfouten_zijn_nederlands() -> None:
    for nummer in (errno.EEXIST, errno.ENOSPC, errno.EACCES, errno.ELOOP, errno.EOVERFLOW):
        reden = osfouten.os_reden(OSError(nummer, os.strerror(nummer)))
        assert reden != os.strerror(nummer) and not re.search(r"\b(file|exists|space|denied)\b", reden, re.I)


def test_melding_van_libreoffice_wordt_vertaald_of_weggelaten() -> None:
    assert herberekenen._melding("Error: source file could not be loaded\n") == \
        ": het bestand kon niet worden geopend (beschadigd of geen werkmap?)"
    assert herberekenen._melding("Warning: failed to launch javaldx") == ""


def test_beschadigde_werkmap_zegt_niets_in_het_engels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pad = tmp_path / "a.xlsx"
    pad.write_bytes(vijandig.geldig())

    def kapot(*args: object, **kwargs: object) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(werkblad, "lees_blad", kapot)
    from buurtxl import regeling

    gelezen = lezen.lees(pad, regeling.laad(regeling.STANDAARD))
    assert [str(p) for p in gelezen.fouten] == [
        "Fout: a.xlsx: de werkmap is beschadigd en kan niet worden gelezen; open hem in Excel en sla hem "
        "opnieuw op als Excel-werkmap (.xlsx)"]


# -- 8: one update at a time --------------------------------------------------------------------------

def test_tweede_update_wacht_op_het_slot_en_stopt_met_code_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    werkmap = werkmappen.eigen_werkmap(tmp_path / "afdeling.xlsx")
    voor = werkmap.read_bytes()
    monkeypatch.setattr(bijwerken, "SLOT_WACHTEN", 0.3)
    with slot.neem(bijwerken.slotpad(werkmap)):
        begin = time.monotonic()
        r = CliRunner().invoke(buurtxl, ["update", str(werkmap), "--zonder-libreoffice"])
        assert time.monotonic() - begin >= 0.3
    assert r.exit_code == 2, r.output
    assert "wordt al bijgewerkt door een andere buurtxl update" in r.output
    assert "slot .~buurtxl.afdeling.xlsx.slot" in r.output and f"proces {os.getpid()}" in r.output
    assert werkmap.read_bytes() == voor
    assert not bijwerken.slotpad(werkmap).exists()  # the holder removed it on release


def _buurtnamen(pad: Path) -> set[str]:
    import openpyxl

    wb = openpyxl.load_workbook(pad, read_only=True)
    return {c for c in wb.sheetnames if c.startswith(("Oost", "West"))}


def test_twee_updates_tegelijk_verliezen_er_geen(tmp_path: Path) -> None:
    werkmap = werkmappen.eigen_werkmap(tmp_path / "afdeling.xlsx")
    oost, west = (_csv(tmp_path / f"{kant.lower()}.csv",
                       [corpus.KOP, *[[f"BU{i}", f"{kant} {i}", "900", "60", "", "", ""] for i in range(5)]])
                  for kant in ("Oost", "West"))
    omgeving = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    eerste = subprocess.Popen([buurtxl_pad(), "update", str(werkmap), str(oost), "--zonder-libreoffice"],
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=omgeving)
    time.sleep(0.3)
    tweede = subprocess.run([buurtxl_pad(), "update", str(werkmap), str(west), "--zonder-libreoffice"],
                            cwd=tmp_path, capture_output=True, text=True, env=omgeving, timeout=120)
    eerste.communicate(timeout=120)
    assert eerste.returncode == 0
    if tweede.returncode == 0:  # it waited for the lock, then worked on the first run's result
        assert {n.split()[0] for n in _buurtnamen(werkmap)} == {"West"}
        backups = sorted(tmp_path.glob("afdeling.backup-*.xlsx"), key=lambda p: p.stat().st_mtime)
        assert {n.split()[0] for n in _buurtnamen(backups[-1])} == {"Oost"}
    else:
        assert tweede.returncode == 2 and "slot" in tweede.stderr
        assert {n.split()[0] for n in _buurtnamen(werkmap)} == {"Oost"}


# -- 9, 10, 11: read-only, not a file, a full disk --------------------------------------------------------

def test_alleen_lezen_werkmap_wordt_niet_vervangen(tmp_path: Path) -> None:
    werkmap = werkmappen.eigen_werkmap(tmp_path / "afdeling.xlsx")
    invoer = _csv(tmp_path / "aanvragen.csv")
    werkmap.chmod(0o444)
    voor = werkmap.read_bytes()
    r = _draai("update", str(werkmap), str(invoer), "--zonder-libreoffice", cwd=tmp_path)
    assert r.returncode == 2
    _nederlands(r, "afdeling.xlsx is alleen-lezen")
    doel = tmp_path / "begroting.xlsx"
    doel.write_bytes(voor)
    doel.chmod(0o444)
    r = _draai("build", str(invoer), "-o", str(doel), "--force", cwd=tmp_path)
    assert r.returncode == 2
    _nederlands(r, "begroting.xlsx is alleen-lezen")
    assert werkmap.read_bytes() == voor == doel.read_bytes()
    assert not list(tmp_path.glob("*.backup-*")) and not list(tmp_path.glob(".*.tmp"))


def test_fifo_wordt_geweigerd_zonder_te_wachten(tmp_path: Path) -> None:
    fifo = tmp_path / "afdeling.xlsx"
    os.mkfifo(fifo)
    invoer = _csv(tmp_path / "aanvragen.csv")
    for args in (["update", str(fifo), str(invoer)], ["check", str(fifo)], ["vaststellen", str(fifo)],
                 ["build", str(invoer), "--ondersteuning", str(fifo)]):
        r = _draai(*args, cwd=tmp_path, timeout=30)
        assert r.returncode in (1, 2), (args, r.stderr)
        _nederlands(r, "geen gewoon bestand")


def test_volle_schijf_tijdens_de_reservekopie_laat_geen_lege_kopie(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    werkmap = werkmappen.eigen_werkmap(tmp_path / "afdeling.xlsx")
    voor = werkmap.read_bytes()

    def vol(bron: Path, doel: Path) -> None:
        with open(doel, "wb") as f:
            f.write(b"PK\x03\x04")
        raise OSError(errno.ENOSPC, "No space left on device", str(doel))

    from buurtxl import opslaan

    monkeypatch.setattr(opslaan.shutil, "copy2", vol)
    r = CliRunner().invoke(buurtxl, ["update", str(werkmap), "--zonder-libreoffice"])
    assert r.exit_code == 1, r.output
    assert "er kon geen reservekopie worden gemaakt (de schijf is vol); er is niets veranderd" in r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afdeling.xlsx"]
    assert werkmap.read_bytes() == voor


# -- 12: leftovers of a killed run -----------------------------------------------------------------

def test_restanten_van_een_gedood_proces_worden_opgeruimd_en_genoemd(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    systeem = tmp_path / "tmp"
    systeem.mkdir()
    monkeypatch.setenv("TMPDIR", str(systeem))
    werk = tmp_path / "werk"
    werk.mkdir()
    # A killed run's folder (its lock gone with it) and its hidden file beside the output.
    dood = systeem / "buurtxl-run-abcd1234"
    (dood / "buurtxl-lo-profiel-x").mkdir(parents=True)
    (dood / restanten.SLOT).write_text("proces 1")
    half = werk / ".begroting.abcd_123.xlsx.tmp"
    half.write_bytes(b"PK half")
    # A run still going: its locks are held (here by this test), so nothing of it is touched.
    levend = systeem / "buurtxl-run-levend12"
    levend.mkdir()
    bezig = werk / ".begroting.bezig123.xlsx.tmp"
    bezig.write_bytes(b"PK bezig")
    oud_los = systeem / "buurtxl-controle-oud"
    oud_los.mkdir()
    lang_geleden = time.time() - restanten.RESTANT_LEEFTIJD - 60
    os.utime(oud_los, (lang_geleden, lang_geleden))
    with slot.neem(levend / restanten.SLOT), slot.neem(bezig, maken=False):
        r = _draai("build", str(_csv(werk / "a.csv")), "-o", str(werk / "begroting.xlsx"), cwd=werk)
        assert r.returncode == 0, r.stderr
        assert levend.exists() and bezig.exists()
    assert not dood.exists() and not half.exists() and not oud_los.exists()
    for weg in (dood, half, oud_los):
        assert str(weg) in r.stderr
    assert sorted(p.name for p in systeem.iterdir()) == ["buurtxl-run-levend12"]  # its own run folder went too


def _libreoffice_van(map_: Path) -> list[int]:
    """The pids of processes whose command line names `map_` (LibreOffice's profile lives there)."""
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if str(map_).encode() in (proc / "cmdline").read_bytes():
                    pids.append(int(proc.name))
            except OSError:
                continue
    return pids


def _met_nu(werkmap: Path) -> tuple[str, bytes]:
    """(part, new bytes): the user's first sheet with a cell =NOW() added to its first row."""
    from buurtxl.pakket import werkboek
    from buurtxl.pakket.onderdelen import Pakket

    pakket = Pakket.lees(werkmap.read_bytes())
    deel = next(b.deel for b in werkboek.bladen(pakket) if b.deel)
    data = pakket.delen[deel]
    eind = data.index(b"</row>")
    return deel, data[:eind] + b'<c r="Z1"><f>NOW()</f></c>' + data[eind:]


def test_libreoffice_eindigt_met_een_gedode_update(tmp_path: Path) -> None:
    systeem = tmp_path / "tmp"
    systeem.mkdir()
    # A sheet that uses NOW(): only then does update start LibreOffice to verify (issue 23).
    werkmap = werkmappen.eigen_werkmap(tmp_path / "afdeling.xlsx")
    werkmap.write_bytes(corpus.vervang_onderdeel(werkmap.read_bytes(), *_met_nu(werkmap)))
    voor = werkmap.read_bytes()
    omgeving = {**os.environ, "TMPDIR": str(systeem)}
    proces = subprocess.Popen([buurtxl_pad(), "update", str(werkmap)], cwd=tmp_path, env=omgeving,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    grens = time.monotonic() + 120
    while not _libreoffice_van(systeem) and time.monotonic() < grens:
        assert proces.poll() is None, "update was klaar voordat LibreOffice startte"
        time.sleep(0.02)
    assert _libreoffice_van(systeem)
    proces.send_signal(signal.SIGKILL)
    proces.wait(timeout=30)
    grens = time.monotonic() + 3
    while _libreoffice_van(systeem) and time.monotonic() < grens:
        time.sleep(0.05)
    assert _libreoffice_van(systeem) == []
    assert werkmap.read_bytes() == voor
    r = subprocess.run([buurtxl_pad(), "check", str(_csv(tmp_path / "a.csv"))], cwd=tmp_path, env=omgeving,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "Opgeruimd" in r.stderr
    assert list(systeem.iterdir()) == []


# -- 13: all targets checked before anything is written ----------------------------------------------------

def test_per_buurt_map_met_de_naam_van_de_uitvoer_schrijft_niets(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    r = _draai("build", str(_csv(tmp_path / "a.csv")), "-o", "d/x.xlsx", "--per-buurt", "d/x.xlsx", cwd=tmp_path)
    assert r.returncode == 2
    _nederlands(r, "d/x.xlsx")
    assert list(d.iterdir()) == []


def test_gedode_build_laat_een_restant_dat_de_volgende_run_opruimt_en_noemt(tmp_path: Path) -> None:
    groot = tmp_path / "groot.csv"
    groot.write_bytes(corpus.csv_bytes(corpus.tienduizend_rijen()))
    systeem = tmp_path / "tmp"
    systeem.mkdir()
    omgeving = {**os.environ, "TMPDIR": str(systeem)}
    proces = subprocess.Popen([buurtxl_pad(), "build", str(groot), "-o", "begroting.xlsx", "-q"], cwd=tmp_path,
                              env=omgeving, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    grens = time.monotonic() + 300
    while not list(tmp_path.glob(".begroting.*.xlsx.tmp")):
        assert proces.poll() is None and time.monotonic() < grens, "geen tijdelijk bestand gezien"
        time.sleep(0.002)
    proces.send_signal(signal.SIGKILL)
    proces.wait(timeout=60)
    [restant] = tmp_path.glob(".begroting.*.xlsx.tmp")
    assert [p.name for p in systeem.iterdir()][0].startswith(restanten.RUN)  # its run folder stayed too
    r = subprocess.run([buurtxl_pad(), "template", "-o", "aanvraag.xlsx"], cwd=tmp_path, env=omgeving,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "Opgeruimd" in r.stderr and restant.name in r.stderr and restanten.RUN in r.stderr
    assert not restant.exists() and list(systeem.iterdir()) == []
    assert not (tmp_path / "begroting.xlsx").exists()
