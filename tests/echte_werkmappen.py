"""A corpus of real workbooks saved by Excel, from public spreadsheet-library test corpora (issue 21).

Each file in `tests/echt/` is a byte-for-byte copy of a file from a public repository whose licence
allows it (MIT, Apache-2.0); `WERKMAPPEN` lists for each its source (repository, path, commit), the
git blob id of the original (a test recomputes it from the bytes here), the licence and what kind of
workbook it is. None is edited; the tests make the few variants they need from them at run time
(`met_aanvragen`: a sheet 'Aanvragen' added as Excel would store it). `tests/echt/BRONNEN.md` is the
same list for people (`python tests/echte_werkmappen.py` rewrites it).
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree
from openpyxl.utils import get_column_letter

MAP = Path(__file__).resolve().parent / "echt"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


@dataclass(frozen=True)
class Werkmap:
    naam: str  # the file in tests/echt/
    soort: str  # Dutch: what kind of workbook, for BRONNEN.md
    repository: str
    pad: str
    commit: str
    blob: str  # git's object id of the original file (`git hash-object`)
    licentie: str
    programma: str  # docProps/app.xml: Application and AppVersion

    @property
    def bestand(self) -> Path:
        return MAP / self.naam

    def bron(self) -> str:
        return f"https://github.com/{self.repository}/blob/{self.commit}/{self.pad}"


def blob_id(data: bytes) -> str:
    """The id git gives a file's content: SHA-1 of 'blob <size>\\0' and the bytes."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


