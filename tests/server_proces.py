"""Start `buurtxl serve` as a real process on a free loopback port, for tests and benchmarks.

The server runs exactly as an administrator starts it (the console command, its own process,
settings from the environment), in an empty working directory so that no `.env` of the developer
is read. It is always stopped again, also when a test fails.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
START_SECONDEN = 90  # two shared cores under a full test run: start-up can take a while


def vereis_server() -> None:
    """xlwings Server is the server under test: in CI its absence is a failure, never a skip."""
    if importlib.util.find_spec("xlwings_server") is None:
        if os.environ.get("CI"):
            pytest.fail("CI: xlwings Server ontbreekt; installeer de extra buurtxl[server]")
        pytest.skip("xlwings Server (buurtxl[server]) is niet geïnstalleerd")


def vereis_node() -> str:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("CI: Node.js ontbreekt; installeer nodejs (scripts/test.sh doet dat)")
        pytest.skip("Node.js is niet geïnstalleerd")
    return node


def vrije_poort() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A running `buurtxl serve` and a few plain-HTTP helpers to talk to it."""

    def __init__(self, url: str, proces: subprocess.Popen[bytes], log: Path,
                 tls: ssl.SSLContext | None = None) -> None:
        self.url, self.proces, self.log, self.tls = url, proces, log, tls

    def get(self, pad: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + pad, timeout=30, context=self.tls) as antwoord:
                return antwoord.status, antwoord.read().decode("utf-8")
        except urllib.error.HTTPError as fout:
            return fout.code, fout.read().decode("utf-8")

    def roep(self, functie: str, *args: Any, runtime: str = "1.4") -> tuple[int, Any]:
        """One call as xlwings' custom-functions JavaScript posts it: (status, JSON or text)."""
        body = {
            "client": "Office.js",
            "func_name": functie,
            "args": list(args),
            "caller_address": "[buurtxl_officejs.xlsx]Voorbeeld!A1",
            "culture_info_name": "nl-NL",
            "date_format": "d-M-yyyy",
            "version": "0.37.8",
            "runtime": runtime,
        }
        verzoek = urllib.request.Request(
            self.url + "/xlwings/custom-functions-call",
            data=json.dumps(body).encode("utf-8"),
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(verzoek, timeout=60, context=self.tls) as antwoord:
                return antwoord.status, json.loads(antwoord.read())["result"]
        except urllib.error.HTTPError as fout:
            return fout.code, fout.read().decode("utf-8")


def _antwoordt(url: str, tls: ssl.SSLContext | None) -> bool:
    try:
        with urllib.request.urlopen(url + "/manifest", timeout=5, context=tls) as antwoord:
            return antwoord.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@contextmanager
def server(workers: int = 1, omgeving: dict[str, str] | None = None, dotenv: str | None = None,
           tls: tuple[Path, Path] | None = None) -> Iterator[Server]:
    """`buurtxl serve --host 127.0.0.1 --port <free> --workers N`, until the block ends.

    `dotenv`: the text of a `.env` in the server's working directory; the licence key then comes
    from there only. `tls`: (certificate, key) for --certificaat/--sleutel; the client then trusts
    exactly that certificate.
    """
    poort = vrije_poort()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XLWINGS_", "DOTENV_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    if dotenv is None:
        env["XLWINGS_LICENSE_KEY"] = "noncommercial"
    env["XLWINGS_LOG_LEVEL"] = "WARNING"  # one log line per call would dominate a benchmark
    env.update(omgeving or {})
    opdracht = [sys.executable, "-c", "from buurtxl.cli import main; main()", "serve",
                "--host", "127.0.0.1", "--port", str(poort), "--workers", str(workers)]
    context = None
    if tls is not None:
        opdracht += ["--certificaat", str(tls[0]), "--sleutel", str(tls[1])]
        context = ssl.create_default_context(cafile=str(tls[0]))
    with tempfile.TemporaryDirectory(prefix="buurtxl-serve-") as map_:
        if dotenv is not None:
            (Path(map_) / ".env").write_text(dotenv, encoding="utf-8")
        log = Path(map_) / "server.log"
        with log.open("wb") as uit:
            proces = subprocess.Popen(opdracht, cwd=map_, env=env, stdout=uit, stderr=subprocess.STDOUT,
                                      start_new_session=True)
        url = f"{'https' if tls else 'http'}://127.0.0.1:{poort}"
        try:
            einde = time.monotonic() + START_SECONDEN
            while not _antwoordt(url, context):
                if proces.poll() is not None:
                    raise RuntimeError(f"buurtxl serve stopte (code {proces.returncode}):\n{log.read_text()}")
                if time.monotonic() > einde:
                    raise RuntimeError(f"buurtxl serve antwoordt niet na {START_SECONDEN} s:\n{log.read_text()}")
                time.sleep(0.2)
            yield Server(url, proces, log, context)
        finally:
            _stop(proces)


def _stop(proces: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's own process group (uvicorn and its workers), SIGKILL if it lingers."""
    if proces.poll() is not None:
        return
    os.killpg(proces.pid, signal.SIGTERM)
    try:
        proces.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proces.pid, signal.SIGKILL)
        proces.wait(timeout=20)
