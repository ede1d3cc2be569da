"""`buurtxl serve` does not start open to the network, nor on settings it cannot use (issue 24, 17).

A host other than loopback needs sign-in with Entra ID or the explicit --zonder-authenticatie. The
refusal comes before the server binds: each test holds the port itself on 127.0.0.1, so that a
server that got as far as binding would say "de poort is al in gebruik" instead. Nothing here
listens on another address than loopback.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from buurtxl.excel import server as server_module
from server_proces import SRC, server, vereis_server

ENTRA_ID = {
    "XLWINGS_AUTH_PROVIDERS": '["entraid"]',
    "XLWINGS_AUTH_ENTRAID_CLIENT_ID": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
    "XLWINGS_AUTH_ENTRAID_TENANT_ID": "11111111-2222-4333-8444-555555555555",
}


@contextmanager
def bezette_poort() -> Iterator[int]:
    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        yield int(bezet.getsockname()[1])


def serve(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith(("XLWINGS_", "BUURTXL_", "DOTENV_"))}
    omgeving.update({"PYTHONPATH": str(SRC), "XLWINGS_LICENSE_KEY": "noncommercial"}, **(env or {}))
    return subprocess.run(
        [sys.executable, "-c", "from buurtxl.cli import main; main()", "serve", *args], check=False,
        capture_output=True, text=True, env=omgeving, timeout=120, cwd=SRC.parent / "tests",
    )


def test_open_op_het_netwerk_zonder_aanmelding_weigert_te_starten() -> None:
    vereis_server()
    with bezette_poort() as poort:
        uit = serve("--host", "0.0.0.0", "--port", str(poort))
    assert uit.returncode == 2 and "Traceback" not in uit.stderr
    melding = " ".join(uit.stderr.split())
    assert "0.0.0.0 is bereikbaar vanaf andere machines" in melding
    assert "--zonder-authenticatie" in melding and 'XLWINGS_AUTH_PROVIDERS=["entraid"]' in melding
    assert "de poort is al in gebruik" not in melding  # refused before binding


@pytest.mark.parametrize("wijze", ["--zonder-authenticatie", "Entra ID"])
def test_met_aanmelding_of_de_expliciete_optie_komt_hij_voorbij_de_toegang(wijze: str) -> None:
    vereis_server()
    with bezette_poort() as poort:
        if wijze == "Entra ID":
            uit = serve("--host", "0.0.0.0", "--port", str(poort), env=ENTRA_ID)
        else:
            uit = serve("--host", "0.0.0.0", "--port", str(poort), wijze)
    # It went on to the address check: the next step, which the held port stops.
    assert uit.returncode == 2 and "de poort is al in gebruik" in uit.stderr
    assert "bereikbaar vanaf andere machines" not in uit.stderr


@pytest.mark.parametrize(("omgeving", "melding"), [
    ({"XLWINGS_AUTH_PROVIDERS": '["custom"]'}, "XLWINGS_AUTH_PROVIDERS noemt 'custom'; buurtxl ondersteunt alleen"),
    ({**ENTRA_ID, "XLWINGS_AUTH_ENTRAID_TENANT_ID": ""}, "XLWINGS_AUTH_ENTRAID_TENANT_ID ontbreekt"),
    ({"XLWINGS_AUTH_PROVIDERS": "[entraid"}, "de instelling XLWINGS_AUTH_PROVIDERS heeft een ongeldige waarde"),
    ({"BUURTXL_MAX_CELLEN": "veel"}, "de instelling BUURTXL_MAX_CELLEN heeft een ongeldige waarde ('veel')"),
    ({"BUURTXL_MAX_VERZOEK_MB": "0"}, "de instelling BUURTXL_MAX_VERZOEK_MB heeft een ongeldige waarde ('0')"),
])
def test_onbruikbare_instellingen_een_nederlandse_melding_en_code_2(omgeving: dict[str, str], melding: str) -> None:
    # Without this check xlwings Server would silently fall back to its own settings (namespace
    # XLWINGS, no limits), or fail at the first call.
    vereis_server()
    with bezette_poort() as poort:
        uit = serve("--port", str(poort), env=omgeving)
    assert uit.returncode == 2 and "Traceback" not in uit.stderr
    assert melding in " ".join(uit.stderr.split())


def test_grenzen_uit_env_in_de_werkmap() -> None:
    vereis_server()
    dotenv = "XLWINGS_LICENSE_KEY=noncommercial\nBUURTXL_MAX_CELLEN=10\n"
    with server(dotenv=dotenv) as s:
        assert s.roep("TOESLAG_PERCENTAGE", [[1420]] * 9, None)[0] == 200  # 9 + 1 cells
        status, tekst = s.roep("TOESLAG_PERCENTAGE", [[1420]] * 10, None)
    assert status == 413 and "hoogstens 10 (instelling BUURTXL_MAX_CELLEN)" in tekst


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.0.2.10", False),
])
def test_wat_loopback_is(host: str, loopback: bool) -> None:
    assert server_module.is_loopback(host) is loopback


def test_hulp_van_serve_noemt_de_optie() -> None:
    uit = serve("--help")
    assert uit.returncode == 0
    assert "--zonder-authenticatie" in uit.stdout and "Entra ID" in uit.stdout
