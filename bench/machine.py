"""What the figures were measured on: processor, cores, memory, Python and library versions."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

BIBLIOTHEKEN = ("buurtxl", "openpyxl", "xlsxwriter", "pandas", "numpy", "xlwings", "click")


def _processor() -> str:
    try:
        for regel in Path("/proc/cpuinfo").read_text().splitlines():
            if regel.startswith("model name"):
                return regel.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "onbekend"


def _geheugen_gb() -> float | None:
    try:
        for regel in Path("/proc/meminfo").read_text().splitlines():
            if regel.startswith("MemTotal:"):
                return int(regel.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def _libreoffice() -> str:
    try:
        uit = subprocess.run(["soffice", "--version"], capture_output=True, text=True, timeout=60)
        return uit.stdout.strip() or "onbekend"
    except (OSError, subprocess.SubprocessError):
        return "niet geïnstalleerd"


def _versie(naam: str) -> str:
    try:
        return metadata.version(naam)
    except metadata.PackageNotFoundError:
        return "niet geïnstalleerd"


def beschrijving() -> dict[str, str]:
    geheugen = _geheugen_gb()
    return {
        "processor": _processor(),
        "kernen": str(os.cpu_count()),
        "geheugen": f"{geheugen:.1f} GB".replace(".", ",") if geheugen else "onbekend",
        "systeem": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        **{naam: _versie(naam) for naam in BIBLIOTHEKEN},
        "LibreOffice": _libreoffice(),
    }
