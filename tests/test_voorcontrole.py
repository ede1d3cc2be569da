"""voorcontrole: hostile or mislabelled files are refused from their bytes and zip directory alone."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from defusedxml.common import DefusedXmlException

import corpus
from buurtxl.invoer import voorcontrole


def _schrijf(tmp_path: Path, naam: str, data: bytes) -> Path:
    pad = tmp_path / naam
    pad.write_bytes(data)
    return pad


def _reden(pad: Path) -> str:
    probleem = voorcontrole.controleer(pad)
    assert probleem is not None, f"{pad.name} had geweigerd moeten worden"
    assert probleem.bestand == pad.name
    assert probleem.is_fout
    return probleem.reden


def test_gewone_werkmap_mag_gelezen_worden(tmp_path: Path) -> None:
    assert (
        voorcontrole.controleer(_schrijf(tmp_path, "goed.xlsx", corpus.xlsx_bytes([corpus.KOP, *corpus.GOED]))) is None
    )


def test_gewone_csv_mag_gelezen_worden(tmp_path: Path) -> None:
    assert voorcontrole.controleer(_schrijf(tmp_path, "goed.csv", corpus.csv_bytes([corpus.KOP, *corpus.GOED]))) is None


def test_windows_1252_csv_mag_gelezen_worden(tmp_path: Path) -> None:
    data = corpus.csv_bytes([corpus.KOP, ["", "Céramique", "900", "", "", "", ""]], codering="cp1252")
    assert voorcontrole.controleer(_schrijf(tmp_path, "ansi.csv", data)) is None


def test_map_wordt_niet_als_bestand_geweigerd(tmp_path: Path) -> None:
    assert voorcontrole.controleer(tmp_path) is None


def test_ontbrekend_bestand(tmp_path: Path) -> None:
    assert "bestaat niet" in _reden(tmp_path / "weg.csv")


def test_leeg_bestand(tmp_path: Path) -> None:
    assert "leeg" in _reden(_schrijf(tmp_path, "leeg.xlsx", b""))


def test_bestand_boven_de_grens_geweigerd(tmp_path: Path) -> None:
    pad = tmp_path / "groot.csv"
    with open(pad, "wb") as f:
        f.truncate(voorcontrole.MAX_BESTAND + 1)  # sparse: the size alone must decide, nothing is read
    assert "20,0 MB" in _reden(pad)


def test_bestand_precies_op_de_grens_niet_om_grootte_geweigerd(tmp_path: Path) -> None:
    pad = tmp_path / "rand.csv"
    with open(pad, "wb") as f:
        f.write(b"buurt,huishoudens\r\n")
        f.truncate(voorcontrole.MAX_BESTAND)
    probleem = voorcontrole.controleer(pad)
    assert probleem is None or "MB" not in probleem.reden


def test_pdf_met_extensie_xlsx(tmp_path: Path) -> None:
    assert "PDF" in _reden(_schrijf(tmp_path, "scan.xlsx", corpus.pdf_bytes()))


def test_csv_met_extensie_xlsx(tmp_path: Path) -> None:
    reden = _reden(_schrijf(tmp_path, "tekst.xlsx", corpus.csv_bytes([corpus.KOP])))
    assert "tekstbestand" in reden and ".csv" in reden


def test_werkmap_met_extensie_csv(tmp_path: Path) -> None:
    reden = _reden(_schrijf(tmp_path, "werkmap.csv", corpus.xlsx_bytes([corpus.KOP])))
    assert "Excel-werkmap" in reden and ".xlsx" in reden


def test_utf16_csv_krijgt_uitleg_over_opslaan(tmp_path: Path) -> None:
    data = "\ufeffbuurt\thuishoudens\r\nMalberg\t900\r\n".encode("utf-16-le")
    assert "UTF-16" in _reden(_schrijf(tmp_path, "unicode.csv", data))


def test_binair_bestand_met_extensie_csv(tmp_path: Path) -> None:
    assert "binair" in _reden(_schrijf(tmp_path, "x.csv", b"\x00\x01\x02garbage"))


def test_versleutelde_werkmap(tmp_path: Path) -> None:
    assert "wachtwoord" in _reden(_schrijf(tmp_path, "geheim.xlsx", corpus.versleutelde_werkmap()))


def test_oud_xls_formaat_met_extensie_xlsx(tmp_path: Path) -> None:
    zonder_versleuteling = corpus.versleutelde_werkmap().replace(
        "EncryptedPackage".encode("utf-16-le"), "Workbook\0\0\0\0\0\0\0\0".encode("utf-16-le")
    )
    assert ".xls" in _reden(_schrijf(tmp_path, "oud.xlsx", zonder_versleuteling))


def test_afgekapte_werkmap(tmp_path: Path) -> None:
    assert "beschadigd of onvolledig" in _reden(_schrijf(tmp_path, "half.xlsx", corpus.afgekapt()))


def test_zip_zonder_werkmap(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("foto.txt", "geen werkmap")
    assert "geen Excel-werkmap" in _reden(_schrijf(tmp_path, "archief.xlsx", buf.getvalue()))


def test_word_document_met_extensie_xlsx(tmp_path: Path) -> None:
    werkmap = corpus.xlsx_bytes([corpus.KOP])
    word = corpus.vervang_onderdeel(
        werkmap, "[Content_Types].xml",
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.document.main+xml"/></Types>',
    )
    assert "Word" in _reden(_schrijf(tmp_path, "brief.xlsx", word))


def test_zip_bom_geweigerd_op_verhouding(tmp_path: Path) -> None:
    assert "zip-bom" in _reden(_schrijf(tmp_path, "bom.xlsx", corpus.zip_bom()))


def test_zip_bom_geweigerd_op_totale_grootte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pad = _schrijf(tmp_path, "goed.xlsx", corpus.xlsx_bytes([corpus.KOP, *corpus.GOED]))
    with zipfile.ZipFile(pad) as zf:
        totaal = sum(i.file_size for i in zf.infolist())
    monkeypatch.setattr(voorcontrole, "MAX_UITGEPAKT", totaal - 1)
    assert "pakt uit tot" in _reden(pad)


def test_zip_bom_wordt_niet_uitgepakt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def verboden(*args, **kwargs):
        raise AssertionError("een zip-bom mag niet worden geopend")

    pad = _schrijf(tmp_path, "bom.xlsx", corpus.zip_bom())
    monkeypatch.setattr(zipfile.ZipFile, "open", verboden)
    assert "zip-bom" in _reden(pad)


def test_billion_laughs_geweigerd_met_nederlandse_melding(tmp_path: Path) -> None:
    assert "billion laughs" in _reden(_schrijf(tmp_path, "lachen.xlsx", corpus.billion_laughs()))


def test_openpyxl_weigert_billion_laughs_via_defusedxml(tmp_path: Path) -> None:
    # The second line of defence: even without our check, openpyxl must not expand the entities.
    pad = _schrijf(tmp_path, "lachen.xlsx", corpus.billion_laughs())
    with pytest.raises(Exception) as info:
        openpyxl.load_workbook(pad)
    assert voorcontrole._oorzaak(info.value, DefusedXmlException)


def test_open_werkmap_maakt_van_defusedxml_een_nederlandse_melding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pad = _schrijf(tmp_path, "lachen.xlsx", corpus.billion_laughs())
    monkeypatch.setattr(voorcontrole, "controleer_deel", lambda *args: None)  # let openpyxl meet it
    with pytest.raises(voorcontrole.OnveiligBestand) as info:
        voorcontrole.open_werkmap(pad)
    assert "billion laughs" in str(info.value)


def test_dtd_in_utf16_onderdeel_ook_gevonden(tmp_path: Path) -> None:
    werkmap = corpus.xlsx_bytes([corpus.KOP])
    blad = '\ufeff<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'.encode("utf-16-le")
    pad = _schrijf(tmp_path, "utf16.xlsx", corpus.vervang_onderdeel(werkmap, "xl/worksheets/sheet1.xml", blad))
    assert "DTD" in _reden(pad)


def test_open_werkmap_beschadigd_onderdeel_geeft_nederlandse_melding(tmp_path: Path) -> None:
    werkmap = corpus.xlsx_bytes([corpus.KOP])
    # Well-formed XML, but the sheet points at a relationship that does not exist.
    kapot = corpus.vervang_onderdeel(
        werkmap, "xl/workbook.xml",
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b'<sheets><sheet name="Blad" sheetId="1" r:id="rId99"/></sheets></workbook>',
    )
    with pytest.raises(voorcontrole.OnveiligBestand) as info:
        voorcontrole.open_werkmap(_schrijf(tmp_path, "kapot.xlsx", kapot))
    assert "beschadigd" in str(info.value) and "kapot.xlsx" in str(info.value)


def test_onderdeel_met_kapotte_xml_geeft_melding_met_plaats(tmp_path: Path) -> None:
    werkmap = corpus.xlsx_bytes([corpus.KOP])
    kapot = corpus.vervang_onderdeel(werkmap, "xl/styles.xml", b"<styleSheet><fonts></styleSheet>")
    reden = _reden(_schrijf(tmp_path, "stijl.xlsx", kapot))
    assert "xl/styles.xml" in reden and "geen geldige XML" in reden and "regel 1" in reden


def test_onderdeel_met_verkeerde_crc_is_beschadigd(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(corpus.xlsx_bytes([corpus.KOP, *corpus.GOED]))) as zin, \
            zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zuit:
        for info in zin.infolist():
            zuit.writestr(info.filename, zin.read(info))
    # Stored, not deflated: the name is in the file as it is; change one letter behind the CRC's back.
    kapot = buf.getvalue().replace(b"Binnenstad", b"Binnenstaf", 1)
    assert "beschadigd" in _reden(_schrijf(tmp_path, "crc.xlsx", kapot))
