"""The corpus of bad (and awkward but valid) inputs: every file is generated here, none is stored.

Each `Geval` writes its input into a folder and says what a user must see: whether `check` and
`build` accept it, and the fragments of the Dutch message (file, sheet, row, column, value).
`tests/test_corpus.py` runs each case through the installed `buurtxl` command; `docs/foutmeldingen.md`
is generated from the same list (`python tests/corpus.py` rewrites it) and a test keeps it current.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import struct
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.worksheet.table import Table, TableColumn

KOP = ["buurtcode", "buurt", "huishoudens", "buurtscore", "basissubsidie", "besteed", "supplement_aangevraagd"]
# Three valid applications (real Maastricht buurt names; amounts made up).
GOED = [
    ["BU09350000", "Binnenstad", "1620", "68", "5850", "5850", ""],
    ["BU09350101", "Wyckerpoort", "1250", "52", "4850", "", "2000"],
    ["BU09355101", "Malberg", "1400", "48", "5000", "", ""],
]
INJECTIE = ['=HYPERLINK("http://x","y")', "+31 43 350 50 50", "-1", "@SUM(A1)", "\t=1+2", "\r=3+4"]
# Leading tab/CR are stripped by validation; what remains must still be literal text.
INJECTIE_NA_INVOER = ['=HYPERLINK("http://x","y")', "+31 43 350 50 50", "-1", "@SUM(A1)", "=1+2", "=3+4"]
LASTIGE_NAMEN = [
    "Op/Af [oud]: *wat?*",  # every character Excel forbids in a sheet name
    "op\\af [oud]: *wat?*",  # the same after replacement, differing only in case
    "Buurtnetwerk Heugemerveld-Noord en omgeving",  # longer than 31 characters …
    "Buurtnetwerk Heugemerveld-Noord en Zuid",  # … with the same first 31 characters
    "Céramique",
    "Sint-Pieter",
    "'t Rondeel",  # a sheet name may not start with an apostrophe
]


@dataclass(frozen=True)
class Geval:
    naam: str
    omschrijving: str  # Dutch, for docs/foutmeldingen.md
    maak: Callable[[Path], Path]  # writes the input into a folder, returns its path
    aanvaard: bool  # check exits 0 and build writes a workbook
    verwacht: tuple[str, ...] = ()  # fragments of what check prints
    waarschuwing: bool = False  # accepted, with a warning
    traag: bool = False  # large generated input
    buurten: tuple[str, ...] = field(default=())  # names that must appear as literal text
    # For an accepted input: the number of buurtnetwerken and the budget total (sum of the
    # buurt totals) a clerk works out by hand; `bereken --csv` must give exactly these.
    aantal: int | None = None
    totaal: str | None = None


# -- writers ------------------------------------------------------------------------------------

def csv_bytes(rijen: list[list[str]], *, scheiding: str = ",", codering: str = "utf-8") -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=scheiding, lineterminator="\r\n").writerows(rijen)
    return buf.getvalue().encode(codering)


def schrijf_csv(naam: str, rijen: list[list[str]], **opties) -> Callable[[Path], Path]:
    def maak(map_: Path) -> Path:
        pad = map_ / naam
        pad.write_bytes(csv_bytes(rijen, **opties))
        return pad

    return maak


def xlsx_bytes(rijen: list[list[object]], *, blad: str = "Aanvragen") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = blad
    for rij in rijen:
        ws.append(rij)
    for rij in ws.iter_rows():
        for cel in rij:
            if cel.data_type == "f":  # a string starting with '=' is text typed by a person
                cel.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def schrijf_xlsx(naam: str, rijen: list[list[object]], **opties) -> Callable[[Path], Path]:
    def maak(map_: Path) -> Path:
        pad = map_ / naam
        pad.write_bytes(xlsx_bytes(rijen, **opties))
        return pad

    return maak


def schrijf_bytes(naam: str, maak_bytes: Callable[[], bytes]) -> Callable[[Path], Path]:
    def maak(map_: Path) -> Path:
        pad = map_ / naam
        pad.write_bytes(maak_bytes())
        return pad

    return maak


def met_rij(wijzig: dict[str, str], *, rij: int = 0) -> list[list[str]]:
    """The valid table with some cells of one data row replaced."""
    data = [list(r) for r in GOED]
    for kolom, waarde in wijzig.items():
        data[rij][KOP.index(kolom)] = waarde
    return [KOP, *data]


def vervang_onderdeel(werkmap: bytes, onderdeel: str, nieuw: bytes) -> bytes:
    """The workbook with one zip part's bytes replaced (everything else copied as it is)."""
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(werkmap)) as bron, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            data = nieuw if info.filename == onderdeel else bron.read(info)
            doel.writestr(info.filename, data, compresslevel=9)
    return uit.getvalue()


def pdf_bytes() -> bytes:
    """A minimal one-page PDF, as a scanner or 'print to PDF' would hand over."""
    objecten = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    uit = bytearray(b"%PDF-1.4\n")
    posities = []
    for i, obj in enumerate(objecten, start=1):
        posities.append(len(uit))
        uit += b"%d 0 obj\n%s\nendobj\n" % (i, obj)
    xref = len(uit)
    uit += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objecten) + 1)
    uit += b"".join(b"%010d 00000 n \n" % p for p in posities)
    uit += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objecten) + 1, xref)
    return bytes(uit)


