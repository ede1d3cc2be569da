"""`buurtxl serve`: xlwings Server with buurtxl's Excel functions, for Excel's Office.js add-ins.

A thin face: it points xlwings Server at the project folder `officejs/` (its `custom_functions`
package re-exports `buurtxl.udfs`; `config.py` sets buurtxl's defaults), checks the settings and the
address, and starts uvicorn on `serverapp` (xlwings Server's app with buurtxl's limits and Dutch
error answers). No rule lives here. xlwings Server is the optional extra `buurtxl[server]` and
is imported only here, when the server starts; settings come from `XLWINGS_…` environment
variables or a `.env` file in the working directory, as xlwings Server documents them.
"""

from __future__ import annotations

import errno
import importlib
import importlib.util
import ipaddress
import os
import socket
import ssl
import sys
from pathlib import Path
from typing import Any

from ..model import BuurtxlFout

PROJECT = Path(__file__).with_name("officejs")
APP = "buurtxl.excel.serverapp:main_app"
OPEN_OPTIE = "--zonder-authenticatie"
AANMELDINGEN = ("entraid",)  # xlwings Server's "custom" provider is a template (it accepts "test-token")


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


def instellingen() -> Any:
    """buurtxl's settings for xlwings Server (officejs/config.py), as its workers will read them:
    from the environment, `.env` and the defaults. `ServerFout` for a value that does not validate.

    xlwings Server itself would fall back to its own defaults without a word (namespace XLWINGS,
    no limits), so a wrong value must stop the start here.
    """
    from pydantic import ValidationError
    from pydantic_settings import SettingsError

    try:
        # Its import puts officejs/ on sys.path and builds the settings once already (falling back
        # to its own class, which may fail on the same value).
        import xlwings_server.config  # noqa: F401

        return importlib.import_module("config").Settings()
    except SettingsError as fout:  # a value that is not JSON where a list is expected
        raise ServerFout(f"een instelling is ongeldig ({fout}); zie docs/SERVER.md") from None
    except ValidationError as fout:
        eerste = fout.errors()[0]
        veld = str(eerste["loc"][0]) if eerste["loc"] else "?"
        naam = veld if veld.startswith("BUURTXL_") else f"XLWINGS_{veld.upper()}"
        waarde = repr(eerste.get("input"))
        waarde = waarde if len(waarde) <= 60 else waarde[:60] + "…"
        raise ServerFout(f"de instelling {naam} heeft een ongeldige waarde ({waarde}); zie docs/SERVER.md") from None


def is_loopback(host: str) -> bool:
    """Whether every address `host` names is this machine's loopback (127.0.0.0/8, ::1)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        adressen = {a[4][0] for a in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)}
    except socket.gaierror:
        raise ServerFout(f"kan niet luisteren op {host}: onbekend adres") from None
    return all(ipaddress.ip_address(str(a).split("%")[0]).is_loopback for a in adressen)


def aanmelding(ingesteld: Any) -> str | None:
    """The sign-in the settings switch on ("entraid"), None without; `ServerFout` when half set."""
    providers = list(ingesteld.auth_providers or [])
    onbekend = [p for p in providers if p not in AANMELDINGEN]
    if onbekend:
        raise ServerFout(
            f"XLWINGS_AUTH_PROVIDERS noemt {', '.join(map(repr, onbekend))}; buurtxl ondersteunt alleen "
            '["entraid"] (aanmelden met Entra ID, docs/SERVER.md)'
        )
    if not providers:
        return None
    ontbreekt = [naam for naam, waarde in (
        ("XLWINGS_AUTH_ENTRAID_CLIENT_ID", ingesteld.auth_entraid_client_id),
        ("XLWINGS_AUTH_ENTRAID_TENANT_ID", ingesteld.auth_entraid_tenant_id or ingesteld.auth_entraid_multitenant),
    ) if not waarde]
    if ontbreekt:
        raise ServerFout(f"aanmelden met Entra ID staat aan, maar {' en '.join(ontbreekt)} ontbreekt (docs/SERVER.md)")
    return providers[0]


def controleer_toegang(host: str, ingesteld: Any, zonder_authenticatie: bool) -> None:
    """`ServerFout` when the server would listen beyond this machine without anyone signing in."""
    if aanmelding(ingesteld) or zonder_authenticatie or is_loopback(host):
        return
    raise ServerFout(
        f"{host} is bereikbaar vanaf andere machines, en zonder aanmelding rekent de server voor "
        "iedereen die hem bereikt. Zet aanmelden met Entra ID aan (XLWINGS_AUTH_PROVIDERS=[\"entraid\"], "
        "docs/SERVER.md, onderdeel 5), luister op 127.0.0.1 achter een reverse proxy, of start bewust "
        f"open met {OPEN_OPTIE}"
    )


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
