"""buurtxl's styles appended to the user's styles.xml.

The user's sheets point at styles by position (`s="12"` is the 13th cellXfs entry), so the user's
entries keep their positions and buurtxl's are added after them: number formats with ids above the
user's highest, fonts, fills, borders, cellStyleXfs, cellXfs, named cell styles and dxfs. An entry
equal to one already there is reused instead of appended, so a second update adds nothing. The
result maps buurtxl's old indexes to the new ones, for `s=`/`dxfId=` in buurtxl's own parts.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from .onderdelen import NS_MAIN, naar_bytes, xml

M = f"{{{NS_MAIN}}}"
# CT_Stylesheet's children in schema order.
_VOLGORDE = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
             "tableStyles", "colors", "extLst"]
EERSTE_EIGEN_NUMFMT = 164  # ids below are Excel's built-in formats


@dataclass(frozen=True)
class Samengevoegd:
    xml: bytes
    cel: list[int]  # cellXfs index of the scratch workbook → index in the merged styles
    dxf: list[int]


def _vorm(e: etree._Element) -> tuple:
    """What makes two entries equal, ignoring namespace prefixes and attribute order."""
    return (
        e.tag,
        tuple(sorted(e.attrib.items())),
        (e.text or "").strip(),
        tuple(_vorm(k) for k in e if isinstance(k.tag, str)),
    )


def _lijst(boom: etree._Element, naam: str) -> etree._Element:
    lijst = boom.find(M + naam)
    if lijst is None:
        lijst = etree.Element(M + naam)
        plaats = _VOLGORDE.index(naam)
        voor = {M + n for n in _VOLGORDE[:plaats]}
        laatste = max((i for i, k in enumerate(boom) if k.tag in voor), default=-1)
        boom.insert(laatste + 1, lijst)
    return lijst


def _kinderen(lijst: etree._Element | None, tag: str) -> list[etree._Element]:
    return [] if lijst is None else list(lijst.iterfind(M + tag))


def _voeg_toe(doel: etree._Element, tag: str, nieuw: list[etree._Element],
              vast: dict[int, int] | None = None) -> list[int]:
    """Append each entry of `nieuw` to `doel` unless an equal one is there; return their indexes.
    `vast`: entries (by position in `nieuw`) that are not added but map to the given index."""
    bestaand = _kinderen(doel, tag)
    vormen: dict[tuple, int] = {}
    for i, e in enumerate(bestaand):
        vormen.setdefault(_vorm(e), i)
    uit = []
    for i, e in enumerate(nieuw):
        if vast and i in vast:
            uit.append(vast[i])
            continue
        vorm = _vorm(e)
        if vorm not in vormen:
            doel.append(copy.deepcopy(e))
            vormen[vorm] = len(bestaand)
            bestaand.append(e)
        uit.append(vormen[vorm])
    doel.set("count", str(len(bestaand)))
    return uit


def _herschrijf(e: etree._Element, kaarten: dict[str, list[int] | dict[int, int]]) -> etree._Element:
    e = copy.deepcopy(e)
    for attr, kaart in kaarten.items():
        waarde = e.get(attr)
        if waarde is not None and waarde.isdigit():
            e.set(attr, str(kaart[int(waarde)]))
    return e


def voeg_samen(gebruiker: bytes, kladblok: bytes) -> Samengevoegd:
    """The user's styles.xml with the scratch workbook's styles appended."""
    boom, klad = xml(gebruiker), xml(kladblok)

    numfmts = _lijst(boom, "numFmts")
    codes = {e.get("formatCode"): int(e.get("numFmtId", "0")) for e in _kinderen(numfmts, "numFmt")}
    volgende = max([EERSTE_EIGEN_NUMFMT - 1, *codes.values()]) + 1
    fmt: dict[int, int] = {}
    for e in _kinderen(klad.find(M + "numFmts"), "numFmt"):
        oud, code = int(e.get("numFmtId", "0")), e.get("formatCode")
        if code not in codes:
            nieuw = copy.deepcopy(e)
            nieuw.set("numFmtId", str(volgende))
            numfmts.append(nieuw)
            codes[code], volgende = volgende, volgende + 1
        fmt[oud] = codes[code]
    numfmts.set("count", str(len(_kinderen(numfmts, "numFmt"))))
    if len(numfmts) == 0:
        boom.remove(numfmts)
    getal = _Getal(fmt)

    kaart: dict[str, list[int] | dict[int, int]] = {"numFmtId": getal}
    for lijst, tag, attr in (
        ("fonts", "font", "fontId"),
        ("fills", "fill", "fillId"),
        ("borders", "border", "borderId"),
    ):
        kaart[attr] = _voeg_toe(_lijst(boom, lijst), tag, _kinderen(klad.find(M + lijst), tag))
    # A built-in style (Normal, Good, Heading 1, …) is one per workbook whatever its name: Dutch Excel
    # calls Normal 'Standaard'. Ours is left out where the user has it, and our cells build on theirs.
    stijlen = _lijst(boom, "cellStyles")
    hun = {_stijlsleutel(e): e for e in _kinderen(stijlen, "cellStyle")}
    vast: dict[int, int] = {}
    for e in _kinderen(klad.find(M + "cellStyles"), "cellStyle"):
        van_hun = hun.get(_stijlsleutel(e))
        if e.get("builtinId") is not None and van_hun is not None and (e.get("xfId") or "").isdigit() \
                and (van_hun.get("xfId") or "").isdigit():
            vast[int(e.get("xfId", ""))] = int(van_hun.get("xfId", ""))
    stijl_xf = _voeg_toe(_lijst(boom, "cellStyleXfs"), "xf",
                         [_herschrijf(e, kaart) for e in _kinderen(klad.find(M + "cellStyleXfs"), "xf")], vast)
    cel = _voeg_toe(_lijst(boom, "cellXfs"), "xf",
                    [_herschrijf(e, {**kaart, "xfId": stijl_xf}) for e in _kinderen(klad.find(M + "cellXfs"), "xf")])

    for e in _kinderen(klad.find(M + "cellStyles"), "cellStyle"):
        if _stijlsleutel(e) not in hun:
            stijlen.append(_herschrijf(e, {"xfId": stijl_xf}))
            hun[_stijlsleutel(e)] = e
    stijlen.set("count", str(len(_kinderen(stijlen, "cellStyle"))))

    dxfs = _kinderen(klad.find(M + "dxfs"), "dxf")
    dxf = _voeg_toe(_lijst(boom, "dxfs"), "dxf", dxfs) if dxfs else []
    if boom.find(M + "dxfs") is not None and len(boom.find(M + "dxfs")) == 0:
        boom.find(M + "dxfs").set("count", "0")
    return Samengevoegd(naar_bytes(boom), cel, dxf)


def _stijlsleutel(e: etree._Element) -> tuple[str, ...]:
    """A named style's identity: its built-in id (and outline level) where it has one, else its name."""
    if e.get("builtinId") is not None:
        return ("ingebouwd", e.get("builtinId", ""), e.get("iLevel", ""))
    return ("naam", e.get("name", "").casefold())


class _Getal(dict):
    """numFmtId map: built-in ids map to themselves."""

    def __missing__(self, sleutel: int) -> int:
        return sleutel