WERKMAPPEN = (
    Werkmap(
        "mac_zeer_verborgen_extern.xlsx",
        "Excel voor Mac: zeer verborgen blad, afbeeldingen, externe koppeling, samengevoegde hele kolom (B1:B1048576)",
        "ClosedXML/ClosedXML", "ClosedXML.Tests/Resource/TryToLoad/DrawingSizeInPx.xlsx",
        "f77503d58e0edaefea5108739548d1568fe377e6", "34ddf1995a6980d72a7d7d8402b8902981aa10fa",
        "MIT", "Microsoft Macintosh Excel",
    ),
    Werkmap(
        "sparklines.xlsx",
        "sparklines (x14-uitbreiding)",
        "ClosedXML/ClosedXML", "ClosedXML.Tests/Resource/Other/Sparklines/SparklineThemes/inputfile.xlsx",
        "f77503d58e0edaefea5108739548d1568fe377e6", "46cc44636fcf703ebbae720bc4804b3e4656cd1e",
        "MIT", "Microsoft Excel 16.0300",
    ),
    Werkmap(
        "sparklines_excel2007.xlsx",
        "sparklines, randgevallen",
        "PHPOffice/PhpSpreadsheet", "tests/data/Reader/XLSX/sparklineEdgeCases.xlsx",
        "11645d54ac203be6693309f0cd5153a4dfbf3761", "8b4d7ab8ca813257393f1c9a1ee5c7486817ed45",
        "MIT", "Microsoft Excel 12.0000",
    ),
    Werkmap(
        "x14_voorwaardelijke_opmaak.xlsx",
        "voorwaardelijke opmaak in de x14-uitbreiding (gegevensbalken, pictogrammen)",
        "apache/poi", "test-data/spreadsheet/NewStyleConditionalFormattings.xlsx",
        "a528d43590b3f71aa94310de881a35af887fdd0f", "93c034f0be416f055ab40de742668c5e8077d30a",
        "Apache-2.0", "Microsoft Excel 14.0300",
    ),
    Werkmap(
        "mac_x14_voorwaardelijke_opmaak.xlsx",
        "Excel voor Mac: voorwaardelijke opmaak (x14)",
        "PHPOffice/PhpSpreadsheet", "tests/data/Reader/XLSX/issue.4629.xlsx",
        "11645d54ac203be6693309f0cd5153a4dfbf3761", "5abe681b5f6e26a0cfc35856a2e80fee5d0ab683",
        "MIT", "Microsoft Macintosh Excel 16.0300",
    ),
    Werkmap(
        "x14_gegevensvalidatie.xlsx",
        "gegevensvalidatie met een verwijzing naar een ander blad (x14)",
        "ClosedXML/ClosedXML", "ClosedXML.Tests/Resource/TryToLoad/ValidationWithSheetReference.xlsx",
        "f77503d58e0edaefea5108739548d1568fe377e6", "19f9be2d0b52676955be3175521ddb3390fdec55",
        "MIT", "Microsoft Excel 16.0300",
    ),
    Werkmap(
        "vba.xlsm",
        "macro's (VBA-project), ingebouwde stijl 'Standard'",
        "apache/poi", "test-data/spreadsheet/61495-test.xlsm",
        "a528d43590b3f71aa94310de881a35af887fdd0f", "89efea5ab2fa4cffb68bb1d82230126c91d519d8",
        "Apache-2.0", "Microsoft Excel 16.0300",
    ),
    Werkmap(
        "strict.xlsx",
        "Strict Open XML-werkmap",
        "apache/poi", "test-data/spreadsheet/SampleSS.strict.xlsx",
        "a528d43590b3f71aa94310de881a35af887fdd0f", "6bf19368e40d2812cc2959852ec4a5ebf6114493",
        "Apache-2.0", "Microsoft Excel 15.0300",
    ),
    Werkmap(
        "strict_meer_bladen.xlsx",
        "Strict Open XML-werkmap met meer bladen",
        "ExcelDataReader/ExcelDataReader", "src/TestData/strict/TestMultiSheet.xlsx",
        "250bb0178eee7a32d205397379557c82c1bfe837", "85019338385f0cfa3ccce42354aa4f3db206b278",
        "MIT", "Microsoft Excel 16.0300",
    ),
    Werkmap(
        "grafiekblad.xlsx",
        "grafiekblad",
        "apache/poi", "test-data/spreadsheet/56557.xlsx",
        "a528d43590b3f71aa94310de881a35af887fdd0f", "7ca891cf5177b386b4f10f477dbcac901a64ffa4",
        "Apache-2.0", "Microsoft Excel 15.0300",
    ),
    Werkmap(
        "dialoog_macroblad.xlsm",
        "Excel voor Mac: grafiekblad, macroblad (Excel 4.0), dialoogblad en VBA",
        "SheetJS/test_files", "BlankSheetTypes.xlsm",
        "fb4bdf0158ba308c182f82663b61607bb79cd4b5", "a761e3c83be8723ca597914db99d54896db4522b",
        "Apache-2.0", "Microsoft Macintosh Excel 14.0300",
    ),
    Werkmap(
        "xlm_macroblad.xlsm",
        "macroblad (Excel 4.0) als eerste blad",
        "apache/poi", "test-data/spreadsheet/xlmmacro.xlsm",
        "a528d43590b3f71aa94310de881a35af887fdd0f", "5cae057879748f522fe6889fc75d61f2b296ed79",
        "Apache-2.0", "Microsoft Excel 16.0300",
    ),
    Werkmap(
        "dialoogblad.xlsx",
        "dialoogblad als eerste blad, draaitabel",
        "ClosedXML/ClosedXML", "ClosedXML.Tests/Resource/TryToLoad/DialogSheet.xlsx",
        "f77503d58e0edaefea5108739548d1568fe377e6", "1fc231bf846c73f853bf88c8a85446d2c03b9f5c",
        "MIT", "Microsoft Excel 16.0300",
    ),
    Werkmap(
        "structuur_beveiligd.xlsx",
        "werkmapstructuur beveiligd (lockStructure), zonder wachtwoord",
        "ClosedXML/ClosedXML", "ClosedXML.Tests/Resource/Other/Protection/protectstructurewithoutpassword.xlsx",
        "f77503d58e0edaefea5108739548d1568fe377e6", "1c41cc12eebf016d8c4a2924f30c3c8e78501737",
        "MIT", "Microsoft Excel 16.0300",
    ),
    Werkmap(
        "structuur_beveiligd_wachtwoord.xlsx",
        "werkmapstructuur beveiligd met wachtwoord",
        "ClosedXML/ClosedXML", "ClosedXML.Tests/Resource/Other/Protection/protectstructurewithpassword.xlsx",
        "f77503d58e0edaefea5108739548d1568fe377e6", "9c79f85422cd63d54ab4ca1fa796c93c3c73f16a",
        "MIT", "Microsoft Excel 16.0300",
    ),
    Werkmap(
        "mac_structuur_beveiligd.xlsx",
        "Excel voor Mac: werkmapstructuur beveiligd, afbeeldingen",
        "PHPOffice/PhpSpreadsheet", "tests/data/Reader/XLSX/issue.3720.xlsx",
        "11645d54ac203be6693309f0cd5153a4dfbf3761", "d51159ad4cc366ad81c4208558fcb1b872ad8b6d",
        "MIT", "Microsoft Macintosh Excel 16.0300",
    ),
    Werkmap(
        "standaard_nl.xlsx",
        "Nederlandse Excel: ingebouwde stijl 'Standaard' (builtinId 0)",
        "PHPOffice/PhpSpreadsheet", "samples/templates/36writeMultiple1.xlsx",
        "11645d54ac203be6693309f0cd5153a4dfbf3761", "ddbd5124a25ad61278b5ab4fbd51c5794abc852d",
        "MIT", "Microsoft Excel 16.0300",
    ),
    Werkmap(
        "standaardstijl_russisch.xlsx",
        "Russische Excel: ingebouwde stijl 'Обычный' (builtinId 0)",
        "ClosedXML/ClosedXML", "ClosedXML.Tests/Resource/TryToLoad/FileWithDefaultStyleNameNotInEnglish.xlsx",
        "f77503d58e0edaefea5108739548d1568fe377e6", "e94bc6a54999c7a669c153ae8b1f38277aa524c7",
        "MIT", "Microsoft Excel 12.0000",
    ),
)
# Made here from the corpus (not downloaded): the workbook of the previous release's layout for the
# references test, written by `tests/maak_vorige_indeling.py`.
GEMAAKT = ("vorige_indeling.xlsx",)


