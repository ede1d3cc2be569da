"""`buurtxl serve`: xlwings Server with buurtxl's Excel functions, for Excel's Office.js add-ins.

A thin face: it points xlwings Server at the project folder `officejs/` (its `custom_functions`
package re-exports `buurtxl.udfs`; `config.py` sets buurtxl's defaults) and starts uvicorn. No rule
lives here. xlwings Server is the optional extra `buurtxl[server]` and is imported only here, when
the server starts; settings come from `XLWINGS_…` environment variables or a `.env` file in the
working directory, as xlwings Server documents them.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

from .model import BuurtxlFout

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
