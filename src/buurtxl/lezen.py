"""Read an input file (CSV for now) into validated applications; see `invoer` for the contract."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .invoer import Invoer, Probleem, check_kolommen, valideer
from .regeling import Regeling


def lees(pad: str | Path, regeling: Regeling) -> Invoer:
    """Read and validate one input file; problems name the file, row and column."""
    pad = Path(pad)
    if pad.suffix.lower() != ".csv":
        return Invoer(problemen=[Probleem(f"bestandstype '{pad.suffix}' wordt niet ondersteund", pad.name)])
    return lees_csv_tekst(_decodeer(pad.read_bytes()), regeling, bestand=pad.name)


def _decodeer(data: bytes) -> str:
    # Dutch Excel saves CSV as Windows-1252 unless asked for UTF-8 (which then has a BOM).
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def lees_csv_tekst(tekst: str, regeling: Regeling, *, bestand: str) -> Invoer:
    """Comma- or semicolon-separated text with a header row."""
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    rijen = list(lezer)
    if not rijen:
        return Invoer(problemen=[Probleem("het bestand is leeg", bestand)], bronnen=[bestand])
    kop, data = rijen[0], rijen[1:]
    problemen = check_kolommen(kop, bestand=bestand)
    if any(p.is_fout for p in problemen):
        return Invoer(problemen=problemen, bronnen=[bestand])
    genummerd = ((nummer, dict(zip(kop, rij))) for nummer, rij in enumerate(data, start=2))
    invoer = valideer(genummerd, regeling, bestand=bestand)
    invoer.problemen[:0] = problemen
    invoer.bronnen.append(bestand)
    if not invoer.aanvragen and invoer.ok:
        invoer.problemen.append(Probleem("het bestand bevat geen aanvragen (alleen een kopregel)", bestand))
    return invoer