# The applications the tests update these workbooks with (the same two buurten as vorige_indeling.xlsx).
INVOER = (
    "buurtcode,buurt,huishoudens,buurtscore,basissubsidie,besteed,supplement_aangevraagd\n"
    "BU09350000,Binnenstad,1620,68,5850,5850,\n"
    "BU09350101,Wyckerpoort,1250,52,4850,,2000\n"
)
# What `update` refuses, with its message in docs/foutmeldingen.md (tests/foutmeldingen.py).
GEWEIGERD = ("structuur_beveiligd.xlsx", "structuur_beveiligd_wachtwoord.xlsx", "strict.xlsx")


def per_naam(naam: str) -> Werkmap:
    return next(w for w in WERKMAPPEN if w.naam == naam)


def met_aanvragen(werkmap: Werkmap, map_: Path, invoer_csv: str) -> Path:
    """A copy of `werkmap` with a last worksheet 'Aanvragen' holding the rows of `invoer_csv`,
    added as Excel stores a sheet (its own part, relationship, content type, `<sheet>` element);
    every other part stays as it is."""
    rijen = list(csv.reader(io.StringIO(invoer_csv)))
    cellen = []
    for r, rij in enumerate(rijen, start=1):
        waarden = []
        for k, waarde in enumerate(rij):
            adres = f"{get_column_letter(k + 1)}{r}"
            if waarde.isdigit():
                waarden.append(f'<c r="{adres}"><v>{waarde}</v></c>')
            elif waarde:
                waarden.append(f'<c r="{adres}" t="inlineStr"><is><t>{escape(waarde)}</t></is></c>')
        cellen.append(f'<row r="{r}">{"".join(waarden)}</row>')
    blad = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'
            f'<sheetData>{"".join(cellen)}</sheetData></worksheet>').encode()
    with zipfile.ZipFile(werkmap.bestand) as zf:
        delen = {i.filename: zf.read(i) for i in zf.infolist()}
    deel = "xl/worksheets/aanvragen.xml"
    delen[deel] = blad
    rels = etree.fromstring(delen["xl/_rels/workbook.xml.rels"])
    etree.SubElement(rels, f"{{{RELS}}}Relationship", Id="rIdAanvragen", Target="worksheets/aanvragen.xml",
                     Type=f"{R}/worksheet")
    delen["xl/_rels/workbook.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8",
                                                         standalone=True)
    wb = etree.fromstring(delen["xl/workbook.xml"])
    sheets = wb.find(f"{{{MAIN}}}sheets")
    nieuw_id = max(int(s.get("sheetId", "0")) for s in sheets) + 1
    e = etree.SubElement(sheets, f"{{{MAIN}}}sheet", name="Aanvragen", sheetId=str(nieuw_id))
    e.set(f"{{{R}}}id", "rIdAanvragen")
    delen["xl/workbook.xml"] = etree.tostring(wb, xml_declaration=True, encoding="UTF-8", standalone=True)
    ct = etree.fromstring(delen["[Content_Types].xml"])
    etree.SubElement(ct, f"{{{CT}}}Override", PartName="/" + deel, ContentType=WORKSHEET)
    delen["[Content_Types].xml"] = etree.tostring(ct, xml_declaration=True, encoding="UTF-8", standalone=True)
    pad = map_ / werkmap.naam
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as zf:
        for naam, data in delen.items():
            zf.writestr(naam, data)
    return pad


def bronnen_md() -> str:
    regels = [
        "# Echte werkmappen: herkomst en licentie",
        "",
        "Gegenereerd door `python tests/echte_werkmappen.py` uit `tests/echte_werkmappen.py`. Elk bestand is een",
        "ongewijzigde kopie uit een openbare testverzameling; de tests controleren de git-blob-id.",
        "",
        "| Bestand | Soort | Opgeslagen door | Bron (repository, pad, commit) | Blob | Licentie |",
        "|---|---|---|---|---|---|",
    ]
    for w in WERKMAPPEN:
        regels.append(f"| `{w.naam}` | {w.soort} | {w.programma} | [{w.repository}: `{w.pad}`]({w.bron()}) "
                      f"@ `{w.commit[:12]}` | `{w.blob[:12]}` | {w.licentie} |")
    regels += [
        "",
        "Gemaakt, niet gedownload: `vorige_indeling.xlsx`, een begrotingswerkmap in de indeling van buurtxl",
        "op commit e089ec4 (vóór de kolommen voor groepen en vaststelling), met een samenvatting, een",
        "bevroren kopie van de Begroting en een naam die op celadres naar de bladen van buurtxl verwijzen,",
        "opgeslagen door LibreOffice; zie `tests/maak_vorige_indeling.py`.",
        "",
        "Niet gevonden onder een licentie die het toestaat: een werkmap met slicers (de enige, uit EPPlus,",
        "valt onder de Polyform Noncommercial-licentie).",
        "",
    ]
    return "\n".join(regels)


if __name__ == "__main__":
    (MAP / "BRONNEN.md").write_text(bronnen_md(), encoding="utf-8")
