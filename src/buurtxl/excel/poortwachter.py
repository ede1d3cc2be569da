"""The gate in front of xlwings Server: a body limit while reading, and a call checked before it runs.

An ASGI middleware on xlwings Server's FastAPI app (inside its CORS layer, so that Excel on the web
reads the refusal). It reads each request's body itself, in the chunks uvicorn delivers, and stops at
the limit: a Content-Length above it is refused before a byte is read, a streamed (chunked) body as
soon as it passes it, so a 100 MB upload never sits in memory. A call to the functions is then
checked (`aanroepcontrole`) and only a well-formed one reaches xlwings, with the body replayed.
After a large call the freed memory goes back to the system (glibc keeps it otherwise).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

from ..model import BuurtxlFout
from .aanroepcontrole import Functie, Weigering, controleer, getal

Scope = MutableMapping[str, Any]
Bericht = MutableMapping[str, Any]
Ontvang = Callable[[], Awaitable[Bericht]]
Stuur = Callable[[Bericht], Awaitable[None]]
App = Callable[[Scope, Ontvang, Stuur], Awaitable[None]]

INSTELLING_BYTES = "BUURTXL_MAX_VERZOEK_MB"
MB = 1_000_000  # the unit of BUURTXL_MAX_VERZOEK_MB
OPRUIMEN_VANAF = 256 * 1024  # bytes of body after which the memory of the call is handed back

logger = logging.getLogger("buurtxl.server")


def te_groot(max_bytes: int) -> Weigering:
    return Weigering(
        413,
        f"Het verzoek is groter dan {getal(max_bytes // MB)} MB, "
        f"de grens van deze server (instelling {INSTELLING_BYTES}). Reken met kleinere bereiken of vraag "
        "de beheerder de grens te verhogen.",
    )


class _Verbroken(BuurtxlFout):
    """The client went away before it had sent its whole request."""


def _malloc_trim() -> Callable[[int], int] | None:
    naam = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(naam).malloc_trim if naam else None
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to hand back this way
        return None


_TRIM = _malloc_trim()


def geef_geheugen_terug() -> None:
    """Collect what a large call left behind and hand the free heap back to the system."""
    gc.collect()
    if _TRIM is not None:
        _TRIM(0)


class Poortwachter:
    """ASGI middleware: see the module docstring."""

    def __init__(self, app: App, *, max_bytes: int, max_cellen: int, aanroep_pad: str,
                 functies: Mapping[str, Functie]) -> None:
        self.app, self.max_bytes, self.max_cellen = app, max_bytes, max_cellen
        self.aanroep_pad, self.functies = aanroep_pad, functies

    async def __call__(self, scope: Scope, receive: Ontvang, send: Stuur) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            body = await self._lees(scope, receive)
            if scope["method"] == "POST" and scope["path"] == self.aanroep_pad:
                controleer(body, self.functies, self.max_cellen)
        except _Verbroken:
            return
        except Weigering as w:
            logger.warning("Verzoek geweigerd (%d) %s %s: %s", w.status, scope["method"], scope["path"], w.melding)
            await _antwoord(send, w.status, w.melding)
            return
        await self.app(scope, _herhaal(body, receive), send)
        if len(body) >= OPRUIMEN_VANAF:
            del body
            geef_geheugen_terug()

    async def _lees(self, scope: Scope, receive: Ontvang) -> bytes:
        for naam, waarde in scope["headers"]:
            # uvicorn's parsers (h11, httptools) refuse a Content-Length that is not a number;
            # isdigit keeps this gate safe behind any other server.
            if naam != b"content-length":
                continue
            if not waarde.isdigit():
                raise Weigering(400, "Het verzoek heeft een ongeldige Content-Length.")
            if int(waarde) > self.max_bytes:
                raise te_groot(self.max_bytes)
        delen: list[bytes] = []
        gelezen = 0
        while True:
            bericht = await receive()
            if bericht["type"] == "http.disconnect":
                raise _Verbroken
            deel = bericht.get("body", b"")
            gelezen += len(deel)
            if gelezen > self.max_bytes:
                raise te_groot(self.max_bytes)
            delen.append(deel)
            if not bericht.get("more_body", False):
                return b"".join(delen)


def _herhaal(body: bytes, receive: Ontvang) -> Ontvang:
    """`receive` for the app behind: the body already read, once, then the client's own messages."""
    gegeven = False

    async def ontvang() -> Bericht:
        nonlocal gegeven
        if gegeven:
            return await receive()
        gegeven = True
        return {"type": "http.request", "body": body, "more_body": False}

    return ontvang


async def _antwoord(send: Stuur, status: int, melding: str) -> None:
    inhoud = melding.encode("utf-8")
    koppen = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(inhoud)).encode())]
    if status == 413:
        koppen.append((b"connection", b"close"))  # the rest of the body is not read
    await send({"type": "http.response.start", "status": status, "headers": koppen})
    await send({"type": "http.response.body", "body": inhoud})
