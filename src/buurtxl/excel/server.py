"""`buurtxl serve`: xlwings Server with buurtxl's Excel functions, for Excel's Office.js add-ins.

A thin face: it points xlwings Server at the project folder `officejs/` (its `custom_functions`
package re-exports `buurtxl.udfs`; `config.py` sets buurtxl's defaults) and starts uvicorn. No rule
lives here. xlwings Server is the optional extra `buurtxl[server]` and is imported only here, when
the server starts; settings come from `XLWINGS_…` environment variables or a `.env` file in the
working directory, as xlwings Server documents them.
"""

from __future__ import annotations

import errno
import importlib.util
import os
import socket
import ssl
import sys
from pathlib import Path

from ..model import BuurtxlFout

PROJECT = Path(__file__).with_name("officejs")
APP = "xlwings_server.main:main_app"


class ServerFout(BuurtxlFout):
    """The server cannot start: the message says why, in Dutch."""


def beschikbaar() -> bool:
    """Whether the extra `buurtxl[server]` (xlwings Server) is installed."""
    return importlib.util.find_spec("xlwings_server") is not None


def richt_in(werkmap: Path) -> None:
    """Point xlwings Server at buurtxl's project folder and at `werkmap/.env`.

    Environment variables, so that uvicorn's worker processes inherit them. Must run before
    xlwings is first imported: it binds `xw.func` to the Office.js decorators only when
    XLWINGS_ON_SERVER is set at its import (otherwise the functions would not register).
    """
    if "xlwings" in sys.modules:
        raise RuntimeError("xlwings is al geïmporteerd; de server moet het zelf als eerste laden")
    os.environ["XLWINGS_ON_SERVER"] = "true"
    os.environ["XLWINGS_PROJECT_DIR"] = str(PROJECT)
    os.environ.setdefault("DOTENV_PATH", str(werkmap / ".env"))


def controleer_licentie() -> str:
    """The licence type of the configured xlwings key; `ServerFout` without a valid key."""
    # Imported for its effect: it copies XLWINGS_LICENSE_KEY from .env into os.environ.
    import xlwings_server.config  # type: ignore[import-untyped]  # noqa: F401

    try:
        # On a server, `import xlwings` itself validates the key, so its LicenseError class
        # cannot be imported beforehand: it is recognised by name.
        from xlwings.pro.utils import LicenseHandler

        return str(LicenseHandler.validate_license("pro").get("license_type", "pro"))
    except Exception as fout:
        if type(fout).__name__ != "LicenseError":
            raise
        sleutel = os.environ.get("XLWINGS_LICENSE_KEY")
        reden = "is ongeldig" if sleutel else "ontbreekt"
        raise ServerFout(
            f"De licentiesleutel van xlwings (XLWINGS_LICENSE_KEY) {reden}. xlwings Server is "
            "xlwings PRO: zet de sleutel in de omgeving of in .env, bijvoorbeeld "
            "XLWINGS_LICENSE_KEY=noncommercial voor de PolyForm Noncommercial-licentie "
            "(zie README, Licenties) of de sleutel van een betaalde licentie."
        ) from None


_ADRESFOUTEN = {
    errno.EADDRINUSE: "de poort is al in gebruik (draait de server al?)",
    errno.EACCES: "geen toestemming (een poort onder 1024 vraagt beheerrechten)",
    errno.EADDRNOTAVAIL: "dit adres hoort niet bij deze machine",
}


def controleer_adres(host: str, port: int) -> None:
    """`ServerFout` when the server could not listen on host:port, before uvicorn says so in English."""
    try:
        familie, _, _, _, adres = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                     flags=socket.AI_PASSIVE)[0]
        with socket.socket(familie, socket.SOCK_STREAM) as proef:
            proef.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            proef.bind(adres)
    except socket.gaierror:
        raise ServerFout(f"kan niet luisteren op {host}:{port}: onbekend adres") from None
    except OSError as fout:
        reden = _ADRESFOUTEN.get(fout.errno or 0, fout.strerror or str(fout))
        raise ServerFout(f"kan niet luisteren op {host}:{port}: {reden}") from None


def controleer_certificaat(certificaat: Path, sleutel: Path) -> None:
    """`ServerFout` when the TLS certificate and key do not load (format, pair, password)."""
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(certificaat, sleutel)
    except (ssl.SSLError, OSError) as fout:
        raise ServerFout(
            f"{certificaat} en {sleutel}: geen bruikbaar certificaat met bijbehorende private sleutel "
            f"(PEM, zonder wachtwoord): {getattr(fout, 'reason', None) or fout}"
        ) from None


def start(host: str, port: int, workers: int = 1, certificaat: Path | None = None,
          sleutel: Path | None = None) -> None:
    """Run the server until it is stopped (Ctrl+C or SIGTERM)."""
    import uvicorn

    uvicorn.run(
        APP,
        host=host,
        port=port,
        workers=workers,
        ssl_certfile=str(certificaat) if certificaat else None,
        ssl_keyfile=str(sleutel) if sleutel else None,
        proxy_headers=True,  # X-Forwarded-Proto/-For from the reverse proxy (FORWARDED_ALLOW_IPS)
        server_header=False,
        log_level=os.environ.get("XLWINGS_LOG_LEVEL", "info").lower(),
    )