def versleutelde_werkmap() -> bytes:
    """An OLE2 compound file with the two streams Excel writes for a password-protected workbook.

    The layout follows [MS-CFB] version 3 and [MS-OFFCRYPTO] (EncryptionInfo, EncryptedPackage);
    the encrypted bytes are random, since what matters is how a reader recognises the container.
    `file(1)` reports the result as "CDFV2 Encrypted".
    """
    sector = 512
    eind, vrij, fat_sector, geen = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    info = (b"\x04\x00\x04\x00\x40\x00\x00\x00" + b'<?xml version="1.0" encoding="UTF-8"?>'
            b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"/>').ljust(4096, b"\0")
    pakket = (struct.pack("<Q", 4096) + os.urandom(4096)).ljust(4608, b"\0")
    n_info, n_pakket = len(info) // sector, len(pakket) // sector
    start_info, start_pakket = 2, 2 + n_info

    fat = [fat_sector, eind]
    for start, n in ((start_info, n_info), (start_pakket, n_pakket)):
        fat += [start + i + 1 for i in range(n - 1)] + [eind]
    fat += [vrij] * (sector // 4 - len(fat))

    def entry(naam: str, soort: int, links: int, rechts: int, kind: int, start: int, grootte: int) -> bytes:
        code = (naam + "\0").encode("utf-16-le") if naam else b""
        return struct.pack("<64sHBBIII16sIQQIQ", code, len(code), soort, 1, links, rechts, kind,
                           b"\0" * 16, 0, 0, 0, start, grootte)

    # Siblings sort by name length first: "EncryptionInfo" < "EncryptedPackage".
    mappen = (entry("Root Entry", 5, geen, geen, 1, eind, 0)
              + entry("EncryptionInfo", 2, geen, 2, geen, start_info, len(info))
              + entry("EncryptedPackage", 2, geen, geen, geen, start_pakket, len(pakket))
              + entry("", 0, geen, geen, geen, 0, 0))
    kop = struct.pack("<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0" * 16,
                      0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6, 0, 1, 1, 0, 4096, eind, 0, eind, 0)
    kop += struct.pack("<109I", 0, *([vrij] * 108))
    return kop + struct.pack(f"<{len(fat)}I", *fat) + mappen + info + pakket


def billion_laughs() -> bytes:
    """A valid input workbook whose first sheet declares nested entities (10^9 'lol's)."""
    werkmap = xlsx_bytes([KOP, *GOED])
    entiteiten = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    with zipfile.ZipFile(io.BytesIO(werkmap)) as zf:
        blad = zf.read("xl/worksheets/sheet1.xml").decode()
    bom = f"<!DOCTYPE worksheet [{entiteiten}]>" + blad.replace("<t>Binnenstad</t>", "<t>&lol9;</t>", 1)
    return vervang_onderdeel(werkmap, "xl/worksheets/sheet1.xml", bom.encode())


def zip_bom() -> bytes:
    """A valid input workbook whose first sheet unpacks to ~60 MB (mostly whitespace, ratio ~1000)."""
    werkmap = xlsx_bytes([KOP, *GOED])
    with zipfile.ZipFile(io.BytesIO(werkmap)) as zf:
        blad = zf.read("xl/worksheets/sheet1.xml")
    # Whitespace before the root element is well-formed XML: a parser would read it all.
    return vervang_onderdeel(werkmap, "xl/worksheets/sheet1.xml", b" " * (60 << 20) + blad)


def afgekapt() -> bytes:
    werkmap = xlsx_bytes([KOP, *GOED])
    return werkmap[: len(werkmap) // 2]


def te_groot(map_: Path) -> Path:
    """A real CSV of about 21 MB (the limit is 20 MB)."""
    pad = map_ / "te_groot.csv"
    rij = csv_bytes([GOED[0]])
    with open(pad, "wb") as f:
        f.write(csv_bytes([KOP]))
        f.write(rij * (21 * 1024 * 1024 // len(rij) + 1))
    return pad


def tienduizend_rijen() -> list[list[str]]:
    return [KOP] + [
        [f"BU{i:08d}", f"Buurt {i}", str(200 + i % 3000), str(i % 101), "", "", ""]
        for i in range(10_000)
    ]


# -- what a clerk's own workbook looks like (issue 11) ---------------------------------------------
#
# By hand (regeling 2018): Binnenstad 5850 + toeslag 15% of 5850 = 877,50 (1620 > 1300, capped at
# 15%; besteed 5850: toegekend) + no supplement (68 >= 57) = 6727,50. Wyckerpoort 4850 + no toeslag
# (1250 <= 1300) + supplement 2000 (52 < 57, requested) = 6850,00. Malberg 5000 + toeslag 100/1300
# of 5000 = 384,615… → 384,62 (potentieel: besteed unknown, still reserved) + supplement 3000
# reserved (48 < 57, no request) = 8384,62. Together 21962,12.
GOED_TOTAAL = "21962.12"


def _getal(tekst: str) -> object:
    if tekst == "":
        return None
    return int(tekst) if tekst.isdigit() else tekst


GOED_GETALLEN = [[_getal(c) for c in rij] for rij in GOED]


def _xlsxwriter(pad: Path, vul: Callable[[xlsxwriter.Workbook], None], *, door_excel_bewaard: bool = True) -> Path:
    """A workbook written by XlsxWriter; by default as Excel leaves it after saving.

    XlsxWriter marks every stored formula result as stale (`fullCalcOnLoad="1"`: Excel recomputes
    on opening); Excel drops the mark when it saves, keeping the results it computed. The stored
    results these cases give are the ones Excel computes, so the file is what a clerk's Excel saves.
    """
    wb = xlsxwriter.Workbook(str(pad))
    vul(wb)
    wb.close()
    if door_excel_bewaard:
        als_door_excel_bewaard(pad)
    return pad


def als_door_excel_bewaard(pad: Path) -> Path:
    """Drop the 'results are stale' mark (`fullCalcOnLoad`) as Excel does when it saves a workbook
    whose stored results it computed; everything else stays as it is."""
    werkmap = pad.read_bytes()
    with zipfile.ZipFile(io.BytesIO(werkmap)) as zf:
        xml = zf.read("xl/workbook.xml").decode()
    assert ' fullCalcOnLoad="1"' in xml
    pad.write_bytes(vervang_onderdeel(werkmap, "xl/workbook.xml", xml.replace(' fullCalcOnLoad="1"', "").encode()))
    return pad


def _som_formules(ws, rij: int, kolommen: range, eerste: int, laatste: int, waarden: list[object]) -> None:
    """=SUM(...) cells with their stored result, as Excel saves them."""
    for k, waarde in zip(kolommen, waarden, strict=False):
        letter = xlsxwriter.utility.xl_col_to_name(k)
        ws.write_formula(rij, k, f"=SUM({letter}{eerste}:{letter}{laatste})", None, waarde)


def totaalrij_met_formules(map_: Path) -> Path:
    """A list closed by a row 'Totaal' with =SUM formulas whose results Excel stored."""
    def vul(wb):
        ws = wb.add_worksheet("Aanvragen")
        ws.write_row(0, 0, KOP)
        for i, rij in enumerate(GOED_GETALLEN, start=1):
            ws.write_row(i, 0, rij)
        ws.write(4, 1, "Totaal")
        _som_formules(ws, 4, range(2, 7), 2, 4, [4270, 168, 15700, 5850, 2000])
    return _xlsxwriter(map_ / "totaal.xlsx", vul)


def tabel_met_totaalrij(map_: Path) -> Path:
    """An Excel Table (Invoegen > Tabel) with its totals row switched on; the label under 'buurt' is
    no totals word, so only the Table itself says what the row is."""
    def vul(wb):
        ws = wb.add_worksheet("Aanvragen")
        kolommen = [{"header": k} for k in KOP]
        kolommen[1].update(total_string="Alle buurten")
        for k, waarde in zip(range(2, 7), [4270, 56, 15700, 5850, 2000], strict=False):
            functie = "average" if KOP[k] == "buurtscore" else "sum"
            kolommen[k].update(total_function=functie, total_value=waarde)
        ws.add_table(0, 0, len(GOED) + 1, len(KOP) - 1, {  # the range includes the totals row
            "name": "Aanvragen2018", "data": GOED_GETALLEN, "columns": kolommen, "total_row": True})
    return _xlsxwriter(map_ / "tabel.xlsx", vul)


def tabel_met_totaalrij_openpyxl(map_: Path) -> Path:
    """The same Table written by openpyxl: the totals row's SUBTOTAL formulas have no stored result."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Aanvragen"
    ws.append(KOP)
    for rij in GOED_GETALLEN:
        ws.append(rij)
    ws.append(["", "Alle buurten", *[f"=SUBTOTAL(109,Aanvragen2018[{k}])" for k in KOP[2:]]])
    tabel = Table(displayName="Aanvragen2018", ref=f"A1:G{len(GOED) + 2}", totalsRowCount=1)
    tabel.tableColumns = [TableColumn(id=i, name=k) for i, k in enumerate(KOP, start=1)]
    ws.add_table(tabel)
    pad = map_ / "tabel_openpyxl.xlsx"
    wb.save(pad)
    return pad


# Formulas in the data itself. By hand: Mariënwaard 5850 (standard) + no toeslag (1200 <= 1300) +
# supplement 3000 (42 < 57) = 8850; Caberg 5850 + 0 (1300 is not more than 1300) + 2500 (55 < 57) =
# 8350; Pottenberg 5850 + 0 + 0 (61 >= 57) = 5850. Together 23050,00 (supplements 5500).
FORMULE_KOP = ["buurt", "huishoudens", "buurtscore", "supplement_aangevraagd"]
FORMULE_RIJEN = [
    ["Mariënwaard", ("=1000+200", 1200), ("=40+2", 42), 3000],
    ["Caberg", 1300, ("=50+5", 55), 2500],
    ["Pottenberg", 1100, ("=60+1", 61), None],
]


def formules_met_uitkomst(map_: Path) -> Path:
    def vul(wb):
        ws = wb.add_worksheet("Aanvragen")
        ws.write_row(0, 0, FORMULE_KOP)
        for i, rij in enumerate(FORMULE_RIJEN, start=1):
            for k, cel in enumerate(rij):
                if isinstance(cel, tuple):
                    ws.write_formula(i, k, cel[0], None, cel[1])
                elif cel is not None:
                    ws.write(i, k, cel)
        ws.write(4, 0, "Totaal")
        _som_formules(ws, 4, range(1, 4), 2, 4, [3600, 158, 5500])
    return _xlsxwriter(map_ / "formules.xlsx", vul)


def formules_door_xlsxwriter(map_: Path) -> Path:
    """Written by XlsxWriter (a Python or web export) and never opened in Excel: XlsxWriter stores
    0 as every formula's result and declares the results stale. Read as stored, every buurtscore
    would be 0 and every buurt a supplement of € 3.000 (Pottenberg too: 3000 instead of 0)."""
    def vul(wb):
        ws = wb.add_worksheet("Aanvragen")
        ws.write_row(0, 0, FORMULE_KOP)
        for i, rij in enumerate(FORMULE_RIJEN, start=1):
            for k, cel in enumerate(rij):
                if isinstance(cel, tuple):
                    ws.write_formula(i, k, cel[0])  # XlsxWriter's default stored result: 0
                elif cel is not None:
                    ws.write(i, k, cel)
    return _xlsxwriter(map_ / "xlsxwriter.xlsx", vul, door_excel_bewaard=False)


def formules_zonder_uitkomst(map_: Path) -> Path:
    """Saved by a program that does not calculate (openpyxl, a web export): no stored results."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Aanvragen"
    ws.append(FORMULE_KOP)
    for rij in FORMULE_RIJEN:
        ws.append([c[0] if isinstance(c, tuple) else c for c in rij])
    ws.append(["Totaal", "=SUM(B2:B4)", "=SUM(C2:C4)", "=SUM(D2:D4)"])
    pad = map_ / "formules_zonder.xlsx"
    wb.save(pad)
    return pad


def buurtscore_als_procent(map_: Path) -> Path:
    """Buurtscores typed as 68% (stored 0.68, shown 68%)."""
    def vul(wb):
        ws = wb.add_worksheet("Aanvragen")
        procent = wb.add_format({"num_format": "0%"})
        ws.write_row(0, 0, KOP)
        for i, rij in enumerate(GOED_GETALLEN, start=1):
            ws.write_row(i, 0, rij)
            ws.write_number(i, 3, rij[3] / 100, procent)
    return _xlsxwriter(map_ / "procent.xlsx", vul)


def verborgen_door_filter(map_: Path) -> Path:
    """An autofilter on 'opmerking' hides a rejected application (Nazareth: 4850, 900 households,
    score 70: 4850,00 by hand; with it the total is 21962,12 + 4850,00 = 26812,12)."""
    def vul(wb):
        ws = wb.add_worksheet("Aanvragen")
        ws.write_row(0, 0, [*KOP, "opmerking"])
        rijen = [*(r + ["toegekend"] for r in GOED_GETALLEN),
                 ["BU09352000", "Nazareth", 900, 70, 4850, None, None, "afgewezen"]]
        for i, rij in enumerate(rijen, start=1):
            ws.write_row(i, 0, rij)
        ws.autofilter(0, 0, len(rijen), len(KOP))
        ws.filter_column(len(KOP), "x == toegekend")
        ws.set_row(len(rijen), None, None, {"hidden": True})
    return _xlsxwriter(map_ / "filter.xlsx", vul)


def aanvragen_op_tweede_blad(map_: Path) -> Path:
    def vul(wb):
        wb.add_worksheet("Toelichting").write(0, 0, "Aanvragen buurtnetwerken 2018, zie blad Aanvragen")
        ws = wb.add_worksheet("Aanvragen")
        ws.write_row(0, 0, KOP)
        for i, rij in enumerate(GOED_GETALLEN, start=1):
            ws.write_row(i, 0, rij)
    return _xlsxwriter(map_ / "tweede_blad.xlsx", vul)


def kopregel_op_ander_blad(map_: Path) -> Path:
    def vul(wb):
        wb.add_worksheet("Info").write(0, 0, "Zie het andere blad")
        ws = wb.add_worksheet("Gegevens 2018")
        ws.write_row(0, 0, KOP)
        for i, rij in enumerate(GOED_GETALLEN, start=1):
            ws.write_row(i, 0, rij)
    return _xlsxwriter(map_ / "ander_blad.xlsx", vul)


# Two header rows. By hand: Binnenstad 2600 + 2000 + 500 + 750 = 5850, toeslag 15% = 877,50
# (potentieel), no buurtscore: no supplement → 6727,50; Wyckerpoort 2100 + 1500 + 500 + 750 = 4850,
# 1250 households: no toeslag → 4850,00. Together 11577,50.
def kopregel_over_twee_rijen(onder: list[str], naam: str) -> Callable[[Path], Path]:
    def maak(map_: Path) -> Path:
        def vul(wb):
            ws = wb.add_worksheet("Aanvragen")
            vet = wb.add_format({"bold": True, "align": "center"})
            ws.merge_range(0, 0, 1, 0, "Buurt", vet)
            ws.merge_range(0, 1, 1, 1, "Huishoudens", vet)
            ws.merge_range(0, 2, 0, 5, "Basissubsidie", vet)
            ws.write_row(1, 2, onder, vet)
            ws.write_row(2, 0, ["Binnenstad", 1620, 2600, 2000, 500, 750])
            ws.write_row(3, 0, ["Wyckerpoort", 1250, 2100, 1500, 500, 750])
        return _xlsxwriter(map_ / naam, vul)
    return maak


COMPONENTEN = ["organisatiekosten", "communicatiekosten", "activiteiten", "plan van aanpak"]


def formulier_bytes(waarden: dict[str, object]) -> bytes:
    """A filled-in application form, as an applicant returns it."""
    from buurtxl import regeling
    from buurtxl.invoer import formulier

    wb = formulier.maak(regeling.laad("2018"))
    ws = wb[formulier.BLAD]
    rijen = {ws.cell(r, formulier.KOLOM_SLEUTEL).value: r for r in range(1, ws.max_row + 1)}
    for sleutel, waarde in waarden.items():
        ws.cell(rijen[sleutel], formulier.KOLOM_INVOER, waarde)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# A folder as it comes back from the buurten. By hand: Binnenstad 6727,50 (its toeslag potentieel: a form
# does not ask what was spent) and Wyckerpoort 6850,00
# and Malberg 8384,62 (as above); nagekomen/Caberg 5850 + 0 (1300 households) + 2500 (55 < 57) =
# 8350,00. Together 30312,12.
FORMULIEREN = {
    "aanvraag_binnenstad.xlsx": {"buurt": "Binnenstad", "huishoudens": 1620, "buurtscore": 68,
                                 "basissubsidie": 5850,
                                 "toelichting": "Wij starten in maart met een buurtfeest."},
    "aanvraag_wyckerpoort.xls": {"buurt": "Wyckerpoort", "huishoudens": 1250, "buurtscore": 52,
                                 "basissubsidie": 4850, "supplement_aangevraagd": 2000},
    "aanvraag_malberg.ods": {"buurt": "Malberg", "huishoudens": 1400, "buurtscore": 48, "basissubsidie": 5000},
    "nagekomen/aanvraag_caberg.xlsx": {"buurt": "Caberg", "huishoudens": 1300, "buurtscore": 55,
                                       "supplement_aangevraagd": 2500},
}


def map_met_formulieren(map_: Path) -> Path:
    """.xlsx, .xls and .ods forms (the latter two converted by LibreOffice, as a clerk's 'Opslaan
    als' does), a subfolder 'nagekomen' and a PDF attachment."""
    from buurtxl import herberekenen

    doel = map_ / "formulieren"
    (doel / "nagekomen").mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        for naam, waarden in FORMULIEREN.items():
            pad = doel / naam
            if pad.suffix == ".xlsx":
                pad.write_bytes(formulier_bytes(waarden))
                continue
            bron = Path(tmp) / f"{pad.stem}.xlsx"
            bron.write_bytes(formulier_bytes(waarden))
            [omgezet] = herberekenen.converteer([bron], Path(tmp) / "uit", pad.suffix[1:])
            shutil.move(omgezet, pad)
    (doel / "bijlage_begroting.pdf").write_bytes(pdf_bytes())
    return doel


def formulier_met_twee_fouten(map_: Path) -> Path:
    pad = map_ / "aanvraag_fouten.xlsx"
    pad.write_bytes(formulier_bytes({"buurt": "Heer", "huishoudens": "veel", "basissubsidie": 6000}))
    return pad


def gemengde_codering(map_: Path) -> Path:
    """A UTF-8 export with one line pasted from an old Windows-1252 file."""
    pad = map_ / "gemengd.csv"
    pad.write_bytes(csv_bytes([KOP, ["", "Mariënwaard", "900", "70", "", "", ""]])
                    + csv_bytes([["", "Céramique", "950", "70", "", "", ""]], codering="cp1252"))
    return pad


def gemengde_codering_met_bom(map_: Path) -> Path:
    """The same mixture, saved first as Excel's 'CSV UTF-8' (which starts with a BOM): the message
    names the byte that is wrong (0xE9, the 'é' of Windows-1252), not one three places before it."""
    pad = map_ / "gemengd_bom.csv"
    pad.write_bytes(csv_bytes([KOP, ["", "Mariënwaard", "900", "70", "", "", ""]], codering="utf-8-sig")
                    + csv_bytes([["", "Café buurt", "950", "70", "", "", ""]], codering="cp1252"))
    return pad


# A comma-separated file typed by hand with a decimal comma: '99,5' and '50,5' are two fields each,
# so every cell right of them would shift one column (the QA file read basissubsidie right but the
# buurtscore 40 as nothing, and gave Wyck a supplement of € 3.000 it did not ask for).
KOMMA_KOP = ["buurt", "huishoudens", "basissubsidie", "supplement_aangevraagd", "buurtscore"]
DECIMALE_KOMMA = [KOMMA_KOP, ["Wyck", "3685", "5349", "99,5", "40"], ["Heer", "4010", "5850", "2500", "50,5"],
                  ["Caberg", "1300", "5850", "", "61"]]


def decimale_komma(map_: Path) -> Path:
    pad = map_ / "komma.csv"
    pad.write_text("\r\n".join(",".join(rij) for rij in DECIMALE_KOMMA) + "\r\n", encoding="utf-8")
    return pad


# Excel pads every row to its used range (trailing separators), and a row may end early (its last
# cells empty): both read as empty cells, so the amounts are those of GOED (21962,12 by hand).
OPGEVULD = [[*KOP, "", ""], *[[*r, "", ""] for r in GOED[:2]], GOED[2][:5]]


def _titel_boven_kop() -> list[list[object]]:
    return [["Aanvragen buurtnetwerken 2018"], ["Afdeling Sociaal Domein"], [], KOP, *GOED]


# -- the corpus ---------------------------------------------------------------------------------

GEVALLEN: list[Geval] = [
    # the file as a whole
    Geval("leeg_csv", "leeg CSV-bestand (0 bytes)", schrijf_bytes("leeg.csv", bytes), False,
          ("leeg.csv", "leeg")),
    Geval("leeg_xlsx", "leeg bestand met extensie .xlsx", schrijf_bytes("leeg.xlsx", bytes), False,
          ("leeg.xlsx", "leeg")),
    Geval("alleen_kopregel", "alleen een kopregel", schrijf_csv("kop.csv", [KOP]), False,
          ("kop.csv", "geen aanvragen")),
    Geval("tabs_in_csv", "tabs in plaats van komma's of puntkomma's (gelezen)",
          schrijf_csv("tabs.csv", [KOP, *GOED], scheiding="\t"), True, aantal=3, totaal=GOED_TOTAAL),
    Geval("tekst_tab_gescheiden", "Excel 'Tekst (tab-gescheiden)' (.txt, Windows-1252)",
          schrijf_csv("aanvragen.txt", met_rij({"buurt": "Céramique"}), scheiding="\t", codering="cp1252"),
          True, aantal=3, totaal=GOED_TOTAAL, buurten=("Céramique",)),
    Geval("tsv", "tab-gescheiden .tsv (UTF-8)", schrijf_csv("aanvragen.tsv", [KOP, *GOED], scheiding="\t"),
          True, aantal=3, totaal=GOED_TOTAAL),
    Geval("gemengde_codering", "UTF-8 met één regel in Windows-1252 (gemengde tekencodering)",
          gemengde_codering, False, ("gemengd.csv", "rij 3", "gemengde tekencodering", "regel 2 is UTF-8")),
    Geval("gemengde_codering_bom", "'CSV UTF-8' (met BOM) met één regel in Windows-1252: de foute byte 0xE9",
          gemengde_codering_met_bom, False, ("gemengd_bom.csv", "rij 3", "regel 2 is UTF-8", "byte 0xE9")),
    Geval("decimale_komma_in_komma_csv", "komma-CSV met een decimale komma ('99,5'): meer velden dan de kopregel",
          decimale_komma, False, ("komma.csv", "rij 2", "rij 3", "heeft 6 velden", "de kopregel (rij 1) heeft er 5",
                                  "decimale komma", "puntkomma's", '"99,5"')),
    Geval("lege_velden_aan_het_eind", "rijen met lege velden achteraan of minder velden dan de kopregel (gelezen)",
          schrijf_csv("opgevuld.csv", OPGEVULD), True, aantal=3, totaal=GOED_TOTAAL),
    Geval("windows_1252", "Windows-1252 met puntkomma's (zoals Nederlandse Excel opslaat)",
          schrijf_csv("ansi.csv", met_rij({"buurt": "Céramique"}), scheiding=";", codering="cp1252"),
          True, buurten=("Céramique",), aantal=3, totaal=GOED_TOTAAL),
    Geval("utf8_bom", "UTF-8 met BOM", schrijf_csv("bom.csv", met_rij({"buurt": "Céramique"}),
                                                   codering="utf-8-sig"), True, buurten=("Céramique",)),
    Geval("titel_boven_kopregel_xlsx", "werkmap met een titelblok boven de kopregel",
          schrijf_xlsx("titel.xlsx", _titel_boven_kop()), True, aantal=3, totaal=GOED_TOTAAL),
    # a clerk's own workbook
    Geval("totaalrij_met_formules", "rij 'Totaal' met =SOM-formules (uitkomsten opgeslagen) onder de lijst",
          totaalrij_met_formules, True, ("totaal.xlsx", "rij 5", "rij overgeslagen", "'Totaal'"),
          waarschuwing=True, aantal=3, totaal=GOED_TOTAAL),
    Geval("tabel_totaalrij", "Excel-tabel met totaalrij ('Alle buurten', SUBTOTAAL met uitkomsten)",
          tabel_met_totaalrij, True, ("tabel.xlsx", "rij 5", "totaalrij van de Excel-tabel 'Aanvragen2018'"),
          waarschuwing=True, aantal=3, totaal=GOED_TOTAAL),
    Geval("tabel_totaalrij_zonder_uitkomsten", "Excel-tabel met totaalrij, formules zonder opgeslagen uitkomst",
          tabel_met_totaalrij_openpyxl, True, ("tabel_openpyxl.xlsx", "rij 5", "totaalrij van de Excel-tabel"),
          waarschuwing=True, aantal=3, totaal=GOED_TOTAAL),
    Geval("subtotalen_csv", "rijen 'Subtotaal centrum' en ' TOTALEN ' tussen en onder de aanvragen",
          schrijf_csv("subtotaal.csv", [KOP, GOED[0], GOED[1],
                                        ["", "Subtotaal centrum", "2870", "", "10700", "5850", "2000"],
                                        GOED[2], ["", " TOTALEN ", "4270", "", "15700", "5850", "2000"]],
                      scheiding=";"),
          True, ("subtotaal.csv", "rij 4", "rij 6", "'Subtotaal centrum'", "'TOTALEN'"), waarschuwing=True,
          aantal=3, totaal=GOED_TOTAAL),
    Geval("somrij_zonder_naam", "een rij zonder buurt met de sommen van de rijen erboven",
          schrijf_csv("som.csv", [KOP, *GOED, ["", "", "4270", "", "15700", "5850", "2000"]]), True,
          ("som.csv", "rij 5", "zonder buurt", "de som van de rijen erboven"), waarschuwing=True,
          aantal=3, totaal=GOED_TOTAAL),
    Geval("somrij_met_naam", "een rij 'Maastricht' met de sommen van de rijen erboven (dubbelzinnig)",
          schrijf_csv("som_naam.csv", [KOP, *GOED, ["", "Maastricht", "4270", "", "15700", "5850", "2000"]]), False,
          ("som_naam.csv", "rij 5", "kolom 'buurt'", "lijkt een totaalrij", "'Maastricht'")),
    Geval("formules_met_uitkomst", "formules met opgeslagen uitkomst in huishoudens en buurtscore",
          formules_met_uitkomst, True, ("formules.xlsx", "rij 5", "'Totaal'"), waarschuwing=True,
          aantal=3, totaal="23050.00", buurten=("Mariënwaard",)),
    Geval("formules_zonder_uitkomst", "formules zonder opgeslagen uitkomst (=40+2): berekend met LibreOffice",
          formules_zonder_uitkomst, True, ("formules_zonder.xlsx", "berekend met LibreOffice", "rij 5"),
          waarschuwing=True, aantal=3, totaal="23050.00"),
    Geval("formules_uitkomsten_verouderd", "formules van XlsxWriter (opgeslagen uitkomst 0, als verouderd "
          "gemarkeerd): berekend met LibreOffice", formules_door_xlsxwriter, True,
          ("xlsxwriter.xlsx", "als verouderd", "berekend met LibreOffice"), waarschuwing=True,
          aantal=3, totaal="23050.00"),
    Geval("buurtscore_procent", "buurtscore als percentage opgemaakt (68%): gelezen als 68",
          buurtscore_als_procent, True, ("procent.xlsx", "kolom 'buurtscore'", "rij 2, 3, 4", "68% is buurtscore 68"),
          waarschuwing=True, aantal=3, totaal=GOED_TOTAAL),
    Geval("verborgen_rij", "een rij verborgen door een filter (telt mee, gemeld; --zonder-verborgen slaat over)",
          verborgen_door_filter, True, ("filter.xlsx", "rij 5", "verborgen", "--zonder-verborgen"),
          waarschuwing=True, aantal=4, totaal="26812.12"),
    Geval("aanvragen_op_tweede_blad", "de aanvragen op blad 'Aanvragen', niet het eerste blad",
          aanvragen_op_tweede_blad, True, ("tweede_blad.xlsx", "blad 'Aanvragen'", "'Toelichting'"),
          waarschuwing=True, aantal=3, totaal=GOED_TOTAAL),
    Geval("kopregel_op_ander_blad", "de kopregel staat op blad 'Gegevens 2018', niet het eerste",
          kopregel_op_ander_blad, False, ("ander_blad.xlsx", "'Info'", "'Gegevens 2018'", '--blad "Gegevens 2018"')),
    Geval("kopregel_twee_rijen", "kopregel over twee rijen: 'Basissubsidie' samengevoegd boven de vier onderdelen",
          kopregel_over_twee_rijen(COMPONENTEN, "twee_rijen.xlsx"), True, aantal=2, totaal="11577.50"),
    Geval("kopregel_twee_rijen_onbekend", "kopregel over twee rijen met eigen namen ('Organisatie', …)",
          kopregel_over_twee_rijen(["Organisatie", "Communicatie", "Activiteiten", "Plan"], "twee_rijen_eigen.xlsx"),
          False, ("twee_rijen_eigen.xlsx", "rij 2", "twee rijen (1 en 2)", "'Organisatie'")),
    Geval("nfc_nfd", "'Mariënwaard' twee keer, samengesteld (NFC) en ontleed (NFD)",
          schrijf_csv("nfd.csv", [KOP, ["", unicodedata.normalize("NFC", "Mariënwaard"), "900", "70", "", "", ""],
                                  ["", unicodedata.normalize("NFD", "Mariënwaard"), "950", "70", "", "", ""]]), False,
          ("nfd.csv", "rij 3", "kolom 'buurt'", "komt al voor op rij 2")),
    Geval("onzichtbaar_teken_in_kop", "een onzichtbaar teken (zero-width space, U+200B) in de kolomnaam 'huishoudens'",
          schrijf_csv("onzichtbaar.csv", [[k if k != "huishoudens" else "Huis\u200bhoudens" for k in KOP], *GOED]),
          True, ("onzichtbaar.csv", "rij 1", "U+200B op positie 5", "gelezen als 'huishoudens'"), waarschuwing=True,
          aantal=3, totaal=GOED_TOTAAL),
    Geval("map_met_formulieren", "map met .xlsx-, .xls- en .ods-formulieren, submap 'nagekomen' en een PDF",
          map_met_formulieren, True,
          ("aanvraag_wyckerpoort.xls", "aanvraag_malberg.ods", "met LibreOffice", "bijlage_begroting.pdf",
           "niet gelezen"), waarschuwing=True, aantal=4, totaal="30312.12"),
    Geval("formulier_twee_fouten", "formulier met twee fouten: huishoudens 'veel' en basissubsidie € 6.000",
          formulier_met_twee_fouten, False,
          ("aanvraag_fouten.xlsx", "kolom 'huishoudens'", "'veel'", "kolom 'basissubsidie'", "6000")),
    # columns
    Geval("ontbrekende_kolom", "verplichte kolom 'huishoudens' ontbreekt",
          schrijf_csv("zonder.csv", [[c for c in KOP if c != "huishoudens"]]
                      + [[v for c, v in zip(KOP, r, strict=True) if c != "huishoudens"] for r in GOED]), False,
          ("zonder.csv", "huishoudens")),
    Geval("onbekende_kolom", "onbekende extra kolom (waarschuwing)",
          schrijf_csv("extra.csv", [[*KOP, "kleur"]] + [[*r, "groen"] for r in GOED]), True,
          ("extra.csv", "kolom 'kleur'", "onbekende kolom"), waarschuwing=True),
    Geval("dubbele_kolom", "kolom 'buurtscore' komt twee keer voor",
          schrijf_csv("dubbel.csv", [[*KOP, "buurtscore"]] + [[*r, "50"] for r in GOED]), False,
          ("dubbel.csv", "kolom 'buurtscore'", "twee keer")),
    # values
    Geval("tekst_in_getal", "tekst in een getalcel", schrijf_csv("tekst.csv", met_rij({"huishoudens": "veel"})),
          False, ("tekst.csv", "rij 2", "kolom 'huishoudens'", "'veel'", "geen getal")),
    Geval("tekst_in_getal_xlsx", "tekst in een getalcel van een werkmap",
          schrijf_xlsx("tekst.xlsx", met_rij({"huishoudens": "veel"}, rij=1)), False,
          ("tekst.xlsx", "blad 'Aanvragen'", "rij 3", "kolom 'huishoudens'", "'veel'")),
    Geval("duizendtalpunt", "'1.300' huishoudens (duizendtalpunt of decimaalpunt?)",
          schrijf_csv("punt.csv", met_rij({"huishoudens": "1.300"})), False,
          ("punt.csv", "rij 2", "kolom 'huishoudens'", "'1.300'", "dubbelzinnig", "schrijf 1300")),
    Geval("euro_zonder_centen", "'€ 4.850' als bedrag (dubbelzinnig)",
          schrijf_csv("euro.csv", met_rij({"basissubsidie": "€ 4.850"}), scheiding=";"), False,
          ("euro.csv", "rij 2", "kolom 'basissubsidie'", "'€ 4.850'", "dubbelzinnig")),
    Geval("nederlandse_notatie", "'4.850,00', '€ 5.000,00' en '2000,50' als bedragen",
          schrijf_csv("nl.csv", [KOP, *met_rij({"basissubsidie": "4.850,00"})[1:2],
                                 *met_rij({"basissubsidie": "€ 5.000,00", "supplement_aangevraagd": "2000,50"},
                                          rij=1)[2:3]], scheiding=";"), True),
    Geval("negatieve_huishoudens", "negatief aantal huishoudens",
          schrijf_csv("neg.csv", met_rij({"huishoudens": "-5"})), False,
          ("neg.csv", "rij 2", "kolom 'huishoudens'", "'-5'", "negatief")),
    Geval("gebroken_huishoudens", "gebroken aantal huishoudens",
          schrijf_csv("breuk.csv", met_rij({"huishoudens": "1300,5"}, rij=2)), False,
          ("breuk.csv", "rij 4", "kolom 'huishoudens'", "'1300,5'", "geheel")),
    Geval("buurtscore_boven_100", "buurtscore 101", schrijf_csv("score.csv", met_rij({"buurtscore": "101"})),
          False, ("score.csv", "rij 2", "kolom 'buurtscore'", "'101'", "0–100")),
    Geval("buurtscore_negatief", "buurtscore -1", schrijf_csv("score_neg.csv", met_rij({"buurtscore": "-1"})),
          False, ("score_neg.csv", "rij 2", "kolom 'buurtscore'", "'-1'", "0–100")),
    Geval("basissubsidie_te_laag", "basissubsidie € 4.849,99 (onder € 4.850)",
          schrijf_csv("laag.csv", met_rij({"basissubsidie": "4849.99"})), False,
          ("laag.csv", "rij 2", "basissubsidie", "4849.99")),
    Geval("onderdelen_te_hoog", "onderdelen samen boven € 5.850",
          schrijf_csv("onderdelen.csv", [[*KOP[:4], "organisatiekosten", "communicatiekosten", "activiteiten",
                                          "plan_van_aanpak"],
                                         ["BU09350000", "Binnenstad", "1620", "68", "3000", "1500", "1000", "351"]]),
          False, ("onderdelen.csv", "rij 2", "€ 5.851,00", "organisatiekosten 3000", "plan_van_aanpak 351")),
    Geval("onderdelen_en_basissubsidie", "onderdelen (2600 + 2000, de rest standaard: 5850) naast basissubsidie 5000",
          schrijf_csv("beide.csv", [["buurt", "huishoudens", "organisatiekosten", "communicatiekosten",
                                     "basissubsidie"], ["Wyck", "1400", "2600", "2000", "5000"]]),
          False, ("beide.csv", "rij 2", "€ 5.850,00", "€ 5.000,00",
                  "'organisatiekosten 2600, communicatiekosten 2000, basissubsidie 5000'")),
    Geval("besteed_negatief", "besteed negatief", schrijf_csv("besteed.csv", met_rij({"besteed": "-10"})),
          False, ("besteed.csv", "rij 2", "kolom 'besteed'", "'-10'", "negatief")),
    Geval("supplement_boven_maximum", "supplement € 3.500 aangevraagd (maximum € 3.000: afgetopt)",
          schrijf_csv("supplement.csv", met_rij({"supplement_aangevraagd": "3500"}, rij=1)), True,
          ("supplement.csv", "rij 3", "kolom 'supplement_aangevraagd'", "afgetopt"), waarschuwing=True),
    # rows
    Geval("dubbele_buurt", "dezelfde buurt twee keer (andere hoofdletters)",
          schrijf_csv("dubbele_buurt.csv", [*met_rij({}), ["BU09359999", "BINNENSTAD", "900", "70", "", "", ""]]),
          False, ("dubbele_buurt.csv", "rij 5", "kolom 'buurt'", "'BINNENSTAD'", "rij 2")),
    Geval("dubbele_buurtcode", "dezelfde buurtcode twee keer",
          schrijf_csv("dubbele_code.csv", [*met_rij({}), ["BU09350000", "Nazareth", "900", "70", "", "", ""]]),
          False, ("dubbele_code.csv", "rij 5", "kolom 'buurtcode'", "'BU09350000'", "rij 2")),
    Geval("lege_rij_midden", "een lege rij tussen de aanvragen (overgeslagen; rijnummers blijven kloppen)",
          schrijf_csv("leeg_midden.csv", [KOP, GOED[0], [""] * len(KOP), GOED[1],
                                          [*GOED[2][:2], "veel", *GOED[2][3:]]]), False,
          ("leeg_midden.csv", "rij 5", "kolom 'huishoudens'", "'veel'")),
    Geval("tienduizend_rijen", "10.000 aanvragen", schrijf_csv("groot.csv", tienduizend_rijen()), True,
          traag=True),
    # what the file really is
    Geval("pdf_als_xlsx", "een PDF met extensie .xlsx", schrijf_bytes("scan.xlsx", pdf_bytes), False,
          ("scan.xlsx", "PDF")),
    Geval("csv_als_xlsx", "een CSV met extensie .xlsx",
          schrijf_bytes("tekst_als.xlsx", lambda: csv_bytes([KOP, *GOED])), False,
          ("tekst_als.xlsx", "tekstbestand", ".csv")),
    Geval("xlsx_als_csv", "een werkmap met extensie .csv",
          schrijf_bytes("werkmap_als.csv", lambda: xlsx_bytes([KOP, *GOED])), False,
          ("werkmap_als.csv", "Excel-werkmap", ".xlsx")),
    Geval("wachtwoord", "een met een wachtwoord beveiligde werkmap",
          schrijf_bytes("geheim.xlsx", versleutelde_werkmap), False, ("geheim.xlsx", "wachtwoord")),
    Geval("afgekapte_zip", "een afgebroken (halve) werkmap", schrijf_bytes("half.xlsx", afgekapt), False,
          ("half.xlsx", "beschadigd of onvolledig")),
    Geval("zip_bom", "een zip-bom (deel pakt uit tot 60 MB, verhouding ~1000:1)",
          schrijf_bytes("bom.xlsx", zip_bom), False, ("bom.xlsx", "zip-bom")),
    Geval("te_groot", "een bestand van 21 MB (grens 20 MB)", te_groot, False, ("te_groot.csv", "20,0 MB")),
    Geval("billion_laughs", "XML-entiteit-expansie ('billion laughs')",
          schrijf_bytes("lachen.xlsx", billion_laughs), False, ("lachen.xlsx", "billion laughs")),
    # issue 24: parts with a DTD whatever their name, overlong fields and texts, too many rows
    Geval("dtd_in_dat", "een blad met een DTD, opgeslagen als 'sheet1.dat' in plaats van .xml",
          lambda map_: _vijandig().dtd_in_deel(map_ / "dat.xlsx", "xl/worksheets/sheet1.xml",
                                               "xl/worksheets/sheet1.dat"),
          False, ("dat.xlsx", "DTD")),
    Geval("veld_te_lang", "een CSV-veld van 140.000 tekens (een aanhalingsteken dat niet sluit)",
          lambda map_: _vijandig().lang_veld_csv(map_ / "lang.csv"), False,
          ("lang.csv", "rij 3", "kolom 'buurt'", "140.000 tekens")),
    Geval("naam_te_lang", "een buurtnaam van 40.000 tekens",
          lambda map_: _vijandig().lange_naam_csv(map_ / "naam.csv"), False,
          ("naam.csv", "rij 2", "kolom 'buurt'", "40.000 tekens lang; hoogstens 200 tekens")),
    Geval("te_veel_rijen", "een CSV van 1.000.000 korte rijen (13 MB, onder de 20 MB)",
          lambda map_: _vijandig().miljoen_csv(map_ / "miljoen.csv"), False, ("miljoen.csv", "100.000 rijen")),
    Geval("te_veel_rijen_xlsx", "een werkmap met een blad van 1.000.000 rijen",
          lambda map_: _vijandig().miljoen_xlsx(map_ / "miljoen.xlsx"), False, ("miljoen.xlsx", "100.000 rijen")),
    # text that could turn into something else
    Geval("formule_injectie", "buurtnamen die met =, +, -, @, tab of CR beginnen (blijven letterlijke tekst)",
          schrijf_csv("injectie.csv", [KOP] + [[f"BU0935{i:04d}", naam, "1000", "60", "", "", ""]
                                               for i, naam in enumerate(INJECTIE)]), True,
          buurten=tuple(INJECTIE_NA_INVOER)),
    Geval("formule_injectie_xlsx", "dezelfde namen in een werkmap",
          schrijf_xlsx("injectie.xlsx", [KOP] + [[f"BU0935{i:04d}", naam, 1000, 60]
                                                 for i, naam in enumerate(INJECTIE)]), True,
          buurten=tuple(INJECTIE_NA_INVOER)),
    Geval("lastige_bladnamen", "namen met tekens die niet in een bladnaam mogen, langer dan 31 tekens, "
          "alleen verschillend in hoofdletters, Unicode en apostrof",
          schrijf_csv("namen.csv", [KOP] + [[f"BU0936{i:04d}", naam, "1000", "60", "", "", ""]
                                            for i, naam in enumerate(LASTIGE_NAMEN)]), True,
          buurten=tuple(LASTIGE_NAMEN)),
    Geval("stuurtekens_in_naam", "stuurtekens (onzichtbare tekens) in buurtnamen",
          schrijf_csv("stuurtekens.csv", [KOP, ["", "Mal\x01berg", "900", "70", "", "", ""],
                                          ["", "Wyck\x1bpoort", "1400", "50", "", "", ""]]), False,
          ("stuurtekens.csv", "rij 2", "kolom 'buurt'", "U+0001", "rij 3", "U+001B",
           "bevat een teken dat niet in een werkmap kan")),
    Geval("zelfde_naam_andere_hoofdletters", "'Sint-Pieter' en 'sint-pieter' (dezelfde buurt)",
          schrijf_csv("hoofdletters.csv", [KOP, ["", "Sint-Pieter", "900", "70", "", "", ""],
                                           ["", "sint-pieter", "950", "70", "", "", ""]]), False,
          ("hoofdletters.csv", "rij 3", "kolom 'buurt'", "'sint-pieter'", "rij 2")),
]


def _vijandig():
    import vijandig  # it builds on this module: imported when a case is made

    return vijandig


def per_naam() -> dict[str, Geval]:
    return {g.naam: g for g in GEVALLEN}


if __name__ == "__main__":  # rewrite docs/foutmeldingen.md from what the command prints today
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from foutmeldingen import schrijf_docs

    print(schrijf_docs())
