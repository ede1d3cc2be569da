"""The Office.js route's documentation says what the code does: the licence clause is quoted
word for word from the licence that ships with xlwings Server, and docs/SERVER.md names every
setting buurtxl changes and every option of `buurtxl serve`.
"""

from __future__ import annotations

import ast
from importlib import metadata
from pathlib import Path

from buurtxl.cli import serve
from server_proces import vereis_server

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SERVER = (ROOT / "docs" / "SERVER.md").read_text(encoding="utf-8")
CONFIG = ROOT / "src" / "buurtxl" / "excel" / "officejs" / "config.py"


def _sectie(tekst: str, naam: str) -> str:
    return tekst[tekst.index(f"<!-- {naam}:begin") : tekst.index(f"<!-- {naam}:end -->")]


def test_readme_citeert_de_bepaling_over_overheidsinstellingen_letterlijk() -> None:
    vereis_server()
    licentie = metadata.distribution("xlwings-server").read_text("licenses/LICENSE.md")
    assert licentie is not None and "PolyForm Noncommercial License 1.0.0" in licentie
    bepaling = licentie[licentie.index("## Noncommercial Organizations") :]
    bepaling = bepaling[: bepaling.index("\n## ", 1)].strip()
    citaat = "\n".join(
        regel.removeprefix(">").removeprefix(" ")
        for regel in _sectie(README, "server").splitlines()
        if regel.startswith(">")
    ).strip()
    assert citaat == bepaling
    assert "government institution" in citaat


def test_readme_noemt_beide_licenties_en_de_leverancier() -> None:
    tekst = _sectie(README, "server")
    for woord in ("BSD 3-clause", "PolyForm Noncommercial License 1.0.0", "Zoomer Analytics",
                  "XLWINGS_LICENSE_KEY=noncommercial", "bevestigen"):
        assert woord in tekst, woord


def test_serverdocumentatie_noemt_elke_instelling_die_buurtxl_wijzigt() -> None:
    klasse = next(n for n in ast.parse(CONFIG.read_text()).body if isinstance(n, ast.ClassDef))
    velden = {n.target.id: _alias(n.value) for n in klasse.body
              if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
    assert "functions_namespace" in velden and velden["max_cellen"] == "BUURTXL_MAX_CELLEN"
    for veld, alias in velden.items():
        naam = alias or f"XLWINGS_{veld.upper()}"
        assert naam in SERVER or naam.rsplit("_", 1)[0] in SERVER, naam  # MANIFEST_ID_PROD (en _DEV…)


def _alias(waarde: ast.expr | None) -> str | None:
    """The environment variable of a buurtxl setting: `Field(…, validation_alias="BUURTXL_…")`."""
    if isinstance(waarde, ast.Call):
        for k in waarde.keywords:
            if k.arg == "validation_alias" and isinstance(k.value, ast.Constant):
                return str(k.value.value)
    return None


def test_serverdocumentatie_noemt_elke_optie_van_serve() -> None:
    for optie in serve.params:
        for naam in optie.opts:
            assert f"{naam} " in SERVER or f"{naam}`" in SERVER, naam


def test_serverdocumentatie_zegt_wat_hier_wel_en_niet_is_gecontroleerd() -> None:
    assert "geen Excel" in SERVER
    assert "Niet** gecontroleerd" in SERVER
    for onderwerp in ("HTTPS", "beheercentrum", "Entra ID", "workers", "Redis", "sideloaden"):
        assert onderwerp in SERVER, onderwerp
